"""The plan as one picture: years across, one row per forum, exercise and deployment window.

`timeline_svg` draws the chart as SVG; `timeline_html` wraps it in one self-contained page
(inline SVG and CSS, no script, nothing fetched from the network, print CSS for landscape
A4/Letter, and a table of every event for screen readers and print); `timeline_png` has a
headless Chromium draw the SVG (see there). Every text from the schedule is escaped, and
the same plan, today and language always give the same bytes.

Reading the chart: forum rows are shaded by the phases of their cycles ("Executive year",
"Visit year") with each cycle's start marked; events are marks with a tooltip (SVG
`<title>`) giving dates, place, participants and the engine's reason; exercise and
deployment windows are bars; approval deadlines are red flags; the approving body's
recesses are hatched; a red line marks today.

This module lays the chart out top to bottom and puts it together; its parts draw in
timeline_rows (the rows), timeline_shading (axis, phases, recesses, today),
timeline_marks (events and their labels) and timeline_legend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.labels import date_text, label
from planner.plan import Plan, Recess
from planner.reports import svgdraw as draw
from planner.reports.timeline_canvas import WIDTH, Canvas
from planner.reports.timeline_legend import legend
from planner.reports.timeline_marks import draw_marks
from planner.reports.timeline_rows import Row, current_regime, row_height, sections
from planner.reports.timeline_shading import axis, phases, recess_blocks, today_line
from planner.schedule.model import Schedule


@dataclass(frozen=True, slots=True)
class Chart:
    """A drawn timeline: the SVG element's text and its size in pixels."""

    svg: str
    width: int
    height: int


def default_window(schedule: Schedule, today: dt.date) -> tuple[dt.date, dt.date]:
    """The focus of a timeline when no dates are given: two years back to three ahead.

    Six calendar years show three 24-month cycles whole (today's, the one before and the one
    after) at a readable scale; the window stays inside the schedule's horizon.
    """
    first = max(schedule.plan_from, dt.date(today.year - 2, 1, 1))
    last = min(schedule.plan_to, dt.date(today.year + 3, 12, 31))
    return (first, last) if first <= last else (schedule.plan_from, schedule.plan_to)


def timeline_svg(plan: Plan, schedule: Schedule, *, today: dt.date, lang: str = "en") -> Chart:
    """Draw the plan's horizon: the chart alone, to embed or to save as an .svg file."""
    return _draw(Canvas.of(plan, schedule, today, lang))


def svg_document(chart: Chart) -> bytes:
    """The chart as a standalone .svg file."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- generator: planner -->\n' + chart.svg
            + "\n").encode("utf-8")


def timeline_html(plan: Plan, schedule: Schedule, *, today: dt.date, lang: str = "en") -> bytes:
    """One self-contained HTML page: the chart, a hint, and a table of every event."""
    from planner.reports.timeline_page import page

    chart = timeline_svg(plan, schedule, today=today, lang=lang)
    return page(plan, schedule, chart.svg, today=today, lang=lang)


def _draw(canvas: Canvas) -> Chart:
    """Lay the rows out top to bottom, then draw them layer by layer."""
    y = _header(canvas)
    strip = y
    axis_top = y + 20
    rows_top = axis_top + 46
    found = sections(canvas)
    y = rows_top
    for heading, rows in found:
        _section_band(canvas, heading, y)
        y += 26
        for row in rows:
            row.y = y
            row.height = row_height(row)
            y += row.height
    bottom = y
    axis(canvas, axis_top, rows_top, bottom)
    recesses = canvas.plan.recesses()
    for _, rows in found:
        for row in rows:
            _row(canvas, row, recesses)
    today_line(canvas, strip, bottom)
    height = int(legend(canvas, bottom + 26) + 18)
    every_row = [row for _, section in found for row in section]
    return Chart(_svg(canvas, height, every_row), WIDTH, height)


def _svg(canvas: Canvas, height: int, rows: list[Row]) -> str:
    lang = "es" if canvas.lang == "es" else "en"
    first, last = canvas.plan.horizon
    desc = label("timeline_desc", canvas.lang, events=len(canvas.plan.events), rows=len(rows),
                 first=date_text(first, canvas.lang), last=date_text(last, canvas.lang))
    desc = " ".join([desc, *_captions(canvas)])
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
            f'aria-labelledby="tl-title tl-desc" lang="{lang}">')
    title = f"{canvas.plan.name.get(canvas.lang)} — {_span_title(canvas)}"
    return "\n".join([
        head, f'<title id="tl-title">{draw.esc(title)}</title>',
        f'<desc id="tl-desc">{draw.esc(desc)}</desc>', draw.STYLE_SHEET, draw.DEFS,
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        *canvas.back, *canvas.grid, *canvas.marks, *canvas.texts, "</svg>"])


def _span_title(canvas: Canvas) -> str:
    first, last = canvas.plan.horizon
    return label("timeline_span", canvas.lang, first=first.year, last=last.year)


def _header(canvas: Canvas) -> float:
    """The plan's name, the years shown and today, and how each phased cycle is built."""
    lang = canvas.lang
    canvas.texts.append(draw.text(20, 36, canvas.plan.name.get(lang), "h1"))
    sub = f"{_span_title(canvas)} · {label('as_of', lang, date=date_text(canvas.today, lang))}"
    canvas.texts.append(draw.text(20, 60, sub, "h2"))
    y = 60.0
    for caption in _captions(canvas):
        y += 20
        canvas.texts.append(draw.text(20, y, caption, "cap"))
    return y + 12


def _captions(canvas: Canvas) -> list[str]:
    """One sentence per forum with phased cycles: how its cycle is built."""
    lang = canvas.lang
    captions = []
    for forum in canvas.schedule.forums:
        regime = current_regime(forum, canvas.today, canvas.scale.last)
        if regime is None or len(regime.phases) < 2:
            continue
        phases = ", ".join(
            label("phase_months", lang, name=p.name.get(lang), first=p.months[0],
                  last=p.months[1]) for p in regime.phases)
        captions.append(label("cycle_caption", lang, forum=forum.name.get(lang),
                              months=regime.cycle_months, phases=phases))
    return captions


def _section_band(canvas: Canvas, heading: str, y: float) -> None:
    canvas.back.append(draw.rect(0, y, WIDTH, 26, fill="#eef0f3"))
    canvas.texts.append(draw.text(16, y + 17.5, heading, "sec"))


def _row(canvas: Canvas, row: Row, recesses: tuple[Recess, ...]) -> None:
    """The row's group (shading, title and notes, for screen readers too), then its marks."""
    aria = " ".join([*row.title, *row.notes])
    parts = [f'<g class="row" data-row="{row.role}" data-id="{draw.esc(row.id)}" '
             f'aria-label="{draw.esc(aria)}"><title>{draw.esc(aria)}</title>',
             draw.rect(0, row.y, WIDTH, row.height, fill="#ffffff")]
    if row.forum is not None:
        parts.extend(phases(canvas, row, row.forum))
    if row.body is not None:
        parts.extend(recess_blocks(canvas, row, row.body, recesses))
    line_y = row.y + 16
    for line in row.title:
        parts.append(draw.text(16, line_y + 2, line, "rt"))
        line_y += 16
    for line in row.notes:
        parts.append(draw.text(16, line_y + 1, line, "rn"))
        line_y += 14
    parts.append(draw.line(0, row.y + row.height, WIDTH, row.y + row.height, stroke="#dde1e6"))
    parts.append("</g>")
    canvas.back.extend(parts)
    draw_marks(canvas, row)
