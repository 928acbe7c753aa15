"""The iCalendar text format (RFC 5545) as planner writes it and reads its own files back.

planner writes calendars as text: building icalendar objects and calling to_ical() cost about
40 times the writing itself at theater scale (benchmarks/theater.py). The bytes are the ones
icalendar writes for the same properties (escaping, folding at 75 octets, property order),
except that a backslash is always text (icalendar writes a literal backslash-N as \\n);
tests/calendar/test_icstext.py checks that against icalendar. Every reader of calendars outside
planner's own regeneration state (tests, CalDAV) still goes through icalendar.

A component is kept as unfolded content lines ("NAME;PARAM=x:value"), so that an event read
back from a previous file can be compared with a fresh one and written again unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

# icalendar's order: these first, then the other properties alphabetically.
_CANONICAL_ORDER = {
    "VEVENT": ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "RECURRENCE-ID",
               "SEQUENCE", "RRULE", "RDATE", "EXDATE"),
}
# The tz database's names for UTC itself; times in these zones are written with "Z".
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT",
                        "Universal", "Zulu"})
_RECUR_ORDER = {name: index for index, name in enumerate((
    "RSCALE", "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYWEEKDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST", "SKIP"))}
_ALL_DAY = ("DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:")
_ESCAPED = re.compile(r"\\([\\;,nN])")
_FOLD_LIMIT = 75  # octets per line, the line break not counted (RFC 5545 3.1)
_NO_FOLD_AFTER = ("\\", "^")  # keep escapes whole across folds, as icalendar does


def escape_text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11); line breaks of any kind become \\n.

    A backslash is always text: "C:\\Notes" is written C:\\\\Notes and reads back as
    written (icalendar's writer turns a literal backslash-N into a line break).
    """
    return (value.replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
            .replace("\r", "\\n"))


def unescape_text(value: str) -> str:
    """A TEXT value as a person reads it: the escapes of escape_text undone."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda match: "\n" if match[1] in "nN" else match[1], value)


def fold(line: str) -> str:
    """The content line folded into lines of at most 75 octets (continuations start with a
    space), never right after a backslash or caret, and never inside a UTF-8 character."""
    if line.isascii():
        return line if len(line) < _FOLD_LIMIT else _fold_ascii(line)
    return line if len(line.encode("utf-8")) < _FOLD_LIMIT else _fold_unicode(line)


def _fold_ascii(line: str) -> str:
    pieces = []
    start, width = 0, _FOLD_LIMIT - 1
    while len(line) - start > width:
        end = start + width
        if line[end - 1] in _NO_FOLD_AFTER:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


def _fold_unicode(line: str) -> str:
    pieces: list[str] = []
    current: list[str] = []
    octets = 0
    for char in line:
        size = len(char.encode("utf-8", "surrogatepass"))
        if current and octets + size >= _FOLD_LIMIT:
            carried = current.pop() if len(current) > 1 and current[-1] in _NO_FOLD_AFTER else ""
            pieces.append("".join(current))
            current = [carried] if carried else []
            octets = len(carried.encode("utf-8"))
        current.append(char)
        octets += size
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def serialize(lines: Iterable[str]) -> bytes:
    """Content lines as a file's bytes: folded, CRLF after each, UTF-8."""
    # Most lines are short ASCII: test for that here and only call fold for the others.
    return ("\r\n".join([line if len(line) < _FOLD_LIMIT and line.isascii() else fold(line)
                          for line in lines]) + "\r\n").encode("utf-8")


# -- values --------------------------------------------------------------------------------------

