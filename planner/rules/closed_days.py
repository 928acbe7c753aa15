"""No event day on a public holiday of a participating country, or on a blackout date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from planner.days.closed import ClosedDays
from planner.rules import Occurrence


@dataclass(frozen=True, slots=True)
class NoHolidays:
    """Refuses a start whose event would touch a public holiday of any participant's country."""

    name: ClassVar[str] = "holidays"
    closed: ClosedDays

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None:
        for day in occurrence.span(start):
            holiday = self.closed.holiday(day, occurrence.countries)
            if holiday:
                return f"{day} is {holiday}"
        return None


@dataclass(frozen=True, slots=True)
class NoBlackouts:
    """Refuses a start whose event would touch a blackout declared in the schedule."""

    name: ClassVar[str] = "blackouts"
    closed: ClosedDays

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None:
        for day in occurrence.span(start):
            reason = self.closed.blackout(day)
            if reason:
                return f"{day} is blacked out ({reason})"
        return None


@dataclass(frozen=True, slots=True)
class NoObservances:
    """Refuses a start whose event would touch Holy Week or a military day the schedule avoids."""

    name: ClassVar[str] = "observances"
    closed: ClosedDays

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None:
        for day in occurrence.span(start):
            reason = self.closed.observance(day, occurrence.countries)
            if reason:
                return f"{day} is {reason}"
        return None
