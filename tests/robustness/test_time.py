"""Time is right: DST days, the Mexico City zone after 2022, Feb 29, the 31st, year ends.

Expectations are written out by hand (UTC instants, calendar dates), not computed with the
code under test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import STAMP, TODAY
from icalendar import Calendar

from planner import load_schedule, make_plan
from planner.calendar.ics import render_ics
from planner.calendar.options import CalendarOptions
from planner.engine.cycles import expand

UTC = dt.UTC
MINIMAL = (Path(__file__).parent.parent / "minimal.toml").read_text(encoding="utf-8")


def _timed_schedule(write_schedule, venue: str, zone: str, day: str, time: str):  # type: ignore[no-untyped-def]
    text = MINIMAL.replace("from = 2026-01-01", "from = 2020-01-01").replace(
        'days = 2\nweekdays = ["tue", "wed", "thu"]', f"start_time = {time}\nhours = 2").replace(
        'venues = ["mexico_city", "colorado_springs"]', f'venue = "{venue}"')
    text = text.replace('timezone = "America/Denver"', f'timezone = "{zone}"') if venue == \
        "colorado_springs" else text
    text += f"""
[[forums.talks.held]]
activity = "meeting"
date = {day}
venue = "{venue}"
"""
    text = text.replace("start = 2026-01-01\nphases", "start = 2020-01-01\nphases")
    return write_schedule(text)


@pytest.mark.parametrize(("zone", "venue", "day", "time", "utc"), [
    ("America/Denver", "colorado_springs",
     "2026-03-08", "10:00", dt.datetime(2026, 3, 8, 16, tzinfo=UTC)),
    ("America/Denver", "colorado_springs",
     "2026-03-07", "10:00", dt.datetime(2026, 3, 7, 17, tzinfo=UTC)),
    ("America/Denver", "colorado_springs",
     "2026-11-01", "10:00", dt.datetime(2026, 11, 1, 17, tzinfo=UTC)),
    ("America/Denver", "colorado_springs",
     "2026-03-08", "02:30", dt.datetime(2026, 3, 8, 9, 30, tzinfo=UTC)),
    ("America/New_York", "colorado_springs",
     "2026-03-08", "09:00", dt.datetime(2026, 3, 8, 13, tzinfo=UTC)),
    ("America/New_York", "colorado_springs",
     "2026-11-01", "01:30", dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    ("America/Mexico_City", "mexico_city",
     "2026-04-07", "09:00", dt.datetime(2026, 4, 7, 15, tzinfo=UTC)),
    ("America/Mexico_City", "mexico_city",
     "2022-04-05", "09:00", dt.datetime(2022, 4, 5, 14, tzinfo=UTC)),
    ("America/Mexico_City", "mexico_city",
     "2022-10-31", "09:00", dt.datetime(2022, 10, 31, 15, tzinfo=UTC)),
], ids=["denver-spring-forward-day", "denver-day-before", "denver-fall-back-day", "denver-gap-time",
        "new-york-spring-forward", "new-york-repeated-hour-first", "mexico-city-2026",
        "mexico-city-dst-2022", "mexico-city-after-abolition"])
def test_timed_event_instant(write_schedule, zone, venue, day, time, utc) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan(load_schedule(_timed_schedule(write_schedule, venue, zone, day, time)),
                     today=TODAY)
    event = next(e for e in plan.events if e.start == dt.date.fromisoformat(day))
    assert event.start_time.astimezone(UTC) == utc
    assert event.end_time.astimezone(UTC) - utc == dt.timedelta(hours=2)  # type: ignore[union-attr]
    # The file says the same through its own VTIMEZONE (icalendar reads TZID + VTIMEZONE).
    vevent = next(c for c in Calendar.from_ical(render_ics(plan, CalendarOptions(STAMP))).walk("VEVENT")
                  if str(c["UID"]).startswith(event.id + "@"))
    assert vevent["DTSTART"].params["TZID"] == zone
    assert vevent.decoded("DTSTART").astimezone(UTC) == utc


def test_feb_29_cycle_start_falls_back_to_feb_28_and_returns_in_leap_years() -> None:
    from planner.schedule.model import Phase, Regime

    regime = Regime("r", 12, dt.date(2024, 2, 29), None,
                    (Phase("p", None, (1, 12), ()),), True)  # type: ignore[arg-type]
    starts = [c.start for c in expand(regime, dt.date(2028, 12, 31))]
    assert starts == [dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2026, 2, 28),
                      dt.date(2027, 2, 28), dt.date(2028, 2, 29)]


def test_cycle_starting_on_the_31st_keeps_month_ends() -> None:
    from planner.schedule.model import Phase, Regime

    regime = Regime("r", 3, dt.date(2026, 1, 31), None,
                    (Phase("p", None, (2, 2), ()),), True)  # type: ignore[arg-type]
    cycles = list(expand(regime, dt.date(2026, 12, 31)))
    assert [(c.start, c.end) for c in cycles] == [
        (dt.date(2026, 1, 31), dt.date(2026, 4, 29)), (dt.date(2026, 4, 30), dt.date(2026, 7, 30)),
        (dt.date(2026, 7, 31), dt.date(2026, 10, 30)), (dt.date(2026, 10, 31), dt.date(2027, 1, 30))]
    assert (cycles[0].phases[0].start, cycles[0].phases[0].end) == (dt.date(2026, 2, 28),
                                                                    dt.date(2026, 3, 30))


def test_all_day_event_across_new_year_ends_exclusive_on_the_next_day(write_schedule) -> None:
    text = MINIMAL.replace('weekdays = ["tue", "wed", "thu"]',
                           'weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]')
    text = text.replace('holidays = ["US", "MX"]', "holidays = []")
    text += """
[[forums.talks.held]]
activity = "meeting"
start = 2026-12-31
end = 2027-01-01
venue = "mexico_city"
"""
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    vevent = next(c for c in Calendar.from_ical(render_ics(plan, CalendarOptions(STAMP))).walk("VEVENT")
                  if c.decoded("DTSTART") == dt.date(2026, 12, 31))
    assert vevent.decoded("DTEND") == dt.date(2027, 1, 2)


def test_yearly_blackout_that_wraps_new_year_closes_both_sides(write_schedule) -> None:
    text = MINIMAL.replace('holidays = ["US", "MX"]', 'holidays = []\nyearly_blackouts = '
                           '[{ from = "12-15", to = "01-20", reason = "leave" }]')
    text = text.replace("preferred_months = [5]", "preferred_months = [1, 12]")
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    for event in plan.events:
        for day in (event.start, event.end):
            assert not (day >= dt.date(day.year, 12, 15) or day <= dt.date(day.year, 1, 20))
