"""The CLI's own messages (not the library's) read in Spanish under --lang es, and stay as they
were in English: a bad SOURCE_DATE_EPOCH, an unknown event or leader, reversed dates, a
schedule given the old way, and what `init` wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli

TODAY = ["--today", "2026-11-23"]


def both(runner: CliRunner, command: list[str], **options: object) -> tuple[str, str]:
    """What the command says on standard error in English, then in Spanish."""
    english = runner.invoke(cli, [*command, "--lang", "en"], **options)  # type: ignore[arg-type]
    spanish = runner.invoke(cli, [*command, "--lang", "es"], **options)  # type: ignore[arg-type]
    assert english.exit_code == spanish.exit_code == 2, (english.output, spanish.output)
    return english.stderr, spanish.stderr


def test_a_bad_source_date_epoch(runner: CliRunner, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    english, spanish = both(runner, ["generate", *TODAY], env={"SOURCE_DATE_EPOCH": "soon"})
    assert english.splitlines()[0] == (
        "SOURCE_DATE_EPOCH: not a Unix time: 'soon'; set it to whole seconds since 1970, "
        "or unset it")
    assert spanish.splitlines()[0] == (
        "SOURCE_DATE_EPOCH: no es una hora Unix: 'soon'; póngale segundos enteros desde 1970, "
        "o quítela")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_event_id(runner: CliRunner) -> None:
    english, spanish = both(runner, ["explain", "roundtable.biennial.c2.executive_sesion", *TODAY])
    close = ("roundtable.biennial.c2.executive_session, roundtable.biennial.c3.executive_session, "
             "roundtable.biennial.c1.executive_session")
    assert english.splitlines()[0] == (
        "built-in schedule roundtable.toml: no event with id "
        f"'roundtable.biennial.c2.executive_sesion'; did you mean {close}?")
    assert spanish.splitlines()[0] == (
        "calendario integrado roundtable.toml: no hay ningún evento con id "
        f"'roundtable.biennial.c2.executive_sesion'; ¿quiso decir {close}?")
    english, spanish = both(runner, ["explain", "zzz", *TODAY])
    assert english.splitlines()[0].endswith("see `planner list` for ids")
    assert spanish.splitlines()[0].endswith(
        ": no hay ningún evento con id 'zzz'; vea los ids con `planner list`")


def test_an_unknown_leader(runner: CliRunner) -> None:
    english, spanish = both(runner, ["agenda", "--leader", "sedena", *TODAY])
    assert "--leader: no leader 'sedena'; known: northcom_deputy, sedena_chief_of_staff" \
        in english
    assert "--leader: no hay ningún líder 'sedena'; conocidos: northcom_deputy, " \
        "sedena_chief_of_staff" in spanish


def test_reversed_dates(runner: CliRunner) -> None:
    english, spanish = both(runner, ["list", "--from", "2027-01-01", "--to", "2026-01-01", *TODAY])
    assert "--to 2026-01-01 is before --from 2027-01-01" in english
    assert "--to 2026-01-01 es anterior a --from 2027-01-01" in spanish


def test_a_schedule_given_the_old_way(runner: CliRunner) -> None:
    english, spanish = both(runner, ["list", "colombia.toml"], prog_name="planner")
    assert "name the schedule with -s: planner list -s colombia.toml --lang en (a schedule " \
        "is no longer given as an argument)" in english
    assert "nombre el calendario con -s: planner list -s colombia.toml --lang es (el " \
        "calendario ya no se da como argumento)" in spanish
    english, spanish = both(runner, ["explain", "colombia.toml"])
    assert "colombia.toml is a schedule, not an event id" in english
    assert "colombia.toml es un calendario, no el id de un evento: planner explain -s " \
        "colombia.toml ID-EVENTO" in spanish


def test_what_init_wrote(runner: CliRunner, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    spanish = runner.invoke(cli, ["init", "nuevo", "--lang", "es"])
    assert spanish.exit_code == 0, spanish.output
    written = (tmp_path / "nuevo" / "roundtable.toml").resolve()
    assert spanish.stdout.splitlines() == [
        f"escrito {written}: un calendario inicial para editar",
        "después: cd nuevo && planner validate -s roundtable.toml && planner generate -s "
        "roundtable.toml && planner timeline -s roundtable.toml"]
    again = runner.invoke(cli, ["init", "nuevo", "--lang", "es"])
    assert again.exit_code == 2
    assert again.stderr.splitlines()[0] == (
        f"{Path('nuevo') / 'roundtable.toml'}: ya existe; edítelo, o ejecute `planner init` en "
        "otra carpeta")


def test_a_file_name_the_format_does_not_match(runner: CliRunner) -> None:
    english, spanish = both(runner, ["timeline", "-o", "plan.txt", *TODAY])
    assert "'plan.txt' ends in .txt; name the file with one of .htm, .html, .pdf, .png, .svg" \
        in english
    assert "'plan.txt' termina en .txt; nombre el archivo con uno de .htm, .html, .pdf, .png, " \
        ".svg" in spanish
    english, spanish = both(runner, ["timeline", "-o", "plan.svg", "--format", "png", *TODAY])
    assert "'plan.svg' is named as svg, but --format is png; make them agree" in english
    assert "'plan.svg' tiene nombre de svg, pero --format es png; hágalos coincidir" in spanish


def test_compare_with_nothing_to_compare_against(runner: CliRunner) -> None:
    english, spanish = both(runner, ["compare", *TODAY])
    assert "give another schedule (planner compare -s A.toml B.toml), or --set changes" in english
    assert "indique otro calendario (planner compare -s A.toml B.toml), o cambios con --set" \
        in spanish
