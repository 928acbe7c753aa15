"""Rules that refuse candidate days; each is a small named object that says why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Protocol

from planner.cycles import Cycle, PhaseWindow
from planner.schedule.model import Activity, Forum, Venue


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One thing to place: an activity in one phase of one cycle of a forum."""

    forum: Forum
    activity: Activity
    cycle: Cycle
    window: PhaseWindow
    venue: Venue | None  # None until chosen, for visits to an exercise
    countries: frozenset[str]  # whose public holidays close a day
    event_id: str = ""

    def span(self, start: dt.date) -> list[dt.date]:
        return [start + dt.timedelta(days=offset) for offset in range(self.activity.days)]


class Rule(Protocol):
    """Refuses a start day for an occurrence with a reason, or allows it with None."""

    name: ClassVar[str]

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None: ...
