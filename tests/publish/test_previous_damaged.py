"""The previous calendar is state: a stray byte, a broken line or a forged event must not
erase it or leak through it. What can be read is read, event by event; what is skipped is
said."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import MINIMAL, TODAY
from icalendar import Calendar, Event

from planner import load_schedule, make_plan
from planner.calendar.ics import render_ics
from planner.calendar.options import CalendarOptions
from planner.calendar.reading import ALARM_PROPERTIES, MAX_SEQUENCE, WRITTEN_PROPERTIES
from planner.cli import cli
from planner.schedule.packaged import default_schedule

from .conftest import move_meetings, remove_calls

MEETING = "talks.yearly.c1.meeting@publish.planner"
CALL = "talks.yearly.c2.call@publish.planner"  # in 2027: ahead of TODAY


def generate(schedule: Path, output: Path) -> Result:
    result = CliRunner().invoke(cli, ["generate", "-s", str(schedule), "-o", str(output),
                                      "--today", TODAY.isoformat()])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def events(path: Path) -> dict[str, Event]:
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def in_event(data: bytes, uid: str, edit: Callable[[bytes], bytes]) -> bytes:
    """`data` with the VEVENT of `uid` changed by `edit`."""
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S):
        if f"UID:{uid}\r\n".encode() in block.replace(b"\r\n ", b""):
            return data.replace(block, edit(block))
    raise AssertionError(f"no event {uid}")


def nest(data: bytes) -> bytes:
    """The events after the first one moved into a VCALENDAR nested in the first."""
    first_end = data.index(b"END:VEVENT\r\n") + len(b"END:VEVENT\r\n")
    return (data[:first_end] + b"BEGIN:VCALENDAR\r\n" + data[first_end:].replace(
        b"END:VCALENDAR\r\n", b"END:VCALENDAR\r\nEND:VCALENDAR\r\n"))


DAMAGES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "utf-8 BOM": (lambda data: b"\xef\xbb\xbf" + data, ""),
    "one Latin-1 byte": (lambda data: in_event(data, MEETING, lambda block: block.replace(
        b"Participants", b"Particip\xe1nts")), "1 event had bytes that are not UTF-8"),
    "mismatched END": (lambda data: in_event(
        data, "talks.yearly.c1.meeting.read-ahead@publish.planner",
        lambda block: block.replace(b"END:VALARM", b"END:VTODO")), "1 event could not be read"),
    "two files concatenated": (lambda data: data + data, "9 events repeat a UID"),
    "nested VCALENDAR": (nest, ""),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_previous_file_keeps_the_state_of_every_readable_event(
        damage: str, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    move_meetings(small)
    generate(small, out)
    assert int(events(out)[MEETING]["SEQUENCE"]) == 1
    edit, note = DAMAGES[damage]
    out.write_bytes(edit(out.read_bytes()))
    remove_calls(small)
    result = generate(small, out)
    assert result.exit_code == 0, result.output
    # the calls left the plan: the cancellations of the two still ahead are sent (the 2026
    # one is over on TODAY, so it is dropped)
    assert "2 cancelled, 1 past" in result.stderr
    after = events(out)
    assert str(after[CALL]["STATUS"]) == "CANCELLED" and int(after[CALL]["SEQUENCE"]) == 1
    # the moved meeting keeps counting from the damaged file (1, or 2 where its bytes changed)
    assert int(after[MEETING]["SEQUENCE"]) >= 1
    assert note in result.stderr
    assert "SEQUENCE starts at 0" not in result.stderr


@pytest.mark.parametrize(("old", "new"), [
    (b"DTSTART;TZID=America/Denver:2027", b"DTSTART;TZID=America/Denver:9999"),
    (b"DTSTART;TZID=America/Denver:2027", b"DTSTART;TZID=America/Denver:0001"),
    (b"DTEND;TZID=America/Denver:2027", b"DTEND;TZID=America/Denver:9999"),
])
def test_an_event_dated_9999_or_0001_is_skipped_with_a_warning(
        old: bytes, new: bytes, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    out.write_bytes(in_event(out.read_bytes(), CALL, lambda block: block.replace(old, new)))
    remove_calls(small)
    result = generate(small, out)
    assert result.exit_code == 0, result.output
    assert "1 event could not be read" in result.stderr
    # the 2028 call's cancellation is still sent (the 2026 one is over on TODAY: dropped)
    assert "1 cancelled, 1 past" in result.stderr
    assert generate(small, out).exit_code == 0  # and every later run works too


def test_an_until_in_9999_is_skipped_with_a_warning(tmp_path: Path) -> None:
    schedule = tmp_path / "series.toml"
    schedule.write_text(MINIMAL.read_text() + '''
[forums.talks.series.sync]
title = "Synchronization call"
rrule = "FREQ=MONTHLY;BYDAY=2TU"
start = 2026-01-01
start_time = 09:00
hours = 1
venue = "colorado_springs"
''')
    out = tmp_path / "plan.ics"
    generate(schedule, out)
    data = out.read_bytes()
    assert b"UNTIL=2027" in data
    out.write_bytes(re.sub(rb"UNTIL=2027\d{4}T\d{6}Z", b"UNTIL=99991231T000000Z", data))
    schedule.write_text(MINIMAL.read_text())  # the series leaves: it would be cancelled
    result = generate(schedule, out)
    assert result.exit_code == 0, result.output
    assert "1 event could not be read" in result.stderr


def test_sequence_is_clamped_to_32_bits(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    out.write_bytes(in_event(out.read_bytes(), MEETING, lambda block: block.replace(
        b"SEQUENCE:0", b"SEQUENCE:9223372036854775808")))
    move_meetings(small)
    generate(small, out)
    assert int(events(out)[MEETING]["SEQUENCE"]) == MAX_SEQUENCE == 2**31 - 1


def test_a_repeated_uid_never_lets_sequence_go_backwards(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    data = out.read_bytes()
    meeting = re.search(rb"BEGIN:VEVENT\r\n(?:(?!END:VEVENT).)*?UID:" + MEETING.encode()
                        + rb".*?END:VEVENT\r\n", data, re.S)
    assert meeting is not None
    higher = meeting.group().replace(b"SEQUENCE:0", b"SEQUENCE:5")
    lower = meeting.group().replace(b"SEQUENCE:0", b"SEQUENCE:2")
    out.write_bytes(data.replace(meeting.group(), higher + lower))
    move_meetings(small)
    result = generate(small, out)
    assert int(events(out)[MEETING]["SEQUENCE"]) == 6
    assert "1 event repeats a UID; the one with the highest SEQUENCE was kept" in result.stderr


FORGED = (b"ATTACH:https://evil.example/payload.exe\r\n"
          b"ATTENDEE;CN=Boss:mailto:boss@example.org\r\nURL:javascript:alert(1)\r\n")


def test_forged_properties_on_planner_events_are_not_carried_over(small: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    generate(small, out)
    data = out.read_bytes()
    for uid in (MEETING, CALL):  # one stays unchanged, one will be cancelled
        data = in_event(data, uid, lambda block: block.replace(b"END:VEVENT", FORGED + b"END:VEVENT"))
    out.write_bytes(data)
    remove_calls(small)
    generate(small, out)
    written = out.read_bytes()
    for name in (b"ATTACH", b"ATTENDEE", b"URL:", b"javascript"):
        assert name not in written
    assert str(events(out)[CALL]["STATUS"]) == "CANCELLED"


def test_every_property_planner_writes_is_carried_over() -> None:
    """If the calendar writer gains a property, reading.WRITTEN_PROPERTIES must list it, or
    every run would see every event as changed."""
    schedule = load_schedule(default_schedule())
    plan = make_plan(schedule, today=TODAY)
    calendar = Calendar.from_ical(render_ics(plan, CalendarOptions(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))))
    names = {name for event in calendar.walk("VEVENT") for name in event}
    alarm_names = {name for alarm in calendar.walk("VALARM") for name in alarm}
    assert {n for n in names if not n.startswith("X-PLANNER-")} <= WRITTEN_PROPERTIES
    assert alarm_names <= ALARM_PROPERTIES


