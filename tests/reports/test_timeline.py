"""The HTML/SVG timeline as files: self-contained, one row per forum, escaped, deterministic."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from planner import Schedule, Status, make_plan
from planner.reports.timeline import default_window

Run = Callable[..., Result]
SVG = "{http://www.w3.org/2000/svg}"


def write(run: Run, tmp_path: Path, name: str, *args: str) -> str:
    target = tmp_path / name
    run("timeline", "-o", str(target), *args)
    return target.read_text(encoding="utf-8")


def tooltip(page: str, event_id: str) -> str:
    match = re.search(rf'data-event="{re.escape(event_id)}"[^>]*><title>(.*?)</title>', page, re.S)
    assert match, f"no mark for {event_id}"
    return html.unescape(match.group(1))


def test_html_is_one_page_that_needs_nothing_from_the_network(run: Run, tmp_path: Path) -> None:
    page = write(run, tmp_path, "plan.html")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "<script" not in page.lower()
    assert not re.search(r"\b(src|href)=", page), "nothing is loaded from anywhere"
    assert "@import" not in page and "url(http" not in page and "@font-face" not in page
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}, urls  # the SVG namespace is a name, not a fetch
    assert "default-src 'none'" in page  # and the browser is told to fetch nothing


def test_html_prints_landscape_and_speaks_to_screen_readers(run: Run, tmp_path: Path) -> None:
    page = write(run, tmp_path, "plan.html")
    assert re.search(r"@page\s*\{\s*size:\s*landscape", page)
    assert "@media print" in page
    assert 'role="img"' in page and 'aria-labelledby="tl-title tl-desc"' in page
    assert '<title id="tl-title">' in page and '<desc id="tl-desc">' in page
    assert "<table>" in page and '<th scope="col">Why this date</th>' in page


def test_one_row_per_forum_exercise_and_deployment_window(run: Run, tmp_path: Path,
                                                          roundtable: Schedule) -> None:
    page = write(run, tmp_path, "plan.html")
    rows = re.findall(r'data-row="(\w+)" data-id="([^"]+)"', page)
    assert [i for r, i in rows if r == "forum"] == [f.id for f in roundtable.forums]
    assert [i for r, i in rows if r == "exercise"] == [e.id for e in roundtable.exercises]
    assert [i for r, i in rows if r == "deployment"] == [d.id for d in roundtable.deployments]
    assert [i for r, i in rows if r == "recess"] == ["senado"]


def test_default_view_is_the_cycles_around_today_and_full_shows_everything(
        run: Run, tmp_path: Path, roundtable: Schedule) -> None:
    assert default_window(roundtable, dt.date(2026, 11, 23)) == (dt.date(2024, 1, 1),
                                                                 dt.date(2029, 12, 31))
    focus = write(run, tmp_path, "focus.html")
    assert "Timeline 2024–2029" in focus and ">2023<" not in focus
    full = write(run, tmp_path, "full.html", "--full")
    assert "Timeline 2016–2029" in full and ">2016<" in full
    assert full.count('data-row="forum"') == focus.count('data-row="forum"')  # rows all kept


def test_phases_are_shaded_and_named_with_their_cycle(run: Run, tmp_path: Path) -> None:
    page = write(run, tmp_path, "plan.html")
    for label in ("Cycle 1 · Executive year", "Cycle 2 · Executive year", "Cycle 3 · Executive year",
                  ">Visit year<"):
        assert label in page
    assert "24-month cycle — Executive year (months 1–12), Visit year (months 13–24)" in page
    assert "24-month cycle since Jan 2024" in page


def test_marks_tell_date_place_participants_and_why(run: Run, tmp_path: Path) -> None:
    page = write(run, tmp_path, "plan.html")
    text = tooltip(page, "roundtable.biennial.c2.executive_session")
    assert text.startswith("BMCR: Executive session (9th)")
    assert "Dates: Aug 4–5, 2026" in text
    assert "Place: Peterson Space Force Base, Colorado Springs, Colorado" in text
    assert "Secretariat of National Defense (SEDENA)" in text
    assert "Why this date: First allowed day in a preferred month (August)" in text
    visit = tooltip(page, "roundtable.biennial.c2.exercise_visit")
    assert "Fénix / Aztec Alligator" in visit  # the engine's reason names the exercise visited


def test_deadlines_recesses_and_today_are_drawn(run: Run, tmp_path: Path) -> None:
    page = write(run, tmp_path, "plan.html")
    deadline = tooltip(page, "deployment.camp_shelby_2026.approval-deadline")
    assert "Dates: Dec 11, 2025" in deadline and "Mexican Senate" in deadline
    assert "Mexican Senate approval deadline" in page  # its legend entry
    assert page.count('fill="url(#tl-recess)"') > 12  # two recesses a year, and the legend
    assert "Today, Nov 23, 2026" in page
    later = tmp_path / "later.html"
    run("timeline", "-o", str(later), "--today", "2035-01-01", today=False)
    assert "Today," not in later.read_text(encoding="utf-8")  # today outside the view: no line


def test_svg_is_a_wellformed_standalone_file(run: Run, tmp_path: Path, roundtable: Schedule) -> None:
    svg = write(run, tmp_path, "plan.svg")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- generator: planner -->\n<svg ')
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    forums = [g for g in root.iter(f"{SVG}g") if g.get("data-row") == "forum"]
    assert len(forums) == len(roundtable.forums)
    marks = [g for g in root.iter(f"{SVG}g") if g.get("data-event")]
    assert all(g.find(f"{SVG}title") is not None for g in marks)


def test_format_follows_the_suffix_and_the_option(run: Run, tmp_path: Path) -> None:
    assert write(run, tmp_path, "a.svg").startswith("<?xml")
    assert write(run, tmp_path, "b.svg", "--format", "svg").startswith("<?xml")  # agreeing
    assert write(run, tmp_path, "c.htm").startswith("<!DOCTYPE html>")


def test_markup_in_schedule_texts_comes_out_inert(run: Run, tmp_path: Path,
                                                  script_schedule: Path) -> None:
    for name in ("x.html", "x.svg"):
        out = write(run, tmp_path, name, "-s", str(script_schedule))
        assert "<script" not in out.lower() and "</text><" not in out
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; talks" in out
        assert "&lt;b&gt;Plan&lt;/b&gt; &amp; &quot;co&quot;" in out
    ET.fromstring((tmp_path / "x.svg").read_bytes())  # still well-formed XML


def test_same_input_same_bytes(run: Run, tmp_path: Path) -> None:
    for name in ("one", "two"):
        run("timeline", "-o", str(tmp_path / f"{name}.html"), "--lang", "en+es")
        run("timeline", "-o", str(tmp_path / f"{name}.svg"))
    assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()
    assert (tmp_path / "one.svg").read_bytes() == (tmp_path / "two.svg").read_bytes()


def test_spanish_timeline(run: Run, tmp_path: Path) -> None:
    page = write(run, tmp_path, "es.html", "--lang", "es")
    assert '<html lang="es">' in page and 'lang="es"' in page.split("<svg", 1)[1][:400]
    for words in ("Cronograma 2024–2029", "Ciclo 2 · Año ejecutivo", ">Año de visita<",
                  "Sesión ejecutiva", "Visita a ejercicio combinado", "Ventana de despliegue",
                  "Fecha límite de aprobación del Senado de la República", "Simbología",
                  "Hoy, 23 nov 2026", "Sesión n.º 9 · ago 2026", "Senado de la República en receso",
                  "Mesa Redonda de Cooperación Militar Bilateral"):
        assert words in page, words
    text = tooltip(page, "roundtable.biennial.c2.executive_session")
    assert "Fechas: 4–5 ago 2026" in text and "Por qué esta fecha: Primer día permitido" in text


def test_png_without_a_browser_says_what_to_install(run: Run, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("PLANNER_CHROMIUM", raising=False)
    result = run("timeline", "--format", "png", "-o", str(tmp_path / "t.png"), code=2)
    assert "no Chromium or Chrome was found" in result.output
    assert "install the Debian package 'chromium'" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "t.png").exists()


def test_help_has_an_example_and_version(run: Run) -> None:
    for command in ("timeline", "agenda", "apa", "export"):
        assert "Example" in run(command, "--help", today=False).output
        assert "planner, version" in run(command, "--version", today=False).output


# -- what a reader sees (looked at as a PNG; see also test_timeline_in_chromium.py) ---------------
def marks(svg: str) -> dict[str, str]:
    """Each mark's markup after its tooltip, by event id."""
    return {m.group(1): m.group(2) for m in re.finditer(
        r'<g class="mark" data-event="([^"]+)"[^>]*>\s*<title>.*?</title>(.*?)</g>', svg, re.S)}


