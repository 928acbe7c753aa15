"""SVG drawing primitives for the timeline: escaping, text fitting, shapes and the style sheet.

Every string that reaches SVG or HTML goes through `esc`. Text widths are estimated (no font
is measured at run time) on the wide side, so a label that is drawn fits.
"""

from __future__ import annotations

import html
import re

FONT = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, sans-serif"
HELD = "#9aa0a8"
PHASE_FILLS = (("#dbe7f6", "#1f4e9c"), ("#fbe8c6", "#8a5200"), ("#e2f0da", "#2e6b2e"),
                ("#eee2f3", "#6b3f8a"))
# kind -> (shape, size, colour)
KIND_STYLE: dict[str, tuple[str, float, str]] = {
    "executive-session": ("diamond", 10, "#1f4e9c"),
    "exercise-visit": ("triangle", 10, "#c4561b"),
    "vtc": ("screen", 5, "#23867a"),  # a call, not a meeting: unlike the staff talks' dot
    "working-group": ("circle", 7, "#6d3a96"),
    "workshop": ("square", 6.5, "#2e7d32"),
    "exercise": ("bar", 0, "#4f7a28"),
    "deployment": ("bar", 0, "#8a5a2b"),
    "staff-talks": ("circle", 5.5, "#1b7a9c"),
    "task": ("tick", 6, "#5b6472"),
    "approval-deadline": ("flag", 0, "#c62828"),
    "request-deadline": ("flag", 0, "#e08600"),
    "approval": ("check", 0, "#2e7d32"),
    "request": ("ring", 5, "#4b5563"),
}
OTHER_STYLE = ("circle", 6, "#607d8b")


def esc(text: str) -> str:
    """Text safe in HTML and XML, in content and in quoted attributes; control characters dropped."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text), quote=True)


def num(value: float) -> str:
    """Coordinates with at most one decimal, so output bytes do not depend on float noise."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A conservative estimate of rendered width (DejaVu Sans is wide), for fitting labels."""
    narrow = sum(1 for c in text if c in " .,:;'’|!ilIjt()[]-·")
    wide = sum(1 for c in text if c.isupper() or c in "mwMW—–")
    normal = len(text) - narrow - wide
    width = (normal * 0.6 + narrow * 0.34 + wide * 0.76) * size
    return width * (1.08 if bold else 1.0)


def wrap(text: str, size: float, width: float, lines: int, bold: bool = False) -> list[str]:
    """Words in at most `lines` lines of `width`; the last line ends in "…" when cut."""
    result: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if text_width(trial, size, bold) <= width or not current:
            current = trial
            continue
        result.append(current)
        current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = result[:lines]
        last = result[-1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        result[-1] = last + "…"
    return result


def text(x: float, y: float, content: str, cls: str, *, anchor: str = "start",
         fill: str | None = None) -> str:
    attrs = f' text-anchor="{anchor}"' if anchor != "start" else ""
    attrs += f' fill="{fill}"' if fill else ""
    return f'<text x="{num(x)}" y="{num(y)}" class="{cls}"{attrs}>{esc(content)}</text>'


def _attrs(attrs: dict[str, str | float]) -> str:
    """Keyword attributes as SVG ones: fill_opacity -> fill-opacity, class_ -> class."""
    return "".join(f' {key.rstrip("_").replace("_", "-")}='
                   f'"{num(value) if isinstance(value, float | int) else value}"'
                   for key, value in attrs.items())


def rect(x: float, y: float, width: float, height: float, **attrs: str | float) -> str:
    """`<rect>`; keyword attributes with "_" for "-" (fill_opacity="0.2")."""
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}"'
            f'{_attrs(attrs)}/>')


def line(x1: float, y1: float, x2: float, y2: float, **attrs: str | float) -> str:
    return f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"{_attrs(attrs)}/>'


def bar(x1: float, x2: float, cy: float, fill: str, projected: bool) -> str:
    if projected:
        return (f'<rect x="{num(x1)}" y="{num(cy - 7)}" width="{num(x2 - x1)}" height="14" rx="3" '
                f'fill="#ffffff" stroke="{fill}" stroke-width="1.6" stroke-dasharray="4 3"/>')
    return (f'<rect x="{num(x1)}" y="{num(cy - 7)}" width="{num(x2 - x1)}" height="14" rx="3" '
            f'fill="{fill}"/>')


