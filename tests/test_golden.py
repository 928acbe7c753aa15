"""Calendars compared byte for byte with the reviewed files in tests/golden/.

After an intended change, run `pytest tests/test_golden.py --update-golden` and review the
diff of tests/golden/ like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL, TODAY, entries, render_calendar
from icalendar import Calendar

from planner import load_schedule, make_plan
from planner.cli import cli
from planner.schedule.packaged import default_schedule

GOLDEN = Path(__file__).parent / "golden"
CASES = {"roundtable": default_schedule(), "minimal": MINIMAL}


def rendered(name: str) -> tuple[bytes, int]:
    schedule = load_schedule(CASES[name])
    plan = make_plan(schedule, today=TODAY)
    return render_calendar(schedule, plan), len(entries(plan.events))


@pytest.mark.parametrize("name", sorted(CASES), ids=sorted(CASES))
def test_calendar_is_byte_equal_to_golden(name: str, request: pytest.FixtureRequest) -> None:
    path = GOLDEN / f"{name}.ics"
    data, _ = rendered(name)
    if request.config.getoption("--update-golden"):
        path.write_bytes(data)
    assert path.exists(), f"{path} missing: run pytest --update-golden and review it"
    golden = path.read_bytes()
    if data != golden:
        have, want = data.decode().split("\r\n"), golden.decode().split("\r\n")
        same = min(len(have), len(want))
        first = next((i for i in range(same) if have[i] != want[i]), same)
        got = have[first] if first < len(have) else "<end of file>"
        wanted = want[first] if first < len(want) else "<end of file>"
        pytest.fail(f"{path.name} differs from line {first + 1}: got {got!r}, golden has "
                    f"{wanted!r}; if intended, run pytest --update-golden and review the diff")


@pytest.mark.parametrize("name", sorted(CASES), ids=sorted(CASES))
def test_golden_file_reparses_with_icalendar(name: str) -> None:
    _, count = rendered(name)
    calendar = Calendar.from_ical((GOLDEN / f"{name}.ics").read_bytes())
    events = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]  # series once
    assert len(events) == count
    assert len({str(event["UID"]) for event in events}) == count
    assert all(event.get("DTSTART") is not None and event.get("DTEND") is not None
               for event in events)


def test_golden_roundtable_has_the_seventh_and_ninth_sessions() -> None:
    calendar = Calendar.from_ical((GOLDEN / "roundtable.ics").read_bytes())
    summaries = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    seventh = "BMCR: Executive session (7th) — August 2023, day not recorded"
    assert str(summaries[seventh].decoded("DTSTART")) == "2023-08-01"
    assert str(summaries["BMCR: Executive session (9th)"].decoded("DTSTART")) == "2026-08-04"


def test_cli_writes_the_golden_bytes(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "roundtable.ics"
    result = runner.invoke(cli, ["generate", "-o", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (GOLDEN / "roundtable.ics").read_bytes()
