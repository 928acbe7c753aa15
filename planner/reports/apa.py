"""The Annual Plan of Activities (APA): a year's activities by line of effort, for the chairs.

Every event that touches the year is listed once, under its line of effort (the schedule
declares them, in order, under [lines_of_effort]) or under "Other activities" when it has
none, in date order, numbered "2.3" (line 2, third activity). A line with nothing in it says
so: a gap is something the chairs should see. Formats: Markdown, HTML, CSV.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.labels import OTHER_LINE, label, line_label, span_text, status_label, when_text
from planner.plan import Plan, PlannedEvent
from planner.reports.svgdraw import FONT, esc
from planner.reports.tabular import csv_text
from planner.schedule.model import LineOfEffort

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".csv": "csv"}
_COLUMNS = ("number", "activity", "dates", "place", "participants", "status")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of effort and its activities of the year, in date order."""

    id: str  # a declared line's id, or "other"
    number: int
    events: tuple[PlannedEvent, ...]
    declared: LineOfEffort | None = None  # None: the activities without a line


def lines_of_effort(plan: Plan, year: int) -> list[Line]:
    """The year's events grouped by the schedule's lines of effort, in its order, then other."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    events = sorted((e for e in plan.events if e.start <= last and e.end >= first),
                    key=lambda e: (e.start, e.id))
    declared: dict[str, LineOfEffort | None] = {line.id: line for line in plan.program.lines_of_effort}
    declared[OTHER_LINE] = None
    grouped: dict[str, list[PlannedEvent]] = {line: [] for line in declared}
    for event in events:
        grouped[event.line_of_effort if event.line_of_effort in declared else OTHER_LINE] \
            .append(event)
    return [Line(line, number, tuple(grouped[line]), declared[line])
            for number, line in enumerate(declared, start=1)]


def _rows(line: Line, lang: str) -> list[tuple[str, ...]]:
    return [(f"{line.number}.{index}", event.title.get(lang),
             when_text(event, lang) if event.start_time else span_text(event.start, event.end, lang),
             event.location.get(lang) or "—", ", ".join(event.participants) or "—",
             status_label(event.status, lang))
            for index, event in enumerate(line.events, start=1)]


def _title(plan: Plan, year: int, lang: str) -> tuple[str, str]:
    count = sum(len(line.events) for line in lines_of_effort(plan, year))
    chairs = plan.program.chairs
    intro = (label("apa_intro_chairs", lang, name=plan.name.get(lang), count=count, chairs=chairs)
             if chairs else label("apa_intro", lang, name=plan.name.get(lang), count=count))
    return label("apa", lang, year=year), intro


def apa_markdown(plan: Plan, year: int, lang: str = "en") -> str:
    heading, intro = _title(plan, year, lang)
    out = [f"# {_md(heading)}", "", _md(intro)]
    for line in lines_of_effort(plan, year):
        out += ["", f"## {line.number}. {_md(line_label(line.declared, lang))}", ""]
        rows = _rows(line, lang)
        if not rows:
            out.append(f"*{_md(label('apa_none', lang))}*")
            continue
        out.append("| " + " | ".join(_md(label(c, lang)) for c in _COLUMNS) + " |")
        out.append("|" + "|".join("---" for _ in _COLUMNS) + "|")
        out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    out += ["", "<!-- generator: planner -->"]  # invisible; tells planner.files the file is ours
    return "\n".join(out) + "\n"


def apa_html(plan: Plan, year: int, lang: str = "en") -> str:
    heading, intro = _title(plan, year, lang)
    out = ["<!DOCTYPE html>", f'<html lang="{"es" if lang == "es" else "en"}">', "<head>",
           '<meta charset="utf-8">', '<meta name="generator" content="planner">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           'style-src \'unsafe-inline\'">',
           f"<title>{esc(heading)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           "<main>", f"<h1>{esc(heading)}</h1>", f"<p>{esc(intro)}</p>"]
    for line in lines_of_effort(plan, year):
        out.append(f"<section><h2>{line.number}. {esc(line_label(line.declared, lang))}</h2>")
        rows = _rows(line, lang)
        if not rows:
            out.append(f'<p class="none">{esc(label("apa_none", lang))}</p></section>')
            continue
        out.append("<table><thead><tr>" + "".join(f'<th scope="col">{esc(label(c, lang))}</th>'
                                                  for c in _COLUMNS) + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows]
        out.append("</tbody></table></section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def apa_csv(plan: Plan, year: int, lang: str = "en") -> str:
    """One row per activity: line of effort, then the same columns as the tables, then the id
    (safe for spreadsheets: see tabular.csv_text)."""
    rows = [[label("line_of_effort", lang), *(label(c, lang) for c in _COLUMNS), label("id", lang)]]
    for line in lines_of_effort(plan, year):
        for row, event in zip(_rows(line, lang), line.events, strict=True):
            rows.append([line_label(line.declared, lang), *row, event.id])
    return csv_text(rows)


def render_apa(plan: Plan, year: int, fmt: str, lang: str = "en") -> bytes:
    """The APA in "markdown", "html" or "csv", as UTF-8 bytes."""
    render = {"markdown": apa_markdown, "html": apa_html, "csv": apa_csv}[fmt]
    return render(plan, year, lang).encode("utf-8")


def _md(text: str) -> str:
    """Table-safe Markdown text: pipes and markup characters escaped, no line breaks, no raw HTML."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


_CSS = f"""
body {{ margin: 0; font-family: {FONT}; color: #1d2330; background: #ffffff; }}
main {{ padding: 20px 28px 40px; max-width: 1200px; }}
h1 {{ font-size: 24px; margin: 0 0 4px; }}
h2 {{ font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #1f4e9c; padding-bottom: 2px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
th, td {{ text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #dde1e6; }}
th {{ background: #eef0f3; }}
td:first-child {{ white-space: nowrap; }}
.none {{ font-style: italic; color: #5f6775; }}
@page {{ size: landscape; margin: 12mm; }}
@media print {{ main {{ padding: 0; max-width: none; }} tr, h2 {{ break-inside: avoid; }}
  h2 {{ break-after: avoid; }} }}
"""
