"""Texts in English and Spanish, and the fixed phrases planner writes itself.

Schedule texts carry both languages (`title` and `title_es` in the TOML) and are `Text`.
Fixed phrases are written in English in the code and translated by gettext catalogs
(planner/locale/<lang>/LC_MESSAGES/planner.po, compiled to .mo): Spanish is one catalog, and
so would be another language's fixed phrases. `lang` is "en", "es" or "en+es".

Mark a fixed phrase with `N_()` where it is only named (a table of phrases), or make it with
`deferred()` where it is written later in whatever language is asked (a refusal reason);
`pybabel extract` finds both (see planner/locale/README.md).
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "planner"


def available_langs(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """English, every language with a compiled catalog in `locale_dir`, and "en+es" when
    Spanish is there: a new language is one catalog, no list to edit."""
    found = sorted(mo.parent.parent.name for mo in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    langs = ["en", *(lang for lang in found if lang != "en")]
    return (*langs, "en+es") if "es" in langs else tuple(langs)


LANGS = available_langs()


class Localized(Protocol):
    """Anything that can be written in a language: Text, Phrase, a holiday's name."""

    def get(self, lang: str = "en") -> str: ...

    def __hash__(self) -> int: ...


def N_(message: str) -> str:
    """Marks a fixed phrase for the catalogs where it is named; translated where written."""
    return message


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def translate(lang: str, message: str) -> str:
    """A fixed English phrase in `lang` ("en+es": both, when they differ)."""
    if lang == "en" or not message:
        return message
    if lang == "en+es":
        spanish = translate("es", message)
        return message if spanish == message else f"{message} / {spanish}"
    return _catalog(lang).gettext(message)


def translate_n(lang: str, singular: str, plural: str, count: int) -> str:
    """The singular or plural of a fixed phrase for `count`, in `lang` (its catalog's rule)."""
    if lang == "en+es":
        english, spanish = (translate_n(one, singular, plural, count) for one in ("en", "es"))
        return english if english == spanish else f"{english} / {spanish}"
    if lang == "en":
        return singular if count == 1 else plural
    return _catalog(lang).ngettext(singular, plural, count)


def lang_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """The language of the user's locale the way gettext looks for it (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG): "es" for es_MX.UTF-8, otherwise "en"."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            first = value.split(":")[0]
            language = first.split(".")[0].split("_")[0].split("@")[0].lower()
            return language if language in LANGS else "en"
    return "en"


_PLAIN = frozenset({str, int, dt.date})  # most fields: nothing to translate


def _written(value: object, lang: str) -> object:
    """A field's value in `lang` (a Text, Phrase or holiday name), else the value itself."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Text | Phrase):
        return value.get(lang)
    getter = getattr(value, "get", None)
    return getter(lang) if getter is not None and not isinstance(value, dict) else value


@dataclass(frozen=True, slots=True)
class Text:
    """One text in English and Spanish (Spanish falls back to English when not given)."""

    en: str
    es: str = ""

    def get(self, lang: str = "en") -> str:
        spanish = self.es or self.en
        if lang == "es":
            return spanish
        if lang == "en+es" and spanish != self.en:
            return f"{self.en} / {spanish}"
        return self.en

    def __str__(self) -> str:
        return self.en

    def __bool__(self) -> bool:
        return bool(self.en)

    def format(self, **values: Any) -> Text:
        """Fill `{name}` fields; a Text (or Phrase) value is filled in the matching language."""
        english: dict[str, object] = {}
        spanish: dict[str, object] = {}
        for name, value in values.items():  # the engine formats tens of thousands: one pass
            if isinstance(value, Text):
                english[name], spanish[name] = value.en, value.es or value.en
            elif type(value) in _PLAIN:
                english[name] = spanish[name] = value
            else:
                english[name], spanish[name] = _written(value, "en"), _written(value, "es")
        return Text(self.en.format(**english), (self.es or self.en).format(**spanish))

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, str):
            other = Text(other, other)
        return Text(self.en + other.en, (self.es or self.en) + (other.es or other.en))


