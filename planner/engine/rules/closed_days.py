"""No event day on a public holiday of a participating country, or on a blackout date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from planner.days.closed import ClosedDays
from planner.engine.ledger import Ledger
from planner.engine.rules import Check, Occurrence, Parameter, Setup, every_day
from planner.i18n import N_, Localized, deferred


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

    name: ClassVar[str] = N_("holidays")
    order: ClassVar[int] = 30
    advice: ClassVar[str | None] = N_("allow public holidays (drop a country from [days] holidays)")
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    closed: ClosedDays

    @classmethod
    def made_for(cls, setup: Setup) -> NoHolidays:
        return cls(setup.closed)

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check:
        holidays = self.closed.holidays_for(occurrence.countries).between(*occurrence.reach())

        def refuse_day(day: dt.date) -> str | None:
            name = holidays.get(day)
            return _closed(day, name) if name else None

        return every_day(occurrence, refuse_day)


@dataclass(frozen=True, slots=True)
class NoBlackouts:
    """Refuses a start whose event would touch a blackout declared in the schedule."""

    name: ClassVar[str] = N_("blackouts")
    order: ClassVar[int] = 40
    advice: ClassVar[str | None] = N_("shorten or remove the blackout")
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    closed: ClosedDays

    @classmethod
    def made_for(cls, setup: Setup) -> NoBlackouts:
        return cls(setup.closed)

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
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

    name: ClassVar[str] = N_("observances")
    order: ClassVar[int] = 50
    advice: ClassVar[str | None] = N_(
        "stop avoiding Holy Week or military days ([days] holy_week, military_days)")
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    closed: ClosedDays

    @classmethod
    def made_for(cls, setup: Setup) -> NoObservances:
        return cls(setup.closed)

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        if not self.closed.observed_by(occurrence.countries):
            return None
        observances = self.closed.observances_for(occurrence.countries).between(
            *occurrence.reach())

        def refuse_day(day: dt.date) -> str | None:
            reason = observances.get(day)
            return _closed(day, reason) if reason else None

        return every_day(occurrence, refuse_day)


RULES = (NoHolidays, NoBlackouts, NoObservances)