def test_past_events_with_no_record_are_hollow(run: Run, tmp_path: Path, roundtable: Schedule) -> None:
    run("timeline", "-o", str(tmp_path / "t.svg"))
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    missing = set(re.findall(r'data-event="([^"]+)" data-kind="[^"]+" data-record="missing"', svg))
    plan = make_plan(roundtable, today=dt.date(2026, 11, 23), horizon=(dt.date(2024, 1, 1),
                                                                        dt.date(2029, 12, 31)))
    over = {e.id for e in plan.events if e.status is Status.PLANNED and e.end < dt.date(2026, 11, 23)
            and e.kind not in ("exercise", "deployment")}
    assert "scsw.yearly.c2.workshop" in over and "roundtable.biennial.c2.executive_session" in over
    assert missing == over
    drawn = marks(svg)
    assert 'fill="#ffffff" stroke="#2e7d32"' in drawn["scsw.yearly.c2.workshop"]
    assert 'fill="#2e7d32"' in drawn["scsw.yearly.c3.workshop"]  # Feb 2027: still ahead
    assert "Over, with no record of being held" in svg


def test_video_calls_and_staff_talks_have_different_marks(run: Run, tmp_path: Path) -> None:
    run("timeline", "-o", str(tmp_path / "t.svg"))
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    kinds = dict(re.findall(r'data-event="([^"]+)" data-kind="([^"]+)"', svg))
    drawn = marks(svg)
    call = next(drawn[e] for e, kind in kinds.items() if kind == "vtc")
    talks = next(drawn[e] for e, kind in kinds.items() if kind == "staff-talks")
    assert call.split()[0] != talks.split()[0]  # <rect (a screen) against <circle


