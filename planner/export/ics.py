"""Render a Plan as an RFC 5545 calendar that imports alike into the common calendar apps.

Regenerating over a previous file keeps calendars right: see planner.export.state for where
the previous state comes from (the previous output file, read back) and how SEQUENCE,
LAST-MODIFIED and cancellations are decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Timezone, vRecur

from planner import __version__
from planner.export.state import PLANNER_ID, Changes, Previous, read_previous, settle
from planner.export.vtimezone import vtimezone
from planner.files import write_atomically
from planner.i18n import Text, phrase
from planner.plan import Plan, PlannedEvent, Status

PRODID = f"-//planner//meeting-cycle planner {__version__}//EN"
_ICS_STATUS = {Status.HELD: "CONFIRMED", Status.FIXED: "CONFIRMED",
               Status.PLANNED: "TENTATIVE", Status.DEADLINE: "CONFIRMED"}
AUDIENCE = "X-PLANNER-AUDIENCE"
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


@dataclass(frozen=True, slots=True)
class Rendered:
    """A calendar's bytes and what happened to each event compared with the previous file."""

    data: bytes
    changes: Changes


def render_ics(plan: Plan, *, stamp: dt.datetime, party_names: dict[str, Text] | None = None,
               lang: str = "en", events: Iterable[PlannedEvent] | None = None,
               previous: Previous | None = None, prune: bool = False,
               calendar_name: Text | None = None) -> bytes:
    """The calendar's bytes; the same plan, stamp and previous file always give the same bytes.

    Args:
        plan: the plan to render.
        stamp: DTSTAMP for every event (from SOURCE_DATE_EPOCH in the CLI).
        party_names: party id to display name, for descriptions.
        lang: "en", "es" or "en+es" for titles and descriptions.
        events: a subset of the plan's events to write (default: all).
        previous: the previous output file read back (planner.export.state.read_previous);
            unchanged events keep their stamps, changed ones get SEQUENCE + 1, missing ones
            are written as cancelled. None: a fresh calendar, every SEQUENCE 0.
        prune: drop events that an earlier run already wrote as cancelled.
        calendar_name: X-WR-CALNAME (default: the plan's calendar name).
    """
    return render_calendar(plan, stamp=stamp, party_names=party_names, lang=lang, events=events,
                           previous=previous, prune=prune, calendar_name=calendar_name).data


def render_calendar(plan: Plan, *, stamp: dt.datetime, party_names: dict[str, Text] | None = None,
                    lang: str = "en", events: Iterable[PlannedEvent] | None = None,
                    previous: Previous | None = None, prune: bool = False,
                    calendar_name: Text | None = None, audience: str | None = None) -> Rendered:
    """Like render_ics, and says which events are new, changed, unchanged and cancelled.

    `audience` ("party:SEDENA") is written as X-PLANNER-AUDIENCE, so that a later --split
    run finds the files of audiences that have no event left (see planner.export.split).
    """
    chosen = plan.events if events is None else tuple(events)
    utc_stamp = stamp.astimezone(dt.UTC)
    fresh = event_components(chosen, plan.uid_domain, utc_stamp, party_names or {}, lang)
    components, changes = settle(fresh, previous or Previous(), utc_stamp, prune)
    components.sort(key=sort_key)
    calendar = calendar_shell((calendar_name or plan.calendar_name).get(lang), method=True)
    if audience is not None:
        calendar.add(AUDIENCE, audience)
    for zone in timezones(components):
        calendar.add_component(zone)
    for component in components:
        calendar.add_component(component)
    data: bytes = calendar.to_ical()
    return Rendered(data, changes)


@dataclass(frozen=True, slots=True)
class Written:
    """One calendar file written: where, what changed, and notes about the previous file."""

    target: str  # a path, or "-" for standard output
    changes: Changes
    notes: tuple[str, ...] = ()


def prepare_calendar(target: str | Path, plan: Plan, *, stamp: dt.datetime,
                     party_names: dict[str, Text] | None = None, lang: str = "en",
                     events: Iterable[PlannedEvent] | None = None, prune: bool = False,
                     calendar_name: Text | None = None,
                     audience: str | None = None) -> tuple[Rendered, Previous]:
    """Read the previous file at `target` (the state) and render the new calendar over it.

    Nothing is written: the caller writes ``rendered.data`` with write_atomically, so a run
    that fails before that leaves the old file, and the state in it, as it was.
    """
    previous = read_previous(target, plan.uid_domain)
    rendered = render_calendar(plan, stamp=stamp, party_names=party_names, lang=lang,
                               events=events, previous=previous, prune=prune,
                               calendar_name=calendar_name, audience=audience)
    return rendered, previous


