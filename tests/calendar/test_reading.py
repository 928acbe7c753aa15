"""One definition, for regenerating and publishing alike, of which events are planner's and
of what counts as an event's content (what changes SEQUENCE)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import TODAY

from planner import load_schedule, make_plan
from planner.calendar.icstext import Component, read_events
from planner.calendar.reading import (
    HASH,
    MAX_SEQUENCE,
    content_hash,
    content_of,
    is_planners,
    key_of,
    own_properties,
    sequence_of,
)

SMALL = Path(__file__).parents[1] / "publish" / "small.toml"
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def event(*lines: str, alarm: tuple[str, ...] = ()) -> Component:
    base = ["SUMMARY:Staff talks", "DTSTART;VALUE=DATE:20260505", "DTEND;VALUE=DATE:20260507",
            "DTSTAMP:20260101T000000Z", "UID:talks.c1@publish.planner", "SEQUENCE:0",
            "X-PLANNER-ID:talks.c1", *lines]
    children = [Component("VALARM", list(alarm))] if alarm else []
    return Component("VEVENT", base, children)


def test_an_event_that_differs_only_in_its_stamps_and_sequence_has_the_same_content() -> None:
    later = event()
    later.put("DTSTAMP:20270115T080000Z")
    later.put("LAST-MODIFIED:20270115T080000Z")
    later.put("SEQUENCE:4")
    later.put(f"{HASH}:2.0123")
    assert content_of(later) == content_of(event())
    assert content_hash(later) == content_hash(event())


def test_a_new_title_date_place_or_alarm_is_a_change() -> None:
    for changed in (event("LOCATION:Mexico City"),
                    event(alarm=("ACTION:DISPLAY", "TRIGGER:-P2DT15H"))):
        assert content_of(changed) != content_of(event())
    moved = event()
    moved.put("DTSTART;VALUE=DATE:20260506")
    retitled = event()
    retitled.put("SUMMARY:Staff talks (moved)")
    assert content_of(moved) != content_of(event()) != content_of(retitled)
    assert content_of(event(alarm=("ACTION:DISPLAY", "TRIGGER:-P2DT15H"))) != \
        content_of(event(alarm=("ACTION:DISPLAY", "TRIGGER:-P6DT15H")))


def test_a_server_that_reorders_properties_or_respells_parameters_changed_nothing() -> None:
    written = event("DTEND;TZID=America/Denver;VALUE=DATE-TIME:20260505T110000")
    respelled = Component("VEVENT", list(reversed(written.lines)))
    respelled.lines[0] = 'dtend;value=DATE-TIME;tzid="America/Denver":20260505T110000'
    assert content_of(respelled) == content_of(written)


def test_what_apps_add_is_not_content_and_is_not_carried_over() -> None:
    snoozed = event("ATTACH:https://example.org/x", "X-MOZ-SNOOZE-TIME:20260504T090000Z",
                    alarm=("ACTION:DISPLAY", "TRIGGER:-P2DT15H", "X-MOZ-LASTACK:20260503T0900Z"))
    assert content_of(snoozed) == content_of(event(alarm=("ACTION:DISPLAY", "TRIGGER:-P2DT15H")))
    kept = own_properties(snoozed)
    assert not any(line.startswith(("ATTACH", "X-MOZ")) for line in kept.lines)
    assert kept.children[0].lines == ["ACTION:DISPLAY", "TRIGGER:-P2DT15H"]


def test_a_foreign_event_is_not_planners() -> None:
    assert is_planners(event(), "publish.planner")
    assert not is_planners(event(), "other.planner")  # another plan's domain
    unmarked = Component("VEVENT", [line for line in event().lines
                                    if not line.startswith("X-PLANNER-ID")])
    assert not is_planners(unmarked, "publish.planner")  # planner's UID, but no X-PLANNER-ID
    assert not is_planners(Component("VEVENT", ["X-PLANNER-ID:x"]), "publish.planner")


def test_an_override_is_told_apart_by_its_recurrence_id() -> None:
    override = event("RECURRENCE-ID;TZID=America/Mexico_City:20270713T090000")
    assert key_of(event()) == "talks.c1@publish.planner"
    assert key_of(override) == "talks.c1@publish.planner 20270713T090000"


def test_sequence_is_never_negative_unreadable_or_beyond_32_bits() -> None:
    for text, expected in (("7", 7), ("-3", 0), ("seven", 0), (str(2**40), MAX_SEQUENCE)):
        found = event()
        found.put(f"SEQUENCE:{text}")
        assert sequence_of(found) == expected
    assert sequence_of(Component("VEVENT", ["UID:x"])) == 0


def test_regenerating_and_publishing_read_the_same_content() -> None:
    """The event planner would publish, read back from a file planner generated, has the same
    content: both go through one writer and one reader."""
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions
    from planner.publish.sync_plan import fresh_events, resource_body

    plan = make_plan(load_schedule(SMALL), today=TODAY)
    in_file = {key_of(e): content_of(e)
               for e in read_events(render_ics(plan, CalendarOptions(STAMP))).events}
    published = {key_of(e): content_of(e) for fresh in fresh_events(plan, stamp=STAMP)
                 for e in read_events(resource_body(fresh)).events}
    assert in_file == published and len(published) == 9


def test_an_event_published_by_planner_0_1_is_checked_against_its_own_hash() -> None:
    """planner 0.1 hashed icalendar's reading of the event: its events are not taken for
    someone's edit after an upgrade, and a real edit is still seen."""
    from planner.publish.sync_plan import edited_on_server, fresh_events

    schedule = load_schedule(SMALL)
    names = {party.id: party.name for party in schedule.parties}  # as the CLI does
    call = next(e for e in fresh_events(make_plan(schedule, today=TODAY), stamp=STAMP,
                                        party_names=names)
                if e.get("UID") == "talks.yearly.c2.call@publish.planner")
    call.put(f"{HASH}:96b75bd5f8b82795dfdd821351d915a8")  # what planner 0.1 published for it
    assert not edited_on_server(call)
    call.put("DTSTART;TZID=America/Denver:20270302T090000")
    assert edited_on_server(call)


def test_same_content_agrees_with_content_of() -> None:
    from planner.calendar.reading import same_content

    later = event(alarm=("ACTION:DISPLAY", "TRIGGER:-P2DT15H"))
    later.put("DTSTAMP:20270115T080000Z")
    reordered = Component("VEVENT", list(reversed(later.lines)), later.children)
    moved = event(alarm=("ACTION:DISPLAY", "TRIGGER:-P2DT15H"))
    moved.put("DTSTART;VALUE=DATE:20260506")
    original = event(alarm=("ACTION:DISPLAY", "TRIGGER:-P2DT15H"))
    assert same_content(later, original) and same_content(reordered, original)
    assert not same_content(moved, original)
    assert not same_content(event(), original)  # the alarm is content
