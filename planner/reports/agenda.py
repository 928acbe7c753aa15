"""The plan as a terminal agenda: a header per month, one aligned line per event.

Colour is decided by the caller (`color_wanted`): only on a terminal, never when NO_COLOR
is set. Without colour the text is plain and identical whatever the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import click

from planner.i18n import weekday_name
from planner.labels import date_text, label, month_abbr, month_heading, status_label
from planner.plan import PlannedEvent, Status
from planner.reports.fit import cut
from planner.reports.text import clock

_STATUS_STYLE: dict[Status, dict[str, Any]] = {
    Status.HELD: {"dim": True},
    Status.PLANNED: {"fg": "cyan"},
    Status.FIXED: {"fg": "blue"},
    Status.DEADLINE: {"fg": "red", "bold": True},
}


def color_wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set to anything (no-color.org)."""
    if environ.get("NO_COLOR", ""):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass(frozen=True, slots=True)
class _Line:
    start: dt.date
    cells: tuple[str, str, str, str, str]  # days, time, status, title, place
    style: dict[str, Any]
    bold_title: bool = False
    holiday: bool = False


def agenda(events: Sequence[PlannedEvent], *, title: str, first: dt.date, last: dt.date,
           lang: str = "en", color: bool = False, today: dt.date | None = None,
           holidays: Sequence[tuple[dt.date, str]] = (), width: int | None = None,
           zones: Mapping[str, str] | None = None, headline_kinds: Collection[str] = ()) -> str:
    """The agenda text: a title, then months in order, each with its events (and holidays).

    Args:
        events: the events to show, any order; each is listed under the month it starts in.
        title: the first line, e.g. "Agenda 2026 — SEDENA".
        first, last: the days the agenda covers (months with nothing say so).
        lang: "en", "es" or "en+es".
        color: style with ANSI colours (the caller checks the terminal and NO_COLOR).
        today: when inside the span, a "today" line is drawn where it falls.
        holidays: (day, name) pairs shown dimmed among the events.
        width: the terminal's width, None for no limit. When a line would not fit, the time
            and place go on a second line under the title, and both are cut with "…".
        zones: party id -> IANA zone; a call's hours are shown there too ("/ 11:00 CST").
        headline_kinds: the schedule's headline kinds (plan.headline_kinds); their titles
            are bold.
    """
    lines = [_event_line(event, lang, zones, headline_kinds)
             for event in sorted(events, key=lambda e: (e.start, e.id))]
    lines += [_Line(day, (_days(day, day, lang), "", label("holiday", lang), name, ""), {},
                    holiday=True) for day, name in holidays]
    lines.sort(key=lambda line: line.start)
    widths = [max((len(line.cells[i]) for line in lines), default=0) for i in range(5)]
    narrow = width is not None and sum(widths) + 10 > width
    output = [_style(cut(title, width) if width else title, color, bold=True)]
    today_drawn = today is None or not first <= today <= last
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        inside = [line for line in lines if month <= line.start < following]
        output += ["", _style(month_heading(month.year, month.month, lang), color, bold=True,
                              underline=True)]
        for line in inside:
            if not today_drawn and today is not None and line.start >= today:
                output.append(_today(today, lang, color))
                today_drawn = True
            output.append(_narrow(line, widths, color, width) if narrow and width
                          else _format(line, widths, color))
        if not inside:
            output.append(_style("  " + label("no_events", lang), color, dim=True))
        if not today_drawn and today is not None and month <= today < following:
            output.append(_today(today, lang, color))
            today_drawn = True
        month = following
    return "\n".join(output) + "\n"


def _event_line(event: PlannedEvent, lang: str, zones: Mapping[str, str] | None,
                headline_kinds: Collection[str]) -> _Line:
    cells = (_days(event.start, event.end, lang), clock(event, zones), status_label(event.status, lang),
             event.title.get(lang), event.location.get(lang))
    return _Line(event.start, cells, _STATUS_STYLE[event.status],
                 bold_title=event.kind in headline_kinds)


def _days(start: dt.date, end: dt.date, lang: str) -> str:
    """"Tue  4 – Wed  5", "Sun 18 – Fri 13 Mar" / "dom 18 – vie 13 mar"."""
    words = "es" if lang == "es" else "en"
    first = f"{weekday_name(start.weekday(), words)} {start.day:>2}"
    if end == start:
        return first
    last = f"{weekday_name(end.weekday(), words)} {end.day:>2}"
    if end.year != start.year:
        last += f" {month_abbr(end.month, words)} {end.year}"
    elif end.month != start.month:
        last += f" {month_abbr(end.month, words)}"
    return f"{first} – {last}"


def _format(line: _Line, widths: list[int], color: bool) -> str:
    days, time, status, title, place = line.cells
    if line.holiday:
        plain = "  ".join([days.ljust(widths[0]), time.ljust(widths[1]), status.ljust(widths[2]),
                           title]).rstrip()
        return "  " + _style(plain, color, fg="magenta")
    parts = [days.ljust(widths[0]), time.ljust(widths[1]),
             _style(status.ljust(widths[2]), color, **line.style),
             _style(title.ljust(widths[3]), color, bold=line.bold_title), place]
    return ("  " + "  ".join(parts)).rstrip()


def _narrow(line: _Line, widths: list[int], color: bool, width: int) -> str:
    """Days, status and title on one line; time and place on the next, under the title."""
    days, time, status, title, place = line.cells
    indent = 2 + widths[0] + 2 + widths[2] + 2
    room = max(width - indent, 10)
    first = ["  " + days.ljust(widths[0]), _style(status.ljust(widths[2]), color, **line.style),
             _style(cut(title, room), color, bold=line.bold_title)]
    text = "  ".join(first).rstrip()
    detail = " · ".join(part for part in (time, place) if part)
    if detail:
        text += "\n" + " " * indent + cut(detail, room)
    return _style(text, color, fg="magenta") if line.holiday else text


def travel(name: str, year: int, trips: Sequence[PlannedEvent], lang: str = "en",
           width: int | None = None) -> str:
    """A leader's year away: "Name, 2026: 2 trips, 5 days away", then one line per trip."""
    away = sum((event.end - event.start).days + 1 for event in trips)
    count = "1 trip" if len(trips) == 1 else f"{len(trips)} trips"
    days = "1 day" if away == 1 else f"{away} days"
    lines = [f"{name}, {year}: {count}, {days} away"]
    for event in trips:
        when = _days(event.start, event.end, lang)
        if event.end.month == event.start.month:  # else _days named the month already
            when += f" {month_abbr(event.end.month, 'es' if lang == 'es' else 'en')}"
        line = f"  {when}  {event.location.get(lang)} — {event.title.get(lang)}"
        lines.append(cut(line, width) if width else line)
    return "\n".join(lines) + "\n"


def _today(today: dt.date, lang: str, color: bool) -> str:
    text = f"  ── {label('today_marker', lang)}, {date_text(today, lang)} ──"
    return _style(text, color, fg="red", bold=True)


def _style(text: str, color: bool, **styles: Any) -> str:
    return click.style(text, **styles) if color and any(styles.values()) else text
