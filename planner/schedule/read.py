"""Typed reading of parsed TOML that tracks key paths and collects problems instead of raising."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from planner.errors import Problem, Where
from planner.i18n import N_, Phrase, Text, deferred
from planner.schedule.locate import Locator

MAX_TEXT = 10_000
# C0 controls and DEL break calendar files and terminals; tab and line breaks are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Spanish names by their first three letters without accents: "miércoles" -> "mie".
WEEKDAYS_ES = ("lun", "mar", "mie", "jue", "vie", "sab", "dom")


def _type_name(value: object) -> Phrase:
    names = {str: N_("a string"), int: N_("a number"), float: N_("a number"), bool: N_("true/false"),
             list: N_("a list"), dict: N_("a table"), dt.date: N_("a date"),
             dt.datetime: N_("a date-time"), dt.time: N_("a time")}
    return deferred(names.get(type(value), type(value).__name__))


class Problems:
    """The problems found in one file so far, each placed at its key path's line."""

    def __init__(self, file: str, locator: Locator) -> None:
        self.file = file
        self.locator = locator
        self.found: list[Problem] = []

    def where(self, key: str) -> Where:
        return Where(self.file, key, finder=self.locator)  # the line is found when shown

    def add(self, key: str, message: str, hint: str = "") -> None:
        self.found.append(Problem(self.where(key), message, hint))


