"""The key-path reader: typed getters that collect problems instead of raising."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planner.schedule.locate import Locator
from planner.schedule.read import Problems, Table


def table(data: dict[str, Any], text: str = "") -> tuple[Table, Problems]:
    problems = Problems("s.toml", Locator(text))
    return Table(data, "a", problems), problems


def messages(problems: Problems) -> list[str]:
    return [str(problem) for problem in problems.found]


@pytest.mark.parametrize(("given", "expected"), [
    (["tue", "wed", "thu"], {1, 2, 3}),
    (["Tuesday", " THU "], {1, 3}),
    (["sat", "sun"], {5, 6}),
    (["martes", "Miércoles", "jue"], {1, 2, 3}),
    (["miercoles", "sábado", "SAB", "dom", "lun", "vie"], {2, 5, 6, 0, 4}),
], ids=["short", "long-and-mixed-case", "weekend", "spanish", "spanish-without-accents"])
def test_weekday_names_become_numbers_monday_zero(given: list[str], expected: set[int]) -> None:
    reader, problems = table({"weekdays": given})
    assert reader.weekdays("weekdays") == frozenset(expected)
    assert problems.found == []


def test_unknown_weekday_is_named_with_the_choices() -> None:
    reader, problems = table({"weekdays": ["tue", "tux"]})
    assert reader.weekdays("weekdays") == frozenset({1})
    assert messages(problems) == ["s.toml: a.weekdays: unknown weekday 'tux'; "
                                  "use mon, tue, wed, thu, fri, sat or sun (or lun, mar, mié, jue, "
                                  "vie, sáb, dom)"]


def test_unknown_key_suggests_the_nearest_known_one() -> None:
    reader, problems = table({"title": "x", "prefered_months": [5]})
    reader.text("title")
    reader.integers("preferred_months", 1, 12)
    reader.finish()
    assert messages(problems) == [
        "s.toml: a.prefered_months: unknown key; did you mean 'preferred_months'?"]


def test_unknown_key_with_nothing_close_says_remove_it() -> None:
    reader, problems = table({"title": "x", "zzz": 1})
    reader.text("title")
    reader.finish()
    assert messages(problems) == ["s.toml: a.zzz: unknown key; remove it"]


def test_spanish_twin_is_a_known_key() -> None:
    reader, problems = table({"title": "Session", "title_es": "Sesión"})
    text = reader.localized("title")
    reader.finish()
    assert (text.en, text.es) == ("Session", "Sesión")
    assert problems.found == []


@pytest.mark.parametrize(("getter", "value", "expected"), [
    (lambda t: t.text("k"), 3, "must be a string, got a number"),
    (lambda t: t.integer("k", 1, 10), "3", "must be a whole number, got a string"),
    (lambda t: t.integer("k", 1, 10), True, "must be a whole number, got true/false"),
    (lambda t: t.integer("k", 1, 10), 11, "must be between 1 and 10, got 11"),
    (lambda t: t.flag("k", False), "yes", "must be true or false, got a string"),
    (lambda t: t.date("k"), "2026-01-01", "must be a date like 2026-03-15 (no quotes), got a string"),
    (lambda t: t.date("k"), dt.datetime(2026, 1, 1, 9), "got a date-time"),
    (lambda t: t.time("k"), "09:00", "must be a local time like 09:00 (no quotes), got a string"),
    (lambda t: t.texts("k"), "x", "must be a list of strings, got a string"),
    (lambda t: t.integers("k", 1, 12), [1, 13], "must hold numbers 1 to 12, got 13"),
    (lambda t: t.table("k"), [], "must be a table, got a list"),
    (lambda t: list(t.tables("k")), {"x": 1}, "must be a list of tables, got a table"),
    (lambda t: t.text("k"), "  ", "must not be empty"),
], ids=["text", "integer-string", "integer-bool", "integer-range", "flag", "date-string",
        "date-datetime", "time-string", "texts", "integers-range", "table", "tables", "empty-text"])
def test_wrong_value_is_a_problem_at_its_key(getter: Any, value: object, expected: str) -> None:
    reader, problems = table({"k": value})
    getter(reader)
    (problem,) = problems.found
    assert problem.where.key == "a.k"
    assert expected in problem.message


def test_missing_required_key_says_what_to_add() -> None:
    reader, problems = table({})
    assert reader.text("name") == ""
    assert messages(problems) == ["s.toml: a.name: missing; add `name = ...` here"]


def test_missing_optional_key_gives_the_default_silently() -> None:
    reader, problems = table({})
    assert reader.text("kind", default="meeting") == "meeting"
    assert reader.flag("numbered", False) is False
    assert reader.integer("days", 1, 92, default=1) == 1
    assert reader.date("approved", required=False) is None
    assert problems.found == []


def test_every_problem_is_collected_not_just_the_first() -> None:
    reader, problems = table({"a1": 1, "b1": "x", "c1": "y"})
    reader.text("a1")
    reader.integer("b1", 1, 2)
    reader.flag("c1", True)
    reader.text("d1")
    assert [p.where.key for p in problems.found] == ["a.a1", "a.b1", "a.c1", "a.d1"]


def test_problems_get_the_line_of_their_key() -> None:
    text = "[a]\nname = 1\n\nk = 2\n"
    reader, problems = table({"name": 1, "k": 2}, text)
    reader.text("name")
    reader.text("k")
    assert [p.where.line for p in problems.found] == [2, 4]


def test_array_of_tables_elements_get_indexed_key_paths() -> None:
    reader, problems = table({"items": [{"x": 1}, "oops", {"x": 2}]})
    keys = [item.path for item in reader.tables("items")]
    assert keys == ["a.items[0]", "a.items[2]"]
    assert messages(problems) == ["s.toml: a.items[1]: must be a table, got a string"]


def test_named_tables_give_each_id_with_its_table() -> None:
    reader, problems = table({"venues": {"x": {"name": "X"}, "y": {"name": "Y"}}})
    assert [(vid, t.path) for vid, t in reader.named_tables("venues")] == [
        ("x", "a.venues.x"), ("y", "a.venues.y")]
    assert problems.found == []
