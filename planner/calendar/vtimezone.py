"""VTIMEZONE components written as yearly RRULEs, the form every calendar app reads alike.

icalendar's own generator writes onsets as RDATE lists, which Outlook ignores and ical.js and
calcurse misread; so the zone's transitions are read from zoneinfo and grouped into yearly
rules ("second Sunday of March at 02:00"), with UNTIL where a rule stopped (Mexico, 2022).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from planner.calendar.icstext import Component, escape_text, local_text, offset_text, utc_text

_MARGIN = dt.timedelta(days=400)
_STEP = dt.timedelta(days=3)  # tzdata 1970-2100: never two changes within 6.9 days (Gaza 2040)
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class _Transition:
    instant: dt.datetime  # UTC
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    is_dst: bool
    name: str

    @property
    def onset(self) -> dt.datetime:
        """Local wall-clock time of the change, in the offset before it (RFC 5545 3.6.5)."""
        return (self.instant + self.offset_from).replace(tzinfo=None)

    @property
    def shape(self) -> tuple[object, ...]:
        onset = self.onset
        return (self.is_dst, self.offset_from, self.offset_to, self.name, onset.month,
                onset.weekday(), onset.time())

    @property
    def weekday_rules(self) -> set[int]:
        """Which BYDAY ordinals describe this date: its n-th weekday, and -1 if it is the last."""
        onset = self.onset
        rules = {(onset.day - 1) // 7 + 1}
        if onset.day + 7 > calendar.monthrange(onset.year, onset.month)[1]:
            rules.add(-1)
        return rules


def _offset(zone: ZoneInfo, instant: dt.datetime) -> dt.timedelta:
    return instant.astimezone(zone).utcoffset() or dt.timedelta(0)


def _transitions(zone: ZoneInfo, first: dt.datetime, last: dt.datetime) -> list[_Transition]:
    """The zone's changes of offset between `first` and `last`, to the second.

    Read three days at a time, then day by day and to the second: a day-by-day scan of every
    zone costs a second at theater scale, and no zone changes twice within 3 days.
    """
    found = []
    moment = first
    before = _offset(zone, moment)
    while moment < last:
        following = min(moment + _STEP, last)
        if _offset(zone, following) != before:
            following = moment + dt.timedelta(days=1)
            while _offset(zone, following) == before:
                following += dt.timedelta(days=1)
            high = _first_second_after(zone, following - dt.timedelta(days=1), following, before)
            after = _offset(zone, high)
            local = high.astimezone(zone)
            found.append(_Transition(high, before, after, bool(local.dst()), local.tzname() or ""))
            before, following = after, high
        moment = following
    return found


def _first_second_after(zone: ZoneInfo, low: dt.datetime, high: dt.datetime,
                        before: dt.timedelta) -> dt.datetime:
    """The first second in (low, high] whose offset is no longer `before` (bisection)."""
    while high - low > dt.timedelta(seconds=1):
        middle = low + dt.timedelta(seconds=(high - low).total_seconds() // 2)
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def _eras(transitions: list[_Transition]) -> list[tuple[list[_Transition], set[int]]]:
    """Group yearly repeats of the same change into eras, each with the BYDAY ordinals that fit."""
    eras: list[tuple[list[_Transition], set[int]]] = []
    for item in transitions:
        for members, ordinals in eras:
            last = members[-1]
            fits = ordinals & item.weekday_rules
            if last.shape == item.shape and item.onset.year == last.onset.year + 1 and fits:
                members.append(item)
                ordinals.intersection_update(fits)
                break
        else:
            eras.append(([item], item.weekday_rules))
    return eras


def vtimezone(name: str, first: dt.date, last: dt.date) -> Component:
    """A VTIMEZONE for `name` that is right for every moment between `first` and `last`."""
    zone = ZoneInfo(name)
    start = dt.datetime.combine(first, dt.time(12), tzinfo=dt.UTC) - _MARGIN
    end = dt.datetime.combine(last, dt.time(12), tzinfo=dt.UTC) + _MARGIN
    changes = _transitions(zone, start, end)
    first_moment = dt.datetime.combine(first, dt.time(0), tzinfo=dt.UTC) - dt.timedelta(days=1)
    earlier = [c for c in changes if c.instant <= first_moment]
    if earlier:  # only the change in force at the first event, and later ones, are needed
        changes = changes[changes.index(earlier[-1]):]
    elif changes:  # no change in the margin before the first event: say what is in force then
        offset, local = _offset(zone, start), start.astimezone(zone)
        changes.insert(0, _Transition(start, offset, offset, bool(local.dst()), local.tzname() or name))
    component = Component("VTIMEZONE", [f"TZID:{escape_text(name)}"])
    if not changes:
        offset = _offset(zone, start)
        component.children.append(_observance(
            "STANDARD", dt.datetime(1970, 1, 1), None, start.astimezone(zone).tzname() or name,
            offset, offset))
        return component
    for members, ordinals in _eras(changes):
        head = members[0]
        rule = None
        if len(members) > 1:
            ordinal = min(ordinals) if min(ordinals) > 0 else -1
            rule = f"FREQ=YEARLY;BYDAY={ordinal}{_DAY_CODES[head.onset.weekday()]}"
            rule += f";BYMONTH={head.onset.month}"
            still_running = members[-1].instant > end - dt.timedelta(days=366)
            if not still_running:
                # UTC, as RFC 5545 requires; never before the local onset read as UTC, since
                # some readers (dateutil, so icalendar's to_tz) compare it with local times.
                final = members[-1]
                until = max(final.instant, final.onset.replace(tzinfo=dt.UTC))
                rule = rule.replace(";BYDAY", f";UNTIL={utc_text(until)};BYDAY")
        component.children.append(_observance("DAYLIGHT" if head.is_dst else "STANDARD",
                                              head.onset, rule, head.name, head.offset_from,
                                              head.offset_to))
    return component


def _observance(kind: str, onset: dt.datetime, rule: str | None, name: str,
                offset_from: dt.timedelta, offset_to: dt.timedelta) -> Component:
    """One STANDARD or DAYLIGHT part: from the local onset, once or every year by `rule`."""
    lines = [f"DTSTART:{local_text(onset)}"]
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    lines += [f"TZNAME:{escape_text(name)}", f"TZOFFSETFROM:{offset_text(offset_from)}",
              f"TZOFFSETTO:{offset_text(offset_to)}"]
    return Component(kind, lines)
