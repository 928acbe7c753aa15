"""Render a Plan as an RFC 5545 calendar that imports alike into the common calendar apps.

Each event becomes a VEVENT of content lines (planner.calendar.icstext writes them as icalendar
would, much faster). Regenerating over a previous file keeps calendars right: see
planner.calendar.state for where the previous state comes from (the previous output file, read
back) and how SEQUENCE, LAST-MODIFIED and cancellations are decided.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from planner import __version__
from planner.calendar.icstext import (
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
from planner.calendar.options import CalendarOptions
from planner.calendar.reading import PLANNER_ID
from planner.calendar.state import (
    BUSY_STATUS,
    Changes,
    Previous,
    View,
    read_previous,
    settle,
)
from planner.calendar.vtimezone import vtimezone
from planner.collector import collector_paused
from planner.files import check_output, write_atomically
from planner.i18n import Text, month_name, phrase_in
from planner.labels import label, status_label
from planner.plan import Plan, PlannedEvent, Status
from planner.schedule.model import Precision

PRODID = f"-//planner//meeting-cycle planner {__version__}//EN"
_ICS_STATUS = {Status.HELD: "CONFIRMED", Status.FIXED: "CONFIRMED",
               Status.PLANNED: "TENTATIVE", Status.DEADLINE: "CONFIRMED"}
AUDIENCE = "X-PLANNER-AUDIENCE"
# Entries that occupy nobody: windows when others are busy, and records of a step taken.
_FREE_KINDS = frozenset({"exercise", "deployment", "approval", "request"})
_REMINDER_TIME = dt.time(9)
BILINGUAL_TITLE = 100  # longest "English / Spanish" title; longer ones show the English
REFRESH = "PT12H"  # how often subscribers should fetch the file again
_CHUNK_EVENTS = 500  # events serialized at a time when writing: few calls, little memory
_ABOUT = Text("{plan}: meetings, exercises and deadlines planned with planner. Tentative "
              "entries are planned and may still move; the file is regenerated after each change.",
              "{plan}: reuniones, ejercicios y fechas límite planeados con planner. Las entradas "
              "provisionales están planeadas y aún pueden moverse; el archivo se regenera tras "
              "cada cambio.")
_CANCELLED = Text("Cancelled", "Cancelado")
_DAY_NOT_RECORDED = Text(" — {when}, day not recorded", " — {when}, día no registrado")


def describe(event: PlannedEvent, party_names: dict[str, Text], lang: str = "en") -> str:
    """The event's description as a reading pane shows it: what it is, why it is on this
    date, who comes, its cycle and status, and last the event id for `planner explain`.

    Bilingual ("en+es"): the whole English block, a blank line, the whole Spanish block.
    """
    if lang not in ("en", "es"):
        spanish = describe(event, party_names, "es")
        if summary_of(event, lang) == title_of(event).en != title_of(event).get("es"):
            spanish = title_of(event).get("es") + "\n" + spanish  # not in the short title
        return describe(event, party_names, "en") + "\n\n" + spanish
    lines = [event.description.get(lang)] if event.description else []
    lines.append(phrase_in(lang, "why", why=event.provenance.summary))
    if event.participants:
        names = ", ".join([party_names[p].get(lang) if p in party_names else p
                           for p in event.participants])
        lines.append(_said(lang, "participants", "names", names))
    if event.cycle:
        lines.append(_said(lang, "cycle", "cycle", event.cycle))
    if event.phase:
        lines.append(_said(lang, "phase", "phase", event.phase))
    lines.append(_status_line(lang, event.status))
    lines.append(f"{_label(lang, 'id')}: {event.id} (planner explain {event.id})")
    return "\n".join(lines)


@functools.lru_cache(maxsize=64)
def _label(lang: str, key: str) -> str:
    """A fixed label, formatted once per language rather than once per event (in both
    languages, as label() does)."""
    return label(key, lang)


@functools.lru_cache(maxsize=64)
def _status_line(lang: str, status: Status) -> str:
    return f"{_label(lang, 'status')}: {status_label(status, lang)}"


@functools.lru_cache(maxsize=4096)
def _said(lang: str, key: str, field: str, value: Text | str) -> str:
    """A phrase with one field that many events share (the same cycle, phase or people),
    so each is formatted once."""
    return phrase_in(lang, key, **{field: value})


@dataclass(frozen=True, slots=True)
class Rendered:
    """A calendar ready to write, and what happened to each event compared with the previous
    file. Its bytes are made as they are written (chunks): a theater-sized calendar joined
    into one string would cost as much memory again as all its events."""

    events: list[Component]  # settled against the previous file, in file order
    changes: Changes
    name: str | None = None
    description: str | None = None
    audience: str | None = None

    def chunks(self) -> Iterator[bytes]:
        return calendar_chunks(self.events, name=self.name, description=self.description,
                               audience=self.audience)

    @property
    def data(self) -> bytes:
        return b"".join(self.chunks())


def render_ics(plan: Plan, options: CalendarOptions, *,
               events: Iterable[PlannedEvent] | None = None,
               previous: Previous | None = None) -> bytes:
    """The calendar's bytes; the same plan, options and previous file always give the same bytes.

    Args:
        plan: the plan to render.
        options: the stamp, language, party names, calendar name and pruning to write with.
        events: a subset of the plan's events to write (default: all).
        previous: the previous output file read back (planner.calendar.state.read_previous);
            unchanged events keep their stamps, changed ones get SEQUENCE + 1, missing ones
            are written as cancelled. None: a fresh calendar, every SEQUENCE 0.
    """
    return render_calendar(plan, options, events=events, previous=previous).data


def render_calendar(plan: Plan, options: CalendarOptions, *,
                    events: Iterable[PlannedEvent] | None = None,
                    previous: Previous | None = None, audience: str | None = None) -> Rendered:
    """Like render_ics, and says which events are new, changed, unchanged and cancelled.

    `audience` ("party:SEDENA") is written as X-PLANNER-AUDIENCE, so that a later --split
    run finds the files of audiences that have no event left (see planner.calendar.split).
    Previous events that are still in the plan but not among `events`, or outside the
    plan's horizon, are not written (see planner.calendar.state.View); cancellations whose
    last day is before `options.today` are dropped.
    """
    chosen = plan.events if events is None else tuple(events)
    lang = options.lang
    utc_stamp = options.stamp.astimezone(dt.UTC)
    with collector_paused():
        fresh = event_components(chosen, plan.uid_domain, utc_stamp, options.party_names, lang)
        view = View(frozenset(f"{e.calendar_id}@{plan.uid_domain}" for e in plan.events),
                    plan.horizon, options.today, _CANCELLED.get(lang) + ": ")
        components, changes = settle(fresh, previous or Previous(), utc_stamp, options.prune, view)
        components.sort(key=sort_key)
        name = (options.calendar_name or plan.calendar_name).get(lang)
        about = _ABOUT.format(plan=plan.name).get(lang)
    return Rendered(components, changes, name, about, audience)


@dataclass(frozen=True, slots=True)
class Written:
    """One calendar file written: where, what changed, and notes about the previous file."""

    target: str  # a path, or "-" for standard output
    changes: Changes
    notes: tuple[str, ...] = ()


def prepare_calendar(target: str | Path, plan: Plan, options: CalendarOptions, *,
                     events: Iterable[PlannedEvent] | None = None,
                     audience: str | None = None) -> tuple[Rendered, Previous]:
    """Read the previous file at `target` (the state) and render the new calendar over it.

    Nothing is written: the caller writes ``rendered.chunks()`` with write_atomically, so a run
    that fails before that leaves the old file, and the state in it, as it was.
    """
    previous = read_previous(target, plan.uid_domain)
    rendered = render_calendar(plan, options, events=events, previous=previous, audience=audience)
    return rendered, previous


def write_calendar(target: str | Path, plan: Plan, options: CalendarOptions, *,
                   events: Iterable[PlannedEvent] | None = None) -> Written | None:
    """Regenerate the calendar file at `target` ("-": standard output) over its previous
    version; None, and nothing written, when it would hold no event at all.

    A file that planner did not write is not replaced unless `options.force`, and
    `options.inputs` (the schedule) never are (planner.files.check_output)."""
    rendered, previous = prepare_calendar(target, plan, options, events=events)
    if not rendered.changes.written:
        return None
    check_output(target, force=options.force, inputs=options.inputs)
    with collector_paused():
        write_atomically(target, rendered.chunks())
    return Written(str(target), rendered.changes, previous.notes)


def calendar_bytes(events: list[Component], *, name: str | None = None,
                   description: str | None = None, audience: str | None = None) -> bytes:
    """A VCALENDAR with planner's header, the VTIMEZONEs the events need, and the events."""
    return b"".join(calendar_chunks(events, name=name, description=description,
                                    audience=audience))


