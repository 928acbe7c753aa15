"""The X-PLANNER-HASH of events published by planner 0.1, which hashed icalendar's reading
of a few properties. Such an event is still checked against its own hash, so that the
first publish after an upgrade neither takes every event for someone's edit nor overwrites
a real one. Every event planner updates gets a hash of the current kind
(planner.calendar.reading.content_hash), so this only serves until then."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from planner.calendar.icstext import Component, serialize

_SALIENT = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "SUMMARY",
            "DESCRIPTION", "LOCATION", "STATUS", "CATEGORIES", "TRANSP")
_ALARM_SALIENT = ("ACTION", "TRIGGER", "DESCRIPTION")


def is_legacy(published: str) -> bool:
    """Whether a hash is of planner 0.1's kind (32 hex digits, no "2." in front)."""
    return len(published) == 32 and all(char in "0123456789abcdef" for char in published)


def legacy_hash(event: Component) -> str:
    """The hash planner 0.1 would have written for this event's content."""
    from icalendar import Event  # only for calendars published by 0.1

    try:
        parsed = Event.from_ical(serialize(event.content_lines()))
    except (ValueError, IndexError, KeyError, TypeError):
        return ""
    parts = [f"{name}={_normal(parsed.get(name, ''))}" for name in _SALIENT]
    for alarm in parsed.walk("VALARM"):
        parts.append("VALARM:" + ";".join(_normal(alarm.get(name, "")) for name in _ALARM_SALIENT))
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _normal(value: Any) -> str:
    """A property value as planner 0.1 spelled it for hashing."""
    if isinstance(value, list):
        return "|".join(_normal(item) for item in value)
    if isinstance(value, str):
        return str(value)
    cats = getattr(value, "cats", None)
    if cats is not None:
        return ",".join(str(cat) for cat in cats)
    moment = getattr(value, "dt", None)
    if isinstance(moment, dt.datetime):
        zone = getattr(value, "params", {}).get("TZID")
        if zone:
            return f"{moment.replace(tzinfo=None).isoformat()}@{zone}"
        if moment.tzinfo is not None:
            return moment.astimezone(dt.UTC).isoformat()
        return moment.isoformat()
    if isinstance(moment, dt.date | dt.timedelta):
        return str(moment)
    raw: Any = value.to_ical() if hasattr(value, "to_ical") else value
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