class Phrase(str):
    """A fixed phrase with its fields: a string of its English text that can also be written
    in any language with a catalog, when it is shown (`get`).

    Being a string, it goes wherever English text went (a problem's message, a refusal's
    reason) and compares, hashes and searches as its English text.
    """

    message: str
    values: tuple[tuple[str, object], ...]
    plural: str  # the plural of `message`, chosen by the value `count`

    def __new__(cls, message: str, values: tuple[tuple[str, object], ...] = (),
                plural: str = "") -> Phrase:
        phrase = super().__new__(cls, _render("en", message, values, plural))
        phrase.message, phrase.values, phrase.plural = message, values, plural
        return phrase

    def get(self, lang: str = "en") -> str:
        if lang == "en":
            return str.__str__(self)
        if lang == "en+es":
            english, spanish = self.get("en"), self.get("es")
            return english if english == spanish else f"{english} / {spanish}"
        return _render(lang, self.message, self.values, self.plural)


def _render(lang: str, message: str, values: tuple[tuple[str, object], ...], plural: str) -> str:
    filled = {name: _written(value, lang) for name, value in values}
    if plural:
        count = filled["count"]
        assert isinstance(count, int)
        return translate_n(lang, message, plural, count).format(**filled)
    return translate(lang, message).format(**filled)


def localized(text: str, lang: str) -> str:
    """A string in `lang`: a Phrase is translated, any other string is shown as it is."""
    return text.get(lang) if isinstance(text, Phrase) else text


def deferred(message: str, **values: object) -> Phrase:
    """A fixed phrase to be written later in the reader's language."""
    return Phrase(message, tuple(values.items()))


def deferred_n(singular: str, plural: str, count: int, **values: object) -> Phrase:
    """A fixed phrase with a singular and a plural, chosen by `count` (a field too)."""
    return Phrase(singular, (("count", count), *values.items()), plural)


def joined(parts: Sequence[str], pair: str) -> str:
    """Phrases joined two by two with a marked `pair` ("{first} and {second}"), each part
    written in the reader's language; one part is itself, and no parts an empty string."""
    if not parts:
        return ""
    whole = parts[0]
    for part in parts[1:]:
        whole = Phrase(pair, (("first", whole), ("second", part)))
    return whole


AND = N_("{first} and {second}")
THEN = N_("{first}; {second}")  # one hint after another
LIST = N_("{first}, {second}")


EMPTY = Text("")


def join(parts: list[Text], separator: str = " ") -> Text:
    return Text(separator.join(p.en for p in parts if p),
                separator.join((p.es or p.en) for p in parts if p))


