"""When no day is left: which single relaxation of the rules would make the window feasible."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from planner.engine.ledger import Ledger
from planner.engine.placement import choose_day
from planner.engine.rules import Occurrence, Rule
from planner.engine.rules.weekdays import AllowedWeekdays
from planner.errors import Problem
from planner.i18n import N_, THEN, deferred, deferred_n, joined

_MAX_WIDEN = 366
_ALLOW_WEEKDAY = (N_("allow Mondays"), N_("allow Tuesdays"), N_("allow Wednesdays"),
                  N_("allow Thursdays"), N_("allow Fridays"), N_("allow Saturdays"),
                  N_("allow Sundays"))


def _feasible(occurrence: Occurrence, rules: Sequence[Rule], ledger: Ledger) -> dt.date | None:
    choice = choose_day(occurrence, rules, ledger)
    return None if isinstance(choice, Problem) else choice[0]


def _then(change: str, day: dt.date) -> str:
    return deferred("{change} (first day then: {day})", change=change, day=day)


def relaxations(occurrence: Occurrence, rules: Sequence[Rule], ledger: Ledger) -> list[str]:
    """Single changes that would give the occurrence a day, smallest first: another weekday,
    fewer days, a longer phase, then each rule's own advice when leaving that rule out alone
    opens a day."""
    found: list[str] = []
    activity = occurrence.activity
    weekend = next((r.weekend for r in rules if isinstance(r, AllowedWeekdays)), frozenset[int]())
    allowed = activity.weekdays if activity.weekdays is not None else frozenset(range(7)) - weekend
    for weekday in sorted(set(range(7)) - allowed):
        wider = dataclasses.replace(activity, weekdays=allowed | {weekday})
        day = _feasible(dataclasses.replace(occurrence, activity=wider), rules, ledger)
        if day:
            found.append(_then(deferred(_ALLOW_WEEKDAY[weekday]), day))
    for days in range(activity.days - 1, 0, -1):
        shorter = dataclasses.replace(activity, days=days)
        day = _feasible(dataclasses.replace(occurrence, activity=shorter), rules, ledger)
        if day:
            found.append(_then(deferred_n("shorten it to {count} day", "shorten it to {count} days",
                                          days), day))
            break
    widened = _widen(occurrence, rules, ledger)
    if widened:
        found.append(widened)
    for rule in rules:
        if rule.advice:
            others = [r for r in rules if r is not rule]
            day = _feasible(occurrence, others, ledger)
            if day:
                found.append(_then(deferred(rule.advice), day))
    return found


def _widen(occurrence: Occurrence, rules: Sequence[Rule], ledger: Ledger) -> str | None:
    """The fewest days added to the end of the phase that open a day (feasibility only grows)."""
    window = occurrence.window

    def opens(extra: int) -> dt.date | None:
        longer = dataclasses.replace(window, end=window.end + dt.timedelta(days=extra))
        return _feasible(dataclasses.replace(occurrence, window=longer), rules, ledger)

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


def with_relaxations(problem: Problem, occurrence: Occurrence, rules: Sequence[Rule],
                     ledger: Ledger) -> Problem:
    """The same problem, its hint replaced by the relaxations that would fix it."""
    found = relaxations(occurrence, rules, ledger)
    if not found:
        return problem
    return dataclasses.replace(problem, hint=deferred("smallest relaxations: {changes}",
                                                      changes=joined(found, THEN)))
