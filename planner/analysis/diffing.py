"""What changed between two versions of a plan: added, moved, changed, cancelled events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError, Problem, Where
from planner.i18n import N_, translate
from planner.plan import Plan

ADDED, MOVED, CHANGED, CANCELLED = N_("added"), N_("moved"), N_("changed"), N_("cancelled")


@dataclass(frozen=True, slots=True)
class Entry:
    """An event as both kinds of input can give it: identity, dates, title, status."""

    uid: str
    start: str  # ISO date or date-time, as a user reads it
    end: str
    title: str
    cancelled: bool = False
    # For the override of one occurrence of a series (same UID): the date of the series it
    # replaces (RECURRENCE-ID), as a user reads it.
    original: str | None = None


def entries_from_plan(plan: Plan) -> dict[str, Entry]:
    result = {}
    for event in plan.events:
        if event.start_time is not None and event.end_time is not None:
            start, end = event.start_time.isoformat(), event.end_time.isoformat()
        else:
            start, end = event.start.isoformat(), event.end.isoformat()
        uid = f"{event.id}@{plan.uid_domain}"
        result[uid] = Entry(uid, start, end, event.title.en)
    return result


def entries_from_ics(path: Path) -> dict[str, Entry]:
    """Read an .ics file; an event with STATUS:CANCELLED counts as cancelled."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(path.read_bytes())
    except (OSError, ValueError) as error:
        raise PlannerError(Problem(Where(str(path)), f"cannot read the calendar: {error}",
                                   "give an .ics file written by planner generate")) from None
    result = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID", ""))
        start = component.decoded("DTSTART")
        end = component.decoded("DTEND", start)
        if isinstance(end, dt.date) and not isinstance(end, dt.datetime):
            end = end - dt.timedelta(days=1)  # exclusive in the file, inclusive for people
        status = str(component.get("STATUS", "")).upper()
        # A moved occurrence shares its series' UID: its RECURRENCE-ID tells the two apart.
        original = (component.decoded("RECURRENCE-ID").isoformat()
                    if "RECURRENCE-ID" in component else None)
        key = uid if original is None else f"{uid} {original}"
        result[key] = Entry(uid, start.isoformat(), end.isoformat(),
                            str(component.get("SUMMARY", "")), status == "CANCELLED", original)
    return result


def diff_entries(old: dict[str, Entry], new: dict[str, Entry], lang: str = "en") -> list[str]:
    """One line per difference, sorted by kind then event, in the reader's language."""
    words = {word: translate(lang, word) for word in (ADDED, MOVED, CHANGED, CANCELLED)}
    width = max(10, *(len(word) + 1 for word in words.values()))
    was = translate(lang, "was")

    def line(kind: str, entry: Entry, text: str) -> str:
        return f"{words[kind]:<{width}} {_name(entry, lang)}  {text}"

    def series_gone(entry: Entry) -> bool:
        series = new.get(entry.uid)
        return series is None or series.cancelled

    lines = []
    for key in sorted(new.keys() - old.keys()):
        after = new[key]
        if after.cancelled:
            continue
        if after.original is not None:  # an occurrence moved off its series' date
            lines.append(line(MOVED, after, f"{after.original} -> {after.start}  {after.title}"))
        else:
            lines.append(line(ADDED, after, f"{after.start}  {after.title}"))
    for key in sorted(old.keys() & new.keys()):
        before, after = old[key], new[key]
        if after.cancelled and not before.cancelled:
            lines.append(line(CANCELLED, before, f"{was} {before.start}  {before.title}"))
        elif (before.start, before.end) != (after.start, after.end):
            lines.append(line(MOVED, after, f"{before.start} -> {after.start}  {after.title}"))
        elif before.title != after.title:
            lines.append(line(CHANGED, after, f"{before.title!r} -> {after.title!r}"))
    for key in sorted(old.keys() - new.keys()):
        before = old[key]
        if before.cancelled:
            continue
        if before.original is not None:  # back on its series' date, unless the series went
            if not series_gone(before):
                lines.append(line(MOVED, before, f"{before.start} -> {before.original}  "
                                                 f"{new[before.uid].title}"))
        else:
            lines.append(line(CANCELLED, before, f"{was} {before.start}  {before.title}"))
    return lines


def _name(entry: Entry, lang: str) -> str:
    if entry.original is None:
        return entry.uid
    return translate(lang, "{uid} (its {date} occurrence)").format(uid=entry.uid,
                                                                  date=entry.original[:10])
