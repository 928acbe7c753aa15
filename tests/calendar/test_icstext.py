"""planner writes calendars as text; these check it against icalendar, the reference writer.

For any text, date, time zone and alarm, an event planner writes is byte for byte what
icalendar writes for the same properties, and reads back through icalendar to the same
values. The one deliberate difference: a time in a zone that icalendar treats as equal to UTC
(Africa/Abidjan, ...) keeps its TZID and VTIMEZONE instead of turning into UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Alarm, Calendar, Event, vDuration, vRecur
from icalendar.parser import Contentline

from planner import Plan
from planner.calendar.ics import (
    _ICS_STATUS,
    alarm_trigger,
    busy_status,
    calendar_bytes,
    describe,
    event_component,
    summary_of,
    title_of,
)
from planner.calendar.icstext import (
    escape_text,
    fold,
    read_components,
    recur_text,
    serialize,
    utc_text,
)
from planner.i18n import Text, phrase
from planner.plan import PlannedEvent
from planner.schedule.model import Precision

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
DOMAIN = "roundtable.planner"
# Letters, digits, the characters TEXT escapes, the folding boundary ones, and wide UTF-8.
TEXTS = st.text(st.sampled_from(list("abcnNxyzÁéñü€😀汉 \\;,:^\"'\n\r\t=")), max_size=200)
ZONES = st.sampled_from(["America/Mexico_City", "America/Denver", "Asia/Kathmandu",
                         "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Dublin"])


def icalendar_event(event: PlannedEvent, party_names: dict[str, Text], lang: str) -> Event:
    """The VEVENT built with icalendar's own objects, the way planner 0.1 built it."""
    component = Event()
    component.add("uid", f"{event.id}@{DOMAIN}")
    component.add("dtstamp", STAMP)
    if event.start_time is not None and event.end_time is not None:
        component.add("dtstart", event.start_time)
        component.add("dtend", event.end_time)
    else:
        component.add("dtstart", event.start)
        last = event.end if event.precision is Precision.DAY else event.start  # a marker
        component.add("dtend", last + dt.timedelta(days=1))
    component.add("summary", summary_of(event, lang))
    if event.location:
        component.add("location", event.location.get(lang))
    component.add("description", describe(event, party_names, lang))
    component.add("categories", [event.kind])
    component.add("status", _ICS_STATUS[event.status])
    component.add("sequence", 0)
    busy = busy_status(event)
    component.add("transp", "TRANSPARENT" if busy == "FREE" else "OPAQUE")
    component.add("x-microsoft-cdo-busystatus", busy)
    component.add("x-planner-id", event.id)
    if event.alarm_days:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", phrase("alarm", title=title_of(event)).get(lang))
        alarm.add("trigger", vDuration.from_ical(alarm_trigger(event, event.alarm_days)))
        component.add_component(alarm)
    return component


def planner_bytes(event: PlannedEvent, party_names: dict[str, Text], lang: str) -> bytes:
    own = event_component(event, DOMAIN, utc_text(STAMP), party_names, lang)
    return serialize(own.content_lines())


@pytest.mark.parametrize("lang", ["en", "es", "en+es"])
def test_every_roundtable_event_is_written_as_icalendar_writes_it(
        roundtable_plan: Plan, lang: str) -> None:
    names = {"SEDENA": Text("Secretariat of National Defense", "Secretaría de la Defensa")}
    for event in roundtable_plan.events:
        if event.series is None:
            assert planner_bytes(event, names, lang) == icalendar_event(event, names, lang).to_ical()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXTS, place=TEXTS, about=TEXTS, zone=ZONES, hour=st.integers(0, 23),
       days=st.integers(0, 40), alarm=st.integers(0, 30), lang=st.sampled_from(["en", "es"]))
def test_any_text_time_and_alarm_is_written_as_icalendar_writes_it(
        roundtable_plan: Plan, title: str, place: str, about: str, zone: str, hour: int,
        days: int, alarm: int, lang: str) -> None:
    # icalendar writes a literal backslash-N as a line break (test_backslashes_are_text...)
    assume(not any("\\N" in text for text in (title, title[::-1], place, about)))
    base = next(e for e in roundtable_plan.events
                if e.series is None and e.precision is Precision.DAY)
    start = dt.datetime(2027, 3, 1, hour, 30, tzinfo=ZoneInfo(zone)) + dt.timedelta(days=days)
    event = replace(base, title=Text(title, title[::-1]), location=Text(place),
                    description=Text(about), start_time=start,
                    end_time=start + dt.timedelta(hours=2), alarm_days=alarm)
    data = planner_bytes(event, {}, lang)
    assert data == icalendar_event(event, {}, lang).to_ical()
    parsed = Event.from_ical(data)
    # Line breaks of every kind come back as one: TEXT has only \n.
    written = event.title.get(lang).replace("\r\n", "\n").replace("\r", "\n")
    assert str(parsed["SUMMARY"]) == written
    assert parsed.decoded("DTSTART") == start


