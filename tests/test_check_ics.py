"""The default calendar passes the shared conformance harness (nine real calendar parsers)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import IN_CI, entries, render_calendar

from planner import Plan, Schedule

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