def shape(kind: str, cx: float, cy: float, r: float, fill: str, hollow: bool = False) -> str:
    """A mark centred on (cx, cy): diamond, triangle, square, screen, flag, check, tick, ring or
    circle; `hollow` draws the outline only (an event that is over with no record)."""
    edge, ink = 'stroke="#ffffff" stroke-width="1.2"', fill
    if hollow:
        edge, fill = f'stroke="{ink}" stroke-width="2"', "#ffffff"
    if kind == "diamond":
        return (f'<path d="M{num(cx)} {num(cy - r)}L{num(cx + r)} {num(cy)}L{num(cx)} {num(cy + r)}'
                f'L{num(cx - r)} {num(cy)}Z" fill="{fill}" {edge}/>')
    if kind == "triangle":
        return (f'<path d="M{num(cx)} {num(cy - r)}L{num(cx + r)} {num(cy + r * 0.75)}'
                f'L{num(cx - r)} {num(cy + r * 0.75)}Z" fill="{fill}" {edge}/>')
    if kind == "square":
        return (f'<rect x="{num(cx - r)}" y="{num(cy - r)}" width="{num(2 * r)}" height="{num(2 * r)}" '
                f'fill="{fill}" {edge}/>')
    if kind == "screen":  # a monitor on its stand
        return (f'<rect x="{num(cx - r * 1.2)}" y="{num(cy - r)}" width="{num(2.4 * r)}" '
                f'height="{num(1.6 * r)}" rx="1.5" fill="{fill}" {edge}/>'
                f'<path d="M{num(cx - r * 0.6)} {num(cy + r)}h{num(1.2 * r)}" stroke="{ink}" '
                f'stroke-width="1.6"/>')
    if kind == "flag":
        return (f'<line x1="{num(cx)}" y1="{num(cy - 15)}" x2="{num(cx)}" y2="{num(cy + 9)}" '
                f'stroke="{fill}" stroke-width="2"/><path d="M{num(cx)} {num(cy - 15)}l11 5l-11 5Z" '
                f'fill="{fill}"/>')
    if kind == "check":
        return (f'<circle cx="{num(cx)}" cy="{num(cy)}" r="7.5" fill="#ffffff" stroke="{fill}" '
                f'stroke-width="1.6"/><path d="M{num(cx - 4)} {num(cy)}l3 3.5l5.5 -7" fill="none" '
                f'stroke="{fill}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>')
    if kind == "tick":
        return (f'<line x1="{num(cx)}" y1="{num(cy - r)}" x2="{num(cx)}" y2="{num(cy + r)}" '
                f'stroke="{fill}" stroke-width="2.5" stroke-linecap="round"/>')
    if kind == "ring":
        return (f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" fill="#ffffff" stroke="{fill}" '
                f'stroke-width="2"/>')
    return f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" fill="{fill}" {edge}/>'


STYLE_SHEET = f"""<style>
text {{ font-family: {FONT}; fill: #1d2330; }}
.h1 {{ font-size: 24px; font-weight: 700; }}
.h2 {{ font-size: 15px; fill: #3c4454; }}
.cap {{ font-size: 14px; fill: #1d2330; }}
.year {{ font-size: 15px; font-weight: 700; }}
.qtr {{ font-size: 11px; fill: #5f6775; }}
.sec {{ font-size: 13px; font-weight: 700; fill: #3c4454; }}
.rt {{ font-size: 13px; font-weight: 700; }}
.rn {{ font-size: 11px; fill: #4b5261; }}
.ml {{ font-size: 11.5px; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }}
.ph {{ font-size: 12.5px; font-weight: 700; }}
.rc {{ font-size: 10.5px; font-style: italic; fill: #4b5261; }}
.lg {{ font-size: 12px; }}
.today {{ font-size: 11.5px; font-weight: 700; fill: #c62828; }}
.mark:hover > * {{ stroke: #111111; stroke-width: 2px; }}
</style>"""

DEFS = """<defs>
<pattern id="tl-recess" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="6" height="6" fill="#eceef1"/>
<line x1="0" y1="0" x2="0" y2="6" stroke="#9aa0a8" stroke-width="2"/>
</pattern>
</defs>"""
