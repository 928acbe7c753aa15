"""The one exception type for a user's mistakes, carrying every problem found."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Anything that would break "one line per problem" in a terminal is shown escaped.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


@dataclass(frozen=True, slots=True)
class Where:
    """A place in a schedule file: the key path is exact, the line a best effort."""

    file: str
    key: str = ""
    line: int | None = None

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{place}: {self.key}" if self.key else place


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, where it is, and what to do about it."""

    where: Where
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        return _one_line(f"{text}; {self.hint}" if self.hint else text)


class PlannerError(Exception):
    """Raised for mistakes in the user's input; holds every problem found at once."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(*problems)
        self.problems = problems

    def __str__(self) -> str:
        lines = [str(problem) for problem in self.problems]
        files = sorted({problem.where.file for problem in self.problems})
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines.append(f"planner: {count} {noun} in {', '.join(files)}; nothing was written")
        return "\n".join(lines)
