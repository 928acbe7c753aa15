"""Render a Plan as an RFC 5545 calendar that imports alike into the common calendar apps.

Each event becomes a VEVENT of content lines (planner.export.icstext writes them as icalendar
would, much faster). Regenerating over a previous file keeps calendars right: see
planner.export.state for where the previous state comes from (the previous output file, read
back) and how SEQUENCE, LAST-MODIFIED and cancellations are decided.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from planner import __version__
from planner.collector import collector_paused
from planner.export.icstext import (
    Component,
    date_text,
    day_of,
    escape_text,
    moment_line,
    moments_line,
    recur_text,
    serialize,
    utc_text,
    zone_days,
)
from planner.export.labels import STATUS_WORDS
from planner.export.state import PLANNER_ID, Changes, Previous, read_previous, settle
from planner.export.vtimezone import vtimezone
from planner.files import write_output
from planner.i18n import Text, phrase_in
from planner.plan import Plan, PlannedEvent, Status

PRODID = f"-//planner//meeting-cycle planner {__version__}//EN"
_ICS_STATUS = {Status.HELD: "CONFIRMED", Status.FIXED: "CONFIRMED",
               Status.PLANNED: "TENTATIVE", Status.DEADLINE: "CONFIRMED"}
AUDIENCE = "X-PLANNER-AUDIENCE"
_WINDOW_KINDS = {"exercise", "deployment"}  # spans when others are busy, not the reader


def describe(event: PlannedEvent, party_names: dict[str, Text], lang: str = "en") -> str:
    """The event's description: what it is, who comes, then why it is on this date."""
    lines = [event.description.get(lang)] if event.description else []
    if event.participants:
        names = ", ".join([party_names[p].get(lang) if p in party_names else p
                           for p in event.participants])
        lines.append(_said(lang, "participants", "names", names))
    if event.cycle:
        lines.append(_said(lang, "cycle", "cycle", event.cycle))
    if event.phase:
        lines.append(_said(lang, "phase", "phase", event.phase))
    lines.append(phrase_in(lang, "why", why=event.provenance.summary))
    lines.append(phrase_in(lang, "status_line", status=STATUS_WORDS[event.status], id=event.id))
    return "\n".join(lines)


@functools.lru_cache(maxsize=4096)
def _said(lang: str, key: str, field: str, value: Text | str) -> str:
    """A phrase with one field that many events share (the same cycle, phase or people),
    so each is formatted once."""
    return phrase_in(lang, key, **{field: value})


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
    with collector_paused():
        fresh = event_components(chosen, plan.uid_domain, utc_stamp, party_names or {}, lang)
        components, changes = settle(fresh, previous or Previous(), utc_stamp, prune)
        components.sort(key=sort_key)
        name = (calendar_name or plan.calendar_name).get(lang)
        data = calendar_bytes(components, name=name, method=True, audience=audience)
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
                   calendar_name: Text | None = None, force: bool = False,
                   inputs: Iterable[str | Path] = ()) -> Written | None:
    """Regenerate the calendar file at `target` ("-": standard output) over its previous
    version; None, and nothing written, when it would hold no event at all.

    A file that planner did not write is not replaced unless `force`, and `inputs` (the
    schedule) never are (planner.files.check_output)."""
    rendered, previous = prepare_calendar(target, plan, stamp=stamp, party_names=party_names,
                                          lang=lang, events=events, prune=prune,
                                          calendar_name=calendar_name)
    if not rendered.changes.written:
        return None
    write_output(target, rendered.data, force=force, inputs=inputs)
    return Written(str(target), rendered.changes, previous.notes)


