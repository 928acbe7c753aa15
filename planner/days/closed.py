"""Which days are closed for meetings: public holidays per country, blackouts, weekends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

import holidays
from dateutil.easter import easter

from planner.schedule.model import DayRules, YearlyBlackout

# Days of the armed forces some planners keep free of bilateral events (DOMAIN.md).
MILITARY_DAYS: dict[str, dict[tuple[int, int], str]] = {
    "MX": {(2, 19): "Día del Ejército", (6, 1): "Día de la Marina",
           (9, 16): "Independence Day parade", (11, 20): "Revolution Day parade"},
}


@cache
def supported_countries() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


class ClosedDays:
    """Answers "why is this day closed?" for a set of countries, from the holidays package."""

    def __init__(self, rules: DayRules) -> None:
        self.rules = rules
        self._calendars: dict[str, holidays.HolidayBase] = {}

    def _calendar(self, country: str) -> holidays.HolidayBase:
        if country not in self._calendars:
            # Years are filled in lazily by the holidays package as days are asked about.
            self._calendars[country] = holidays.country_holidays(country)
        return self._calendars[country]

    def holiday(self, day: dt.date, countries: Iterable[str]) -> str | None:
        """The holiday's name and country, e.g. "Revolution Day (MX)", or None."""
        for country in sorted(set(countries) | set(self.rules.holiday_countries)):
            name = self._calendar(country).get(day)
            if name:
                return f"{name} ({country})"
        return None

    def why_closed(self, day: dt.date, countries: Iterable[str], *,
                   observances: bool = True) -> str | None:
        """Why no work is done on `day` (weekend, holiday, blackout, observance), or None."""
        countries = tuple(countries)
        if day.weekday() in self.rules.weekend:
            return "weekend"
        found = self.holiday(day, countries) or self.blackout(day)
        if found is None and observances:
            found = self.observance(day, countries)
        return found

    def blackout(self, day: dt.date) -> str | None:
        for blackout in self.rules.blackouts:
            if blackout.start <= day <= blackout.end:
                return blackout.reason.en
        for yearly in self.rules.yearly_blackouts:
            if _in_yearly(day, yearly):
                return yearly.reason.en
        return None

    def observance(self, day: dt.date, countries: Iterable[str]) -> str | None:
        """Holy Week or a military day of a participating country, when the schedule avoids it."""
        involved = set(countries)
        for country in sorted(involved & set(self.rules.holy_week)):
            sunday = easter(day.year)
            if sunday - dt.timedelta(days=7) <= day <= sunday:
                return f"Holy Week ({country})"
        for country in sorted(involved & set(self.rules.military_days)):
            name = MILITARY_DAYS.get(country, {}).get((day.month, day.day))
            if name:
                return f"{name} ({country})"
        return None


def _in_yearly(day: dt.date, blackout: YearlyBlackout) -> bool:
    key = (day.month, day.day)
    if blackout.start <= blackout.end:
        return blackout.start <= key <= blackout.end
    return key >= blackout.start or key <= blackout.end  # wraps past Dec 31
