"""The timeline opened in a real headless Chromium: it loads clean, offline, and draws something.

Needs the Debian packages `chromium` and `chromium-driver` (CI installs them; outside CI the
tests skip with a message when Chromium is missing) and Playwright's Python package, which
drives /usr/bin/chromium directly: no browser is downloaded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import IN_CI, require_binary

from planner import Schedule
from reports import pngdecode

Run = Callable[..., Result]
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_binary("chromium", "chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extras install it
        if IN_CI:
            pytest.fail("the Python package playwright is missing (pip install -e '.[test]')")
        pytest.skip("the Python package playwright is missing: pip install playwright")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield chromium
        chromium.close()


class Visit:
    """A page opened on a file, with every console message, page error and request recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1600, height: int = 1000) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url, wait_until="load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def timeline(run: Run, tmp_path: Path) -> Path:
    target = tmp_path / "plan.html"
    run("timeline", "-o", str(target))
    return target


def test_page_loads_without_errors_or_network(browser: Any, timeline: Path) -> None:
    visit = Visit(browser, timeline)
    try:
        assert visit.errors == []
        assert visit.requests == [visit.url], "the page fetched something besides itself"
        assert visit.page.title().startswith("US–Mexico Bilateral Military Cooperation Roundtable")
    finally:
        visit.close()


def test_svg_has_one_visible_row_per_forum(browser: Any, timeline: Path,
                                           roundtable: Schedule) -> None:
    visit = Visit(browser, timeline)
    try:
        rows = visit.page.locator('svg.timeline [data-row="forum"]')
        assert rows.count() == len(roundtable.forums)
        assert [rows.nth(i).get_attribute("data-id") for i in range(rows.count())] == \
            [forum.id for forum in roundtable.forums]
        boxes = [rows.nth(i).bounding_box() for i in range(rows.count())]
        assert all(box is not None and box["height"] > 30 and box["width"] > 1000 for box in boxes)
        tops = [box["y"] for box in boxes if box is not None]
        assert tops == sorted(tops), "rows are drawn top to bottom in schedule order"
        mark = visit.page.locator('[data-event="roundtable.biennial.c2.executive_session"] > title')
        assert "Why this date:" in mark.text_content()
    finally:
        visit.close()


def test_screenshot_is_not_blank(browser: Any, timeline: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    shots = []
    for path in (blank, timeline):
        visit = Visit(browser, path)
        try:
            shots.append(visit.page.screenshot(type="png"))
        finally:
            visit.close()
    empty, drawn = (pngdecode.distinct_colours(shot) for shot in shots)
    assert empty == 1
    assert drawn > 50, f"only {drawn} colours: the chart did not draw"


def test_chart_prints_on_one_landscape_page_of_a4_and_letter(browser: Any, timeline: Path) -> None:
    visit = Visit(browser, timeline)
    try:
        visit.page.add_style_tag(content=".events { display: none; }")  # the chart alone
        for paper, size in (("A4", (842, 596)), ("Letter", (792, 612))):
            pdf = visit.page.pdf(format=paper, prefer_css_page_size=True, print_background=True)
            boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
            assert len(boxes) == 1, f"{paper}: the chart takes {len(boxes)} pages"
            width, height = (float(value) for value in boxes[0])
            assert abs(width - size[0]) < 2 and abs(height - size[1]) < 2, f"{paper}: landscape"
    finally:
        visit.close()


def test_png_format_is_drawn_by_chromium(run: Run, tmp_path: Path) -> None:
    require_binary("chromium", "chromium")
    target = tmp_path / "plan.png"
    run("timeline", "-o", str(target))
    data = target.read_bytes()
    width, height = pngdecode.size(data)
    assert width == 1600 and 700 < height < 1400
    assert pngdecode.distinct_colours(data, limit=500) > 50


# The drawn boxes of a deployment's marks (the dashed lead from a moved milestone to its date
# left out), by event id, in CSS pixels of the standalone SVG.
_MARK_BOXES = """() => {
  const boxes = {};
  for (const mark of document.querySelectorAll('g.mark[data-event^="deployment."]')) {
    let box = null;
    for (const part of mark.children) {
      if (part.tagName === 'title' || part.classList.contains('lead')) continue;
      const r = part.getBoundingClientRect();
      box = box ? {left: Math.min(box.left, r.left), right: Math.max(box.right, r.right),
                   top: Math.min(box.top, r.top), bottom: Math.max(box.bottom, r.bottom)}
                : {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    }
    boxes[mark.dataset.event] = Object.assign(box, {kind: mark.dataset.kind});
  }
  return boxes;
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] \
        and b["top"] < a["bottom"]


def test_a_deployments_request_approval_deadline_and_window_do_not_cover_each_other(
        browser: Any, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.svg"
    run("timeline", "-o", str(target))
    visit = Visit(browser, target)
    try:
        boxes = visit.page.evaluate(_MARK_BOXES)
    finally:
        visit.close()
    window = "deployment.fuerzas_amigas_2025."  # Dec 6–14, 2025: approved Dec 2, deadline Dec 4
    own = {event: box for event, box in boxes.items()
           if event.startswith(window) and box["kind"] != "deployment"}
    assert {box["kind"] for box in own.values()} == {"approval", "approval-deadline",
                                                     "request-deadline"}
    bar = boxes[window + "phase1"]
    assert bar["right"] - bar["left"] >= 4, "the 9-day window is visible"
    for event, box in own.items():
        assert not _overlap(box, bar), f"{event} covers the window"
        for other, other_box in own.items():
            assert other == event or not _overlap(box, other_box), f"{event} covers {other}"


def test_recesses_are_not_shaded_through_deployment_rows(browser: Any, run: Run,
                                                         tmp_path: Path) -> None:
    target = tmp_path / "plan.svg"
    run("timeline", "-o", str(target))
    visit = Visit(browser, target)
    try:
        row = visit.page.locator('[data-row="deployment"]').first.bounding_box()
        # May 10 to Jun 20, 2028: inside the Senate's May–Aug recess, between quarter lines,
        # and with no deployment event; 2024-01-01..2029-12-31 spans x 300..1572.
        per_day = (1572 - 300) / 2192
        left = 300 + (dt.date(2028, 5, 10) - dt.date(2024, 1, 1)).days * per_day
        right = 300 + (dt.date(2028, 6, 20) - dt.date(2024, 1, 1)).days * per_day
        assert row is not None
        shot = visit.page.screenshot(type="png", clip={"x": left, "y": row["y"] + 4,
                                                       "width": right - left,
                                                       "height": row["height"] - 8})
    finally:
        visit.close()
    assert all(set(row) == {255} for row in pngdecode.pixels(shot)), "a recess is shaded in the row"
