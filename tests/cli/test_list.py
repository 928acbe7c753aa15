"""`planner list`: the plan as a table, filtered by forum, kind and dates."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planner import Plan
from planner.cli import cli

TODAY = ["--today", "2026-11-23"]


def rows(output: str) -> list[str]:
    lines = output.splitlines()
    assert lines[0].split() == ["WHEN", "STATUS", "KIND", "TITLE", "WHERE", "ID"]
    return lines[1:]


def test_list_shows_every_event_with_its_id(runner: CliRunner, roundtable_plan: Plan) -> None:
    result = runner.invoke(cli, ["list", *TODAY])
    assert result.exit_code == 0
    listed = rows(result.stdout)
    assert len(listed) == len(roundtable_plan.events)
    assert [line.split()[-1] for line in listed] == [e.id for e in roundtable_plan.events]
    assert result.stderr.splitlines()[-1] == f"{len(listed)} events"


def test_list_shows_the_seventh_session_as_held_in_august_2023(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--kind", "executive-session", *TODAY])
    seventh = next(line for line in rows(result.stdout) if "(7th)" in line)
    assert seventh.startswith("2023-08-01 Tue – 2023-08-31 Thu")
    assert " held " in seventh
    assert "Colorado Springs" in seventh


def test_forum_filter_keeps_only_that_forum(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--forum", "dbwg", *TODAY])
    assert result.exit_code == 0
    ids = [line.split()[-1] for line in rows(result.stdout)]
    assert ids and all(i.startswith("dbwg.") for i in ids)


def test_kind_filter_is_repeatable(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--kind", "deployment", "--kind", "approval-deadline", *TODAY])
    listed = rows(result.stdout)
    assert any(" approval-deadline " in line for line in listed)
    assert any(" deployment " in line for line in listed)
    assert all(" deployment " in line or " approval-deadline " in line for line in listed)
    assert not any(" request-deadline " in line or " approval " in line for line in listed)


def test_forum_and_kind_filters_combine(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--forum", "roundtable", "--kind", "exercise-visit", *TODAY])
    ids = [line.split()[-1] for line in rows(result.stdout)]
    assert ids == ["roundtable.biennial.c1.exercise_visit", "roundtable.biennial.c2.exercise_visit",
                   "roundtable.biennial.c3.exercise_visit"]


def test_dates_filter_the_list(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--forum", "roundtable", "--kind", "executive-session",
                                 "--from", "2026-01-01", "--to", "2027-12-31", *TODAY])
    (only,) = rows(result.stdout)
    assert only.startswith("2026-08-04 Tue – 2026-08-05 Wed")
    assert "(9th)" in only


def test_unknown_forum_is_refused_with_the_nearest_ids(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--forum", "dbgw", *TODAY])
    assert result.exit_code == 2
    assert "--forum: no forum 'dbgw'; did you mean dbwg?" in result.stderr
    assert result.stdout == ""


def test_list_agenda_and_generate_agree_on_a_partys_events(runner: CliRunner,
                                                            tmp_path: Path) -> None:
    year = ["--from", "2025-01-01", "--to", "2025-12-31", *TODAY]
    listed = runner.invoke(cli, ["list", "--party", "SEDENA", *year])
    assert listed.exit_code == 0, listed.output
    ids = [row.split()[-1] for row in rows(listed.stdout)]
    assert "deployment.fuerzas_amigas_2025.phase1" in ids  # SEDENA troops go to Fort Hood
    assert "deployment.sof_2025.phase1" in ids  # US instructors come to SEDENA
    calendar = tmp_path / "sedena.ics"
    assert runner.invoke(cli, ["generate", "--party", "SEDENA", "-o", str(calendar),
                               *year]).exit_code == 0
    written = [line.split(":", 1)[1] for line in calendar.read_text().splitlines()
               if line.startswith("X-PLANNER-ID:")]
    assert sorted(written) == sorted(ids)
    agenda = runner.invoke(cli, ["agenda", "--party", "SEDENA", "--year", "2025", *TODAY])
    assert agenda.stderr.splitlines()[-1] == f"{len(ids)} events"


def test_list_in_spanish(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--kind", "executive-session", "--lang", "es", *TODAY])
    assert "Mesa Redonda: Sesión ejecutiva (n.º 9)" in result.stdout


def test_to_before_from_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--from", "2027-01-01", "--to", "2026-01-01"])
    assert result.exit_code == 2
    assert "is before --from" in result.stderr


def test_list_in_spanish_has_spanish_headers_statuses_and_weekdays(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "--kind", "executive-session", "--lang", "es", *TODAY])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CUÁNDO", "ESTADO", "TIPO", "TÍTULO", "LUGAR", "ID"]
    seventh = next(line for line in lines if "(n.º 7)" in line)
    assert seventh.startswith("2023-08-01 mar – 2023-08-31 jue")
    assert " realizado " in seventh
    ninth = next(line for line in lines if "(n.º 9)" in line)
    assert " programado " in ninth
    assert not any(word in result.stdout for word in (" held ", " planned ", "Tue", "Wed"))
    assert result.stderr.splitlines()[-1] == f"{len(lines) - 1} eventos"
