"""Rules that refuse candidate days; each is a small named object that says why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Protocol

from planner.engine.cycles import Cycle, PhaseWindow
from planner.schedule.model import Activity, Forum, Venue

# Refuses a start day with a reason, or allows it with None (or "").
Check = Callable[[dt.date], str | None]


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

    def last_day(self, start: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.activity.days - 1)

    def reach(self) -> tuple[dt.date, dt.date]:
        """The first and last day an event starting in the window could touch."""
        return self.window.start, self.last_day(self.window.end)


class Rule(Protocol):
    """Looks at one occurrence and says how to test its start days."""

    name: ClassVar[str]

    def check(self, occurrence: Occurrence) -> Check | None:
        """The test for the occurrence's start days, or None when it can refuse none of them.

        Made once per occurrence, so the test itself does only the per-day work.
        """
        ...


def every_day(occurrence: Occurrence, refuse_day: Check) -> Check:
    """A test of start days that refuses a start when `refuse_day` refuses any day of the
    event, giving the first such day's reason."""
    if occurrence.activity.days == 1:
        return refuse_day
    offsets = [dt.timedelta(days=offset) for offset in range(occurrence.activity.days)]

    def refuse(start: dt.date) -> str | None:
        for offset in offsets:
            reason = refuse_day(start + offset)
            if reason:
                return reason
        return None

    return refuse
