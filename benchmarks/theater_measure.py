"""The four stages at one size, timed in this process (the runner gives each size a fresh
one): (a) load = planner.load_schedule, (b) plan = planner.make_plan with a fixed today,
(c) render = render_ics with a fixed DTSTAMP, (d) write = the bytes to a file with fsync;
then the floor (theater_floor.py) on the same plan. Also the cProfile of one pass."""

from __future__ import annotations

import cProfile
import datetime as dt
import gc
import io
import os
import pstats
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from theater_floor import floor_ics, floor_rows, icalendar_baseline, json_rows
from theater_schedule import HORIZON, TODAY, forum_count, write_schedule

EPOCH = 1767225600  # 2026-01-01T00:00:00Z, DTSTAMP of every event
STAMP = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC)
BASELINE_SAMPLE = 10_000


def _best(function: Callable[[], Any], repeat: int) -> tuple[float, Any, list[float]]:
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return min(times), result, times


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _tick(clock: list[float], used: list[float]) -> None:
    clock.append(time.perf_counter())
    used.append(time.process_time())


def measure(scale: float, repeat: int, folder: Path, use_tracemalloc: bool = False,
            tight: bool = False) -> dict[str, Any]:
    """Time the four stages at one size in this process (call it in a fresh one)."""
    from planner import load_schedule, make_plan
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions

    # Importing the solver costs memory (ortools): only the tight variant, which needs it, times it.
    solver = _time_the_solver() if tight else []
    schedule_path = write_schedule(scale, folder / f"theater-{scale:g}.toml", tight)
    output = folder / f"theater-{scale:g}.ics"
    stages = ("load", "plan", "render", "write")
    runs: dict[str, list[float]] = {name: [] for name in stages}
    cpu: dict[str, list[float]] = {name: [] for name in stages}
    totals = []
    cpu_totals = []
    maxrss_first = 0.0
    data = b""
    plan = loaded = None
    for attempt in range(repeat):
        plan = loaded = None
        data = b""
        gc.collect()
        clock = [time.perf_counter()]
        used = [time.process_time()]
        loaded = load_schedule(schedule_path)
        _tick(clock, used)
        plan = make_plan(loaded, today=TODAY, horizon=HORIZON)
        _tick(clock, used)
        names = {party.id: party.name for party in loaded.parties}
        data = render_ics(plan, CalendarOptions(STAMP, party_names=names))
        _tick(clock, used)
        _write(output, data)
        _tick(clock, used)
        for index, name in enumerate(stages):
            runs[name].append(clock[index + 1] - clock[index])
            cpu[name].append(used[index + 1] - used[index])
        totals.append(clock[-1] - clock[0])
        cpu_totals.append(used[-1] - used[0])
        if attempt == 0:
            maxrss_first = _maxrss_mb()
    assert plan is not None and loaded is not None
    names = {party.id: party.name for party in loaded.parties}
    events = len(plan.events)
    candidates = sum(event.provenance.candidates for event in plan.events)

    # The floor, from plain rows (extraction timed apart, for information).
    extract, rows, _ = _best(lambda: floor_rows(plan, names), 1)
    head = data[: data.index(b"BEGIN:VEVENT")].decode().removesuffix("\r\n")
    floor, floor_data, floor_times = _best(
        lambda: floor_ics(head, rows, plan.uid_domain, STAMP), repeat)
    same = floor_data == data
    json_time, _, _ = _best(lambda: json_rows(rows), repeat)

    sample = rows[:BASELINE_SAMPLE]
    calendar_name = plan.calendar_name.get("en")
    build, to_ical, _ = icalendar_baseline(sample, plan.uid_domain, STAMP, calendar_name)
    sample_head = "BEGIN:VCALENDAR"  # the header is a few lines either way
    sample_floor, _, _ = _best(lambda: floor_ics(sample_head, sample, plan.uid_domain, STAMP),
                               repeat)

    result: dict[str, Any] = {
        "scale": scale, "tight": tight, "solver": min(solver) if solver else 0.0,
        "solver_loaded": "planner.engine.completion" in sys.modules,
        "solver_runs": len(solver) // max(1, repeat),
        "solved": sum(1 for event in plan.events if event.provenance.decided_by == "solver"),
        "forums": forum_count(scale), "events": events, "bytes": len(data),
        "schedule_bytes": schedule_path.stat().st_size, "repeat": repeat,
        "best": {name: min(times) for name, times in runs.items()},
        "first": {name: times[0] for name, times in runs.items()},
        "total_best": min(totals), "total_first": totals[0],
        "cpu_best": {name: min(times) for name, times in cpu.items()},
        "cpu_total_best": min(cpu_totals),
        "floor": floor, "floor_runs": floor_times, "floor_same_bytes": same,
        "floor_mismatch": None if same else _first_difference(data, floor_data),
        "extract_rows": extract, "json_dump": json_time,
        "baseline": {"events": len(sample), "build": build, "to_ical": to_ical,
                     "floor": sample_floor},
        "maxrss_mb_first_pass": maxrss_first, "maxrss_mb": _maxrss_mb(),
        "warnings": len(plan.warnings), "candidate_days": candidates,
        "placed": sum(1 for event in plan.events if event.provenance.candidates),
    }
    result["events_per_second"] = events / result["total_best"]
    result["ratio"] = {name: result["best"][name] / floor for name in stages}
    result["ratio"]["total"] = result["total_best"] / floor
    if use_tracemalloc:
        result["tracemalloc_peak_mb"] = _tracemalloc_peak(schedule_path)
    return result


def _time_the_solver() -> list[float]:
    """Seconds spent in the solver's part of each plan (planner.engine.completion.complete, imported
    only when first-fit leaves an activity without a day), one entry per call."""
    import planner.engine.completion

    spent: list[float] = []
    complete = planner.engine.completion.complete

    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return complete(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - began)

    planner.engine.completion.complete = timed  # type: ignore[assignment]
    return spent


def _first_difference(expected: bytes, got: bytes) -> str:
    for number, (left, right) in enumerate(zip(expected.split(b"\r\n"), got.split(b"\r\n"),
                                               strict=False), start=1):
        if left != right:
            return f"line {number}: render_ics {left[:80]!r} vs floor {right[:80]!r}"
    return f"lengths differ: {len(expected)} vs {len(got)} bytes"


def _tracemalloc_peak(schedule_path: Path) -> float:
    import tracemalloc

    from planner import load_schedule, make_plan
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions

    gc.collect()
    tracemalloc.start()
    loaded = load_schedule(schedule_path)
    plan = make_plan(loaded, today=TODAY, horizon=HORIZON)
    render_ics(plan, CalendarOptions(STAMP, party_names={p.id: p.name for p in loaded.parties}))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def profile(scale: float, folder: Path, top: int = 25) -> str:
    from planner import load_schedule, make_plan
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions

    schedule_path = write_schedule(scale, folder / f"profile-{scale:g}.toml")
    profiler = cProfile.Profile()
    profiler.enable()
    loaded = load_schedule(schedule_path)
    plan = make_plan(loaded, today=TODAY, horizon=HORIZON)
    render_ics(plan, CalendarOptions(STAMP, party_names={p.id: p.name for p in loaded.parties}))
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()
