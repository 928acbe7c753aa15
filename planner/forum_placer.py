"""One forum's slots (activity x cycle x phase), filled with held events or placed days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.cycles import Cycle, PhaseWindow, expand
from planner.days.zones import local_span
from planner.diagnosis import with_relaxations
from planner.errors import Problem
from planner.i18n import EMPTY, Text, join, ordinal, phrase
from planner.ledger import Booking, Ledger
from planner.placement import Shared, choose_day
from planner.plan import PlannedEvent, Provenance, Status
from planner.rules import Occurrence, Rule
from planner.rules.inside_window import DuringExercise
from planner.schedule.model import Activity, Forum, HeldEvent, Precision, Schedule, Venue


@dataclass(frozen=True, slots=True)
class Slot:
    """An activity's place in one phase of one cycle, maybe already filled by a held event."""

    cycle: Cycle
    window: PhaseWindow
    activity: Activity
    labels: tuple[Text, Text]  # the cycle's and the phase's, shared by their events
    held: HeldEvent | None = None


class ForumPlacer:
    """Walks one forum's slots in date order, keeping rotation and numbering state."""

    def __init__(self, schedule: Schedule, forum: Forum, rules: Sequence[Rule],
                 during: DuringExercise, ledger: Ledger, shared: Shared) -> None:
        self.schedule = schedule
        self.forum = forum
        self.rules = rules
        self.during = during
        self.ledger = ledger
        self.shared = shared
        self.last_venue: dict[str, str] = {}
        self.events: list[PlannedEvent] = []
        self.placed: list[PlannedEvent] = []
        # Made once per activity: every event of the activity shares them.
        self._titles = {activity.id: phrase("forum_title", short=forum.short, title=activity.title)
                        for activity in forum.activities}
        self._descriptions = {activity.id: join([activity.description])
                              for activity in forum.activities}

    def items(self, until: dt.date) -> list[Slot | HeldEvent]:
        """Every slot to fill and every held event, each held one booked in the ledger now:
        facts constrain everything planned around them, whatever the order of placement."""
        slots, loose = self._slots(until)
        for slot in slots:
            if slot.held is not None:
                self._book(slot.held, self._event_id(slot, slot.held), slot.activity)
        for held in loose:
            self._book(held, self._event_id(None, held), self.forum.activity(held.activity))
        return [*slots, *loose]

    def handle(self, item: Slot | HeldEvent, failures: list[Problem]) -> None:
        if isinstance(item, HeldEvent):
            self.events.append(self._held(item, None))
        elif item.held is not None:
            self.events.append(self._held(item.held, item))
        elif item.cycle.regime.planned:
            event = self._place(item, failures)
            if event is not None:
                self.events.append(event)
                self.placed.append(event)

    def finished(self) -> list[PlannedEvent]:
        return self._numbered(self.events)

    def _book(self, held: HeldEvent, event_id: str, activity: Activity) -> None:
        venue = self.schedule.venue(held.venue) if held.venue else None
        booking = Booking(held.start, held.end, event_id, venue.country if venue else None,
                          activity.remote)
        self.ledger.book(booking, self.forum.id, activity.id, activity.leaders)

    def _slots(self, until: dt.date) -> tuple[list[Slot], list[HeldEvent]]:
        slots: list[Slot] = []
        for regime in self.forum.regimes:
            for cycle in expand(regime, until):
                cycle_label = self.shared.phrase("cycle_label", months=regime.cycle_months,
                                                 number=cycle.number, start=cycle.start,
                                                 end=cycle.end)
                for window in cycle.phases:
                    phase_label = self.shared.phrase("span", name=window.phase.name,
                                                     start=window.start, end=window.end)
                    slots.extend(Slot(cycle, window, self.forum.activity(activity_id),
                                      (cycle_label, phase_label))
                                 for activity_id in window.phase.activities)
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

    def _event_id(self, slot: Slot | None, held: HeldEvent | None) -> str:
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

    def _held(self, held: HeldEvent, slot: Slot | None) -> PlannedEvent:
        activity = self.forum.activity(held.activity)
        venue = self.schedule.venue(held.venue) if held.venue else None
        if venue is not None:
            self.last_venue[activity.id] = venue.id
        precision = phrase(f"precision_{held.precision.value}")
        provenance = Provenance("held", phrase("why_held", precision=precision))
        return self._event(activity, slot, held.start, held.end, Status.HELD, venue, provenance,
                           event_id=self._event_id(slot, held), number=held.number,
                           note=held.note, precision=held.precision)

    def _place(self, slot: Slot, failures: list[Problem]) -> PlannedEvent | None:
        activity = slot.activity
        venue = self._next_venue(activity)
        event_id = self._event_id(slot, None)
        occurrence = Occurrence(self.forum, activity, slot.cycle, slot.window, venue,
                                self._countries(activity, venue), event_id)
        choice = choose_day(occurrence, self.rules, self.shared)
        if isinstance(choice, Problem):
            failures.append(with_relaxations(choice, occurrence, self.rules))
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
        booking = Booking(start, end, event_id, venue.country if venue else None, activity.remote)
        self.ledger.book(booking, self.forum.id, activity.id, activity.leaders)
        return self._event(activity, slot, start, end, Status.PLANNED, venue, provenance,
                           event_id=event_id)

    def _event(self, activity: Activity, slot: Slot | None, start: dt.date, end: dt.date,
               status: Status, venue: Venue | None, provenance: Provenance, *, event_id: str,
               number: int | None = None, note: Text = EMPTY,
               precision: Precision = Precision.DAY) -> PlannedEvent:
        start_time = end_time = None
        if activity.start_time is not None and activity.hours and venue is not None \
                and precision is Precision.DAY:
            start_time, end_time = local_span(start, activity.start_time, activity.hours,
                                              venue.timezone)
        cycle, phase = slot.labels if slot is not None else (EMPTY, EMPTY)
        description = (join([activity.description, note]) if note
                       else self._descriptions[activity.id])
        return PlannedEvent(
            id=event_id, forum=self.forum.id, activity=activity.id, kind=activity.kind,
            title=self._titles[activity.id], start=start,
            end=end, status=status, venue=venue.id if venue else None,
            location=venue.name if venue else EMPTY,
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
