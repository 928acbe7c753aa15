"""A timeline's events: one mark each (a shape, or a bar for a window) with a tooltip, and a
short label set in the first free lane below the row's marks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from planner.i18n import ordinal
from planner.labels import date_text, label, month_abbr, span_text, status_label, when_text
from planner.plan import PlannedEvent, Status
from planner.reports import svgdraw as draw
from planner.reports.timeline_canvas import LABEL_W, RIGHT, WIDTH, Canvas
from planner.reports.timeline_rows import LANES, Row

_PRIORITY = {"executive-session": 0, "exercise-visit": 0, "approval-deadline": 1, "exercise": 2,
             "deployment": 2, "request-deadline": 3, "approval": 4, "request": 5}
_UNLABELLED = {"vtc", "task", "staff-talks"}  # small or frequent marks: tooltip only
# A deployment's request, approval and deadline: drawn on their own line above the window's bar,
# side by side when their dates are too close to tell apart, so none hides another or the window.
_MILESTONES = ("request-deadline", "request", "approval", "approval-deadline")
_MILESTONE_Y = 19.0  # centre of the milestones, from the row's top
_MILESTONE_GAP = 21.0  # centre to centre: a flag flies 11 to the right of its pole

Place = Callable[[Row], None]  # puts a mark's label in the first free lane of its row


def draw_marks(canvas: Canvas, row: Row) -> None:
    """The row's marks, then their labels, the most important first so they get a lane."""
    labels = []
    milestones = _milestone_xs(canvas, row)
    for event in row.events:
        candidate = _mark(canvas, row, event, milestones.get(event.id))
        if candidate is not None:
            labels.append(candidate)
    for _, _, place in sorted(labels, key=lambda c: (c[0], c[1])):
        place(row)


def _milestone_xs(canvas: Canvas, row: Row) -> dict[str, float]:
    """Where a deployment row draws its milestones: at their dates, the earlier ones moved
    left as far as needed to stand apart from the later ones."""
    if row.role != "deployment":
        return {}
    scale = canvas.scale
    found = sorted((e for e in row.events if e.kind in _MILESTONES
                    and scale.first <= e.start <= scale.last),
                   key=lambda e: (e.start, _MILESTONES.index(e.kind)))
    places: dict[str, float] = {}
    right = float(WIDTH)
    for event in reversed(found):
        right = min(scale.x(event.start) + scale.per_day / 2, right - _MILESTONE_GAP)
        places[event.id] = right
    return places


def _mark(canvas: Canvas, row: Row, event: PlannedEvent,
          milestone_x: float | None = None) -> tuple[int, float, Place] | None:
    """Draw the event's mark; give back its label's priority, x and placer, if it has one."""
    span = canvas.scale.clip(event.start, event.end)
    if span is None:
        return None
    x1, x2 = span
    cy = row.y + row.mark_y
    shape, size, colour = draw.KIND_STYLE.get(event.kind, draw.OTHER_STYLE)
    fill = draw.HELD if event.status is Status.HELD and shape not in ("check", "ring") else colour
    unrecorded = event.status is Status.PLANNED and event.end < canvas.today and shape != "bar"
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
            parts.append(imprecise(x1, x2, cy_mark, fill))
        parts.append(draw.shape(shape, cx, cy_mark, size, fill, hollow=unrecorded))
    tooltip = draw.esc(_tooltip(event, canvas.lang, canvas.parties))
    record = ' data-record="missing"' if unrecorded else ""
    canvas.marks.append(f'<g class="mark" data-event="{draw.esc(event.id)}" '
                        f'data-kind="{draw.esc(event.kind)}"{record}>'
                        f'<title>{tooltip}</title>' + "".join(parts) + "</g>")
    texts = _mark_label(canvas, event)
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

    def place(target: Row) -> None:
        """The longest of the texts that finds a free lane (a host dropped before a label)."""
        for text in texts:
            left, right = span_of(text)
            for lane, occupied in enumerate(target.lanes):
                if all(left > end + 8 or right < start - 8 for start, end in occupied):
                    occupied.append((left, right))
                    canvas.texts.append(draw.text(left, cy + LANES[lane], text, "ml"))
                    return

    return _PRIORITY.get(event.kind, 3), x1, place


def _mark_label(canvas: Canvas, event: PlannedEvent) -> tuple[str, ...]:
    """The mark's label, longest first: a meeting's with its host's place, then without."""
    lang = canvas.lang
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
    when = _period(event, lang)
    if kind == "exercise-visit":
        return (f"{label('mark_visit', lang)} · {when}",)
    if kind == "executive-session" and event.number is not None:
        when = label("mark_session", lang, nth=ordinal(event.number).get(lang), when=when)
    elif event.number is not None:
        when = f"{ordinal(event.number).get(lang)} · {when}"
    if not event.venue:
        return (when,)
    return (f"{when} · {canvas.schedule.venue(event.venue).label.get(lang)}", when)


def _period(event: PlannedEvent, lang: str) -> str:
    """"Aug 2026"; just the year when only the year is known."""
    if event.start == dt.date(event.start.year, 1, 1) and event.end == dt.date(event.start.year, 12, 31):
        return str(event.start.year)
    return f"{month_abbr(event.start.month, lang)} {event.start.year}"


def _tooltip(event: PlannedEvent, lang: str, parties: dict[str, str]) -> str:
    lines = [event.title.get(lang), f"{label('dates', lang)}: {when_text(event, lang)}"]
    if event.location:
        lines.append(f"{label('place', lang)}: {event.location.get(lang)}")
    if event.participants:
        names = ", ".join(parties.get(p, p) for p in event.participants)
        lines.append(f"{label('participants', lang)}: {names}")
    lines.append(f"{label('status', lang)}: {status_label(event.status, lang)}")
    if event.phase:
        lines.append(f"{label('phase', lang)}: {event.phase.get(lang)}")
    lines.append(f"{label('why', lang)}: {event.provenance.summary.get(lang)}")
    return "\n".join(lines)


def imprecise(x1: float, x2: float, cy: float, colour: str) -> str:
    """The span a date is known to (a month, a year): a faint dashed capsule."""
    return draw.rect(x1, cy - 6, x2 - x1, 12, rx=6, fill=colour, fill_opacity=0.18, stroke=colour,
                     stroke_dasharray="3 3")
