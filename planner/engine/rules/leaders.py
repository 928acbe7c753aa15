"""Nobody is in two events at once, and there is time to travel between countries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from planner.engine.ledger import Booking, Ledger
from planner.engine.rules import Check, Occurrence, Parameter, Setup
from planner.engine.rules.inside_window import DuringExercise
from planner.i18n import N_, Text, deferred
from planner.schedule.model import Leader


@dataclass(frozen=True, slots=True)
class LeadersFree:
    """Refuses a start when a leader of the activity is booked then, or too close to travel."""

    name: ClassVar[str] = N_("leaders")
    order: ClassVar[int] = 80
    advice: ClassVar[str | None] = N_(
        "free the leaders' calendars (move the other event or send a deputy)")
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    leaders: dict[str, Leader]
    during: DuringExercise
    countries: dict[str, str]  # venue id -> country, for the exercise a visit goes to

    @classmethod
    def made_for(cls, setup: Setup) -> LeadersFree:
        schedule = setup.schedule
        return cls({leader.id: leader for leader in schedule.leaders}, setup.during,
                    {venue.id: venue.country for venue in schedule.venues})

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        activity = occurrence.activity
        if not activity.leaders:
            return None
        attending = [self.leaders[leader_id] for leader_id in activity.leaders]
        length = dt.timedelta(days=activity.days - 1)

        def refuse(start: dt.date) -> str | None:
            candidate = Booking(start, start + length, occurrence.event_id,
                                self.country(occurrence, start), activity.remote)
            for leader in attending:
                clash = ledger.leader_conflict(leader.id, candidate, leader.travel_days)
                if clash is not None and clash.start <= candidate.end \
                        and clash.end >= candidate.start:  # the same days: no travel involved
                    return _there(leader.name, clash.event_id, clash.start, clash.end)
                if clash is not None:
                    return _away(leader.name, clash.event_id, clash.start, clash.end,
                                 leader.travel_days)
            return None

        return refuse

    def country(self, occurrence: Occurrence, start: dt.date) -> str | None:
        """Where the event would be: its venue's country, or a visit's exercise's."""
        if occurrence.activity.during_exercise:
            visited = self.during.visited(start, occurrence)
            return self.countries[visited[0].venue] if visited else None
        return occurrence.venue.country if occurrence.venue else None


@lru_cache(maxsize=1 << 16)
def _there(leader: Text, event: str, start: dt.date, end: dt.date) -> str:
    """Made once per booking: every candidate day that overlaps it refuses for this reason."""
    return deferred("{leader} is already at {event} ({start} to {end})", leader=leader,
                    event=event, start=start, end=end)


@lru_cache(maxsize=1 << 16)
def _away(leader: Text, event: str, start: dt.date, end: dt.date, days: int) -> str:
    """Made once per booking: the candidate days next to it all refuse for the same reason."""
    return deferred("{leader} is at {event} ({start} to {end}); needs {days} travel days between "
                    "countries", leader=leader, event=event, start=start, end=end, days=days)


RULES = (LeadersFree,)
