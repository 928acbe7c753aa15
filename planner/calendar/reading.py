"""What planner reads in a calendar it wrote, whether a file (regenerating) or a CalDAV
resource (publishing): which events are planner's, and what counts as an event's content.

Both read text with planner.calendar.icstext.read_events and judge events only here, so a
regenerated file and a published calendar agree on when an event changed (SEQUENCE + 1).

- An event is **planner's** for a plan when its UID ends in ``@<uid_domain>`` and it carries
  an ``X-PLANNER-ID``.
- Its **own properties** are the ones planner writes (WRITTEN_PROPERTIES, ``X-PLANNER-*``,
  and in a VALARM ALARM_PROPERTIES): whatever else an app, a server or a person added
  (ATTACH, URL, a snoozed alarm's X-MOZ-*) is neither content nor carried over.
- Its **content** is its own properties without the volatile ones (DTSTAMP, LAST-MODIFIED,
  SEQUENCE) and publishing's X-PLANNER-HASH, each line in one spelling (name and parameter
  names in upper case, parameters sorted) and in no particular order: a server that writes
  the same event with its properties reordered (Radicale does) has not changed it, and a
  new DTSTAMP alone never counts as a change.
"""

from __future__ import annotations

import functools
import hashlib

from planner.calendar.icstext import Component, name_of, value_of

PLANNER_ID = "X-PLANNER-ID"
# A hash of the content as published (see content_hash): an event on a CalDAV server whose
# content no longer matches it was edited there since.
HASH = "X-PLANNER-HASH"
VOLATILE = frozenset({"DTSTAMP", "LAST-MODIFIED", "SEQUENCE", HASH})
_VOLATILE_STARTS = tuple(name + mark for name in VOLATILE for mark in ":;")
# Every property planner.calendar.ics writes in a VEVENT and a VALARM (X-PLANNER-* besides).
# tests/publish/test_previous_damaged.py checks that a rendered calendar uses no other.
WRITTEN_PROPERTIES = frozenset({
    "SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "RECURRENCE-ID", "SEQUENCE", "RRULE",
    "EXDATE", "CATEGORIES", "DESCRIPTION", "LOCATION", "STATUS", "TRANSP",
    "LAST-MODIFIED", "X-MICROSOFT-CDO-BUSYSTATUS"})
ALARM_PROPERTIES = frozenset({"ACTION", "DESCRIPTION", "TRIGGER"})
# RFC 5545 gives no bound, but clients store SEQUENCE in 32 bits.
MAX_SEQUENCE = 2**31 - 1


def is_planners(event: Component, uid_domain: str) -> bool:
    """Whether planner wrote this event for the plan with this UID domain."""
    uid = event.get("UID") or ""
    return uid.endswith(f"@{uid_domain}") and event.get(PLANNER_ID) is not None


def key_of(event: Component) -> str:
    """What tells an event apart in a calendar: its UID, and for the override of one
    occurrence of a series (same UID) also its RECURRENCE-ID's value."""
    uid = event.get("UID") or ""
    original = event.get("RECURRENCE-ID")
    return uid if original is None else f"{uid} {original}"


def own_properties(event: Component) -> Component:
    """The event with only the properties and alarms planner writes."""
    lines = [line for line in event.lines if _is_own(name_of(line))]
    alarms = [Component("VALARM", [line for line in child.lines
                                   if name_of(line) in ALARM_PROPERTIES])
              for child in event.children if child.name == "VALARM"]
    return Component(event.name, lines, alarms)


def _is_own(name: str) -> bool:
    return name in WRITTEN_PROPERTIES or name.startswith("X-PLANNER-")


def sequence_of(event: Component) -> int:
    """The event's SEQUENCE; 0 when missing or unreadable, at most MAX_SEQUENCE."""
    try:
        return min(MAX_SEQUENCE, max(0, int(event.get("SEQUENCE") or 0)))
    except ValueError:
        return 0


def content_of(event: Component) -> tuple[str, ...]:
    """The event's content (see the module): its own properties' lines without the
    volatile ones, in one spelling, sorted; then each alarm's, likewise."""
    lines = sorted(spelled for line in event.lines
                   if (spelled := _content_line(line, in_alarm=False)) is not None)
    for alarm in sorted(tuple(sorted(spelled for line in child.lines
                                     if (spelled := _content_line(line, in_alarm=True))
                                     is not None))
                        for child in event.children if child.name == "VALARM"):
        lines += ("BEGIN:VALARM", *alarm)
    return tuple(lines)


def same_content(event: Component, other: Component) -> bool:
    """Whether two events have the same content_of. The same lines in the same order but for
    the volatile ones (an unchanged event planner wrote, read back) are the same content
    without respelling each line: the cheap test, which holds for most events of a
    regeneration, comes first."""
    return _as_written(event) == _as_written(other) or content_of(event) == content_of(other)


def _as_written(event: Component) -> list[str]:
    lines = [line for line in event.lines if not line.startswith(_VOLATILE_STARTS)]
    for child in event.children:
        lines.extend(child.content_lines())
    return lines


def content_hash(event: Component) -> str:
    """A short hash of the event's content, written as X-PLANNER-HASH when publishing. It
    starts "2.": planner 0.1 wrote another kind of hash (planner.publish.legacy_hash)."""
    text = "\n".join(content_of(event))
    return "2." + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _content_line(line: str, in_alarm: bool) -> str | None:
    """The line in one spelling if it is content, else None. This runs for every line of
    every event on each regeneration; the few distinct names and parameters of a calendar
    are spelled once each (_spelled_head)."""
    head, _, value = line.partition(":")
    if '"' in head:  # a quoted parameter value may hold a colon
        value = value_of(line)
        head = line[:len(line) - len(value) - 1]
    spelled = _spelled_head(head, in_alarm)
    return None if spelled is None else f"{spelled}:{value}"


@functools.lru_cache(maxsize=4096)
def _spelled_head(head: str, in_alarm: bool) -> str | None:
    """A property's name and parameters in one spelling (upper case names, parameter values
    unquoted, parameters sorted), or None when the property is not content."""
    name, _, params = head.partition(";")
    name = name.upper()
    if not (name in ALARM_PROPERTIES if in_alarm else _is_own(name) and name not in VOLATILE):
        return None
    spelled = sorted(f"{key.upper()}={text.strip(chr(34))}"
                     for key, _, text in (param.partition("=") for param in params.split(";"))
                     if params)
    return ";".join([name, *spelled])
