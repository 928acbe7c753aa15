"""`planner generate` end to end: where it writes, what it says, and what it filters."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from planner import __version__
from planner.cli import cli

TODAY = ["--today", "2026-11-23"]


def event_dates(data: bytes) -> list[str]:
    return [str(e.decoded("DTSTART"))[:10] for e in Calendar.from_ical(data).walk("VEVENT")]


def test_generate_without_a_schedule_writes_roundtable_ics_here_and_says_where(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["generate", *TODAY])
    assert result.exit_code == 0, result.output
    written = tmp_path / "roundtable.ics"
    assert written.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert result.stdout == ""
    wrote = next(line for line in result.stderr.splitlines() if line.startswith("wrote "))
    entries = len({str(event["UID"])  # a series and its moved occurrence are one entry
                   for event in Calendar.from_ical(written.read_bytes()).walk("VEVENT")})
    listed = len(runner.invoke(cli, ["list", *TODAY]).stdout.splitlines()) - 1  # the header
    assert wrote == (f"wrote {entries} calendar entries for {listed} events to "
                     f"{written.resolve()} (a repeating series is one entry)")
    assert "Outlook" in result.stderr.splitlines()[-1]  # then how to import it


def test_generate_replaces_an_existing_file_with_force(runner: CliRunner) -> None:
    with runner.isolated_filesystem():
        Path("roundtable.ics").write_bytes(b"old")
        assert runner.invoke(cli, ["generate", *TODAY]).exit_code == 2
        assert Path("roundtable.ics").read_bytes() == b"old"
        result = runner.invoke(cli, ["generate", "--force", *TODAY])
        assert result.exit_code == 0
        assert Path("roundtable.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
        assert sorted(os.listdir(".")) == ["roundtable.ics"]  # no temp file left


def test_dash_writes_the_calendar_to_stdout_and_nothing_to_disk(runner: CliRunner) -> None:
    with runner.isolated_filesystem():
        result = runner.invoke(cli, ["generate", "-o", "-", *TODAY])
        assert result.exit_code == 0
        assert os.listdir(".") == []
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert result.stdout_bytes.endswith(b"END:VCALENDAR\r\n")
    assert "to standard output" in result.stderr


def test_generate_with_a_schedule_file_and_output_path(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path],
        tmp_path: Path) -> None:
    schedule = write_schedule(minimal_text)
    out = tmp_path / "talks.ics"
    result = runner.invoke(cli, ["generate", "-s", str(schedule), "-o", str(out), *TODAY])
    assert result.exit_code == 0, result.output
    assert event_dates(out.read_bytes()) == ["2026-05-05", "2027-05-04"]
    assert "wrote 2 events" in result.stderr


def test_from_and_to_keep_only_events_touching_the_range(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--from", "2028-01-01", "--to", "2029-12-31",
                                 *TODAY])
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.stdout_bytes)
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        start, end = str(event.decoded("DTSTART"))[:10], str(event.decoded("DTEND"))[:10]
        assert start <= "2029-12-31" and end > "2028-01-01"
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "BMCR: Executive session (10th)" in summaries  # numbered as in the whole plan
    assert "BMCR: Executive session (9th)" not in summaries
    entries = len({str(e["UID"]) for e in events})  # a moved occurrence is in its series
    assert f"wrote {entries} calendar entries for " in result.stderr


def test_a_range_ending_before_the_cycle_ends_still_generates(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--from", "2026-01-01", "--to", "2026-12-31",
                                 *TODAY])
    assert result.exit_code == 0, result.stderr
    assert b"SUMMARY:BMCR: Executive session (9th)" in result.stdout_bytes


def test_to_before_from_is_a_usage_error(runner: CliRunner) -> None:
    with runner.isolated_filesystem():
        result = runner.invoke(cli, ["generate", "--from", "2027-01-01", "--to", "2026-01-01"])
        assert result.exit_code == 2
        assert "--to 2026-01-01 is before --from 2027-01-01" in result.stderr
        assert os.listdir(".") == []


def test_a_date_that_is_not_a_date_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--from", "2026-02-30"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_warnings_go_to_stderr_and_the_run_still_succeeds(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", *TODAY])
    assert result.exit_code == 0
    assert "warning: " in result.stderr
    assert "warning" not in result.stdout


def test_missing_schedule_file_exits_2_without_writing(runner: CliRunner) -> None:
    with runner.isolated_filesystem():
        result = runner.invoke(cli, ["generate", "-s", "nope.toml"])
        assert result.exit_code == 2
        assert "nope.toml: cannot read the schedule" in result.stderr
        assert os.listdir(".") == []


@pytest.mark.parametrize("command", sorted(cli.commands), ids=sorted(cli.commands))
def test_every_command_has_help_with_examples(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


@pytest.mark.parametrize("command", sorted(cli.commands), ids=sorted(cli.commands))
def test_every_command_has_version(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"planner, version {__version__}"


def test_top_level_help_and_version(runner: CliRunner) -> None:
    help_text = runner.invoke(cli, ["--help"]).output
    assert "Examples:" in help_text
    for command in ("generate", "validate", "list", "explain"):
        assert command in help_text
    assert runner.invoke(cli, ["--version"]).output.strip() == f"planner, version {__version__}"


def test_python_dash_m_planner_works(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "planner", "--version"], capture_output=True,
                            text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"planner, version {__version__}"


def test_generate_in_spanish_says_what_it_wrote_and_how_to_import_in_spanish(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    english = runner.invoke(cli, ["generate", *TODAY, "--lang", "en", "-o", "en.ics"])
    for spanish in (runner.invoke(cli, ["generate", *TODAY, "--lang", "es", "-o", "es.ics"]),
                    runner.invoke(cli, ["generate", *TODAY, "-o", "es.ics"],
                                  env={"LANG": "es_MX.UTF-8"})):
        assert spanish.exit_code == 0, spanish.output
        entries, events = _counts(english.stderr)
        assert (f"escrito en {(tmp_path / 'es.ics').resolve()}: {entries} entradas de calendario "
                f"para {events} eventos (una serie que se repite es una sola entrada)"
                in spanish.stderr.splitlines())
        hint = spanish.stderr.splitlines()[-1]
        assert hint.startswith("para importar: Outlook 'Agregar calendario > Cargar desde archivo'")
        assert "wrote" not in spanish.stderr and "to import" not in spanish.stderr


def _counts(stderr: str) -> tuple[int, int]:
    """The entries and events of the English "wrote N calendar entries for M events" line."""
    line = next(line for line in stderr.splitlines() if line.startswith("wrote "))
    words = line.split()
    return int(words[1]), int(words[5])


def test_split_and_reports_say_what_they_wrote_in_spanish(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    split = runner.invoke(cli, ["generate", *TODAY, "--lang", "es", "--split", "party",
                                "-o", "calendars"])
    assert split.exit_code == 0, split.output
    calendars = len(list((tmp_path / "calendars").glob("*.ics")))
    assert f"escrito en {(tmp_path / 'calendars').resolve()}: {calendars} calendarios (" \
        in split.stderr
    exported = runner.invoke(cli, ["export", *TODAY, "--format", "csv", "-o", "plan.csv"],
                             env={"LANG": "es_MX.UTF-8"})
    assert exported.exit_code == 0, exported.output
    rows = len((tmp_path / "plan.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert exported.stderr.splitlines()[-1] == \
        f"escrito en {(tmp_path / 'plan.csv').resolve()}: {rows} eventos (csv)"
    timeline = runner.invoke(cli, ["timeline", *TODAY, "--lang", "es", "-o", "plan.svg"])
    assert timeline.exit_code == 0, timeline.output
    assert timeline.stderr.splitlines()[-1].startswith(
        f"escrito en {(tmp_path / 'plan.svg').resolve()}: la línea de tiempo de ")
    english = runner.invoke(cli, ["export", *TODAY, "--format", "csv", "-o", "-", "--lang", "en"])
    assert english.stderr.splitlines()[-1] == f"wrote {rows} events (csv) to standard output"


def test_generate_refusals_in_spanish(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "a.ics").write_text("mine\n")
    (tmp_path / "file").write_text("x")
    cases = {
        ("-o", "folder"): "folder es una carpeta: indique un archivo con -o, o use --split",
        ("--split", "party"): "--split escribe un archivo por audiencia: indique una carpeta "
                              "con -o CARPETA",
        ("--party", "OUSDP", "--kind", "exercise", "-o", "x.ics"):
            "ningún evento coincide con los filtros; revise --party, --forum y --kind; no se "
            "escribió nada",
        ("-o", "a.ics"): "a.ics: ya existe y no lo escribió planner; no se sobrescribe; elija "
                         "otro archivo, o use --force para reemplazarlo",
        ("--split", "party", "-o", "file"): "es un archivo, no una carpeta; --split escribe un "
                                            "calendario por audiencia: indique una carpeta con -o",
    }
    for args, spanish in cases.items():
        result = runner.invoke(cli, ["generate", *TODAY, "--lang", "es", *args])
        assert result.exit_code == 2, (args, result.output)
        assert spanish in result.stderr, (args, result.stderr)
    assert (tmp_path / "a.ics").read_text() == "mine\n" and not (tmp_path / "x.ics").exists()
