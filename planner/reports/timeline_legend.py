"""A timeline's legend: a symbol and its meaning for each kind, status and shading drawn."""

from __future__ import annotations

from planner.labels import kind_label, label, status_label
from planner.plan import Status
from planner.reports import svgdraw as draw
from planner.reports.timeline_canvas import WIDTH, Canvas
from planner.reports.timeline_marks import imprecise
from planner.reports.timeline_shading import phase_legend

_KIND_ORDER = tuple(draw.KIND_STYLE)


def legend(canvas: Canvas, top: float) -> float:
    """Draw the legend from `top`, wrapping its items; the baseline of its last line."""
    canvas.texts.append(draw.text(16, top, label("legend", canvas.lang), "sec"))
    x, y = 16.0, top + 26
    for symbol, text in _items(canvas):
        width = 32 + draw.text_width(text, 12) + 26
        if x + width > WIDTH - 16:
            x, y = 16.0, y + 26
        canvas.marks.append(f'<g transform="translate({draw.num(x)} {draw.num(y - 4)})">{symbol}</g>')
        canvas.texts.append(draw.text(x + 32, y, text, "lg"))
        x += width
    return y


def _items(canvas: Canvas) -> list[tuple[str, str]]:
    """(symbol, meaning) for what the chart shows, in the order the legend lists them."""
    lang, schedule, events = canvas.lang, canvas.schedule, canvas.plan.events
    items: list[tuple[str, str]] = []
    kinds = {e.kind for e in events}
    bodies = {w.approving_body for w in schedule.deployments}
    for kind in sorted(kinds, key=lambda k: (_KIND_ORDER.index(k) if k in _KIND_ORDER
                                             else len(_KIND_ORDER), k)):
        shape, size, colour = draw.KIND_STYLE.get(kind, draw.OTHER_STYLE)
        text = kind_label(kind, lang)
        if kind in ("approval-deadline", "request-deadline") and len(bodies) == 1:
            body = schedule.approving_body(next(iter(bodies)))
            key = "body_deadline" if kind == "approval-deadline" else "body_request"
            text = label(key, lang, body=body.name.get(lang))
        if shape == "bar":
            symbol = draw.bar(0, 22, 0, colour, False)
        else:
            symbol = draw.shape(shape, 11, 0, min(size, 8), colour)
        items.append((symbol, text))
    if any(e.status is Status.PLANNED and draw.KIND_STYLE.get(e.kind, draw.OTHER_STYLE)[0] == "bar"
           for e in events):
        items.append((draw.bar(0, 22, 0, draw.KIND_STYLE["exercise"][2], True), label("projected", lang)))
    if any(e.status is Status.HELD for e in events):
        items.append((draw.shape("diamond", 11, 0, 8, draw.HELD), status_label(Status.HELD, lang)))
    if any(e.status is Status.PLANNED and e.end < canvas.today for e in events):
        items.append((draw.shape("diamond", 11, 0, 7, "#5b6472", hollow=True),
                      label("unrecorded", lang)))
    if any(draw.KIND_STYLE.get(e.kind, draw.OTHER_STYLE)[0] != "bar" and (e.end - e.start).days > 7
           for e in events):
        items.append((imprecise(0, 22, 0, draw.HELD), label("imprecise", lang)))
    for name, fill in phase_legend(schedule, lang):
        items.append((draw.rect(0, -8, 22, 16, fill=fill, stroke="#aab1ba", stroke_width=0.8),
                      name))
    for body_id in sorted(bodies):
        body = schedule.approving_body(body_id)
        items.append((draw.rect(0, -8, 22, 16, fill="url(#tl-recess)", stroke="#8b929c",
                                stroke_width=0.8),
                      label("body_recess", lang, body=body.name.get(lang))))
    items.append((draw.line(11, -9, 11, 9, stroke="#c62828", stroke_width=2), label("today", lang)))
    return items
