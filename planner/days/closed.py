"""Which days are closed for meetings: public holidays per country, blackouts, weekends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import partial

from dateutil.easter import easter

from planner.days.holiday_modules import holidays
from planner.days.names import HolidayName, calendar
from planner.i18n import N_, Localized, deferred
from planner.schedule.model import DayRules, YearlyBlackout

# Days of the armed forces some planners keep free of bilateral events (DOMAIN.md).
MILITARY_DAYS: dict[str, dict[tuple[int, int], str]] = {
    "MX": {(2, 19): N_("Army Day"), (6, 1): N_("Navy Day"),
           (9, 16): N_("Independence Day parade"), (11, 20): N_("Revolution Day parade")},
}
WEEKEND = deferred("weekend")

# Closed days of one year, each with the reason it is closed, in any language.
YearTable = dict[dt.date, Localized]


class ByYear:
    """Closed days and their reasons, worked out a whole year at a time when first asked."""

    def __init__(self, year_table: Callable[[int], YearTable]) -> None:
        self._year_table = year_table
        self._years: dict[int, YearTable] = {}

    def get(self, day: dt.date) -> Localized | None:
        return self._year(day.year).get(day)

    def between(self, first: dt.date, last: dt.date) -> Mapping[dt.date, Localized]:
        """The closed days of the years from `first` to `last`, for looking up many days."""
        if first.year == last.year:
            return self._year(first.year)
        merged: YearTable = {}
        for year in range(first.year, last.year + 1):
            merged.update(self._year(year))
        return merged

    def _year(self, year: int) -> YearTable:
        table = self._years.get(year)
        if table is None:
            table = self._years[year] = self._year_table(year)
        return table


class ClosedDays:
    """Answers "why is this day closed?" for a set of countries, from the holidays package.

    The answers are kept per set of countries: the engine asks about the same few sets on
    tens of thousands of days.
    """

    def __init__(self, rules: DayRules) -> None:
        self.rules = rules
        self._calendars: dict[str, holidays.HolidayBase] = {}
        self._country_years: dict[tuple[str, int], dict[dt.date, str]] = {}
        self._holidays: dict[frozenset[str], ByYear] = {}
        self._observances: dict[frozenset[str], ByYear] = {}
        self._blackouts = ByYear(self._blackout_table)
        self._observed = frozenset(rules.holy_week) | frozenset(rules.military_days)

    def holiday(self, day: dt.date, countries: Iterable[str]) -> Localized | None:
        """The holiday's name and country, e.g. "Revolution Day (MX)", or None."""
        return self.holidays_for(frozenset(countries)).get(day)

    def holidays_for(self, countries: frozenset[str]) -> ByYear:
        """The public holidays of these countries and of the ones the schedule always avoids."""
        return _per_countries(self._holidays, self._holiday_table, countries)

    def why_closed(self, day: dt.date, countries: Iterable[str], *,
                   observances: bool = True) -> Localized | None:
        """Why no work is done on `day` (weekend, holiday, blackout, observance), or None."""
        involved = frozenset(countries)
        if day.weekday() in self.rules.weekend:
            return WEEKEND
        found = self.holiday(day, involved) or self.blackout(day)
        if found is None and observances:
            found = self.observance(day, involved)
        return found

    def not_working(self, day: dt.date, country: str) -> Localized | None:
        """Why offices in `country` are shut on `day` (the schedule's weekend or that country's
        public holiday), or None. Unlike why_closed, the countries every meeting avoids do not
        count: a request to one country's legislature follows that country's calendar."""
        if day.weekday() in self.rules.weekend:
            return WEEKEND
        name = self._country_year(country, day.year).get(day)
        return HolidayName(country, day, name) if name else None

    def blackout(self, day: dt.date) -> Localized | None:
        return self._blackouts.get(day)

    def blackouts(self) -> ByYear:
        return self._blackouts

    def observance(self, day: dt.date, countries: Iterable[str]) -> Localized | None:
        """Holy Week or a military day of a participating country, when the schedule avoids it."""
        return self.observances_for(frozenset(countries)).get(day)

    def observances_for(self, countries: frozenset[str]) -> ByYear:
        return _per_countries(self._observances, self._observance_table, countries)

    def observed_by(self, countries: frozenset[str]) -> bool:
        """Whether any observance can close a day for these countries."""
        return not countries.isdisjoint(self._observed)

    def _holiday_table(self, countries: frozenset[str], year: int) -> YearTable:
        table: YearTable = {}
        # A holiday several countries keep is named after the first of them in code order.
        for country in sorted(countries | set(self.rules.holiday_countries)):
            for day, name in self._country_year(country, year).items():
                if name:
                    table.setdefault(day, HolidayName(country, day, name))
        return table

    def _country_year(self, country: str, year: int) -> dict[dt.date, str]:
        key = (country, year)
        if key not in self._country_years:
            if country not in self._calendars:
                self._calendars[country] = calendar(country)
            country_calendar = self._calendars[country]
            country_calendar.get(dt.date(year, 1, 1))  # asking about one day fills in its year
            # The calendar holds every year filled in so far; a year's holidays fall in it.
            self._country_years[key] = {day: str(name) for day, name in country_calendar.items()
                                        if day.year == year}
        return self._country_years[key]

    def _blackout_table(self, year: int) -> YearTable:
        table: YearTable = {}
        day = dt.date(year, 1, 1)
        while day.year == year:
            reason = self._find_blackout(day)
            if reason is not None:
                table[day] = reason
            day += dt.timedelta(days=1)
        return table

    def _find_blackout(self, day: dt.date) -> Localized | None:
        for blackout in self.rules.blackouts:
            if blackout.start <= day <= blackout.end:
                return blackout.reason
        for yearly in self.rules.yearly_blackouts:
            if _in_yearly(day, yearly):
                return yearly.reason
        return None

    def _observance_table(self, countries: frozenset[str], year: int) -> YearTable:
        table: YearTable = {}
        sunday = easter(year)
        for country in sorted(countries & set(self.rules.holy_week)):
            for back in range(7, -1, -1):  # Palm Sunday to Easter Sunday
                table.setdefault(sunday - dt.timedelta(days=back),
                                 deferred("Holy Week ({country})", country=country))
        for country in sorted(countries & set(self.rules.military_days)):
            for (month, day), name in MILITARY_DAYS.get(country, {}).items():
                table.setdefault(dt.date(year, month, day),
                                 deferred("{name} ({country})", name=deferred(name), country=country))
        return table


def _in_yearly(day: dt.date, blackout: YearlyBlackout) -> bool:
    key = (day.month, day.day)
    if blackout.start <= blackout.end:
        return blackout.start <= key <= blackout.end
    return key >= blackout.start or key <= blackout.end  # wraps past Dec 31


def _per_countries(tables: dict[frozenset[str], ByYear],
                   table: Callable[[frozenset[str], int], YearTable],
                   countries: frozenset[str]) -> ByYear:
    """The year tables for this set of countries, made on first use and kept."""
    if countries not in tables:
        tables[countries] = ByYear(partial(table, countries))
    return tables[countries]
