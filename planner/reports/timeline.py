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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from planner.i18n import ordinal
from planner.labels import (
    date_text,
    kind_label,
    label,
    month_abbr,
    span_text,
    status_label,
    when_text,
)
from planner.plan import Plan, PlannedEvent, Status
from planner.reports import svgdraw as draw
from planner.schedule.model import ApprovingBody, Direction, Forum, Regime, Schedule

WIDTH = 1600  # user units; the HTML page scales the chart to the window or the paper
LABEL_W = 300
RIGHT = 28
_KIND_ORDER = tuple(draw.KIND_STYLE)
_PRIORITY = {"executive-session": 0, "exercise-visit": 0, "approval-deadline": 1, "exercise": 2,
             "deployment": 2, "request-deadline": 3, "approval": 4, "request": 5}
_UNLABELLED = {"vtc", "task", "staff-talks"}  # small or frequent marks: tooltip only
_LANES = (23.0, 36.0)  # label baselines below a mark's centre
# A deployment's request, approval and deadline: drawn on their own line above the window's bar,
# side by side when their dates are too close to tell apart, so none hides another or the window.
_MILESTONES = ("request-deadline", "request", "approval", "approval-deadline")
_MILESTONE_Y = 19.0  # centre of the milestones, from the row's top
_MILESTONE_GAP = 21.0  # centre to centre: a flag flies 11 to the right of its pole


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
    return _Drawing(plan, schedule, today, lang).draw()


