"""An HTML report printed to PDF by headless Chromium (the browser the PNG timeline uses).

Chromium stamps the PDF with the time it printed; those dates are replaced by the run's
stamp (SOURCE_DATE_EPOCH when set), so the same report gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re

from planner.reports.timeline_page import missing_browser, run_chromium

# Appended after %%EOF, where readers ignore it: planner.files knows the file as planner's.
MARKER = b"\n% generator: planner\n"
_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def to_pdf(html: bytes, *, browser: str | None, stamp: dt.datetime, timeout: float = 90) -> bytes:
    """The page printed on paper-sized pages, as PDF bytes.

    Raises:
        PlannerError: no browser was given: say what to install.
        ScreenshotError: the browser ran but wrote no PDF.
    """
    if browser is None:
        raise missing_browser("-o *.pdf", "a PDF is printed", ".html")
    printed = run_chromium(browser, html, "report.html", "report.pdf",
                           ["--no-pdf-header-footer", "--print-to-pdf={target}"],
                           timeout=timeout, what="PDF")
    when = stamp.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S").encode()
    # Same length as what it replaces, so the file's byte offsets stay right.
    return _DATES.sub(lambda match: b"/" + match.group(1) + b" (D:" + when, printed) + MARKER
