"""What is already on the calendar while planning: leaders' bookings and each activity's past."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import NamedTuple


class Booking(NamedTuple):
    """An event a leader attends, or one occurrence of an activity.

    A named tuple, not a frozen dataclass: the leaders' rule makes one per candidate day
    (40,000 at theater scale), and a tuple is made ten times faster.
    """

    start: dt.date
    end: dt.date  # inclusive
    event_id: str
    country: str | None  # None: not known yet, treated as another country
    remote: bool = False  # a call: no travel before or after


class _Timeline:
    """Bookings sorted by start, searched by date range in logarithmic time."""

    def __init__(self) -> None:
        self.starts: list[dt.date] = []
        self.items: list[Booking] = []
        self.longest = dt.timedelta(0)

    def add(self, booking: Booking) -> None:
        index = bisect.bisect_right(self.starts, booking.start)
        self.starts.insert(index, booking.start)
        self.items.insert(index, booking)
        self.longest = max(self.longest, booking.end - booking.start)

    def overlapping(self, first: dt.date, last: dt.date) -> list[Booking]:
        index = bisect.bisect_left(self.starts, first - self.longest)
        found = []
        while index < len(self.items) and self.items[index].start <= last:
            if self.items[index].end >= first:
                found.append(self.items[index])
            index += 1
        return found

    def latest_from(self, day: dt.date) -> Booking | None:
        """The booking that starts last on or before `day`."""
        index = bisect.bisect_right(self.starts, day)
        return self.items[index - 1] if index else None

    def starting_from(self, day: dt.date) -> list[Booking]:
        """Bookings that start on or after `day`, in start order."""
        return self.items[bisect.bisect_left(self.starts, day):]


class Ledger:
    """Bookings per leader and occurrences per (forum, activity), filled as events are placed."""

    def __init__(self) -> None:
        self._leaders: dict[str, _Timeline] = {}
        self._activities: dict[tuple[str, str], _Timeline] = {}

    def book(self, booking: Booking, forum: str, activity: str, leaders: tuple[str, ...]) -> None:
        self._activities.setdefault((forum, activity), _Timeline()).add(booking)
        for leader in leaders:
            self._leaders.setdefault(leader, _Timeline()).add(booking)

    def leader_conflict(self, leader: str, candidate: Booking, travel_days: int) -> Booking | None:
        """The first booking of `leader` too close to `candidate` to travel between them."""
        timeline = self._leaders.get(leader)
        if timeline is None:
            return None
        reach = dt.timedelta(days=travel_days)
        for booking in timeline.overlapping(candidate.start - reach, candidate.end + reach):
            if booking.event_id == candidate.event_id:
                continue
            overlaps = booking.start <= candidate.end and booking.end >= candidate.start
            travels = not (candidate.remote or booking.remote) and (
                candidate.country is None or booking.country != candidate.country)
            if overlaps or travels:
                return booking
        return None

    def previous(self, forum: str, activity: str, day: dt.date) -> Booking | None:
        """The occurrence of the activity that starts last on or before `day` (the same day
        counts: two events on one day are not spaced at all)."""
        timeline = self._activities.get((forum, activity))
        return timeline.latest_from(day) if timeline else None

    def following(self, forum: str, activity: str, day: dt.date) -> list[Booking]:
        """Occurrences of the activity that start on or after `day`, in start order."""
        timeline = self._activities.get((forum, activity))
        return timeline.starting_from(day) if timeline else []
