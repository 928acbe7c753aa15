"""Shared fixtures: a CLI runner, schedule writers, a fixed today and SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from planner import Plan, Schedule, load_schedule, make_plan
from planner.schedule.packaged import default_schedule

TODAY = dt.date(2026, 11, 23)
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
STAMP = dt.datetime.fromtimestamp(int(EPOCH), tz=dt.UTC)  # DTSTAMP that EPOCH gives
MINIMAL = Path(__file__).parent / "minimal.toml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ files from the current output (review the diff)")


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    # The language defaults to the locale's; tests that want Spanish say so.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def runner() -> CliRunner:
    # An exported COLUMNS is a width the user asked for; tests start from a plain pipe.
    return CliRunner(env={"COLUMNS": None})


@pytest.fixture
def write_schedule(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write TOML text (dedented) to a file in tmp_path and return its path."""

    def write(text: str, name: str = "schedule.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def minimal_text() -> str:
    """The text of tests/minimal.toml, for tests that change a line of it."""
    return MINIMAL.read_text(encoding="utf-8")


def theater_benchmark() -> ModuleType:
    """benchmarks/theater_schedule.py, the theater-scale schedule generator (write_schedule,
    TODAY, HORIZON), imported as the benchmark's runner imports it."""
    return benchmark_module("theater_schedule")


def benchmark_module(name: str) -> ModuleType:
    """A module of benchmarks/ (they import each other by name, as scripts run from there)."""
    folder = str(Path(__file__).resolve().parent.parent / "benchmarks")
    if folder not in sys.path:
        sys.path.append(folder)
    return importlib.import_module(name)


def render_calendar(schedule: Schedule, plan: Plan, lang: str = "en") -> bytes:
    """The .ics bytes the CLI writes for this plan (same party names, SOURCE_DATE_EPOCH stamp)."""
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions

    names = {party.id: party.name for party in schedule.parties}
    return render_ics(plan, CalendarOptions(STAMP, lang=lang, party_names=names))


@pytest.fixture(scope="session")
def roundtable() -> Schedule:
    return load_schedule(default_schedule())


@pytest.fixture(scope="session")
def roundtable_plan(roundtable: Schedule) -> Plan:
    return make_plan(roundtable, today=TODAY)


def entries(events):  # type: ignore[no-untyped-def]
    """One event per calendar entry: a series' occurrences share one VEVENT (its first)."""
    seen: dict[str, object] = {}
    for event in events:
        seen.setdefault(event.calendar_id, event)
    return list(seen.values())


def require_binary(name: str, package: str) -> str:
    """The binary's path; skip (or fail in CI, where it must run) when it is missing."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found: install the Debian package '{package}'"
        if IN_CI:
            pytest.fail(message + " (CI must run this test)")
        pytest.skip(message)
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show the fuzz count in every run's summary (CI logs it)."""
    import sys

    fuzz = sys.modules.get("robustness.test_fuzz")
    if fuzz is not None and fuzz.COUNTS["cases"]:
        counts = fuzz.COUNTS
        failed = len(terminalreporter.stats.get("failed", []))
        terminalreporter.write_line(
            f"fuzz: {counts['cases']} schedules ({counts['planned']} planned, "
            f"{counts['refused']} refused as user errors); {failed} failed tests in this run")
