"""The mistakes people make, each answered with what is wrong and what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli

Write = Callable[[str, str], Path]


def validate(runner: CliRunner, path: Path) -> str:
    result = runner.invoke(cli, ["validate", "-s", str(path), "--today", "2026-01-01"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


def told_in_spanish(runner: CliRunner, command: list[str], spanish: str, english: str) -> list[str]:
    """Runs `command` under --lang es and under a Spanish locale: both refuse (status 2) in
    Spanish, without the English text, which --lang en still gives. Returns the two stderrs."""
    said = []
    for result in (runner.invoke(cli, [*command, "--lang", "es"]),
                   runner.invoke(cli, command, env={"LANG": "es_MX.UTF-8"})):
        assert result.exit_code == 2, result.output
        assert spanish in result.stderr
        assert english not in result.stderr
        said.append(result.stderr)
    in_english = runner.invoke(cli, [*command, "--lang", "en"], env={"LANG": "es_MX.UTF-8"})
    assert in_english.exit_code == 2
    assert english in in_english.stderr
    return said


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("from = 2026-01-01", "from = 2026-02-30", ":5: TOML syntax error: Invalid date or datetime in "
     "`from = 2026-02-30`; February 2026 has 28 days"),
    ("from = 2026-01-01", "from = 2028-02-30", "; February 2028 has 29 days"),
    ("from = 2026-01-01", "from = 2026-13-01", "; there is no month 13: write dates as YYYY-MM-DD"),
    ("from = 2026-01-01", "from = 08/04/2025", "; write dates as YYYY-MM-DD without quotes"),
    ('name = "Test plan"', "name = “Test plan”", ":3: TOML syntax error: Invalid value in "
     "`name = “Test plan”`; replace the curly quotes"),
])
def test_a_syntax_error_says_what_to_write(runner: CliRunner, write_schedule: Write,
                                           minimal_text: str, old: str, new: str,
                                           expected: str) -> None:
    path = write_schedule(minimal_text.replace(old, new, 1), "mine.toml")
    stderr = validate(runner, path)
    assert (f"{path}{expected}" if expected.startswith(":") else expected) in stderr


def test_an_unclosed_bracket_is_reported_where_it_opens(
        runner: CliRunner, write_schedule: Write, minimal_text: str) -> None:
    text = minimal_text.replace('weekdays = ["tue", "wed", "thu"]', 'weekdays = ["tue", "wed"', 1)
    path = write_schedule(text, "mine.toml")
    line = text.split("\n").index('weekdays = ["tue", "wed"') + 1
    assert (f'{path}:{line}: `weekdays = ["tue", "wed"` opens a bracket that is never closed; '
            "close it with ]") in validate(runner, path)


def test_an_unclosed_bracket_at_the_end_of_the_file_is_not_reported_past_it(
        runner: CliRunner, write_schedule: Write, minimal_text: str) -> None:
    text = minimal_text.rstrip("\n").removesuffix("}]") + "}\n"
    path = write_schedule(text, "mine.toml")
    last = len(text.rstrip("\n").split("\n"))
    assert f"{path}:{last}: `phases = [" in validate(runner, path)


@pytest.mark.parametrize(("content", "what"), [
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "this is a calendar file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "this is a spreadsheet or document (.xlsx, .docx, .zip)"),
    (b"%PDF-1.7\n", "this is a PDF"),
])
def test_a_file_that_is_not_a_schedule_is_named_for_what_it_is(
        runner: CliRunner, tmp_path: Path, content: bytes, what: str) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    assert validate(runner, path).splitlines()[0] == (
        f"{path}: {what}, not a schedule; give the .toml schedule (planner init writes one "
        "to start from)")


def test_a_misspelt_table_header_has_its_line_and_the_right_name(
        runner: CliRunner, write_schedule: Write, minimal_text: str) -> None:
    text = minimal_text.replace("[forums.talks]", "[forum.talks]", 1)
    path = write_schedule(text, "mine.toml")
    line = text.split("\n").index("[forum.talks]") + 1
    # Only the typo: "forums.talks.name: missing" (with no line) would send the reader looking
    # for a name that is right there, under the misspelt header.
    assert validate(runner, path).splitlines() == [
        f"{path}:{line}: forum: unknown key; did you mean 'forums'?",
        f"planner: 1 problem in {path}; nothing was written"]


def test_a_key_missing_from_the_misspelt_table_too_is_still_reported(
        runner: CliRunner, write_schedule: Write, minimal_text: str) -> None:
    text = minimal_text.replace("[forums.talks]", "[forum.talks]", 1).replace(
        'name = "Staff talks"\n', "", 1)
    problems = validate(runner, write_schedule(text, "mine.toml"))
    assert "forums.talks.name: missing; add `name = ...` here" in problems
    assert "forums.talks.parties: missing" not in problems
    assert "forum: unknown key; did you mean 'forums'?" in problems


def test_a_bad_set_value_is_blamed_on_the_command_line_not_the_file(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["compare", "--set", "forums.roundtable.regimes[1].cycle_months=x",
                                 "--today", "2026-11-23"])
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("--set: forums.roundtable.regimes[1].cycle_months: ")
    assert first.endswith("fix --set forums.roundtable.regimes[1].cycle_months=...")
    assert "roundtable.toml" not in first


def test_a_misspelt_leader_is_reported_once_where_it_is_written(
        runner: CliRunner, tmp_path: Path) -> None:
    from planner.schedule.packaged import default_schedule

    text = default_schedule().read_text(encoding="utf-8")
    wrong = text.replace('leaders = ["northcom_deputy", "sedena', 'leaders = ["northcom_deputyy", "sedena', 1)
    path = tmp_path / "mine.toml"
    path.write_text(wrong, encoding="utf-8")
    line = wrong.split("\n").index(next(row for row in wrong.split("\n")
                                        if "northcom_deputyy" in row)) + 1
    problems = validate(runner, path).splitlines()
    assert problems == [
        f"{path}:{line}: forums.roundtable.leaders: unknown leader 'northcom_deputyy'; did you "
        "mean 'northcom_deputy'?",
        f"planner: 1 problem in {path}; nothing was written"]


@pytest.mark.parametrize(("text", "spanish", "english"), [
    ('name = "x"\nstart = 2026-02-30\n', "febrero de 2026 tiene 28 días", "February 2026 has 28 days"),
    ('name = “x”\n', "cambie las comillas tipográficas (“ ” ‘ ’) por comillas rectas",
     "replace the curly quotes"),
    ('start = 2026-13-01\n', "no existe el mes 13: escriba las fechas como AAAA-MM-DD",
     "there is no month 13: write dates as YYYY-MM-DD"),
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "esto es un archivo de calendario (.ics), no un "
     "calendario de planner (.toml)", "this is a calendar file, not a schedule"),
    ('w = ["tue", "wed"\nname = "x"\n', '`w = ["tue", "wed"` abre un corchete que nunca se '
     "cierra; ciérrelo con ] (o con } si es una tabla en línea)",
     '`w = ["tue", "wed"` opens a bracket that is never closed'),
])
def test_common_mistakes_are_told_in_spanish_from_lang_or_the_locale(
        runner: CliRunner, tmp_path: Path, text: str, spanish: str, english: str) -> None:
    path = tmp_path / "mistake.toml"
    path.write_text(text, encoding="utf-8")
    told_in_spanish(runner, ["validate", "-s", str(path)], spanish, english)


SERIES = """
[forums.talks.series.calls]
title = "Call"
rrule = "{rule}"
start = 2026-02-03
venue = "mexico_city"
"""


@pytest.mark.parametrize(("change", "spanish", "english"), [
    (("", SERIES.format(rule="FREQ=WEEKLY;COUNT=3")),
     "rrule: no debe llevar COUNT ni UNTIL; use `end = <fecha>` en su lugar",
     "rrule: must not hold COUNT or UNTIL; set `end = <date>` instead"),
    (("", SERIES.format(rule="FREQ=MONTHLY;BYDAY=6TU")),
     "rrule: BYDAY=6TU: ningún periodo tiene 6 veces un mismo día de la semana; use de 1 a 5, o "
     "de -1 a -5 contando desde el final",
     "rrule: BYDAY=6TU: no period has 6 of a weekday; use 1 to 5, or -1 to -5 from the end"),
    (("", SERIES.format(rule="FREQ=WEEKLY;BYHOUR=9")),
     "rrule: BYHOUR no se admite: una serie tiene un evento por día",
     "rrule: BYHOUR is not supported: a series has one event a day"),
    (("", SERIES.format(rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")),
     "BYMONTH=2 no tiene el día BYMONTHDAY=30; elija un día que tengan estos meses",
     "BYMONTH=2 has no day BYMONTHDAY=30; pick a day that these months have"),
    (("[forums.talks.activities.meeting]", '[forums.talks.activities."staff talks"]'),
     "forums.talks.activities.staff talks: el id 'staff talks' solo puede tener letras, dígitos, "
     "'_' o '-'; cámbiele el nombre, p. ej. executive_session",
     "forums.talks.activities.staff talks: id 'staff talks' must be letters, digits, '_' or '-'; "
     "rename it, e.g. executive_session"),
    (('timezone = "America/Denver"', 'timezone = "America/Denvr"'),
     "timezone: zona horaria desconocida 'America/Denvr'; use un nombre IANA como "
     "America/Mexico_City",
     "timezone: unknown time zone 'America/Denvr'; use an IANA name such as America/Mexico_City"),
])
def test_loader_messages_are_told_in_spanish_from_lang_or_the_locale(
        runner: CliRunner, write_schedule: Write, minimal_text: str,
        change: tuple[str, str], spanish: str, english: str) -> None:
    old, new = change
    text = minimal_text.replace(old, new, 1) if old else minimal_text + new
    path = write_schedule(text, "mine.toml")
    for said in told_in_spanish(runner, ["validate", "-s", str(path)], spanish, english):
        assert "no se escribió nada" in said
    assert english in validate(runner, path)


@pytest.mark.parametrize(("setting", "spanish", "english"), [
    ("forums.nope[3].x=1", "--set: forums.nope[3].x: esa clave no existe en el calendario; "
     "verifique que la ruta exista en el archivo",
     "--set: forums.nope[3].x: no such key in the schedule; check the path against the file"),
    ("forums", "--set: forums: 'forums' no tiene la forma clave.ruta=valor; p. ej. --set "
     "forums.roundtable.regimes[1].cycle_months=12",
     "--set: forums: 'forums' is not key.path=value; e.g. --set "
     "forums.roundtable.regimes[1].cycle_months=12"),
    ("forums.roundtable.regimes[1].cycle_months=x", "; corrija --set "
     "forums.roundtable.regimes[1].cycle_months=...",
     "; fix --set forums.roundtable.regimes[1].cycle_months=..."),
])
def test_set_mistakes_are_told_in_spanish_from_lang_or_the_locale(
        runner: CliRunner, setting: str, spanish: str, english: str) -> None:
    command = ["compare", "--set", setting, "--today", "2026-11-23"]
    told_in_spanish(runner, command, spanish, english)


@pytest.mark.parametrize(("text", "spanish", "english"), [
    ('name = "x"\nstart = 2026-02-30\n', "error de sintaxis TOML: fecha o fecha y hora no válida "
     "en `start = 2026-02-30`", "TOML syntax error: Invalid date or datetime in `start = "
     "2026-02-30`"),
    ("a = 1\na = 2\n", ":2: error de sintaxis TOML: no se puede sobrescribir un valor en `a = 2`; "
     "corrija la sintaxis TOML de esa línea", ":2: TOML syntax error: Cannot overwrite a value in "
     "`a = 2`; fix the TOML syntax on that line"),
    ('[plan]\nname "x"\n', "se esperaba '=' después de la clave en un par clave/valor en "
     '`name "x"`', "Expected '=' after a key in a key/value pair in `name \"x\"`"),
    ('name = "x\n', "error de sintaxis TOML: carácter no permitido '\\n' en `name = \"x`",
     "TOML syntax error: Illegal character '\\n' in `name = \"x`"),
])
def test_the_toml_readers_own_words_are_told_in_spanish(
        runner: CliRunner, tmp_path: Path, text: str, spanish: str, english: str) -> None:
    path = tmp_path / "mistake.toml"
    path.write_text(text, encoding="utf-8")
    told_in_spanish(runner, ["validate", "-s", str(path)], spanish, english)
    assert english in validate(runner, path)
