"""`planner` run as a program (planner.cli.main): it keeps the garbage collector off and ends
with os._exit, so check what a user would see of that: whole output, whole files, the right
exit status, and no traceback, whether standard output is a file, a pipe or a pipe closed early.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli
from planner.schedule.packaged import default_schedule

ROOT = Path(__file__).resolve().parents[2]
TODAY = ["--today", "2026-11-23"]


def program(*args: str, cwd: Path, shell: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m planner ARGS` (or a shell line using it as $PLANNER) with this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767225600",
           "PLANNER": f"{sys.executable} -m planner", "LANG": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    command: list[str] | str = shell if shell is not None else [sys.executable, "-m", "planner", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=120,
                          shell=shell is not None, executable="/bin/bash" if shell else None,
                          check=False)


def test_the_program_prints_what_the_command_prints(runner: CliRunner, tmp_path: Path) -> None:
    done = program("list", *TODAY, "--lang", "en", cwd=tmp_path)
    same = runner.invoke(cli, ["list", *TODAY, "--lang", "en"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == same.stdout
    assert done.stderr.decode() == same.stderr == "71 events\n"


def test_a_calendar_on_standard_output_and_in_a_file_is_whole(runner: CliRunner,
                                                             tmp_path: Path) -> None:
    piped = program("generate", "-o", "-", *TODAY, "--lang", "en", cwd=tmp_path)
    written = program("generate", "-o", "plan.ics", *TODAY, "--lang", "en", cwd=tmp_path)
    same = runner.invoke(cli, ["generate", "-o", "-", *TODAY, "--lang", "en"])
    assert piped.returncode == written.returncode == 0, written.stderr
    assert piped.stdout == same.stdout_bytes
    assert piped.stdout.endswith(b"END:VCALENDAR\r\n") and len(piped.stdout) > 50_000
    assert (tmp_path / "plan.ics").read_bytes() == piped.stdout
    assert [path.name for path in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left


def test_a_reader_that_stops_early_is_no_failure(tmp_path: Path) -> None:
    done = program(cwd=tmp_path, shell='$PLANNER list --today 2026-11-23 --lang en | head -1; '
                                       'exit "${PIPESTATUS[0]}"')
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split() [:3] == ["WHEN", "STATUS", "KIND"]
    assert len(done.stdout.decode().splitlines()) == 1
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_a_mistake_is_one_line_per_problem_and_status_2(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('[plan]\nfrom = "2026-01-01"\nto = "2025-01-01"\nzzz = 1\n')
    done = program("generate", "-s", "bad.toml", *TODAY, cwd=tmp_path)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2
    assert lines[-1].startswith("planner: ") and "nothing was written" in lines[-1]
    assert all(line.startswith("bad.toml") for line in lines[:-1]) and len(lines) >= 2
    assert b"Traceback" not in done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.toml"]


def test_a_usage_mistake_is_status_2_and_a_found_violation_status_1(tmp_path: Path) -> None:
    reversed_days = program("list", "--from", "2027-01-01", "--to", "2026-01-01", *TODAY,
                            "--lang", "en", cwd=tmp_path)
    assert reversed_days.returncode == 2
    assert reversed_days.stderr.decode().splitlines()[-1] == (
        "Error: --to 2026-01-01 is before --from 2027-01-01")
    help_text = program("--help", cwd=tmp_path)
    assert help_text.returncode == 0 and b"Commands:" in help_text.stdout
    assert program("no-such-command", cwd=tmp_path).returncode == 2
    late = default_schedule().read_text(encoding="utf-8").replace(
        "approved = 2024-12-10", "approved = 2025-01-28", 1)  # after its window started
    (tmp_path / "late.toml").write_text(late, encoding="utf-8")
    checked = program("check", "-s", "late.toml", *TODAY, "--lang", "en", cwd=tmp_path)
    assert checked.returncode == 1
    assert b"violation:" in checked.stdout
    assert checked.stderr.decode().splitlines()[-1].startswith("1 violation, ")
