"""Plan a whole schedule: every forum's activities, exercises, deployments and their tasks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from operator import attrgetter

from planner.collector import collector_paused
from planner.days.closed import ClosedDays
from planner.engine.cycles import expand
from planner.engine.deployments import deployment_events
from planner.engine.exercises import all_windows
from planner.engine.first_fit import Attempt
from planner.engine.placement import Pin
from planner.engine.rules.inside_window import DuringExercise
from planner.engine.tasks import task_events
from planner.errors import Problem
from planner.i18n import N_, Text, deferred, deferred_n, phrase
from planner.plan import (
    CycleDates,
    Plan,
    PlannedEvent,
    Provenance,
    Status,
    at_line_of,
)
from planner.schedule.model import ApprovingBody, Exercise, ExerciseWindow, Forum, Schedule


def make_plan(schedule: Schedule, *, today: dt.date,
              horizon: tuple[dt.date, dt.date] | None = None,
              published: Mapping[str, dt.date] | None = None) -> Plan:
    """Plan `schedule` and keep the events that touch `horizon` (default: the schedule's).

    Everything from each regime's start is planned, so numbering and rotation do not
    depend on the horizon asked for. `today` only decides which warnings apply.
    `published` gives the start day of events already in people's calendars, by event id:
    each keeps it while every rule still allows it (the plan's notes say which moved).

    Raises:
        PlannerError: when no plan gives every activity a day, naming the events and rules
            that cannot hold together and the smallest relaxations that would help.
    """
    with collector_paused():
        return _make_plan(schedule, today, horizon, published or {})


def _make_plan(schedule: Schedule, today: dt.date, horizon: tuple[dt.date, dt.date] | None,
               published: Mapping[str, dt.date]) -> Plan:
    first, last = horizon or (schedule.plan_from, schedule.plan_to)
    closed = ClosedDays(schedule.days)
    # Project exercises past the horizon: a cycle that starts inside it may visit one later.
    exercise_windows = all_windows(schedule.exercises, last + dt.timedelta(days=3660))
    during = DuringExercise(exercise_windows)
    pins = {event_id: Pin(day) for event_id, day in published.items()}
    attempt = Attempt(schedule, closed, during, last, pins)
    if attempt.failures:
        from planner.engine.completion import complete  # loads the solver only when first-fit fails

        pins |= complete(schedule, attempt, Attempt(schedule, closed, during, last, None))
        attempt = Attempt(schedule, closed, during, last, pins)
        if attempt.failures:
            raise RuntimeError(f"the solver's days were refused: {attempt.failures[0][0]}")
    events: list[PlannedEvent] = list(attempt.regular)
    warnings: list[Problem] = []
    for placer in attempt.placers:
        events.extend(placer.finished())
        warnings.extend(_unrecorded(placer.forum, placer.placed, today))
    events.extend(_exercise_events(schedule, exercise_windows))
    deployment_plan = deployment_events(schedule, today, closed)
    events.extend(deployment_plan.events)
    warnings.extend(deployment_plan.warnings)
    events.extend(task_events(schedule, events, closed))
    kept = sorted((e for e in events if e.end >= first and e.start <= last),
                  key=attrgetter("start", "id"))
    return Plan(schedule.name, schedule.calendar_name, schedule.uid_domain, (first, last),
                tuple(kept), tuple(warnings), _moved_notes(attempt, events, published),
                schedule.program, _cycle_dates(schedule, first, last),
                _approving_bodies(schedule))


def _cycle_dates(schedule: Schedule, first: dt.date, last: dt.date) -> tuple[CycleDates, ...]:
    """Every forum's cycles that touch the horizon, for reports to shade by phase."""
    return tuple(
        CycleDates(forum.id, regime, cycle.number, cycle.start, cycle.end, cycle.phases)
        for forum in schedule.forums for regime in forum.regimes
        for cycle in expand(regime, last) if cycle.end >= first)


def _approving_bodies(schedule: Schedule) -> tuple[ApprovingBody, ...]:
    """The bodies that approve a deployment, by id: reports show their recesses."""
    bodies = sorted({window.approving_body for window in schedule.deployments})
    return tuple(schedule.approving_body(body) for body in bodies)


def _moved_notes(attempt: Attempt, events: list[PlannedEvent],
                 published: Mapping[str, dt.date]) -> tuple[str, ...]:
    """One line per published event that had to move, saying why: its day is now refused,
    or the solver needed it to give another event a day."""
    by_id = {event.id: event for event in events}
    moved = N_("moved: {title} ({id}), {old} -> {new}: {why}")
    notes = [deferred(moved, title=by_id[event_id].title, id=event_id, old=old, new=new, why=why)
             for placer in attempt.placers for event_id, old, new, why in placer.moved]
    refused = {event_id for placer in attempt.placers for event_id, *_ in placer.moved}
    for event_id, day in sorted(published.items()):
        event = by_id.get(event_id)
        if event is not None and event.start != day and event_id not in refused \
                and event.provenance.decided_by == "solver":
            notes.append(deferred(moved, title=event.title, id=event_id, old=day,
                                  new=event.start, why=event.provenance.summary))
    return tuple(notes)


def _unrecorded(forum: Forum, placed: list[PlannedEvent], today: dt.date) -> list[Problem]:
    """Planned events already over with no record: the user should say what happened."""
    over = [event for event in placed if event.end < today]
    if not over:
        return []
    where = at_line_of(forum.where, f"forums.{forum.id}.held")
    listed = ", ".join(f"{event.id} ({event.start})" for event in over)
    return [Problem(where, deferred_n("{count} planned event is over with no record: {events}",
                                      "{count} planned events are over with no record: {events}",
                                      len(over), events=listed),
                    deferred("record the real dates as [[held]] entries"))]


def _exercise_events(schedule: Schedule,
                     pairs: Sequence[tuple[Exercise, ExerciseWindow]]) -> list[PlannedEvent]:
    events = []
    seen: Counter[str] = Counter()
    words = cache(_exercise_words)  # an exercise's windows are told alike
    for exercise, window in pairs:
        event_id = f"exercise.{exercise.id}.{window.start.year}"
        seen[event_id] += 1
        if seen[event_id] > 1:  # a second window in the same year
            event_id += f"-{seen[event_id]}"
        venue = schedule.venue(exercise.venue)
        title, description, provenance = words(exercise, window.projected)
        events.append(PlannedEvent(
            id=event_id, forum="exercises", activity=exercise.id, kind="exercise",
            title=title, start=window.start, end=window.end,
            status=Status.PLANNED if window.projected else Status.FIXED, venue=venue.id,
            location=venue.name, timezone=venue.timezone, participants=exercise.participants,
            description=description, provenance=provenance))
    return events


def _exercise_words(exercise: Exercise, projected: bool) -> tuple[Text, Text, Provenance]:
    """The title, description and provenance of a window announced or `projected`."""
    title = exercise.name + (phrase("projected") if projected else Text(""))
    summary = (phrase("why_projected", months=exercise.every_months) if projected
               else phrase("why_fixed_exercise"))
    return (title, Text(f"{exercise.category.replace('-', ' ').capitalize()}."),
            Provenance("projected" if projected else "fixed", summary))
