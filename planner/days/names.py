"""Public holidays by name, in English for the engine and in the reader's language on demand.

The holidays package names a country's holidays in the languages it has for that country
(Mexico: Spanish and English; the United States: English only) and otherwise in the language
of the process's locale, which would make a plan's words depend on who runs it. Here the
language is always asked for; a name the package has only in English is translated by
planner's catalog (the US federal holidays have their Spanish there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from planner.days.holiday_modules import holidays
from planner.i18n import N_, translate

OBSERVED = N_("(observed)")
# The US federal holidays (5 U.S.C. 6103) as the holidays package names them, for the catalogs.
US_HOLIDAYS = (N_("New Year's Day"), N_("Martin Luther King Jr. Day"), N_("Washington's Birthday"),
               N_("Memorial Day"), N_("Juneteenth National Independence Day"),
               N_("Independence Day"), N_("Labor Day"), N_("Columbus Day"), N_("Veterans Day"),
               N_("Thanksgiving Day"), N_("Christmas Day"), N_("Inauguration Day"))


@cache
def package_language(country: str, lang: str) -> str | None:
    """The holidays package's code for `lang` in `country` ("en" -> "en_US"), None if it has none."""
    supported = holidays.country_holidays(country).supported_languages
    wanted = "en_US" if lang == "en" else lang
    if wanted in supported:
        return wanted
    return next((code for code in supported if code.split("_")[0] == lang), None)


def calendar(country: str, years: tuple[int, ...] | int | None = None,
             lang: str = "en") -> holidays.HolidayBase:
    """The country's holidays named in `lang` if the package has it, otherwise in English."""
    language = (package_language(country, lang) or package_language(country, "en")
                or holidays.country_holidays(country).default_language)
    return holidays.country_holidays(country, years=years, language=language)


@cache
def _names(country: str, year: int, lang: str) -> dict[dt.date, str]:
    return {day: str(name) for day, name in calendar(country, year, lang).items()}


def name_in(country: str, day: dt.date, english: str, lang: str) -> str:
    """The name of the holiday `english` of `country` on `day`, in `lang`."""
    if lang == "en":
        return english
    if lang == "en+es":
        spanish = name_in(country, day, english, "es")
        return english if spanish == english else f"{english} / {spanish}"
    if package_language(country, lang) is not None:
        return _names(country, day.year, lang).get(day, english)
    return "; ".join(_translated(part.strip(), lang) for part in english.split(";"))


def _translated(name: str, lang: str) -> str:
    base = name.removesuffix(OBSERVED).strip()
    text = translate(lang, base)
    return f"{text} {translate(lang, OBSERVED)}" if base != name else text


@dataclass(frozen=True, slots=True)
class HolidayName:
    """A holiday's name and country, "Revolution Day (MX)", written in the reader's language
    when shown (made for every holiday of every year planned, shown for a few)."""

    country: str
    day: dt.date
    english: str

    def get(self, lang: str = "en") -> str:
        return f"{name_in(self.country, self.day, self.english, lang)} ({self.country})"

    def __str__(self) -> str:
        return self.get()