def calendar_bytes(events: list[Component], *, name: str | None, method: bool,
                   audience: str | None = None) -> bytes:
    """A VCALENDAR with planner's header, the VTIMEZONEs the events need, and the events.

    METHOD:PUBLISH only for import files, never for a CalDAV resource (RFC 4791 4.1).
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape_text(PRODID)}",
             "CALSCALE:GREGORIAN"]
    if method:
        lines.append("METHOD:PUBLISH")
    if name is not None:  # X- properties are written as they are, as icalendar does
        lines.append(f"X-WR-CALNAME:{_one_line(name)}")
    if audience is not None:
        lines.append(f"{AUDIENCE}:{_one_line(audience)}")
    for zone in timezones(events):
        lines.extend(zone.content_lines())
    for event in events:
        lines.extend(event.content_lines())
    lines.append("END:VCALENDAR")
    return serialize(lines)


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def sort_key(component: Component) -> tuple[dt.date, str]:
    """Events in a file are ordered by start day, then event id."""
    start = component.get("DTSTART")
    ident = component.get(PLANNER_ID) or component.get("UID") or ""
    return day_of(start) if start else dt.date.min, ident


def timezones(components: Iterable[Component]) -> list[Component]:
    """One VTIMEZONE per TZID the events use, right for every day they cover (to the UNTIL
    of a recurring one)."""
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for component in components:
        for zone, day in zone_days(component):
            first, last = spans.get(zone, (day, day))
            spans[zone] = (min(first, day), max(last, day))
    return [vtimezone(name, *spans[name]) for name in sorted(spans)]


def event_components(events: Iterable[PlannedEvent], uid_domain: str, stamp: dt.datetime,
                     party_names: dict[str, Text], lang: str) -> list[Component]:
    """VEVENTs for the events: one each, except that the occurrences of a regular series
    become one VEVENT with an RRULE (UNTIL its last occurrence) and EXDATEs."""
    components = []
    series: dict[str, list[PlannedEvent]] = {}
    stamp_text = utc_text(stamp)
    for event in events:
        if event.series is None:
            components.append(event_component(event, uid_domain, stamp_text, party_names, lang))
        else:
            series.setdefault(event.series.id, []).append(event)
    for series_id in sorted(series):
        occurrences = sorted(series[series_id], key=lambda e: e.start)
        components.append(_series_component(series_id, occurrences, uid_domain, stamp_text,
                                            party_names, lang))
    return components


def _series_component(series_id: str, occurrences: list[PlannedEvent], uid_domain: str,
                      stamp: str, party_names: dict[str, Text], lang: str) -> Component:
    first, last = occurrences[0], occurrences[-1]
    ref = first.series
    assert ref is not None
    rule = dict(part.split("=", 1) for part in ref.rrule.split(";") if "=" in part)
    skipped: list[dt.date | dt.datetime] = [day for day in ref.exdates
                                            if first.start < day < last.start]
    if first.start_time is not None and last.start_time is not None:
        rule["UNTIL"] = utc_text(last.start_time)
        skipped = [dt.datetime.combine(day, first.start_time.timetz()) for day in skipped]
    else:
        rule["UNTIL"] = date_text(last.start)
    text = recur_text(";".join(f"{k}={v}" for k, v in rule.items()))
    recurrence = [f"RRULE:{text}"] + ([moments_line("EXDATE", skipped)] if skipped else [])
    return event_component(replace(first, id=series_id), uid_domain, stamp, party_names, lang,
                           recurrence)


def event_component(event: PlannedEvent, uid_domain: str, stamp: str,
                    party_names: dict[str, Text], lang: str,
                    recurrence: list[str] | None = None) -> Component:
    """One VEVENT with SEQUENCE 0 and DTSTAMP `stamp` (state.settle adjusts both), its
    properties in the order icalendar writes them."""
    if event.start_time is not None and event.end_time is not None:
        start, end = moment_line("DTSTART", event.start_time), moment_line("DTEND", event.end_time)
    else:  # all-day: the end is exclusive (RFC 5545)
        start = moment_line("DTSTART", event.start)
        end = moment_line("DTEND", event.end + dt.timedelta(days=1))
    lines = [f"SUMMARY:{escape_text(event.title.get(lang))}", start, end, f"DTSTAMP:{stamp}",
             f"UID:{escape_text(f'{event.id}@{uid_domain}')}", "SEQUENCE:0", *(recurrence or ()),
             f"CATEGORIES:{escape_text(event.kind)}",
             f"DESCRIPTION:{escape_text(describe(event, party_names, lang))}"]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location.get(lang))}")
    busy = event.kind not in _WINDOW_KINDS and event.status is not Status.DEADLINE
    # RFC 5546 asks PUBLISH events for an ORGANIZER; libical rejects them without one.
    lines += [f"ORGANIZER;CN=planner:mailto:planner@{uid_domain}",
              f"STATUS:{_ICS_STATUS[event.status]}",
              f"TRANSP:{'OPAQUE' if busy else 'TRANSPARENT'}", f"{PLANNER_ID}:{event.id}"]
    alarms = []
    if event.alarm_days:
        reminder = phrase_in(lang, "alarm", title=event.title)
        alarms.append(Component("VALARM", ["ACTION:DISPLAY",
                                           f"DESCRIPTION:{escape_text(reminder)}",
                                           f"TRIGGER:-P{event.alarm_days}D"]))
    return Component("VEVENT", lines, alarms)
