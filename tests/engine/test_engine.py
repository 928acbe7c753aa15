"""Placement, numbering, rotation, provenance and infeasibility of the rules engine."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import holidays
import pytest
from click.testing import CliRunner
from conftest import TODAY

from planner import Plan, PlannedEvent, PlannerError, Schedule, Status, load_schedule, make_plan
from planner.cli import cli

D = dt.date


def of_kind(plan: Plan, kind: str, status: Status | None = None) -> list[PlannedEvent]:
    return [e for e in plan.events if e.kind == kind and (status is None or e.status is status)]


def days_of(event: PlannedEvent) -> list[dt.date]:
    return [event.start + dt.timedelta(days=n) for n in range((event.end - event.start).days + 1)]


def test_seventh_roundtable_is_august_2023_in_colorado_springs(roundtable_plan: Plan) -> None:
    (seventh,) = [e for e in of_kind(roundtable_plan, "executive-session") if e.number == 7]
    assert (seventh.start, seventh.end) == (D(2023, 8, 1), D(2023, 8, 31))
    assert seventh.status is Status.HELD
    assert seventh.venue == "colorado_springs"
    assert seventh.title.en == "BMCR: Executive session (7th)"


@pytest.mark.parametrize("year", [2024, 2026, 2028], ids=["cycle-1", "cycle-2", "cycle-3"])
def test_one_executive_session_in_months_1_to_12_and_one_visit_in_months_13_to_24(
        roundtable_plan: Plan, year: int) -> None:
    first_year = (D(year, 1, 1), D(year, 12, 31))
    second_year = (D(year + 1, 1, 1), D(year + 1, 12, 31))

    def inside(events: list[PlannedEvent], span: tuple[dt.date, dt.date]) -> int:
        return sum(span[0] <= e.start and e.end <= span[1] for e in events)

    sessions = of_kind(roundtable_plan, "executive-session")
    visits = of_kind(roundtable_plan, "exercise-visit")
    assert (inside(sessions, first_year), inside(sessions, second_year)) == (1, 0)
    assert (inside(visits, first_year), inside(visits, second_year)) == (0, 1)


def test_sessions_after_the_held_seventh_are_numbered_8th_9th_10th(roundtable_plan: Plan) -> None:
    planned = of_kind(roundtable_plan, "executive-session", Status.PLANNED)
    assert [(e.number, e.start.year) for e in planned] == [(8, 2024), (9, 2026), (10, 2028)]
    assert [e.title.en for e in planned] == [f"BMCR: Executive session ({n})"
                                             for n in ("8th", "9th", "10th")]


def test_dbwg_sessions_continue_numbering_after_the_held_eleventh(roundtable_plan: Plan) -> None:
    sessions = of_kind(roundtable_plan, "working-group")
    assert [e.number for e in sessions] == list(range(10, 10 + len(sessions)))
    assert [e.start.year for e in sessions if e.status is Status.PLANNED] == list(range(2023, 2030))


def test_executive_sessions_alternate_hosts_counting_the_held_one(roundtable_plan: Plan) -> None:
    sessions = [e for e in of_kind(roundtable_plan, "executive-session") if e.number and e.number >= 7]
    assert [e.venue for e in sessions] == ["colorado_springs", "mexico_city", "colorado_springs",
                                           "mexico_city"]
    dbwg = [e.venue for e in of_kind(roundtable_plan, "working-group") if e.number and e.number >= 11]
    assert dbwg[:4] == ["pentagon", "mexico_city", "pentagon", "mexico_city"]


def test_a_held_session_in_mexico_city_makes_the_next_host_colorado_springs(
        roundtable: Schedule) -> None:
    forum = roundtable.forums[0]
    held = tuple(dataclasses.replace(h, venue="mexico_city") if h.number == 7 else h
                 for h in forum.held)
    changed = dataclasses.replace(roundtable, forums=(dataclasses.replace(forum, held=held),
                                                      *roundtable.forums[1:]))
    plan = make_plan(changed, today=TODAY)
    eighth = next(e for e in plan.events if e.kind == "executive-session" and e.number == 8)
    assert eighth.venue == "colorado_springs"


def planned_forum_events(plan: Plan) -> list[PlannedEvent]:
    forums = {"roundtable", "dbwg", "scsw", "staff_talks"}
    return [e for e in plan.events if e.forum in forums and e.status in (Status.PLANNED, Status.DEADLINE)]


def test_nothing_planned_on_a_weekend(roundtable_plan: Plan) -> None:
    events = planned_forum_events(roundtable_plan)
    assert len(events) > 20
    for event in events:
        for day in days_of(event):
            assert day.weekday() < 5, f"{event.id} on {day:%A} {day}"


def test_nothing_planned_on_a_us_or_mexican_public_holiday(roundtable_plan: Plan) -> None:
    years = range(2016, 2031)
    closed = holidays.country_holidays("US", years=years) + holidays.country_holidays("MX", years=years)
    events = planned_forum_events(roundtable_plan)
    for event in events:
        for day in days_of(event):
            assert day not in closed, f"{event.id} on {day}: {closed.get(day)}"


def test_a_mexican_holiday_refused_a_candidate_day(roundtable_plan: Plan) -> None:
    # Oct 1, 2024 was a Mexican public holiday (the presidential inauguration).
    dbwg = roundtable_plan.event("dbwg.yearly.c4.session")
    assert dbwg is not None
    first = dbwg.provenance.refusals[0]
    assert (first.day, first.rule) == (D(2024, 10, 1), "holidays")
    assert "(MX)" in str(first.reason)
    assert dbwg.start == D(2024, 10, 2)


@pytest.mark.parametrize(("kind", "month"), [
    ("executive-session", 8), ("working-group", 10), ("workshop", 2), ("vtc", 3),
], ids=["executive-august", "dbwg-october", "scsw-february", "call-march"])
def test_preferred_months_are_honoured(roundtable_plan: Plan, kind: str, month: int) -> None:
    planned = of_kind(roundtable_plan, kind, Status.PLANNED)
    assert planned
    assert {e.start.month for e in planned} == {month}


def test_every_exercise_visit_falls_inside_an_exercise_window(roundtable_plan: Plan) -> None:
    exercises = of_kind(roundtable_plan, "exercise")
    visits = of_kind(roundtable_plan, "exercise-visit")
    assert len(visits) == 3
    for visit in visits:
        hosts = [x for x in exercises if x.start <= visit.start and visit.end <= x.end]
        assert hosts, f"{visit.id} on {visit.start} is outside every exercise"
        assert visit.venue == hosts[0].venue


def test_2027_visit_falls_in_the_projected_fenix_window(roundtable_plan: Plan) -> None:
    visit = roundtable_plan.event("roundtable.biennial.c2.exercise_visit")
    fenix = roundtable_plan.event("exercise.fenix.2027")
    assert visit is not None and fenix is not None
    assert (fenix.start, fenix.end) == (D(2027, 3, 24), D(2027, 4, 23))
    assert fenix.status is Status.PLANNED  # projected, not announced
    assert "projected" in fenix.title.en
    assert fenix.start <= visit.start <= fenix.end
    assert "Fénix" in visit.provenance.summary.en


def test_two_plans_of_the_same_schedule_are_equal(roundtable: Schedule) -> None:
    again = load_schedule(roundtable.path)
    assert make_plan(roundtable, today=TODAY) == make_plan(again, today=TODAY)


def test_horizon_filters_events_without_renumbering(roundtable_plan: Plan, roundtable: Schedule) -> None:
    late = make_plan(roundtable, today=TODAY, horizon=(D(2028, 1, 1), D(2029, 12, 31)))
    assert late.horizon == (D(2028, 1, 1), D(2029, 12, 31))
    assert all(e.end >= D(2028, 1, 1) and e.start <= D(2029, 12, 31) for e in late.events)
    full = {e.id: e for e in roundtable_plan.events}
    assert late.events
    for event in late.events:
        assert event == full[event.id]
    tenth = next(e for e in late.events if e.kind == "executive-session")
    assert (tenth.number, tenth.venue) == (10, "mexico_city")


def test_horizon_ending_before_a_projected_exercise_still_plans(roundtable: Schedule) -> None:
    plan = make_plan(roundtable, today=TODAY, horizon=(D(2026, 1, 1), D(2027, 3, 1)))
    assert plan.event("roundtable.biennial.c2.executive_session") is not None


def test_provenance_lists_refused_candidates_with_rule_names(roundtable_plan: Plan) -> None:
    ninth = roundtable_plan.event("roundtable.biennial.c2.executive_session")
    assert ninth is not None
    assert ninth.start == D(2026, 8, 4)
    why = ninth.provenance
    assert why.decided_by == "earliest allowed day"
    assert [(r.day, r.rule) for r in why.refusals] == [
        (D(2026, 8, 1), "weekdays"), (D(2026, 8, 2), "weekdays"), (D(2026, 8, 3), "weekdays")]
    assert "Saturday" in str(why.refusals[0].reason)
    assert dict(why.removed) == {"weekdays": 3}
    assert why.candidates == 4
    assert why.window == (D(2026, 1, 1), D(2026, 12, 31))
    assert "August" in why.summary.en


def test_held_events_say_they_are_facts(roundtable_plan: Plan) -> None:
    seventh = roundtable_plan.event("roundtable.annual.c8.executive_session")
    assert seventh is not None
    assert seventh.provenance.decided_by == "held"
    assert "only the month is recorded" in seventh.provenance.summary.en
    assert seventh.provenance.refusals == ()


INFEASIBLE_CHANGES = {
    "[days]\n": '[days]\nblackouts = [{ from = 2026-01-01, to = 2026-01-31, reason = "Leave" }]\n',
    'days = 2\nweekdays = ["tue", "wed", "thu"]': 'days = 1\nweekdays = ["mon"]',
    "months = [1, 12]": "months = [1, 1]",
}


def infeasible_text(minimal_text: str) -> str:
    text = minimal_text
    for old, new in INFEASIBLE_CHANGES.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_window_with_no_allowed_day_names_activity_window_and_counts_per_rule(
        minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    # January 2026, Mondays only: Jan 19 is Martin Luther King Jr. Day, the others blacked out.
    schedule = load_schedule(write_schedule(infeasible_text(minimal_text)))
    with pytest.raises(PlannerError) as caught:
        make_plan(schedule, today=TODAY)
    (problem,) = caught.value.problems
    assert "no allowed day for talks.meeting in yearly cycle 1" in problem.message
    assert "phase 'year' (2026-01-01 to 2026-01-31)" in problem.message
    assert ("31 candidate days, blackouts removed 3, holidays removed 1, weekdays removed 27"
            in problem.message)
    assert problem.where.key == "forums.talks.activities.meeting"
    assert problem.where.line is not None
    assert problem.hint


def test_validate_reports_an_infeasible_window_without_a_traceback(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    path = write_schedule(infeasible_text(minimal_text))
    result = runner.invoke(cli, ["validate", "-s", str(path), "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "weekdays removed 27" in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"{path}:")


def test_planned_events_already_over_are_warned_about(roundtable_plan: Plan) -> None:
    text = "\n".join(str(w) for w in roundtable_plan.warnings)
    assert "roundtable.biennial.c2.executive_session (2026-08-04)" in text
    assert "over with no record" in text
    assert "roundtable.biennial.c3.executive_session" not in text  # 2028: still ahead


def test_no_warning_about_events_that_are_still_ahead(roundtable: Schedule) -> None:
    plan = make_plan(roundtable, today=D(2016, 1, 1))
    assert not [w for w in plan.warnings if "over with no record" in w.message]


def test_today_changes_warnings_but_not_the_events(roundtable: Schedule, roundtable_plan: Plan) -> None:
    early = make_plan(roundtable, today=D(2016, 1, 1))
    assert early.events == roundtable_plan.events
    assert early.warnings != roundtable_plan.warnings


def test_events_are_sorted_by_start_then_id(roundtable_plan: Plan) -> None:
    keys = [(e.start, e.id) for e in roundtable_plan.events]
    assert keys == sorted(keys)
    assert len({e.id for e in roundtable_plan.events}) == len(keys)


def test_an_ordinary_plan_never_loads_the_solver() -> None:
    """First-fit places the built-in schedule: ortools (CP-SAT) is not even imported."""
    import subprocess
    import sys

    code = ("import sys, datetime\nfrom planner import load_schedule, make_plan\n"
            "from planner.schedule.packaged import default_schedule\n"
            "make_plan(load_schedule(default_schedule()), today=datetime.date(2026, 11, 23))\n"
            "assert not [m for m in sys.modules if m.startswith('ortools')], 'ortools loaded'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
