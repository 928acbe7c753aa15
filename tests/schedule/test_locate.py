"""Key path -> line on TOML shapes that trip up a line scanner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from planner import PlannerError, load_schedule
from planner.schedule.locate import Locator


def locate(text: str) -> Locator:
    return Locator(textwrap.dedent(text))


def test_plain_table_key_gets_its_own_line() -> None:
    locator = locate("""\
        [plan]
        name = "x"

        to = 2027-01-01
        """)
    assert locator.line("plan") == 1
    assert locator.line("plan.name") == 2
    assert locator.line("plan.to") == 4


def test_arrays_of_tables_are_counted_per_element() -> None:
    locator = locate("""\
        [[forums.f.regimes]]
        id = "a"
        [[forums.f.regimes]]
        id = "b"
        start = 2024-01-01
        """)
    assert locator.line("forums.f.regimes[0]") == 1
    assert locator.line("forums.f.regimes[0].id") == 2
    assert locator.line("forums.f.regimes[1]") == 3
    assert locator.line("forums.f.regimes[1].start") == 5


def test_nested_array_of_tables_under_array_of_tables() -> None:
    locator = locate("""\
        [[a]]
        x = 1
        [[a.b]]
        y = 1
        [[a.b]]
        y = 2
        [a.c]
        z = 1
        [[a]]
        x = 2
        [[a.b]]
        y = 3
        """)
    assert locator.line("a[0].b[0].y") == 4
    assert locator.line("a[0].b[1]") == 5
    assert locator.line("a[0].b[1].y") == 6
    assert locator.line("a[0].c.z") == 8
    assert locator.line("a[1].x") == 10
    assert locator.line("a[1].b[0].y") == 12


def test_sub_table_header_under_an_array_element_belongs_to_the_last_element() -> None:
    locator = locate("""\
        [[d.phases]]
        name = "one"
        [[d.phases]]
        name = "two"
        [d.phases.extra]
        note = "x"
        """)
    assert locator.line("d.phases[1].extra.note") == 6


def test_key_inside_inline_table_falls_back_to_the_line_of_its_parent_key() -> None:
    locator = locate("""\
        [[forums.f.regimes]]
        id = "a"
        phases = [{ id = "x", months = [1, 12], activities = ["s"] }]
        """)
    assert locator.line("forums.f.regimes[0].phases[0].months") == 3
    assert locator.line("forums.f.regimes[0].phases") == 3


def test_elements_of_a_multi_line_array_of_inline_tables_fall_back_to_the_array() -> None:
    locator = locate("""\
        [f]
        phases = [
          { id = "executive", months = [1, 12] },
          { id = "visit", months = [13, 24] },
        ]
        after = 1
        """)
    assert locator.line("f.phases[1].months") == 2
    assert locator.line("f.after") == 6


def test_unknown_path_falls_back_to_nearest_enclosing_table() -> None:
    locator = locate("""\
        [venues.x]
        name = "X"
        """)
    assert locator.line("venues.x.timezone") == 1
    assert locator.line("nothing.here") is None


def test_quoted_and_dotted_keys_are_found() -> None:
    locator = locate("""\
        [plan]
        "name" = "x"
        days.weekend = ["sat"]
        """)
    assert locator.line("plan.name") == 2
    assert locator.line("plan.days.weekend") == 3


def test_lines_inside_multi_line_basic_string_are_not_keys() -> None:
    locator = locate('''\
        [a]
        description = """
        name = not a key
        [not.a.table]
        """
        name = "real"
        after = 1
        ''')
    assert locator.line("a.name") == 6
    assert locator.line("a.after") == 7
    assert locator.line("not.a.table") is None


def test_lines_inside_multi_line_literal_string_are_not_keys() -> None:
    locator = locate("""\
        [a]
        note = '''
        x = 1
        '''
        x = 2
        """)
    assert locator.line("a.x") == 5


def test_multi_line_string_closing_on_its_opening_line_does_not_swallow_the_rest() -> None:
    locator = locate('''\
        [a]
        one = """single line"""
        two = 2
        ''')
    assert locator.line("a.two") == 3


def test_nested_arrays_over_several_lines_are_not_headers() -> None:
    locator = locate("""\
        [a]
        months = [
          [1, 12],
          [13, 24],
        ]
        name = "x"
        """)
    assert locator.line("a.months") == 2
    assert locator.line("a.name") == 6


def test_brackets_in_strings_and_comments_do_not_open_arrays() -> None:
    locator = locate("""\
        [a]
        title = "Fénix [2025"   # and a comment with [ too
        odd = 'C:\\path\\['
        name = "x"
        """)
    assert locator.line("a.name") == 4


def test_lines_are_counted_like_toml_counts_them() -> None:
    # U+2028 is allowed in a comment; TOML (and tomli) count lines by "\n" only.
    locator = Locator("[a]\n# a line\u2028separator\nname = 1\n")
    assert locator.line("a.name") == 3


def test_problem_after_a_multi_line_description_points_at_the_right_line(
        minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    text = minimal_text.replace(
        'title = "Staff talks"\n',
        'title = "Staff talks"\ndescription = """\ndays = 2\n"""\n', 1)
    text = text.replace("days = 2\nweekdays", "days = 0\nweekdays", 1)
    path = write_schedule(text)
    lines = text.split("\n")
    expected = lines.index("days = 0") + 1
    with pytest.raises(PlannerError) as caught:
        load_schedule(path)
    (problem,) = caught.value.problems
    assert problem.where.key == "forums.talks.activities.meeting.days"
    assert problem.where.line == expected
