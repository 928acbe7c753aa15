"""The rules package: every rule module is found, declares what it reads, and keeps no state."""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
from pathlib import Path

import planner.engine.rules as rules_package
from planner.engine.rules import rule_types

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_listed_in_a_module_of_the_package_is_asked_in_its_order() -> None:
    listed = [rule for info in pkgutil.iter_modules(rules_package.__path__)
              for rule in importlib.import_module(f"planner.engine.rules.{info.name}").RULES]
    assert set(rule_types()) == set(listed) and len(listed) >= 9
    assert [rule.order for rule in rule_types()] == sorted({rule.order for rule in listed})
    assert len({rule.name for rule in listed}) == len(listed)
    assert [rule.name for rule in rule_types()][:3] == ["phase", "weekdays", "holidays"]


def test_a_rule_keeps_no_bookings_of_its_own() -> None:
    for rule in rule_types():
        assert dataclasses.is_dataclass(rule), rule
        with_a_field = [field.name for field in dataclasses.fields(rule)]
        assert all("ledger" not in name for name in with_a_field), rule
        # the ledger is passed in: a rule that kept it could not be asked about another one
        assert all("Ledger" not in str(field.type) for field in dataclasses.fields(rule)), rule


def test_the_schema_declares_each_rules_key_as_its_rule_does() -> None:
    schema = json.loads((ROOT / "schemas" / "schedule.schema.json").read_text(encoding="utf-8"))
    declared = schema["properties"]["rules"]["properties"]
    parameters = {p.key: p for rule in rule_types() for p in rule.parameters}
    assert set(declared) == set(parameters)
    for key, parameter in parameters.items():
        assert (declared[key]["type"], declared[key]["minimum"], declared[key]["maximum"]) == (
            "integer", parameter.minimum, parameter.maximum)
