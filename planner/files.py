"""Writing output so that a failed run never leaves a half-written file."""

from __future__ import annotations

import glob
import os
import sys
import tempfile
from pathlib import Path

from planner.errors import PlannerError, Problem, Where


def write_atomically(target: str | Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temp file and a rename; "-" means stdout.

    The temp file lives in the target's folder so that ``os.replace`` is atomic;
    on any failure it is removed and the previous file stays byte-identical.

    Raises:
        PlannerError: when the target's folder is missing or not writable.
    """
    if str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    _sweep_orphans(folder, path.name)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                             dir=folder)
    except OSError as error:  # no such folder, or not allowed to write there: the user's path
        reason = error.strerror or type(error).__name__
        raise PlannerError(Problem(Where(str(target)), f"cannot write here: {reason}",
                                   f"check that the folder {folder} exists and is writable")) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


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
