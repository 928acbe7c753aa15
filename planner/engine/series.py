"""Regular staff work: expand each series' recurrence rule, moving dates that are closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from dateutil.rrule import rrulestr

from planner.days.closed import ClosedDays
from planner.days.zones import local_span
from planner.engine.ledger import Booking, Ledger
from planner.errors import PlannerError, Problem
from planner.i18n import Localized, Text, phrase
from planner.plan import PlannedEvent, Provenance, SeriesRef, Status, at_line_of
from planner.schedule.model import Forum, Schedule, Series

_MAX_SHIFT = 7  # a closed date moves at most a week later, else it is dropped
MAX_OCCURRENCES = 20_000  # per series and run: a daily series for 55 years


def series_events(schedule: Schedule, closed: ClosedDays, ledger: Ledger,
                  until: dt.date) -> list[PlannedEvent]:
    """Every occurrence of every series up to `until`, booked in the ledger for its leaders."""
    events = []
    for forum in schedule.forums:
        for series in forum.series:
            events.extend(_expand(schedule, forum, series, closed, ledger, until))
    return events


def _expand(schedule: Schedule, forum: Forum, series: Series, closed: ClosedDays, ledger: Ledger,
            until: dt.date) -> list[PlannedEvent]:
    last = min(series.end or until, until)
    start = dt.datetime.combine(series.start, dt.time())
    rule = rrulestr(f"RRULE:{series.rrule}", dtstart=start)
    dates = _occurrences(series, rule, last)
    on_dates = set(dates)
    venue = schedule.venue(series.venue)
    parties = series.participants or forum.parties
    countries = frozenset({schedule.party(p).country for p in parties} | {venue.country})
    base_id = f"{forum.id}.{series.id}"
    kept: list[dt.date] = []
    moved: list[tuple[dt.date, dt.date, Localized]] = []
    for day in dates:
        reason = closed.why_closed(day, countries)
        if reason is None:
            kept.append(day)
            continue
        for shift in range(1, _MAX_SHIFT + 1):
            later = day + dt.timedelta(days=shift)
            if later > last or later in on_dates:
                break
            if closed.why_closed(later, countries) is None:
                moved.append((day, later, reason))
                break
    ref = SeriesRef(base_id, series.rrule, tuple(sorted(set(dates) - set(kept))))
    summary = phrase("why_series", rule=series.rrule)
    events = [_event(series, forum, venue.id, venue.name, venue.timezone, day, f"{base_id}.{day}",
                     Provenance("recurrence", summary), ref, parties) for day in kept]
    for original, day, reason in moved:
        why = phrase("why_series_moved", day=original, rule=series.rrule, reason=reason)
        moved_event = _event(series, forum, venue.id, venue.name, venue.timezone, day,
                             f"{base_id}.moved-{original}", Provenance("recurrence", why), ref,
                             parties)  # still an occurrence of the series, off its rule
        events.append(replace(moved_event, recurrence_id=original))
    for event in events:
        ledger.book(Booking(event.start, event.end, event.id, venue.country), forum.id, series.id,
                    series.leaders)
    return events


def _occurrences(series: Series, rule: Iterable[dt.datetime], last: dt.date) -> list[dt.date]:
    """The series' days up to `last`, refused beyond MAX_OCCURRENCES (it would not end)."""
    dates: list[dt.date] = []
    for moment in rule:
        if moment.date() > last:
            break
        if len(dates) == MAX_OCCURRENCES:
            raise PlannerError(Problem(
                at_line_of(series.where, series.where.key + ".rrule"),
                f"has more than {MAX_OCCURRENCES:,} occurrences up to {last}, the limit per series",
                "give the series an end date, a larger INTERVAL, or plan a shorter horizon"))
        dates.append(moment.date())
    return dates


def _event(series: Series, forum: Forum, venue_id: str, venue_name: Text, zone: str, day: dt.date,
           event_id: str, provenance: Provenance, ref: SeriesRef | None,
           parties: tuple[str, ...]) -> PlannedEvent:
    start_time = end_time = None
    if series.start_time is not None and series.hours:
        start_time, end_time = local_span(day, series.start_time, series.hours, zone)
    return PlannedEvent(
        id=event_id, forum=forum.id, activity=series.id, kind=series.kind,
        title=phrase("forum_title", short=forum.short, title=series.title), start=day, end=day,
        status=Status.PLANNED, venue=venue_id, location=venue_name, timezone=zone,
        participants=parties, description=series.description, provenance=provenance,
        start_time=start_time, end_time=end_time, line_of_effort=series.line_of_effort,
        series=ref)
