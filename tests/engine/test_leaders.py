"""A leader is never in two events at once, and has travel days between countries."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from engine.schedules import forum, schedule, visit_forum
from planner import PlannerError, load_schedule, make_plan


def _events(plan, forum_id):  # type: ignore[no-untyped-def]
    return [e for e in plan.events if e.forum == forum_id]


def test_two_forums_sharing_a_leader_do_not_overlap_and_leave_travel_days(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]"),
                    forum("beta", venue="colorado_springs", preferred="[5]"))
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    alpha, beta = _events(plan, "alpha")[0], _events(plan, "beta")[0]
    assert alpha.start == dt.date(2026, 5, 5)  # first Tue in May 2026
    # beta wanted the same days; Mexico City -> Colorado Springs needs 2 free days between.
    assert beta.start > alpha.end + dt.timedelta(days=2)
    refused = [r for r in beta.provenance.refusals if r.rule == "leaders"]
    assert refused and "alpha.yearly.c1.session" in str(refused[0].reason)


def test_same_country_events_may_be_back_to_back(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]", days=1,
                          weekdays='["tue"]'),
                    forum("beta", venue="mexico_city", preferred="[5]", days=1,
                          weekdays='["tue", "wed"]'))
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    alpha, beta = _events(plan, "alpha")[0], _events(plan, "beta")[0]
    assert (alpha.start, beta.start) == (dt.date(2026, 5, 5), dt.date(2026, 5, 6))


def test_a_same_country_clash_is_called_a_double_booking_not_a_travel_problem(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]", days=1,
                          weekdays='["tue"]'),
                    forum("beta", venue="mexico_city", preferred="[5]", days=1,
                          weekdays='["tue", "wed"]'))
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    refused = [r for r in _events(plan, "beta")[0].provenance.refusals if r.rule == "leaders"]
    assert refused and refused[0].day == dt.date(2026, 5, 5)
    reason = str(refused[0].reason)
    assert "is already at alpha.yearly.c1.session (2026-05-05 to 2026-05-05)" in reason
    assert "travel" not in reason


def test_travel_days_are_configurable(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]", days=1, weekdays='["tue"]'),
                    forum("beta", venue="colorado_springs", preferred="[5]", days=1,
                          weekdays='["tue", "wed", "thu", "fri"]'), travel_days=0)
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    assert _events(plan, "beta")[0].start == dt.date(2026, 5, 6)


def test_held_event_blocks_the_leader_for_planned_ones(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]",
                          extra=""),
                    forum("beta", venue="colorado_springs", preferred="[3]"))
    text += """
