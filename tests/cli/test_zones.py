"""Calls between time zones show the hours on both sides."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli

TODAY = ["--today", "2026-11-23"]


def test_a_call_from_colorado_shows_mexico_citys_hours_too(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "roundtable.biennial.c2.tri_chair_call", *TODAY])
    assert "2026-03-03 Tue 10:00–12:00 MST / 11:00–13:00 CST" in result.stdout


def test_list_and_agenda_show_both_sides_and_follow_daylight_saving(runner: CliRunner) -> None:
    listed = runner.invoke(cli, ["list", "--kind", "staff-talks", "--from", "2026-01-01",
                                 "--to", "2026-04-30", *TODAY]).stdout
    assert "2026-01-13 Tue 09:00–11:00 CST / 08:00–10:00 MST" in listed  # Denver on winter time
    assert "2026-04-14 Tue 09:00–11:00 CST / 09:00–11:00 MDT" in listed  # Mexico keeps no DST
    agenda = runner.invoke(cli, ["agenda", "--year", "2026", *TODAY]).stdout
    assert "10:00–12:00 MST / 11:00–13:00 CST" in agenda


def test_parties_without_a_zone_show_the_venues_hours_only(
        runner: CliRunner, write_schedule: Callable[[str, str], Path], minimal_text: str) -> None:
    timed = minimal_text.replace('days = 2\n', 'start_time = 10:00\nhours = 1\n')
    plain = runner.invoke(cli, ["list", "-s", str(write_schedule(timed, "a.toml")), *TODAY])
    assert " / " not in plain.stdout and "10:00–11:00 " in plain.stdout
    zoned = timed.replace('country = "US"\n', 'country = "US"\ntimezone = "America/Denver"\n', 1)
    both = runner.invoke(cli, ["list", "-s", str(write_schedule(zoned, "b.toml")), *TODAY])
    assert " / " in both.stdout


def test_an_unknown_party_zone_is_a_problem_at_its_key(
        runner: CliRunner, write_schedule: Callable[[str, str], Path], minimal_text: str) -> None:
    text = minimal_text.replace('country = "US"\n', 'country = "US"\ntimezone = "Denver"\n', 1)
    result = runner.invoke(cli, ["validate", "-s", str(write_schedule(text, "z.toml"))])
    assert result.exit_code == 2
    assert "z.toml:14: parties.USNORTHCOM.timezone: unknown time zone 'Denver'" in result.stderr
