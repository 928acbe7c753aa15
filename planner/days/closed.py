"""Which days are closed for meetings: public holidays per country, blackouts, weekends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

import holidays

from planner.schedule.model import DayRules


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

    def blackout(self, day: dt.date) -> str | None:
        for blackout in self.rules.blackouts:
            if blackout.start <= day <= blackout.end:
                return blackout.reason.en
        return None
