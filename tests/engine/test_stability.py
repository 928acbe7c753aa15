"""Stable plans: a published event keeps its date while every rule still allows it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import TODAY

from planner.cli import cli
from planner.schedule.packaged import default_schedule

TENTH = "roundtable.biennial.c3.executive_session"
NEWCOMER = """
[forums.newcomer]
name = "New yearly forum"
short = "NEW"
parties = ["USNORTHCOM", "SEDENA", "SEMAR"]
leaders = ["northcom_deputy", "sedena_chief_of_staff", "semar_chief_of_staff"]

[forums.newcomer.activities.meeting]
title = "Meeting"
days = 2
weekdays = ["tue", "wed", "thu"]
preferred_months = [8]
venue = "colorado_springs"

[[forums.newcomer.regimes]]
id = "yearly"
cycle_months = 12
start = 2027-01-01
phases = [{ id = "year", name = "Year", months = [1, 12], activities = ["meeting"] }]
"""


def generate(schedule: Path, output: Path, *extra: str) -> Result:
    result = CliRunner().invoke(cli, ["generate", "-s", str(schedule), "-o", str(output),
                                      "--today", TODAY.isoformat(), *extra])
    assert result.exit_code == 0, result.output
    return result


def start_of(calendar: Path, event_id: str) -> str:
    text = calendar.read_bytes().decode("utf-8").replace("\r\n ", "")
    for block in re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT", text, re.S):
        if f"X-PLANNER-ID:{event_id}\r\n" in block:
            found = re.search(r"DTSTART;VALUE=DATE:(\d{8})", block)
            assert found
            return found.group(1)
    raise AssertionError(f"{event_id} not in {calendar}")


def published_roundtable(tmp_path: Path) -> tuple[Path, Path]:
    schedule = tmp_path / "roundtable.toml"
    schedule.write_text(default_schedule().read_text(encoding="utf-8"), encoding="utf-8")
    calendar = tmp_path / "roundtable.ics"
    generate(schedule, calendar)
    assert start_of(calendar, TENTH) == "20280801"
    return schedule, calendar


def test_a_new_forum_sharing_the_tri_chairs_moves_no_published_event(tmp_path: Path) -> None:
    schedule, calendar = published_roundtable(tmp_path)
    schedule.write_text(schedule.read_text() + NEWCOMER)
    result = generate(schedule, calendar)
    assert "calendar entries: 3 new, 0 changed, 56 unchanged, 0 cancelled" in result.stderr
    assert start_of(calendar, TENTH) == "20280801"
    assert start_of(calendar, "newcomer.yearly.c2.meeting") == "20280808"  # works around it


def test_replan_ignores_published_dates(tmp_path: Path) -> None:
    schedule, calendar = published_roundtable(tmp_path)
    schedule.write_text(schedule.read_text() + NEWCOMER)
    result = generate(schedule, calendar, "--replan")
    # The newcomer sorts first and takes Aug 1-2; the 10th session and its 4 tasks move.
    assert "calendar entries: 3 new, 5 changed, 51 unchanged, 0 cancelled" in result.stderr
    assert start_of(calendar, TENTH) == "20280808"


def test_an_event_whose_published_date_is_now_refused_moves_and_the_run_says_why(
        tmp_path: Path) -> None:
    schedule, calendar = published_roundtable(tmp_path)
    blackout = ('[days]\nblackouts = [{ from = 2028-07-31, to = 2028-08-04, '
                'reason = "Exercise Sentinel" }]')
    schedule.write_text(schedule.read_text().replace("[days]", blackout, 1))
    result = generate(schedule, calendar)
    assert (f"moved: BMCR: Executive session (10th) ({TENTH}), 2028-08-01 -> 2028-08-08: "
            "2028-08-01 is blacked out (Exercise Sentinel)") in result.stderr
    assert start_of(calendar, TENTH) == "20280808"
    assert "5 changed" in result.stderr  # the session and its four tasks, nothing else
    explained = CliRunner().invoke(cli, ["explain", TENTH, "-s", str(schedule), "--today",
                                         TODAY.isoformat()])
    assert "2028-08-08" in explained.output


def test_regenerating_an_unchanged_schedule_changes_nothing(tmp_path: Path) -> None:
    schedule, calendar = published_roundtable(tmp_path)
    before = calendar.read_bytes()
    result = generate(schedule, calendar)
    assert "calendar entries: 0 new, 0 changed, 56 unchanged" in result.stderr
    assert calendar.read_bytes() == before


def test_a_published_event_the_solver_must_move_is_moved_and_said(tmp_path: Path) -> None:
    import datetime as dt

    from engine.test_leaders import shared_leader_case
    from planner import load_schedule, make_plan

    path = tmp_path / "schedule.toml"
    path.write_text(shared_leader_case(), encoding="utf-8")
    # alpha was published on June 1; the visit (one possible day, June 1) shares its leader.
    plan = make_plan(load_schedule(path), today=TODAY,
                     published={"alpha.yearly.c1.session": dt.date(2026, 6, 1)})
    alpha = next(e for e in plan.events if e.id == "alpha.yearly.c1.session")
    assert alpha.start == dt.date(2026, 6, 4)
    (note,) = plan.notes
    assert note.startswith("moved: alpha: alpha session (alpha.yearly.c1.session), 2026-06-01 "
                           "-> 2026-06-04: Placed by the solver")
    assert "would leave bravo.yearly.c1.visit no day" in note
