"""The rows of a timeline, top to bottom: one per forum, exercise and deployment window,
and one per approving body for its recesses, with their titles, notes and heights."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.labels import date_text, label, month_abbr
from planner.plan import PlannedEvent
from planner.reports import svgdraw as draw
from planner.reports.timeline_canvas import LABEL_W, Canvas
from planner.schedule.model import ApprovingBody, Direction, Forum, Regime

LANES = (23.0, 36.0)  # label baselines below a mark's centre


@dataclass(slots=True)
class Row:
    role: str  # the data-row attribute: forum, exercise, deployment or recess
    id: str
    title: list[str]
    notes: list[str]
    events: list[PlannedEvent]
    mark_y: float  # centre of the marks, from the row's top
    forum: Forum | None = None  # shade by this forum's phases
    body: ApprovingBody | None = None  # show this body's recesses
    y: float = 0
    height: float = 0
    lanes: list[list[tuple[float, float]]] = field(default_factory=lambda: [[], []])


def current_regime(forum: Forum, today: dt.date, last: dt.date) -> Regime | None:
    """The regime in force today, else the last one starting by `last` (the window's end)."""
    for regime in forum.regimes:
        if regime.start <= today and (regime.end is None or today <= regime.end):
            return regime
    started = [r for r in forum.regimes if r.start <= last]
    return max(started, key=lambda r: r.start) if started else None


def sections(canvas: Canvas) -> list[tuple[str, list[Row]]]:
    """The headed sections of rows (forums, exercises, deployments), empty ones left out."""
    by_row: dict[tuple[str, str], list[PlannedEvent]] = {}
    for event in canvas.plan.events:
        by_row.setdefault((event.forum, event.activity if event.forum in
                            ("exercises", "deployments") else ""), []).append(event)
    lang = canvas.lang
    found = [(label("forums", lang), _forum_rows(canvas, by_row)),
             (label("exercises", lang), _exercise_rows(canvas, by_row)),
             (label("deployments", lang), _deployment_rows(canvas, by_row))]
    return [(heading, rows) for heading, rows in found if rows]


_Events = dict[tuple[str, str], list[PlannedEvent]]


def _forum_rows(canvas: Canvas, by_row: _Events) -> list[Row]:
    lang = canvas.lang
    rows = []
    for forum in canvas.schedule.forums:
        shaded = any(len(r.phases) > 1 for r in forum.regimes)
        notes = draw.wrap(forum.name.get(lang), 11, LABEL_W - 30, 2)
        regime = current_regime(forum, canvas.today, canvas.scale.last)
        if regime is not None:
            since = date_text(regime.start, lang) if regime.start.day != 1 else \
                f"{month_abbr(regime.start.month, lang)} {regime.start.year}"
            key = "yearly_since" if regime.cycle_months == 12 else "cycle_since"
            notes.append(label(key, lang, months=regime.cycle_months, date=since))
        rows.append(Row("forum", forum.id, draw.wrap(forum.short.get(lang), 13, LABEL_W - 30, 1, True),
                        notes, by_row.get((forum.id, ""), []), 36 if shaded else 22,
                        forum=forum if shaded else None))
    return rows


def _exercise_rows(canvas: Canvas, by_row: _Events) -> list[Row]:
    lang = canvas.lang
    rows = []
    for exercise in canvas.schedule.exercises:
        venue = canvas.schedule.venue(exercise.venue).name.get(lang)
        rows.append(Row("exercise", exercise.id,
                        draw.wrap(exercise.name.get(lang), 13, LABEL_W - 30, 2, True),
                        draw.wrap(venue, 11, LABEL_W - 30, 1),
                        by_row.get(("exercises", exercise.id), []), 20))
    return rows


def _deployment_rows(canvas: Canvas, by_row: _Events) -> list[Row]:
    """A recess row per approving body, then a row per deployment window."""
    lang, schedule = canvas.lang, canvas.schedule
    rows = []
    for body_id in sorted({w.approving_body for w in schedule.deployments}):
        body = schedule.approving_body(body_id)
        rows.append(Row(
            "recess", body.id, draw.wrap(label("body_recess", lang, body=body.name.get(lang)), 12,
                                        LABEL_W - 30, 2, True),
            [label("recess_note", lang)], [], 0, body=body))
    for window in schedule.deployments:
        direction = label("entry" if window.direction is Direction.ENTRY else "exit", lang)
        facts = [direction]
        if window.personnel:
            facts.append(label("personnel_n", lang, n=window.personnel))
        facts.append(f"{window.sending_country} → {window.host_country}")
        rows.append(Row("deployment", window.id,
                        draw.wrap(window.title.get(lang), 13, LABEL_W - 30, 2, True),
                        [" · ".join(facts)], by_row.get(("deployments", window.id), []), 44))
    return rows


def row_height(row: Row) -> float:
    """Room for the title and notes, and below the marks for two lanes of labels."""
    text = 12 + 16 * len(row.title) + 14 * len(row.notes)
    if row.role == "recess":
        return max(text, 40)
    return max(text, row.mark_y + LANES[-1] + 8)
