"""What lies under a timeline's marks: the axis of years and quarters, forum rows shaded by
the phases of their cycles, approving bodies' recesses hatched, and the line of today."""

from __future__ import annotations

import datetime as dt

from planner.labels import date_text, label
from planner.plan import Recess
from planner.reports import svgdraw as draw
from planner.reports.timeline_canvas import LABEL_W, WIDTH, Canvas
from planner.reports.timeline_rows import Row
from planner.schedule.model import ApprovingBody, Forum, Schedule


def phases(canvas: Canvas, row: Row, forum: Forum) -> list[str]:
    """The row's shading, one block per phase of each cycle the plan carries, named when the
    name fits, and a line where each cycle of a phased regime starts."""
    scale, lang = canvas.scale, canvas.lang
    colours = phase_colours(canvas.schedule)
    parts = []
    for cycle in (c for c in canvas.plan.cycles if c.forum == forum.id):
        phased = len(cycle.regime.phases) > 1
        for index, window in enumerate(cycle.phases):
            span = scale.clip(window.start, window.end)
            if span is None:
                continue
            x1, x2 = span
            fill, ink = colours[window.phase.id]
            parts.append(draw.rect(x1, row.y, x2 - x1, row.height, fill=fill))
            name = window.phase.name.get(lang)
            options = [name]
            if phased and index == 0:
                # The cycle's number matters more than its phase's name when space is short.
                number = label("cycle_n", lang, n=cycle.number)
                options = [f"{number} · {name}", number, str(cycle.number)]
            # One phase a cycle repeats one name in every cycle: shown only when it fits.
            fitted = _fit(options, x2 - x1 - 12, shorten=phased)
            if fitted:
                canvas.texts.append(draw.text(x1 + 6, row.y + 14, fitted, "ph", fill=ink))
        if phased and scale.first <= cycle.start <= scale.last:
            x = scale.x(cycle.start)
            parts.append(draw.line(x, row.y, x, row.y + row.height, stroke="#5b6472",
                                   stroke_width=1.5))
    return parts


def phase_colours(schedule: Schedule) -> dict[str, tuple[str, str]]:
    """A fill and an ink per phase id, in order of first appearance across shaded forums."""
    ids: list[str] = []
    for forum in schedule.forums:
        if any(len(r.phases) > 1 for r in forum.regimes):
            for regime in forum.regimes:
                ids.extend(p.id for p in regime.phases if p.id not in ids)
    return {pid: draw.PHASE_FILLS[i % len(draw.PHASE_FILLS)] for i, pid in enumerate(ids)}


def phase_legend(schedule: Schedule, lang: str) -> list[tuple[str, str]]:
    """(phase name, fill) for the legend, one per phase id."""
    colours = phase_colours(schedule)
    names: dict[str, str] = {}
    for forum in schedule.forums:
        for regime in forum.regimes:
            for phase in regime.phases:
                if phase.id in colours:
                    names.setdefault(phase.id, phase.name.get(lang))
    return [(names[pid], colours[pid][0]) for pid in colours]


def recess_blocks(canvas: Canvas, row: Row, body: ApprovingBody,
                  recesses: tuple[Recess, ...]) -> list[str]:
    """The body's recesses as hatched blocks, named when the word fits."""
    parts = []
    word = label("recess", canvas.lang)
    for recess in recesses:
        span = canvas.scale.clip(recess.start, recess.end) if recess.body == body.id else None
        if span is None:
            continue
        x1, x2 = span
        parts.append(draw.rect(x1, row.y + 6, x2 - x1, row.height - 12, fill="url(#tl-recess)",
                               stroke="#8b929c", stroke_width=0.8))
        if draw.text_width(word, 10.5) <= x2 - x1 - 6:
            parts.append(draw.text((x1 + x2) / 2, row.y + row.height / 2 + 4, word, "rc",
                                   anchor="middle"))
    return parts


def axis(canvas: Canvas, top: float, rows_top: float, bottom: float) -> None:
    """Years and quarters across the top, with their lines down through the rows."""
    scale = canvas.scale
    for year in range(scale.first.year, scale.last.year + 1):
        span = scale.clip(dt.date(year, 1, 1), dt.date(year, 12, 31))
        if span is None:
            continue
        x1, x2 = span
        fill = "#e6e9ee" if year % 2 else "#f4f5f7"
        canvas.back.append(draw.rect(x1, top, x2 - x1, 26, fill=fill))
        if x2 - x1 >= 40:
            canvas.texts.append(draw.text((x1 + x2) / 2, top + 19, str(year), "year", anchor="middle"))
        for quarter in range(4):
            start = dt.date(year, 3 * quarter + 1, 1)
            end = dt.date(year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1) - dt.timedelta(1)
            qspan = scale.clip(start, end)
            if qspan is None:
                continue
            q1, q2 = qspan
            if q2 - q1 >= 24:
                canvas.texts.append(draw.text((q1 + q2) / 2, top + 39, label("quarter", canvas.lang,
                                                                            n=quarter + 1),
                                              "qtr", anchor="middle"))
            if quarter and scale.first <= start:
                canvas.grid.append(draw.line(q1, top + 26, q1, bottom, stroke="#e3e6ea"))
        if scale.first <= dt.date(year, 1, 1):
            canvas.grid.append(draw.line(x1, top, x1, bottom, stroke="#aab1ba"))
    canvas.grid.append(draw.line(LABEL_W, top, LABEL_W, bottom, stroke="#8b929c"))
    canvas.grid.append(draw.line(0, rows_top, WIDTH, rows_top, stroke="#8b929c"))


def today_line(canvas: Canvas, strip: float, bottom: float) -> None:
    """A red line down the chart on today, named in the strip above the axis."""
    scale = canvas.scale
    if not scale.first <= canvas.today <= scale.last:
        return
    x = scale.x(canvas.today) + scale.per_day / 2
    text = label("today_line", canvas.lang, date=date_text(canvas.today, canvas.lang))
    half = draw.text_width(text, 11.5, True) / 2
    centre = min(max(x, LABEL_W + half + 2), WIDTH - half - 4)
    canvas.grid.append(draw.line(x, strip + 16, x, bottom, stroke="#c62828", stroke_width=2))
    canvas.texts.append(draw.text(centre, strip + 12, text, "today", anchor="middle"))


def _fit(options: list[str], width: float, shorten: bool = True) -> str:
    """The first option that fits `width` as a phase label, else the first shortened with "…"
    when a few letters of it fit (a name cut to "Visit y…" still says which phase)."""
    for option in options:
        if draw.text_width(option, 12.5, True) <= width:
            return option
    if not shorten:
        return ""
    cut = options[0]
    while len(cut) > 3 and draw.text_width(cut + "…", 12.5, True) > width:
        cut = cut[:-1].rstrip(" ·")
    return cut + "…" if len(cut) > 3 else ""
