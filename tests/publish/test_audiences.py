"""Calendars per audience (--split party|forum|kind, --party/--forum/--kind) and file names
from schedule text that cannot leave the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY
from icalendar import Calendar

from planner import Plan, Schedule, load_schedule, make_plan
from planner.calendar.split import file_names, parties_of, safe_name
from planner.cli import cli
from planner.schedule.packaged import default_schedule

from .conftest import remove_calls

ROUNDTABLE_NAME = "US–Mexico military cooperation (planner)"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--today", TODAY.isoformat()])


def read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def ids(path: Path) -> set[str]:
    """The planner ids of the file's entries (a series once, not its moved occurrences)."""
    return {str(e["X-PLANNER-ID"]) for e in read(path).walk("VEVENT") if "RECURRENCE-ID" not in e}


# -- one calendar per audience -------------------------------------------------------------------

def test_split_party_writes_one_named_calendar_per_party(
        tmp_path: Path, roundtable: Schedule, roundtable_plan: Plan) -> None:
    result = run("generate", "--split", "party", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["OUSDP.ics", "SEDENA.ics", "SEMAR.ics", "USNORTHCOM.ics"]
    sedena = read(tmp_path / "out" / "SEDENA.ics")
    assert str(sedena["X-WR-CALNAME"]) == \
        f"SEDENA — {ROUNDTABLE_NAME}"
    for party in ("USNORTHCOM", "SEDENA", "SEMAR", "OUSDP"):
        expected = {e.calendar_id for e in roundtable_plan.events
                    if party in parties_of(roundtable, e)}
        assert ids(tmp_path / "out" / f"{party}.ics") == expected, party
    ousdp = ids(tmp_path / "out" / "OUSDP.ics")
    assert "dbwg.yearly.c7.session" in ousdp  # its forum
    assert "roundtable.biennial.c3.executive_session" not in ousdp  # not its forum
    assert "deployment.sof_2025.approval-deadline" in ousdp  # a US-MX window


def test_semar_gets_its_exercise_but_not_sedenas(tmp_path: Path) -> None:
    run("generate", "--split", "party", "-o", str(tmp_path))
    semar, sedena = ids(tmp_path / "SEMAR.ics"), ids(tmp_path / "SEDENA.ics")
    assert "exercise.fenix.2025" in semar and "exercise.fenix.2025" not in sedena
    assert "exercise.fuerzas_amigas.2025" in sedena and "exercise.fuerzas_amigas.2025" not in semar


def test_deployment_windows_go_to_the_parties_of_the_host_and_sending_countries(
        write_schedule: object, tmp_path: Path) -> None:
    text = default_schedule().read_text(encoding="utf-8").replace(
        "[parties.OUSDP]", '[parties.CJOC]\nname = "Canadian Joint Operations Command"\n'
        'country = "CA"\n\n[parties.OUSDP]', 1)
    path = tmp_path / "with-canada.toml"
    path.write_text(text, encoding="utf-8")
    schedule = load_schedule(path)
    plan = make_plan(schedule, today=TODAY)
    deployment = next(e for e in plan.events if e.kind == "deployment")
    deadline = next(e for e in plan.events if e.kind == "approval-deadline")
    for event in (deployment, deadline):
        assert parties_of(schedule, event) == ("USNORTHCOM", "SEDENA", "SEMAR", "OUSDP")
    result = run("generate", "-s", str(path), "--split", "party", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out" / "CJOC.ics").exists()  # nothing for Canada: no file
    assert "CJOC" not in result.stderr


def test_split_forum_and_kind_cover_every_event_once(tmp_path: Path, roundtable_plan: Plan) -> None:
    for split in ("forum", "kind"):
        folder = tmp_path / split
        assert run("generate", "--split", split, "-o", str(folder)).exit_code == 0
        seen = [i for path in folder.iterdir() for i in ids(path)]
        assert sorted(seen) == sorted({e.calendar_id for e in roundtable_plan.events}), split
    forums = sorted(p.stem for p in (tmp_path / "forum").iterdir())
    assert forums == ["dbwg", "deployments", "exercises", "roundtable", "scsw", "staff_talks"]
    assert str(read(tmp_path / "forum" / "exercises.ics")["X-WR-CALNAME"]) == \
        f"Exercises and trainings — {ROUNDTABLE_NAME}"
    assert str(read(tmp_path / "kind" / "vtc.ics")["X-WR-CALNAME"]) == \
        f"Video teleconference — {ROUNDTABLE_NAME}"


def test_split_names_follow_the_language(tmp_path: Path) -> None:
    assert run("generate", "--split", "party", "--lang", "es", "-o", str(tmp_path)).exit_code == 0
    calendar = read(tmp_path / "SEMAR.ics")
    assert str(calendar["X-WR-CALNAME"]) == \
        "SEMAR — Cooperación militar México–EUA (planner)"
    assert any("Mesa Redonda" in str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


def test_party_filter_writes_one_file_for_that_party(tmp_path: Path, roundtable: Schedule,
                                                     roundtable_plan: Plan) -> None:
    out = tmp_path / "sedena.ics"
    result = run("generate", "--party", "SEDENA", "-o", str(out))
    assert result.exit_code == 0, result.output
    expected = {e.calendar_id for e in roundtable_plan.events
                if "SEDENA" in parties_of(roundtable, e)}
    assert ids(out) == expected
    assert str(read(out)["X-WR-CALNAME"]).startswith("SEDENA — ")


def test_forum_and_kind_filters_combine(tmp_path: Path) -> None:
    out = tmp_path / "sessions.ics"
    assert run("generate", "--forum", "dbwg", "--kind", "working-group", "-o", str(out)).exit_code == 0
    assert ids(out) and all(i.startswith("dbwg.") for i in ids(out))
    assert str(read(out)["X-WR-CALNAME"]) == \
        f"DBWG, Working group session — {ROUNDTABLE_NAME}"


def test_an_unknown_party_is_exit_2_with_a_suggestion(tmp_path: Path) -> None:
    result = run("generate", "--party", "SEDNA", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 2
    assert "no party 'SEDNA'" in result.stderr and "did you mean SEDENA" in result.stderr
    assert not (tmp_path / "x.ics").exists()


def test_filters_that_match_nothing_write_nothing(tmp_path: Path) -> None:
    result = run("generate", "--party", "OUSDP", "--kind", "workshop", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 2 and "no event matches" in result.stderr
    assert not (tmp_path / "x.ics").exists()


def test_split_needs_a_folder(tmp_path: Path) -> None:
    assert run("generate", "--split", "party").exit_code == 2
    assert run("generate", "--split", "party", "-o", "-").exit_code == 2
    afile = tmp_path / "a.ics"
    afile.write_bytes(b"x")
    result = run("generate", "--split", "party", "-o", str(afile))
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr
    assert afile.read_bytes() == b"x"


def test_a_split_file_is_regenerated_over_its_previous_version(small: Path, tmp_path: Path) -> None:
    folder = tmp_path / "kinds"
    assert run("generate", "-s", str(small), "--split", "kind", "-o", str(folder)).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["staff-talks.ics", "task.ics", "vtc.ics"]
    remove_calls(small)
    result = run("generate", "-s", str(small), "--split", "kind", "-o", str(folder))
    assert result.exit_code == 0, result.output
    vtc = read(folder / "vtc.ics").walk("VEVENT")  # its audience lost every event ...
    assert len(vtc) == 2 and {str(e["STATUS"]) for e in vtc} == {"CANCELLED"}  # ... and is told
    # (the 2026 call is over on TODAY: its cancellation is dropped, not written)
    assert "vtc.ics: calendar entries: 0 new, 0 changed, 0 unchanged, 2 cancelled, 1 past" in result.stderr


def test_each_split_file_says_whom_it_is_for(tmp_path: Path) -> None:
    assert run("generate", "--split", "party", "-o", str(tmp_path)).exit_code == 0
    assert str(read(tmp_path / "SEMAR.ics")["X-PLANNER-AUDIENCE"]) == "party:SEMAR"


def test_a_calendar_of_another_audience_is_never_overwritten(tmp_path: Path) -> None:
    single = tmp_path / "roundtable.ics"
    assert run("generate", "-o", str(single)).exit_code == 0  # the whole plan, no --split
    before = single.read_bytes()
    result = run("generate", "--split", "forum", "-o", str(tmp_path))  # forum "roundtable"
    assert result.exit_code == 2
    assert "written for another audience (no --split)" in result.stderr
    assert single.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roundtable.ics"]  # nothing half-done


def test_two_splits_in_one_folder_leave_each_other_alone(small: Path, tmp_path: Path) -> None:
    assert run("generate", "-s", str(small), "--split", "party", "-o", str(tmp_path)).exit_code == 0
    parties = {p.name: p.read_bytes() for p in tmp_path.glob("*.ics")}
    remove_calls(small)
    assert run("generate", "-s", str(small), "--split", "kind", "-o", str(tmp_path)).exit_code == 0
    for name, data in parties.items():
        assert (tmp_path / name).read_bytes() == data


# -- names that stay in their folder -------------------------------------------------------------

HOSTILE = ["../escape", "../../etc/passwd", "/etc/passwd", "..", ".", "", "a/b", "a\\b",
           "C:\\Windows\\x", "C:x", "CON", "con", "Nul.ics", "COM1", "lpt9.txt", "AUX ",
           "name.", ".hidden", "x" * 300, "tab\there", "new\nline", "Sesión", "emoji 🗓",
           "\u202eevil", "//server/share", "~/x"]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_names_have_no_separators_dots_or_reserved_names(text: str) -> None:
    name = safe_name(text)
    assert name and len(name) <= 100
    assert "/" not in name and "\\" not in name and ":" not in name
    assert not name.startswith(".") and not name.endswith((".", " "))
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT9"}
    assert name.isascii() and name.isprintable()


def test_plain_ids_keep_their_names() -> None:
    for text in ("SEDENA", "staff_talks", "executive-session", "roundtable.biennial.c2"):
        assert safe_name(text) == text


def test_file_names_stay_inside_the_folder_and_never_collide(tmp_path: Path) -> None:
    keys = [*HOSTILE, "Sedena", "SEDENA", "sedena"]
    paths = file_names(keys, tmp_path / "out")
    base = (tmp_path / "out").resolve()
    assert all(path.parent == base for path in paths.values())
    names = [path.name.casefold() for path in paths.values()]
    assert len(names) == len(set(names)) == len(keys)


def test_hostile_kinds_in_a_schedule_are_written_inside_the_folder(small: Path,
                                                                   tmp_path: Path) -> None:
    text = small.read_text().replace('kind = "vtc"', 'kind = "../../escape"')
    small.write_text(text.replace('kind = "staff-talks"', 'kind = "CON"'))
    folder = tmp_path / "deep" / "out"
    folder.parent.mkdir()
    result = run("generate", "-s", str(small), "--split", "kind", "-o", str(folder))
    assert result.exit_code == 0, result.output
    written = sorted(os.listdir(folder))
    assert written == ["_.._escape.ics", "_CON.ics", "task.ics"]
    everything = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert everything == ["deep/out/_.._escape.ics", "deep/out/_CON.ics", "deep/out/task.ics",
                          "small.toml"]
