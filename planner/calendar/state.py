"""What makes a regenerated calendar stay right: the previous output file, read back.

Where the previous state comes from. `planner generate` keeps no state file: the calendar
it wrote last time *is* the state. Before anything is written, that file is read back with
icalendar; each event planner wrote in it (UID ``<id>@<uid_domain>`` and an ``X-PLANNER-ID``)
gives its SEQUENCE, DTSTAMP, LAST-MODIFIED and content. Then the new calendar is settled
against it:

- an event whose content is unchanged is written with its old DTSTAMP, LAST-MODIFIED and
  SEQUENCE, so its bytes are identical to the previous run;
- an event whose content changed keeps its UID, gets SEQUENCE + 1 and LAST-MODIFIED (and
  DTSTAMP) set to this run's stamp;
- an event that left the plan is written once more with ``STATUS:CANCELLED``, a title
  starting "Cancelled: " ("Cancelado: "), SEQUENCE + 1, free time and no alarm, so that
  calendars which imported or subscribed to the file drop it, and Outlook, which shows a
  cancelled entry like any other, shows the word. It then stays in later files, unchanged,
  until its own last day has passed (or ``--prune`` removes it now): someone who imports
  only a later file still gets the cancellation, and old ones do not pile up. An event that
  comes back after being cancelled is an update (SEQUENCE + 1) of the same UID;
- an event that is still in the plan but outside what this run writes (``--from``/``--to``,
  ``--party``/``--forum``/``--kind``) is simply not written: a horizon or a filter is a view
  of the plan, not a deletion from it. Only leaving the plan cancels an event.

Which events are planner's and what their "content" is (the whole event except DTSTAMP,
LAST-MODIFIED and SEQUENCE: dates, title, description, place, status, categories, alarms...)
is defined once, in planner.calendar.reading, for regenerating and publishing alike: a new
DTSTAMP alone never counts as a change. The file is only replaced atomically after the
new calendar is complete (planner.files.write_atomically), so a failed run leaves the old
file, and with it the state, untouched.

The previous file is read a line at a time, event by event (icstext.read_events): a BOM, a byte that is not
UTF-8, a broken BEGIN/END or two files run together cost at most the events they touch, and
an event whose dates cannot be handled (year 9999, an unknown zone) is skipped; each kind of
loss is said in a note. Events in it that planner did not write for this plan's UID domain
are not carried over, and of planner's own only the properties planner writes are (a
forged ATTACH or URL is dropped). A file that holds no calendar at all is not state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.calendar.icstext import Component, day_of, escape_text, read_events, utc_text, zone_days
from planner.calendar.reading import (
    MAX_SEQUENCE,
    PLANNER_ID,
    is_planners,
    key_of,
    own_properties,
    same_content,
    sequence_of,
)
from planner.collector import collector_paused
from planner.i18n import deferred, deferred_n, translate, translate_n

_FIRST_DAY, _LAST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)  # see _usable
BUSY_STATUS = "X-MICROSOFT-CDO-BUSYSTATUS"  # what Outlook shows for the time


@dataclass(frozen=True, slots=True)
class PreviousEvent:
    """One event planner wrote in the previous file."""

    uid: str
    component: Component  # as read back; never modified
    sequence: int
    cancelled: bool


@dataclass(frozen=True, slots=True)
class Previous:
    """The previous output file, as far as it matters for the next one."""

    events: dict[str, PreviousEvent] = field(default_factory=dict)  # by key_of
    notes: tuple[str, ...] = ()  # what was not usable in it, for the user


@dataclass(frozen=True, slots=True)
class Changes:
    """What a regeneration did to each event, by key_of (UID, and RECURRENCE-ID for an override)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()  # cancelled by this run
    still_cancelled: tuple[str, ...] = ()  # cancelled earlier, kept until their date passes
    pruned: tuple[str, ...] = ()  # cancelled earlier, dropped by --prune or as past
    outside: tuple[str, ...] = ()  # still planned, outside this run's view: not written

    @property
    def entries(self) -> int:
        """Calendar entries written that are not cancelled: a series with the overrides of
        its moved occurrences counts once."""
        return len(_uids(*self.added, *self.changed, *self.unchanged))

    @property
    def written(self) -> int:
        """Calendar entries in the written calendar, cancelled ones included."""
        counts = self.entry_counts()
        return sum(counts[name] for name in ("added", "changed", "unchanged", "cancelled",
                                             "still_cancelled"))

    def entry_counts(self) -> dict[str, int]:
        """Each field counted in calendar entries, the unit of `planner generate`'s "wrote"
        line: a series and the overrides of its moved occurrences are one entry, new when all
        of it is new, unchanged when all of it is, else changed."""
        live = _uids(*self.added, *self.changed, *self.unchanged)
        added = _uids(*self.added) - _uids(*self.changed, *self.unchanged)
        unchanged = _uids(*self.unchanged) - _uids(*self.added, *self.changed)
        cancelled = _uids(*self.cancelled)
        changed = (live - added - unchanged) | (cancelled & live)  # an override cancelled
        cancelled -= live
        still = _uids(*self.still_cancelled) - live - cancelled
        pruned = _uids(*self.pruned) - live - cancelled - still
        outside = _uids(*self.outside) - live - cancelled - still
        return {"added": len(added - changed), "changed": len(changed),
                "unchanged": len(unchanged - changed), "cancelled": len(cancelled),
                "still_cancelled": len(still), "pruned": len(pruned), "outside": len(outside)}

    def summary(self, lang: str = "en") -> str:
        """"calendar entries: 3 new, 1 changed, 52 unchanged, 0 cancelled…", in `lang`
        (Spanish agrees with "entradas")."""
        count = self.entry_counts()
        parts = [
            (translate_n(lang, "{count} new", "{count} new", count["added"]), count["added"]),
            (translate_n(lang, "{count} changed", "{count} changed", count["changed"]),
             count["changed"]),
            (translate_n(lang, "{count} unchanged", "{count} unchanged", count["unchanged"]),
             count["unchanged"]),
            (translate_n(lang, "{count} cancelled", "{count} cancelled", count["cancelled"]),
             count["cancelled"])]
        extras = [
            (translate_n(lang, "{count} cancelled earlier (kept until its date passes or --prune)",
                         "{count} cancelled earlier (kept until their date passes or --prune)",
                         count["still_cancelled"]), count["still_cancelled"]),
            (translate_n(lang, "{count} past or pruned cancellation dropped",
                         "{count} past or pruned cancellations dropped", count["pruned"]),
             count["pruned"]),
            (translate_n(lang, "{count} outside --from/--to or the filters, not written",
                         "{count} outside --from/--to or the filters, not written",
                         count["outside"]), count["outside"])]
        parts += [(text, number) for text, number in extras if number]
        return translate(lang, "calendar entries: {counts}").format(
            counts=", ".join(text.format(count=number) for text, number in parts))


