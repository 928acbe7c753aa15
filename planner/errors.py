"""The one exception type for a user's mistakes, carrying every problem found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from planner.i18n import localized, translate, translate_n

# Anything that would break "one line per problem" in a terminal is shown escaped.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


class LineFinder(Protocol):
    """Finds the line of a key path in one file (planner.schedule.locate.Locator)."""

    def line(self, key_path: str) -> int | None: ...


class Where:
    """A place in a schedule file: the key path is exact, the line a best effort.

    The line is given, or looked up by `finder` when first asked for: a schedule holds a
    place for every table, finding lines means scanning the whole text once more, and only
    the few places a problem names are ever shown. Immutable, like the schedule.
    """

    __slots__ = ("_file", "_finder", "_key", "_line", "_locator")

    def __init__(self, file: str, key: str = "", line: int | None = None,
                 finder: LineFinder | None = None) -> None:
        self._file = file
        self._key = key
        self._line = line
        self._finder = finder
        self._locator = finder  # kept after the line is found, for places inside this one

    @property
    def file(self) -> str:
        return self._file

    @property
    def key(self) -> str:
        return self._key

    @property
    def line(self) -> int | None:
        finder = self._finder
        if finder is not None:
            self._line = finder.line(self.key)
            self._finder = None  # after the line is set: another thread may be reading it
        return self._line

    def inside(self, name: str) -> Where:
        """The key `name` inside this table, at its own line when the file can say
        (`approved` rather than its `[deployments.x]` header), else at this one's."""
        key = f"{self.key}.{name}" if self.key else name
        if self._locator is None:
            return Where(self.file, key, self.line)
        return Where(self.file, key, finder=self._locator)

    def _fields(self) -> tuple[str, str, int | None]:
        return self.file, self.key, self.line

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Where):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Where(file={self.file!r}, key={self.key!r}, line={self.line!r})"

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{place}: {self.key}" if self.key else place


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, where it is, and what to do about it (a fixed phrase made with
    i18n.deferred is written in the reader's language; a plain string is shown as it is)."""

    where: Where
    message: str
    hint: str = ""

    def text(self, lang: str = "en") -> str:
        text = f"{self.where}: {localized(self.message, lang)}"
        hint = localized(self.hint, lang)
        return _one_line(f"{text}; {hint}" if hint else text)

    def __str__(self) -> str:
        return self.text()


def told_once(problems: Sequence[Problem], lang: str = "en") -> list[str]:
    """One line per distinct problem: those with the same message and hint (a theater plan
    has a thousand windows whose approval is pending, forty deadlines among them) are told
    once, at the first place, with how many more places have it and their key paths."""
    alike: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        alike.setdefault((problem.message, problem.hint), []).append(problem)
    lines = []
    for first, *more in alike.values():
        text = first.text(lang)
        if more:
            places = ", ".join(problem.where.key or problem.where.file for problem in more)
            text = translate(lang, "{problem} (the same for {count} more: {places})").format(
                problem=text, count=len(more), places=places)
        lines.append(text)
    return lines


class PlannerError(Exception):
    """Raised for mistakes in the user's input; holds every problem found at once."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(*problems)
        self.problems = problems

    def text(self, lang: str = "en") -> str:
        """Every problem on its line, then how many there are, in `lang`."""
        lines = [problem.text(lang) for problem in self.problems]
        files = sorted({problem.where.file for problem in self.problems})
        count = len(self.problems)
        summary = translate_n(lang, "planner: {count} problem in {files}; nothing was written",
                              "planner: {count} problems in {files}; nothing was written", count)
        lines.append(summary.format(count=count, files=", ".join(files)))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()
