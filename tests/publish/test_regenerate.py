"""`planner generate` over its previous file: moved events update, removed ones cancel,
unchanged ones stay byte-identical, and a failed run never loses the previous state."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY
from icalendar import Calendar, Event

from planner.cli import cli

from .conftest import move_meetings, remove_calls

LATER_EPOCH = "1800000000"  # 2027-01-15T08:00:00Z
LATER_STAMP = b"20270115T080000Z"
FIRST_STAMP = b"20260101T000000Z"  # the autouse SOURCE_DATE_EPOCH of tests/conftest.py
MEETING = "talks.yearly.c1.meeting@publish.planner"


def generate(schedule: Path, output: Path | str, *extra: str) -> Result:
    result = CliRunner().invoke(cli, ["generate", "-s", str(schedule), "-o", str(output),
                                      "--today", TODAY.isoformat(), *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def blocks(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's exact bytes, by UID."""
    found = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S):
        unfolded = block.replace(b"\r\n ", b"")
        found[re.search(rb"\r\nUID:([^\r]+)", unfolded).group(1).decode()] = block  # type: ignore[union-attr]
        # (every planner event has a UID; a missing one fails here loudly)
    return found


def events(path: Path) -> dict[str, Event]:
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next run happens later: a different SOURCE_DATE_EPOCH, so a different DTSTAMP."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATER_EPOCH)


def test_a_second_run_with_no_change_is_byte_identical_despite_a_new_stamp(
        small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan.ics"
    assert generate(small, out).exit_code == 0
    first = out.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATER_EPOCH)
    result = generate(small, out)
    assert result.exit_code == 0
    assert out.read_bytes() == first
    assert "0 new, 0 changed, 9 unchanged, 0 cancelled" in result.stderr
    assert LATER_STAMP not in first


