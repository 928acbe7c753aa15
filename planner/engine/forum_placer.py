"""One forum's slots (activity x cycle x phase), filled with held events or placed days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.days.zones import local_span
from planner.engine.cycles import Cycle, expand
from planner.engine.ledger import Booking, Ledger
from planner.engine.placement import Pin, Shared, choose_day, refusal
from planner.engine.rules import Occurrence, Rule
from planner.engine.rules.inside_window import DuringExercise
from planner.errors import Problem
from planner.i18n import EMPTY, Text, join, ordinal, phrase
from planner.plan import PhaseDates, PlannedEvent, Provenance, Status
from planner.schedule.model import Activity, Forum, HeldEvent, Precision, Schedule, Venue


@dataclass(frozen=True, slots=True)
class Slot:
    """An activity's place in one phase of one cycle, maybe already filled by a held event."""

    cycle: Cycle
    window: PhaseDates
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
        self.moved: list[tuple[str, dt.date, dt.date, str]] = []  # id, published, new, why
        self.chosen: dict[str, Pin] = {}  # each placed event's day and why, by event id
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

    def prepare(self, item: Slot | HeldEvent) -> Occurrence | None:
        """A held event is kept now; a slot to plan becomes an occurrence, its venue taken in
        turn (so rotation follows the slots' order, whatever order days are chosen in)."""
        if isinstance(item, HeldEvent):
            self.events.append(self._held(item, None))
        elif item.held is not None:
            self.events.append(self._held(item.held, item))
        elif item.cycle.regime.planned:
            activity = item.activity
            venue = self._next_venue(activity)
            if venue is not None and not activity.during_exercise:
                self.last_venue[activity.id] = venue.id
            return Occurrence(self.forum, activity, item.cycle, item.window, venue,
                              self._countries(activity, venue), self._event_id(item, None))
        return None

    def place(self, slot: Slot, occurrence: Occurrence, pin: Pin | None = None,
              *, only_pinned: bool = False) -> Problem | None:
        """Give the occurrence its pinned day when every rule allows it, else the first allowed
        day (nothing, when `only_pinned`); the Problem when no day is allowed."""
        moved_from: tuple[Pin, str] | None = None
        if pin is not None:
            refused = refusal(occurrence, self.rules, self.ledger, pin.day)
            if refused is None:
                self._book_and_keep(slot, occurrence, pin.day, self._pinned(occurrence, pin))
                return None
            if only_pinned:
                return None
            moved_from = (pin, refused)
        choice = choose_day(occurrence, self.rules, self.ledger, self.shared)
        if isinstance(choice, Problem):
            return choice
        start, provenance = choice
        if moved_from is not None:
            pin, refused = moved_from
            self.moved.append((occurrence.event_id, pin.day, start, refused))
            provenance = replace(provenance, decided_by="moved from its published date",
                                 summary=phrase("why_moved", day=pin.day, reason=refused)
                                 + provenance.summary)
        self._book_and_keep(slot, occurrence, start, provenance)
        return None

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

    def _pinned(self, occurrence: Occurrence, pin: Pin) -> Provenance:
        """The solver's story; for a published date, first-fit's when it picks that day too
        (so a calendar regenerated from an unchanged schedule stays byte-identical)."""
        if pin.provenance is not None:
            return pin.provenance
        choice = choose_day(occurrence, self.rules, self.ledger, self.shared)
        if not isinstance(choice, Problem) and choice[0] == pin.day:
            return choice[1]
        window = occurrence.window
        return Provenance("published date", self.shared.phrase("why_kept", day=pin.day),
                          (window.start, window.end))

    def _book_and_keep(self, slot: Slot, occurrence: Occurrence, start: dt.date,
                       provenance: Provenance) -> None:
        activity, venue, event_id = slot.activity, occurrence.venue, occurrence.event_id
        self.chosen[event_id] = Pin(start, provenance)
        if activity.during_exercise:
            visited = self.during.visited(start, occurrence)
            assert visited is not None  # the rule allowed the day, so one exercise is under way
            exercise, window = visited
            venue = self.schedule.venue(exercise.venue)
            visit = phrase("why_visit", exercise=exercise.name, start=window.start, end=window.end,
                           projected=phrase("projected_window") if window.projected else "")
            provenance = replace(provenance, summary=provenance.summary + visit)
        end = start + dt.timedelta(days=activity.days - 1)
        booking = Booking(start, end, event_id, venue.country if venue else None, activity.remote)
        self.ledger.book(booking, self.forum.id, activity.id, activity.leaders)
        event = self._event(activity, slot, start, end, Status.PLANNED, venue, provenance,
                            event_id=event_id)
        self.events.append(event)
        self.placed.append(event)

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
            phase=phase, number=number, line_of_effort=activity.line_of_effort,
            precision=precision)

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