def _uids(*keys: str) -> set[str]:
    """The calendar entries of these keys (see key_of): an override belongs to its series."""
    return {key.partition(" ")[0] for key in keys}


def read_previous(path: str | Path, uid_domain: str) -> Previous:
    """The state in the calendar file at `path`; empty when there is none or it is unusable.

    Only reads: the file is never changed here.
    """
    target = Path(path)
    if str(path) == "-" or not target.is_file():
        return Previous()
    try:
        with open(target, "rb") as stream, collector_paused():
            if not stream.peek(1):  # empty (a shell's "> file" before planner writes it)
                return Previous()
            return parse_previous(stream, uid_domain, str(target))  # a line at a time
    except OSError as error:
        return Previous(notes=(deferred("{file}: could not read the previous calendar "
                                        "({error}); SEQUENCE starts at 0", file=str(target),
                                        error=error.strerror or type(error).__name__),))


def parse_previous(data: bytes | Iterable[bytes], uid_domain: str,
                   name: str = "previous calendar") -> Previous:
    """The state in a calendar's bytes or lines (see read_previous), read event by event:
    what cannot be read is skipped and said, the rest is kept."""
    found = read_events(data)
    if not found.is_calendar and not found.events:
        return Previous(notes=(deferred("{file}: not a calendar planner can read; it is "
                                        "replaced and SEQUENCE starts at 0", file=name),))
    events: dict[str, PreviousEvent] = {}
    foreign = duplicates = unreadable = 0
    for component in found.events:
        uid = component.get("UID") or ""
        key = key_of(component)  # a series' override shares its UID
        if not is_planners(component, uid_domain):
            foreign += 1
            continue
        if not _usable(component):
            unreadable += 1
            continue
        own = own_properties(component)
        event = PreviousEvent(uid, own, sequence_of(own),
                              (own.get("STATUS") or "").upper() == "CANCELLED")
        if key in events:
            duplicates += 1
            if event.sequence <= events[key].sequence:
                continue  # the highest SEQUENCE is the one clients have seen last
        events[key] = event
    notes: list[str] = []
    if foreign:
        notes.append(deferred_n(
            "{file}: {count} event was not written by planner for @{domain}; it is not "
            "carried over",
            "{file}: {count} events were not written by planner for @{domain}; they are not "
            "carried over", foreign, file=name, domain=uid_domain))
    if found.damaged or unreadable:
        notes.append(deferred_n(
            "{file}: {count} event could not be read (broken BEGIN/END lines, or a date or "
            "zone out of range) and was skipped",
            "{file}: {count} events could not be read (broken BEGIN/END lines, or a date or "
            "zone out of range) and were skipped", found.damaged + unreadable, file=name))
    if found.replaced:
        notes.append(deferred_n(
            "{file}: {count} event had bytes that are not UTF-8; it was read with U+FFFD in "
            "place of those bytes",
            "{file}: {count} events had bytes that are not UTF-8; they were read with U+FFFD "
            "in place of those bytes", found.replaced, file=name))
    if duplicates:
        notes.append(deferred_n(
            "{file}: {count} event repeats a UID; the one with the highest SEQUENCE was kept",
            "{file}: {count} events repeat a UID; the one with the highest SEQUENCE was kept",
            duplicates, file=name))
    return Previous(events, tuple(notes))


