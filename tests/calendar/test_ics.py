"""The .ics bytes: RFC 5545 framing, dates, time zones, identity, alarms and reproducibility."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from conftest import TODAY, entries, render_calendar
from icalendar import Calendar, Event, Timezone

from planner import Plan, Schedule, load_schedule, make_plan
from planner.cli import cli
from planner.schedule.model import Precision

D = dt.date


@pytest.fixture(scope="module")
def data(roundtable: Schedule, roundtable_plan: Plan) -> bytes:
    return render_calendar(roundtable, roundtable_plan)


@pytest.fixture(scope="module")
def parsed(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events_by_uid(calendar: Calendar) -> dict[str, Event]:
    """Each entry by UID: a series' main VEVENT, not the overrides that share its UID."""
    return {str(event["UID"]): event for event in masters(calendar)}


def masters(calendar: Calendar) -> list[Event]:
    return [event for event in calendar.walk("VEVENT") if "RECURRENCE-ID" not in event]


def timed_schedule(minimal_text: str, write_schedule: Callable[..., Path], **extra: str) -> Schedule:
    """tests/minimal.toml with its meeting made a one-day, 10:00-12:00 timed event."""
    text = minimal_text.replace("days = 2\n", "start_time = 10:00\nhours = 2\n", 1)
    for old, new in extra.items():
        text = text.replace(old, new, 1)
    return load_schedule(write_schedule(text))


# -- framing ---------------------------------------------------------------------------------

