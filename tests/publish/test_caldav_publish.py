"""`planner publish` against a real Radicale server, read back with the caldav library."""

from __future__ import annotations

import datetime as dt
import threading
import traceback
from pathlib import Path
from typing import Any

import caldav
import pytest
from click.testing import CliRunner, Result
from conftest import STAMP, TODAY
from icalendar import Calendar, Event

from planner import load_schedule, make_plan
from planner.cli import cli
from planner.publish.actions import Report
from planner.publish.apply import apply_sync
from planner.publish.connection import CalendarConnection
from planner.publish.failure import PublishError
from planner.publish.sync_plan import fresh_events, plan_sync

from .conftest import USERS, Radicale, move_meetings, remove_calls

ALICE = USERS["alice"]
PLAN_EVENTS = 9  # small.toml: 3 meetings, 3 calls, 3 tasks


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME, so no real ~/.netrc is read."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PLANNER_CALDAV_PASSWORD", raising=False)
    return home


def publish(schedule: Path, url: str, *extra: str, password: str | None = ALICE,
            user: str | None = "alice", input: str | None = None) -> Result:
    args = ["publish", "-s", str(schedule), "--url", url, "--today", TODAY.isoformat(), *extra]
    if user:
        args += ["--user", user]
    env = {"PLANNER_CALDAV_PASSWORD": password} if password else {}
    return CliRunner().invoke(cli, args, env=env, input=input)


def server_events(radicale: Radicale, url: str) -> dict[str, dict[str, Any]]:
    """UID -> href, etag, raw data and VEVENT, as the caldav library reads the calendar."""
    calendar = radicale.client().calendar(url=url)  # type: ignore[attr-defined]
    found = {}
    for item in calendar.events():
        event = item.icalendar_component
        found[str(event["UID"])] = {"href": str(item.url), "etag": item.props["{DAV:}getetag"],
                                    "data": item.data, "event": event}
    return found


def put_foreign(radicale: Radicale, url: str, name: str, uid: str, extra: str = "") -> None:
    body = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone else//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20270504\r\n"
            f"DTEND;VALUE=DATE:20270505\r\nSUMMARY:Not planner's\r\n{extra}"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
    client: Any = radicale.client()
    response = client.request(url + name, "PUT", body,
                              {"Content-Type": "text/calendar; charset=utf-8"})
    assert response.status in (201, 204)


def day(event: Event) -> dt.date:
    start = event.decoded("DTSTART")
    return start.date() if isinstance(start, dt.datetime) else start


def sync_for(schedule: Path, connection: CalendarConnection) -> Any:
    loaded = load_schedule(schedule)
    plan = make_plan(loaded, today=TODAY)
    names = {party.id: party.name for party in loaded.parties}  # as the CLI does
    return plan_sync(connection.read(plan.uid_domain),
                     fresh_events(plan, stamp=STAMP, party_names=names), connection.url, STAMP)


# -- the normal course ----------------------------------------------------------------------------

