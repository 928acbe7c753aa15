"""The local record of the SEQUENCE planner last published for each event of a calendar.

Once someone deletes an event on the server, nothing planner reads there still holds its
SEQUENCE; re-created at 0, it would be ignored by clients that cached the old copy. So after
each publish planner keeps, per calendar URL, a JSON file of "UID" (or "UID RECURRENCE-ID"
for an overridden occurrence) -> the highest SEQUENCE published, in
``$XDG_STATE_HOME/planner/`` (default ``~/.local/state/planner/``). Its name is a hash of the
normalised calendar URL, which never carries credentials (check_url refuses them).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from planner.calendar.icstext import Component
from planner.calendar.reading import key_of, sequence_of
from planner.errors import PlannerError
from planner.files import WriteFailed, write_atomically
from planner.i18n import Phrase, deferred

FORMAT = 1
_DEFAULT_PORTS = {"http": 80, "https": 443}


def state_folder() -> Path:
    """$XDG_STATE_HOME/planner, or ~/.local/state/planner (a relative XDG path is ignored,
    as the XDG specification says)."""
    base = os.environ.get("XDG_STATE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".local" / "state"
    return root / "planner"


def normal_url(url: str) -> str:
    """The calendar URL as one spelling: scheme and host in lower case, no default port,
    no credentials, no fragment, the path ending in "/"."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6
        host = f"[{host}]"
    port = "" if parts.port in (None, _DEFAULT_PORTS.get(scheme)) else f":{parts.port}"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{host}{port}{path}{query}"


def record_path(url: str) -> Path:
    digest = hashlib.sha256(normal_url(url).encode("utf-8")).hexdigest()[:32]
    return state_folder() / f"publish-{digest}.json"


def sequences(components: Iterable[Component]) -> dict[str, int]:
    """Each event's key (planner.calendar.reading.key_of: "UID", or "UID RECURRENCE-ID" for
    one occurrence of a series) -> its SEQUENCE (the highest, should a key come twice)."""
    found: dict[str, int] = {}
    for component in components:
        key = key_of(component)
        found[key] = max(sequence_of(component), found.get(key, 0))
    return found


def load(path: Path) -> tuple[dict[str, int], Phrase | None]:
    """(the record, None), ({}, None) when there is none yet, or ({}, a one-line warning)
    when it cannot be read or is damaged: publishing then goes on from the server alone."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as error:
        reason = (error.strerror if isinstance(error, OSError) and error.strerror
                  else deferred("not UTF-8"))
        return {}, _ignored(path, deferred("cannot be read ({reason})", reason=reason))
    try:
        data = json.loads(text)
    except ValueError:
        return {}, _ignored(path, deferred("is not JSON"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, _ignored(path, deferred("is not a format {format} publish record",
                                           format=FORMAT))
    found = data.get("sequences")
    if not isinstance(found, dict) or not all(
            isinstance(key, str) and type(value) is int and value >= 0
            for key, value in found.items()):
        return {}, _ignored(path, deferred("has no valid \"sequences\" table of UID -> SEQUENCE"))
    return dict(found), None


def _ignored(path: Path, problem: Phrase) -> Phrase:
    return deferred("warning: the publish record {path} {problem}; ignored (SEQUENCE continues "
                    "from what the server holds; the record is rewritten after this publish)",
                    path=str(path), problem=problem)


def save(path: Path, url: str, record: Mapping[str, int],
         published: Mapping[str, int]) -> Phrase | None:
    """Write the record merged with what was just published (the higher SEQUENCE wins),
    through a temp file and a rename. None, or a one-line warning when it cannot be written
    (the publish itself is done; the next one just knows less)."""
    merged = dict(record)
    for key, sequence in published.items():
        merged[key] = max(sequence, merged.get(key, 0))
    data = {"format": FORMAT, "calendar": normal_url(url), "sequences": dict(sorted(merged.items()))}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
    except (OSError, PlannerError, WriteFailed) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return deferred("warning: could not write the publish record {path}: {reason}",
                        path=str(path), reason=reason)
    return None
