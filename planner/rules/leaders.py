"""Nobody is in two events at once, and there is time to travel between countries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from planner.ledger import Booking, Ledger
from planner.rules import Occurrence
from planner.schedule.model import Leader


@dataclass(frozen=True, slots=True)
class LeadersFree:
    """Refuses a start when a leader of the activity is booked then, or too close to travel."""

    name: ClassVar[str] = "leaders"
    ledger: Ledger
    leaders: dict[str, Leader]

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None:
        if not occurrence.activity.leaders:
            return None
        candidate = booking_for(occurrence, start)
        for leader_id in occurrence.activity.leaders:
            leader = self.leaders[leader_id]
            clash = self.ledger.leader_conflict(leader_id, candidate, leader.travel_days)
            if clash is not None:
                return (f"{leader.name.en} is at {clash.event_id} ({clash.start} to {clash.end}); "
                        f"needs {leader.travel_days} travel days between countries")
        return None


def booking_for(occurrence: Occurrence, start: dt.date) -> Booking:
    span = occurrence.span(start)
    country = occurrence.venue.country if occurrence.venue else None
    return Booking(span[0], span[-1], occurrence.event_id, country, occurrence.activity.remote)