def test_a_moved_event_keeps_its_uid_with_sequence_1_and_a_new_last_modified(
        small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan.ics"
    assert generate(small, out).exit_code == 0
    before_bytes, before = out.read_bytes(), events(out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATER_EPOCH)
    move_meetings(small)
    result = generate(small, out)
    assert "0 new, 6 changed, 3 unchanged, 0 cancelled" in result.stderr
    after = events(out)
    assert set(after) == set(before)  # same UIDs: nothing duplicated
    moved = after[MEETING]
    assert str(before[MEETING].decoded("DTSTART")) == "2026-05-05"
    assert str(moved.decoded("DTSTART")) == "2026-06-02"
    assert int(moved["SEQUENCE"]) == 1
    assert moved["LAST-MODIFIED"].to_ical() == LATER_STAMP
    assert moved["DTSTAMP"].to_ical() == LATER_STAMP
    old_blocks, new_blocks = blocks(before_bytes), blocks(out.read_bytes())
    calls = [uid for uid in after if ".call@" in uid]
    assert len(calls) == 3
    for uid in calls:  # unchanged: the very same bytes, old DTSTAMP included
        assert new_blocks[uid] == old_blocks[uid]
        assert FIRST_STAMP in new_blocks[uid]


def test_a_moved_event_moves_again_to_sequence_2(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    move_meetings(small)
    generate(small, out)
    text = small.read_text().replace('to = "05-31"', 'to = "06-30"')  # June is refused too
    small.write_text(text.replace("preferred_months = [6]", "preferred_months = [9]"))
    generate(small, out)
    assert int(events(out)[MEETING]["SEQUENCE"]) == 2
    assert str(events(out)[MEETING].decoded("DTSTART")) == "2026-09-01"


def test_a_description_change_is_a_change_but_a_new_stamp_is_not(
        small: Path, tmp_path: Path, later: None) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    described = 'numbered = true\ndescription = "Agenda: ports."\n'
    small.write_text(small.read_text().replace("numbered = true\n", described, 1))
    result = generate(small, out)
    assert "0 new, 3 changed, 6 unchanged" in result.stderr
    assert int(events(out)[MEETING]["SEQUENCE"]) == 1


def test_a_removed_event_is_written_once_more_as_cancelled_with_its_time_zone(
        small: Path, tmp_path: Path, later: None) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    remove_calls(small)
    result = generate(small, out)
    # the 2026 call is over on TODAY: nobody needs its cancellation, so it is dropped
    assert "0 new, 0 changed, 6 unchanged, 2 cancelled, 1 past" in result.stderr
    assert result.stderr.splitlines()[-2].startswith("wrote 6 events to ")
    assert "(and 2 cancelled entries, kept until their date passes or --prune)" in result.stderr
    after = events(out)
    assert "talks.yearly.c1.call@publish.planner" not in after
    call = after["talks.yearly.c2.call@publish.planner"]
    assert str(call["STATUS"]) == "CANCELLED"
    assert str(call["SUMMARY"]) == "Cancelled: SST: Co-chairs' call"
    assert str(call["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"
    assert int(call["SEQUENCE"]) == 1
    assert str(call["TRANSP"]) == "TRANSPARENT"
    assert call["LAST-MODIFIED"].to_ical() == LATER_STAMP
    assert call["DTSTART"].params["TZID"] == "America/Denver"
    calendar = Calendar.from_ical(out.read_bytes())
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["America/Denver"]
    assert calendar.get_missing_tzids() == set()


def test_a_cancelled_event_loses_its_alarm(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    task = "talks.yearly.c2.meeting.read-ahead@publish.planner"
    assert events(out)[task].walk("VALARM")
    small.write_text(re.sub(r"tasks = \[.*\]\n", "", small.read_text()))
    generate(small, out)
    cancelled = events(out)[task]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled.walk("VALARM") == []


def test_cancelled_events_stay_unchanged_until_prune(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    remove_calls(small)
    generate(small, out)
    cancelled = out.read_bytes()
    again = generate(small, out)
    assert out.read_bytes() == cancelled  # kept, byte for byte
    assert "2 cancelled earlier (kept until their date passes or --prune)" in again.stderr
    pruned = generate(small, out, "--prune")
    assert "2 past or pruned cancellations dropped" in pruned.stderr
    assert sorted(events(out)) == sorted(uid for uid in events(out) if ".call@" not in uid)
    assert len(events(out)) == 6


def test_an_event_that_comes_back_after_cancellation_is_an_update_of_the_same_uid(
        small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    original = small.read_text()
    generate(small, out)
    remove_calls(small)
    generate(small, out)
    small.write_text(original)
    result = generate(small, out)
    assert "1 new, 2 changed, 6 unchanged, 0 cancelled" in result.stderr  # 2026's was dropped
    call = events(out)["talks.yearly.c2.call@publish.planner"]
    assert str(call["STATUS"]) == "TENTATIVE" and int(call["SEQUENCE"]) == 2
    assert str(call["SUMMARY"]) == "SST: Co-chairs' call"


def test_a_failed_write_keeps_the_previous_file_and_the_state_in_it(
        small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    previous = out.read_bytes()
    move_meetings(small)

    def broken_rename(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("planner.files.os.replace", broken_rename)
    failed = CliRunner().invoke(cli, ["generate", "-s", str(small), "-o", str(out)])
    assert failed.exit_code == 1
    assert failed.stderr == (f"planner: {out}: could not write: No space left on device; the "
                             "previous file is unchanged\n")
    assert out.read_bytes() == previous
    assert sorted(os.listdir(tmp_path)) == ["plan.ics", "small.toml"]  # no temp file left
    monkeypatch.undo()
    generate(small, out)  # the state survived: this is the first change, not the second
    assert int(events(out)[MEETING]["SEQUENCE"]) == 1


def test_an_interrupted_write_keeps_the_previous_file(small: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    previous = out.read_bytes()
    remove_calls(small)

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt  # Ctrl-C mid-write

    monkeypatch.setattr("planner.files.os.fsync", interrupted)
    result = CliRunner().invoke(cli, ["generate", "-s", str(small), "-o", str(out)])
    assert result.exit_code == 1 and "Aborted" in result.output  # click's answer to Ctrl-C
    assert out.read_bytes() == previous
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_a_broken_schedule_leaves_the_previous_file_alone(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    previous = out.read_bytes()
    small.write_text(small.read_text().replace("days = 2", "days = 'two'"))
    result = generate(small, out)
    assert result.exit_code == 2
    assert out.read_bytes() == previous


def test_a_previous_file_that_is_not_a_calendar_is_replaced_only_with_force(
        small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    out.write_bytes(b"not a calendar at all")
    refused = generate(small, out)
    assert refused.exit_code == 2
    assert "was not written by planner" in refused.stderr and "--force" in refused.stderr
    assert out.read_bytes() == b"not a calendar at all"
    result = generate(small, out, "--force")
    assert result.exit_code == 0
    assert "not a calendar planner can read" in result.stderr
    assert len(events(out)) == 9


def test_events_planner_did_not_write_are_not_carried_over(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    foreign = (b"BEGIN:VEVENT\r\nUID:birthday@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
               b"DTSTART;VALUE=DATE:20260707\r\nSUMMARY:Birthday\r\nEND:VEVENT\r\n")
    out.write_bytes(out.read_bytes().replace(b"END:VCALENDAR", foreign + b"END:VCALENDAR"))
    result = generate(small, out)
    assert "1 event was not written by planner for @publish.planner" in result.stderr
    assert "birthday@example.org" not in events(out)


def test_standard_output_has_no_previous_state(small: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", "-s", str(small), "-o", "-", "--today", "2026-11-23"])
    assert result.exit_code == 0
    assert b"SEQUENCE:0" in result.stdout_bytes and b"SEQUENCE:1" not in result.stdout_bytes
    assert not list(tmp_path.glob("*.ics"))


@pytest.mark.parametrize("damage", [(b"TZID=", b"TZID=Nowhere/Atlantis"),
                                    (b"DTSTART;VALUE=DATE:2026", b"DTSTART;VALUE=DATE:2026-")])
def test_an_event_edited_beyond_reading_in_the_previous_file_is_left_out_with_a_warning(
        small: Path, tmp_path: Path, damage: tuple[bytes, bytes]) -> None:
    # A hand-edited zone or date could not be written again (no VTIMEZONE, no order).
    out = tmp_path / "plan.ics"
    generate(small, out)
    out.write_bytes(out.read_bytes().replace(*damage, 1))
    remove_calls(small)  # the calls are cancelled: written again from the previous file
    result = generate(small, out)
    assert result.exit_code == 0, result.output
    assert "1 event could not be read (broken BEGIN/END lines, or a date or zone out of range) " \
        "and was skipped" in result.stderr
    assert b"Nowhere/Atlantis" not in out.read_bytes()


# -- a horizon or a filter is a view, not a deletion ------------------------------------------

def test_a_later_from_over_a_complete_file_cancels_nothing(small: Path, tmp_path: Path,
                                                          later: None) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    result = generate(small, out, "--from", "2027-06-01")
    assert "0 cancelled" in result.stderr and "6 outside --from/--to or the filters" in result.stderr
    after = events(out)
    assert sorted(after) == sorted(f"talks.yearly.c3.{name}@publish.planner"
                                   for name in ("call", "meeting", "meeting.read-ahead"))
    assert b"CANCELLED" not in out.read_bytes()
    # the whole plan again: the events outside the view come back unchanged, not as updates
    generate(small, out)
    assert {int(e["SEQUENCE"]) for e in events(out).values()} == {0}


def test_a_filter_over_a_complete_file_cancels_nothing(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    result = generate(small, out, "--kind", "vtc")
    assert "0 new, 0 changed, 3 unchanged, 0 cancelled, 6 outside" in result.stderr
    assert b"CANCELLED" not in out.read_bytes()


def test_only_leaving_the_plan_cancels_inside_a_view(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out, "--party", "SEDENA")
    remove_calls(small)
    assert generate(small, out, "--party", "SEDENA").exit_code == 0
    after = events(out)
    assert {uid for uid, e in after.items() if str(e["STATUS"]) == "CANCELLED"} == {
        "talks.yearly.c2.call@publish.planner", "talks.yearly.c3.call@publish.planner"}


# -- cancellations people can see and that do not pile up -------------------------------------

def test_a_cancelled_title_is_in_the_run_language(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out, "--lang", "es")
    remove_calls(small)
    generate(small, out, "--lang", "es")
    call = events(out)["talks.yearly.c2.call@publish.planner"]
    assert str(call["SUMMARY"]).startswith("Cancelado: ")


def test_a_cancellation_is_dropped_once_its_date_has_passed(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    remove_calls(small)
    generate(small, out)
    assert "talks.yearly.c2.call@publish.planner" in events(out)
    result = CliRunner().invoke(cli, ["generate", "-s", str(small), "-o", str(out),
                                      "--today", "2027-03-03"])  # the day after the 2027 call
    assert "1 cancelled earlier (kept until" in result.stderr
    assert "1 past or pruned cancellation dropped" in result.stderr
    cancelled = [uid for uid, e in events(out).items() if str(e["STATUS"]) == "CANCELLED"]
    assert cancelled == ["talks.yearly.c3.call@publish.planner"]


def test_the_summary_counts_calendar_entries_like_the_wrote_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The built-in schedule's staff-talks series has a moved occurrence: the series and its
    override are one calendar entry in both lines, not two in one and one in the other."""
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke
    first = run(cli, ["generate", "--today", "2026-11-23"])
    lines = first.stderr.splitlines()
    wrote = next(line for line in lines if line.startswith("wrote "))
    entries = int(wrote.split()[1])
    assert wrote.startswith(f"wrote {entries} calendar entries for ")
    assert f"roundtable.ics: calendar entries: {entries} new, 0 changed, 0 unchanged, " \
           "0 cancelled" in first.stderr
    assert len(Calendar.from_ical((tmp_path / "roundtable.ics").read_bytes())
               .walk("VEVENT")) == entries + 1  # the override is a VEVENT of its own
    again = run(cli, ["generate", "--today", "2026-11-23"])
    assert f"calendar entries: 0 new, 0 changed, {entries} unchanged, 0 cancelled" in again.stderr
    view = run(cli, ["generate", "--today", "2026-11-23", "--from", "2027-01-01"])
    found = re.search(r"calendar entries: 0 new, (\d+) changed, (\d+) unchanged, 0 cancelled, "
                      r"(\d+) outside --from/--to or the filters, not written", view.stderr)
    assert found is not None, view.stderr
    changed, unchanged, outside = map(int, found.groups())
    written = next(line for line in view.stderr.splitlines() if line.startswith("wrote "))
    assert written.startswith(f"wrote {changed + unchanged} calendar entries for ")
    assert changed + unchanged + outside == entries


def test_the_regeneration_summary_and_notes_in_spanish(
        small: Path, tmp_path: Path, later: None) -> None:
    out = tmp_path / "plan.ics"
    first = generate(small, out, "--lang", "es")
    assert "plan.ics: entradas de calendario: 9 nuevas, 0 modificadas, 0 sin cambios, " \
           "0 canceladas" in first.stderr
    remove_calls(small)
    foreign = (b"BEGIN:VEVENT\r\nUID:birthday@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
               b"DTSTART;VALUE=DATE:20260707\r\nSUMMARY:Birthday\r\nEND:VEVENT\r\n")
    out.write_bytes(out.read_bytes().replace(b"END:VCALENDAR", foreign + b"END:VCALENDAR"))
    spanish = CliRunner().invoke(cli, ["generate", "-s", str(small), "-o", str(out), "--today",
                                       TODAY.isoformat()], env={"LANG": "es_MX.UTF-8"})
    assert spanish.exit_code == 0, spanish.output
    assert ("plan.ics: entradas de calendario: 0 nuevas, 0 modificadas, 6 sin cambios, "
            "2 canceladas, 1 cancelación pasada o retirada con --prune, ya no se escribe"
            in spanish.stderr)
    assert ("plan.ics: 1 evento no lo escribió planner para @publish.planner; no se conserva"
            in spanish.stderr)
    assert "advertencia: " in spanish.stderr
    for english in ("calendar entries", "new,", "cancelled", "warning:", "not written by"):
        assert english not in spanish.stderr, english


def test_a_published_event_that_had_to_move_is_said_in_spanish(
        small: Path, tmp_path: Path, later: None) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    move_meetings(small)
    result = generate(small, out, "--lang", "es")
    moved = [line for line in result.stderr.splitlines() if line.startswith("movido: ")]
    assert moved and "moved:" not in result.stderr
    assert "está bloqueado (May leave)" in moved[0]  # the reason in Spanish, its name as given


def test_one_cancelled_entry_is_said_in_the_singular_in_spanish(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    remove_calls(small)
    # By mid-2027 the 2026 and 2027 calls are over: only the 2028 call is cancelled.
    result = CliRunner().invoke(cli, ["generate", "-s", str(small), "-o", str(out),
                                      "--today", "2027-06-01", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert ("(y 1 entrada cancelada, que se conserva hasta que pase su fecha o hasta --prune)"
            in result.stderr)
