"""Every day of an event falls on a weekday the activity allows (default: not a weekend)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import ClassVar

from planner.engine.ledger import Ledger
from planner.engine.rules import Check, Occurrence, Parameter, Setup
from planner.i18n import N_, Phrase, deferred

DAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
             N_("Saturday"), N_("Sunday"))


@dataclass(frozen=True, slots=True)
class AllowedWeekdays:
    """Refuses a start whose event would touch a weekday the activity does not allow."""

    name: ClassVar[str] = N_("weekdays")
    order: ClassVar[int] = 20
    advice: ClassVar[str | None] = None  # diagnosis tries each weekday itself
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    weekend: frozenset[int]

    @classmethod
    def made_for(cls, setup: Setup) -> AllowedWeekdays:
        return cls(setup.schedule.days.weekend)

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        closed = _closed_weekdays(self.weekend, occurrence.activity.weekdays)
        if not closed:
            return None
        first_closed = _first_closed(frozenset(closed), occurrence.activity.days)

        def refuse(start: dt.date) -> str | None:
            offset = first_closed[start.weekday()]
            if offset is None:
                return None
            day = start + dt.timedelta(days=offset)
            return _refused(day, closed[day.weekday()])

        return refuse


@lru_cache(maxsize=1 << 16)
def _refused(day: dt.date, why: str) -> str:
    """Made once per day and reason: many events refuse the same weekend."""
    return deferred("{day} is a {why}", day=day, why=why)


@cache
def _first_closed(closed: frozenset[int], days: int) -> tuple[int | None, ...]:
    """For each start weekday, the first day of the event (counted from 0) on a closed
    weekday, or None: a week decides every start, so no day is looked at twice."""
    return tuple(next((offset for offset in range(days) if (start + offset) % 7 in closed), None)
                 for start in range(7))


@cache
def _closed_weekdays(weekend: frozenset[int], allowed: frozenset[int] | None) -> dict[int, Phrase]:
    """The weekdays an activity may not touch, each with why (the same for most activities)."""
    if allowed is None:
        return {day: deferred("{day} (weekend)", day=deferred(DAY_NAMES[day])) for day in weekend}
    return {day: deferred("{day}, not an allowed weekday", day=deferred(DAY_NAMES[day]))
            for day in range(7) if day not in allowed}


RULES = (AllowedWeekdays,)
