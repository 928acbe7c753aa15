"""Fitting text to a terminal's width: cut with "…", or wrap prose under a hanging indent.

A width of None means "no limit": what goes into a pipe or a file stays whole, so that
grep, cut and spreadsheets see every character.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Mapping
from typing import TextIO

ELLIPSIS = "…"


def terminal_width(stream: TextIO, environ: Mapping[str, str], asked: int | None) -> int | None:
    """--width when given; else an exported COLUMNS; else the terminal's columns when
    `stream` is one; else None (a pipe or a file gets whole lines)."""
    if asked is not None:
        return asked
    # Shells keep COLUMNS unexported: when it reaches planner, the user set it on purpose
    # (`COLUMNS=80 planner list | less`), so it holds for a pipe too.
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None
    return shutil.get_terminal_size().columns


def cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, ending in "…" when something was cut."""
    if len(text) <= width:
        return text
    if width <= 0:
        return ""
    return text[: width - 1].rstrip() + ELLIPSIS


def wrap(text: str, width: int | None, indent: int = 4) -> str:
    """Prose in lines of at most `width`, the following lines indented; whole when None."""
    if width is None or len(text) <= width:
        return text
    return "\n".join(textwrap.wrap(text, width=width, subsequent_indent=" " * indent,
                                   break_on_hyphens=False, break_long_words=False))
