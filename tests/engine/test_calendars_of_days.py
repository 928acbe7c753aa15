"""Holy Week, military days and yearly blackouts close days when the schedule asks."""

from __future__ import annotations

import datetime as dt

from conftest import TODAY
from dateutil.easter import easter

from engine.schedules import forum, schedule
from planner import load_schedule, make_plan


def _first(text: str, write_schedule) -> dt.date:  # type: ignore[no-untyped-def]
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    return next(e.start for e in plan.events if e.forum == "talks")


def test_holy_week_is_avoided_for_mexican_events_when_asked(write_schedule):
    palm_sunday = easter(2026) - dt.timedelta(days=7)  # 2026-03-29
    talks = forum("talks", venue="mexico_city", months=(4, 4), leaders="[]", days=1,
                  weekdays='["mon", "tue", "wed", "thu", "fri"]')
    assert _first(schedule(talks), write_schedule) == dt.date(2026, 4, 1)
    day = _first(schedule(talks, days='holy_week = ["MX"]'), write_schedule)
    assert day == easter(2026) + dt.timedelta(days=1) and day > palm_sunday


def test_military_day_refusal_is_named(write_schedule):
    talks = forum("talks", venue="mexico_city", months=(6, 6), leaders="[]", days=1,
                  weekdays='["mon"]')
    plan = make_plan(load_schedule(write_schedule(schedule(talks, days='military_days = ["MX"]'))),
                     today=TODAY)
    event = next(e for e in plan.events if e.forum == "talks")
    assert event.start == dt.date(2026, 6, 8)  # Jun 1, 2026 is a Monday: Navy Day
    assert event.provenance.refusals[0].rule == "observances"
    assert event.provenance.refusals[0].reason.get("en") == "2026-06-01 is Navy Day (MX)"
    assert event.provenance.refusals[0].reason.get("es") == "el 2026-06-01 es Día de la Marina (MX)"


def test_yearly_blackout_for_the_us_fiscal_year_end(write_schedule):
    talks = forum("talks", venue="colorado_springs", months=(9, 9), leaders="[]", days=1,
                  weekdays='["mon", "tue", "wed", "thu", "fri"]', preferred="[9]")
    blackout = 'yearly_blackouts = [{ from = "09-01", to = "09-29", reason = "FY end" }]'
    day = _first(schedule(talks, days=blackout), write_schedule)
    assert day == dt.date(2026, 9, 30)
