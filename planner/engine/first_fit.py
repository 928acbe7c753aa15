"""One pass of first-fit over every forum's slots in one date order, days pinned first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from planner.days.closed import ClosedDays
from planner.engine.forum_placer import ForumPlacer, Slot
from planner.engine.ledger import Ledger
from planner.engine.placement import Pin, Shared
from planner.engine.rules import Occurrence, Setup, make_rules
from planner.engine.rules.inside_window import DuringExercise
from planner.engine.series import series_events
from planner.errors import PlannerError, Problem, Where
from planner.i18n import deferred
from planner.plan import PlannedEvent
from planner.schedule.model import HeldEvent, Schedule

Pending = tuple[ForumPlacer, Slot, Occurrence]

# Slots and series occurrences one run may plan, checked before placing any: the theater
# benchmark at scale 3 plans about 92,000; far more would run for many minutes and then
# exhaust memory.
MAX_EVENTS = 250_000


class Attempt:
    """Every forum's events placed once: held ones and series booked first, then the days
    pinned (published or solved) that every rule still allows, then first-fit in date order
    for the rest. `failures` lists the occurrences left without a day."""

    def __init__(self, schedule: Schedule, closed: ClosedDays, during: DuringExercise,
                 until: dt.date, pins: Mapping[str, Pin] | None) -> None:
        self.ledger = Ledger()
        self.rules = make_rules(Setup(schedule, closed, during))
        shared = Shared()
        self.placers = [ForumPlacer(schedule, forum, self.rules, during, self.ledger, shared)
                        for forum in schedule.forums]
        self.regular = series_events(schedule, closed, self.ledger, until)  # fixed rhythm: first
        self.pending = _prepare_in_date_order(self.placers, until, MAX_EVENTS - len(self.regular),
                                              Where(schedule.path))
        self.failures: list[tuple[Problem, Occurrence]] = []
        if pins is not None:
            self._place(pins)

    def _place(self, pins: Mapping[str, Pin]) -> None:
        rest: list[Pending] = []
        for placer, slot, occurrence in self.pending:
            pin = pins.get(occurrence.event_id)
            if pin is not None:
                placer.place(slot, occurrence, pin, only_pinned=True)
            if occurrence.event_id not in placer.chosen:
                rest.append((placer, slot, occurrence))
        for placer, slot, occurrence in rest:
            problem = placer.place(slot, occurrence, pins.get(occurrence.event_id))
            if problem is not None:
                self.failures.append((problem, occurrence))

    def chosen(self) -> dict[str, Pin]:
        """Each placed event's day and why, by event id."""
        return {key: pin for placer in self.placers for key, pin in placer.chosen.items()}

    def held(self) -> list[PlannedEvent]:
        return [event for placer in self.placers for event in placer.events
                if event.id not in placer.chosen]


def _prepare_in_date_order(placers: list[ForumPlacer], until: dt.date, budget: int,
                           where: Where) -> list[Pending]:
    """Every forum's slots in one date order, so leaders and spacing see earlier events.

    Raises:
        PlannerError: when there are more than `budget` slots (see MAX_EVENTS), before any
            is placed.
    """
    queue: list[tuple[tuple[dt.date, str, str], int, ForumPlacer, Slot | HeldEvent]] = []
    for placer in placers:
        if len(queue) > budget:
            raise PlannerError(Problem(where, deferred("would plan more than {limit} events, the "
                                                       "limit per run", limit=f"{MAX_EVENTS:,}"),
                                       deferred("plan a shorter horizon (plan.to, --to) or split "
                                                "the schedule into several files")))
        for item in placer.items(until):
            if isinstance(item, Slot):
                key = (item.held.start if item.held else item.window.start, placer.forum.id,
                       item.activity.id)
            else:
                key = (item.start, placer.forum.id, item.activity)
            queue.append((key, len(queue), placer, item))
    queue.sort(key=lambda entry: (entry[0], entry[1]))
    pending: list[Pending] = []
    for _, _, placer, item in queue:
        occurrence = placer.prepare(item)
        if occurrence is not None:
            assert isinstance(item, Slot)
            pending.append((placer, item, occurrence))
    return pending