def calendar_chunks(events: list[Component], *, name: str | None = None,
                    description: str | None = None,
                    audience: str | None = None) -> Iterator[bytes]:
    """calendar_bytes a few events at a time: the header with the VTIMEZONEs, then the events
    in groups of _CHUNK_EVENTS, then the end.

    No METHOD: RFC 5546's PUBLISH asks for an ORGANIZER, which these entries must not have
    (RFC 5545 3.8.4.3), and a plain file needs none. A named calendar (a file, not a CalDAV
    resource) gets the properties subscribers show and refresh by: RFC 7986 NAME,
    DESCRIPTION and REFRESH-INTERVAL, and the X-WR-CALNAME, X-WR-CALDESC and
    X-PUBLISHED-TTL that Apple, Google and Outlook read.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape_text(PRODID)}",
             "CALSCALE:GREGORIAN"]
    if name is not None:
        lines += [f"NAME:{escape_text(name)}", f"X-WR-CALNAME:{_one_line(name)}"]
    if description is not None:  # X- properties are written as they are, as icalendar does
        lines += [f"DESCRIPTION:{escape_text(description)}",
                  f"X-WR-CALDESC:{_one_line(description)}",
                  f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}"]
    if audience is not None:
        lines.append(f"{AUDIENCE}:{_one_line(audience)}")
    for zone in timezones(events):
        lines.extend(zone.content_lines())
    yield serialize(lines)
    for start in range(0, len(events), _CHUNK_EVENTS):
        yield serialize([line for event in events[start:start + _CHUNK_EVENTS]
                         for line in event.content_lines()])
    yield b"END:VCALENDAR\r\n"


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
    """VEVENTs for the events: one each, except that a regular series becomes one VEVENT
    with an RRULE (UNTIL its last date) and EXDATEs, plus one VEVENT with its UID and a
    RECURRENCE-ID for each occurrence moved off the rule, so that editing or deleting the
    whole series in an app takes the moved occurrence along."""
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
        components.extend(_series_components(series_id, occurrences, uid_domain, stamp_text,
                                             party_names, lang))
    return components


def _series_components(series_id: str, occurrences: list[PlannedEvent], uid_domain: str,
                       stamp: str, party_names: dict[str, Text], lang: str) -> list[Component]:
    regular = [e for e in occurrences if e.recurrence_id is None]
    moved = [e for e in occurrences if e.recurrence_id is not None]
    base = regular[0] if regular else moved[0]
    ref = base.series
    assert ref is not None
    # The rule's dates this slice covers: the regular occurrences and the moved ones' originals.
    days = sorted([e.start for e in regular] + [e.recurrence_id for e in moved
                                                if e.recurrence_id is not None])
    first, last = days[0], days[-1]
    originals = {e.recurrence_id for e in moved}
    skipped = [day for day in ref.exdates if first < day < last and day not in originals]
    rule = dict(part.split("=", 1) for part in ref.rrule.split(";") if "=" in part)
    master = _on_day(replace(base, id=series_id), first)
    if master.start_time is not None:
        rule["UNTIL"] = utc_text(_on_day(base, last).start_time or master.start_time)
    else:
        rule["UNTIL"] = date_text(last)
    text = recur_text(";".join(f"{k}={v}" for k, v in rule.items()))
    recurrence = [f"RRULE:{text}"]
    if skipped:
        recurrence.append(moments_line("EXDATE", [_on_day(base, day).start_time or day
                                                  for day in skipped]))
    components = [event_component(master, uid_domain, stamp, party_names, lang, recurrence)]
    for event in moved:
        assert event.recurrence_id is not None
        rule_day = _on_day(base, event.recurrence_id)
        original = moment_line("RECURRENCE-ID", rule_day.start_time or rule_day.start)
        components.append(event_component(event, uid_domain, stamp, party_names, lang,
                                          uid=series_id, original=original))
    return components


def _on_day(event: PlannedEvent, day: dt.date) -> PlannedEvent:
    """The occurrence moved to `day`, at the same local time and length."""
    shift = day - event.start
    if event.start_time is None or event.end_time is None:
        return replace(event, start=day, end=event.end + shift)
    start = dt.datetime.combine(day, event.start_time.timetz())
    return replace(event, start=day, end=event.end + shift, start_time=start,
                   end_time=start + (event.end_time - event.start_time))


def event_component(event: PlannedEvent, uid_domain: str, stamp: str,
                    party_names: dict[str, Text], lang: str,
                    recurrence: list[str] | None = None, uid: str | None = None,
                    original: str | None = None) -> Component:
    """One VEVENT with SEQUENCE 0 and DTSTAMP `stamp` (state.settle adjusts both), its
    properties in the order icalendar writes them. `uid` and `original` (a RECURRENCE-ID
    line) make it the override of one occurrence of a series.

    No ORGANIZER (and no METHOD on the calendar): these are plain RFC 5545 entries, not
    scheduling messages, so Outlook keeps them editable, Google imports them and CalDAV
    servers with implicit scheduling (RFC 6638) leave them alone.
    """
    imprecise = event.precision is not Precision.DAY
    if event.start_time is not None and event.end_time is not None:
        start, end = moment_line("DTSTART", event.start_time), moment_line("DTEND", event.end_time)
    else:  # all-day: the end is exclusive (RFC 5545); a fact known only to the month or
        # year is a one-day marker on its first day, never a month- or year-long block
        last = event.start if imprecise else event.end
        start = moment_line("DTSTART", event.start)
        end = moment_line("DTEND", last + dt.timedelta(days=1))
    title = title_of(event)
    lines = [f"SUMMARY:{escape_text(summary_of(event, lang))}", start, end, f"DTSTAMP:{stamp}",
             f"UID:{escape_text(f'{uid or event.id}@{uid_domain}')}",
             *([original] if original else ()), "SEQUENCE:0", *(recurrence or ()),
             f"CATEGORIES:{escape_text(event.kind)}",
             f"DESCRIPTION:{escape_text(describe(event, party_names, lang))}"]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location.get(lang))}")
    busy = busy_status(event)
    lines += [f"STATUS:{_ICS_STATUS[event.status]}",
              f"TRANSP:{'TRANSPARENT' if busy == 'FREE' else 'OPAQUE'}",
              f"{BUSY_STATUS}:{busy}", f"{PLANNER_ID}:{event.id}"]
    alarms = []
    if event.alarm_days:  # one alarm: Outlook keeps only one per event
        reminder = phrase_in(lang, "alarm", title=title)
        alarms.append(Component("VALARM", ["ACTION:DISPLAY",
                                           f"DESCRIPTION:{escape_text(reminder)}",
                                           f"TRIGGER:{alarm_trigger(event, event.alarm_days)}"]))
    return Component("VEVENT", lines, alarms)


def summary_of(event: PlannedEvent, lang: str) -> str:
    """The title a calendar shows: in "en+es", both languages when they fit a sidebar
    (BILINGUAL_TITLE characters), else the English one; the Spanish title then opens the
    Spanish block of the description."""
    title = title_of(event)
    both = title.get(lang)
    return title.en if lang == "en+es" and len(both) > BILINGUAL_TITLE else both


def title_of(event: PlannedEvent) -> Text:
    """The event's title; a held fact known only to the month or year says so."""
    if event.precision is Precision.MONTH:
        when = Text(f"{month_name(event.start.month)} {event.start.year}",
                    f"{month_name(event.start.month, 'es')} de {event.start.year}")
    elif event.precision is Precision.YEAR:
        when = Text(str(event.start.year))
    else:
        return event.title
    return event.title + _DAY_NOT_RECORDED.format(when=when)


