"""Staff work due before each planned occurrence: reports, read-aheads, invitations."""

from __future__ import annotations

import datetime as dt
from functools import cache, partial

from planner.days.closed import ClosedDays
from planner.i18n import EMPTY, Localized, phrase
from planner.plan import PlannedEvent, Provenance, Status
from planner.schedule.model import Activity, Schedule


def working_day_on_or_before(day: dt.date, closed: ClosedDays,
                             countries: frozenset[str]) -> tuple[dt.date, Localized | None]:
    """The latest day on or before `day` that is not a weekend, holiday or blackout, and why
    `day` itself was not used (None when it was)."""
    reason: Localized | None = None
    while True:
        why = closed.why_closed(day, countries, observances=False)
        if why is None:
            return day, reason
        reason = reason or why
        day -= dt.timedelta(days=1)


def task_events(schedule: Schedule, events: list[PlannedEvent],
                closed: ClosedDays) -> list[PlannedEvent]:
    """One all-day event per task of each planned event (held events need no more work)."""
    activities: dict[tuple[str, str], Activity] = {
        (forum.id, activity.id): activity
        for forum in schedule.forums for activity in forum.activities if activity.tasks}
    countries = {party.id: party.country for party in schedule.parties}
    # Events of one activity mostly share a title, so their tasks' titles repeat.
    task_title = cache(partial(phrase, "task_title"))
    derived = []
    for event in events:
        activity = activities.get((event.forum, event.activity))
        if activity is None or event.status is not Status.PLANNED:
            continue
        # A set, not a generator: every day stepped back is checked against the same holidays.
        involved = frozenset(countries[p] for p in event.participants if p in countries)
        for task in activity.tasks:
            due = event.start - dt.timedelta(days=task.days_before)
            day, reason = working_day_on_or_before(due, closed, involved)
            moved = phrase("task_moved", day=due, reason=reason) if reason is not None else EMPTY
            why = phrase("why_task", days=task.days_before, event=event.title, start=event.start,
                         moved=moved)
            derived.append(PlannedEvent(
                id=f"{event.id}.{task.id}", forum=event.forum, activity=event.activity, kind="task",
                title=task_title(task=task.title, event=event.title), start=day, end=day,
                status=Status.DEADLINE, venue=None, location=EMPTY, timezone=None,
                participants=event.participants, description=EMPTY,
                provenance=Provenance("lead time", why), cycle=event.cycle, phase=event.phase,
                alarm_days=task.alarm_days, line_of_effort=event.line_of_effort))
    return derived
