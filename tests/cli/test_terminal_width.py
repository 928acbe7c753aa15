"""Output fits the terminal: cut with "…" or wrapped at --width or the terminal's columns,
and whole when piped."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest
from click.testing import CliRunner

from planner.cli import cli

TODAY = ["--today", "2026-11-23"]


def on_a_terminal(*args: str, columns: int) -> str:
    """planner's standard output when it is a real pseudo-terminal of `columns` columns."""
    leader, follower = pty.openpty()
    environ = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "planner", *args], stdout=follower,
                               stderr=subprocess.DEVNULL, env=environ)
    os.close(follower)
    chunks = []
    while select.select([leader], [], [], 60)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_list_on_an_80_column_terminal_fits_and_keeps_every_id(runner: CliRunner) -> None:
    piped = runner.invoke(cli, ["list", *TODAY]).stdout
    assert max(len(line) for line in piped.splitlines()) > 200  # whole lines into a pipe
    ids = [line.split()[-1] for line in piped.splitlines()[1:]]
    shown = on_a_terminal("list", *TODAY, columns=80)
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" in shown
    second_lines = [line.split()[0] for line in lines[3::2]]  # "    <id>  <place>"
    assert second_lines == ids  # every id whole, for `planner explain`


def test_an_exported_columns_fits_a_pipe_too() -> None:
    piped = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["list", *TODAY])
    assert piped.exit_code == 0, piped.output
    assert max(len(line) for line in piped.stdout.splitlines()) <= 80  # COLUMNS=80 planner list | less


@pytest.mark.parametrize("width", [60, 80, 100])
def test_width_option_fits_list_agenda_and_check(runner: CliRunner, width: int) -> None:
    for command in (["list"], ["agenda", "--year", "2026"], ["check"]):
        result = runner.invoke(cli, [*command, "--width", str(width), *TODAY])
        assert result.exit_code == 0, result.output
        assert max(len(line) for line in result.stdout.splitlines()) <= width, command


def test_agenda_at_80_columns_puts_time_and_place_under_the_title(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["agenda", "--year", "2026", "--width", "80", *TODAY]).stdout
    lines = out.splitlines()
    call = next(i for i, line in enumerate(lines) if "Tri-chair video teleconference" in line)
    assert lines[call + 1].strip() == "10:00–12:00 MST / 11:00–13:00 CST · Peterso…"
    assert lines[call + 1].index("10:00") == lines[call].index("BMCR")


def test_check_warnings_wrap_under_a_hanging_indent(runner: CliRunner) -> None:
    whole = runner.invoke(cli, ["check", *TODAY]).stdout.splitlines()
    assert max(len(line) for line in whole) > 200
    wrapped = runner.invoke(cli, ["check", "--width", "80", *TODAY]).stdout
    assert " ".join(wrapped.split()) == " ".join(" ".join(whole).split())  # no word lost
    assert all(line.startswith("    ") for line in wrapped.splitlines()
               if not line.startswith(("warning", "violation")))
