"""Atomic writes: a failed run never leaves a half-written or missing file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
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


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of each chunk, checking every CRC."""
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        size = int.from_bytes(data[at:at + 4], "big")
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + size]
        assert int.from_bytes(data[at + 8 + size:at + 12 + size], "big") == zlib.crc32(kind + body)
        chunks.append((kind, body))
        at += 12 + size
    return chunks


def test_a_png_planner_drew_is_known_as_its_own_and_stays_valid(tmp_path: Path) -> None:
    import zlib

    from planner.files import check_output
    from planner.reports.timeline_page import _signed

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])  # 1x1, 8-bit grey
    picture = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
               + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))
    signed = _signed(picture)
    assert [kind for kind, _ in _png_chunks(signed)] == [b"IHDR", b"tEXt", b"IDAT", b"IEND"]
    target = tmp_path / "timeline.png"
    target.write_bytes(picture)
    with pytest.raises(PlannerError):
        check_output(target, signed)  # someone's picture
    target.write_bytes(signed)
    check_output(target, signed)  # planner's own: no error


def test_chunks_are_written_in_order(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    write_atomically(target, iter([b"BEGIN:", b"VCALENDAR\r\n", b""]))
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\n"


def test_a_failure_while_making_chunks_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_bytes(b"old bytes")

    def chunks() -> Iterator[bytes]:
        yield b"half of a new calendar"
        raise ValueError("rendering failed")

    with pytest.raises(ValueError):
        write_atomically(target, chunks())
    assert target.read_bytes() == b"old bytes"
    assert os.listdir(tmp_path) == ["plan.ics"]


def test_standard_output_gets_nothing_when_making_chunks_fails(
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"half of a new calendar"
        raise ValueError("rendering failed")

    with pytest.raises(ValueError):
        write_atomically("-", chunks())
    assert capsysbinary.readouterr().out == b""
