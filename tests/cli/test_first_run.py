"""A new user's first ten minutes: the README's quick start, `init`, and file names."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"
TODAY = ["--today", "2026-11-23"]


def quick_start_commands() -> list[list[str]]:
    """The `planner ...` lines of the README's quick start, without their comments."""
    section = README.read_text(encoding="utf-8").split("## Quick start", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line, comments=True)[1:] for line in block.splitlines()
            if line.startswith("planner ")]


def test_the_readme_quick_start_works_from_an_empty_folder(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    commands = quick_start_commands()
    assert [command[0] for command in commands] == ["init", "validate", "generate", "timeline"]
    for command in commands:
        result = runner.invoke(cli, command if command[0] == "init" else [*command, *TODAY])
        assert result.exit_code == 0, (command, result.output)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "roundtable.ics", "roundtable.toml", "schedule.schema.json", "timeline.html"]
    assert (tmp_path / "roundtable.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"<svg" in (tmp_path / "timeline.html").read_bytes()


def test_init_writes_the_built_in_schedule_with_a_header_and_says_what_to_do_next(
        runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["init", str(tmp_path / "colombia")])
    assert result.exit_code == 0, result.output
    written = tmp_path / "colombia" / "roundtable.toml"
    text = written.read_text(encoding="utf-8")
    builtin = runner.invoke(cli, ["validate", *TODAY]).stdout
    assert text.startswith("#:schema ./schedule.schema.json\n# Your schedule, copied from "
                           "planner's built-in")
    schema = json.loads((tmp_path / "colombia" / "schedule.schema.json").read_text())
    assert schema["$id"] == "urn:planner:schema:schedule:1"  # for taplo / Even Better TOML
    assert "[plan]" in text and "[forums.roundtable]" in text
    assert result.stdout.splitlines() == [
        f"wrote {written.resolve()}: a starter schedule to edit",
        f"next: cd {tmp_path / 'colombia'} && planner validate -s roundtable.toml && "
        "planner generate -s roundtable.toml && planner timeline -s roundtable.toml"]
    mine = runner.invoke(cli, ["validate", "-s", str(written), *TODAY]).stdout
    assert mine.split(": ok, ")[1] == builtin.split(": ok, ")[1]  # the same plan


def test_init_never_replaces_a_schedule_already_there(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "roundtable.toml"
    mine.write_text("# my edits\n", encoding="utf-8")
    result = runner.invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{mine}: already exists; edit it" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# my edits\n"


def test_the_calendar_is_named_after_the_schedule_so_two_programs_never_mix(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        minimal_text: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("colombia.toml").write_text(minimal_text, encoding="utf-8")
    assert runner.invoke(cli, ["generate", "-s", "colombia.toml", *TODAY]).exit_code == 0
    colombia = Path("colombia.ics").read_bytes()
    assert runner.invoke(cli, ["generate", *TODAY]).exit_code == 0  # the built-in schedule
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "colombia.ics", "colombia.toml", "roundtable.ics"]
    assert Path("colombia.ics").read_bytes() == colombia
    assert b"Staff talks" in colombia and b"Staff talks" not in Path("roundtable.ics").read_bytes()


def test_messages_name_the_built_in_schedule_not_a_path_inside_the_package(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["generate", *TODAY])
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings
    assert all(line.startswith("warning: built-in schedule roundtable.toml:") for line in warnings)
    assert "site-packages" not in result.stderr and "schedules/roundtable.toml" not in result.stderr


def test_generate_ends_with_one_line_on_importing_into_outlook_google_and_apple(
        runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["generate", "-o", str(tmp_path / "plan.ics"), *TODAY])
    last = result.stderr.splitlines()[-1]
    assert re.search(r"Outlook .*Google Calendar .*Apple Calendar .*subscribe", last), last
    quiet = runner.invoke(cli, ["generate", "-o", "-", *TODAY])  # piping the calendar somewhere
    assert "Outlook" not in quiet.stderr


def test_counts_speak_of_events_like_list_does_and_say_why_entries_differ(
        runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["generate", "-o", str(tmp_path / "plan.ics"), *TODAY])
    listed = runner.invoke(cli, ["list", *TODAY])
    assert listed.stderr.strip() == "71 events"
    assert f"calendar entries for 71 events to {(tmp_path / 'plan.ics').resolve()} " \
           "(a repeating series is one entry)" in result.stderr
