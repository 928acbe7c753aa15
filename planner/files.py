"""Writing output so that a run never destroys what it should not touch.

- A file planner did not write is not replaced unless the user says --force (check_output),
  and an input of the same run (the schedule) never is.
- A regular file is replaced through a temp file and a rename, so a failed run leaves the
  previous file byte-identical. A symlink is followed: the file it points to is replaced and
  the link stays. A device or FIFO (/dev/null, /dev/stdout, a named pipe) is written
  directly, as a shell redirection would: renaming over it would replace the node itself.
- A write that fails for a reason that is not the user's mistake (disk full, file size
  limit, standard output closed) raises WriteFailed: one line, exit status 1.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planner.errors import PlannerError, Problem, Where
from planner.i18n import Phrase, deferred

# What planner writes near the top of its files, so that it can tell them from the user's.
MARKERS = (
    b"PRODID:-//planner//",  # .ics
    b'<meta name="generator" content="planner">',  # HTML pages
    b"<!-- generator: planner -->",  # SVG (at the top), Markdown (at the end)
    b'"schema": "urn:planner:',  # JSON export
    b"tEXtSoftware\x00planner",  # PNG
    b"% generator: planner",  # PDF (after its %%EOF)
)
_BOM = b"\xef\xbb\xbf"
_HEAD = 4096  # bytes at each end of an existing file looked at for a marker


class WriteFailed(Exception):
    """The output could not be written for a reason that is not the user's mistake.

    Its message is a Phrase: the CLI writes it in the reader's language."""

    def __init__(self, message: Phrase) -> None:
        super().__init__(message)
        self.message = message


def write_output(target: str | Path, data: bytes, *, force: bool = False,
                 inputs: Iterable[str | Path] = ()) -> None:
    """check_output, then write_atomically."""
    check_output(target, data, force=force, inputs=inputs)
    write_atomically(target, data)


def check_output(target: str | Path, data: bytes = b"", *, force: bool = False,
                 inputs: Iterable[str | Path] = ()) -> None:
    """Refuse to write over an input of this run, or over a file planner did not write.

    A file counts as planner's when it is empty, carries one of MARKERS in its first or
    last 4 KB, or is a CSV file with the same header as `data`.

    Raises:
        PlannerError: the target is an input (even with `force`), or holds someone else's
            data and `force` is not set.
    """
    if str(target) == "-":
        return
    path = Path(os.path.realpath(target))
    for source in inputs:
        if _same_file(path, Path(source)):
            raise PlannerError(Problem(Where(str(target)), deferred(
                "is an input of this run (the schedule); not overwritten"),
                deferred("write to another file")))
    if force or not path.is_file():
        return
    try:
        with open(path, "rb") as stream:
            head = stream.read(_HEAD)
            stream.seek(max(len(head), path.stat().st_size - _HEAD))
            tail = stream.read(_HEAD)
    except OSError:
        return  # unreadable: the write itself says what is wrong
    if not head or any(marker in head or marker in tail for marker in MARKERS) \
            or _same_first_line(head, data):
        return
    raise PlannerError(Problem(Where(str(target)), deferred("exists and was not written by "
                                                           "planner; not overwritten"),
                               deferred("choose another file, or pass --force to replace it")))


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _same_first_line(head: bytes, data: bytes) -> bool:
    """Whether both are CSV with the same header: planner's CSV starts with a BOM (older
    ones did not), and its header names its columns."""
    if not data.startswith(_BOM):
        return False
    return head.removeprefix(_BOM).split(b"\n", 1)[0] == data.removeprefix(_BOM).split(b"\n", 1)[0]


def write_atomically(target: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of bytes) to ``target``; "-" means stdout.

    A regular file (or a new one) is written through a temp file in its folder and renamed,
    so that on any failure the previous file stays byte-identical. Chunks are written to the
    temp file as they come, so a large calendar is never one string in memory. A symlink's
    target is replaced that way and the link kept; a device, FIFO or standard output gets
    all the chunks at once, after the last is made: it cannot be taken back, so a failure
    while making them must leave it untouched too.

    Raises:
        PlannerError: when the target's folder is missing or not writable, or it is a folder.
        WriteFailed: when the bytes could not be written (disk full, file too large...).
    """
    if str(target) == "-":
        _write_stdout(_joined(data))
        return
    try:
        mode: int | None = os.stat(target).st_mode  # through symlinks: /dev/stdout is one
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise PlannerError(Problem(Where(str(target)), deferred("is a folder"),
                                   deferred("name a file to write")))
    if mode is not None and not stat.S_ISREG(mode):
        _write_directly(target, _joined(data))
        return
    path = Path(os.path.realpath(target)) if Path(target).is_symlink() else Path(target)
    _replace(target, path, data, mode)


def _joined(data: bytes | Iterable[bytes]) -> bytes:
    return data if isinstance(data, bytes) else b"".join(data)


def _replace(target: str | Path, path: Path, data: bytes | Iterable[bytes],
             mode: int | None) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    _sweep_orphans(folder, path.name)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                             dir=folder)
    except OSError as error:  # no such folder, or not allowed to write there: the user's path
        raise PlannerError(Problem(
            Where(str(target)), deferred("cannot write here: {reason}", reason=_reason(error)),
            deferred("check that the folder {folder} exists and is writable",
                     folder=str(folder)))) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in (data,) if isinstance(data, bytes) else data:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode & 0o777 if mode is not None else 0o644)
        os.replace(temp_name, path)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise WriteFailed(deferred("{file}: could not write: {reason}; the previous file is "
                                   "unchanged", file=str(target), reason=_reason(error))) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _write_directly(target: str | Path, data: bytes) -> None:
    try:
        with open(target, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise WriteFailed(deferred("{file}: could not write: {reason}", file=str(target),
                                   reason=_reason(error))) from None


def _write_stdout(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as error:
        # What is still buffered would fail again when Python exits and print a traceback.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        raise WriteFailed(deferred("standard output: could not write: {reason}",
                                   reason=_reason(error))) from None


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _sweep_orphans(folder: Path, name: str) -> None:
    """Remove temp files of earlier writes to `name` whose process died (killed mid-write).

    Temp names carry the writer's pid, so a live writer's file is never touched.
    """
    try:
        candidates = list(folder.glob(f".{glob.escape(name)}.*.tmp"))
    except OSError:
        return
    for candidate in candidates:
        pid_text = candidate.name[len(name) + 2:].split(".", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        candidate.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave its file alone
    return True
