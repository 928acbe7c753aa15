"""VTIMEZONE components read through the component itself give zoneinfo's instants."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Timezone

from planner.calendar.icstext import serialize
from planner.calendar.vtimezone import vtimezone as own_vtimezone

D = dt.date

CASES = [
    ("America/Denver", D(2024, 3, 5), D(2028, 3, 1)),           # the roundtable's calls
    ("America/New_York", D(2025, 6, 1), D(2027, 6, 1)),
    ("America/Mexico_City", D(2021, 6, 1), D(2023, 6, 1)),      # daylight saving abolished 2022
    ("America/Chihuahua", D(2021, 1, 1), D(2023, 12, 31)),      # moved to Central time 2022
    ("America/Mexico_City", D(2026, 5, 5), D(2026, 5, 5)),      # one event, no change in sight
    ("Australia/Sydney", D(2024, 1, 1), D(2026, 12, 31)),       # southern hemisphere
    ("Europe/Moscow", D(2009, 1, 1), D(2012, 12, 31)),          # east of UTC, rule stopped 2011
    ("Africa/Casablanca", D(2014, 1, 1), D(2017, 12, 31)),      # east of UTC, Ramadan breaks
    ("America/Santiago", D(2016, 1, 1), D(2017, 12, 31)),       # no change in the year before
    # The shortest times between two changes in the tz database: one week of daylight time.
    ("America/Noronha", D(2000, 1, 1), D(2001, 12, 31)),
    ("Asia/Gaza", D(2040, 1, 1), D(2040, 12, 31)),
]
IDS = [f"{zone.split('/')[-1].lower()}-{first.year}-{last.year}" for zone, first, last in CASES]


def vtimezone(name: str, first: dt.date, last: dt.date) -> Timezone:
    """planner's VTIMEZONE as written, read back by icalendar."""
    parsed = Timezone.from_ical(serialize(own_vtimezone(name, first, last).content_lines()))
    assert isinstance(parsed, Timezone)
    return parsed


def unambiguous(local: dt.datetime, zone: ZoneInfo) -> bool:
    """The wall-clock time exists exactly once in the zone."""
    early, late = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    exists = early.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == local
    return exists and early.utcoffset() == late.utcoffset()


@pytest.mark.parametrize(("name", "first", "last"), CASES, ids=IDS)
def test_vtimezone_agrees_with_zoneinfo_on_every_day_between_first_and_last(
        name: str, first: dt.date, last: dt.date) -> None:
    component = vtimezone(name, first, last)
    assert str(component["TZID"]) == name
    own = component.to_tz(lookup_tzid=False)  # built from the component, not looked up by name
    zone = ZoneInfo(name)
    day = first
    wrong = []
    while day <= last:
        for hour in (0, 3, 10, 22):
            local = dt.datetime.combine(day, dt.time(hour))
            if not unambiguous(local, zone):
                continue
            want = local.replace(tzinfo=zone).astimezone(dt.UTC)
            got = local.replace(tzinfo=own).astimezone(dt.UTC)
            if got != want:
                wrong.append(f"{local}: {got} instead of {want}")
        day += dt.timedelta(days=1)
    assert not wrong, f"{len(wrong)} wrong, first: {wrong[0]}"


@pytest.mark.parametrize(("name", "first", "last"), CASES, ids=IDS)
def test_vtimezone_never_uses_rdate(name: str, first: dt.date, last: dt.date) -> None:
    for part in vtimezone(name, first, last).subcomponents:
        assert part.name in {"STANDARD", "DAYLIGHT"}
        assert "RDATE" not in part


def until_of(rule: Any) -> dt.datetime:
    value = rule["UNTIL"]
    until: dt.datetime = value[0] if isinstance(value, list) else value
    return until


def test_until_is_utc_and_not_before_the_local_onset() -> None:
    # Moscow's last daylight period began 2010-03-28 02:00 local (2010-03-27 23:00 UTC).
    zone = vtimezone("Europe/Moscow", D(2009, 1, 1), D(2012, 12, 31))
    rules = [part["RRULE"] for part in zone.subcomponents if "RRULE" in part]
    untils = [until_of(rule) for rule in rules if "UNTIL" in rule]
    assert untils
    assert all(until.tzinfo is not None and until.utcoffset() == dt.timedelta(0) for until in untils)
    daylight = next(p for p in zone.subcomponents if p.name == "DAYLIGHT" and "RRULE" in p)
    assert until_of(daylight["RRULE"]) >= dt.datetime(2010, 3, 28, 2, tzinfo=dt.UTC)


def test_denver_after_2023_is_two_open_ended_yearly_rules() -> None:
    zone = vtimezone("America/Denver", D(2024, 3, 5), D(2028, 3, 1))
    parts = {part.name: part for part in zone.subcomponents}
    assert set(parts) == {"STANDARD", "DAYLIGHT"}
    assert all("UNTIL" not in part["RRULE"] for part in parts.values())
    assert parts["DAYLIGHT"]["TZOFFSETTO"].td == dt.timedelta(hours=-6)
    assert parts["STANDARD"]["TZOFFSETTO"].td == dt.timedelta(hours=-7)


def test_mexico_city_after_2022_is_one_standard_component() -> None:
    (standard,) = vtimezone("America/Mexico_City", D(2026, 1, 1), D(2027, 12, 31)).subcomponents
    assert standard.name == "STANDARD"
    assert standard["TZOFFSETFROM"].td == standard["TZOFFSETTO"].td == dt.timedelta(hours=-6)
