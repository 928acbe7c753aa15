"""Choosing a day: candidates in preference order, the first one no rule refuses."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from planner.engine.ledger import Ledger
from planner.engine.rules import Occurrence, Rule
from planner.errors import Problem, Where
from planner.i18n import LIST, Text, deferred, deferred_n, joined, month_name, phrase, phrase_n
from planner.plan import Provenance, Refusal

_ONE_DAY = dt.timedelta(days=1)


def candidates(occurrence: Occurrence) -> Iterator[dt.date]:
    """Start days of the window, preferred months first, each group by date.

    Made as they are asked for: most occurrences take one of the first few days.
    """
    window = occurrence.window
    preferred = set(occurrence.activity.preferred_months)
    months = _month_parts(window.start, window.end)
    ordered = ([part for part in months if part[0].month in preferred]
               + [part for part in months if part[0].month not in preferred])
    for first, last in ordered:
        day = first
        while day <= last:
            yield day
            day += _ONE_DAY


def _month_parts(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The days from `start` to `end` cut at month boundaries, as (first, last) pairs."""
    parts = []
    first = start
    while first <= end:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        parts.append((first, min(end, following - _ONE_DAY)))
        first = following
    return parts


@dataclass(frozen=True, slots=True)
class Pin:
    """A day to keep while every rule allows it: a published date (no provenance: first-fit's
    story when it picks the same day, else "kept"), or the solver's choice with its story."""

    day: dt.date
    provenance: Provenance | None = None


def refusal(occurrence: Occurrence, rules: Sequence[Rule], ledger: Ledger,
            day: dt.date) -> str | None:
    """Why the first rule that refuses `day` does so, or None when every rule allows it."""
    window = occurrence.window
    if not window.start <= day <= window.end:
        return deferred("{day} is outside its phase ({start} to {end})", day=day,
                        start=window.start, end=window.end)
    for rule in rules:
        check = rule.check(occurrence, ledger)
        reason = check(day) if check else None
        if reason:
            return reason
    return None


class Shared:
    """Words and refusals that many events of a plan share, each made once.

    Occurrences of many forums refuse the same day for the same reason (a weekend, a leader
    away, a blackout), and forums whose cycles and phases fall on the same dates label and
    explain their events alike: at theater scale 100,000 refusals are 10,000 distinct ones,
    and 9,000 summaries 2,000. Sharing them saves the formatting and keeps the plan small,
    for memory and for the garbage collector.
    """

    def __init__(self) -> None:
        self._refusals: dict[tuple[dt.date, str, str], Refusal] = {}
        self._summaries: dict[tuple[Text, dt.date, dt.date, tuple[int, ...], bool, int], Text] = {}
        self._phrases: dict[tuple[object, ...], Text] = {}

    def refusal(self, day: dt.date, rule: str, reason: str) -> Refusal:
        key = (day, rule, reason)
        found = self._refusals.get(key)
        if found is None:
            found = self._refusals[key] = Refusal(day, rule, reason)
        return found

    def summary(self, occurrence: Occurrence, day: dt.date, refused: int) -> Text:
        """Why `day` was chosen, in plain words (the key holds all the words depend on)."""
        window, preferred = occurrence.window, occurrence.activity.preferred_months
        key = (window.phase.name, window.start, window.end, preferred, day.month in preferred,
               refused)
        found = self._summaries.get(key)
        if found is None:
            found = self._summaries[key] = _summary(occurrence, day, refused)
        return found

    def phrase(self, key: str, /, **values: Hashable) -> Text:
        """The catalog phrase filled with `values`, made once per distinct values."""
        memo = (key, *values.items())
        found = self._phrases.get(memo)
        if found is None:
            found = self._phrases[memo] = phrase(key, **values)
        return found


def choose_day(occurrence: Occurrence, rules: Sequence[Rule], ledger: Ledger,
               shared: Shared | None = None) -> tuple[dt.date, Provenance] | Problem:
    """The first day, preferred months first, that no rule refuses, given the bookings so far.

    Returns the day with its provenance, or a Problem naming how many days each rule removed.
    """
    window = occurrence.window
    shared = shared if shared is not None else Shared()
    checks = [(rule.name, check) for rule in rules if (check := rule.check(occurrence, ledger))]
    refusals: list[Refusal] = []
    for day in candidates(occurrence):
        for name, check in checks:
            reason = check(day)
            if reason:
                refusals.append(shared.refusal(day, name, reason))
                break
        else:
            return day, Provenance(
                "earliest allowed day", shared.summary(occurrence, day, len(refusals)),
                (window.start, window.end), tuple(refusals), _removed(refusals),
                len(refusals) + 1)
    activity = occurrence.activity
    counts = joined([deferred_n("{rule} removed {count}", "{rule} removed {count}", count,
                                rule=deferred(name))
                     for name, count in _removed(refusals)], LIST)
    cycle = occurrence.cycle
    return Problem(
        Where(activity.where.file, activity.where.key, activity.where.line),
        deferred_n("no allowed day for {event} in {regime} cycle {number}, phase {phase} ({start} "
                   "to {end}): {count} candidate day, {removed}",
                   "no allowed day for {event} in {regime} cycle {number}, phase {phase} ({start} "
                   "to {end}): {count} candidate days, {removed}",
                   (window.end - window.start).days + 1, event=f"{occurrence.forum.id}.{activity.id}",
                   regime=cycle.regime.id, number=cycle.number, phase=repr(window.phase.id),
                   start=window.start, end=window.end, removed=counts),
        deferred("allow more weekdays, widen the phase, shorten the activity or remove a blackout"))


def _removed(refusals: list[Refusal]) -> tuple[tuple[str, int], ...]:
    """Days removed per rule, by rule name."""
    return tuple(sorted(Counter(refusal.rule for refusal in refusals).items()))


def _summary(occurrence: Occurrence, day: dt.date, refused: int) -> Text:
    window = occurrence.window
    preferred = tuple(sorted(set(occurrence.activity.preferred_months)))
    where = phrase("why_phase", name=window.phase.name, start=window.start, end=window.end)
    if day.month in preferred:
        how = phrase("why_preferred", months=_month_names(preferred), where=where)
    elif preferred:
        how = phrase("why_no_preferred", where=where)
    else:
        how = phrase("why_first", where=where)
    refusals = phrase_n("; {count} earlier candidate day was refused.",
                        "; {count} earlier candidate days were refused.", refused)
    return how + (refusals if refused else Text(".", "."))


@cache
def _month_names(months: tuple[int, ...]) -> Text:
    return Text(", ".join(month_name(m) for m in months),
                ", ".join(month_name(m, "es") for m in months))
