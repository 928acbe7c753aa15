"""`planner check`, `compare` and `diff` as a staff officer uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import cli
from planner.schedule.packaged import default_schedule

TWELVE_MONTHS = [
    "--set", "forums.roundtable.regimes[1].cycle_months=12",
    "--set", 'forums.roundtable.regimes[1].phases=[{id="executive", months=[1, 12], '
             'activities=["executive_session", "tri_chair_call"]}]',
]


def _rows(output: str) -> dict[tuple[str, str], tuple[int, int]]:
    rows = {}
    for line in output.splitlines()[1:]:
        parts = line.split()
        *label, year, left, right, _change = parts
        rows[(" ".join(label), year)] = (int(left), int(right))
    return rows


def test_compare_24_against_12_month_cycle_on_the_default_schedule(runner):
    result = runner.invoke(cli, ["compare", "--from", "2024-01-01", "--to", "2029-12-31",
                                 "--today", "2026-11-23", *TWELVE_MONTHS])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    for year in ("2024", "2026", "2028"):
        assert rows[("Executive session", year)] == (1, 1)
        assert rows[("Visit to a combined exercise", year)] == (0, 0)
    for year in ("2025", "2027", "2029"):
        assert rows[("Executive session", year)] == (0, 1)
        assert rows[("Visit to a combined exercise", year)] == (1, 0)
    assert rows[("Executive session", "total")] == (3, 6)
    assert rows[("Visit to a combined exercise", "total")] == (3, 0)
    # Executive sessions alternate Colorado Springs / Mexico City; visits go to Mexico:
    # more sessions mean more trips for the tri-chairs.
    assert rows[("leader trips", "total")] == (16, 18)
    assert rows[("events: roundtable", "total")] == (9, 12)


def test_compare_needs_two_schedules_or_changes(runner):
    result = runner.invoke(cli, ["compare"])
    assert result.exit_code == 2
    assert "give another schedule (planner compare -s A.toml B.toml), or --set" in result.output


def test_bad_set_path_is_a_user_error(runner):
    result = runner.invoke(cli, ["compare", "--set", "forums.nothing[3].x=1"])
    assert result.exit_code == 2
    assert "--set: forums.nothing[3].x: no such key in the schedule" in result.output
    assert "Traceback" not in result.output


def _edit(tmp_path: Path, old: str, new: str) -> Path:
    text = default_schedule().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_check_passes_the_default_schedule_with_warnings_only(runner):
    result = runner.invoke(cli, ["check", "--today", "2026-11-23"])
    assert result.exit_code == 0
    assert "violation:" not in result.stdout
    assert "warning:" in result.stdout and "over with no record" in result.stdout
    assert "0 violations" in result.stderr


def test_check_flags_a_leader_double_booked_by_held_events(runner, tmp_path):
    # Record the 11th DBWG on the same days as a held roundtable session: the co-chairs are
    # different people, so give the DBWG the roundtable's SEDENA chair to force the clash.
    path = _edit(tmp_path, 'leaders = ["usd_policy", "sedena_deputy_doctrine"',
                 'leaders = ["usd_policy", "sedena_chief_of_staff"')
    text = path.read_text(encoding="utf-8").replace(
        'start = 2022-10-05\nend = 2022-10-06', 'start = 2023-08-01\nend = 2023-08-02')
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["check", "-s", str(path), "--today", "2026-11-23"])
    assert result.exit_code == 1
    assert "violation:" in result.stdout
    assert "leaders.sedena_chief_of_staff: SEDENA chief of staff is at dbwg.yearly.c3.session " \
        "and roundtable.annual.c8.executive_session on 2023-08-01" in result.stdout


def test_check_flags_an_approval_after_the_window_started(runner, tmp_path):
    path = _edit(tmp_path, "approved = 2024-12-10", "approved = 2025-01-28")
    result = runner.invoke(cli, ["check", "-s", str(path), "--today", "2026-11-23"])
    assert result.exit_code == 1
    assert "deployments.sof_2025.approved: approved 2025-01-28, on or after the window starts" \
        in result.stdout
    assert "days after the deadline 2024-12-31" in result.stdout


def test_diff_between_schedule_versions_shows_moves_and_cancellations(runner, tmp_path):
    edited = _edit(tmp_path, "preferred_months = [8]", "preferred_months = [9]")
    text = edited.read_text(encoding="utf-8")
    start = text.index("[deployments.fuerzas_amigas_2025]")
    end = text.index("[deployments.camp_shelby_2026]")
    edited.write_text(text[:start] + text[end:], encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(default_schedule()), str(edited),
                                 "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("moved      roundtable.biennial.c2.executive_session@")
               and "2026-08-04 -> 2026-09-01" in line for line in lines)
    assert any(line.startswith("cancelled  deployment.fuerzas_amigas_2025.phase1@")
               for line in lines)
    assert not any(line.startswith("added") for line in lines)


def test_diff_between_calendar_files(runner, tmp_path):
    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    edited = _edit(tmp_path, "preferred_months = [8]", "preferred_months = [9]")
    assert runner.invoke(cli, ["generate", "-o", str(old), "--today", "2026-11-23"]).exit_code == 0
    assert runner.invoke(cli, ["generate", "-s", str(edited), "-o", str(new),
                               "--today", "2026-11-23"]).exit_code == 0
    result = runner.invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 0
    assert "moved      roundtable.biennial.c2.executive_session@roundtable.planner  " \
        "2026-08-04 -> 2026-09-01" in result.stdout


@pytest.mark.parametrize("order", ["calendar first", "schedule first"])
def test_diff_refuses_a_calendar_against_a_schedule(runner, tmp_path, order):
    calendar, schedule = tmp_path / "plan.ics", tmp_path / "plan.toml"
    assert runner.invoke(cli, ["generate", "-o", str(calendar), "--today", "2026-11-23"]).exit_code == 0
    schedule.write_bytes(default_schedule().read_bytes())
    pair = [calendar, schedule] if order == "calendar first" else [schedule, calendar]
    result = runner.invoke(cli, ["diff", *map(str, pair), "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert f"Error: {calendar} is a calendar and {schedule} a schedule: give two calendars or " \
           "two schedules" in result.stderr
    assert result.stdout == ""


def test_diff_knows_a_calendar_by_its_content_whatever_its_name(runner, tmp_path):
    old, new = tmp_path / "old.ics", tmp_path / "export.txt"
    assert runner.invoke(cli, ["generate", "-o", str(old), "--today", "2026-11-23"]).exit_code == 0
    new.write_bytes(old.read_bytes())
    result = runner.invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "no differences\n"


def test_check_points_at_the_approved_line_not_the_window_header(runner, tmp_path):
    path = _edit(tmp_path, "approved = 2024-12-10", "approved = 2025-01-28")
    line = path.read_text(encoding="utf-8").split("\n").index("approved = 2025-01-28") + 1
    result = runner.invoke(cli, ["check", "-s", str(path), "--today", "2026-11-23"])
    assert f"violation: {path}:{line}: deployments.sof_2025.approved: approved 2025-01-28" \
        in result.stdout


def test_an_overdue_task_is_located_in_the_file_at_its_activitys_tasks(runner):
    result = runner.invoke(cli, ["check", "--today", "2024-07-10"])
    overdue = [line for line in result.stdout.splitlines() if " was due " in line]
    assert overdue
    for line in overdue:
        assert line.startswith("warning: built-in schedule roundtable.toml:")
        assert ": forums.roundtable.activities.executive_session.tasks: roundtable.biennial." \
            in line
    text = default_schedule().read_text(encoding="utf-8").split("\n")
    number = int(overdue[0].split(":")[2])
    assert text[number - 1].startswith("tasks = [")
    assert result.stderr.strip().endswith("0 violations, 5 warnings")


_HELD_VISIT = """[[forums.roundtable.held]]
activity = "exercise_visit"
number = 1
start = {start}
end = {end}

