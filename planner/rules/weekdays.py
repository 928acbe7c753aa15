"""Every day of an event falls on a weekday the activity allows (default: not a weekend)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from planner.rules import Occurrence

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class AllowedWeekdays:
    """Refuses a start whose event would touch a weekday the activity does not allow."""

    name: ClassVar[str] = "weekdays"
    weekend: frozenset[int]

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None:
        allowed = occurrence.activity.weekdays
        for day in occurrence.span(start):
            weekday = day.weekday()
            if allowed is None and weekday in self.weekend:
                return f"{day} is a {DAY_NAMES[weekday]} (weekend)"
            if allowed is not None and weekday not in allowed:
                return f"{day} is a {DAY_NAMES[weekday]}, not an allowed weekday"
        return None
