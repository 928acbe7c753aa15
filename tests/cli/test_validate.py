"""`planner validate`: ok for good files, every problem and exit 2 for bad ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli
from planner.schedule.packaged import default_schedule


def test_built_in_schedule_is_valid(runner: CliRunner) -> None:
    path = default_schedule()
    result = runner.invoke(cli, ["validate", "-s", str(path), "--today", "2016-01-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{path}: ok, ")
    assert "events from 2016-01-01 to 2029-12-31" in result.stdout


def test_minimal_schedule_is_valid_with_its_event_count(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    path = write_schedule(minimal_text)
    result = runner.invoke(cli, ["validate", "-s", str(path), "--today", "2026-01-01"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{path}: ok, 2 events from 2026-01-01 to 2027-12-31"
    assert result.stderr == ""


def test_validate_prints_warnings_but_succeeds(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    path = write_schedule(minimal_text)
    result = runner.invoke(cli, ["validate", "-s", str(path), "--today", "2026-11-23"])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {path}:")
    assert "talks.yearly.c1.meeting (2026-05-05)" in result.stderr


def test_every_problem_in_the_file_is_printed_in_one_run(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    text = (minimal_text.replace('timezone = "America/Denver"', 'timezone = "America/Denvr"')
            .replace("cycle_months = 12", "cycle_months = 12\nstrat = 2026-01-01")
            .replace('country = "MX"', 'country = "XX"', 1))
    path = write_schedule(text)
    result = runner.invoke(cli, ["validate", "-s", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert "unknown time zone 'America/Denvr'" in result.stderr
    assert "strat: unknown key; did you mean 'start'?" in result.stderr
    assert "unknown country 'XX'" in result.stderr
    assert lines[-1] == f"planner: 3 problems in {path}; nothing was written"
    assert result.stdout == ""


def test_validate_without_a_schedule_checks_the_built_in_one_and_names_it(
        runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built-in schedule roundtable.toml: ok, ")
    assert "site-packages" not in result.stderr and "/schedules/" not in result.stderr
    assert "warning: built-in schedule roundtable.toml:" in result.stderr


def test_problems_in_spanish_from_the_locale_or_lang(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    text = minimal_text.replace('title = "Staff talks"', 'titel = "Staff talks"')
    text = text.replace('weekdays = ["tue", "wed", "thu"]', 'weekdays = ["tue", "wed", "thx"]')
    path = write_schedule(text)
    spanish = runner.invoke(cli, ["validate", "-s", str(path)], env={"LANG": "es_MX.UTF-8"})
    assert spanish.exit_code == 2
    lines = spanish.stderr.splitlines()
    assert any(line.endswith(".titel: clave desconocida; ¿quiso decir 'title'?") for line in lines)
    assert any(line.endswith(".title: falta; agregue `title = ...` aquí") for line in lines)
    assert any(".weekdays: día de la semana desconocido 'thx'; use lun, mar" in line for line in lines)
    assert lines[-1] == f"planner: 3 problemas en {path}; no se escribió nada"
    english = runner.invoke(cli, ["validate", "-s", str(path), "--lang", "en"],
                            env={"LANG": "es_MX.UTF-8"})
    assert english.stderr.splitlines()[-1] == f"planner: 3 problems in {path}; nothing was written"


def test_ok_and_warnings_in_spanish_with_plurals(
        runner: CliRunner, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    path = write_schedule(minimal_text)
    result = runner.invoke(cli, ["validate", "-s", str(path), "--today", "2026-11-23", "--lang", "es"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{path}: correcto, 2 eventos del 2026-01-01 al 2027-12-31"
    assert ("forums.talks.held: 1 evento programado ya pasó sin registro: talks.yearly.c1.meeting "
            "(2026-05-05); registre las fechas reales como entradas [[held]]") in result.stderr
    assert result.stderr.startswith("advertencia: ")
    check = runner.invoke(cli, ["check", "-s", str(path), "--today", "2026-11-23", "--lang", "es"])
    assert check.stdout.startswith("advertencia: ")
    assert check.stderr.strip() == "0 infracciones, 1 advertencia"
    english = runner.invoke(cli, ["check", "-s", str(path), "--today", "2026-11-23"])
    assert english.stderr.strip() == "0 violations, 1 warning"
    assert "1 planned event is over with no record" in english.stdout
