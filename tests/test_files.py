"""Atomic writes: a failed run never leaves a half-written or missing file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import PlannerError
from planner.cli import cli
from planner.files import write_atomically


def test_writes_new_file_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    write_atomically(target, b"BEGIN:VCALENDAR\r\n")
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["plan.ics"]


def test_replacing_keeps_the_old_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_byte_identical(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_bytes(b"old bytes")
    with pytest.raises(TypeError):
        write_atomically(target, "text, not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old bytes"
    assert os.listdir(tmp_path) == ["plan.ics"]  # the temp file is gone


def test_dash_means_standard_output(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_atomically("-", b"BEGIN:VCALENDAR\r\n")
    assert capsysbinary.readouterr().out == b"BEGIN:VCALENDAR\r\n"
    assert os.listdir(tmp_path) == []


def test_missing_folder_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.ics"
    with pytest.raises(PlannerError) as caught:
        write_atomically(target, b"x")
    (problem,) = caught.value.problems
    assert problem.where.file == str(target)
    assert "cannot write here" in problem.message
    assert "missing" in problem.hint


def test_generate_into_a_missing_folder_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.ics"
    result = runner.invoke(cli, ["generate", "-o", str(target), "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1].endswith("nothing was written")
    assert not target.parent.exists()
