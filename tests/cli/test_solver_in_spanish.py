"""What the solver says (no plan, why it moved an event) reads in Spanish under --lang es or a
Spanish locale, and stays as it was in English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from engine.schedules import forum, schedule
from engine.test_leaders import shared_leader_case

from planner.cli import cli

WEEKDAYS = '["mon", "tue", "wed", "thu", "fri"]'


def impossible() -> str:
    """Two five-day meetings sharing a leader, with only the week of May 4 left in May."""
    return schedule(
        forum("alpha", venue="mexico_city", months=(5, 5), days=5, weekdays=WEEKDAYS),
        forum("beta", venue="colorado_springs", months=(5, 5), days=5, weekdays=WEEKDAYS),
        days='blackouts = [{ from = 2026-05-11, to = 2026-05-31, reason = "leave" }]')


def in_spanish(runner: CliRunner, command: list[str]) -> list[Result]:
    """The command under --lang es and under LANG=es_MX.UTF-8."""
    return [runner.invoke(cli, [*command, "--lang", "es"]),
            runner.invoke(cli, command, env={"LANG": "es_MX.UTF-8"})]


def test_no_plan_is_told_in_spanish_with_what_ties_the_events_and_what_to_relax(
        runner: CliRunner, write_schedule: Callable[[str], Path]) -> None:
    path = write_schedule(impossible())
    command = ["validate", "-s", str(path), "--today", "2026-01-01"]
    for result in in_spanish(runner, command):
        assert result.exit_code == 2, result.output
        (problem, summary) = result.stderr.splitlines()
        assert "ningún plan asigna día a estos 2 eventos al mismo tiempo: alpha.yearly.c1.session (" \
            in problem
        assert ": solo el 2026-05-04); beta.yearly.c1.session (" in problem
        assert "; porque comparten al líder SEDENA chief of staff (2 días de viaje entre " \
            "países); cambios mínimos que lo resolverían: amplíe la fase 5 días (hasta el " \
            "2026-06-05; primer día posible: 2026-06-01); acorte o quite el bloqueo (primer día " \
            "posible: 2026-05-11); libere la agenda de los líderes" in problem
        assert summary == f"planner: 1 problema en {path}; no se escribió nada"
        for english in ("no plan", "only 2026", "share", "travel", "relaxations", "widen",
                        "first day then"):
            assert english not in problem
    english = runner.invoke(cli, [*command, "--lang", "en"], env={"LANG": "es_MX.UTF-8"})
    assert "no plan gives these 2 events a day together: alpha.yearly.c1.session (" in english.stderr
    assert "; because they share leader SEDENA chief of staff (2 travel days between countries); " \
        "smallest relaxations: widen the phase by 5 days (to 2026-06-05; first day then: " \
        "2026-06-01); shorten or remove the blackout (first day then: 2026-05-11)" in english.stderr


@pytest.mark.parametrize(("days", "spanish", "english"), [
    (1, "acórtela a 1 día (primer día posible: 2026-08-31)",
     "shorten it to 1 day (first day then: 2026-08-31)"),
    (3, "acórtela a 3 días (primer día posible: 2026-08-29)",
     "shorten it to 3 days (first day then: 2026-08-29)"),
])
def test_no_day_for_one_event_is_told_in_spanish_with_the_right_plurals(
        runner: CliRunner, write_schedule: Callable[[str], Path], days: int, spanish: str,
        english: str) -> None:
    # August has no US or MX holiday; a blackout leaves its last `days` days, two too few
    # (the phase refuses the starts that would run past August 31).
    text = schedule(forum("alpha", venue="mexico_city", months=(8, 8), days=days + 2,
                          weekdays='["mon", "tue", "wed", "thu", "fri", "sat", "sun"]'),
                    days=f'blackouts = [{{ from = 2026-08-01, to = 2026-08-{31 - days:02d}, '
                         'reason = "x" }]')
    path = write_schedule(text)
    command = ["validate", "-s", str(path), "--today", "2026-01-01"]
    for result in in_spanish(runner, command):
        assert result.exit_code == 2, result.output
        assert "forums.alpha.activities.session: no hay día permitido para alpha.session en el " \
            "ciclo 1 de yearly, fase 'year' (2026-08-01 al 2026-08-31): 31 días candidatos, " \
            f"bloqueos: {30 - days} descartados, fase: {days + 1} descartados; cambios mínimos que " \
            "lo resolverían: " in result.stderr
        assert spanish in result.stderr
    in_english = runner.invoke(cli, [*command, "--lang", "en"]).stderr
    assert "no allowed day for alpha.session in yearly cycle 1, phase 'year' (2026-08-01 to " \
        f"2026-08-31): 31 candidate days, blackouts removed {30 - days}, phase removed {days + 1}; " \
        "smallest relaxations: " in in_english
    assert english in in_english


def test_explain_says_in_spanish_why_the_solver_moved_an_event(
        runner: CliRunner, write_schedule: Callable[[str], Path]) -> None:
    path = write_schedule(shared_leader_case())
    command = ["explain", "alpha.yearly.c1.session", "-s", str(path), "--today", "2026-01-01"]
    for result in in_spanish(runner, command):
        assert result.exit_code == 0, result.output
        assert "su primera opción, el 2026-06-01, dejaría a bravo.yearly.c1.visit sin día (líder " \
            "en común: SEDENA chief of staff, 2 días de viaje)." in result.output
    english = runner.invoke(cli, [*command, "--lang", "en"]).output
    assert "would leave bravo.yearly.c1.visit no day (shared leader SEDENA chief of staff, 2 " \
        "travel days)" in english


def test_a_spacing_tie_is_told_in_spanish_with_the_gap_in_spanish(
        runner: CliRunner, write_schedule: Callable[[str], Path]) -> None:
    # Sessions only in December, but at most 3 months apart: impossible from the second year.
    path = write_schedule(schedule(forum("talks", venue="mexico_city", months=(12, 12),
                                         leaders="[]",
                                         extra='spacing = [{ after = "session", max_months = 3 }]')))
    command = ["validate", "-s", str(path), "--today", "2026-01-01"]
    for result in in_spanish(runner, command):
        assert result.exit_code == 2, result.output
        assert ": 10 días del 2026-12-01 al 2026-12-30); talks.yearly.c2.session (" in result.stderr
        assert "; porque talks.session debe iniciar como máximo 3 meses después de que termine " \
            "session; cambios mínimos que lo resolverían: relaje la separación (primer día " \
            "posible: 2027-12-01)" in result.stderr
    assert "; because talks.session must start at most 3 months after session ends; smallest " \
        "relaxations: relax the spacing (first day then: 2027-12-01)" in runner.invoke(
            cli, [*command, "--lang", "en"]).stderr
