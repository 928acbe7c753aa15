"""Wall-clock times at a venue, right on daylight-saving days."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def local_span(day: dt.date, start: dt.time, hours: float,
               zone_name: str) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of a timed event in the venue's zone.

    A start that does not exist (inside the spring-forward gap) becomes the wall time it
    really is (02:30 becomes 03:30 in America/Denver); the duration is real elapsed time.
    """
    zone = ZoneInfo(zone_name)
    instant = dt.datetime.combine(day, start, tzinfo=zone).astimezone(dt.UTC)
    return instant.astimezone(zone), (instant + dt.timedelta(hours=hours)).astimezone(zone)
