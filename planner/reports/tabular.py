"""The plan as data for spreadsheets and programs: CSV rows or a JSON document.

One row (CSV) or object (JSON) per event, with these columns, in this order:

    id            the event's id, as in `planner list` and `planner explain`
    uid           the UID its calendar entry carries (id@uid_domain)
    forum         forum id, or "exercises" / "deployments"
    kind          e.g. executive-session, exercise-visit, deployment, approval-deadline
    title         in the chosen language
    start         first day (YYYY-MM-DD), or local start time with offset for timed events
    end           last day, inclusive (YYYY-MM-DD), or local end time for timed events
    all_day       true / false
    timezone      IANA zone of the venue; empty (CSV) or null (JSON) when there is none
    venue         venue id; empty / null when there is none
    location      the venue's name, in the chosen language
    country       the venue's country code (ISO 3166-1 alpha-2); empty / null when no venue
    participants  party ids; ";"-separated in CSV, an array in JSON
    cycle         e.g. "biennial cycle 2 (2026-01-01 to 2027-12-31)"; empty when none
    phase         e.g. "Executive year (2026-01-01 to 2026-12-31)"; empty when none
    status        held, planned, fixed or deadline
    provenance    why the event is on its date, in one sentence (`planner explain` tells more)

Column names and codes (kind, status, ids) never change with --lang; the texts do. The
JSON document is `{"version": 1, "schema": SCHEMA_ID, "plan": {...}, "events": [...]}` and
validates against schemas/plan-export.schema.json in the repository.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from planner.plan import Plan, PlannedEvent
from planner.schedule.model import Schedule

VERSION = 1
SCHEMA_ID = "urn:planner:schema:plan-export:1"
COLUMNS = ("id", "uid", "forum", "kind", "title", "start", "end", "all_day", "timezone", "venue",
           "location", "country", "participants", "cycle", "phase", "status", "provenance")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def event_record(event: PlannedEvent, plan: Plan, countries: dict[str, str],
                 lang: str = "en") -> dict[str, Any]:
    """One event as JSON-ready values, keyed by COLUMNS in order."""
    timed = event.start_time is not None and event.end_time is not None
    return {
        "id": event.id,
        "uid": f"{event.id}@{plan.uid_domain}",
        "forum": event.forum,
        "kind": event.kind,
        "title": event.title.get(lang),
        "start": event.start_time.isoformat() if timed and event.start_time else event.start.isoformat(),
        "end": event.end_time.isoformat() if timed and event.end_time else event.end.isoformat(),
        "all_day": not timed,
        "timezone": event.timezone,
        "venue": event.venue,
        "location": event.location.get(lang),
        "country": countries.get(event.venue) if event.venue else None,
        "participants": list(event.participants),
        "cycle": event.cycle.get(lang),
        "phase": event.phase.get(lang),
        "status": event.status.value,
        "provenance": event.provenance.summary.get(lang),
    }


def records(plan: Plan, schedule: Schedule, lang: str = "en") -> list[dict[str, Any]]:
    countries = {venue.id: venue.country for venue in schedule.venues}
    return [event_record(event, plan, countries, lang) for event in plan.events]


def to_csv(plan: Plan, schedule: Schedule, lang: str = "en") -> bytes:
    """CSV (see csv_text) with a header row of COLUMNS."""
    rows = [[_cell(record[column]) for column in COLUMNS]
            for record in records(plan, schedule, lang)]
    return csv_text([list(COLUMNS), *rows]).encode("utf-8")


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """RFC 4180 CSV (CRLF line ends) that spreadsheets open safely and right.

    It starts with a UTF-8 byte order mark, without which Excel on Windows reads the file as
    its ANSI code page ("FÃ©nix"); and a cell that starts like a formula (= + - @, tab, CR)
    gets a leading apostrophe, as OWASP advises against CSV injection, so that
    "=HYPERLINK(...)" in a title is shown as text instead of being run.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["'" + cell if cell.startswith(_FORMULA_STARTS) else cell for cell in row])
    return buffer.getvalue()


def to_json(plan: Plan, schedule: Schedule, lang: str = "en") -> bytes:
    """The JSON document, indented, keys in a fixed order, non-ASCII kept as UTF-8."""
    document = {
        "version": VERSION,
        "schema": SCHEMA_ID,
        "plan": {
            "name": plan.name.get(lang),
            "calendar_name": plan.calendar_name.get(lang),
            "uid_domain": plan.uid_domain,
            "from": plan.horizon[0].isoformat(),
            "to": plan.horizon[1].isoformat(),
            "lang": lang,
            "warnings": [str(warning) for warning in plan.warnings],
        },
        "events": records(plan, schedule, lang),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)
