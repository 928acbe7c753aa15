"""Theater-scale benchmark: times planner on a synthetic schedule of 150 partner nations.

    python benchmarks/theater.py                      # sizes 0.1, 1 and 3, then the CLI timings
    python benchmarks/theater.py --scale 1 --repeat 5 --no-cli   # one size, best of 5
    python benchmarks/theater.py --json results.json  # the table, and every number as JSON
    python benchmarks/theater.py --json               # JSON on stdout instead of the table
    python benchmarks/theater.py --profile            # cProfile of the 1x run, top 25
    python benchmarks/theater.py --write-schedule theater.toml --scale 1   # the schedule only
    python benchmarks/theater.py --tight --no-cli      # also the tight variant (theater_schedule.py)

The files: theater_schedule.py writes the schedule (what is planned, and why it is shaped
so; tests import it), theater_measure.py times the four stages in one process per size,
theater_floor.py is the floor they are divided by, theater_processes.py times planner as
separate processes, theater_report.py prints the table. This file runs them.

What is measured
----------------
In one worker process per size (so memory and caches are per size): (a) load =
planner.load_schedule, (b) plan = planner.make_plan with a fixed today, (c) render =
render_ics with a fixed DTSTAMP, (d) write = the bytes to a file with fsync. The four
stages run --repeat times; the best wall time of each is reported, with the process CPU
time of the best total (steadier than wall time when other jobs share the machine) and
the cold first total. Also reported: how many candidate days the engine tried, so plan
cost can be read per candidate as well as per event. Every stage and the total are
divided by the floor: a minimal plain-Python writer of the same bytes (theater_floor.py).

The CLI section (theater sizes from --cli-scale, default 1) runs `planner generate` on the
theater schedule as a separate process, end to end (process start to file written),
--cli-runs times (default 5): median and best wall time and the peak RSS of the process
(by GNU time when installed, since a child forked from this process would count this
process's pages; else os.wait4), fresh and again over the file it wrote (both also as a
ratio to the floor of the same size, when that size was measured), and `planner check` on
the same schedule. It also times the default `planner generate` (built-in roundtable),
`planner --help`, `python -c pass` and the bare import of the dependencies.

Peak memory: ru_maxrss of each worker after its first pipeline pass, and of each
`planner` process. --tracemalloc adds an untimed pass under tracemalloc.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from theater_measure import measure, profile
from theater_processes import measure_processes
from theater_report import report
from theater_schedule import forum_count, write_schedule

DEFAULT_SCALES = (0.1, 1.0, 3.0)


def _worker(scale: float, repeat: int, use_tracemalloc: bool,
            tight: bool = False) -> dict[str, Any]:
    """Run `measure` in a fresh interpreter, so each size has its own memory and caches."""
    command = [sys.executable, __file__, "--worker", "--scale", str(scale), "--repeat", str(repeat)]
    if use_tracemalloc:
        command.append("--tracemalloc")
    if tight:
        command.append("--tight")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker for scale {scale} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append",
                        help="size (1 = 150 forums, ~30,000 events); repeatable; "
                             "default 0.1, 1 and 3")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage, best kept")
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH",
                        help="print JSON instead of the table, or with PATH write it there too")
    parser.add_argument("--no-cli", action="store_true",
                        help="skip the separate-process timings (planner generate, check, --help)")
    parser.add_argument("--cli-scale", type=float, action="append",
                        help="theater sizes for `planner generate` end to end (default 1)")
    parser.add_argument("--cli-runs", type=int, default=5, help="runs per process timing")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="add an untimed pass under tracemalloc (peak Python allocations)")
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile of load+plan+render (sizes from --scale, default 1)")
    parser.add_argument("--write-schedule", metavar="PATH",
                        help="only write the schedule for --scale (default 1) to PATH")
    parser.add_argument("--tight", action="store_true",
                        help="also time the tight variant (one-day exercise windows the leaders "
                             "visit, so first-fit often fails) at --tight-scale")
    parser.add_argument("--tight-scale", type=float, action="append",
                        help="sizes of the tight variant (default 0.1)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.write_schedule:
        scale = (args.scale or [1.0])[0]
        path = write_schedule(scale, args.write_schedule, args.tight)
        print(f"wrote {path} ({forum_count(scale)} forums)", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="planner-theater-") as temp:
        folder = Path(temp)
        if args.worker:
            print(json.dumps(measure(args.scale[0], args.repeat, folder, args.tracemalloc,
                                     args.tight)))
            return 0
        if args.profile:
            for scale in args.scale or [1.0]:
                print(profile(scale, folder))
            return 0
        sizes = [_worker(scale, args.repeat, args.tracemalloc)
                 for scale in (args.scale or DEFAULT_SCALES)]
        if args.tight:
            sizes += [_worker(scale, args.repeat, args.tracemalloc, tight=True)
                      for scale in (args.tight_scale or [0.1])]
        processes = None
        if not args.no_cli:
            processes = measure_processes(args.cli_scale or [1.0], args.cli_runs, folder)
    document = json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(),
                           "load_average": os.getloadavg(), "sizes": sizes,
                           "processes": processes}, indent=2)
    if args.json == "-":
        print(document)
        return 0
    if args.json:
        Path(args.json).write_text(document + "\n", encoding="utf-8")
    print(report(sizes, processes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
