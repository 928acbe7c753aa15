"""The TOML reader's own words for a syntax error, as phrases in the reader's language.

tomllib (and tomli, the same code before Python 3.11's) writes a fixed set of English
messages; a few name the character or key at fault. An unknown message (a newer reader's)
is shown as it is.
"""

from __future__ import annotations

import re

from planner.i18n import N_, deferred

_FIXED = frozenset({
    N_("An object other than list found behind this key"),
    N_("Cannot overwrite a value"),
    N_("Escaped character is not a Unicode scalar value"),
    N_("Expected ']' at the end of a table declaration"),
    N_("Expected ']]' at the end of an array declaration"),
    N_("Expected '=' after a key in a key/value pair"),
    N_("Expected newline or end of document after a statement"),
    N_("Invalid date or datetime"),
    N_("Invalid hex value"),
    N_("Invalid initial character for a key part"),
    N_("Invalid statement"),
    N_("Invalid value"),
    N_("There is no nest behind this key"),
    N_("Unclosed array"),
    N_("Unclosed inline table"),
    N_("Unescaped '\\' in a string"),
    N_("Unterminated string"),
})
# Messages with a part of the text in them, by the English words around that part.
_NAMING = (
    (re.compile(r"Cannot declare (?P<part>.+) twice"), N_("Cannot declare {part} twice")),
    (re.compile(r"Cannot mutate immutable namespace (?P<part>.+)"),
     N_("Cannot mutate immutable namespace {part}")),
    (re.compile(r"Cannot redefine namespace (?P<part>.+)"), N_("Cannot redefine namespace {part}")),
    (re.compile(r"Duplicate inline table key (?P<part>.+)"),
     N_("Duplicate inline table key {part}")),
    (re.compile(r"Found invalid character (?P<part>.+)"), N_("Found invalid character {part}")),
    (re.compile(r"Illegal character (?P<part>.+)"), N_("Illegal character {part}")),
    (re.compile(r"Expected (?P<part>.+)"), N_("Expected {part}")),
)


def toml_error(message: str) -> str:
    """tomllib's `message` as a phrase written in the reader's language."""
    if message in _FIXED:
        return deferred(message)
    for pattern, phrase in _NAMING:
        match = pattern.fullmatch(message)
        if match:
            return deferred(phrase, part=match.group("part"))
    return message
