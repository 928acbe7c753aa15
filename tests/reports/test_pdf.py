"""PDF reports (what staff send): the timeline and the APA printed by headless Chromium, and
output formats that follow the file name or are refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import require_binary

Run = Callable[..., Result]


def title(pdf: bytes) -> str:
    """The document title from the PDF's Info dictionary (literal or UTF-16 hex string)."""
    found = re.search(rb"/Title (?:\(([^)]*)\)|<FEFF([0-9A-Fa-f]+)>)", pdf)
    assert found, "no /Title"
    if found.group(1) is not None:
        return found.group(1).decode("latin-1")
    return bytes.fromhex(found.group(2).decode()).decode("utf-16-be")


def test_timeline_pdf_is_a_landscape_document_with_the_plans_name(run: Run, tmp_path: Path) -> None:
    require_binary("chromium", "chromium")
    out = tmp_path / "plan.pdf"
    result = run("timeline", "-o", str(out))
    assert result.stderr.splitlines()[-1].endswith(f", pdf) to {out}")
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:]
    assert "US–Mexico Bilateral Military Cooperation Roundtable" in title(pdf)
    width, height = (float(n) for n in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]",
                                                  pdf).groups())
    assert width > height  # printed landscape, as the page asks
    again = tmp_path / "again.pdf"
    run("timeline", "-o", str(again))
    assert again.read_bytes() == pdf  # SOURCE_DATE_EPOCH: the same bytes every run
    run("timeline", "-o", str(out))  # planner's own PDF is replaced without --force


def test_apa_pdf(run: Run, tmp_path: Path) -> None:
    require_binary("chromium", "chromium")
    out = tmp_path / "apa-2026.pdf"
    run("apa", "2026", "-o", str(out))
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-") and title(pdf) == "Annual Plan of Activities 2026"


@pytest.mark.parametrize("args", [
    ["timeline", "-o", "{dir}/plan.docx"],
    ["timeline", "-o", "{dir}/plan"],
    ["timeline", "-o", "{dir}/plan.svg", "--format", "png"],
    ["apa", "2026", "-o", "{dir}/apa.xlsx"],
])
def test_a_file_name_and_format_that_do_not_agree_are_refused(run: Run, tmp_path: Path,
                                                              args: list[str]) -> None:
    result = run(*[arg.format(dir=tmp_path) for arg in args], code=2)
    assert "Error: Invalid value for '-o': " in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_a_browser_says_what_to_install(run: Run, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("PLANNER_CHROMIUM", raising=False)
    result = run("timeline", "-o", str(tmp_path / "t.pdf"), code=2)
    assert "a PDF is printed by Chromium, and no Chromium or Chrome was found" in result.output
    assert not (tmp_path / "t.pdf").exists()
