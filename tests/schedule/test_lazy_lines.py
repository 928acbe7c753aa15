"""Lines of key paths are found only when a place is shown, and found right then."""

from __future__ import annotations

import gc
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from planner import PlannerError, Where, load_schedule
from planner.schedule import locate
from planner.schedule.locate import Locator


class CountingFinder:
    def __init__(self, line: int | None) -> None:
        self.answer = line
        self.asked: list[str] = []

    def line(self, key_path: str) -> int | None:
        self.asked.append(key_path)
        return self.answer


def test_a_place_asks_its_finder_once_and_only_when_its_line_is_wanted() -> None:
    finder = CountingFinder(7)
    where = Where("s.toml", "plan.name", finder=finder)
    assert finder.asked == []
    assert str(where) == "s.toml:7: plan.name"
    assert where.line == 7
    assert finder.asked == ["plan.name"]


def test_a_found_line_makes_the_same_place_as_a_given_line() -> None:
    found = Where("s.toml", "plan.name", finder=CountingFinder(7))
    given = Where("s.toml", "plan.name", 7)
    assert found == given
    assert hash(found) == hash(given)
    assert repr(found) == repr(given) == "Where(file='s.toml', key='plan.name', line=7)"
    assert Where("s.toml", "x", finder=CountingFinder(None)) == Where("s.toml", "x")


def test_a_place_is_immutable() -> None:
    where = Where("s.toml", "plan.name", 3)
    with pytest.raises(AttributeError):
        where.file = "other.toml"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        where.line = 4  # type: ignore[misc]


def test_loading_a_good_schedule_does_not_index_its_lines(
        minimal_text: str, write_schedule: Callable[..., Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> dict[str, int]:
        raise AssertionError("the line index was built")

    monkeypatch.setattr(locate, "_index_lines", refuse)
    schedule = load_schedule(write_schedule(minimal_text))
    assert schedule.forums[0].id == "talks"


def test_a_problem_still_names_its_line(minimal_text: str,
                                         write_schedule: Callable[..., Path]) -> None:
    text = minimal_text.replace("days = 2\nweekdays", "days = 0\nweekdays", 1)
    with pytest.raises(PlannerError) as caught:
        load_schedule(write_schedule(text))
    (problem,) = caught.value.problems
    assert problem.where.line == text.split("\n").index("days = 0") + 1
    assert str(problem).startswith(f"{problem.where.file}:{problem.where.line}: ")


def test_loading_leaves_the_garbage_collector_as_it_found_it(
        minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    path = write_schedule(minimal_text)
    assert gc.isenabled()
    load_schedule(path)
    assert gc.isenabled()
    gc.disable()
    try:
        load_schedule(path)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("value", [
    '"plain"', "'literal'", "1.5", "2026-03-15", '["tue", "wed"]', '"with ] and [ inside"',
    '"escaped \\" quote ["', "'C:\\path\\['", '""', "''", '["a"] # comment [',
    '[[1, 12], [13, 24]]', '[{ id = "x", months = [1, 12] }]', '{ a = "}" }',
    '"""one line"""', "'''one line'''", '"""a""" # [',
])
def test_a_value_closed_on_its_line_does_not_hide_the_next_key(value: str) -> None:
    locator = Locator(textwrap.dedent(f"""\
        [a]
        value = {value}
        after = 1
        """))
    assert locator.line("a.after") == 3


@pytest.mark.parametrize("value", ['[', '["a",', '[{ id = "x" },', '{ a = 1,', '"""', "'''",
                                   '"""text', '""""', "'''a''' + '''"])
def test_a_value_left_open_hides_the_lines_until_it_closes(value: str) -> None:
    locator = Locator(textwrap.dedent(f"""\
        [a]
        value = {value}
        inside = 1
        """))
    assert locator.line("a.inside") == 1  # not a key: falls back to the table