class Table:
    """A TOML table at a key path; every getter records a problem and returns a fallback."""

    def __init__(self, data: dict[str, Any], path: str, problems: Problems) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self._seen: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    @property
    def where(self) -> Where:
        return self.problems.where(self.path)

    def has(self, name: str) -> bool:
        return name in self.data

    def _raw(self, name: str, required: bool) -> Any:
        self._seen.add(name)
        value = self.data.get(name)  # TOML has no null: None is a missing key
        if value is None and required:
            self.problems.add(self.key(name), deferred("missing"),
                              deferred("add `{name} = ...` here", name=name))
        return value

    def _wrong(self, name: str, expected: str, value: object) -> None:
        """`expected` is a fixed phrase marked with N_ where it is given."""
        self.problems.add(self.key(name), deferred("must be {expected}, got {got}",
                                                   expected=deferred(expected), got=_type_name(value)))

    def text(self, name: str, default: str | None = None, multiline: bool = False) -> str:
        value = self._raw(name, default is None)
        if value is None:
            return default or ""
        if not isinstance(value, str):
            self._wrong(name, N_("a string"), value)
            return default or ""
        if not value.strip() and default is None:
            self.problems.add(self.key(name), deferred("must not be empty"))
        if len(value) > MAX_TEXT:
            self.problems.add(self.key(name), deferred("is {count} characters long", count=len(value)),
                              deferred("keep it under {limit} characters", limit=MAX_TEXT))
            return default or ""
        control = _CONTROL.search(value)
        if control:
            self.problems.add(self.key(name),
                              deferred("contains the control character {code}",
                                       code=f"U+{ord(control.group()):04X}"), deferred("remove it"))
            return default or ""
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if "\n" in value and not multiline:
            # Calendar apps drop or cut an event whose title or place has a line break.
            self.problems.add(self.key(name), deferred("must be one line"),
                              deferred("remove the line break"))
            return default or ""
        return value

    def localized(self, name: str, default: str | None = None, multiline: bool = False) -> Text:
        """A text and its optional Spanish form, `<name>_es`."""
        english = self.text(name, default, multiline)
        return Text(english, self.text(f"{name}_es", default="", multiline=multiline))

    def integer(self, name: str, low: int, high: int, default: int | None = None) -> int:
        value = self._raw(name, default is None)
        if value is None:
            return default if default is not None else low
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(name, N_("a whole number"), value)
            return low
        if not low <= value <= high:
            self.problems.add(self.key(name), deferred("must be between {low} and {high}, got {value}",
                                                       low=low, high=high, value=value))
            return low
        return value

    def number(self, name: str, low: float, high: float) -> float | None:
        value = self._raw(name, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._wrong(name, N_("a number"), value)
            return None
        if not low <= value <= high:
            self.problems.add(self.key(name), deferred("must be between {low} and {high}, got {value}",
                                                       low=low, high=high, value=value))
            return None
        return float(value)

    def flag(self, name: str, default: bool) -> bool:
        value = self._raw(name, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(name, N_("true or false"), value)
            return default
        return value

    def date(self, name: str, required: bool = True) -> dt.date | None:
        value = self._raw(name, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self._wrong(name, N_("a date like 2026-03-15 (no quotes)"), value)
            return None
        return value

    def time(self, name: str) -> dt.time | None:
        value = self._raw(name, False)
        if value is None:
            return None
        if not isinstance(value, dt.time):
            self._wrong(name, N_("a local time like 09:00 (no quotes)"), value)
            return None
        if value.tzinfo is not None:
            self.problems.add(self.key(name), deferred("must be a local time; the venue's zone applies"))
            return None
        return value

    def texts(self, name: str, required: bool = False) -> tuple[str, ...]:
        value = self._raw(name, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong(name, N_("a list of strings"), value)
            return ()
        return tuple(value)

    def integers(self, name: str, low: int, high: int) -> tuple[int, ...]:
        value = self._raw(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            self._wrong(name, N_("a list of whole numbers"), value)
            return ()
        for item in value:
            if not low <= item <= high:
                self.problems.add(self.key(name), deferred("must hold numbers {low} to {high}, got {value}",
                                                           low=low, high=high, value=item))
                return ()
        return tuple(value)

    def weekdays(self, name: str) -> frozenset[int] | None:
        value = self._raw(name, False)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong(name, N_("a list of weekdays like [\"tue\", \"wed\"]"), value)
            return None
        days: set[int] = set()
        for item in value:
            day = weekday_number(item)
            if day is None:
                self.problems.add(self.key(name), deferred("unknown weekday {day}", day=repr(item)),
                                  deferred("use mon, tue, wed, thu, fri, sat or sun (or lun, mar, "
                                           "mié, jue, vie, sáb, dom)"))
                continue
            days.add(day)
        return frozenset(days)

    def table(self, name: str, required: bool = False) -> Table | None:
        value = self._raw(name, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._wrong(name, N_("a table"), value)
            return None
        return Table(value, self.key(name), self.problems)

    def tables(self, name: str) -> Iterator[Table]:
        """The elements of an array of tables (`[[name]]` or `name = [{...}]`)."""
        value = self._raw(name, False)
        if value is None:
            return
        if not isinstance(value, list):
            self._wrong(name, N_("a list of tables"), value)
            return
        for index, item in enumerate(value):
            key = f"{self.key(name)}[{index}]"
            if not isinstance(item, dict):
                self.problems.add(key, deferred("must be a table, got {got}", got=_type_name(item)))
                continue
            yield Table(item, key, self.problems)

    def named_tables(self, name: str) -> Iterator[tuple[str, Table]]:
        """The sub-tables of `[name.<id>]`, each with its id."""
        parent = self.table(name)
        if parent is None:
            return
        for child_id in parent.data:
            child = parent.table(child_id, required=True)
            if child is not None:
                yield child_id, child

    def mark_read(self, *names: str) -> None:
        """Count keys as known without reading them (their problem is reported otherwise)."""
        self._seen.update(names)

    def finish(self) -> None:
        """Report every key nobody asked for, with the nearest known one."""
        for name in self.data:
            if name in self._seen:
                continue
            close = difflib.get_close_matches(name, sorted(self._seen), n=1)
            hint = deferred("did you mean {key}?", key=repr(close[0])) if close else deferred("remove it")
            self.problems.add(self.key(name), deferred("unknown key"), hint)


def weekday_number(name: str) -> int | None:
    """Monday = 0, from an English or Spanish name or its first three letters ("Tue", "miércoles")."""
    plain = unicodedata.normalize("NFKD", name.strip().lower())
    short = "".join(c for c in plain if not unicodedata.combining(c))[:3]
    for names in (WEEKDAYS, WEEKDAYS_ES):
        if short in names:
            return names.index(short)
    return None