def test_first_publish_creates_every_event_and_a_second_changes_nothing(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    first = publish(small, calendar_url)
    assert first.exit_code == 0, first.output
    assert f"{PLAN_EVENTS} created, 0 updated, 0 deleted" in first.stdout
    events = server_events(radicale, calendar_url)
    assert len(events) == PLAN_EVENTS
    assert all(uid.endswith("@publish.planner") for uid in events)
    etags = {uid: e["etag"] for uid, e in events.items()}
    second = publish(small, calendar_url)
    assert second.exit_code == 0, second.output
    assert f"0 created, 0 updated, 0 deleted, {PLAN_EVENTS} unchanged, 0 conflicts" in second.stdout
    assert {uid: e["etag"] for uid, e in server_events(radicale, calendar_url).items()} == etags


def test_moved_events_are_updated_in_place_and_removed_ones_are_deleted(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    before = server_events(radicale, calendar_url)
    move_meetings(small)
    remove_calls(small)
    result = publish(small, calendar_url)
    assert result.exit_code == 0, result.output
    assert "0 created, 6 updated, 3 deleted, 0 unchanged, 0 conflicts" in result.stdout
    after = server_events(radicale, calendar_url)
    assert len(after) == 6
    assert not [uid for uid in after if ".call@" in uid]  # the calls are gone
    meeting = "talks.yearly.c1.meeting@publish.planner"
    assert day(before[meeting]["event"]) == dt.date(2026, 5, 5)
    assert day(after[meeting]["event"]) == dt.date(2026, 6, 2)  # moved ...
    assert after[meeting]["href"] == before[meeting]["href"]  # ... in place, same UID
    assert int(after[meeting]["event"]["SEQUENCE"]) == int(before[meeting]["event"]["SEQUENCE"]) + 1
    assert "LAST-MODIFIED" in after[meeting]["event"]


def test_calendar_resources_carry_no_method_and_their_own_timezone(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    for uid, item in server_events(radicale, calendar_url).items():
        assert "METHOD" not in Calendar.from_ical(item["data"]), uid
        if ".call@" in uid:
            assert "BEGIN:VTIMEZONE" in item["data"] and "TZID:America/Denver" in item["data"]


def test_events_planner_did_not_make_are_never_touched(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    put_foreign(radicale, calendar_url, "mine.ics", "birthday@example.org")
    # planner's UID domain but no X-PLANNER-ID, and an X-PLANNER-ID under another domain
    put_foreign(radicale, calendar_url, "lookalike.ics", "talks.old.meeting@publish.planner")
    put_foreign(radicale, calendar_url, "other-plan.ics", "x@other.planner",
                "X-PLANNER-ID:x\r\n")
    foreign = {uid: e for uid, e in server_events(radicale, calendar_url).items()}
    assert publish(small, calendar_url).exit_code == 0
    move_meetings(small)
    remove_calls(small)
    result = publish(small, calendar_url)
    assert result.exit_code == 0, result.output
    assert "3 others' events left alone" in result.stdout
    after = server_events(radicale, calendar_url)
    for uid, item in foreign.items():
        assert after[uid]["etag"] == item["etag"] and after[uid]["data"] == item["data"]


def test_filters_publish_only_the_chosen_events(radicale: Radicale, calendar_url: str,
                                                small: Path) -> None:
    result = publish(small, calendar_url, "--kind", "vtc")
    assert result.exit_code == 0, result.output
    assert sorted(server_events(radicale, calendar_url)) == [
        f"talks.yearly.c{n}.call@publish.planner" for n in (1, 2, 3)]


def test_lang_es_publishes_spanish_titles(radicale: Radicale, calendar_url: str,
                                          small: Path) -> None:
    assert publish(small, calendar_url, "--lang", "es").exit_code == 0
    titles = {str(e["event"]["SUMMARY"]) for e in server_events(radicale, calendar_url).values()}
    assert "PEM: Pláticas (n.º 1)" in titles


def test_dry_run_prints_the_same_report_and_writes_nothing(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    move_meetings(small)
    remove_calls(small)
    before = server_events(radicale, calendar_url)
    dry = publish(small, calendar_url, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert server_events(radicale, calendar_url) == before  # not a byte changed
    assert "dry run, nothing written: 0 would create, 6 would update, 3 would delete" in dry.stdout
    real = publish(small, calendar_url)
    assert real.exit_code == 0
    assert dry.stdout.splitlines()[:-1] == real.stdout.splitlines()[:-1]  # the same lines


def test_a_progress_bar_shows_on_stderr_when_there_is_real_work(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    result = publish(small, calendar_url)
    assert result.exit_code == 0
    assert "publishing" in result.stderr and "publishing" not in result.stdout


# -- nobody's edits are overwritten -------------------------------------------------------------

def test_a_change_made_between_read_and_write_is_reported_and_not_overwritten(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    move_meetings(small)
    connection = CalendarConnection(calendar_url, "alice", ALICE)
    sync = sync_for(small, connection)  # read and decided
    first = sync.writes[0]
    # someone edits that very event now, before planner's PUT
    client: Any = radicale.client()
    edited = client.request(first.href, "GET").raw.replace("SUMMARY:", "SUMMARY:Edited: ")
    assert client.request(first.href, "PUT", edited,
                          {"Content-Type": "text/calendar; charset=utf-8"}).status == 204
    before = server_events(radicale, calendar_url)
    with pytest.raises(PublishError) as caught:
        apply_sync(connection, sync)
    assert caught.value.exit_status == 1
    assert "conflict" in caught.value.message and "nothing was overwritten" in caught.value.message
    report = caught.value.report
    assert report is not None and report.count("conflict") == 1
    assert len(report.not_done) == len(sync.writes) - 1
    assert server_events(radicale, calendar_url) == before  # the edit stands, nothing else moved


def test_two_publishers_who_read_the_same_state_one_wins_the_other_changes_nothing(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    move_meetings(small)
    remove_calls(small)
    first = CalendarConnection(calendar_url, "alice", ALICE)
    second = CalendarConnection(calendar_url, "alice", ALICE)
    sync_one, sync_two = sync_for(small, first), sync_for(small, second)
    won = apply_sync(first, sync_one)
    assert won.count("update") == 6 and won.count("delete") == 3
    after_winner = server_events(radicale, calendar_url)
    with pytest.raises(PublishError) as caught:
        apply_sync(second, sync_two)
    assert caught.value.report is not None
    assert [a.verb for a in caught.value.report.done if a.verb in ("update", "delete")] == []
    assert server_events(radicale, calendar_url) == after_winner


def test_two_publishers_racing_in_threads_never_duplicate_or_overwrite(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    connections = [CalendarConnection(calendar_url, "alice", ALICE) for _ in range(2)]
    syncs = [sync_for(small, c) for c in connections]  # both read the empty calendar
    outcomes: list[Report | PublishError] = [Report(), Report()]
    gate = threading.Barrier(2)

    def run(index: int) -> None:
        gate.wait()
        try:
            outcomes[index] = apply_sync(connections[index], syncs[index])
        except PublishError as error:
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    conflicts = [o for o in outcomes if isinstance(o, PublishError)]
    assert conflicts, "both creating the same first event: one of them must get 412"
    reports = [o.report if isinstance(o, PublishError) else o for o in outcomes]
    created = [a.uid for r in reports if r is not None for a in r.done if a.verb == "create"]
    assert len(created) == len(set(created))  # nothing created twice, nothing overwritten
    assert len(server_events(radicale, calendar_url)) == len(created)
    rerun = publish(small, calendar_url)  # a re-run completes the calendar
    assert rerun.exit_code == 0, rerun.output
    assert len(server_events(radicale, calendar_url)) == PLAN_EVENTS


def test_an_event_edited_on_the_server_since_publishing_is_left_alone(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    meeting = server_events(radicale, calendar_url)["talks.yearly.c2.meeting@publish.planner"]
    client: Any = radicale.client()
    edited = meeting["data"].replace("DTSTART;VALUE=DATE:20270504", "DTSTART;VALUE=DATE:20270503")
    assert edited != meeting["data"]
    assert client.request(meeting["href"], "PUT", edited,
                          {"Content-Type": "text/calendar; charset=utf-8"}).status == 204
    move_meetings(small)  # planner wants to move it too
    result = publish(small, calendar_url)
    assert result.exit_code == 1
    assert "talks.yearly.c2.meeting" in result.stdout and "edited on the server" in result.stdout
    assert "1 conflict," in result.stdout
    kept = server_events(radicale, calendar_url)["talks.yearly.c2.meeting@publish.planner"]
    assert day(kept["event"]) == dt.date(2027, 5, 3)  # the person's edit stands


# -- failures -----------------------------------------------------------------------------------

def test_server_killed_mid_publish_leaves_a_consistent_calendar_and_a_rerun_completes_it(
        tmp_path: Path, small: Path) -> None:
    server = Radicale(tmp_path / "crash")
    server.start()
    try:
        url = server.make_calendar()
        connection = CalendarConnection(url, "alice", ALICE, timeout=10)
        sync = sync_for(small, connection)
        done: list[str] = []

        def pull_the_plug(action: Any) -> None:
            done.append(action.uid)
            if len(done) == 4:
                server.kill()

        with pytest.raises(PublishError) as caught:
            apply_sync(connection, sync, progress=pull_the_plug)
        error = caught.value
        assert error.exit_status == 1 and "cannot reach 127.0.0.1" in error.message
        assert error.report is not None and error.report.count("create") == 4
        assert len(error.report.not_done) == PLAN_EVENTS - 4
        server.start()
        stored = server_events(server, url)
        assert sorted(stored) == sorted(done)  # exactly what was reported, each one whole
        for item in stored.values():
            assert len(Calendar.from_ical(item["data"]).walk("VEVENT")) == 1
        rerun = publish(small, url)
        assert rerun.exit_code == 0, rerun.output
        assert f"{PLAN_EVENTS - 4} created, 0 updated, 0 deleted, 4 unchanged" in rerun.stdout
        assert len(server_events(server, url)) == PLAN_EVENTS
    finally:
        server.kill()


def test_a_server_that_is_down_gives_one_line_and_exit_1(small: Path) -> None:
    from .conftest import free_port

    result = publish(small, f"http://127.0.0.1:{free_port()}/alice/plan/")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("planner: cannot reach 127.0.0.1")
    assert "Traceback" not in result.output


def test_interrupted_cli_run_says_what_was_already_published(
        tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = Radicale(tmp_path / "cut")
    server.start()
    try:
        url = server.make_calendar()
        real_put = CalendarConnection.put
        calls = []

        def put_then_die(self: CalendarConnection, action: Any) -> int:
            calls.append(action)
            if len(calls) == 3:
                server.kill()
            return real_put(self, action)

        monkeypatch.setattr(CalendarConnection, "put", put_then_die)
        result = publish(small, url)
        assert result.exit_code == 1
        assert "2 created" in result.stdout and f"{PLAN_EVENTS - 2} changes not made" in result.stdout
        assert result.stdout.count("not done") == PLAN_EVENTS - 2
        assert "planner: cannot reach" in result.stderr
    finally:
        server.kill()


def test_wrong_password_is_exit_2_and_the_password_is_never_shown(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    wrong = "Wr0ng-Pa55word-Zebra"
    result = publish(small, calendar_url, password=wrong)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == \
        "planner: 127.0.0.1 refused the credentials of user 'alice' (401)"
    assert wrong not in result.output
    with pytest.raises(PublishError) as caught:
        CalendarConnection(calendar_url, "alice", wrong).read("publish.planner")
    text = "".join(traceback.format_exception(caught.value))
    assert wrong not in text and wrong not in repr(caught.value) and wrong not in str(caught.value)


def test_the_right_password_never_appears_in_output_or_errors(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    ok = publish(small, calendar_url)
    down = publish(small, calendar_url.replace(f":{radicale.port}/", ":9/"))
    missing = publish(small, calendar_url + "nope/")
    for result in (ok, down, missing):
        assert ALICE not in result.output and ALICE not in repr(result.exception)


def test_another_users_calendar_is_403_exit_2(radicale: Radicale, calendar_url: str,
                                              small: Path) -> None:
    result = publish(small, calendar_url, user="bob", password=USERS["bob"])
    assert result.exit_code == 2
    assert "refused access (403)" in result.stderr and "'bob'" in result.stderr


def test_a_calendar_that_does_not_exist_is_404_exit_2(radicale: Radicale, small: Path) -> None:
    result = publish(small, f"{radicale.base}alice/no-such-calendar/")
    assert result.exit_code == 2
    assert "no calendar at" in result.stderr and "404" in result.stderr


def test_a_url_that_is_not_a_calendar_is_exit_2(radicale: Radicale, small: Path) -> None:
    result = publish(small, f"{radicale.base}alice/")
    assert result.exit_code == 2
    assert "is not a calendar" in result.stderr


# -- credentials ----------------------------------------------------------------------------------

def test_there_is_no_password_option(small: Path) -> None:
    result = CliRunner().invoke(cli, ["publish", "-s", str(small), "--url", "http://127.0.0.1:9/c/",
                                      "--password", "x"])
    assert result.exit_code == 2 and "No such option '--password'" in result.output


def test_credentials_in_the_url_are_refused(small: Path) -> None:
    result = publish(small, f"http://alice:{ALICE}@127.0.0.1:9/alice/plan/")
    assert result.exit_code == 2
    assert "carries credentials" in result.output and ALICE not in result.output


def test_password_from_netrc(radicale: Radicale, calendar_url: str, small: Path,
                             _home: Path) -> None:
    netrc = _home / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login alice password {ALICE}\n")
    netrc.chmod(0o600)
    result = publish(small, calendar_url, password=None, user=None)  # user and password from it
    assert result.exit_code == 0, result.output
    assert ALICE not in result.output
    assert len(server_events(radicale, calendar_url)) == PLAN_EVENTS


@pytest.mark.filterwarnings("ignore:Unverified HTTPS request")
def test_tls_certificates_are_verified_unless_insecure(tmp_path: Path, small: Path) -> None:
    from conftest import require_binary

    openssl = require_binary("openssl", "openssl")
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    server = Radicale(tmp_path / "tls", tls=(cert, key))
    server.start()
    try:
        url = server.make_calendar()
        refused = publish(small, url)
        assert refused.exit_code == 1
        assert "TLS failure" in refused.stderr and "--insecure" in refused.stderr
        assert server_events(server, url) == {}
        allowed = publish(small, url, "--insecure")
        assert allowed.exit_code == 0, allowed.output
        assert "TLS certificate verification is off" in allowed.stderr
        assert len(server_events(server, url)) == PLAN_EVENTS
    finally:
        server.kill()


def test_connection_verifies_tls_by_default() -> None:
    verified = CalendarConnection("https://dav.example.org/cal/", "alice", "x")
    unverified = CalendarConnection("https://dav.example.org/cal/", "alice", "x", insecure=True)
    assert verified._client.ssl_verify_cert is True
    assert unverified._client.ssl_verify_cert is False


def test_caldav_is_the_client_library() -> None:
    connection = CalendarConnection("https://dav.example.org/cal/")
    assert isinstance(connection._client, caldav.DAVClient)


def test_published_dates_stay_when_only_a_preference_changes_unless_replan(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    meeting = "talks.yearly.c1.meeting@publish.planner"
    small.write_text(small.read_text().replace("preferred_months = [5]", "preferred_months = [6]"))
    kept = publish(small, calendar_url)
    assert kept.exit_code == 0, kept.output
    assert day(server_events(radicale, calendar_url)[meeting]["event"]) == dt.date(2026, 5, 5)
    assert "0 created" in kept.stdout and "0 deleted" in kept.stdout
    replanned = publish(small, calendar_url, "--replan")
    assert replanned.exit_code == 0, replanned.output
    assert day(server_events(radicale, calendar_url)[meeting]["event"]) == dt.date(2026, 6, 2)


# -- a series and its moved occurrence ------------------------------------------------------------

SERIES = "staff_talks.quarterly_review@roundtable.planner"


def roundtable_copy(tmp_path: Path) -> Path:
    from planner.schedule.packaged import default_schedule

    path = tmp_path / "roundtable.toml"
    path.write_text(default_schedule().read_text(encoding="utf-8"), encoding="utf-8")
    return path


def series_resource(radicale: Radicale, url: str) -> tuple[str, str, str]:
    """(href, etag, data) of the quarterly staff talks' resource."""
    found = server_events(radicale, url)[SERIES]
    client: Any = radicale.client()
    return found["href"], found["etag"], client.request(found["href"]).raw


def test_a_moved_occurrence_is_published_in_its_series_resource(
        radicale: Radicale, calendar_url: str, tmp_path: Path) -> None:
    schedule = roundtable_copy(tmp_path)
    first = publish(schedule, calendar_url)
    assert first.exit_code == 0, first.output
    assert "56 created, 0 updated" in first.stdout and "0 conflicts" in first.stdout
    _, _, data = series_resource(radicale, calendar_url)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e.get("RECURRENCE-ID", "")) != "" for e in events] == [False, True]
    assert {str(e["UID"]) for e in events} == {SERIES}
    again = publish(schedule, calendar_url)
    assert "0 created, 0 updated, 0 deleted, 56 unchanged, 0 conflicts" in again.stdout


def test_an_occurrence_a_user_changed_on_the_server_is_a_conflict_not_dropped(
        radicale: Radicale, calendar_url: str, tmp_path: Path) -> None:
    schedule = roundtable_copy(tmp_path)
    assert publish(schedule, calendar_url).exit_code == 0
    href, etag, data = series_resource(radicale, calendar_url)
    # A user moves the July 2027 talk by an hour in their calendar app: an override.
    users = ("BEGIN:VEVENT\r\nUID:" + SERIES + "\r\nDTSTAMP:20270101T000000Z\r\n"
             "RECURRENCE-ID;TZID=America/Mexico_City:20270713T090000\r\n"
             "DTSTART;TZID=America/Mexico_City:20270713T100000\r\n"
             "DTEND;TZID=America/Mexico_City:20270713T120000\r\n"
             "SUMMARY:SST: Quarterly staff talks (moved by me)\r\nEND:VEVENT\r\n")
    client: Any = radicale.client()
    edited = data.replace("END:VCALENDAR", users + "END:VCALENDAR")
    assert client.request(href, "PUT", edited, {"Content-Type": "text/calendar; charset=utf-8",
                                                "If-Match": etag}).status in (201, 204)
    unchanged = publish(schedule, calendar_url)  # the series did not change: nothing to do
    assert unchanged.exit_code == 0 and "56 unchanged, 0 conflicts" in unchanged.stdout
    text = schedule.read_text(encoding="utf-8")
    schedule.write_text(text.replace('hours = 2\nvenue = "mexico_city"\nline_of_effort = '
                                     '"institutional-strengthening"',
                                     'hours = 3\nvenue = "mexico_city"\nline_of_effort = '
                                     '"institutional-strengthening"', 1), encoding="utf-8")
    assert schedule.read_text(encoding="utf-8") != text
    changed = publish(schedule, calendar_url)
    assert changed.exit_code == 1
    assert "RECURRENCE-ID 20270713T090000" in changed.stdout and "1 conflict," in changed.stdout
    _, _, after = series_resource(radicale, calendar_url)
    assert "moved by me" in after  # the user's occurrence is still there