def busy_status(event: PlannedEvent) -> str:
    """What Outlook shows for the event's time (X-MICROSOFT-CDO-BUSYSTATUS, which it reads
    before TRANSP): FREE for windows others are busy in, deadlines, records of a step taken
    and facts whose day is unknown; TENTATIVE for planned events; BUSY for the rest."""
    if (event.kind in _FREE_KINDS or event.status is Status.DEADLINE
            or event.precision is not Precision.DAY):
        return "FREE"
    return "TENTATIVE" if event.status is Status.PLANNED else "BUSY"


def alarm_trigger(event: PlannedEvent, days: int) -> str:
    """A TRIGGER that fires at 09:00 local time `days` days before the event starts (a
    plain -P7D fires at midnight on an all-day event)."""
    if event.start_time is not None:
        start = event.start_time
        nine = dt.datetime.combine(start.date() - dt.timedelta(days=days), _REMINDER_TIME,
                                   start.tzinfo)
        before = start.replace(tzinfo=None) - nine.replace(tzinfo=None)  # wall-clock time
    else:
        before = dt.timedelta(days=days) - dt.timedelta(hours=_REMINDER_TIME.hour)
    return duration_text(-before)


def duration_text(delta: dt.timedelta) -> str:
    """A DURATION value as icalendar writes it: -P6DT15H, PT9H."""
    sign = "-" if delta < dt.timedelta(0) else ""
    delta = abs(delta)
    hours, rest = divmod(delta.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    days = f"{delta.days}D" if delta.days else ""
    return f"{sign}P{days}{'T' + clock if clock else ''}" if days or clock else "PT0S"
