"""When a legislature sits, and so the last day it can approve a deployment."""

from __future__ import annotations

import datetime as dt

from planner.schedule.model import ApprovingBody

_SEARCH_DAYS = 800  # two years back always reaches a sitting period


def sits_on(body: ApprovingBody, day: dt.date) -> bool:
    """Whether `day` falls in one of the body's ordinary periods (with any extension)."""
    key = (day.month, day.day)
    last_in_year = max(body.periods, key=lambda period: period.end)
    for period in body.periods:
        end = period.end
        if period is last_in_year and day.year in body.extended_years:
            end = max(end, body.extended_end)
        if period.start <= end and period.start <= key <= end:
            return True
        if period.start > end and (key >= period.start or key <= end):  # runs past Dec 31
            return True
    return False


def approval_deadline(body: ApprovingBody, window_start: dt.date) -> dt.date | None:
    """The last sitting day before the window starts.

    A window that starts during a recess therefore needs its vote by the end of the
    preceding period: the recess body cannot approve.
    """
    day = window_start - dt.timedelta(days=1)
    for _ in range(_SEARCH_DAYS):
        if day.weekday() in body.sitting_weekdays and sits_on(body, day):
            return day
        day -= dt.timedelta(days=1)
    return None


def recesses(body: ApprovingBody, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The recess spans between `first` and `last`, for timelines and explanations."""
    spans: list[tuple[dt.date, dt.date]] = []
    start: dt.date | None = None
    day = first
    while day <= last:
        if not sits_on(body, day):
            start = start or day
        elif start is not None:
            spans.append((start, day - dt.timedelta(days=1)))
            start = None
        day += dt.timedelta(days=1)
    if start is not None:
        spans.append((start, last))
    return spans
