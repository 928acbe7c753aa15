"""The plan of a span of days that may end before the schedule does (a report's year or window)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.engine import make_plan
from planner.plan import Plan
from planner.schedule.model import Schedule


def plan_span(schedule: Schedule, first: dt.date, last: dt.date, *, today: dt.date) -> Plan:
    """The plan's events that touch [first, last], with that span as its horizon.

    A horizon that ends inside a cycle can leave a later phase with no exercise window to
    visit and fail to plan (windows are projected only up to the horizon), so the plan runs
    to the schedule's end at least, and what falls outside the span is dropped after.
    """
    plan = make_plan(schedule, today=today, horizon=(first, max(last, schedule.plan_to)))
    kept = tuple(e for e in plan.events if e.end >= first and e.start <= last)
    return replace(plan, horizon=(first, last), events=kept)
