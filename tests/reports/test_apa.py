"""`planner apa YEAR`: the Annual Plan of Activities, grouped by line of effort."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from planner import Plan, Schedule, make_plan
from planner.reports.apa import lines_of_effort

Run = Callable[..., Result]


def section(markdown: str, heading: str) -> str:
    return markdown.split(f"\n## {heading}\n")[1].split("\n## ")[0]


def test_2026_executive_session_is_under_institutional_strengthening(run: Run) -> None:
    out = run("apa", "2026").stdout
    assert out.startswith("# Annual Plan of Activities 2026\n")
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## 1. Domain awareness", "## 2. Domain control", "## 3. Institutional strengthening",
        "## 4. Other activities"]
    strengthening = section(out, "3. Institutional strengthening")
    row = next(line for line in strengthening.splitlines() if "| BMCR: Executive session (9th) |" in line)
    assert row.split(" | ")[2:] == ["Aug 4–5, 2026", "Peterson Space Force Base, Colorado Springs, "
                                    "Colorado", "USNORTHCOM, SEDENA, SEMAR", "Planned |"]
    assert "| No. | Activity | Dates | Place | Participants | Status |" in strengthening


def test_every_event_of_the_year_once_in_its_line(roundtable: Schedule) -> None:
    plan: Plan = make_plan(roundtable, today=dt.date(2026, 11, 23))
    lines = lines_of_effort(plan, 2027)
    listed = [event.id for line in lines for event in line.events]
    touching = [e.id for e in plan.events if e.start.year <= 2027 <= e.end.year]
    assert sorted(listed) == sorted(touching) and len(set(listed)) == len(listed)
    by_line = {line.id: [e.line_of_effort for e in line.events] for line in lines}
    assert all(value == "domain-control" for value in by_line["domain-control"])
    assert all(value == "" for value in by_line["other"])
    assert "roundtable.biennial.c2.exercise_visit" in [e.id for e in lines[1].events]


def test_empty_line_says_so(run: Run) -> None:
    out = run("apa", "2026").stdout
    assert "*No activities in this line of effort.*" in section(out, "1. Domain awareness")


def test_html_and_csv_from_the_suffix(run: Run, tmp_path: Path) -> None:
    run("apa", "2026", "-o", str(tmp_path / "apa.html"))
    page = (tmp_path / "apa.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h2>3. Institutional strengthening</h2>" in page
    assert "<script" not in page
    run("apa", "2026", "-o", str(tmp_path / "apa.csv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "apa.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Line of effort", "No.", "Activity", "Dates", "Place", "Participants",
                       "Status", "Event id"]
    session = next(r for r in rows if r[-1] == "roundtable.biennial.c2.executive_session")
    assert session[:2] == ["Institutional strengthening", session[1]] and session[1].startswith("3.")


def test_unknown_suffix_is_a_user_error(run: Run, tmp_path: Path) -> None:
    result = run("apa", "2026", "-o", str(tmp_path / "apa.docx"), code=2)
    assert ".csv, .htm, .html, .markdown, .md, .pdf" in result.output


def test_spanish_apa(run: Run) -> None:
    out = run("apa", "2026", "--lang", "es").stdout
    assert out.startswith("# Plan Anual de Actividades 2026\n")
    assert "## 1. Conciencia del dominio" in out and "## 2. Control del dominio" in out
    assert "## 3. Fortalecimiento institucional" in out and "## 4. Otras actividades" in out
    assert "| Núm. | Actividad | Fechas | Lugar | Participantes | Estado |" in out
    assert "Mesa Redonda: Sesión ejecutiva (n.º 9) | 4–5 ago 2026" in out


def test_markup_is_escaped(run: Run, script_schedule: Path, tmp_path: Path) -> None:
    markdown = run("apa", "2026", "-s", str(script_schedule)).stdout
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    run("apa", "2026", "-s", str(script_schedule), "-o", str(tmp_path / "x.html"))
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;" in page


def test_same_bytes_twice(run: Run) -> None:
    assert run("apa", "2027", "--lang", "en+es").stdout == run("apa", "2027", "--lang", "en+es").stdout
