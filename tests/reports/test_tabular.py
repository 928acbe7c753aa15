"""`planner export --format csv|json`: documented columns, a versioned JSON with a schema."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import Result

from planner import Plan
from planner.reports import tabular

Run = Callable[..., Result]
SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "plan-export.schema.json"


def exported(run: Run, fmt: str, *args: str) -> str:
    return run("export", "--format", fmt, *args).stdout


def document(run: Run, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(exported(run, "json", *args))
    return data


def test_csv_has_the_documented_columns(run: Run, roundtable_plan: Plan) -> None:
    text = exported(run, "csv")
    assert text.startswith("\ufeff")  # the byte order mark Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == tabular.COLUMNS == (
        "id", "uid", "forum", "kind", "title", "start", "end", "all_day", "timezone", "venue",
        "location", "country", "participants", "cycle", "phase", "status", "provenance")
    assert len(rows) - 1 == len(roundtable_plan.events)
    assert all(len(row) == len(tabular.COLUMNS) for row in rows)
    session = dict(zip(rows[0], next(r for r in rows if r[0] == "roundtable.biennial.c2.executive_session"),
                       strict=True))
    assert session == session | {
        "uid": "roundtable.biennial.c2.executive_session@roundtable.planner", "forum": "roundtable",
        "kind": "executive-session", "start": "2026-08-04", "end": "2026-08-05", "all_day": "true",
        "timezone": "America/Denver", "venue": "colorado_springs", "country": "US",
        "participants": "USNORTHCOM;SEDENA;SEMAR", "status": "planned"}
    assert session["provenance"].startswith("First allowed day in a preferred month (August)")
    assert session["phase"].startswith("Executive year")


def test_every_column_is_documented() -> None:
    assert tabular.__doc__ is not None
    for column in tabular.COLUMNS:
        assert f"\n    {column} " in tabular.__doc__, column


def test_json_validates_against_the_published_schema(run: Run) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for lang in ("en", "es", "en+es"):
        data = document(run, "--lang", lang)
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
        assert data["version"] == 1 and data["schema"] == schema["$id"] == tabular.SCHEMA_ID
        assert list(data["events"][0]) == list(tabular.COLUMNS)


def test_schema_rejects_what_is_not_an_export(run: Run) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = document(run)
    data["events"][0]["all_day"] = "yes"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors


def test_timed_events_carry_their_offset(run: Run) -> None:
    data = document(run, "--from", "2025-01-01", "--to", "2026-12-31")
    assert data["plan"]["from"] == "2025-01-01" and data["plan"]["to"] == "2026-12-31"
    assert min(e["start"] for e in data["events"]) >= "2024"  # a window touching 2025 counts
    call = next(e for e in data["events"] if e["id"] == "roundtable.biennial.c2.tri_chair_call")
    assert call["all_day"] is False
    assert call["start"].endswith("-07:00") and call["start"][:10] == call["end"][:10]
    deadline = next(e for e in data["events"] if e["kind"] == "approval-deadline")
    assert deadline["venue"] is None and deadline["country"] is None


def test_spanish_texts_same_codes(run: Run) -> None:
    english = {e["id"]: e for e in document(run)["events"]}
    spanish = {e["id"]: e for e in document(run, "--lang", "es")["events"]}
    assert english.keys() == spanish.keys()
    session = spanish["roundtable.biennial.c2.executive_session"]
    assert session["title"] == "Mesa Redonda: Sesión ejecutiva (n.º 9)"
    assert session["status"] == "planned" and session["kind"] == "executive-session"
    assert session["phase"].startswith("Año ejecutivo")


def test_same_bytes_twice_and_to_a_file(run: Run, tmp_path: Path) -> None:
    assert exported(run, "json") == exported(run, "json")
    run("export", "--format", "csv", "-o", str(tmp_path / "plan.csv"))
    assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbfid,uid,forum,")
    assert (tmp_path / "plan.csv").read_bytes().count(b"\r\n") > 10
