"""Outputs never destroy what they should not touch: someone else's file, the schedule itself,
a device, a FIFO, a symlink, a file outside a --split folder; and a failed write says so in
one line instead of a traceback."""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import MINIMAL, TODAY

from planner.cli import cli

# Every command that writes a file, as arguments before -s SCHEDULE (-o comes last).
WRITERS = {
    "generate": ["generate"],
    "export-csv": ["export", "--format", "csv"],
    "export-json": ["export", "--format", "json"],
    "timeline-html": ["timeline", "--full"],
    "timeline-svg": ["timeline", "--full", "--format", "svg"],
    "apa-md": ["apa", "2026"],
}
SUFFIX = {"generate": ".ics", "export-csv": ".csv", "export-json": ".json",
          "timeline-html": ".html", "timeline-svg": ".svg", "apa-md": ".md"}


def run(command: list[str], schedule: Path, output: Path | str, *extra: str) -> Result:
    return CliRunner().invoke(cli, [*command, "-s", str(schedule), "-o", str(output),
                                    "--today", TODAY.isoformat(), *extra])


@pytest.fixture
def schedule(tmp_path: Path) -> Path:
    copy = tmp_path / "plan.toml"
    shutil.copy(MINIMAL, copy)
    return copy


@pytest.mark.parametrize("writer", WRITERS)
def test_the_schedule_is_never_written_over_even_with_force(writer: str, schedule: Path) -> None:
    if writer.startswith(("apa", "timeline")):  # they refuse a .toml output name anyway
        schedule = schedule.rename(schedule.with_suffix(SUFFIX[writer]))
    before = schedule.read_bytes()
    for extra in ((), ("--force",)):
        result = run(WRITERS[writer], schedule, schedule, *extra)
        assert result.exit_code == 2, result.output
        assert "is an input of this run" in result.stderr
        assert schedule.read_bytes() == before


@pytest.mark.parametrize("writer", WRITERS)
def test_someone_elses_file_is_replaced_only_with_force(writer: str, schedule: Path,
                                                        tmp_path: Path) -> None:
    notes = tmp_path / f"notes{SUFFIX[writer]}"
    mine = {".html": "<!DOCTYPE html>\n<p>my page</p>\n",
            ".svg": '<?xml version="1.0" encoding="UTF-8"?>\n<svg/>\n',
            ".csv": "\ufeffname,phone\nAna,555\n"}.get(SUFFIX[writer], "my notes, not planner's\n")
    notes.write_text(mine)
    result = run(WRITERS[writer], schedule, notes)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{notes}: exists and was not written by planner; not overwritten; choose another "
        "file, or pass --force to replace it")
    assert notes.read_text() == mine
    assert run(WRITERS[writer], schedule, notes, "--force").exit_code == 0
    assert notes.read_text() != mine


