"""Render a Plan as an RFC 5545 calendar that imports alike into the common calendar apps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event, Timezone

from planner import __version__
from planner.export.vtimezone import vtimezone
from planner.i18n import Text, phrase
from planner.plan import Plan, PlannedEvent, Status

PRODID = f"-//planner//meeting-cycle planner {__version__}//EN"
_ICS_STATUS = {Status.HELD: "CONFIRMED", Status.FIXED: "CONFIRMED",
               Status.PLANNED: "TENTATIVE", Status.DEADLINE: "CONFIRMED"}
_WINDOW_KINDS = {"exercise", "deployment"}  # spans when others are busy, not the reader


def describe(event: PlannedEvent, party_names: dict[str, Text], lang: str = "en") -> str:
    """The event's description: what it is, who comes, then why it is on this date."""
    lines = []
    if event.description:
        lines.append(event.description)
    if event.participants:
        names = ", ".join(party_names[p].get(lang) if p in party_names else p
                          for p in event.participants)
        lines.append(phrase("participants", names=names))
    if event.cycle:
        lines.append(phrase("cycle", cycle=event.cycle))
    if event.phase:
        lines.append(phrase("phase", phase=event.phase))
    lines.append(phrase("why", why=event.provenance.summary))
    lines.append(phrase("status_line", status=event.status.value, id=event.id))
    return "\n".join(line.get(lang) for line in lines)


def render_ics(plan: Plan, *, stamp: dt.datetime, party_names: dict[str, Text] | None = None,
               lang: str = "en", events: Iterable[PlannedEvent] | None = None) -> bytes:
    """The calendar's bytes; the same plan and stamp always give the same bytes.

    Args:
        plan: the plan to render.
        stamp: DTSTAMP for every event (from SOURCE_DATE_EPOCH in the CLI).
        party_names: party id to display name, for descriptions.
        lang: "en", "es" or "en+es" for titles and descriptions.
        events: a subset of the plan's events to write (default: all).
    """
    chosen = sorted(plan.events if events is None else events, key=lambda e: (e.start, e.id))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", plan.calendar_name.get(lang))
    for zone in _timezones(chosen):
        calendar.add_component(zone)
    utc_stamp = stamp.astimezone(dt.UTC)
    for event in chosen:
        calendar.add_component(_event(event, plan.uid_domain, utc_stamp, party_names or {}, lang))
    data: bytes = calendar.to_ical()
    return data


def _timezones(events: list[PlannedEvent]) -> list[Timezone]:
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for event in events:
        if event.start_time is None or event.timezone is None:
            continue
        first, last = spans.get(event.timezone, (event.start, event.end))
        spans[event.timezone] = (min(first, event.start), max(last, event.end))
    return [vtimezone(name, *spans[name]) for name in sorted(spans)]


def _event(event: PlannedEvent, uid_domain: str, stamp: dt.datetime,
           party_names: dict[str, Text], lang: str) -> Event:
    component = Event()
    component.add("uid", f"{event.id}@{uid_domain}")
    component.add("dtstamp", stamp)
    if event.start_time is not None and event.end_time is not None:
        component.add("dtstart", event.start_time)
        component.add("dtend", event.end_time)
    else:
        component.add("dtstart", event.start)
        component.add("dtend", event.end + dt.timedelta(days=1))  # exclusive, RFC 5545
    component.add("summary", event.title.get(lang))
    if event.location:
        component.add("location", event.location.get(lang))
    component.add("description", describe(event, party_names, lang))
    component.add("categories", [event.kind])
    component.add("status", _ICS_STATUS[event.status])
    component.add("sequence", 0)
    busy = event.kind not in _WINDOW_KINDS and event.status is not Status.DEADLINE
    component.add("transp", "OPAQUE" if busy else "TRANSPARENT")
    # RFC 5546 asks PUBLISH events for an ORGANIZER; libical rejects them without one.
    component.add("organizer", f"mailto:planner@{uid_domain}", parameters={"CN": "planner"})
    component.add("x-planner-id", event.id)
    if event.alarm_days:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", phrase("alarm", title=event.title).get(lang))
        alarm.add("trigger", -dt.timedelta(days=event.alarm_days))
        component.add_component(alarm)
    return component
