"""No traceback for user input: thousands of generated schedules either plan or raise the one
user-error type, with a file and a line or key path, in bounded time; and no plan the engine
makes breaks a rule `planner check` judges."""

from __future__ import annotations

import copy
import datetime as dt
import faulthandler
import os
import sys
import time
from pathlib import Path
from typing import Any

import tomli_w
from conftest import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import PlannerError, make_plan, parse_schedule
from planner.analysis.check import placement_violations
from planner.calendar.ics import render_ics
from planner.calendar.options import CalendarOptions
from planner.schedule.packaged import default_schedule

if sys.version_info >= (3, 14):
    import tomllib
else:
    import tomli as tomllib

NAME = "fuzz.toml"
CASE_SECONDS = 10.0
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
COUNTS = {"cases": 0, "planned": 0, "refused": 0}
MINIMAL = (Path(__file__).parent.parent / "minimal.toml").read_text(encoding="utf-8")
DEFAULT = default_schedule().read_text(encoding="utf-8")
EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "3400"))  # x3 tests: >= 10,000 per run
FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=EXAMPLES,
                suppress_health_check=list(HealthCheck))

KEYS = ["plan", "days", "parties", "venues", "forums", "exercises", "deployments", "leaders",
        "approving_bodies", "name", "title", "country", "timezone", "regimes", "phases",
        "activities", "held", "cycle_months", "months", "start", "end", "from", "to", "date",
        "month", "year", "venue", "venues", "weekdays", "days", "hours", "start_time", "rrule",
        "series", "spacing", "tasks", "leaders", "party", "windows", "periods", "direction",
        "approved", "personnel", "uid_domain", "holidays", "weekend", "blackouts", "number",
        "activity", "parties", "participants", "during_exercise", "category", "every_months"]
TEXTS = st.one_of(
    st.sampled_from(["", " ", "US", "MX", "XX", "America/Denver", "Mars/Olympus", "tue",
                     "FREQ=DAILY", "FREQ=SECONDLY", "FREQ=MONTHLY;COUNT=2", "2023-08", "2023-13",
                     "09-01", "02-30", "entry", "exit", "sideways", "mexico_city", "USNORTHCOM",
                     "<script>alert(1)</script>", "a\r\nBEGIN:VEVENT", "\u202e\U0001F600"]),
    st.text(max_size=40))
SCALARS = st.one_of(
    TEXTS,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.booleans(),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29),
                     dt.date(2026, 1, 31)]),
    st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2210, 12, 31)),
    st.times(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(KEYS) | st.text(min_size=1, max_size=8), inner, max_size=5)),
    max_leaves=25)


def check(raw: bytes) -> None:
    """The property: plan and render, or PlannerError with placed problems; nothing else."""
    COUNTS["cases"] += 1
    began = time.monotonic()
    if os.environ.get("PLANNER_FUZZ_TRACE"):
        Path(os.environ["PLANNER_FUZZ_TRACE"]).write_bytes(raw)
    faulthandler.dump_traceback_later(CASE_SECONDS, exit=True)  # a hang fails loudly
    try:
        schedule = parse_schedule(raw, NAME)
        plan = make_plan(schedule, today=TODAY)
        assert not placement_violations(schedule, plan)  # what `planner check` judges
        render_ics(plan, CalendarOptions(STAMP))
        COUNTS["planned"] += 1
    except PlannerError as error:
        COUNTS["refused"] += 1
        assert error.problems
        for problem in error.problems:
            assert problem.where.file in {NAME, "--set"}, problem
            assert problem.where.line or problem.where.key, problem
            assert problem.message and "\n" not in str(problem), problem
    finally:
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.monotonic() - began
    assert elapsed < CASE_SECONDS, f"took {elapsed:.1f}s"


def _dump(data: dict[str, Any]) -> bytes | None:
    try:
        return tomli_w.dumps(data).encode("utf-8")
    except (TypeError, ValueError):
        return None


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8))
def test_random_toml_documents(data: dict[str, Any]) -> None:
    raw = _dump(data)
    if raw is not None:
        check(raw)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


BASES = [tomllib.loads(MINIMAL), tomllib.loads(DEFAULT)]


@st.composite
def mutated(draw: st.DrawFn) -> bytes | None:
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "nest"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "nest":
            parent[path[-1]] = {"deep": {"deeper": {"deepest": parent[path[-1]]}}}
        else:
            parent[path[-1]] = draw(VALUES)
    return _dump(data)


@FUZZ
@given(mutated())
def test_mutated_valid_schedules(raw: bytes | None) -> None:
    if raw is not None:
        check(raw)


@FUZZ
@given(st.sampled_from([MINIMAL, DEFAULT]), st.lists(
    st.tuples(st.integers(0, 20000), st.integers(0, 8), st.text(max_size=6)), max_size=4))
def test_edited_text(base: str, edits: list[tuple[int, int, str]]) -> None:
    text = base
    for position, length, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + length:]
    check(text.encode("utf-8", "surrogatepass"))


def test_hostile_one_offs() -> None:
    huge = MINIMAL.replace('name = "Test plan"', f'name = "{"x" * 10_000_000}"')
    deep = "a = " + "[" * 100_000 + "]" * 100_000
    tables = "\n".join(f"[{'.'.join(['t'] * depth)}]" for depth in range(1, 300))
    for raw in (huge.encode(), deep.encode(), tables.encode(), b"\xff\xfe\x00", b"",
                MINIMAL.replace("2026-01-01", "2026-02-30", 1).encode(),
                MINIMAL.replace("from = 2026-01-01", "from = 0001-01-01").encode(),
                MINIMAL.replace("to = 2027-12-31", "to = 9999-12-31").encode()):
        check(raw)


def test_fuzz_count_reached() -> None:
    """Runs last in this file: the generated cases add up to at least 10,000 per run."""
    print(f"\nfuzz: {COUNTS['cases']} schedules ({COUNTS['planned']} planned, "
          f"{COUNTS['refused']} refused as user errors), 0 failures")
    assert COUNTS["cases"] >= min(10_000, 2 * EXAMPLES)  # some drawn documents cannot be TOML
