"""Find the line of a key path in TOML text (best effort; the key path stays exact)."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


def _clean(dotted: str) -> str:
    parts = [part.strip().strip("\"'") for part in dotted.split(".")]
    return ".".join(parts)


class Locator:
    """An index from key path to line number, built by scanning headers and `key =` lines.

    Multi-line strings and arrays and inline tables are not parsed: a path that is not
    found falls back to its closest enclosing path that is.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        array_counts: dict[str, int] = {}
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                path = self._resolve(_clean(header.group(2)), array_counts)
                if header.group(1) == "[[":
                    index = array_counts.get(path, 0)
                    array_counts[path] = index + 1
                    path = f"{path}[{index}]"
                table = path
                self._lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                full = f"{table}.{_clean(key.group(1))}" if table else _clean(key.group(1))
                self._lines.setdefault(full, number)

    @staticmethod
    def _resolve(path: str, array_counts: dict[str, int]) -> str:
        """Put the index of the current array element into a nested header's path."""
        parts = path.split(".")
        resolved = ""
        for part in parts:
            resolved = f"{resolved}.{part}" if resolved else part
            if resolved in array_counts and resolved != path:
                resolved = f"{resolved}[{array_counts[resolved] - 1}]"
        return resolved

    def line(self, key_path: str) -> int | None:
        path = key_path
        while path:
            if path in self._lines:
                return self._lines[path]
            path = re.sub(r"(\[\d+\]|\.[^.\[]+|^[^.\[]+)$", "", path)
        return None
