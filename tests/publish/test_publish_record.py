"""The local publish record: an event deleted on the server and re-created by `publish`
continues its SEQUENCE (issue 11, point 11). Against the real Radicale server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planner.publish.publish_record import normal_url, record_path, state_folder

from .conftest import USERS, Radicale, move_meetings
from .test_caldav_publish import publish, server_events

MEETING = "talks.yearly.c1.meeting@publish.planner"
CALL = "talks.yearly.c1.call@publish.planner"


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME and state folder, so nothing touches the real ones."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("PLANNER_CALDAV_PASSWORD", raising=False)
    return tmp_path / "state"


def delete_on_server(radicale: Radicale, url: str, uid: str) -> None:
    calendar: Any = radicale.client().calendar(url=url)  # type: ignore[attr-defined]
    calendar.event_by_uid(uid).delete()
    assert uid not in server_events(radicale, url)


def sequence(radicale: Radicale, url: str, uid: str) -> int:
    return int(server_events(radicale, url)[uid]["event"]["SEQUENCE"])


def test_an_event_deleted_on_the_server_is_recreated_with_the_next_sequence(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    move_meetings(small)
    assert publish(small, calendar_url).exit_code == 0
    assert sequence(radicale, calendar_url, MEETING) == 1
    delete_on_server(radicale, calendar_url, MEETING)
    again = publish(small, calendar_url)
    assert again.exit_code == 0, again.output
    assert "create    2026-06-02  talks.yearly.c1.meeting" in again.stdout
    assert "1 created" in again.stdout and "0 deleted" in again.stdout
    assert sequence(radicale, calendar_url, MEETING) == 2  # not 0: clients holding 1 take it
    assert sequence(radicale, calendar_url, CALL) == 0  # untouched events keep theirs


def test_an_event_deleted_and_changed_in_the_schedule_continues_its_sequence(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    delete_on_server(radicale, calendar_url, MEETING)
    move_meetings(small)  # the meeting now also changes in the schedule
    again = publish(small, calendar_url)
    assert again.exit_code == 0, again.output
    assert "1 created" in again.stdout
    assert str(server_events(radicale, calendar_url)[MEETING]["event"]["DTSTART"].dt) == "2026-06-02"
    assert sequence(radicale, calendar_url, MEETING) == 1


def test_the_record_lives_in_the_state_folder_named_by_a_hash_without_credentials(
        radicale: Radicale, calendar_url: str, small: Path, _state: Path) -> None:
    dry = publish(small, calendar_url, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert not _state.exists()  # a dry run writes nothing
    assert publish(small, calendar_url).exit_code == 0
    files = list((_state / "planner").iterdir())
    assert files == [record_path(calendar_url)]
    assert files[0].name.startswith("publish-") and files[0].suffix == ".json"
    text = files[0].read_text()
    assert USERS["alice"] not in text and "alice" not in files[0].name
    record = json.loads(text)
    assert record["calendar"] == calendar_url
    assert record["sequences"][MEETING] == 0 and len(record["sequences"]) == 9
    assert not [p for p in (_state / "planner").iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize("damage", [b"{not json", b"\xff\xfe", b'{"format": 1, "sequences": {"x": -3}}',
                                    b"[]"])
def test_a_damaged_record_warns_once_and_publishing_goes_on(
        radicale: Radicale, calendar_url: str, small: Path, damage: bytes) -> None:
    assert publish(small, calendar_url).exit_code == 0
    path = record_path(calendar_url)
    path.write_bytes(damage)
    delete_on_server(radicale, calendar_url, MEETING)
    result = publish(small, calendar_url)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "publish record" in line]
    assert len(warnings) == 1 and str(path) in warnings[0] and "ignored" in warnings[0]
    assert "Traceback" not in result.output
    assert "1 created" in result.stdout
    assert sequence(radicale, calendar_url, MEETING) == 0  # the record was lost: the server's rule
    assert json.loads(path.read_text())["sequences"][MEETING] == 0  # rewritten, valid again


def test_a_record_that_cannot_be_written_warns_and_the_publish_still_counts(
        radicale: Radicale, calendar_url: str, small: Path, _state: Path) -> None:
    _state.mkdir()
    (_state / "planner").write_text("a file where the folder should be")
    result = publish(small, calendar_url)
    assert result.exit_code == 0, result.output
    assert "9 created" in result.stdout
    assert "could not write the publish record" in result.stderr
    assert "Traceback" not in result.output


def test_sequence_never_goes_below_the_record(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    """A server copy older than what planner published (restored from a backup, say) is
    updated past the record, never back to an old SEQUENCE."""
    assert publish(small, calendar_url).exit_code == 0
    path = record_path(calendar_url)
    record = json.loads(path.read_text())
    record["sequences"][MEETING] = 7
    path.write_text(json.dumps(record))
    move_meetings(small)
    assert publish(small, calendar_url).exit_code == 0
    assert sequence(radicale, calendar_url, MEETING) == 8


def test_the_same_calendar_spelled_differently_shares_one_record() -> None:
    assert normal_url("HTTP://Dav.Example.org:80/cal/alice/plan") == \
        normal_url("http://dav.example.org/cal/alice/plan/")
    assert record_path("https://dav.example.org:443/x/") == record_path("https://DAV.example.org/x")
    assert record_path("https://dav.example.org/x/") != record_path("https://dav.example.org/y/")


def test_the_state_folder_defaults_to_local_state(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_STATE_HOME")
    assert state_folder() == tmp_path / ".local" / "state" / "planner"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/path")  # ignored, as XDG says
    assert state_folder() == tmp_path / ".local" / "state" / "planner"


def test_a_moved_occurrence_is_recorded_under_its_recurrence_id() -> None:
    from planner.calendar.icstext import read_events
    from planner.publish.publish_record import sequences
    text = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:s@x\r\nSEQUENCE:3\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:s@x\r\nRECURRENCE-ID;VALUE=DATE:20270504\r\nSEQUENCE:4\r\n"
            "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:t@x\r\nSEQUENCE:nonsense\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n")
    found = sequences(read_events(text.encode()).events)
    assert found == {"s@x": 3, "s@x 20270504": 4, "t@x": 0}