def date_text(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def local_text(moment: dt.datetime) -> str:
    return (f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"
            f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}")


def utc_text(moment: dt.datetime) -> str:
    """An instant in UTC: 20260101T000000Z."""
    return local_text(moment.astimezone(dt.UTC)) + "Z"


def zone_of(moment: dt.datetime) -> str | None:
    """The TZID a time is written with; None for UTC (written with Z) and floating times."""
    zone = moment.tzinfo
    if isinstance(zone, ZoneInfo):
        return None if zone.key in _UTC_NAMES else zone.key
    if zone is not None and zone.utcoffset(moment) != dt.timedelta(0):
        raise ValueError(f"{moment}: only IANA zones (zoneinfo) and UTC can be written")
    return None


def _moment_parts(value: dt.date | dt.datetime) -> tuple[str, str]:
    """(parameters, value) of a date or time: VALUE=DATE, a TZID, or a UTC time with Z."""
    if not isinstance(value, dt.datetime):
        return ";VALUE=DATE", date_text(value)
    zone = zone_of(value)
    if zone is not None:
        return f";TZID={zone}", local_text(value)
    if value.tzinfo is None:
        return "", local_text(value)
    return "", utc_text(value)


def moment_line(name: str, value: dt.date | dt.datetime) -> str:
    """A DTSTART-like line: 'DTSTART;TZID=America/Denver:20260105T090000'."""
    params, text = _moment_parts(value)
    return f"{name}{params}:{text}"


def moments_line(name: str, values: Sequence[dt.date | dt.datetime]) -> str:
    """An EXDATE-like line of days, or of times in the zone of the first."""
    params, _ = _moment_parts(values[0])
    return f"{name}{params}:{','.join(_moment_parts(value)[1] for value in values)}"


def offset_text(offset: dt.timedelta) -> str:
    """A UTC-OFFSET value: -0600, +0530, +001215."""
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes, seconds = divmod(abs(int(offset.total_seconds())), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def recur_text(rule: str) -> str:
    """An RRULE value as icalendar writes it: upper case, parts in RFC order, numbers plain
    (FREQ=YEARLY;BYMONTH=03;BYMONTHDAY=01 -> FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=3)."""
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    ordered = sorted(parts, key=lambda key: _RECUR_ORDER.get(key.upper(), len(_RECUR_ORDER)))
    return ";".join(f"{key.upper()}={_recur_value(parts[key])}" for key in ordered)


def _recur_value(value: str) -> str:
    return ",".join(str(int(item)) if item.lstrip("+-").isdigit() else item.upper()
                    for item in value.split(","))


def day_of(value: str) -> dt.date:
    """The day a DATE or DATE-TIME value starts with (20260105, 20260105T090000Z).

    Raises:
        ValueError: when it does not start with a date.
    """
    return dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))


def zone_param(line: str) -> str | None:
    """The TZID parameter of a content line, if any."""
    params = line[:len(line) - len(value_of(line)) - 1]
    at = params.upper().find(";TZID=")
    return None if at < 0 else params[at + 6:].partition(";")[0].strip('"')


def zone_days(event: Component) -> list[tuple[str, dt.date]]:
    """The (TZID, day) pairs a VEVENT's VTIMEZONEs must be right for: its start, its end and
    the UNTIL of its RRULE, in the zones they are written in.

    Raises:
        ValueError: when one of those values does not start with a date.
    """
    found, start_zone, until = [], None, ""
    for line in event.lines:  # one pass: this runs for every event
        if line.startswith(_ALL_DAY):  # planner's own all-day lines, which name no zone
            continue
        if line.startswith(("DTSTART;", "DTEND;")):
            zone = zone_param(line)
            if zone is not None:
                found.append((zone, day_of(value_of(line))))
                start_zone = zone if line.startswith("DTSTART") else start_zone
        elif line.startswith("RRULE:"):
            until = next((part[6:] for part in line[6:].split(";")
                          if part.upper().startswith("UNTIL=")), "")
    if start_zone is not None and until:
        found.append((start_zone, day_of(until)))
    return found


# -- components ----------------------------------------------------------------------------------

def name_of(line: str) -> str:
    """The property name of a content line, upper case."""
    return line.partition(":")[0].partition(";")[0].upper()


def value_of(line: str) -> str:
    """The raw value of a content line: after the first colon outside quoted parameters."""
    if '"' not in line:
        return line.partition(":")[2]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[index + 1:]
    return ""


@dataclass(slots=True)
class Component:
    """One component as unfolded content lines, in the order they are written.

    Components planner builds list their properties in icalendar's order (see _rank); ones
    read back from a file keep the file's order.
    """

    name: str
    lines: list[str] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        """The raw value of the first property called `name` (upper case), if any."""
        line = self.line(name)
        return None if line is None else value_of(line)

    def line(self, name: str) -> str | None:
        """The whole first content line of the property called `name` (upper case), if any."""
        size = len(name)
        for line in self.lines:  # names are compared as written: planner writes upper case
            if line.startswith(name) and line[size:size + 1] in (":", ";"):
                return line
        return None

    def put(self, line: str) -> None:
        """Set a property: replace the lines of that name, or add it where icalendar would."""
        name = name_of(line)
        rank = _rank(self.name, name)
        kept = [old for old in self.lines if name_of(old) != name]
        at = next((index for index, old in enumerate(kept)
                   if _rank(self.name, name_of(old)) > rank), len(kept))
        self.lines = kept[:at] + [line] + kept[at:]

    def content_lines(self) -> Iterator[str]:
        """BEGIN, the properties, the children, END."""
        yield f"BEGIN:{self.name}"
        yield from self.lines
        for child in self.children:
            yield from child.content_lines()
        yield f"END:{self.name}"

    def copy(self) -> Component:
        return Component(self.name, list(self.lines), [child.copy() for child in self.children])


