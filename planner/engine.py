"""Place every activity of every forum on its best allowed day, recording why."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from planner.cycles import Cycle, PhaseWindow, expand
from planner.days.closed import ClosedDays
from planner.deployments import deployment_events
from planner.errors import PlannerError, Problem, Where
from planner.exercises import all_windows
from planner.i18n import EMPTY, Text, join, month_name, ordinal, phrase
from planner.plan import Plan, PlannedEvent, Provenance, Refusal, Status
from planner.rules import Occurrence, Rule
from planner.rules.closed_days import NoBlackouts, NoHolidays
from planner.rules.inside_window import DuringExercise, InsidePhase
from planner.rules.weekdays import AllowedWeekdays
from planner.schedule.model import (
    Activity,
    Exercise,
    ExerciseWindow,
    Forum,
    HeldEvent,
    Precision,
    Schedule,
    Venue,
)


def make_plan(schedule: Schedule, *, today: dt.date,
              horizon: tuple[dt.date, dt.date] | None = None) -> Plan:
    """Plan `schedule` and keep the events that touch `horizon` (default: the schedule's).

    Everything from each regime's start is planned, so numbering and rotation do not
    depend on the horizon asked for. `today` only decides which warnings apply.

    Raises:
        PlannerError: when some activity has no allowed day, naming the rules that refused.
    """
    first, last = horizon or (schedule.plan_from, schedule.plan_to)
    closed = ClosedDays(schedule.days)
    exercise_windows = all_windows(schedule.exercises, last)
    during = DuringExercise(exercise_windows)
    rules: tuple[Rule, ...] = (InsidePhase(), AllowedWeekdays(schedule.days.weekend),
                               NoHolidays(closed), NoBlackouts(closed), during)
    events: list[PlannedEvent] = []
    warnings: list[Problem] = []
    failures: list[Problem] = []
    for forum in schedule.forums:
        placer = _ForumPlacer(schedule, forum, rules, during)
        events.extend(placer.run(last, failures))
        warnings.extend(_unrecorded(forum, placer.placed, today))
    if failures:
        raise PlannerError(*failures)
    events.extend(_exercise_events(schedule, exercise_windows))
    deployment_plan = deployment_events(schedule, today)
    events.extend(deployment_plan.events)
    warnings.extend(deployment_plan.warnings)
    kept = sorted((e for e in events if e.end >= first and e.start <= last),
                  key=lambda e: (e.start, e.id))
    return Plan(schedule.name, schedule.calendar_name, schedule.uid_domain, (first, last),
                tuple(kept), tuple(warnings))


@dataclass(frozen=True, slots=True)
class _Slot:
    """An activity's place in one phase of one cycle, maybe already filled by a held event."""

    cycle: Cycle
    window: PhaseWindow
    activity: Activity
    held: HeldEvent | None = None

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return (self.held.start if self.held else self.window.start, self.activity.id)


class _ForumPlacer:
    """Walks one forum's slots in date order, keeping rotation and numbering state."""

    def __init__(self, schedule: Schedule, forum: Forum, rules: Sequence[Rule],
                 during: DuringExercise) -> None:
        self.schedule = schedule
        self.forum = forum
        self.rules = rules
        self.during = during
        self.last_venue: dict[str, str] = {}
        self.placed: list[PlannedEvent] = []

    def run(self, until: dt.date, failures: list[Problem]) -> list[PlannedEvent]:
        slots, loose = self._slots(until)
        items: list[_Slot | HeldEvent] = [*slots, *loose]
        items.sort(key=lambda i: i.sort_key if isinstance(i, _Slot) else (i.start, i.activity))
        events: list[PlannedEvent] = []
        for item in items:
            if isinstance(item, HeldEvent):
                events.append(self._held(item, None))
            elif item.held is not None:
                events.append(self._held(item.held, item))
            elif item.cycle.regime.planned:
                event = self._place(item, failures)
                if event is not None:
                    events.append(event)
                    self.placed.append(event)
        return self._numbered(events)

    def _slots(self, until: dt.date) -> tuple[list[_Slot], list[HeldEvent]]:
        slots = [_Slot(cycle, window, self.forum.activity(activity_id))
                 for regime in self.forum.regimes for cycle in expand(regime, until)
                 for window in cycle.phases for activity_id in window.phase.activities]
        loose: list[HeldEvent] = []
        for held in sorted(self.forum.held, key=lambda h: h.start):
            index = next((i for i, s in enumerate(slots) if s.held is None
                          and s.activity.id == held.activity
                          and s.window.start <= held.start <= s.window.end), None)
            if index is None:
                loose.append(held)
            else:
                slots[index] = replace(slots[index], held=held)
        return slots, loose

    def _event_id(self, slot: _Slot | None, held: HeldEvent | None) -> str:
        if slot is not None:
            return f"{self.forum.id}.{slot.cycle.regime.id}.c{slot.cycle.number}.{slot.activity.id}"
        assert held is not None
        return f"{self.forum.id}.{held.activity}.{held.start.isoformat()}"

    def _countries(self, activity: Activity, venue: Venue | None) -> frozenset[str]:
        parties = activity.participants or self.forum.parties
        countries = {self.schedule.party(p).country for p in parties}
        if venue is not None:
            countries.add(venue.country)
        return frozenset(countries)

    def _next_venue(self, activity: Activity) -> Venue | None:
        """The venue after the last one used, so hosts take turns (held events count)."""
        if not activity.venues:
            return None
        previous = self.last_venue.get(activity.id)
        if previous in activity.venues:
            following = (activity.venues.index(previous) + 1) % len(activity.venues)
            return self.schedule.venue(activity.venues[following])
        return self.schedule.venue(activity.venues[0])

    def _held(self, held: HeldEvent, slot: _Slot | None) -> PlannedEvent:
        activity = self.forum.activity(held.activity)
        venue = self.schedule.venue(held.venue) if held.venue else None
        if venue is not None:
            self.last_venue[activity.id] = venue.id
        precision = phrase(f"precision_{held.precision.value}")
        provenance = Provenance("held", phrase("why_held", precision=precision))
        return self._event(activity, slot, held.start, held.end, Status.HELD, venue, provenance,
                           event_id=self._event_id(slot, held), number=held.number,
                           note=held.note, precision=held.precision)

    def _place(self, slot: _Slot, failures: list[Problem]) -> PlannedEvent | None:
        activity = slot.activity
        venue = self._next_venue(activity)
        occurrence = Occurrence(self.forum, activity, slot.cycle, slot.window, venue,
                                self._countries(activity, venue))
        choice = choose_day(occurrence, self.rules)
        if isinstance(choice, Problem):
            failures.append(choice)
            return None
        start, provenance = choice
        if activity.during_exercise:
            visited = self.during.visited(start, occurrence)
            assert visited is not None  # the rule allowed the day, so one exercise is under way
            exercise, window = visited
            venue = self.schedule.venue(exercise.venue)
            visit = phrase("why_visit", exercise=exercise.name, start=window.start, end=window.end,
                           projected=phrase("projected_window") if window.projected else "")
            provenance = replace(provenance, summary=provenance.summary + visit)
        elif venue is not None:
            self.last_venue[activity.id] = venue.id
        end = start + dt.timedelta(days=activity.days - 1)
        return self._event(activity, slot, start, end, Status.PLANNED, venue, provenance,
                           event_id=self._event_id(slot, None))

    def _event(self, activity: Activity, slot: _Slot | None, start: dt.date, end: dt.date,
               status: Status, venue: Venue | None, provenance: Provenance, *, event_id: str,
               number: int | None = None, note: Text = EMPTY,
               precision: Precision = Precision.DAY) -> PlannedEvent:
        start_time = end_time = None
        if activity.start_time is not None and activity.hours and venue is not None \
                and precision is Precision.DAY:
            zone = ZoneInfo(venue.timezone)
            start_time = dt.datetime.combine(start, activity.start_time, tzinfo=zone)
            utc_end = start_time.astimezone(dt.UTC) + dt.timedelta(hours=activity.hours)
            end_time = utc_end.astimezone(zone)
        cycle = phase = Text("")
        if slot is not None:
            c = slot.cycle
            cycle = phrase("cycle_label", regime=c.regime.id, number=c.number, start=c.start, end=c.end)
            phase = phrase("span", name=slot.window.phase.name, start=slot.window.start,
                           end=slot.window.end)
        description = join([activity.description, note])
        return PlannedEvent(
            id=event_id, forum=self.forum.id, activity=activity.id, kind=activity.kind,
            title=phrase("forum_title", short=self.forum.short, title=activity.title), start=start,
            end=end, status=status, venue=venue.id if venue else None,
            location=venue.name if venue else Text(""),
            timezone=venue.timezone if venue else None,
            participants=activity.participants or self.forum.parties, description=description,
            provenance=provenance, start_time=start_time, end_time=end_time, cycle=cycle,
            phase=phase, number=number, line_of_effort=activity.line_of_effort)

    def _numbered(self, events: list[PlannedEvent]) -> list[PlannedEvent]:
        """Number the sessions of numbered activities in date order, after the held ones."""
        numbered = {a.id for a in self.forum.activities if a.numbered}
        previous: dict[str, int] = {}
        result = []
        for event in sorted(events, key=lambda e: (e.start, e.id)):
            if event.activity not in numbered:
                result.append(event)
                continue
            number = event.number or previous.get(event.activity, 0) + 1
            previous[event.activity] = number
            title = phrase("numbered", title=event.title, number=ordinal(number))
            result.append(replace(event, number=number, title=title))
        return result


def choose_day(occurrence: Occurrence,
               rules: Sequence[Rule]) -> tuple[dt.date, Provenance] | Problem:
    """The first day, preferred months first, that no rule refuses.

    Returns the day with its provenance, or a Problem naming how many days each rule removed.
    """
    window = occurrence.window
    preferred = set(occurrence.activity.preferred_months)
    days = [window.start + dt.timedelta(days=n) for n in range((window.end - window.start).days + 1)]
    ordered = [d for d in days if d.month in preferred] + [d for d in days if d.month not in preferred]
    refusals: list[Refusal] = []
    removed: Counter[str] = Counter()
    for day in ordered:
        for rule in rules:
            reason = rule.refuse(day, occurrence)
            if reason:
                refusals.append(Refusal(day, rule.name, reason))
                removed[rule.name] += 1
                break
        else:
            return day, Provenance(
                "earliest allowed day", _summary(occurrence, day, preferred, len(refusals)),
                (window.start, window.end), tuple(refusals), tuple(sorted(removed.items())),
                len(refusals) + 1)
    activity = occurrence.activity
    counts = ", ".join(f"{name} removed {count}" for name, count in sorted(removed.items()))
    cycle = occurrence.cycle
    return Problem(
        Where(activity.where.file, activity.where.key, activity.where.line),
        f"no allowed day for {occurrence.forum.id}.{activity.id} in {cycle.regime.id} cycle "
        f"{cycle.number}, phase {window.phase.id!r} ({window.start} to {window.end}): "
        f"{len(days)} candidate days, {counts}",
        "allow more weekdays, widen the phase, shorten the activity or remove a blackout")


def _summary(occurrence: Occurrence, day: dt.date, preferred: set[int], refused: int) -> Text:
    window = occurrence.window
    where = phrase("why_phase", name=window.phase.name, start=window.start, end=window.end)
    if day.month in preferred:
        months = Text(", ".join(month_name(m) for m in sorted(preferred)),
                      ", ".join(month_name(m, "es") for m in sorted(preferred)))
        how = phrase("why_preferred", months=months, where=where)
    elif preferred:
        how = phrase("why_no_preferred", where=where)
    else:
        how = phrase("why_first", where=where)
    return how + (phrase("why_refused", count=refused) if refused else Text(".", "."))


def _unrecorded(forum: Forum, placed: list[PlannedEvent], today: dt.date) -> list[Problem]:
    """Planned events already over with no record: the user should say what happened."""
    over = [event for event in placed if event.end < today]
    if not over:
        return []
    where = Where(forum.where.file, f"forums.{forum.id}.held", forum.where.line)
    listed = ", ".join(f"{event.id} ({event.start})" for event in over)
    return [Problem(where, f"{len(over)} planned events are over with no record: {listed}",
                    "record the real dates as [[held]] entries")]


def _exercise_events(schedule: Schedule,
                     pairs: Sequence[tuple[Exercise, ExerciseWindow]]) -> list[PlannedEvent]:
    events = []
    seen: Counter[str] = Counter()
    for exercise, window in pairs:
        event_id = f"exercise.{exercise.id}.{window.start.year}"
        seen[event_id] += 1
        if seen[event_id] > 1:  # a second window in the same year
            event_id += f"-{seen[event_id]}"
        venue = schedule.venue(exercise.venue)
        projected = phrase("projected") if window.projected else Text("")
        summary = (phrase("why_projected", months=exercise.every_months) if window.projected
                   else phrase("why_fixed_exercise"))
        events.append(PlannedEvent(
            id=event_id, forum="exercises", activity=exercise.id, kind="exercise",
            title=exercise.name + projected, start=window.start, end=window.end,
            status=Status.PLANNED if window.projected else Status.FIXED, venue=venue.id,
            location=venue.name, timezone=venue.timezone, participants=exercise.participants,
            description=Text(f"{exercise.category.replace('-', ' ').capitalize()}."),
            provenance=Provenance("projected" if window.projected else "fixed", summary)))
    return events
