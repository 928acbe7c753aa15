"""The timeline's HTML page around the chart, and its PNG drawn by a headless Chromium.

PNG: planner draws no pixels itself. A PNG library plus a font rasteriser would be a heavy
dependency for one picture, so `png` asks a Chromium or Chrome already on the machine
(`find_browser`: the path in $PLANNER_CHROMIUM, else `chromium`, `chromium-browser` or
`google-chrome` on $PATH; the CLI passes its environment) to screenshot the SVG in headless
mode, with a fresh profile, an empty environment and no network features. When there is
none it raises a PlannerError that says to install the Debian package `chromium` or to use
HTML or SVG. The pixels are Chromium's: the same input gives the same picture, though the
bytes may differ between Chromium versions.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Mapping
from pathlib import Path

from planner.errors import PlannerError, Problem, Where
from planner.labels import label, status_label, when_text
from planner.plan import Plan
from planner.reports.svgdraw import FONT, esc
from planner.reports.timeline import Chart
from planner.schedule.model import Schedule

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1", "--mute-audio",
                  "--default-background-color=ffffffff")


class ScreenshotError(RuntimeError):
    """Chromium was found but did not produce the picture (not the user's mistake)."""


def page(plan: Plan, schedule: Schedule, svg: str, *, today: dt.date, lang: str) -> bytes:
    """A complete HTML document: chart, reading hint and the table of events; no script."""
    title = f"{plan.name.get(lang)} — {label('timeline', lang)}"
    html_lang = "es" if lang == "es" else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="planner">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f'<h1 class="visually-hidden">{esc(title)}</h1>',
        "<figure>",
        svg,
        f"<figcaption>{esc(label('hover_hint', lang))}</figcaption>",
        "</figure>",
        _table(plan, schedule, lang),
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


def _table(plan: Plan, schedule: Schedule, lang: str) -> str:
    parties = {p.id: p.name.get(lang) for p in schedule.parties}
    heads = ("dates", "activity", "place", "participants", "status", "why")
    rows = [
        '<section class="events" aria-labelledby="events-heading">',
        f'<h2 id="events-heading">{esc(label("events", lang))}</h2>',
        "<table>",
        "<thead><tr>" + "".join(f'<th scope="col">{esc(label(h, lang))}</th>' for h in heads)
        + "</tr></thead>",
        "<tbody>",
    ]
    for event in plan.events:
        names = ", ".join(parties.get(p, p) for p in event.participants)
        cells = (when_text(event, lang), event.title.get(lang), event.location.get(lang), names,
                 status_label(event.status, lang), event.provenance.summary.get(lang))
        rows.append(f'<tr id="event-{esc(event.id)}"><td class="when">{esc(cells[0])}</td>'
                    + "".join(f"<td>{esc(cell)}</td>" for cell in cells[1:]) + "</tr>")
    rows += ["</tbody>", "</table>", "</section>"]
    return "\n".join(rows)


def find_browser(environ: Mapping[str, str]) -> str | None:
    """A Chromium or Chrome executable: $PLANNER_CHROMIUM, else the first on $PATH."""
    search = environ.get("PATH", os.defpath)
    configured = environ.get("PLANNER_CHROMIUM", "").strip()
    if configured:
        return shutil.which(configured, path=search) or (configured if Path(configured).is_file()
                                                         else None)
    for name in BROWSERS:
        path = shutil.which(name, path=search)
        if path:
            return path
    return None


def png(chart: Chart, *, browser: str | None, timeout: float = 90) -> bytes:
    """The chart as PNG pixels, drawn by headless Chromium at the chart's size.

    Args:
        chart: the drawn timeline.
        browser: the Chromium or Chrome executable (see `find_browser`); None when there is none.
        timeout: seconds to wait for the browser.

    Raises:
        PlannerError: no browser was given: say what to install.
        ScreenshotError: the browser ran but wrote no picture.
    """
    if browser is None:
        raise missing_browser("--format png", "a PNG is drawn", "--format html or svg")
    page = ('<?xml version="1.0" encoding="UTF-8"?>\n' + chart.svg).encode("utf-8")
    picture = run_chromium(browser, page, "timeline.svg", "timeline.png",
                           [f"--window-size={chart.width},{chart.height}", "--screenshot={target}"],
                           timeout=timeout, what="picture")
    return _signed(picture)


def missing_browser(where: str, made: str, instead: str) -> PlannerError:
    """The user's error when an output needs Chromium and none is installed."""
    return PlannerError(Problem(
        Where(where), f"{made} by Chromium, and no Chromium or Chrome was found",
        "install the Debian package 'chromium' (or set PLANNER_CHROMIUM to a Chrome binary), "
        f"or write {instead}"))


def run_chromium(browser: str, page: bytes, page_name: str, output_name: str,
                 flags: list[str], *, timeout: float, what: str) -> bytes:
    """The bytes headless Chromium writes for `page` (a file named `page_name`), in a
    throw-away profile and home; "{target}" in `flags` is replaced by the output's path.

    Raises:
        ScreenshotError: the browser could not run, or wrote nothing.
    """
    with tempfile.TemporaryDirectory(prefix="planner-chromium-") as folder:
        work = Path(folder)
        source, target = work / page_name, work / output_name
        source.write_bytes(page)
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}",
                   *(flag.replace("{target}", str(target)) for flag in flags), source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                  env={"HOME": str(work), "LANG": "C.UTF-8"})
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ScreenshotError(f"{browser} could not write the {what}: {error}") from None
        if not target.is_file() or target.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise ScreenshotError(f"{browser} wrote no {what} (exit status {done.returncode}): "
                                  + " | ".join(detail))
        return target.read_bytes()


def _signed(picture: bytes) -> bytes:
    """The PNG with a tEXt chunk "Software: planner" after its header, so that planner
    knows the file as its own when asked to write over it (planner.files)."""
    text = b"Software\x00planner"
    chunk = (len(text).to_bytes(4, "big") + b"tEXt" + text
             + zlib.crc32(b"tEXt" + text).to_bytes(4, "big"))
    header_end = 8 + 4 + 4 + 13 + 4  # signature, then the IHDR chunk
    return picture[:header_end] + chunk + picture[header_end:]


_CSS = f"""
:root {{ color-scheme: light; }}
body {{ margin: 0; background: #ffffff; color: #1d2330; font-family: {FONT}; }}
main {{ padding: 16px 20px 32px; }}
figure {{ margin: 0; overflow-x: auto; }}
svg.timeline {{ display: block; width: 100%; min-width: 1100px; max-width: 1600px; height: auto; }}
figcaption {{ font-size: 13px; color: #4b5261; margin: 6px 0 24px; }}
h2 {{ font-size: 18px; margin: 0 0 8px; }}
table {{ border-collapse: collapse; width: 100%; max-width: 1600px; font-size: 13px; }}
th, td {{ text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #dde1e6; }}
th {{ background: #eef0f3; }}
td.when {{ white-space: nowrap; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
@page {{ size: landscape; margin: 10mm; }}
@media print {{
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  main {{ padding: 0; }}
  figcaption {{ display: none; }}
  figure {{ overflow: visible; }}
  svg.timeline {{ min-width: 0; max-width: none; break-inside: avoid; }}
  .events {{ break-before: page; }}
  tr {{ break-inside: avoid; }}
  .mark:hover > * {{ stroke: none; }}
}}
"""
