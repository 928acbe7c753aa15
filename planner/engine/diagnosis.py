"""When no day is left: which single relaxation of the rules would make the window feasible."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from planner.engine.placement import choose_day
from planner.engine.rules import Occurrence, Rule
from planner.engine.rules.weekdays import AllowedWeekdays
from planner.errors import Problem
from planner.i18n import N_, THEN, deferred, deferred_n, joined

_MAX_WIDEN = 366
_RULE_ADVICE = {
    "holidays": N_("allow public holidays (drop a country from [days] holidays)"),
    "blackouts": N_("shorten or remove the blackout"),
    "observances": N_("stop avoiding Holy Week or military days ([days] holy_week, military_days)"),
    "exercise window": N_("add an exercise window inside the phase"),
    "spacing": N_("relax the spacing"),
    "leaders": N_("free the leaders' calendars (move the other event or send a deputy)"),
}
_ALLOW_WEEKDAY = (N_("allow Mondays"), N_("allow Tuesdays"), N_("allow Wednesdays"),
                  N_("allow Thursdays"), N_("allow Fridays"), N_("allow Saturdays"),
                  N_("allow Sundays"))


def _feasible(occurrence: Occurrence, rules: Sequence[Rule]) -> dt.date | None:
    choice = choose_day(occurrence, rules)
    return None if isinstance(choice, Problem) else choice[0]


def _then(change: str, day: dt.date) -> str:
    return deferred("{change} (first day then: {day})", change=change, day=day)


def relaxations(occurrence: Occurrence, rules: Sequence[Rule]) -> list[str]:
    """Single changes that would give the occurrence a day, smallest first."""
    found: list[str] = []
    activity = occurrence.activity
    weekend = next((r.weekend for r in rules if isinstance(r, AllowedWeekdays)), frozenset[int]())
    allowed = activity.weekdays if activity.weekdays is not None else frozenset(range(7)) - weekend
    for weekday in sorted(set(range(7)) - allowed):
        wider = dataclasses.replace(activity, weekdays=allowed | {weekday})
        day = _feasible(dataclasses.replace(occurrence, activity=wider), rules)
        if day:
            found.append(_then(deferred(_ALLOW_WEEKDAY[weekday]), day))
    for days in range(activity.days - 1, 0, -1):
        shorter = dataclasses.replace(activity, days=days)
        day = _feasible(dataclasses.replace(occurrence, activity=shorter), rules)
        if day:
            found.append(_then(deferred_n("shorten it to {count} day", "shorten it to {count} days",
                                          days), day))
            break
    widened = _widen(occurrence, rules)
    if widened:
        found.append(widened)
    for rule in rules:
        if rule.name in _RULE_ADVICE:
            others = [r for r in rules if r is not rule]
            day = _feasible(occurrence, others)
            if day:
                found.append(_then(deferred(_RULE_ADVICE[rule.name]), day))
    return found


def _widen(occurrence: Occurrence, rules: Sequence[Rule]) -> str | None:
    """The fewest days added to the end of the phase that open a day (feasibility only grows)."""
    window = occurrence.window

    def opens(extra: int) -> dt.date | None:
        longer = dataclasses.replace(window, end=window.end + dt.timedelta(days=extra))
        return _feasible(dataclasses.replace(occurrence, window=longer), rules)

    if opens(_MAX_WIDEN) is None:
        return None
    low, high = 1, _MAX_WIDEN
    while low < high:
        middle = (low + high) // 2
        if opens(middle):
            high = middle
        else:
            low = middle + 1
    end = window.end + dt.timedelta(days=low)
    return deferred_n("widen the phase by {count} day (to {end}; first day then: {day})",
                      "widen the phase by {count} days (to {end}; first day then: {day})", low,
                      end=end, day=opens(low))


def with_relaxations(problem: Problem, occurrence: Occurrence, rules: Sequence[Rule]) -> Problem:
    """The same problem, its hint replaced by the relaxations that would fix it."""
    found = relaxations(occurrence, rules)
    if not found:
        return problem
    return dataclasses.replace(problem, hint=deferred("smallest relaxations: {changes}",
                                                      changes=joined(found, THEN)))
