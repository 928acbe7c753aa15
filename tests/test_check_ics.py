"""The default calendar passes the shared conformance harness (nine real calendar parsers)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from conftest import IN_CI, entries, render_calendar, theater_benchmark

from planner import Plan, Schedule, load_schedule, make_plan

HARNESS = Path(__file__).resolve().parent.parent.parent / "shared" / "interop"
CHECK_ICS = HARNESS / "check-ics"


def require_harness() -> Path:
    """The check-ics script; skip when it is not set up (fail in CI, where it must run)."""
    if not CHECK_ICS.exists() or not (HARNESS / "build" / "libical_check").exists():
        message = f"{CHECK_ICS} is not set up: run {HARNESS / 'setup'} once"
        if IN_CI:
            pytest.fail(message + " (CI must run this test)")
        pytest.skip(message)
    return CHECK_ICS


def test_default_calendar_passes_every_client(roundtable: Schedule, roundtable_plan: Plan,
                                              tmp_path: Path) -> None:
    check_ics = require_harness()
    path = tmp_path / "roundtable.ics"
    path.write_bytes(render_calendar(roundtable, roundtable_plan))
    expected = len(entries(roundtable_plan.events))
    result = subprocess.run([str(check_ics), str(path), "--expect-events", str(expected)],
                            capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert report.strip().splitlines()[-1] == "PASS", report


def test_a_theater_calendar_slice_passes_every_client(tmp_path: Path) -> None:
    # Eight months of the 150-nation theater benchmark: about 2,250 events in 150 zones.
    check_ics = require_harness()
    theater = theater_benchmark()
    schedule = load_schedule(theater.write_schedule(1, tmp_path / "theater.toml"))
    plan = make_plan(schedule, today=theater.TODAY, horizon=(dt.date(2027, 1, 1),
                                                              dt.date(2027, 8, 31)))
    path = tmp_path / "theater.ics"
    path.write_bytes(render_calendar(schedule, plan))
    expected = len(entries(plan.events))
    assert expected > 2000
    result = subprocess.run([str(check_ics), str(path), "--expect-events", str(expected)],
                            capture_output=True, text=True, timeout=1200)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert report.strip().splitlines()[-1] == "PASS", report
