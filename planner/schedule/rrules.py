"""What a series' rrule may say: the RFC 5545 parts a series uses, in range, in combinations
that occur (a rule that never occurs would be searched for until the year 9999)."""

from __future__ import annotations

import calendar
import re

from planner.i18n import Phrase, deferred

RRULE_EXAMPLE = deferred('e.g. rrule = "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"')
_WEEKDAY = r"(MO|TU|WE|TH|FR|SA|SU)"
# Each part a series may use, with the pattern of one list item and its numeric range.
_RRULE_PARTS: dict[str, tuple[str, int, int]] = {
    "FREQ": (r"DAILY|WEEKLY|MONTHLY|YEARLY", 0, 0),
    "INTERVAL": (r"\d{1,4}", 1, 1000),
    "BYDAY": (rf"[+-]?\d{{1,2}}{_WEEKDAY}|{_WEEKDAY}", 1, 53),
    "BYMONTHDAY": (r"[+-]?\d{1,2}", 1, 31),
    "BYMONTH": (r"\d{1,2}", 1, 12),
    "BYYEARDAY": (r"[+-]?\d{1,3}", 1, 366),
    "BYWEEKNO": (r"[+-]?\d{1,2}", 1, 53),
    "BYSETPOS": (r"[+-]?\d{1,3}", 1, 366),
    "WKST": (_WEEKDAY, 0, 0),
}

def rrule_problem(rule: str) -> tuple[Phrase, Phrase] | None:
    """(message, hint) for the first thing wrong in a series' rrule, part by part; None if
    every part is one a series may use, with values in range."""
    seen: set[str] = set()
    for part in rule.upper().split(";"):
        name, equals, value = part.partition("=")
        if name in ("COUNT", "UNTIL"):
            return deferred("must not hold COUNT or UNTIL"), deferred("set `end = <date>` instead")
        if name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            return (deferred("{part} is not supported: a series has one event a day", part=name),
                    deferred("set start_time and hours for the time of day"))
        if name not in _RRULE_PARTS or not equals:
            return deferred("{part} is not a part a series may use", part=repr(part)), RRULE_EXAMPLE
        if name in seen:
            return deferred("{part} is given twice", part=name), deferred("keep one")
        seen.add(name)
        pattern, low, high = _RRULE_PARTS[name]
        items = value.split(",") if name not in ("FREQ", "INTERVAL", "WKST") else [value]
        for item in items:
            if not re.fullmatch(pattern, item):
                return deferred("{part} is not valid", part=f"{name}={value}"), RRULE_EXAMPLE
            number = re.match(r"[+-]?\d+", item)
            if number and high and not low <= abs(int(number.group())) <= high:
                out = deferred("{part}: {item} is out of range", part=f"{name}={value}", item=item)
                if name in ("INTERVAL", "BYMONTH"):
                    return out, deferred("use {low} to {high}", low=low, high=high)
                return out, deferred("use {low} to {high}, or -{high} to -1 from the end",
                                     low=low, high=high)
    if "FREQ" not in seen:
        return deferred("needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"), RRULE_EXAMPLE
    return _rrule_combination_problem(dict(part.partition("=")[::2] for part in rule.upper().split(";")))


def _rrule_combination_problem(parts: dict[str, str]) -> tuple[Phrase, Phrase] | None:
    """What RFC 5545 (3.3.10) rules out for this FREQ, and day-month pairs that never occur:
    such a rule would be searched for an occurrence until the year 9999."""
    freq = parts["FREQ"]
    allowed = {"BYWEEKNO": ("YEARLY",), "BYYEARDAY": ("YEARLY",),
               "BYMONTHDAY": ("DAILY", "YEARLY", "MONTHLY")}
    for name, freqs in allowed.items():
        if name in parts and freq not in freqs:
            return (deferred("{part} cannot be used with FREQ={freq}", part=name, freq=freq),
                    deferred("use FREQ={freq}", freq=freqs[-1]))
    ordinals = [abs(int(day[:-2])) for day in parts.get("BYDAY", "").split(",") if day[:-2]]
    if ordinals:
        most = 53 if freq == "YEARLY" and "BYMONTH" not in parts else 5
        if freq not in ("MONTHLY", "YEARLY"):
            return (deferred("BYDAY={days}: a numbered weekday needs FREQ=MONTHLY or YEARLY",
                             days=parts["BYDAY"]), deferred("e.g. FREQ=MONTHLY;BYDAY=2TU"))
        if max(ordinals) > most:
            return (deferred("BYDAY={days}: no period has {number} of a weekday",
                             days=parts["BYDAY"], number=max(ordinals)),
                    deferred("use 1 to {most}, or -1 to -{most} from the end", most=most))
    if "BYMONTH" in parts and "BYMONTHDAY" in parts:
        days = [int(day) for day in parts["BYMONTHDAY"].split(",")]
        months = [int(month) for month in parts["BYMONTH"].split(",")]
        if not any(abs(day) <= calendar.monthrange(2000, month)[1]
                   for day in days for month in months):
            return (deferred("BYMONTH={months} has no day BYMONTHDAY={days}",
                             months=parts["BYMONTH"], days=parts["BYMONTHDAY"]),
                    deferred("pick a day that these months have"))
    return None

