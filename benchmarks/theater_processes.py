"""planner as a user runs it: separate processes end to end (start to file written), wall
time and peak RSS; the theater schedule fresh, again over the file it wrote, and `planner
check`; the default `planner generate`, `planner --help`, and the bare imports."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from theater_measure import EPOCH
from theater_schedule import TODAY

GENERATOR = Path(__file__).with_name("theater_schedule.py")

def _planner_command() -> list[str]:
    found = shutil.which("planner")
    return [found] if found else [sys.executable, "-m", "planner"]


def _gnu_time() -> str | None:
    """GNU time, whose small process forks the command: a child forked from this Python
    process would count this process's pages in its own peak RSS until it execs."""
    path = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if path is None:
        return None
    probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True, check=False)
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


def _run_process(command: Sequence[str], cwd: Path, timer: str | None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process, from start to exit."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    with tempfile.TemporaryDirectory() as temp:
        peak_file = Path(temp) / "peak"
        errors_file = Path(temp) / "errors"
        wrapped = [timer, "-f", "%M", "-o", str(peak_file), *command] if timer else list(command)
        with open(errors_file, "wb") as errors:  # a file, not a pipe: warnings can be long
            began = time.perf_counter()
            process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                       stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - began
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            text = errors_file.read_text(errors="replace")[-4000:]
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{text}")
        peak_kib = float(peak_file.read_text().split()[-1]) if timer else usage.ru_maxrss
    return wall, peak_kib / 1024


def _timed_process(command: Sequence[str], cwd: Path, runs: int, timer: str | None,
                   before: Callable[[], None] | None = None) -> dict[str, Any]:
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        results.append(_run_process(command, cwd, timer))
    walls, rss = zip(*results, strict=True)
    return {"command": " ".join(command), "runs": runs, "median": statistics.median(walls),
            "best": min(walls), "maxrss_mb": max(rss)}


DEPENDENCY_IMPORTS = {
    "click": "import click", "icalendar": "import icalendar", "holidays": "import holidays",
    "dateutil": "import dateutil.rrule, dateutil.relativedelta, dateutil.easter",
    "tomli": "import tomli", "all dependencies": ("import click, icalendar, holidays, tomli, "
                                                  "dateutil.rrule, dateutil.relativedelta, "
                                                  "dateutil.easter, zoneinfo"),
    "planner.cli": "import planner.cli",
}


def measure_processes(scales: Sequence[float], runs: int, folder: Path) -> dict[str, Any]:
    planner = _planner_command()
    today = ["--today", TODAY.isoformat()]
    timer = _gnu_time()
    result: dict[str, Any] = {"generate": {}, "regenerate": {}, "check": {},
                              "peak_rss_by": "GNU time" if timer else "wait4"}

    def timed(command: Sequence[str], before: Callable[[], None] | None = None) -> dict[str, Any]:
        return _timed_process(command, folder, runs, timer, before)

    output = folder / "cli-theater.ics"
    for scale in scales:
        schedule = folder / f"cli-theater-{scale:g}.toml"
        subprocess.run([sys.executable, str(GENERATOR), str(schedule), "--scale", str(scale)],
                       check=True, capture_output=True)
        command = [*planner, "generate", "-s", str(schedule), "-o", str(output), *today]
        # fresh: no previous file; then regenerating over the file the last run wrote (the
        # everyday case: planner reads it back for SEQUENCE and cancellations)
        result["generate"][f"{scale:g}"] = timed(command, lambda: output.unlink(missing_ok=True))
        result["regenerate"][f"{scale:g}"] = timed(command)
        result["check"][f"{scale:g}"] = timed([*planner, "check", "-s", str(schedule), *today])
    default_output = folder / "roundtable.ics"
    result["default_generate"] = timed([*planner, "generate", "-o", str(default_output), *today],
                                       lambda: default_output.unlink(missing_ok=True))
    result["help"] = timed([*planner, "--help"])
    result["python_pass"] = timed([sys.executable, "-c", "pass"])
    result["imports"] = {name: timed([sys.executable, "-c", code])
                         for name, code in DEPENDENCY_IMPORTS.items()}
    return result