def published_days(path: str | Path, uid_domain: str) -> dict[str, dt.date]:
    """The start day of each event planner published in the calendar file at `path` (or in
    every .ics file of the folder at `path`), by event id; cancelled events are left out.

    The engine keeps these days while every rule still allows them (stable plans).
    """
    target = Path(path)
    files = ([file for file in sorted(target.glob("*.ics"))  # as --split reads its folder
              if file.is_file() and not file.is_symlink()] if target.is_dir() else [target])
    days: dict[str, dt.date] = {}
    for file in files:
        for event in read_previous(file, uid_domain).events.values():
            event_id = event.component.get(PLANNER_ID)
            if event_id and not event.cancelled:
                days[event_id] = day_of(event.component.get("DTSTART") or "")
    return days


def _usable(component: Component) -> bool:
    """Whether the event's days and zones can be handled: a file is ordered by start day, and
    a cancelled event is written again with its VTIMEZONEs. planner plans 1900 to 2199, so a
    day outside that (year 9999 or 0001, hand-edited) is not planner's and would overflow."""
    try:
        days = [day_of(component.get("DTSTART") or "")]
        days += [day_of(end) for end in (component.get("DTEND"),) if end]
        days += [day_of(part[6:]) for part in (component.get("RRULE") or "").split(";")
                 if part.upper().startswith("UNTIL=")]
        zones = zone_days(component)
        for zone, day in zones:
            ZoneInfo(zone)
            days.append(day)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return all(_FIRST_DAY <= day <= _LAST_DAY for day in days)


