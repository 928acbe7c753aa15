"""Find the line of a key path in TOML text (best effort; the key path stays exact)."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")
_BARE = re.compile(r"[A-Za-z0-9_\-.]+")


_IMPLIED = "\x00"  # marks a top-level table made only by a dotted header; never a real key


def _clean(dotted: str) -> str:
    if _BARE.fullmatch(dotted):  # the usual key: nothing to strip
        return dotted
    parts = [part.strip().strip("\"'") for part in dotted.split(".")]
    return ".".join(parts)


# What can change the state of a value, in the order tried: the opening of a multi-line
# string, a one-line string (skipped whole, to the line's end when unclosed), a bracket,
# and the comment that ends the line.
_TOKEN = re.compile(r'"""' r"|'''" r'|"(?:[^"\\]|\\.)*"?' r"|'[^']*'?" r"|[\[\]{}#]")
# A multi-line string's text up to its first closing delimiter ('"""' strings have escapes).
_CLOSING = {'"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""'),
            "'''": re.compile(r"(?:[^']|'(?!''))*'''")}
# Text that closes everything it opens (one-line strings, arrays and inline tables nested
# up to two deep), then maybe a comment: most lines, and reading them changes nothing.
_ATOM = r'"(?!"")(?:[^"\\]|\\.)*"|\'(?!\'\')[^\']*\'|[^"\'\[\]{}#]'
_FLAT = rf"\[(?:{_ATOM})*\]|{{(?:{_ATOM})*}}"
_NESTED = rf"\[(?:{_ATOM}|{_FLAT})*\]|{{(?:{_ATOM}|{_FLAT})*}}"
_BALANCED = re.compile(rf"(?:{_ATOM}|{_NESTED})*(?:#.*)?")


def _scan(text: str, depth: int, quote: str) -> tuple[int, str]:
    """Bracket depth and open multi-line string delimiter after reading `text` of a value."""
    if not quote and _BALANCED.fullmatch(text):
        return depth, quote
    position = 0
    while True:
        if quote:
            closing = _CLOSING[quote].match(text, position)
            if closing is None:
                return depth, quote
            position, quote = closing.end(), ""
        token = _TOKEN.search(text, position)
        if token is None or token.group() == "#":
            return depth, quote
        position = token.end()
        found = token.group()
        if found in ('"""', "'''"):
            quote = found
        elif found in ("[", "{"):
            depth += 1
        elif found in ("]", "}"):
            depth = max(depth - 1, 0)


def _index_lines(text: str) -> dict[str, int]:
    """The line of every table header and `key =` line, by key path."""
    lines: dict[str, int] = {}
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
            path = _resolve(_clean(header.group(2)), array_counts)
            if header.group(1) == "[[":
                index = array_counts.get(path, 0)
                array_counts[path] = index + 1
                path = f"{path}[{index}]"
            table = path
            lines.setdefault(table, number)
            # [forum.jwg] makes the table "forum" too: an unknown key found nowhere else.
            lines.setdefault(_IMPLIED + table.split(".")[0], number)
            continue
        key = _KEY.match(line)
        if key:
            full = f"{table}.{_clean(key.group(1))}" if table else _clean(key.group(1))
            lines.setdefault(full, number)
            depth, quote = _scan(line[key.end():], 0, "")
    return lines


def unclosed_since(text: str, last: int) -> int | None:
    """The line whose `[` or `{` is still open at line `last` (TOML reports the error where
    it gives up, often at the end of the file)."""
    depth, quote, opened = 0, "", None
    for number, line in enumerate(text.split("\n")[:last], start=1):
        if depth or quote:
            depth, quote = _scan(line, depth, quote)
            continue
        key = _KEY.match(line)
        if key:
            depth, quote = _scan(line[key.end():], 0, "")
            opened = number if depth else None
    return opened if depth else None


def _resolve(path: str, array_counts: dict[str, int]) -> str:
    """Put the index of the current array element into a nested header's path."""
    parts = path.split(".")
    resolved = ""
    for position, part in enumerate(parts, start=1):
        resolved = f"{resolved}.{part}" if resolved else part
        if resolved in array_counts and position < len(parts):  # not the header's own part
            resolved = f"{resolved}[{array_counts[resolved] - 1}]"
    return resolved


class Locator:
    """An index from key path to line number, built by scanning headers and `key =` lines.

    Lines inside multi-line strings and arrays are skipped, and the inside of inline tables
    is not indexed: a path that is not found falls back to its closest enclosing path that is.
    The index is built on the first look-up, as most files have no problem to point at.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[str, int] | None = None

    def line(self, key_path: str) -> int | None:
        if self._lines is None:
            self._lines = _index_lines(self._text)
        lines = self._lines
        if "." not in key_path and "[" not in key_path and key_path not in lines:
            return lines.get(_IMPLIED + key_path)
        path = key_path
        while path:
            if path in lines:
                return lines[path]
            shorter = re.sub(r"(\[\d+\]|\.[^.\[]+|^[^.\[]+)$", "", path)
            # A key holding "[" or "]" does not shorten by the pattern: drop its last character.
            path = shorter if shorter != path else path[:-1]
        return None
