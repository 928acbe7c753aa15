"""`planner explain`: why an event is on its date, in plain words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from planner.cli import cli

TODAY = ["--today", "2026-11-23"]


def explain(runner: CliRunner, event_id: str, *extra: str) -> str:
    result = runner.invoke(cli, ["explain", event_id, *extra, *TODAY])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_explain_prints_cycle_phase_and_refused_candidates(runner: CliRunner) -> None:
    text = explain(runner, "roundtable.biennial.c2.executive_session")
    lines = text.splitlines()
    assert lines[0] == "roundtable.biennial.c2.executive_session: BMCR: Executive session (9th)"
    assert "  when:   2026-08-04 Tue – 2026-08-05 Wed" in lines
    assert "  cycle:  24-month cycle 2 (2026-01-01 to 2027-12-31)" in lines
    assert "  phase:  Executive year (2026-01-01 to 2026-12-31)" in lines
    assert "  decided by: earliest allowed day" in lines
    assert "  refused per rule: weekdays: 3" in lines
    assert "    2026-08-01 Sat  [weekdays] 2026-08-01 is a Saturday, not an allowed weekday" in lines
    assert any(line.startswith("  why:    First allowed day in a preferred month (August)")
               for line in lines)


def test_explain_a_holiday_refusal_names_the_holiday(runner: CliRunner) -> None:
    text = explain(runner, "dbwg.yearly.c4.session")
    assert "2024-10-01 Tue  [holidays] 2024-10-01 is " in text
    assert "(MX)" in text


def test_explain_a_held_event(runner: CliRunner) -> None:
    text = explain(runner, "roundtable.annual.c8.executive_session")
    assert "  status: held" in text
    assert "only the month is recorded" in text
    assert "refused candidates" not in text


def test_explain_an_exercise_visit_names_the_exercise(runner: CliRunner) -> None:
    text = explain(runner, "roundtable.biennial.c2.exercise_visit")
    assert "Visits Fénix / Aztec Alligator" in text
    assert "[exercise window]" in text


def test_explain_in_spanish(runner: CliRunner) -> None:
    text = explain(runner, "roundtable.biennial.c2.executive_session", "--lang", "es")
    lines = text.splitlines()
    assert lines[0] == "roundtable.biennial.c2.executive_session: Mesa Redonda: Sesión ejecutiva (n.º 9)"
    assert "  cuándo:  2026-08-04 mar – 2026-08-05 mié" in lines
    assert "  estado:  programado" in lines
    assert "  ciclo:   ciclo de 24 meses n.º 2 (2026-01-01 al 2027-12-31)" in lines
    assert "  decidido por: primer día permitido" in lines
    assert "  descartados por regla: días de la semana: 3" in lines
    assert ("    2026-08-01 sáb  [días de la semana] el 2026-08-01 es sábado, día no permitido"
            in lines)
    assert any(line.startswith("  por qué: Primer día permitido") for line in lines)


def test_explain_in_spanish_names_the_holiday_in_spanish(runner: CliRunner) -> None:
    text = explain(runner, "dbwg.yearly.c4.session", "--lang", "es")
    assert ("    2024-10-01 mar  [días festivos] el 2024-10-01 es Transmisión del Poder "
            "Ejecutivo Federal (MX)") in text.splitlines()


def test_spanish_locale_gives_spanish_without_lang(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "roundtable.biennial.c2.executive_session", *TODAY],
                           env={"LANG": "es_MX.UTF-8"})
    assert "  estado:  programado" in result.stdout.splitlines()
    english = runner.invoke(cli, ["explain", "roundtable.biennial.c2.executive_session", *TODAY,
                                  "--lang", "en"], env={"LANG": "es_MX.UTF-8"})
    assert "  status: planned" in english.stdout.splitlines()


def test_unknown_id_exits_2_with_a_did_you_mean_hint(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "roundtable.biennial.c2.executive_sesion", *TODAY])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert "no event with id 'roundtable.biennial.c2.executive_sesion'" in first
    assert "did you mean roundtable.biennial.c2.executive_session" in first
    assert result.stderr.splitlines()[-1].endswith("nothing was written")


def test_unknown_id_with_nothing_close_points_to_list(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "zzz", *TODAY])
    assert result.exit_code == 2
    assert "see `planner list` for ids" in result.stderr


def test_one_refused_day_is_singular(runner: CliRunner) -> None:
    assert "; 1 earlier candidate day was refused." in explain(runner, "dbwg.yearly.c4.session")
    spanish = explain(runner, "dbwg.yearly.c4.session", "--lang", "es")
    assert "; se descartó 1 día candidato anterior." in spanish


def test_help_in_spanish_from_the_locale_or_lang(runner: CliRunner) -> None:
    spanish = runner.invoke(cli, ["--help"], env={"LANG": "es_MX.UTF-8"}).stdout
    assert spanish.startswith("Uso: cli [OPTIONS] COMMAND [ARGS]...")  # "planner" when installed
    assert "Planificar ciclos de reuniones a partir de un calendario TOML" in spanish
    assert "  explain   Decir por qué un evento está en su fecha" in spanish
    assert "Comandos:" in spanish and "Mostrar este mensaje y salir." in spanish
    text = runner.invoke(cli, ["explain", "--lang", "es", "--help"]).stdout
    assert "EVENT-ID es la última columna de `planner list`." in text
    assert "Opciones:" in text and "[predeterminado:" in text
    assert not any(word in text for word in ("Show this", "Options:", "[default:", "Usage:"))
    english = runner.invoke(cli, ["explain", "--help"]).stdout
    assert "EVENT-ID is the last column of `planner list`." in english


def test_help_follows_lang_wherever_it_is_written_and_the_locale(runner: CliRunner) -> None:
    forms = {
        "before --help": (["list", "--lang", "es", "--help"], {}),
        "after --help": (["list", "--help", "--lang", "es"], {}),
        "after -h, with =": (["list", "-h", "--lang=es"], {}),
        "the locale": (["list", "--help"], {"LANG": "es_MX.UTF-8"}),
    }
    for form, (args, env) in forms.items():
        text = runner.invoke(cli, args, env=env).stdout
        assert text.startswith("Uso: cli list [OPTIONS]"), form
        assert "Imprimir el plan como tabla en la terminal." in text, form
        assert "Opciones:" in text and "Options:" not in text, form
    # --lang en after --help wins over a Spanish locale; with neither, English as before
    for args, env in ((["list", "--help", "--lang", "en"], {"LANG": "es_MX.UTF-8"}),
                      (["list", "--help"], {"LANG": "C.UTF-8"})):
        text = runner.invoke(cli, args, env=env).stdout
        assert text.startswith("Usage: cli list [OPTIONS]")
        assert "Print the plan as a table in the terminal." in text


def test_a_blackout_without_a_reason_is_called_a_blackout_in_the_readers_language(
        runner: CliRunner, write_schedule: Callable[..., Path], minimal_text: str) -> None:
    text = minimal_text.replace('holidays = ["US", "MX"]', 'holidays = ["US", "MX"]\n'
                                "blackouts = [{ from = 2026-05-01, to = 2026-05-10 }]", 1)
    path = str(write_schedule(text, "mine.toml"))
    command = ["explain", "talks.yearly.c1.meeting", "-s", path, "--today", "2026-01-01"]
    spanish = runner.invoke(cli, [*command, "--lang", "es"])
    assert spanish.exit_code == 0, spanish.output
    assert "2026-05-05 mar  [bloqueos] el 2026-05-05 está bloqueado (bloqueo)" in spanish.output
    english = runner.invoke(cli, [*command, "--lang", "en"])
    assert "2026-05-05 Tue  [blackouts] 2026-05-05 is blacked out (blackout)" in english.output
