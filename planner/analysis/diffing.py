"""What changed between two versions of a plan: added, moved, changed, cancelled events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError, Problem, Where
from planner.plan import Plan


@dataclass(frozen=True, slots=True)
class Entry:
    """An event as both kinds of input can give it: identity, dates, title, status."""

    uid: str
    start: str  # ISO date or date-time, as a user reads it
    end: str
    title: str
    cancelled: bool = False


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
        result[uid] = Entry(uid, start.isoformat(), end.isoformat(),
                            str(component.get("SUMMARY", "")), status == "CANCELLED")
    return result


def diff_entries(old: dict[str, Entry], new: dict[str, Entry]) -> list[str]:
    """One line per difference, sorted by kind then uid."""
    lines = []
    for uid in sorted(new.keys() - old.keys()):
        if not new[uid].cancelled:
            lines.append(f"added      {uid}  {new[uid].start}  {new[uid].title}")
    for uid in sorted(old.keys() & new.keys()):
        before, after = old[uid], new[uid]
        if after.cancelled and not before.cancelled:
            lines.append(f"cancelled  {uid}  was {before.start}  {before.title}")
        elif (before.start, before.end) != (after.start, after.end):
            lines.append(f"moved      {uid}  {before.start} -> {after.start}  {after.title}")
        elif before.title != after.title:
            lines.append(f"changed    {uid}  {before.title!r} -> {after.title!r}")
    for uid in sorted(old.keys() - new.keys()):
        if not old[uid].cancelled:
            lines.append(f"cancelled  {uid}  was {old[uid].start}  {old[uid].title}")
    return lines