def test_session_labels_name_the_host(run: Run, tmp_path: Path) -> None:
    run("timeline", "-o", str(tmp_path / "t.svg"))
    english = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert ">9th session · Aug 2026 · Colorado Springs</text>" in english
    assert ">8th session · Aug 2024 · Mexico City</text>" in english
    assert ">15th · Oct 2026 · The Pentagon</text>" in english
    run("timeline", "--lang", "es", "-o", str(tmp_path / "es.svg"))
    spanish = (tmp_path / "es.svg").read_text(encoding="utf-8")
    assert ">Sesión n.º 8 · ago 2024 · Ciudad de México</text>" in spanish


@pytest.mark.parametrize(("lang", "cycle"), [("en", "Cycle"), ("es", "Ciclo")])
def test_cycle_labels_stay_in_the_full_view_and_in_spanish(run: Run, tmp_path: Path, lang: str,
                                                           cycle: str) -> None:
    for view in (["--full"], ["--from", "2024-01-01", "--to", "2035-12-31"], []):
        target = tmp_path / f"t{len(view)}.svg"
        run("timeline", "--lang", lang, *view, "-o", str(target))
        phases = re.findall(r'class="ph"[^>]*>([^<]*)</text>', target.read_text(encoding="utf-8"))
        for number in (1, 2, 3):
            assert any(text.startswith(f"{cycle} {number}") for text in phases), (view, phases)
