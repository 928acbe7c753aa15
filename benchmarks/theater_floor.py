"""The floor: a minimal plain-Python writer of the same bytes as render_ics, and the two
references beside it (json.dumps of the same rows below, icalendar's own components above).

The floor, measured in the same worker as the stages, is a minimal plain-Python writer that produces
the *same bytes* as render_ics (compared byte for byte; the report says if they differ)
from the plan's events already reduced to plain values (strings, dates, datetimes). It
formats dates, escapes TEXT values and folds lines at 75 octets exactly as icalendar
does, and joins the lines. The VTIMEZONE blocks and the description sentences are
prepared before its clock starts (taken from the rendered output and planner's
describe()): they are content, not writing. So the floor is the unavoidable cost of
writing that many events of that size from Python, and every stage and the total are
divided by it. Why not a cheaper or richer floor: json.dumps of the same rows skips the
escaping and folding an .ics needs (it is timed too, as a lower reference), and building
icalendar Event objects is not minimal work at all; it is the naive baseline:

icalendar's own components and Calendar.to_ical() on the same events, measured on up to
10,000 events, reported per 10,000 events and divided by the floor on the same sample.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from typing import Any

_STATUS = {"held": "CONFIRMED", "fixed": "CONFIRMED", "planned": "TENTATIVE",
           "deadline": "CONFIRMED"}
Row = tuple[Any, ...]


def floor_rows(plan: Any, party_names: dict[str, Any], lang: str = "en") -> list[Row]:
    """Each event reduced to plain values: what any writer has to start from."""
    from planner.calendar.ics import alarm_trigger, busy_status, describe, summary_of, title_of
    from planner.calendar.icstext import zone_of
    from planner.i18n import phrase
    from planner.schedule.model import Precision

    rows = []
    for event in sorted(plan.events, key=lambda e: (e.start, e.id)):
        timed = event.start_time is not None and event.end_time is not None
        status = event.status.value
        # Which zones are written as UTC ("Z"), free/busy, titles of imprecise facts and
        # alarm times are planner's decisions, not writing work.
        busy = busy_status(event)
        zone = (zone_of(event.start_time) or "UTC") if timed else None
        title = title_of(event)
        last = event.end if event.precision is Precision.DAY else event.start
        alarm = None
        if event.alarm_days:
            alarm = (phrase("alarm", title=title).get(lang), alarm_trigger(event, event.alarm_days))
        rows.append((
            summary_of(event, lang),
            event.start_time if timed else event.start,
            event.end_time if timed else last + dt.timedelta(days=1),
            zone,
            f"{event.id}@{plan.uid_domain}",
            event.kind,
            describe(event, party_names, lang),
            event.location.get(lang) if event.location else "",
            _STATUS[status],
            busy,
            event.id,
            alarm,
        ))
    return rows


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """icalendar's folding: at most 74 octets a line, never after a backslash or caret."""
    if line.isascii():
        size = len(line)
        if size < 75:
            return line
        parts = []
        pos = 0
        while size - pos > 74:
            end = pos + 74
            if line[end - 1] in "\\^":
                end -= 1
            parts.append(line[pos:end])
            pos = end
        parts.append(line[pos:])
        return "\r\n ".join(parts)
    data = line.encode()
    size = len(data)
    if size < 75:
        return line
    chunks = []
    pos = 0
    while size - pos > 74:
        end = pos + 74
        while data[end] & 0xC0 == 0x80:  # never inside a UTF-8 sequence
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        chunks.append(data[pos:end])
        pos = end
    chunks.append(data[pos:])
    return b"\r\n ".join(chunks).decode()


def _ymd(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _local(moment: dt.datetime) -> str:
    return (f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T"
            f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}")


def floor_ics(head: str, rows: Sequence[Row], uid_domain: str, stamp: dt.datetime) -> bytes:
    """The calendar's bytes from plain rows: format, escape, fold, join."""
    utc = stamp.astimezone(dt.UTC)
    stamp_line = f"DTSTAMP:{_local(utc)}Z"
    out = [head]
    add = out.append
    fold = _fold
    escape = _escape
    for (summary, start, end, zone, uid, kind, description, location, status, busy,
         event_id, alarm) in rows:
        add("BEGIN:VEVENT")
        add(fold("SUMMARY:" + escape(summary)))
        if zone is None:
            add("DTSTART;VALUE=DATE:" + _ymd(start))
            add("DTEND;VALUE=DATE:" + _ymd(end))
        elif zone == "UTC":
            add(f"DTSTART:{_local(start.astimezone(dt.UTC))}Z")
            add(f"DTEND:{_local(end.astimezone(dt.UTC))}Z")
        else:
            add(fold(f"DTSTART;TZID={zone}:{_local(start)}"))
            add(fold(f"DTEND;TZID={zone}:{_local(end)}"))
        add(stamp_line)
        add(fold("UID:" + escape(uid)))
        add("SEQUENCE:0")
        add(fold("CATEGORIES:" + escape(kind)))
        add(fold("DESCRIPTION:" + escape(description)))
        if location:
            add(fold("LOCATION:" + escape(location)))
        add("STATUS:" + status)
        add("TRANSP:" + ("TRANSPARENT" if busy == "FREE" else "OPAQUE"))
        add("X-MICROSOFT-CDO-BUSYSTATUS:" + busy)
        add(fold("X-PLANNER-ID:" + escape(event_id)))
        if alarm is not None:
            add("BEGIN:VALARM")
            add("ACTION:DISPLAY")
            add(fold("DESCRIPTION:" + escape(alarm[0])))
            add("TRIGGER:" + alarm[1])
            add("END:VALARM")
        add("END:VEVENT")
    add("END:VCALENDAR\r\n")
    return "\r\n".join(out).encode()


def json_rows(rows: Sequence[Row]) -> bytes:
    """The lower reference: the same rows as JSON (no escaping rules, no folding)."""
    return json.dumps(rows, default=str, ensure_ascii=False).encode()


def icalendar_baseline(rows: Sequence[Row], uid_domain: str, stamp: dt.datetime,
                       calendar_name: str) -> tuple[float, float, bytes]:
    """icalendar's own components and Calendar.to_ical(): (build seconds, to_ical seconds)."""
    from icalendar import Alarm, Calendar, Event, vDuration

    began = time.perf_counter()
    calendar = Calendar()
    calendar.add("prodid", "-//planner benchmark//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    utc = stamp.astimezone(dt.UTC)
    for (summary, start, end, _zone, uid, kind, description, location, status, busy,
         event_id, alarm) in rows:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", utc)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", summary)
        if location:
            event.add("location", location)
        event.add("description", description)
        event.add("categories", [kind])
        event.add("status", status)
        event.add("sequence", 0)
        event.add("transp", "TRANSPARENT" if busy == "FREE" else "OPAQUE")
        event.add("x-microsoft-cdo-busystatus", busy)
        event.add("x-planner-id", event_id)
        if alarm is not None:
            component = Alarm()
            component.add("action", "DISPLAY")
            component.add("description", alarm[0])
            component.add("trigger", vDuration.from_ical(alarm[1]))
            event.add_component(component)
        calendar.add_component(event)
    built = time.perf_counter()
    data: bytes = calendar.to_ical()
    return built - began, time.perf_counter() - built, data