def svg_document(chart: Chart) -> bytes:
    """The chart as a standalone .svg file."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- generator: planner -->\n' + chart.svg
            + "\n").encode("utf-8")


def timeline_html(plan: Plan, schedule: Schedule, *, today: dt.date, lang: str = "en") -> bytes:
    """One self-contained HTML page: the chart, a hint, and a table of every event."""
    from planner.reports.timeline_page import page

    chart = timeline_svg(plan, schedule, today=today, lang=lang)
    return page(plan, schedule, chart.svg, today=today, lang=lang)



@dataclass(frozen=True, slots=True)
class _Scale:
    first: dt.date
    last: dt.date
    left: float
    right: float

    @property
    def per_day(self) -> float:
        return (self.right - self.left) / ((self.last - self.first).days + 1)

    def x(self, day: dt.date) -> float:
        """The left edge of `day`."""
        return self.left + (day - self.first).days * self.per_day

    def clip(self, start: dt.date, end: dt.date) -> tuple[float, float] | None:
        """Left edge of the first visible day and right edge of the last, or None."""
        if end < self.first or start > self.last:
            return None
        return self.x(max(start, self.first)), self.x(min(end, self.last)) + self.per_day


@dataclass(slots=True)
class _Row:
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


_Place = Callable[[_Row], None]  # puts a mark's label in the first free lane of its row


class _Drawing:
    """Lays the rows out top to bottom, then draws them layer by layer."""

    def __init__(self, plan: Plan, schedule: Schedule, today: dt.date, lang: str) -> None:
        self.plan = plan
        self.schedule = schedule
        self.today = today
        self.lang = lang
        self.scale = _Scale(plan.horizon[0], plan.horizon[1], LABEL_W, WIDTH - RIGHT)
        self.back: list[str] = []
        self.grid: list[str] = []
        self.marks: list[str] = []
        self.texts: list[str] = []
        self.parties = {p.id: p.name.get(lang) for p in schedule.parties}
        self.recesses = plan.recesses()

    # -- the whole chart -------------------------------------------------------------------
    def draw(self) -> Chart:
        y = self._header()
        strip = y
        axis_top = y + 20
        rows_top = axis_top + 46
        sections = self._sections()
        y = rows_top
        for heading, rows in sections:
            self._section_band(heading, y)
            y += 26
            for row in rows:
                row.y = y
                row.height = self._row_height(row)
                y += row.height
        bottom = y
        self._axis(axis_top, rows_top, bottom)
        for _, rows in sections:
            for row in rows:
                self._row(row)
        self._today(strip, bottom)
        height = int(self._legend(bottom + 26) + 18)
        rows = [row for _, section in sections for row in section]
        return Chart(self._svg(height, rows), WIDTH, height)

    def _svg(self, height: int, rows: list[_Row]) -> str:
        lang = "es" if self.lang == "es" else "en"
        first, last = self.plan.horizon
        desc = label("timeline_desc", self.lang, events=len(self.plan.events), rows=len(rows),
                     first=date_text(first, self.lang), last=date_text(last, self.lang))
        desc = " ".join([desc, *self._captions()])
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" '
                f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
                f'aria-labelledby="tl-title tl-desc" lang="{lang}">')
        title = f"{self.plan.name.get(self.lang)} — {self._span_title()}"
        return "\n".join([
            head, f'<title id="tl-title">{draw.esc(title)}</title>',
            f'<desc id="tl-desc">{draw.esc(desc)}</desc>', draw.STYLE_SHEET, draw.DEFS,
            f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
            *self.back, *self.grid, *self.marks, *self.texts, "</svg>"])

    def _span_title(self) -> str:
        first, last = self.plan.horizon
        return label("timeline_span", self.lang, first=first.year, last=last.year)

    def _header(self) -> float:
        self.texts.append(draw.text(20, 36, self.plan.name.get(self.lang), "h1"))
        sub = f"{self._span_title()} · {label('as_of', self.lang, date=date_text(self.today, self.lang))}"
        self.texts.append(draw.text(20, 60, sub, "h2"))
        y = 60.0
        for caption in self._captions():
            y += 20
            self.texts.append(draw.text(20, y, caption, "cap"))
        return y + 12

    def _captions(self) -> list[str]:
        """One sentence per forum with phased cycles: how its cycle is built."""
        captions = []
        for forum in self.schedule.forums:
            regime = self._current_regime(forum)
            if regime is None or len(regime.phases) < 2:
                continue
            phases = ", ".join(
                label("phase_months", self.lang, name=p.name.get(self.lang), first=p.months[0],
                      last=p.months[1]) for p in regime.phases)
            captions.append(label("cycle_caption", self.lang, forum=forum.name.get(self.lang),
                                  months=regime.cycle_months, phases=phases))
        return captions

    def _current_regime(self, forum: Forum) -> Regime | None:
        """The regime in force today, else the last one starting in the window."""
        for regime in forum.regimes:
            if regime.start <= self.today and (regime.end is None or self.today <= regime.end):
                return regime
        started = [r for r in forum.regimes if r.start <= self.scale.last]
        return max(started, key=lambda r: r.start) if started else None

    # -- rows ------------------------------------------------------------------------------
    def _sections(self) -> list[tuple[str, list[_Row]]]:
        lang = self.lang
        by_row: dict[tuple[str, str], list[PlannedEvent]] = {}
        for event in self.plan.events:
            by_row.setdefault((event.forum, event.activity if event.forum in
                                ("exercises", "deployments") else ""), []).append(event)
        forums = []
        for forum in self.schedule.forums:
            shaded = any(len(r.phases) > 1 for r in forum.regimes)
            notes = draw.wrap(forum.name.get(lang), 11, LABEL_W - 30, 2)
            regime = self._current_regime(forum)
            if regime is not None:
                since = date_text(regime.start, lang) if regime.start.day != 1 else \
                    f"{month_abbr(regime.start.month, lang)} {regime.start.year}"
                key = "yearly_since" if regime.cycle_months == 12 else "cycle_since"
                notes.append(label(key, lang, months=regime.cycle_months, date=since))
            forums.append(_Row("forum", forum.id, draw.wrap(forum.short.get(lang), 13, LABEL_W - 30, 1, True),
                               notes, by_row.get((forum.id, ""), []), 36 if shaded else 22,
                               forum=forum if shaded else None))
        exercises = []
        for exercise in self.schedule.exercises:
            venue = self.schedule.venue(exercise.venue).name.get(lang)
            exercises.append(_Row("exercise", exercise.id,
                                  draw.wrap(exercise.name.get(lang), 13, LABEL_W - 30, 2, True),
                                  draw.wrap(venue, 11, LABEL_W - 30, 1),
                                  by_row.get(("exercises", exercise.id), []), 20))
        deployments = []
        bodies = sorted({w.approving_body for w in self.schedule.deployments})
        for body_id in bodies:
            body = self.schedule.approving_body(body_id)
            deployments.append(_Row(
                "recess", body.id, draw.wrap(label("body_recess", lang, body=body.name.get(lang)), 12,
                                        LABEL_W - 30, 2, True),
                [label("recess_note", lang)], [], 0, body=body))
        for window in self.schedule.deployments:
            direction = label("entry" if window.direction is Direction.ENTRY else "exit", lang)
            facts = [direction]
            if window.personnel:
                facts.append(label("personnel_n", lang, n=window.personnel))
            facts.append(f"{window.sending_country} → {window.host_country}")
            deployments.append(_Row("deployment", window.id,
                                    draw.wrap(window.title.get(lang), 13, LABEL_W - 30, 2, True),
                                    [" · ".join(facts)],
                                    by_row.get(("deployments", window.id), []), 44))
        sections = [(label("forums", lang), forums), (label("exercises", lang), exercises),
                    (label("deployments", lang), deployments)]
        return [(heading, rows) for heading, rows in sections if rows]

    def _row_height(self, row: _Row) -> float:
        text = 12 + 16 * len(row.title) + 14 * len(row.notes)
        if row.role == "recess":
            return max(text, 40)
        return max(text, row.mark_y + _LANES[-1] + 8)

    def _section_band(self, heading: str, y: float) -> None:
        self.back.append(draw.rect(0, y, WIDTH, 26, fill="#eef0f3"))
        self.texts.append(draw.text(16, y + 17.5, heading, "sec"))

    def _row(self, row: _Row) -> None:
        aria = " ".join([*row.title, *row.notes])
        parts = [f'<g class="row" data-row="{row.role}" data-id="{draw.esc(row.id)}" '
                 f'aria-label="{draw.esc(aria)}"><title>{draw.esc(aria)}</title>',
                 draw.rect(0, row.y, WIDTH, row.height, fill="#ffffff")]
        if row.forum is not None:
            parts.extend(self._phases(row, row.forum))
        if row.body is not None:
            parts.extend(self._recess_blocks(row, row.body))
        line_y = row.y + 16
        for line in row.title:
            parts.append(draw.text(16, line_y + 2, line, "rt"))
            line_y += 16
        for line in row.notes:
            parts.append(draw.text(16, line_y + 1, line, "rn"))
            line_y += 14
        parts.append(draw.line(0, row.y + row.height, WIDTH, row.y + row.height, stroke="#dde1e6"))
        parts.append("</g>")
        self.back.extend(parts)
        labels = []
        milestones = self._milestone_xs(row)
        for event in row.events:
            candidate = self._mark(row, event, milestones.get(event.id))
            if candidate is not None:
                labels.append(candidate)
        for _, _, place in sorted(labels, key=lambda c: (c[0], c[1])):
            place(row)

    # -- phases and recesses ---------------------------------------------------------------
    def _phases(self, row: _Row, forum: Forum) -> list[str]:
        colours = self._phase_colours()
        parts = []
        for cycle in self.plan.cycles:
            if cycle.forum == forum.id:
                regime = cycle.regime
                for index, window in enumerate(cycle.phases):
                    span = self.scale.clip(window.start, window.end)
                    if span is None:
                        continue
                    x1, x2 = span
                    fill, ink = colours[window.phase.id]
                    parts.append(draw.rect(x1, row.y, x2 - x1, row.height, fill=fill))
                    name = window.phase.name.get(self.lang)
                    options = [name]
                    if len(regime.phases) > 1 and index == 0:
                        # The cycle's number matters more than its phase's name when space is short.
                        number = label("cycle_n", self.lang, n=cycle.number)
                        options = [f"{number} · {name}", number, str(cycle.number)]
                    # One phase a cycle repeats one name in every cycle: shown only when it fits.
                    fitted = _fit(options, x2 - x1 - 12, shorten=len(regime.phases) > 1)
                    if fitted:
                        self.texts.append(draw.text(x1 + 6, row.y + 14, fitted, "ph", fill=ink))
                if len(regime.phases) > 1 and self.scale.first <= cycle.start <= self.scale.last:
                    x = self.scale.x(cycle.start)
                    parts.append(draw.line(x, row.y, x, row.y + row.height, stroke="#5b6472",
                                           stroke_width=1.5))
        return parts

    def _phase_colours(self) -> dict[str, tuple[str, str]]:
        """A fill and an ink per phase id, in order of first appearance across shaded forums."""
        ids: list[str] = []
        for forum in self.schedule.forums:
            if any(len(r.phases) > 1 for r in forum.regimes):
                for regime in forum.regimes:
                    ids.extend(p.id for p in regime.phases if p.id not in ids)
        return {pid: draw.PHASE_FILLS[i % len(draw.PHASE_FILLS)] for i, pid in enumerate(ids)}

    def _phase_legend(self) -> list[tuple[str, str]]:
        """(phase name, fill) for the legend, one per phase id."""
        colours = self._phase_colours()
        names: dict[str, str] = {}
        for forum in self.schedule.forums:
            for regime in forum.regimes:
                for phase in regime.phases:
                    if phase.id in colours:
                        names.setdefault(phase.id, phase.name.get(self.lang))
        return [(names[pid], colours[pid][0]) for pid in colours]

    def _recess_spans(self, body: ApprovingBody) -> list[tuple[float, float]]:
        spans = []
        for recess in self.recesses:
            span = self.scale.clip(recess.start, recess.end) if recess.body == body.id else None
            if span is not None:
                spans.append(span)
        return spans

    def _recess_blocks(self, row: _Row, body: ApprovingBody) -> list[str]:
        parts = []
        word = label("recess", self.lang)
        for x1, x2 in self._recess_spans(body):
            parts.append(draw.rect(x1, row.y + 6, x2 - x1, row.height - 12, fill="url(#tl-recess)",
                                   stroke="#8b929c", stroke_width=0.8))
            if draw.text_width(word, 10.5) <= x2 - x1 - 6:
                parts.append(draw.text((x1 + x2) / 2, row.y + row.height / 2 + 4, word, "rc",
                                   anchor="middle"))
        return parts

    # -- axis, today -----------------------------------------------------------------------
    def _axis(self, top: float, rows_top: float, bottom: float) -> None:
        scale = self.scale
        for year in range(scale.first.year, scale.last.year + 1):
            span = scale.clip(dt.date(year, 1, 1), dt.date(year, 12, 31))
            if span is None:
                continue
            x1, x2 = span
            fill = "#e6e9ee" if year % 2 else "#f4f5f7"
            self.back.append(draw.rect(x1, top, x2 - x1, 26, fill=fill))
            if x2 - x1 >= 40:
                self.texts.append(draw.text((x1 + x2) / 2, top + 19, str(year), "year", anchor="middle"))
            for quarter in range(4):
                start = dt.date(year, 3 * quarter + 1, 1)
                end = dt.date(year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1) - dt.timedelta(1)
                qspan = scale.clip(start, end)
                if qspan is None:
                    continue
                q1, q2 = qspan
                if q2 - q1 >= 24:
                    self.texts.append(draw.text((q1 + q2) / 2, top + 39, label("quarter", self.lang,
                                                                          n=quarter + 1),
                                            "qtr", anchor="middle"))
                if quarter and scale.first <= start:
                    self.grid.append(draw.line(q1, top + 26, q1, bottom, stroke="#e3e6ea"))
            if scale.first <= dt.date(year, 1, 1):
                self.grid.append(draw.line(x1, top, x1, bottom, stroke="#aab1ba"))
        self.grid.append(draw.line(LABEL_W, top, LABEL_W, bottom, stroke="#8b929c"))
        self.grid.append(draw.line(0, rows_top, WIDTH, rows_top, stroke="#8b929c"))

    def _today(self, strip: float, bottom: float) -> None:
        if not self.scale.first <= self.today <= self.scale.last:
            return
        x = self.scale.x(self.today) + self.scale.per_day / 2
        text = label("today_line", self.lang, date=date_text(self.today, self.lang))
        half = draw.text_width(text, 11.5, True) / 2
        centre = min(max(x, LABEL_W + half + 2), WIDTH - half - 4)
        self.grid.append(draw.line(x, strip + 16, x, bottom, stroke="#c62828", stroke_width=2))
        self.texts.append(draw.text(centre, strip + 12, text, "today", anchor="middle"))

    # -- marks -----------------------------------------------------------------------------
    def _milestone_xs(self, row: _Row) -> dict[str, float]:
        """Where a deployment row draws its milestones: at their dates, the earlier ones moved
        left as far as needed to stand apart from the later ones."""
        if row.role != "deployment":
            return {}
        found = sorted((e for e in row.events if e.kind in _MILESTONES
                        and self.scale.first <= e.start <= self.scale.last),
                       key=lambda e: (e.start, _MILESTONES.index(e.kind)))
        places: dict[str, float] = {}
        right = float(WIDTH)
        for event in reversed(found):
            right = min(self.scale.x(event.start) + self.scale.per_day / 2, right - _MILESTONE_GAP)
            places[event.id] = right
        return places

    def _mark(self, row: _Row, event: PlannedEvent,
              milestone_x: float | None = None) -> tuple[int, float, _Place] | None:
        span = self.scale.clip(event.start, event.end)
        if span is None:
            return None
        x1, x2 = span
        cy = row.y + row.mark_y
        shape, size, colour = draw.KIND_STYLE.get(event.kind, draw.OTHER_STYLE)
        fill = draw.HELD if event.status is Status.HELD and shape not in ("check", "ring") else colour
        unrecorded = event.status is Status.PLANNED and event.end < self.today and shape != "bar"
        parts = []
        cx = (x1 + x2) / 2
        if milestone_x is not None:  # on the milestone line, joined to its date on the bar's line
            top = row.y + _MILESTONE_Y
            parts.append(draw.line(milestone_x, top + 9, cx, cy - 7, stroke=fill, stroke_width=1,
                                   stroke_dasharray="2 2", class_="lead"))
            cx, cy_mark = milestone_x, top
        else:
            cy_mark = cy
        if shape == "bar":
            projected = event.status is Status.PLANNED
            parts.append(draw.bar(x1, max(x2, x1 + 4), cy, fill, projected))
        else:
            if (event.end - event.start).days > 7:  # known only to the month or the year
                parts.append(_imprecise(x1, x2, cy_mark, fill))
            parts.append(draw.shape(shape, cx, cy_mark, size, fill, hollow=unrecorded))
        tooltip = draw.esc(self._tooltip(event))
        record = ' data-record="missing"' if unrecorded else ""
        self.marks.append(f'<g class="mark" data-event="{draw.esc(event.id)}" '
                          f'data-kind="{draw.esc(event.kind)}"{record}>'
                          f'<title>{tooltip}</title>' + "".join(parts) + "</g>")
        texts = self._mark_label(event)
        if not texts:
            return None

        def span_of(text: str) -> tuple[float, float]:
            width = draw.text_width(text, 11.5)
            if shape == "bar":
                left = min(x1, WIDTH - RIGHT - width)
            else:
                left = min(max(cx - width / 2, LABEL_W + 2), WIDTH - 4 - width)
            left = max(left, LABEL_W + 2)
            return left, left + width

        def place(target: _Row) -> None:
            """The longest of the texts that finds a free lane (a host dropped before a label)."""
            for text in texts:
                left, right = span_of(text)
                for lane, occupied in enumerate(target.lanes):
                    if all(left > end + 8 or right < start - 8 for start, end in occupied):
                        occupied.append((left, right))
                        self.texts.append(draw.text(left, cy + _LANES[lane], text, "ml"))
                        return

        return _PRIORITY.get(event.kind, 3), x1, place

    def _mark_label(self, event: PlannedEvent) -> tuple[str, ...]:
        """The mark's label, longest first: a meeting's with its host's place, then without."""
        lang = self.lang
        kind = event.kind
        if kind in _UNLABELLED or event.series is not None or event.start_time is not None:
            return ()
        if kind in ("exercise", "deployment"):
            return (span_text(event.start, event.end, lang),)
        day = date_text(event.start, lang)
        if kind == "approval-deadline":
            return (f"{label('mark_deadline', lang)} {day}",)
        if kind == "approval":
            return (f"{label('mark_approved', lang)} {day}",)
        if kind == "request":
            return (f"{label('mark_request', lang)} {day}",)
        if kind == "request-deadline":
            return (label("mark_request_by", lang, date=day),)
        when = self._period(event)
        if kind == "exercise-visit":
            return (f"{label('mark_visit', lang)} · {when}",)
        if kind == "executive-session" and event.number is not None:
            when = label("mark_session", lang, nth=ordinal(event.number).get(lang), when=when)
        elif event.number is not None:
            when = f"{ordinal(event.number).get(lang)} · {when}"
        if not event.venue:
            return (when,)
        return (f"{when} · {self.schedule.venue(event.venue).label.get(lang)}", when)

    def _period(self, event: PlannedEvent) -> str:
        """"Aug 2026"; just the year when only the year is known."""
        if event.start == dt.date(event.start.year, 1, 1) and event.end == dt.date(event.start.year, 12, 31):
            return str(event.start.year)
        return f"{month_abbr(event.start.month, self.lang)} {event.start.year}"

    def _tooltip(self, event: PlannedEvent) -> str:
        lang = self.lang
        lines = [event.title.get(lang), f"{label('dates', lang)}: {when_text(event, lang)}"]
        if event.location:
            lines.append(f"{label('place', lang)}: {event.location.get(lang)}")
        if event.participants:
            names = ", ".join(self.parties.get(p, p) for p in event.participants)
            lines.append(f"{label('participants', lang)}: {names}")
        lines.append(f"{label('status', lang)}: {status_label(event.status, lang)}")
        if event.phase:
            lines.append(f"{label('phase', lang)}: {event.phase.get(lang)}")
        lines.append(f"{label('why', lang)}: {event.provenance.summary.get(lang)}")
        return "\n".join(lines)

    # -- legend ----------------------------------------------------------------------------
    def _legend(self, top: float) -> float:
        lang = self.lang
        self.texts.append(draw.text(16, top, label("legend", lang), "sec"))
        items: list[tuple[str, str]] = []
        kinds = {e.kind for e in self.plan.events}
        bodies = {w.approving_body for w in self.schedule.deployments}
        for kind in sorted(kinds, key=lambda k: (_KIND_ORDER.index(k) if k in _KIND_ORDER
                                                 else len(_KIND_ORDER), k)):
            shape, size, colour = draw.KIND_STYLE.get(kind, draw.OTHER_STYLE)
            text = kind_label(kind, lang)
            if kind in ("approval-deadline", "request-deadline") and len(bodies) == 1:
                body = self.schedule.approving_body(next(iter(bodies)))
                key = "body_deadline" if kind == "approval-deadline" else "body_request"
                text = label(key, lang, body=body.name.get(lang))
            if shape == "bar":
                symbol = draw.bar(0, 22, 0, colour, False)
            else:
                symbol = draw.shape(shape, 11, 0, min(size, 8), colour)
            items.append((symbol, text))
        if any(e.status is Status.PLANNED and draw.KIND_STYLE.get(e.kind, draw.OTHER_STYLE)[0] == "bar"
               for e in self.plan.events):
            items.append((draw.bar(0, 22, 0, draw.KIND_STYLE["exercise"][2], True), label("projected", lang)))
        if any(e.status is Status.HELD for e in self.plan.events):
            items.append((draw.shape("diamond", 11, 0, 8, draw.HELD), status_label(Status.HELD, lang)))
        if any(e.status is Status.PLANNED and e.end < self.today for e in self.plan.events):
            items.append((draw.shape("diamond", 11, 0, 7, "#5b6472", hollow=True),
                          label("unrecorded", lang)))
        if any(draw.KIND_STYLE.get(e.kind, draw.OTHER_STYLE)[0] != "bar" and (e.end - e.start).days > 7
               for e in self.plan.events):
            items.append((_imprecise(0, 22, 0, draw.HELD), label("imprecise", lang)))
        for name, fill in self._phase_legend():
            items.append((draw.rect(0, -8, 22, 16, fill=fill, stroke="#aab1ba", stroke_width=0.8),
                          name))
        for body_id in sorted(bodies):
            body = self.schedule.approving_body(body_id)
            items.append((draw.rect(0, -8, 22, 16, fill="url(#tl-recess)", stroke="#8b929c",
                                    stroke_width=0.8),
                          label("body_recess", lang, body=body.name.get(lang))))
        items.append((draw.line(11, -9, 11, 9, stroke="#c62828", stroke_width=2), label("today", lang)))
        x, y = 16.0, top + 26
        for symbol, text in items:
            width = 32 + draw.text_width(text, 12) + 26
            if x + width > WIDTH - 16:
                x, y = 16.0, y + 26
            self.marks.append(f'<g transform="translate({draw.num(x)} {draw.num(y - 4)})">{symbol}</g>')
            self.texts.append(draw.text(x + 32, y, text, "lg"))
            x += width
        return y


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


def _imprecise(x1: float, x2: float, cy: float, colour: str) -> str:
    """The span a date is known to (a month, a year): a faint dashed capsule."""
    return draw.rect(x1, cy - 6, x2 - x1, 12, rx=6, fill=colour, fill_opacity=0.18, stroke=colour,
                     stroke_dasharray="3 3")