def test_every_line_ends_with_crlf(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data.count(b"\r") == data.count(b"\r\n")


def test_no_line_is_longer_than_75_octets(data: bytes) -> None:
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long texts were folded


@pytest.mark.parametrize("offset", [0, 1, 2, 3], ids=["offset-0", "offset-1", "offset-2", "offset-3"])
def test_folding_never_splits_a_utf8_character(
        offset: int, minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    # 2-, 3- and 4-byte characters at every alignment against the 75-octet fold.
    title = "x" * offset + "Sesión ejecutiva — Ciudad de México €🇲🇽 " * 6
    text = minimal_text.replace('title = "Staff talks"', f'title = "{title}"', 1)
    schedule = load_schedule(write_schedule(text))
    data = render_calendar(schedule, make_plan(schedule, today=TODAY))
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold cut a character in two
    summary = str(Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"])
    assert summary == f"SST: {title} (1st)"


def test_text_is_escaped_and_round_trips(minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    text = minimal_text.replace(
        'title = "Staff talks"\n',
        'title = "Talks, phase; one \\\\ two"\ndescription = "Line one\\nLine two"\n', 1)
    schedule = load_schedule(write_schedule(text))
    data = render_calendar(schedule, make_plan(schedule, today=TODAY))
    unfolded = data.replace(b"\r\n ", b"")
    assert b"SUMMARY:SST: Talks\\, phase\\; one \\\\ two (1st)\r\n" in unfolded
    assert b"DESCRIPTION:Line one\\nLine two" in unfolded
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "SST: Talks, phase; one \\ two (1st)"
    assert str(event["DESCRIPTION"]).startswith("Line one\nLine two")


# -- dates and times -------------------------------------------------------------------------

def test_all_day_events_are_dates_with_exclusive_end(data: bytes, parsed: Calendar) -> None:
    ninth = events_by_uid(parsed)["roundtable.biennial.c2.executive_session@roundtable.planner"]
    assert b"DTSTART;VALUE=DATE:20260804\r\n" in data
    assert b"DTEND;VALUE=DATE:20260806\r\n" in data  # a Tue-Wed session ends Thursday, exclusive
    assert ninth.decoded("DTSTART") == D(2026, 8, 4)
    assert ninth.decoded("DTEND") == D(2026, 8, 6)


def test_reparsed_calendar_has_every_event_on_its_planned_dates(roundtable_plan: Plan,
                                                                parsed: Calendar) -> None:
    by_uid = events_by_uid(parsed)
    assert len(masters(parsed)) == len(entries(roundtable_plan.events)) == len(by_uid)
    for event in entries(roundtable_plan.events):
        component = by_uid[f"{event.calendar_id}@roundtable.planner"]
        start, end = component.decoded("DTSTART"), component.decoded("DTEND")
        if event.all_day:  # a fact known only to the month or year: a marker on its first day
            last = event.end if event.precision is Precision.DAY else event.start
            assert not isinstance(start, dt.datetime)
            assert (start, end) == (event.start, last + dt.timedelta(days=1)), event.id
        else:
            assert start == event.start_time and end == event.end_time, event.id


def test_timed_events_name_a_zone_that_has_a_vtimezone(parsed: Calendar) -> None:
    zones = [str(zone["TZID"]) for zone in parsed.walk("VTIMEZONE")]
    used = {event["DTSTART"].params["TZID"] for event in parsed.walk("VEVENT")
            if "TZID" in event["DTSTART"].params}
    assert "America/Denver" in used  # the tri-chair calls at Colorado Springs
    assert sorted(zones) == sorted(used)  # one VTIMEZONE per zone used, none unused
    for event in parsed.walk("VEVENT"):
        if "TZID" in event["DTSTART"].params:
            assert event["DTEND"].params["TZID"] == event["DTSTART"].params["TZID"]


def zone_named(calendar: Calendar, name: str) -> Timezone:
    (zone,) = [z for z in calendar.walk("VTIMEZONE") if str(z["TZID"]) == name]
    return zone


def test_denver_vtimezone_uses_yearly_rrules_not_rdates(parsed: Calendar) -> None:
    denver = zone_named(parsed, "America/Denver")
    parts = {part.name: part for part in denver.subcomponents}
    assert set(parts) == {"STANDARD", "DAYLIGHT"}
    for part in parts.values():
        assert "RDATE" not in part
        assert part["RRULE"]["FREQ"] == ["YEARLY"]
    assert parts["DAYLIGHT"]["RRULE"]["BYDAY"] == ["2SU"]  # second Sunday of March
    assert parts["STANDARD"]["RRULE"]["BYDAY"] == ["1SU"]  # first Sunday of November


def utc_through(zone: Timezone, local: dt.datetime) -> dt.datetime:
    """The UTC instant of a wall-clock time read through the VTIMEZONE itself, not by its name."""
    tz = zone.to_tz(lookup_tzid=False)
    return local.replace(tzinfo=tz).astimezone(dt.UTC)


def test_denver_vtimezone_gives_the_same_utc_instants_as_zoneinfo(roundtable_plan: Plan,
                                                                  parsed: Calendar) -> None:
    denver = zone_named(parsed, "America/Denver")
    calls = [e for e in roundtable_plan.events if e.timezone == "America/Denver" and e.start_time]
    assert calls
    for event in calls:
        assert event.start_time is not None
        local = event.start_time.replace(tzinfo=None)
        assert utc_through(denver, local) == event.start_time.astimezone(dt.UTC), event.id
    # and every week across the span, summer and winter alike
    zone = ZoneInfo("America/Denver")
    day = calls[0].start
    while day <= calls[-1].start:
        local = dt.datetime.combine(day, dt.time(10))
        assert utc_through(denver, local) == local.replace(tzinfo=zone).astimezone(dt.UTC), day
        day += dt.timedelta(days=7)


def test_mexico_city_after_2022_is_a_single_standard_component_at_minus_six(
        minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    schedule = timed_schedule(minimal_text, write_schedule)
    plan = make_plan(schedule, today=TODAY)
    calendar = Calendar.from_ical(render_calendar(schedule, plan))
    mexico = zone_named(calendar, "America/Mexico_City")
    (standard,) = mexico.subcomponents
    assert standard.name == "STANDARD"
    assert standard["TZOFFSETTO"].td == dt.timedelta(hours=-6)
    assert "RRULE" not in standard and "RDATE" not in standard
    meeting = next(e for e in plan.events if e.timezone == "America/Mexico_City")
    assert meeting.start_time is not None
    local = meeting.start_time.replace(tzinfo=None)
    assert utc_through(mexico, local) == meeting.start_time.astimezone(dt.UTC)
    assert meeting.start_time.astimezone(dt.UTC).hour == 16  # 10:00 at -06:00


# -- identity and content --------------------------------------------------------------------

def test_uids_are_unique_and_derived_from_the_event_id(roundtable_plan: Plan, parsed: Calendar) -> None:
    uids = [str(event["UID"]) for event in masters(parsed)]
    assert len(uids) == len(set(uids))
    assert set(uids) == {f"{e.calendar_id}@roundtable.planner" for e in roundtable_plan.events}
    sessions = [uid for uid in uids if ".executive_session@" in uid]
    assert sessions == [f"roundtable.{regime}.c{n}.executive_session@roundtable.planner"
                        for regime, n in [("annual", 1), ("annual", 8), ("biennial", 1),
                                          ("biennial", 2), ("biennial", 3)]]


def test_uid_stays_the_same_when_an_event_moves(roundtable: Schedule, roundtable_plan: Plan,
                                                parsed: Calendar,
                                                write_schedule: Callable[..., Path]) -> None:
    text = Path(roundtable.path).read_text(encoding="utf-8")
    old = "preferred_months = [8]"
    assert text.count(old) == 1
    moved_schedule = load_schedule(write_schedule(text.replace(old, "preferred_months = [9]")))
    moved = Calendar.from_ical(render_calendar(moved_schedule, make_plan(moved_schedule, today=TODAY)))
    uid = "roundtable.biennial.c2.executive_session@roundtable.planner"
    before, after = events_by_uid(parsed)[uid], events_by_uid(moved)[uid]
    assert before.decoded("DTSTART").month == 8
    assert after.decoded("DTSTART").month == 9
    assert set(events_by_uid(moved)) == set(events_by_uid(parsed))


def test_calendar_has_its_name(roundtable: Schedule, parsed: Calendar) -> None:
    assert str(parsed["X-WR-CALNAME"]) == str(parsed["NAME"]) == roundtable.calendar_name.en


def test_categories_are_the_event_kind(roundtable_plan: Plan, parsed: Calendar) -> None:
    by_uid = events_by_uid(parsed)
    for event in entries(roundtable_plan.events):
        component = by_uid[f"{event.calendar_id}@roundtable.planner"]
        assert [str(c) for c in component["CATEGORIES"].cats] == [event.kind]


def test_description_says_why_this_date_and_location_is_the_venue(parsed: Calendar) -> None:
    ninth = events_by_uid(parsed)["roundtable.biennial.c2.executive_session@roundtable.planner"]
    description = str(ninth["DESCRIPTION"])
    assert "Why this date: First allowed day in a preferred month (August)" in description
    assert "planner explain roundtable.biennial.c2.executive_session" in description
    assert str(ninth["LOCATION"]) == "Peterson Space Force Base, Colorado Springs, Colorado"


def test_approval_deadlines_carry_an_alarm_at_9_14_days_before(roundtable_plan: Plan,
                                                               parsed: Calendar) -> None:
    by_uid = events_by_uid(parsed)
    deadlines = [e for e in roundtable_plan.events if e.kind == "approval-deadline"]
    assert len(deadlines) == 3
    for event in deadlines:
        (alarm,) = by_uid[f"{event.id}@roundtable.planner"].walk("VALARM")
        assert alarm["TRIGGER"].dt == -dt.timedelta(days=13, hours=15)
        assert str(alarm["ACTION"]) == "DISPLAY"


def test_only_events_with_a_reminder_have_an_alarm(roundtable_plan: Plan, parsed: Calendar) -> None:
    by_uid = events_by_uid(parsed)
    for event in entries(roundtable_plan.events):
        alarms = by_uid[f"{event.calendar_id}@roundtable.planner"].walk("VALARM")
        assert bool(alarms) == bool(event.alarm_days), event.id


# -- reproducibility and language ------------------------------------------------------------

def test_two_runs_give_byte_identical_files(runner: CliRunner) -> None:
    args = ["generate", "-o", "-", "--today", "2026-11-23"]
    first, second = runner.invoke(cli, args), runner.invoke(cli, args)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes
    assert b"DTSTAMP:20260101T000000Z\r\n" in first.stdout_bytes


def test_source_date_epoch_changes_only_dtstamp(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["generate", "-o", "-", "--today", "2026-11-23"]
    first = runner.invoke(cli, args).stdout_bytes
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    later = runner.invoke(cli, args).stdout_bytes
    assert first != later
    assert first.replace(b"DTSTAMP:20260101T000000Z", b"") == \
        later.replace(b"DTSTAMP:20270115T080000Z", b"")


def test_cli_output_equals_the_library_rendering(runner: CliRunner, data: bytes) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--today", "2026-11-23"])
    assert result.stdout_bytes == data


def test_lang_es_gives_spanish_titles(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--today", "2026-11-23", "--lang", "es"])
    assert result.exit_code == 0
    calendar = Calendar.from_ical(result.stdout_bytes)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Mesa Redonda: Sesión ejecutiva (n.º 9)" in summaries
    assert "BMCR: Executive session (9th)" not in summaries
    assert str(calendar["X-WR-CALNAME"]) == "Cooperación militar México–EUA (planner)"
    ninth = events_by_uid(calendar)["roundtable.biennial.c2.executive_session@roundtable.planner"]
    assert "Por qué esta fecha" in str(ninth["DESCRIPTION"])


def test_lang_en_es_gives_both_languages(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--today", "2026-11-23", "--lang", "en+es"])
    assert result.exit_code == 0
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}
    assert "BMCR: Executive session (9th) / Mesa Redonda: Sesión ejecutiva (n.º 9)" in summaries