@dataclass(frozen=True, slots=True)
class View:
    """What one run writes of the plan, and what it needs to judge the previous file's events.

    planned: the UIDs of every entry of the whole plan (not only the written slice), so an
        event outside the slice is told apart from one that left the plan.
    horizon: the plan's first and last day; a previous event wholly outside it is outside
        the view. None: every previous event is inside.
    today: cancellations whose last day is before it are dropped. None: kept.
    cancelled: the title prefix of a cancelled entry, in the run's language.
    """

    planned: frozenset[str] = frozenset()
    horizon: tuple[dt.date, dt.date] | None = None
    today: dt.date | None = None
    cancelled: str = "Cancelled: "

    def outside(self, event: PreviousEvent) -> bool:
        if event.uid in self.planned:
            return True
        if self.horizon is None:
            return False
        first, last = days_of(event.component)
        return last < self.horizon[0] or first > self.horizon[1]

    def past(self, event: PreviousEvent) -> bool:
        return self.today is not None and days_of(event.component)[1] < self.today


def days_of(component: Component) -> tuple[dt.date, dt.date]:
    """The first and last day an event covers: DTSTART to the day before an all-day DTEND
    (exclusive), the DTEND of a timed one, or the UNTIL of its recurrence rule."""
    first = day_of(component.get("DTSTART") or "")  # readable: see _usable
    last = first
    end = component.get("DTEND") or ""
    until = [part[6:] for part in (component.get("RRULE") or "").split(";")
             if part.upper().startswith("UNTIL=")]
    for value, exclusive in ((end, "T" not in end), *((day, False) for day in until)):
        try:  # a hand-edited end the reader let through only shortens the span
            last = max(last, day_of(value) - dt.timedelta(days=1 if exclusive else 0))
        except (ValueError, IndexError):
            continue
    return first, last


def settle(fresh: Iterable[Component], previous: Previous, stamp: dt.datetime,
           prune: bool = False, view: View | None = None) -> tuple[list[Component], Changes]:
    """The events to write: `fresh` (rendered with SEQUENCE 0 and DTSTAMP `stamp`) settled
    against the previous file, plus the cancellations. The fresh components are the
    caller's throwaway renderings and are settled in place; an unchanged event is written as
    the previous file had it, byte for byte. Previous events outside `view` are not written.

    The result keeps the order of `fresh`, with cancelled events after them; callers sort.
    """
    view = view or View()
    stamp_text = utc_text(stamp)
    added, changed, unchanged = [], [], []
    written: list[Component] = []
    seen = set()
    for event in fresh:
        uid = key_of(event)
        seen.add(uid)
        before = previous.events.get(uid)
        if before is None:
            added.append(uid)
        elif same_content(event, before.component):
            event = before.component
            unchanged.append(uid)
        else:
            event.put(f"SEQUENCE:{min(before.sequence + 1, MAX_SEQUENCE)}")
            event.put(f"LAST-MODIFIED:{stamp_text}")
            changed.append(uid)
        written.append(event)
    cancelled, still, pruned, outside = [], [], [], []
    for uid in sorted(set(previous.events) - seen):
        before = previous.events[uid]
        if view.outside(before):
            outside.append(uid)
        elif before.cancelled and (prune or view.past(before)):
            pruned.append(uid)
        elif before.cancelled:
            written.append(before.component)
            still.append(uid)
        elif view.past(before):  # left the plan after its date: nothing to tell anyone
            pruned.append(uid)
        else:
            written.append(cancellation(before, stamp_text, view.cancelled))
            cancelled.append(uid)
    return written, Changes(tuple(added), tuple(changed), tuple(unchanged), tuple(cancelled),
                            tuple(still), tuple(pruned), tuple(outside))


def cancellation(before: PreviousEvent, stamp: str, prefix: str = "Cancelled: ") -> Component:
    """The previous event, cancelled: its title says so, STATUS:CANCELLED, SEQUENCE + 1,
    free time, no alarm."""
    event = before.component.copy()
    event.children = [child for child in event.children if child.name != "VALARM"]
    title = event.get("SUMMARY") or ""
    for line in (f"SUMMARY:{escape_text(prefix)}{title}", "STATUS:CANCELLED",
                 "TRANSP:TRANSPARENT", f"{BUSY_STATUS}:FREE",
                 f"SEQUENCE:{min(before.sequence + 1, MAX_SEQUENCE)}",
                 f"DTSTAMP:{stamp}", f"LAST-MODIFIED:{stamp}"):
        event.put(line)
    return event
