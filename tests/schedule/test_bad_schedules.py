"""Every file in bad/ is one mistake: `planner validate` names it with file:line: key path.

Each bad/*.toml starts with one or more `# expect: <text>` lines; every one must appear in a
stderr line that starts with the file's path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli

BAD = Path(__file__).parent / "bad"
BAD_FILES = sorted(BAD.glob("*.toml"))


def expectations(path: Path) -> list[str]:
    lines = path.read_bytes().decode("latin-1").split("\n")
    found = []
    for line in lines:
        if not line.startswith("# expect: "):
            break
        found.append(line.removeprefix("# expect: ").rstrip("\r"))
    return found


def validate(runner: CliRunner, path: Path) -> Result:
    return runner.invoke(cli, ["validate", "-s", str(path), "--today", "2026-11-23"])


def test_there_is_a_bad_file_for_each_mistake() -> None:
    names = {path.stem for path in BAD_FILES}
    assert {"malformed_toml", "feb_30", "unknown_key_typo", "wrong_types", "missing_required_keys",
            "unknown_time_zone", "unknown_country", "overlapping_regimes", "phase_outside_cycle",
            "unknown_references", "held_two_date_forms", "bad_month_string",
            "deployment_end_before_start", "timed_activity_two_days", "empty_weekdays",
            "not_utf8", "date_out_of_range", "several_problems"} <= names
    for path in BAD_FILES:
        assert expectations(path), f"{path.name} has no '# expect:' first line"


@pytest.mark.parametrize("path", BAD_FILES, ids=[path.stem for path in BAD_FILES])
def test_bad_schedule_is_reported_with_file_line_and_key(runner: CliRunner, path: Path) -> None:
    result = validate(runner, path)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    problems, summary = lines[:-1], lines[-1]
    for expected in expectations(path):
        assert any(line.startswith(f"{path}:") and expected in line for line in problems), (
            f"no stderr line has {expected!r}:\n{result.stderr}")
    for line in problems:  # every problem names the file and a line
        assert re.match(re.escape(str(path)) + r":\d+: ", line), line
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    assert summary == f"planner: {count} {noun} in {path}; nothing was written"


def test_several_problems_are_all_reported_in_one_run(runner: CliRunner) -> None:
    path = BAD / "several_problems.toml"
    result = validate(runner, path)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) - 1 == len(expectations(path)) >= 4


def test_malformed_toml_shows_the_offending_source_text(runner: CliRunner) -> None:
    result = validate(runner, BAD / "malformed_toml.toml")
    assert 'in `name = "Staff talks`' in result.stderr


def test_feb_30_is_a_syntax_error_with_a_line_not_a_key_path(runner: CliRunner) -> None:
    path = BAD / "feb_30.toml"
    (problem, _) = validate(runner, path).stderr.splitlines()
    line = int(problem.split(":")[1])
    assert "2027-02-30" in path.read_text(encoding="utf-8").split("\n")[line - 1]
    assert "TOML syntax error" in problem


def test_non_utf8_file_names_the_line_with_the_bad_byte(runner: CliRunner) -> None:
    path = BAD / "not_utf8.toml"
    (problem, _) = validate(runner, path).stderr.splitlines()
    line = int(problem.split(":")[1])
    assert b"\xe9" in path.read_bytes().split(b"\n")[line - 1]


def test_generate_with_a_bad_schedule_creates_no_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    result = runner.invoke(cli, ["generate", "-s", str(BAD / "unknown_time_zone.toml"), "-o", str(out)])
    assert result.exit_code == 2
    assert "nothing was written" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temp file left behind either


def test_generate_with_a_bad_schedule_leaves_existing_output_byte_identical(
        runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    before = b"BEGIN:VCALENDAR\r\nX-OLD:keep me\r\nEND:VCALENDAR\r\n"
    out.write_bytes(before)
    for bad in ("several_problems", "feb_30", "not_utf8"):
        result = runner.invoke(cli, ["generate", "-s", str(BAD / f"{bad}.toml"), "-o", str(out)])
        assert result.exit_code == 2
        assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]


def test_held_event_with_two_date_forms_is_one_problem(runner: CliRunner) -> None:
    result = validate(runner, BAD / "held_two_date_forms.toml")
    assert "unknown key" not in result.stderr
    assert len(result.stderr.splitlines()) == 2


def test_unknown_single_venue_points_at_the_venue_key(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    text = minimal_text.replace('venues = ["mexico_city", "colorado_springs"]', 'venue = "atlantis"')
    path = write_schedule(text)
    line = text.split("\n").index('venue = "atlantis"') + 1
    result = validate(runner, path)
    assert f"{path}:{line}: forums.talks.activities.meeting.venue: unknown venue 'atlantis'" \
        in result.stderr


def test_syntax_error_after_a_unicode_line_separator_shows_the_right_source(
        runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "separator.toml"
    path.write_text('# note\u2028more\n[plan]\nname = "x\n', encoding="utf-8")
    result = validate(runner, path)
    assert f"{path}:3: " in result.stderr
    assert 'in `name = "x`' in result.stderr


@pytest.mark.parametrize("value", ['"12"', "0"], ids=["string", "zero"])
def test_wrong_cycle_months_is_one_problem(runner: CliRunner, minimal_text: str,
                                           write_schedule: Callable[..., Path], value: str) -> None:
    path = write_schedule(minimal_text.replace("cycle_months = 12", f"cycle_months = {value}"))
    result = validate(runner, path)
    assert result.exit_code == 2
    assert "cycle_months: must be" in result.stderr
    assert "outside the 1-month cycle" not in result.stderr
