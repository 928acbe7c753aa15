"""Plan a whole schedule: every forum's activities, exercises, deployments and their tasks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from functools import cache
from operator import attrgetter

from planner.collector import collector_paused
from planner.days.closed import ClosedDays
from planner.deployments import deployment_events
from planner.errors import PlannerError, Problem, Where
from planner.exercises import all_windows
from planner.forum_placer import ForumPlacer, Slot
from planner.i18n import Text, phrase
from planner.ledger import Ledger
from planner.placement import Shared
from planner.plan import Plan, PlannedEvent, Provenance, Status, at_line_of
from planner.rules import Rule
from planner.rules.closed_days import NoBlackouts, NoHolidays, NoObservances
from planner.rules.inside_window import DuringExercise, InsidePhase
from planner.rules.leaders import LeadersFree
from planner.rules.spacing import Spaced
from planner.rules.weekdays import AllowedWeekdays
from planner.schedule.model import Exercise, ExerciseWindow, Forum, HeldEvent, Schedule
from planner.series import series_events
from planner.tasks import task_events

# Slots and series occurrences one run may plan, checked before placing any: the theater
# benchmark at scale 3 plans about 92,000; far more would run for many minutes and then
# exhaust memory.
MAX_EVENTS = 250_000


def make_plan(schedule: Schedule, *, today: dt.date,
              horizon: tuple[dt.date, dt.date] | None = None) -> Plan:
    """Plan `schedule` and keep the events that touch `horizon` (default: the schedule's).

    Everything from each regime's start is planned, so numbering and rotation do not
    depend on the horizon asked for. `today` only decides which warnings apply.

    Raises:
        PlannerError: when some activity has no allowed day, naming the rules that refused
            and the smallest relaxations that would make it feasible.
    """
    with collector_paused():
        return _make_plan(schedule, today, horizon)


def _make_plan(schedule: Schedule, today: dt.date,
               horizon: tuple[dt.date, dt.date] | None) -> Plan:
    first, last = horizon or (schedule.plan_from, schedule.plan_to)
    closed = ClosedDays(schedule.days)
    # Project exercises past the horizon: a cycle that starts inside it may visit one later.
    exercise_windows = all_windows(schedule.exercises, last + dt.timedelta(days=3660))
    during = DuringExercise(exercise_windows)
    ledger = Ledger()
    rules = default_rules(schedule, closed, during, ledger)
    shared = Shared()
    placers = [ForumPlacer(schedule, forum, rules, during, ledger, shared)
               for forum in schedule.forums]
    regular = series_events(schedule, closed, ledger, last)  # their rhythm is fixed: book first
    failures: list[Problem] = []
    _place_in_date_order(placers, last, failures, budget=MAX_EVENTS - len(regular),
                         where=Where(schedule.path))
    if failures:
        raise PlannerError(*failures)
    events: list[PlannedEvent] = list(regular)
    warnings: list[Problem] = []
    for placer in placers:
        events.extend(placer.finished())
        warnings.extend(_unrecorded(placer.forum, placer.placed, today))
    events.extend(_exercise_events(schedule, exercise_windows))
    deployment_plan = deployment_events(schedule, today)
    events.extend(deployment_plan.events)
    warnings.extend(deployment_plan.warnings)
    events.extend(task_events(schedule, events, closed))
    kept = sorted((e for e in events if e.end >= first and e.start <= last),
                  key=attrgetter("start", "id"))
    return Plan(schedule.name, schedule.calendar_name, schedule.uid_domain, (first, last),
                tuple(kept), tuple(warnings))


def default_rules(schedule: Schedule, closed: ClosedDays, during: DuringExercise,
                  ledger: Ledger) -> tuple[Rule, ...]:
    """The rules every candidate day goes through, cheapest first."""
    leaders = {leader.id: leader for leader in schedule.leaders}
    return (InsidePhase(), AllowedWeekdays(schedule.days.weekend), NoHolidays(closed),
            NoBlackouts(closed), NoObservances(closed), during, Spaced(ledger),
            LeadersFree(ledger, leaders))


def _place_in_date_order(placers: Sequence[ForumPlacer], until: dt.date,
                         failures: list[Problem], budget: int, where: Where) -> None:
    """Fill every forum's slots in one date order, so leaders and spacing see earlier events.

    Raises:
        PlannerError: when there are more than `budget` slots (see MAX_EVENTS), before any
            is placed.
    """
    queue: list[tuple[tuple[dt.date, str, str], int, ForumPlacer, Slot | HeldEvent]] = []
    for placer in placers:
        if len(queue) > budget:
            raise PlannerError(Problem(where, f"would plan more than {MAX_EVENTS:,} events, the "
                                       "limit per run", "plan a shorter horizon (plan.to, --to) "
                                       "or split the schedule into several files"))
        for item in placer.items(until):
            if isinstance(item, Slot):
                key = (item.held.start if item.held else item.window.start, placer.forum.id,
                       item.activity.id)
            else:
                key = (item.start, placer.forum.id, item.activity)
            queue.append((key, len(queue), placer, item))
    queue.sort(key=lambda entry: (entry[0], entry[1]))
    for _, _, placer, item in queue:
        placer.handle(item, failures)


def _unrecorded(forum: Forum, placed: list[PlannedEvent], today: dt.date) -> list[Problem]:
    """Planned events already over with no record: the user should say what happened."""
    over = [event for event in placed if event.end < today]
    if not over:
        return []
    where = at_line_of(forum.where, f"forums.{forum.id}.held")
    listed = ", ".join(f"{event.id} ({event.start})" for event in over)
    count = "1 planned event is" if len(over) == 1 else f"{len(over)} planned events are"
    return [Problem(where, f"{count} over with no record: {listed}",
                    "record the real dates as [[held]] entries")]


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
