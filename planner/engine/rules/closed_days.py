"""No event day on a public holiday of a participating country, or on a blackout date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from planner.days.closed import ClosedDays
from planner.engine.rules import Check, Occurrence, every_day
from planner.i18n import Localized, deferred


# Made once per day and reason: the events of many forums refuse the same holidays.
@lru_cache(maxsize=1 << 16)
def _closed(day: dt.date, name: Localized) -> str:
    return deferred("{day} is {name}", day=day, name=name)


@lru_cache(maxsize=1 << 16)
def _blacked_out(day: dt.date, reason: Localized) -> str:
    return deferred("{day} is blacked out ({reason})", day=day, reason=reason)


@dataclass(frozen=True, slots=True)
class NoHolidays:
    """Refuses a start whose event would touch a public holiday of any participant's country."""

    name: ClassVar[str] = "holidays"
    closed: ClosedDays

    def check(self, occurrence: Occurrence) -> Check:
        holidays = self.closed.holidays_for(occurrence.countries).between(*occurrence.reach())

        def refuse_day(day: dt.date) -> str | None:
            name = holidays.get(day)
            return _closed(day, name) if name else None

        return every_day(occurrence, refuse_day)


@dataclass(frozen=True, slots=True)
class NoBlackouts:
    """Refuses a start whose event would touch a blackout declared in the schedule."""

    name: ClassVar[str] = "blackouts"
    closed: ClosedDays

    def check(self, occurrence: Occurrence) -> Check | None:
        if not (self.closed.rules.blackouts or self.closed.rules.yearly_blackouts):
            return None
        blackouts = self.closed.blackouts().between(*occurrence.reach())

        def refuse_day(day: dt.date) -> str | None:
            reason = blackouts.get(day)
            return _blacked_out(day, reason) if reason else None

        return every_day(occurrence, refuse_day)


@dataclass(frozen=True, slots=True)
class NoObservances:
    """Refuses a start whose event would touch Holy Week or a military day the schedule avoids."""

    name: ClassVar[str] = "observances"
    closed: ClosedDays

    def check(self, occurrence: Occurrence) -> Check | None:
        if not self.closed.observed_by(occurrence.countries):
            return None
        observances = self.closed.observances_for(occurrence.countries).between(
            *occurrence.reach())

        def refuse_day(day: dt.date) -> str | None:
            reason = observances.get(day)
            return _closed(day, reason) if reason else None

        return every_day(occurrence, refuse_day)
