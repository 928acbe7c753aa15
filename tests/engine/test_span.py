"""plan_span: a report's year or window, planned through the schedule's end and cut to the span."""

from __future__ import annotations

import datetime as dt

from conftest import TODAY

from planner import Plan, Schedule
from planner.engine.span import plan_span


def test_the_span_keeps_the_events_that_touch_it_as_the_whole_plan_places_them(
        roundtable: Schedule, roundtable_plan: Plan) -> None:
    first, last = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    span = plan_span(roundtable, first, last, today=TODAY)
    assert span.horizon == (first, last)
    touching = [e for e in roundtable_plan.events if e.end >= first and e.start <= last]
    assert touching and [(e.id, e.start, e.end) for e in span.events] == [
        (e.id, e.start, e.end) for e in touching]