def write_calendar(target: str | Path, plan: Plan, *, stamp: dt.datetime,
                   party_names: dict[str, Text] | None = None, lang: str = "en",
                   events: Iterable[PlannedEvent] | None = None, prune: bool = False,
                   calendar_name: Text | None = None) -> Written | None:
    """Regenerate the calendar file at `target` ("-": standard output) over its previous
    version; None, and nothing written, when it would hold no event at all."""
    rendered, previous = prepare_calendar(target, plan, stamp=stamp, party_names=party_names,
                                          lang=lang, events=events, prune=prune,
                                          calendar_name=calendar_name)
    if not rendered.changes.written:
        return None
    write_atomically(target, rendered.data)
    return Written(str(target), rendered.changes, previous.notes)


def calendar_shell(name: str | None, *, method: bool) -> Calendar:
    """An empty VCALENDAR with planner's header; METHOD:PUBLISH only for import files,
    never for a CalDAV resource (RFC 4791 4.1)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", "PUBLISH")
    if name is not None:
        calendar.add("x-wr-calname", name)
    return calendar


def sort_key(component: Event) -> tuple[dt.date, str]:
    """Events in a file are ordered by local start day, then event id."""
    start = component.decoded("DTSTART")
    day = start.date() if isinstance(start, dt.datetime) else start
    return day, str(component.get(PLANNER_ID, component.get("UID", "")))


def timezones(components: Iterable[Event]) -> list[Timezone]:
    """One VTIMEZONE per TZID the events use, right for every day they cover."""
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for component in components:
        for name in ("DTSTART", "DTEND"):
            prop = component.get(name)
            zone = prop.params.get("TZID") if prop is not None else None
            if zone is None:
                continue
            day = component.decoded(name).date()
            first, last = spans.get(zone, (day, day))
            spans[zone] = (min(first, day), max(last, day))
        rule = component.get("RRULE")
        start = component.get("DTSTART")
        zone = start.params.get("TZID") if start is not None else None
        if rule is not None and zone is not None and rule.get("UNTIL"):
            until = rule["UNTIL"][0]
            day = until.date() if isinstance(until, dt.datetime) else until
            first, last = spans[zone]
            spans[zone] = (first, max(last, day))
    return [vtimezone(name, *spans[name]) for name in sorted(spans)]


def event_components(events: Iterable[PlannedEvent], uid_domain: str, stamp: dt.datetime,
                     party_names: dict[str, Text], lang: str) -> list[Event]:
    """VEVENTs for the events: one each, except that the occurrences of a regular series
    become one VEVENT with an RRULE (UNTIL its last occurrence) and EXDATEs."""
    components = []
    series: dict[str, list[PlannedEvent]] = {}
    for event in events:
        if event.series is None:
            components.append(event_component(event, uid_domain, stamp, party_names, lang))
        else:
            series.setdefault(event.series.id, []).append(event)
    for series_id in sorted(series):
        occurrences = sorted(series[series_id], key=lambda e: e.start)
        components.append(_series_component(series_id, occurrences, uid_domain, stamp,
                                            party_names, lang))
    return components


def _series_component(series_id: str, occurrences: list[PlannedEvent], uid_domain: str,
                      stamp: dt.datetime, party_names: dict[str, Text], lang: str) -> Event:
    first, last = occurrences[0], occurrences[-1]
    ref = first.series
    assert ref is not None
    component = event_component(replace(first, id=series_id), uid_domain, stamp, party_names, lang)
    rule = dict(part.split("=", 1) for part in ref.rrule.split(";") if "=" in part)
    skipped = [day for day in ref.exdates if first.start < day < last.start]
    if first.start_time is not None and last.start_time is not None:
        rule["UNTIL"] = last.start_time.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        if skipped:
            component.add("exdate", [dt.datetime.combine(day, first.start_time.timetz())
                                     for day in skipped])
    else:
        rule["UNTIL"] = last.start.strftime("%Y%m%d")
        if skipped:
            component.add("exdate", skipped)
    component.add("rrule", vRecur.from_ical(";".join(f"{k}={v}" for k, v in rule.items())))
    return component


def event_component(event: PlannedEvent, uid_domain: str, stamp: dt.datetime,
                    party_names: dict[str, Text], lang: str) -> Event:
    """One VEVENT with SEQUENCE 0 and DTSTAMP `stamp` (state.settle adjusts both)."""
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