@pytest.mark.parametrize("writer", WRITERS)
def test_planners_own_output_is_rewritten_without_force(writer: str, schedule: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / f"out{SUFFIX[writer]}"
    assert run(WRITERS[writer], schedule, out).exit_code == 0
    first = out.read_bytes()
    again = run(WRITERS[writer], schedule, out)
    assert again.exit_code == 0, again.output
    assert out.read_bytes() == first
    out.write_bytes(b"")  # an empty file holds nothing to lose
    assert run(WRITERS[writer], schedule, out).exit_code == 0


def test_a_device_is_written_into_not_replaced(schedule: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    for command in (WRITERS["generate"], WRITERS["export-csv"]):
        assert run(command, schedule, null).exit_code == 0
        assert stat.S_ISCHR(null.lstat().st_mode)


def test_a_fifo_is_written_into_not_replaced(schedule: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(WRITERS["generate"], schedule, fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received[0].startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize("to_file", [False, True])
def test_dev_stdout_as_output_reaches_standard_output(to_file: bool, schedule: Path,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "redirected.ics"
    stdout = tmp_path / "stdout"  # what /dev/stdout is, without risking the machine's own
    stdout.symlink_to("/proc/self/fd/1")
    with open(out, "wb") as redirected:
        done = planner_process("generate", "-s", str(schedule), "-o", str(stdout), "--today",
                               "2026-11-23", **({"stdout": redirected} if to_file else {}))
    assert done.returncode == 0, done.stderr
    written = out.read_bytes() if to_file else done.stdout
    assert written.startswith(b"BEGIN:VCALENDAR\r\n") and written.endswith(b"END:VCALENDAR\r\n")
    assert b"warning: " + str(out).encode() not in done.stderr
    assert stdout.is_symlink()


def test_a_symlinked_output_keeps_the_link_and_replaces_its_target(schedule: Path,
                                                                   tmp_path: Path) -> None:
    real = tmp_path / "plan-2026.ics"
    link = tmp_path / "current.ics"
    link.symlink_to(real.name)
    assert run(WRITERS["generate"], schedule, link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert run(WRITERS["generate"], schedule, link).exit_code == 0  # the state is read through it
    assert link.is_symlink()


def test_a_symlink_to_someone_elses_file_is_not_followed_into_it(schedule: Path,
                                                                 tmp_path: Path) -> None:
    real = tmp_path / "diary.txt"
    real.write_text("dear diary\n")
    link = tmp_path / "plan.ics"
    link.symlink_to(real)
    assert run(WRITERS["generate"], schedule, link).exit_code == 2
    assert real.read_text() == "dear diary\n" and link.is_symlink()


# -- --split: only regular files directly in the folder ------------------------------------------

def split(schedule: Path, folder: Path, *extra: str) -> Result:
    return CliRunner().invoke(cli, ["generate", "-s", str(schedule), "--split", "party", "-o",
                                    str(folder), "--today", TODAY.isoformat(), *extra])


def test_split_does_not_follow_a_symlink_out_of_its_folder(schedule: Path, tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "calendars", tmp_path / "elsewhere"
    assert split(schedule, elsewhere).exit_code == 0
    outside = elsewhere / "SEDENA.ics"
    before = outside.read_bytes()
    folder.mkdir()
    (folder / "SEDENA.ics").symlink_to(outside)
    result = split(schedule, folder)
    assert result.exit_code == 2
    assert "symlink or not a regular file" in result.stderr
    assert outside.read_bytes() == before
    # planted under another name, it is not read either: its audience is not cancelled there
    (folder / "SEDENA.ics").unlink()
    (folder / "old.ics").symlink_to(outside)
    other = schedule.read_text().replace('parties = ["USNORTHCOM", "SEDENA"]',
                                         'parties = ["USNORTHCOM"]')
    schedule.write_text(other)
    assert split(schedule, folder).exit_code == 0
    assert outside.read_bytes() == before


def test_split_skips_fifos_and_devices_in_its_folder(schedule: Path, tmp_path: Path) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    os.mkfifo(folder / "pipe.ics")
    (folder / "zero.ics").symlink_to("/dev/zero")
    script = ("import sys; from planner.cli import main; sys.argv = ['planner', 'generate', '-s', "
              f"{str(schedule)!r}, '--split', 'party', '-o', {str(folder)!r}, '--today', "
              f"{TODAY.isoformat()!r}]; main()")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert done.returncode == 0, done.stderr
    assert (folder / "SEDENA.ics").is_file()
    assert stat.S_ISFIFO((folder / "pipe.ics").lstat().st_mode)


# -- a failed write: one line, exit 1 ------------------------------------------------------------

def planner_process(*args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run([sys.executable, "-m", "planner", *args], timeout=120, env=env,
                          check=False, **streams)  # type: ignore[call-overload]


def test_a_full_standard_output_is_one_line_and_exit_1(schedule: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = planner_process("generate", "-s", str(schedule), "-o", "-", "--today", "2026-11-23",
                               stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode().strip().splitlines()[-1] == (
        "planner: standard output: could not write: No space left on device")
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_a_full_device_as_output_is_one_line_and_exit_1(schedule: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    full = tmp_path / "full"  # a /dev/full of our own: a broken planner must not replace the real one
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    done = planner_process("export", "-s", str(schedule), "--format", "csv", "-o", str(full))
    assert done.returncode == 1
    assert done.stderr.decode().strip().splitlines()[-1] == (
        f"planner: {full}: could not write: No space left on device")
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_file_size_limit_keeps_the_old_file_and_says_so(schedule: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert run(WRITERS["generate"], schedule, out).exit_code == 0
    before = out.read_bytes()
    schedule.write_text(schedule.read_text().replace("Staff talks", "Staff talks, renamed"))

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    done = planner_process("generate", "-s", str(schedule), "-o", str(out), "--today", "2026-11-23",
                           preexec_fn=small_files)
    assert done.returncode == 1
    assert done.stderr.decode().strip().splitlines()[-1] == (
        f"planner: {out}: could not write: File too large; the previous file is unchanged")
    assert out.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["plan.ics", "plan.toml"]  # no temp file left
