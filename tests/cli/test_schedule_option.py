"""One way to name the schedule: -s/--schedule in every command; the old way is explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL

from planner.cli import cli

TODAY = ["--today", "2026-11-23"]
SCHEDULE_COMMANDS = ["generate", "validate", "list", "explain", "check", "compare", "timeline",
                     "agenda", "apa", "export", "publish"]


def test_every_command_that_reads_a_schedule_takes_dash_s(runner: CliRunner) -> None:
    assert sorted(SCHEDULE_COMMANDS + ["diff", "init"]) == sorted(cli.commands)
    for command in SCHEDULE_COMMANDS:
        help_text = runner.invoke(cli, [command, "--help"]).output
        assert "-s, --schedule FILE.toml" in help_text, command


@pytest.mark.parametrize("args", [
    ["validate", "-s", "{m}"],
    ["list", "--schedule", "{m}"],
    ["explain", "talks.yearly.c1.meeting", "-s", "{m}"],
    ["check", "-s", "{m}"],
    ["apa", "2026", "-s", "{m}", "-o", "-"],
    ["agenda", "-s", "{m}", "--year", "2026"],
    ["export", "-s", "{m}", "--format", "csv"],
    ["generate", "-s", "{m}", "-o", "-"],
])
def test_dash_s_reads_that_schedule(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, [arg.format(m=MINIMAL) for arg in args] + TODAY)
    assert result.exit_code == 0, result.output
    assert "BMCR" not in result.stdout  # nothing of the built-in schedule


@pytest.mark.parametrize(("args", "suggestion"), [
    (["generate", "colombia.toml"], "planner generate -s colombia.toml"),
    (["generate", "colombia.toml", "-o", "x.ics"], "planner generate -s colombia.toml -o x.ics"),
    (["validate", "colombia.toml"], "planner validate -s colombia.toml"),
    (["list", "colombia.toml"], "planner list -s colombia.toml"),
    (["explain", "an.event.id", "colombia.toml"], "planner explain -s colombia.toml an.event.id"),
    (["apa", "2026", "colombia.toml"], "planner apa -s colombia.toml 2026"),
    (["timeline", "colombia.toml"], "planner timeline -s colombia.toml"),
    (["compare", "a.toml", "b.toml"], "planner compare -s a.toml b.toml"),
])
def test_a_schedule_given_the_old_way_gets_the_command_to_type(
        runner: CliRunner, tmp_path: Path, args: list[str], suggestion: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, args, prog_name="planner")
    assert result.exit_code == 2
    assert f"Error: name the schedule with -s: {suggestion} (a schedule is no longer" \
           in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_explain_given_only_a_schedule_asks_for_the_event_id(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "colombia.toml"], prog_name="planner")
    assert result.exit_code == 2
    assert ("Error: colombia.toml is a schedule, not an event id: planner explain -s "
            "colombia.toml EVENT-ID") in result.stderr


def test_a_stray_argument_that_is_not_a_schedule_is_named(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "oops"])
    assert result.exit_code == 2
    assert "Error: unexpected argument: oops" in result.stderr
