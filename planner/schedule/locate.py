"""Find the line of a key path in TOML text (best effort; the key path stays exact)."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


def _clean(dotted: str) -> str:
    parts = [part.strip().strip("\"'") for part in dotted.split(".")]
    return ".".join(parts)


def _scan(text: str, depth: int, quote: str) -> tuple[int, str]:
    """Bracket depth and open multi-line string delimiter after reading `text` of a value."""
    index = 0
    while index < len(text):
        if quote:
            if quote == '"""' and text[index] == "\\":
                index += 2
            elif text.startswith(quote, index):
                index, quote = index + 3, ""
            else:
                index += 1
            continue
        char = text[index]
        if char == "#":
            break
        if text.startswith('"""', index) or text.startswith("'''", index):
            index, quote = index + 3, text[index:index + 3]
        elif char in "\"'":
            index += 1
            while index < len(text) and text[index] != char:
                index += 2 if char == '"' and text[index] == "\\" else 1
            index += 1
        else:
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth = max(depth - 1, 0)
            index += 1
    return depth, quote


class Locator:
    """An index from key path to line number, built by scanning headers and `key =` lines.

    Lines inside multi-line strings and arrays are skipped, and the inside of inline tables
    is not indexed: a path that is not found falls back to its closest enclosing path that is.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        array_counts: dict[str, int] = {}
        table = ""
        depth, quote = 0, ""  # open brackets and multi-line string of a value still running
        # TOML counts lines by "\n" only; str.splitlines() would also split at U+2028 etc.
        for number, line in enumerate(text.split("\n"), start=1):
            if depth or quote:  # inside a multi-line array, inline table or string
                depth, quote = _scan(line, depth, quote)
                continue
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
                depth, quote = _scan(line[key.end():], 0, "")

    @staticmethod
    def _resolve(path: str, array_counts: dict[str, int]) -> str:
        """Put the index of the current array element into a nested header's path."""
        parts = path.split(".")
        resolved = ""
        for position, part in enumerate(parts, start=1):
            resolved = f"{resolved}.{part}" if resolved else part
            if resolved in array_counts and position < len(parts):  # not the header's own part
                resolved = f"{resolved}[{array_counts[resolved] - 1}]"
        return resolved

    def line(self, key_path: str) -> int | None:
        path = key_path
        while path:
            if path in self._lines:
                return self._lines[path]
            shorter = re.sub(r"(\[\d+\]|\.[^.\[]+|^[^.\[]+)$", "", path)
            # A key holding "[" or "]" does not shorten by the pattern: drop its last character.
            path = shorter if shorter != path else path[:-1]
        return None
