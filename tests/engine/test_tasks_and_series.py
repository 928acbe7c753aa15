"""Lead-time tasks before sessions, request deadlines, and recurring series."""

from __future__ import annotations

import datetime as dt

from conftest import TODAY

from planner import load_schedule, make_plan
from planner.plan import Status


def test_ame_report_is_due_30_days_before_each_planned_executive_session(roundtable_plan):
    sessions = [e for e in roundtable_plan.events
                if e.kind == "executive-session" and e.status is Status.PLANNED]
    assert sessions
    for session in sessions:
        task = roundtable_plan.event(f"{session.id}.ame-report")
        assert task is not None and task.kind == "task" and task.alarm_days == 7
        due = session.start - dt.timedelta(days=30)
        assert task.start <= due and (due - task.start).days < 5  # moved earlier if closed
        assert task.start.weekday() < 5


def test_task_falling_on_a_weekend_moves_to_the_friday_before(roundtable_plan):
    # 9th session 2026-08-04: invitations 60 days before = Sunday 2026-06-05? (it is a Friday)
    session = roundtable_plan.event("roundtable.biennial.c2.executive_session")
    assert session is not None and session.start == dt.date(2026, 8, 4)
    read_ahead = roundtable_plan.event("roundtable.biennial.c2.executive_session.read-ahead")
    assert read_ahead is not None
    assert read_ahead.start == dt.date(2026, 7, 24)  # Jul 25 is a Saturday
    assert "moved earlier from 2026-07-25" in read_ahead.provenance.summary.en


def test_request_to_the_senate_is_due_30_days_before_its_approval_deadline(roundtable_plan):
    deadline = roundtable_plan.event("deployment.camp_shelby_2026.approval-deadline")
    request = roundtable_plan.event("deployment.camp_shelby_2026.request-deadline")
    assert deadline is not None and request is not None
    assert deadline.start == dt.date(2025, 12, 11)
    assert request.start == dt.date(2025, 11, 11)


def test_quarterly_staff_talks_follow_their_rule_and_skip_holy_week(roundtable_plan):
    talks = [e for e in roundtable_plan.events if e.forum == "staff_talks"]
    on_rule = [e for e in talks if e.series is not None and e.recurrence_id is None]
    assert all(e.start.weekday() == 1 and 8 <= e.start.day <= 14 for e in on_rule)
    assert {e.start.month for e in on_rule} == {1, 4, 7, 10}
    moved = [e for e in talks if e.recurrence_id is not None]
    assert [e.start for e in moved] == [dt.date(2028, 4, 17)]  # Apr 11, 2028 is in Holy Week
    assert moved[0].recurrence_id == dt.date(2028, 4, 11) and moved[0].series == on_rule[0].series
    assert dt.date(2028, 4, 11) in on_rule[0].series.exdates  # type: ignore[union-attr]
    assert "Holy Week (MX)" in moved[0].provenance.summary.en


def test_series_rule_with_count_is_refused(write_schedule, runner):
    from planner.cli import cli

    base = open("tests/minimal.toml", encoding="utf-8").read()
    path = write_schedule(base + """
[forums.talks.series.monthly]
title = "Monthly call"
rrule = "FREQ=MONTHLY;COUNT=3"
start = 2026-01-01
venue = "mexico_city"
""")
    result = runner.invoke(cli, ["validate", "-s", str(path)])
    assert result.exit_code == 2
    assert "forums.talks.series.monthly.rrule: must not hold COUNT or UNTIL" in result.output


def test_rotation_counts_held_events(write_schedule):
    base = open("tests/minimal.toml", encoding="utf-8").read()
    base = base.replace("from = 2026-01-01", "from = 2025-01-01").replace(
        "start = 2026-01-01\nphases", "start = 2025-01-01\nphases")
    path = write_schedule(base + """
[[forums.talks.held]]
activity = "meeting"
number = 4
date = 2025-05-06
venue = "mexico_city"
""")
    plan = make_plan(load_schedule(path), today=TODAY)
    meetings = [e for e in plan.events if e.activity == "meeting"]
    assert [(e.number, e.venue, e.status) for e in meetings] == [
        (4, "mexico_city", Status.HELD), (5, "colorado_springs", Status.PLANNED),
        (6, "mexico_city", Status.PLANNED)]


def test_a_task_stepped_back_checks_every_earlier_day_against_the_participants_holidays(
        write_schedule):
    # Due Friday 2026-06-19, Juneteenth (US); Thursday the 18th is the Queen Mother's
    # birthday in Cambodia, a participant's country though not in [days] holidays: the 17th.
    from engine.schedules import forum, schedule

    board = forum("board", venue="mexico_city", months=(7, 7), weekdays='["tue"]', days=1,
                  extra='tasks = [{ id = "brief", title = "Brief", days_before = 18 }]')
    board = board.replace('parties = ["USNORTHCOM", "SEDENA"]',
                          'parties = ["USNORTHCOM", "SEDENA", "RCAF"]')
    text = schedule(board) + '\n[parties.RCAF]\nname = "RCAF"\ncountry = "KH"\n'
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    session = plan.event("board.yearly.c1.session")
    assert session is not None and session.start == dt.date(2026, 7, 7)
    brief = plan.event("board.yearly.c1.session.brief")
    assert brief is not None and brief.start == dt.date(2026, 6, 17)
