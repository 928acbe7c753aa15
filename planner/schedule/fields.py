"""The checks every section of a schedule shares: ids, dates, countries, time zones and
references to what another section declares."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.i18n import deferred
from planner.schedule.countries import supported_countries
from planner.schedule.read import Problems, Table

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,63}")  # fullmatch: "$" would let a "\n" end it
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


class Fields:
    """Reads checked values from tables into `problems`, and keeps the ids that later sections
    refer to (leaders, lines of effort) once their section has been read."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.leader_ids: set[str] = set()
        self.line_ids: list[str] = []

    def id(self, table: Table, value: str) -> str:
        if not _ID.fullmatch(value):
            self.problems.add(table.path, deferred("id {id} must be letters, digits, '_' or '-'",
                                                   id=repr(value)),
                              deferred("rename it, e.g. executive_session"))
        return value

    def date(self, table: Table, name: str, required: bool = True) -> dt.date | None:
        value = table.date(name, required)
        if value is not None and not EARLIEST <= value <= LATEST:
            self.problems.add(table.key(name), deferred("{value} is out of range", value=str(value)),
                              deferred("use a date between 1900 and 2199"))
            return None
        return value

    def span(self, table: Table, start: str, end: str) -> tuple[dt.date, dt.date] | None:
        first = self.date(table, start)
        last = self.date(table, end)
        if first is None or last is None:
            return None
        if last < first:
            self.problems.add(table.key(end), deferred("{last} is before {start} {first}", last=last,
                                                       start=start, first=first),
                              deferred("make {end} the same day as {start} or later", end=end,
                                       start=start))
            return None
        return first, last

    def month_day(self, table: Table, name: str, required: bool = True) -> tuple[int, int] | None:
        if not required and not table.has(name):
            return None
        text = table.text(name)
        match = _MONTH_DAY.match(text)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2001, month)[1]:
                return month, day
        if text:
            self.problems.add(table.key(name), deferred('must be "MM-DD", got {got}', got=repr(text)),
                              deferred('e.g. "12-15"'))
        return None

    def timing(self, table: Table) -> tuple[dt.time | None, float | None]:
        """start_time and hours of a timed event: both or neither."""
        start_time = table.time("start_time")
        hours = table.number("hours", 0.25, 24)
        if (start_time is None) != (hours is None):
            self.problems.add(table.key("hours" if start_time else "start_time"),
                              deferred("timed events need both start_time and hours"),
                              deferred("add the missing one, or remove both for an all-day event"))
        return start_time, hours

    def country(self, table: Table, name: str) -> str:
        code = table.text(name)
        if code and code.upper() not in supported_countries():
            self.problems.add(table.key(name), deferred("unknown country {code}", code=repr(code)),
                              deferred("use an ISO 3166 code the holidays package supports, e.g. "
                                       "US or MX"))
        return code.upper()

    def countries(self, table: Table, name: str) -> tuple[str, ...]:
        codes = tuple(code.upper() for code in table.texts(name))
        for code in codes:
            if code not in supported_countries():
                self.problems.add(table.key(name), deferred("unknown country {code}", code=repr(code)),
                                  deferred("use ISO 3166 codes the holidays package supports, "
                                           "e.g. US, MX"))
        return codes

    def zone(self, table: Table, required: bool = True) -> str:
        zone = table.text("timezone") if required else table.text("timezone", default="")
        if zone:
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError, OSError):  # "US" is a folder of zones
                self.problems.add(table.key("timezone"),
                                  deferred("unknown time zone {zone}", zone=repr(zone)),
                                  deferred("use an IANA name such as America/Mexico_City"))
        return zone

    def line_of_effort(self, table: Table) -> str:
        """The table's `line_of_effort`, one declared under [lines_of_effort], or ""."""
        value = table.text("line_of_effort", default="")
        if value and value not in self.line_ids:
            hint = (deferred("use one of: {choices}", choices=", ".join(self.line_ids))
                    if self.line_ids else
                    deferred("declare it as [lines_of_effort.{id}] with a name", id=value))
            self.problems.add(table.key("line_of_effort"),
                              deferred("unknown {what} {value}", what=deferred("line of effort"),
                                       value=repr(value)), hint)
            return ""
        return value

    def refs(self, table: Table, name: str, values: tuple[str, ...], known: set[str],
             what: str) -> None:
        """A problem for each of `values` that is not one of `known` (`what` is marked with N_)."""
        for value in values:
            if value not in known:
                close = difflib.get_close_matches(value, sorted(known), n=1)
                choices = ", ".join(sorted(known)) or deferred("none declared")
                hint = (deferred("did you mean {key}?", key=repr(close[0])) if close
                        else deferred("use one of: {choices}", choices=choices))
                self.problems.add(table.key(name),
                                  deferred("unknown {what} {value}", what=deferred(what),
                                           value=repr(value)), hint)

    def failed_under(self, key: str) -> bool:
        """Whether a problem was already reported at or below `key` (no second one for it)."""
        return any(p.where.key == key or p.where.key.startswith((key + ".", key + "["))
                   for p in self.problems.found)