[[forums.roundtable.held]]
activity = "executive_session"
number = 7"""


@pytest.mark.parametrize(("start", "end", "warned"), [
    ("2025-03-30", "2025-03-31", False),  # inside Fénix, 2025-03-24 to 2025-04-23
    ("2025-12-08", "2025-12-09", False),  # inside Fuerzas Amigas, a one-window exercise
    ("2025-05-05", "2025-05-06", True),  # after Fénix ended, before Fuerzas Amigas
])
def test_check_warns_of_a_held_visit_no_exercise_window_covers(runner, tmp_path, start, end,
                                                               warned):
    path = _edit(tmp_path, "[[forums.roundtable.held]]\nactivity = \"executive_session\"\n"
                 "number = 7", _HELD_VISIT.format(start=start, end=end))
    result = runner.invoke(cli, ["check", "-s", str(path), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    warning = f"roundtable.biennial.c1.exercise_visit on {start} visits no exercise under way"
    assert (warning in result.stdout) is warned, result.stdout


def _without_the_moved_staff_talk(calendar: str) -> str:
    """The calendar as it was before the 2028-04-11 staff talks moved off Holy Week: the
    series without its override (same UID, RECURRENCE-ID 2028-04-11)."""
    events = calendar.split("BEGIN:VEVENT\r\n")
    kept = [event for event in events if "RECURRENCE-ID;TZID=America/Mexico_City:20280411" not in event]
    assert len(kept) == len(events) - 1
    return "BEGIN:VEVENT\r\n".join(kept)


def test_diff_tells_a_moved_occurrence_of_a_series_apart_from_the_series(runner, tmp_path):
    with_move, without = tmp_path / "with.ics", tmp_path / "without.ics"
    assert runner.invoke(cli, ["generate", "-o", str(with_move), "--today", "2026-11-23"]).exit_code == 0
    calendar = with_move.read_bytes().decode("utf-8")
    without.write_bytes(_without_the_moved_staff_talk(calendar).encode("utf-8"))
    uid = "staff_talks.quarterly_review@roundtable.planner"

    moved_off = runner.invoke(cli, ["diff", str(without), str(with_move)])
    assert moved_off.exit_code == 0, moved_off.output
    assert moved_off.stdout.splitlines() == [
        f"moved      {uid} (its 2028-04-11 occurrence)  2028-04-11T09:00:00-06:00 -> "
        "2028-04-17T09:00:00-06:00  SST: Quarterly staff talks (video conference)"]

    moved_back = runner.invoke(cli, ["diff", str(with_move), str(without)])
    assert moved_back.stdout.splitlines() == [
        f"moved      {uid} (its 2028-04-11 occurrence)  2028-04-17T09:00:00-06:00 -> "
        "2028-04-11T09:00:00-06:00  SST: Quarterly staff talks (video conference)"]


def test_diff_speaks_the_readers_language(runner, tmp_path):
    with_move, without = tmp_path / "with.ics", tmp_path / "without.ics"
    assert runner.invoke(cli, ["generate", "-o", str(with_move), "--today", "2026-11-23"]).exit_code == 0
    without.write_bytes(_without_the_moved_staff_talk(
        with_move.read_bytes().decode("utf-8")).encode("utf-8"))

    spanish = runner.invoke(cli, ["diff", str(without), str(with_move), "--lang", "es"])
    assert spanish.exit_code == 0, spanish.output
    assert spanish.stdout.startswith("movido     staff_talks.quarterly_review@roundtable.planner "
                                     "(su ocurrencia del 2028-04-11)  2028-04-11")
    same = runner.invoke(cli, ["diff", str(with_move), str(with_move)], env={"LANG": "es_MX.UTF-8"})
    assert same.stdout == "sin diferencias\n"
