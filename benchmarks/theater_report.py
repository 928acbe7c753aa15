"""The benchmark's results as a table, with what each column means."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from typing import Any


def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def report(sizes: Sequence[dict[str, Any]], processes: dict[str, Any] | None) -> str:
    lines = []
    add = lines.append
    repeat = sizes[0]["repeat"] if sizes else 0
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    add(f"planner theater benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load average {load}; seconds, best of {repeat}")
    add("")
    head = (f"{'size':>11} {'forums':>6} {'events':>7} {'load':>7} {'plan':>7} {'solver':>7} "
            f"{'render':>7} {'write':>7} {'total':>7} {'cpu':>7} {'events/s':>9} {'floor':>7} "
            f"{'render/fl':>9} {'total/fl':>8} {'RSS MB':>7}")
    add(head)
    add("-" * len(head))
    for size in sizes:
        best = size["best"]
        label = f"{size['scale']:g}x" + (" tight" if size.get("tight") else "")
        add(f"{label:>11} {size['forums']:>6} {size['events']:>7,} "
            f"{_seconds(best['load']):>7} {_seconds(best['plan']):>7} "
            f"{_seconds(size['solver']):>7} {_seconds(best['render']):>7} {_seconds(best['write']):>7} "
            f"{_seconds(size['total_best']):>7} {_seconds(size['cpu_total_best']):>7} "
            f"{size['events_per_second']:>9,.0f} "
            f"{_seconds(size['floor']):>7} {size['ratio']['render']:>8.1f}x "
            f"{size['ratio']['total']:>7.1f}x {size['maxrss_mb_first_pass']:>7.0f}")
    add("")
    add("floor = minimal plain-Python writer of the same bytes (format, escape, fold, join) from "
        "the events as plain values;")
    add("        ratios divide our stage times by it. cpu = process CPU seconds of the total "
        "(steadier than wall")
    add("        time on a busy machine). RSS MB = worker peak RSS after its first pass.")
    add("solver = the part of plan spent when first-fit left an activity without a day (tied "
        "events to CP-SAT, then")
    add("        first-fit again with their days pinned); 0 when first-fit placed everything (then")
    add("        ortools is never imported).")
    for size in sizes:
        same = "identical" if size["floor_same_bytes"] else f"DIFFER ({size['floor_mismatch']})"
        extra = (f", tracemalloc peak {size['tracemalloc_peak_mb']:.0f} MB"
                 if "tracemalloc_peak_mb" in size else "")
        add(f"  {size['scale']:g}x: floor bytes {same}; {size['bytes'] / 2**20:.1f} MB of .ics "
            f"from {size['schedule_bytes'] / 2**20:.1f} MB of TOML; cold total "
            f"{_seconds(size['total_first'])} s; rows extraction {_seconds(size['extract_rows'])} s; "
            f"json.dumps of the rows {_seconds(size['json_dump'])} s{extra}")
        if size.get("solved"):
            add(f"        the solver placed {size['solved']:,} events (the ones it moved off "
                "first-fit's day or that first-fit left without one)")
        add(f"        {size['placed']:,} events placed by the engine after trying "
            f"{size['candidate_days']:,} candidate days "
            f"({size['candidate_days'] / max(1, size['placed']):.1f} each; plan CPU "
            f"{1e6 * size['cpu_best']['plan'] / max(1, size['candidate_days']):.0f} µs per candidate)")
    regular = [size for size in sizes if not size.get("tight")]
    if len(regular) > 1:
        add("")
        add("growth between consecutive sizes (exponent 1.0 = linear, 2.0 = quadratic):")
        for small, large in zip(regular, regular[1:], strict=False):
            factor = large["events"] / small["events"]
            parts = []
            for name in ("load", "plan", "render", "write"):
                grow = large["best"][name] / small["best"][name]
                parts.append(f"{name} x{grow:.1f} (^{math.log(grow) / math.log(factor):.2f})")
            total = large["total_best"] / small["total_best"]
            add(f"  {small['scale']:g}x -> {large['scale']:g}x: events x{factor:.1f}; "
                + ", ".join(parts)
                + f"; total x{total:.1f} (^{math.log(total) / math.log(factor):.2f})")
    add("")
    add("naive baseline: icalendar components + Calendar.to_ical() on the same events")
    for size in sizes:
        base = size["baseline"]
        per = 10_000 / base["events"]
        add(f"  {size['scale']:g}x, {base['events']:,} events: build {_seconds(base['build'])} s + "
            f"to_ical {_seconds(base['to_ical'])} s = "
            f"{_seconds((base['build'] + base['to_ical']) * per)} s per 10,000 events; "
            f"{(base['build'] + base['to_ical']) / base['floor']:.0f}x the floor "
            f"(to_ical alone {base['to_ical'] / base['floor']:.0f}x)")
    if processes:
        add("")
        add(f"processes (wall seconds, median and best of {processes['python_pass']['runs']}; "
            f"peak RSS of the process, by {processes['peak_rss_by']}):")
        floors = {f"{size['scale']:g}": size["floor"] for size in sizes}
        rows = []
        for scale, item in processes["generate"].items():
            if scale in floors:  # end to end, against the floor of the same size
                item = {**item, "floor": floors[scale]}
            rows.append((f"planner generate theater {scale}x, fresh", item))
            again = processes["regenerate"][scale]
            rows.append(("  again, over the file it wrote",
                         {**again, "floor": floors[scale]} if scale in floors else again))
            if scale in processes.get("check", {}):
                rows.append((f"planner check theater {scale}x", processes["check"][scale]))
        rows += [("planner generate (roundtable), fresh", processes["default_generate"]),
                 ("planner --help", processes["help"]), ("python -c pass", processes["python_pass"])]
        rows += [(f"python -c 'import {name}'", item) for name, item in processes["imports"].items()]
        for label, item in rows:
            ratio = f"  {item['median'] / item['floor']:.1f}x the floor" if "floor" in item else ""
            add(f"  {label:<40} {_seconds(item['median']):>7} {_seconds(item['best']):>7}"
                f" {item['maxrss_mb']:>6.0f} MB{ratio}")
    return "\n".join(lines)
