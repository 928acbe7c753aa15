"""The plan carries what reports draw and say (cycles, phases, recesses, the events a date
was constrained by), so reports read the plan and never ask the engine again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from planner import Plan, Schedule, make_plan
from planner.i18n import Text, deferred
from planner.plan import PlannedEvent, Provenance, Refusal, Status
from planner.reports.text import explain
from planner.reports.timeline import timeline_svg

D = dt.date
TODAY = D(2026, 11, 23)


def test_the_plan_numbers_each_forums_cycles_with_their_phases(roundtable_plan: Plan) -> None:
    biennial = [c for c in roundtable_plan.cycles
                if c.forum == "roundtable" and c.regime.id == "biennial"]
    assert [(c.number, c.start, c.end) for c in biennial] == [
        (1, D(2024, 1, 1), D(2025, 12, 31)), (2, D(2026, 1, 1), D(2027, 12, 31)),
        (3, D(2028, 1, 1), D(2029, 12, 31))]
    assert [(p.phase.id, p.start, p.end) for p in biennial[1].phases] == [
        ("executive", D(2026, 1, 1), D(2026, 12, 31)), ("visit", D(2027, 1, 1), D(2027, 12, 31))]
    # Every forum's cycles, each touching the horizon, events fall inside one of them.
    first, last = roundtable_plan.horizon
    assert {c.forum for c in roundtable_plan.cycles} == {"roundtable", "dbwg", "scsw"}
    assert all(c.end >= first and c.start <= last for c in roundtable_plan.cycles)


def test_the_plan_carries_the_senates_recesses_in_its_horizon(roundtable_plan: Plan) -> None:
    in_2025 = [(r.body, r.start, r.end) for r in roundtable_plan.recesses() if r.start.year == 2025]
    assert in_2025 == [("senado", D(2025, 1, 1), D(2025, 1, 31)),
                       ("senado", D(2025, 5, 1), D(2025, 8, 31)),
                       ("senado", D(2025, 12, 16), D(2026, 1, 31))]  # across New Year


def _rows(svg: str, role: str) -> str:
    return "".join(re.findall(rf'<g class="row" data-row="{role}".*?</g>', svg, re.S))


def test_the_timeline_draws_the_cycles_and_recesses_the_plan_carries(
        roundtable: Schedule, roundtable_plan: Plan) -> None:
    drawn = timeline_svg(roundtable_plan, roundtable, today=TODAY).svg
    assert _rows(drawn, "recess").count("url(#tl-recess)") == len(roundtable_plan.recesses())
    phase_labels = re.findall(r'class="ph"[^>]*>([^<]*)<', drawn)
    assert phase_labels[:4] == ["Cycle 1", "Visit year", "Cycle 2", "Visit year"]
    bare = dataclasses.replace(roundtable_plan, cycles=(), bodies=())
    undrawn = timeline_svg(bare, roundtable, today=TODAY).svg
    assert "url(#tl-recess)" not in _rows(undrawn, "recess")
    assert 'class="ph"' not in undrawn


def _event(event_id: str, day: D, *refusals: Refusal) -> PlannedEvent:
    return PlannedEvent(
        id=event_id, forum="f", activity=event_id.rsplit(".", 1)[-1], kind="meeting",
        title=Text(event_id), start=day, end=day, status=Status.PLANNED, venue=None,
        location=Text(""), timezone=None, participants=(), description=Text(""),
        provenance=Provenance("earliest allowed day", Text("."), refusals=refusals,
                              candidates=len(refusals) + 1))


def test_explain_names_only_the_events_the_refusals_blame() -> None:
    # The blamed event's id holds another event's id: searching the sentences for ids
    # named both.
    busy = _event("f.yearly.c1.session-2", D(2026, 3, 3))
    other = _event("f.yearly.c1.session", D(2026, 2, 3))
    refused = Refusal(D(2026, 3, 3), "leaders", deferred(
        "{leader} is already at {event} ({start} to {end})", leader=Text("Chief"),
        event=busy.id, start=busy.start, end=busy.end))
    weekend = Refusal(D(2026, 3, 7), "weekdays", deferred("{day} is a Saturday", day=D(2026, 3, 7)))
    placed = _event("g.yearly.c1.talks", D(2026, 3, 9), refused, weekend)
    assert placed.provenance.constrained_by == ("f.yearly.c1.session-2",)
    text = explain(placed, {}, others=(other, busy, placed))
    assert text.split("constrained by:\n")[1].splitlines() == [
        "    f.yearly.c1.session-2  2026-03-03 Tue  f.yearly.c1.session-2"]


def test_plan_event_finds_events_and_series_by_id(roundtable_plan: Plan) -> None:
    for event in roundtable_plan.events:
        assert roundtable_plan.event(event.id) is event
    series = [e for e in roundtable_plan.events if e.series is not None]
    assert series, "the built-in schedule has a regular series"
    first = series[0]
    assert first.series is not None
    assert roundtable_plan.event(first.series.id) is next(
        e for e in roundtable_plan.events if e.series and e.series.id == first.series.id)
    assert roundtable_plan.event("no.such.event") is None


def test_a_plan_for_a_shorter_horizon_carries_only_its_cycles(roundtable: Schedule) -> None:
    plan = make_plan(roundtable, today=TODAY, horizon=(D(2026, 1, 1), D(2026, 12, 31)))
    assert {(c.forum, c.number) for c in plan.cycles if c.forum == "roundtable"} == {
        ("roundtable", 2)}
    assert [(r.start, r.end) for r in plan.recesses()] == [
        (D(2026, 1, 1), D(2026, 1, 31)), (D(2026, 5, 1), D(2026, 8, 31)),
        (D(2026, 12, 16), D(2026, 12, 31))]


_SHARED_LEADER = """
[plan]
name = "Shared leader"
uid_domain = "shared.test"
from = 2026-01-01
to = 2026-12-31

[parties.SEDENA]
name = "SEDENA"
country = "MX"

[leaders.chief]
name = "SEDENA chief of staff"
party = "SEDENA"
travel_days = 2

[venues.mexico_city]
name = "Mexico City"
country = "MX"
timezone = "America/Mexico_City"
""" + "".join(f"""
[forums.{forum}]
name = "{forum}"
parties = ["SEDENA"]
leaders = ["chief"]

[forums.{forum}.activities.session]
title = "{forum} session"
days = 1
weekdays = {weekdays}
preferred_months = [5]
venue = "mexico_city"

[[forums.{forum}.regimes]]
id = "yearly"
cycle_months = 12
start = 2026-01-01
phases = [{{ id = "year", name = "Year", months = [1, 12], activities = ["session"] }}]
""" for forum, weekdays in (("alpha", '["tue"]'), ("beta", '["tue", "wed"]')))


def test_explain_says_which_event_held_the_leader(run: Callable[..., Result],
                                                  write_schedule: Callable[[str, str], Path]) -> None:
    path = write_schedule(_SHARED_LEADER, "shared.toml")
    shown = run("explain", "-s", str(path), "beta.yearly.c1.session").stdout
    assert "[leaders] SEDENA chief of staff is already at alpha.yearly.c1.session" in shown
    assert shown.split("constrained by:\n")[1].splitlines() == [
        "    alpha.yearly.c1.session  2026-05-05 Tue  alpha: alpha session"]
