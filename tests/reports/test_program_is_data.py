"""The roundtable is data, not code: headline kinds, lines of effort and the chairs' title come
from the schedule, so another program's compare and APA count and name its own activities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from planner import load_schedule
from planner.cli import cli
from planner.errors import PlannerError

TODAY = ["--today", "2026-11-23"]
COLOMBIA = """
[plan]
name = "US–Colombia defense cooperation"
uid_domain = "colombia.planner"
from = 2026-01-01
to = 2027-12-31
chairs = "the co-chairs of the Bilateral Working Group"
chairs_es = "los copresidentes del Grupo de Trabajo Bilateral"
headline_kinds = ["high-level-dialogue", "staff-talks"]

[lines_of_effort.counter-narcotics]
name = "Counter-narcotics"
name_es = "Lucha contra el narcotráfico"

[lines_of_effort.humanitarian-demining]
name = "Humanitarian demining"
name_es = "Desminado humanitario"

[parties.SOUTHCOM]
name = "U.S. Southern Command"
country = "US"

[parties.MINDEFENSA]
name = "Ministry of National Defense"
country = "CO"

[venues.bogota]
name = "Bogotá"
country = "CO"
timezone = "America/Bogota"

[forums.hld]
name = "High-level defense dialogue"
short = "HLDD"
parties = ["SOUTHCOM", "MINDEFENSA"]

[forums.hld.activities.dialogue]
title = "Dialogue"
kind = "high-level-dialogue"
days = 2
weekdays = ["martes", "miércoles", "jueves"]
preferred_months = [3]
venues = ["bogota"]
line_of_effort = "counter-narcotics"

[forums.hld.activities.talks]
title = "Staff talks"
kind = "staff-talks"
days = 1
preferred_months = [9]
venues = ["bogota"]
line_of_effort = "humanitarian-demining"

[[forums.hld.regimes]]
id = "yearly"
cycle_months = 12
start = 2026-01-01
phases = [{ id = "year", name = "Year", months = [1, 12], activities = ["dialogue", "talks"] }]
"""


def compare_rows(output: str) -> dict[tuple[str, str], tuple[int, int]]:
    rows = {}
    for line in output.splitlines()[1:]:
        *label, year, left, right, _change = line.split()
        rows[(" ".join(label), year)] = (int(left), int(right))
    return rows


def test_compare_counts_the_schedules_own_headline_kinds(
        runner: CliRunner, write_schedule: Callable[[str, str], Path]) -> None:
    path = write_schedule(COLOMBIA, "colombia.toml")
    result = runner.invoke(cli, ["compare", "-s", str(path), *TODAY,
                                 "--set", "forums.hld.regimes[0].cycle_months=24"])
    assert result.exit_code == 0, result.output
    rows = compare_rows(result.stdout)
    assert rows[("High level dialogue", "total")] == (2, 1)
    assert rows[("Staff talks", "total")] == (2, 1)
    assert not any("Executive session" in label for label, _ in rows)


def test_apa_lists_the_schedules_lines_and_names_its_chairs(
        runner: CliRunner, write_schedule: Callable[[str, str], Path]) -> None:
    path = write_schedule(COLOMBIA, "colombia.toml")
    out = runner.invoke(cli, ["apa", "2026", "-s", str(path), *TODAY]).stdout
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## 1. Counter-narcotics", "## 2. Humanitarian demining", "## 3. Other activities"]
    assert ("US–Colombia defense cooperation: 2 activities, grouped by line of effort, for "
            "validation by the co-chairs of the Bilateral Working Group.") in out
    assert "tri-chairs" not in out and "Domain awareness" not in out
    spanish = runner.invoke(cli, ["apa", "2026", "-s", str(path), "--lang", "es", *TODAY]).stdout
    assert "## 1. Lucha contra el narcotráfico" in spanish
    assert "para validación de los copresidentes del Grupo de Trabajo Bilateral." in spanish


def test_the_built_in_schedule_declares_the_roundtables_program(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["apa", "2026", *TODAY]).stdout
    assert "for validation by the tri-chairs." in out
    spanish = runner.invoke(cli, ["apa", "2026", "--lang", "es", *TODAY]).stdout
    assert "para validación de los copresidentes." in spanish
    assert "## 1. Conciencia del dominio" in spanish


def test_without_chairs_the_apa_names_nobody(
        runner: CliRunner, write_schedule: Callable[[str, str], Path]) -> None:
    text = COLOMBIA.replace('chairs = "the co-chairs of the Bilateral Working Group"\n', "")
    text = text.replace('chairs_es = "los copresidentes del Grupo de Trabajo Bilateral"\n', "")
    out = runner.invoke(cli, ["apa", "2026", "-s", str(write_schedule(text, "c.toml")), *TODAY]).stdout
    assert "activities, grouped by line of effort.\n" in out and "validation" not in out


def test_undeclared_line_and_unknown_headline_kind_are_mistakes(
        write_schedule: Callable[[str, str], Path]) -> None:
    text = COLOMBIA.replace('line_of_effort = "counter-narcotics"', 'line_of_effort = "counter-drugs"')
    text = text.replace('"high-level-dialogue", "staff-talks"]', '"executive-session"]')
    try:
        load_schedule(write_schedule(text, "c.toml"))
    except PlannerError as error:
        messages = str(error)
    else:
        raise AssertionError("loaded a schedule with an undeclared line of effort")
    assert ("forums.hld.activities.dialogue.line_of_effort: unknown line of effort "
            "'counter-drugs'; use one of: counter-narcotics, humanitarian-demining") in messages
    assert "plan.headline_kinds: unknown activity kind 'executive-session'; use one of: " \
           "high-level-dialogue, staff-talks" in messages


def test_the_agenda_bolds_the_schedules_headline_kinds_not_executive_sessions(
        write_schedule: Callable[[str, str], Path]) -> None:
    from .test_agenda import on_a_terminal

    # the dialogue is of the kind the roundtable stresses, but this program stresses staff talks
    text = COLOMBIA.replace('kind = "high-level-dialogue"', 'kind = "executive-session"')
    text = text.replace('"high-level-dialogue", "staff-talks"]', '"staff-talks"]')
    path = write_schedule(text, "colombia.toml")
    out = on_a_terminal("agenda", "-s", str(path), "--year", "2026", *TODAY)
    bold = "\x1b[1m"
    assert f"{bold}HLDD: Staff talks" in out
    assert "HLDD: Dialogue" in out and f"{bold}HLDD: Dialogue" not in out