@given(st.text(max_size=400))
def test_folding_is_icalendars(line: str) -> None:
    line = line.replace("\r", "").replace("\n", "")
    assert fold(line).encode("utf-8", "surrogatepass") == Contentline(line).to_ical()


@given(TEXTS)
def test_escaping_is_icalendars(text: str) -> None:
    assume("\\N" not in text)  # icalendar's writer turns it into a line break; planner does not
    event = Event()
    event.add("summary", text)
    assert serialize([f"SUMMARY:{escape_text(text)}"]) == event.to_ical().split(b"\r\n", 1)[1][:-len(
        b"END:VEVENT\r\n")]


@given(TEXTS)
def test_backslashes_are_text_and_read_back_unchanged(text: str) -> None:
    event = Event.from_ical(serialize(["BEGIN:VEVENT", f"SUMMARY:{escape_text(text)}",
                                       "END:VEVENT"]))
    assert str(event["SUMMARY"]) == text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("text", ["C:\\Notes", "SEDENA\\NORTHCOM", "a\\nb", "a\\Nb", "\\\\N",
                                  "x\\\\\\y", "looks like \\r\\n", "\\;\\,", "end\\"])
def test_backslash_injection_is_written_as_text(text: str) -> None:
    line = f"SUMMARY:{escape_text(text)}"
    assert line == "SUMMARY:" + text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    assert str(Event.from_ical(serialize(["BEGIN:VEVENT", line, "END:VEVENT"]))["SUMMARY"]) == text


@pytest.mark.parametrize("rule", [
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20291009", "freq=weekly;byday=tu,th",
    "FREQ=MONTHLY;BYDAY=+2TU", "FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=1,4,7",
    "FREQ=YEARLY;BYMONTH=03;BYMONTHDAY=01", "FREQ=WEEKLY;INTERVAL=02;WKST=su;BYDAY=MO",
    "BYDAY=MO;FREQ=WEEKLY;UNTIL=20300101T000000Z", "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,FR",
    "FREQ=DAILY;BYHOUR=9;COUNT=3"])
def test_recurrence_rules_are_written_as_icalendar_writes_them(rule: str) -> None:
    assert recur_text(rule) == vRecur.from_ical(rule).to_ical().decode()


def test_a_utc_like_zone_keeps_its_name_and_vtimezone(roundtable_plan: Plan) -> None:
    base = next(e for e in roundtable_plan.events if e.series is None)
    start = dt.datetime(2027, 3, 1, 9, tzinfo=ZoneInfo("Africa/Abidjan"))
    event = replace(base, start_time=start, end_time=start + dt.timedelta(hours=1))
    own = event_component(event, DOMAIN, utc_text(STAMP), {}, "en")
    data = calendar_bytes([own], name="x")
    assert b"DTSTART;TZID=Africa/Abidjan:20270301T090000\r\n" in data
    parsed = Calendar.from_ical(data)
    assert [str(zone["TZID"]) for zone in parsed.walk("VTIMEZONE")] == ["Africa/Abidjan"]
    assert parsed.walk("VEVENT")[0].decoded("DTSTART") == start


def test_reading_back_gives_the_lines_that_were_written(roundtable_plan: Plan) -> None:
    events = [event_component(e, DOMAIN, utc_text(STAMP), {}, "es")
              for e in roundtable_plan.events if e.series is None]
    calendar = read_components(calendar_bytes(events, name="x"))
    assert calendar is not None
    read = [c for c in calendar.children if c.name == "VEVENT"]
    assert [list(c.content_lines()) for c in read] == [list(c.content_lines()) for c in events]


@pytest.mark.parametrize("data", [b"", b"not a calendar", b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\n",
                                  b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", b"\xff\xfe",
                                  b"BEGIN:VEVENT\r\nEND:VEVENT\r\n",
                                  b"BEGIN:VCALENDAR\r\nno colon\r\nEND:VCALENDAR\r\n"])
def test_what_is_not_one_well_formed_calendar_is_not_read(data: bytes) -> None:
    assert read_components(data) is None


@pytest.mark.parametrize("fold_with", [b"\r\n ", b"\r\n\t", b"\n ", b"\n\t"])
def test_any_fold_and_line_ending_reads_back_the_same(fold_with: bytes) -> None:
    # The first fold splits "ó" in two: unfolding comes before decoding.
    folded = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Reuni\xc3" + fold_with + b"\xb3n de"
              + fold_with + b" trabajo\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    calendar = read_components(folded.replace(b"\r\n", b"\n") if b"\r" not in fold_with
                               else folded)
    assert calendar is not None
    assert calendar.children[0].lines == ["SUMMARY:Reunión de trabajo"]