def _rank(component: str, name: str) -> tuple[int, int, str]:
    """Where icalendar puts a property: its canonical ones first, then the rest by name."""
    first = _CANONICAL_ORDER.get(component, ())
    return (0, first.index(name), "") if name in first else (1, 0, name)


def read_components(data: bytes, root_name: str = "VCALENDAR") -> Component | None:
    """The component (a VCALENDAR) in a file's bytes, with its components nested; None when
    the bytes are not one well-formed one (not UTF-8, unbalanced BEGIN/END, lines without a
    colon...)."""
    stack: list[Component] = []
    root: Component | None = None
    # Unfolded and split as bytes, each line decoded on its own: a whole-file str would be
    # two or four times the file's size as soon as one character is wide.
    for raw in unfolded(data):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if not line:
            continue
        if ":" not in line or root is not None:
            return None
        head = line[:6].upper()
        if head == "BEGIN:":
            stack.append(Component(line[6:].upper()))
        elif head[:4] == "END:":
            if not stack or stack[-1].name != line[4:].upper():
                return None
            done = stack.pop()
            if stack:
                stack[-1].children.append(done)
            else:
                root = done
        elif stack:
            stack[-1].lines.append(line)
        else:
            return None
    if root is None or stack or root.name != root_name:
        return None
    return root


def unfolded(data: bytes | Iterable[bytes]) -> Iterator[bytes]:
    """The content lines of a file's bytes or of its physical lines (as an open binary file
    gives them), unfolded, without their line breaks: a line that starts with a space or a
    tab continues the one before it (RFC 5545 3.1)."""
    lines = data.split(b"\n") if isinstance(data, bytes) else data
    current: bytes | None = None
    for line in lines:
        line = line.rstrip(b"\n")
        line = line[:-1] if line.endswith(b"\r") else line
        if current is not None and line[:1] in (b" ", b"\t"):
            current += line[1:]
            continue
        if current is not None:
            yield current
        current = line
    if current is not None:
        yield current


@dataclass(slots=True)
class ReadEvents:
    """The VEVENTs found in a file by read_events, and what could not be read."""

    events: list[Component]
    damaged: int  # events skipped: BEGIN/END that do not match, lines without a colon
    replaced: int  # events read with U+FFFD for bytes that are not UTF-8
    is_calendar: bool  # a BEGIN:VCALENDAR was seen at all


def read_events(data: bytes | Iterable[bytes]) -> ReadEvents:
    """Every VEVENT in a file's bytes (or its lines, as an open binary file gives them), one
    by one, however damaged the rest of the file is.

    The previous calendar is planner's state, so one stray byte must not lose all of it: a
    UTF-8 BOM (Notepad) is dropped, bytes that are not UTF-8 become U+FFFD in their event
    only, a mismatched END or a missing one costs only the event it is in, and events in a
    nested VCALENDAR or in two concatenated files are all found. Given an open file, it is
    read a line at a time: only the events found are kept in memory, never the whole text.
    """
    found = ReadEvents([], 0, 0, False)
    stack: list[Component] = []  # the open VEVENT and its open children
    damaged = replaced = False

    def close(event: Component) -> None:
        if damaged:
            found.damaged += 1
        else:
            found.events.append(event)
            found.replaced += replaced

    for raw in unfolded(data):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line, replaced = raw.decode("utf-8", "replace"), bool(stack) or replaced
        line = line.lstrip("\ufeff")
        head = line[:6].upper()
        if head == "BEGIN:" and line[6:].upper() in ("VEVENT", "VCALENDAR"):
            found.is_calendar = found.is_calendar or line[6:].upper() == "VCALENDAR"
            if line[6:].upper() == "VCALENDAR":
                continue
            if stack:
                found.damaged += 1  # the previous event never ended
            stack, damaged, replaced = [Component("VEVENT")], False, False
        elif not stack or not line:
            continue
        elif head == "BEGIN:":
            stack.append(Component(line[6:].upper()))
        elif head[:4] == "END:":
            name = line[4:].upper()
            if stack[-1].name != name:
                damaged = True
                if name != "VEVENT":
                    continue
                stack = stack[:1]
            done = stack.pop()
            if stack:
                stack[-1].children.append(done)
            else:
                close(done)
        elif ":" not in line:
            damaged = True
        else:
            stack[-1].lines.append(line)
    if stack:
        found.damaged += 1
    return found