[[forums.beta.held]]
activity = "session"
start = 2026-05-05
end = 2026-05-06
venue = "colorado_springs"
"""
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    alpha = _events(plan, "alpha")[0]
    assert alpha.start >= dt.date(2026, 5, 9)  # 2 travel days after May 6


def test_leader_who_can_never_attend_gives_a_diagnosis_naming_the_leader_rule(write_schedule):
    # A blackout leaves only the week of May 4 in May; alpha takes it, so beta has none.
    weekdays = '["mon", "tue", "wed", "thu", "fri"]'
    text = schedule(forum("alpha", venue="mexico_city", months=(5, 5), days=5, weekdays=weekdays),
                    forum("beta", venue="colorado_springs", months=(5, 5), days=5,
                          weekdays=weekdays),
                    days='blackouts = [{ from = 2026-05-11, to = 2026-05-31, reason = "leave" }]')
    with pytest.raises(PlannerError) as caught:
        make_plan(load_schedule(write_schedule(text)), today=TODAY)
    message = str(caught.value)
    # Both events, each with its file:line and the days the calendar leaves it, and the rule
    # that ties them; one problem, not one per event.
    assert len(caught.value.problems) == 1
    assert "no plan gives these 2 events a day together: alpha.yearly.c1.session (" in message
    assert "schedule.toml:40: only 2026-05-04); beta.yearly.c1.session (" in message
    assert "schedule.toml:59: only 2026-05-04); because they share leader SEDENA chief of staff " \
        "(2 travel days between countries)" in message
    assert "free the leaders' calendars (move the other event or send a deputy) (first day " \
        "then: 2026-05-04)" in message
    assert "widen the phase by" in message


EXERCISE = """
[exercises.drill]
name = "Drill"
category = "drill"
venue = "{venue}"
participants = ["SEDENA"]
every_months = 12
windows = [{{ start = {start}, end = {end} }}]
"""
WORKDAYS = '["mon", "tue", "wed", "thu", "fri"]'


def test_a_visit_is_in_its_exercise_venues_country_for_travel_days(write_schedule):
    # alpha meets in Mexico City on Tuesdays in June; the visit to a drill in Mexico City may
    # be the day before or after, back to back: same country, no travel days.
    text = schedule(forum("alpha", venue="mexico_city", months=(6, 6), days=1,
                          weekdays='["tue"]'),
                    visit_forum("bravo", months=(6, 6)))
    text += EXERCISE.format(venue="mexico_city", start="2026-06-01", end="2026-06-30")
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    alphas, visits = _events(plan, "alpha"), [e for e in _events(plan, "bravo")
                                               if e.kind != "exercise"]
    assert [(a.start, v.start, v.venue) for a, v in zip(alphas, visits, strict=True)] == [
        (dt.date(2026, 6, 2), dt.date(2026, 6, 1), "mexico_city"),
        (dt.date(2027, 6, 1), dt.date(2027, 6, 2), "mexico_city")]


def shared_leader_case() -> str:
    """alpha may meet on any working day of June; bravo's visit only on June 1 (a one-day
    drill in another country); they share a leader with 2 travel days."""
    text = schedule(forum("alpha", venue="mexico_city", months=(6, 6), days=1,
                          weekdays=WORKDAYS), visit_forum("bravo", months=(6, 6)))
    return text + EXERCISE.format(venue="colorado_springs", start="2026-06-01", end="2026-06-01")


def test_a_shared_leader_case_that_first_fit_gets_wrong_is_planned(write_schedule):
    plan = make_plan(load_schedule(write_schedule(shared_leader_case())), today=TODAY)
    alpha, visit = _events(plan, "alpha")[0], _events(plan, "bravo")[0]
    assert visit.start == dt.date(2026, 6, 1)
    assert alpha.start == dt.date(2026, 6, 4)  # June 2 and 3 are the leader's travel days


def test_explain_says_why_the_solver_moved_an_event(write_schedule, runner):
    from planner.cli import cli

    path = str(write_schedule(shared_leader_case()))
    moved = runner.invoke(cli, ["explain", "alpha.yearly.c1.session", "-s", path, "--today",
                                "2026-01-01"])
    assert moved.exit_code == 0, moved.output
    assert "decided by: solver" in moved.output
    assert "its first choice 2026-06-01 would leave bravo.yearly.c1.visit no day (shared " \
        "leader SEDENA chief of staff, 2 travel days)" in moved.output
    placed = runner.invoke(cli, ["explain", "bravo.yearly.c1.visit", "-s", path, "--today",
                                 "2026-01-01"])
    assert "First-fit left it no day in phase 'Year'" in placed.output


def test_planner_check_finds_a_leader_without_travel_days_in_an_edited_plan(write_schedule):
    import dataclasses

    from planner.analysis.check import Severity, check_plan

    loaded = load_schedule(write_schedule(shared_leader_case()))
    plan = make_plan(loaded, today=TODAY)
    assert not [f for f in check_plan(loaded, plan, TODAY) if f.severity is Severity.HARD]
    june_2 = dt.date(2026, 6, 2)  # the day after the visit, in another country
    edited = dataclasses.replace(plan, events=tuple(
        dataclasses.replace(e, start=june_2, end=june_2) if e.id == "alpha.yearly.c1.session"
        else e for e in plan.events))
    (finding,) = [f for f in check_plan(loaded, edited, TODAY) if f.severity is Severity.HARD]
    assert "SEDENA chief of staff is at bravo.yearly.c1.visit (2026-06-01 to 2026-06-01) and " \
        "alpha.yearly.c1.session from 2026-06-02, with fewer than 2 travel days" in str(finding)


def test_a_plan_the_solver_made_is_the_same_bytes_on_every_run(write_schedule):
    import os
    import subprocess
    import sys

    path = str(write_schedule(shared_leader_case()))
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1767225600"}
        done = subprocess.run([sys.executable, "-m", "planner", "generate", "-s", path, "-o", "-",
                               "--today", "2026-01-01"], capture_output=True, env=env,
                              check=True, timeout=120)
        assert b"DTSTART;VALUE=DATE:20260604" in done.stdout  # alpha, moved by the solver
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_no_plan_names_only_the_events_that_cannot_hold_together(write_schedule):
    # Two visits to the same one-day drill in another country share the leader; a third
    # forum with the whole of June shares the leader too but is not part of the conflict.
    text = schedule(forum("alpha", venue="mexico_city", months=(6, 6), days=1,
                          weekdays=WORKDAYS),
                    visit_forum("bravo", months=(6, 6)), visit_forum("charlie", months=(6, 6)))
    text += EXERCISE.format(venue="colorado_springs", start="2026-06-01", end="2026-06-01")
    with pytest.raises(PlannerError) as caught:
        make_plan(load_schedule(write_schedule(text)), today=TODAY)
    message = str(caught.value)
    assert "no plan gives these 2 events a day together: bravo.yearly.c1.visit (" in message
    assert "charlie.yearly.c1.visit (" in message and "only 2026-06-01" in message
    assert "alpha" not in message.split("smallest relaxations")[0]
