"""Minimum and maximum gaps between occurrences."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY
from dateutil.relativedelta import relativedelta

from engine.schedules import forum, schedule
from planner import PlannerError, load_schedule, make_plan


def test_exercise_visit_waits_six_months_after_the_executive_session(roundtable_plan):
    sessions = {e.cycle.en: e for e in roundtable_plan.events if e.kind == "executive-session"
                and e.status.value == "planned"}
    for visit in (e for e in roundtable_plan.events if e.kind == "exercise-visit"):
        session = sessions[visit.cycle.en]
        assert visit.start >= session.end + dt.timedelta(days=180)


def test_min_gap_pushes_the_next_session_later(write_schedule):
    text = schedule(forum("talks", venue="mexico_city", preferred="[1]", leaders="[]",
                          extra='spacing = [{ after = "session", min_months = 14 }]'))
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    first, second = [e for e in plan.events if e.forum == "talks"]
    assert first.start == dt.date(2026, 1, 6)
    assert second.start >= dt.date(2027, 3, 7)  # 14 months after Jan 7, 2026
    assert any(r.rule == "spacing" and "too soon after talks.yearly.c1.session" in str(r.reason)
               for r in second.provenance.refusals)


def test_max_gap_that_cannot_hold_is_diagnosed(write_schedule):
    # Sessions only in December, but at most 3 months apart: impossible from the second year.
    text = schedule(forum("talks", venue="mexico_city", months=(12, 12), leaders="[]",
                          extra='spacing = [{ after = "session", max_months = 3 }]'))
    with pytest.raises(PlannerError) as caught:
        make_plan(load_schedule(write_schedule(text)), today=TODAY)
    message = str(caught.value)
    assert "no plan gives these 2 events a day together: talks.yearly.c1.session" in message
    assert "because talks.session must start at most 3 months after session ends" in message
    assert "relax the spacing" in message


def test_spacing_after_an_unknown_activity_is_a_schedule_error(write_schedule, runner):
    from planner.cli import cli

    text = schedule(forum("talks", venue="mexico_city", leaders="[]",
                          extra='spacing = [{ after = "sesion", min_months = 1 }]'))
    result = runner.invoke(cli, ["validate", "-s", str(write_schedule(text))])
    assert result.exit_code == 2
    assert "forums.talks.activities.session.spacing[0].after: unknown activity 'sesion'" in \
        result.output


def test_two_activities_spaced_from_each_other_never_share_a_day(write_schedule):
    # Each at least 3 months after the other: the one placed second used to look only at
    # occurrences starting strictly before its day, so both landed on the same day.
    text = schedule(forum("talks", venue="mexico_city", leaders="[]", activity_id="brief",
                          phase_activities='["brief", "review"]',
                          extra='spacing = [{ after = "review", min_months = 3 }]'))
    text += """
[forums.talks.activities.review]
title = "Review"
days = 2
weekdays = ["tue", "wed", "thu"]
venue = "mexico_city"
spacing = [{ after = "brief", min_months = 3 }]
"""
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    for year in (2026, 2027):
        brief, review = sorted((e for e in plan.events if e.start.year == year),
                               key=lambda e: e.start)
        assert review.start >= brief.end + relativedelta(months=3), (brief.start, review.start)


def test_a_visit_never_lands_on_the_day_of_the_session_it_follows(write_schedule):
    text = schedule(forum("talks", venue="mexico_city", leaders="[]", days=1,
                          activity_id="executive_session",
                          phase_activities='["executive_session", "exercise_visit"]'))
    text += """
[forums.talks.activities.exercise_visit]
title = "Visit"
days = 1
during_exercise = ["drill"]
spacing = [{ after = "executive_session", min_days = 1 }]

[exercises.drill]
name = "Drill"
category = "drill"
venue = "mexico_city"
participants = ["SEDENA"]
windows = [{ start = 2026-01-06, end = 2026-01-20 }, { start = 2027-01-05, end = 2027-01-20 }]
"""
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    for year in (2026, 2027):
        session, visit = (next(e for e in plan.events if e.start.year == year and e.activity == kind)
                          for kind in ("executive_session", "exercise_visit"))
        assert visit.start > session.end, (session.start, visit.start)


def test_placing_the_earlier_activity_respects_the_later_ones_spacing(write_schedule):
    # "brief" sorts first and takes Jan 6; "session" (which brief must follow by 3 months)
    # is placed afterwards and may not take a day that leaves brief too soon after it.
    text = schedule(forum("talks", venue="mexico_city", leaders="[]", activity_id="brief",
                          months=(1, 2), phase_activities='["brief", "session"]',
                          extra='spacing = [{ after = "session", min_months = 3 }]'))
    text += """
[forums.talks.activities.session]
title = "Session"
days = 2
weekdays = ["tue", "wed", "thu"]
venue = "mexico_city"
"""
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    brief, session = (next(e for e in plan.events if e.start.year == 2026 and e.activity == a)
                      for a in ("brief", "session"))
    assert session.start > brief.start  # no session before brief: brief has nothing to follow


def test_planner_check_finds_a_visit_moved_onto_its_session_day(write_schedule):
    import dataclasses

    from planner.analysis.check import Severity, check_plan

    text = schedule(forum("talks", venue="mexico_city", leaders="[]", days=1,
                          activity_id="executive_session",
                          phase_activities='["executive_session", "exercise_visit"]'))
    text += """
[forums.talks.activities.exercise_visit]
title = "Visit"
days = 1
venue = "mexico_city"
spacing = [{ after = "executive_session", min_days = 1 }]
"""
    loaded = load_schedule(write_schedule(text))
    plan = make_plan(loaded, today=TODAY)
    assert not [f for f in check_plan(loaded, plan, TODAY) if f.severity is Severity.HARD]
    session = next(e for e in plan.events if e.activity == "executive_session")
    edited = dataclasses.replace(plan, events=tuple(
        dataclasses.replace(e, start=session.start, end=session.end)
        if e.id == "talks.yearly.c1.exercise_visit" else e for e in plan.events))
    (finding,) = [f for f in check_plan(loaded, edited, TODAY) if f.severity is Severity.HARD]
    assert f"talks.yearly.c1.exercise_visit on {session.start} breaks its spacing after " \
        "talks.yearly.c1.executive_session" in str(finding)
