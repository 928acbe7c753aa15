"""An HTML report printed to PDF by headless Chromium (the browser the PNG timeline uses).

Chromium stamps the PDF with the time it printed; those dates are replaced by the run's
stamp (SOURCE_DATE_EPOCH when set), so the same report gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from pathlib import Path

from planner.errors import PlannerError, Problem, Where
from planner.export.timeline_page import CHROMIUM_FLAGS, ScreenshotError

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
        raise PlannerError(Problem(
            Where("-o *.pdf"), "a PDF is printed by Chromium, and no Chromium or Chrome was found",
            "install the Debian package 'chromium' (or set PLANNER_CHROMIUM to a Chrome binary), "
            "or write .html"))
    with tempfile.TemporaryDirectory(prefix="planner-pdf-") as folder:
        work = Path(folder)
        source, target = work / "report.html", work / "report.pdf"
        source.write_bytes(html)
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}",
                   "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                  env={"HOME": str(work), "LANG": "C.UTF-8"})
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ScreenshotError(f"{browser} could not print the report: {error}") from None
        if not target.is_file() or target.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise ScreenshotError(f"{browser} wrote no PDF (exit status {done.returncode}): "
                                  + " | ".join(detail))
        printed = target.read_bytes()
    when = stamp.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S").encode()
    # Same length as what it replaces, so the file's byte offsets stay right.
    return _DATES.sub(lambda match: b"/" + match.group(1) + b" (D:" + when, printed) + MARKER
