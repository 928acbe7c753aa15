"""schemas/schedule.schema.json and the loader describe the same language."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli_w

from planner.errors import PlannerError
from planner.schedule import read
from planner.schedule.load import load_schedule
from planner.schedule.reference import updated
from planner.schedule.syntax import parse_toml  # the TOML reader the loader uses

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "schedule.schema.json").read_text(encoding="utf-8"))
FIXTURES = [ROOT / "schedules" / "roundtable.toml", ROOT / "tests" / "minimal.toml",
            ROOT / "tests" / "publish" / "small.toml"]
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def as_json(value: Any) -> Any:
    """TOML data as JSON sees it (taplo's mapping): dates and times become strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def data(path: Path) -> Any:
    return as_json(parse_toml(path.read_text(encoding="utf-8")))


def node_at(pattern: str) -> dict[str, Any]:
    """The schema of the table at a key path such as forums.roundtable.regimes[].phases[]."""
    node = SCHEMA
    for part in filter(None, pattern.split(".")):
        name, arrays = part.rstrip("[]"), part.count("[]")
        properties = node.get("properties", {})
        node = properties[name] if name in properties else node["additionalProperties"]
        for _ in range(arrays):
            node = node["items"]
    return node


def test_the_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.name)
def test_every_schedule_the_loader_accepts_is_valid_under_the_schema(fixture: Path) -> None:
    load_schedule(fixture)
    errors = [f"{list(error.absolute_path)}: {error.message}"
              for error in VALIDATOR.iter_errors(data(fixture))]
    assert errors == []


def test_every_key_the_loader_reads_is_in_the_schema_at_its_place(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: dict[str, set[str]] = {}
    finish = read.Table.finish

    def record(table: read.Table) -> None:
        asked.setdefault(re.sub(r"\[\d+\]", "[]", table.path), set()).update(table._seen)
        finish(table)

    monkeypatch.setattr(read.Table, "finish", record)
    for fixture in FIXTURES:
        load_schedule(fixture)
    assert len(asked) > 20
    missing = {path: sorted(keys - set(node_at(path).get("properties", {})))
               for path, keys in asked.items()}
    assert {path: keys for path, keys in missing.items() if keys} == {}


def tables(value: Any, path: str = "") -> list[str]:
    """Key paths of every table in the data (array items as name[index])."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict):
                found += tables(item, f"{path}.{key}" if path else key)
            elif isinstance(item, list):
                found += [table for index, element in enumerate(item) if isinstance(element, dict)
                          for table in tables(element, f"{path}.{key}[{index}]" if path
                                              else f"{key}[{index}]")]
    return found


def test_an_unknown_key_in_any_table_is_refused_by_the_loader_and_the_schema(
        tmp_path: Path) -> None:
    text = FIXTURES[0].read_text(encoding="utf-8")
    original = parse_toml(text)
    for table in tables(original)[1:]:
        changed = parse_toml(text)
        node: Any = changed
        for name, index in re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", table):
            node = node[name] if index == "" else node[name][int(index)]
        node["zz_not_a_key"] = 1
        assert not VALIDATOR.is_valid(as_json(changed)), table
        assert f"{table}.zz_not_a_key: " in loader_problems(changed, tmp_path), table


def loader_problems(value: dict[str, Any], tmp_path: Path) -> str:
    path = tmp_path / "changed.toml"
    path.write_bytes(tomli_w.dumps(value).encode())
    try:
        load_schedule(path)
    except PlannerError as error:
        return str(error)
    return ""


def test_the_readme_key_reference_is_generated_from_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert updated(readme, SCHEMA) == readme, "run: python -m planner.schedule.reference"
    assert "| `forums.ID.activities.ID.weekdays` | array of strings |" in readme