def ordinal(number: int) -> Text:
    """8 -> "8th" / "n.º 8" (the Spanish form agrees with any noun)."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return Text(f"{number}{suffix}", f"n.º {number}")


MONTHS = Text(
    "January February March April May June July August September October November December",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre")
WEEKDAYS = Text("Mon Tue Wed Thu Fri Sat Sun", "lun mar mié jue vie sáb dom")
WEEKDAY_NAMES = Text("Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
                     "lunes martes miércoles jueves viernes sábado domingo")


def month_name(month: int, lang: str = "en") -> str:
    return MONTHS.get("es" if lang == "es" else "en").split()[month - 1]


def weekday_name(weekday: int, lang: str = "en", short: bool = True) -> str:
    names = WEEKDAYS if short else WEEKDAY_NAMES
    return names.get("es" if lang == "es" else "en").split()[weekday]


# Fixed phrases by name; the words are the English msgids of the catalogs.
CATALOG: dict[str, str] = {
    "numbered": N_("{title} ({number})"),
    "forum_title": N_("{short}: {title}"),
    "deployment_window": N_("Deployment window: {title}{label}"),
    "deployment_phase": N_(" — phase {index}: {name}"),
    "approval_deadline": N_("Approval deadline ({body}): {title}"),
    "request_sent": N_("Request sent to {body}: {title}"),
    "approved_by": N_("Approved by {body}: {title}"),
    "projected": N_(" (projected)"),
    "task_title": N_("{task}: {event}"),
    "why_task": N_("Due {days} days before {event} on {start}{moved}."),
    "task_moved": N_(", moved earlier from {day} ({reason})"),
    "request_deadline": N_("Request to {body} due: {title}"),
    "why_request": N_("{days} days before the approval deadline {deadline}, the time {body} needs "
                      "to process a request{moved}."),
    "why_series": N_("Occurrence of a regular series ({rule})."),
    "why_series_moved": N_("Moved from {day}, a date of the series ({rule}), because {reason}."),
    "alarm": N_("Reminder: {title}"),
    "participants": N_("Participants: {names}"),
    "cycle": N_("Cycle: {cycle}"),
    "phase": N_("Phase: {phase}"),
    "why": N_("Why this date: {why}"),
    "status_line": N_("Status: {status}. Event id: {id} (planner explain {id})"),
    "cycle_label": N_("{months}-month cycle {number} ({start} to {end})"),
    "span": N_("{name} ({start} to {end})"),
    "deployment_line": N_("{who}{unit} {verb} {host}{purpose}, {start} to {end}."),
    "personnel": N_("{count} personnel from {country}"),
    "personnel_unknown": N_("Personnel from {country}"),
    "enter": N_("enter"),
    "leave_for": N_("leave for"),
    "for_purpose": N_(" for {purpose}"),
    "why_held": N_("Held: a recorded fact of the past ({precision}); the engine keeps it as is."),
    "precision_day": N_("as recorded"),
    "precision_month": N_("only the month is recorded"),
    "precision_year": N_("only the year is recorded"),
    "why_preferred": N_("First allowed day in a preferred month ({months}) of {where}"),
    "why_no_preferred": N_("No preferred month had an allowed day; first allowed day of {where}"),
    "why_first": N_("First allowed day of {where}"),
    "why_phase": N_("phase '{name}' ({start} to {end})"),
    "why_kept": N_("Kept on its published date {day}: every rule still allows it."),
    "why_moved": N_("Moved from its published date {day}, because {reason}. "),
    "why_solver_moved": N_("Placed by the solver in {where}: its first choice {day} would leave "
                           "{other} no day ({reason})."),
    "why_solver_placed": N_("First-fit left it no day in {where}; the solver moved other events "
                            "to make room."),
    "why_visit": N_(" Visits {exercise}, {start} to {end}{projected}."),
    "projected_window": N_(" (projected window)"),
    "why_fixed_exercise": N_("Fixed: dates announced and given in the schedule."),
    "why_projected": N_("Projected: repeats the last announced window every {months} months."),
    "why_fixed_deployment": N_("Fixed: dates given in the schedule as approved."),
    "why_deadline": N_("Last day {body} sits before the window starts on {start}; a window that "
                       "starts in a recess must be voted in the preceding period."),
    "why_recorded": N_("Held: date recorded in the schedule."),
}


@cache
def fixed(message: str) -> Text:
    """A fixed English phrase with its Spanish from the catalog."""
    return Text(message, translate("es", message))


def phrase(key: str, **values: Any) -> Text:
    return fixed(CATALOG[key]).format(**values)


def phrase_n(singular: str, plural: str, count: int, **values: Any) -> Text:
    """A fixed phrase whose singular or plural `count` chooses, in English and Spanish."""
    return Text(translate_n("en", singular, plural, count),
                translate_n("es", singular, plural, count)).format(count=count, **values)


def phrase_in(lang: str, key: str, **values: Any) -> str:
    """phrase(key, **values).get(lang), formatting only the language asked for: exporters
    write one language, and formatting both was a third of rendering a large calendar."""
    if lang == "en+es":
        return phrase(key, **values).get(lang)
    return translate(lang, CATALOG[key]).format(
        **{name: _written(value, lang) for name, value in values.items()})
