"""TOML syntax errors as one problem each, with the line and what to do about the mistakes
people make most; the one module that picks the TOML reader."""

from __future__ import annotations

import calendar
import re
import sys
from typing import Any

from planner.errors import Problem, Where
from planner.i18n import MONTHS, Phrase, Text, deferred
from planner.schedule.locate import unclosed_since
from planner.schedule.toml_errors import toml_error

if sys.version_info >= (3, 14):
    import tomllib
else:  # tomli 2.1+ gives the line of a syntax error as an attribute
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


def parse_toml(text: str) -> dict[str, Any]:
    return tomllib.loads(text)

_PAPER_DATE = re.compile(r"(?<![\d-])\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![\d-])")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def syntax_problem(error: TOMLDecodeError, text: str, name: str) -> Problem:
    line = getattr(error, "lineno", None)
    message = getattr(error, "msg", str(error))
    lines = text.split("\n")  # TOML breaks lines at LF only, not at U+2028
    if line and message.startswith(("Unclosed array", "Unclosed inline table")):
        opened = unclosed_since(text, line)
        if opened is not None and opened != line:
            source = lines[opened - 1].strip()[:80]
            return Problem(Where(name, line=opened),
                           deferred("`{source}` opens a bracket that is never closed", source=source),
                           deferred("close it with ] (or }} for an inline table)"))
    source = lines[line - 1].strip()[:80] if line and 0 < line <= len(lines) else ""
    error_text = toml_error(message)
    detail = (deferred("TOML syntax error: {error} in `{source}`", error=error_text, source=source)
              if source else deferred("TOML syntax error: {error}", error=error_text))
    return Problem(Where(name, line=line), detail, _syntax_hint(source))


def _syntax_hint(source: str) -> Phrase:
    """What to do about the mistakes people make most: quotes from Word, dates as on paper."""
    if any(quote in source for quote in "“”‘’«»"):
        return deferred('replace the curly quotes (“ ” ‘ ’) with straight ones (" or \'); a '
                        "word processor changed them")
    if _PAPER_DATE.search(source):
        return deferred("write dates as YYYY-MM-DD without quotes, e.g. 2025-08-04")
    day = _ISO_DAY.search(source)
    if day:
        year, month, number = (int(part) for part in day.groups())
        if not 1 <= month <= 12:
            return deferred("there is no month {month}: write dates as YYYY-MM-DD",
                            month=f"{month:02d}")
        last = calendar.monthrange(year, month)[1]
        if number > last:
            month_name = Text(MONTHS.en.split()[month - 1], MONTHS.es.split()[month - 1])
            return deferred("{month} {year} has {days} days", month=month_name, year=str(year),
                            days=last)
    return deferred("fix the TOML syntax on that line")

