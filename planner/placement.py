"""Choosing a day: candidates in preference order, the first one no rule refuses."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from planner.errors import Problem, Where
from planner.i18n import Text, month_name, phrase
from planner.plan import Provenance, Refusal
from planner.rules import Occurrence, Rule


def candidates(occurrence: Occurrence) -> list[dt.date]:
    """Start days of the window, preferred months first, each group by date."""
    window = occurrence.window
    preferred = set(occurrence.activity.preferred_months)
    days = [window.start + dt.timedelta(days=n) for n in range((window.end - window.start).days + 1)]
    return [d for d in days if d.month in preferred] + [d for d in days if d.month not in preferred]


def choose_day(occurrence: Occurrence,
               rules: Sequence[Rule]) -> tuple[dt.date, Provenance] | Problem:
    """The first day, preferred months first, that no rule refuses.

    Returns the day with its provenance, or a Problem naming how many days each rule removed.
    """
    window = occurrence.window
    preferred = set(occurrence.activity.preferred_months)
    ordered = candidates(occurrence)
    refusals: list[Refusal] = []
    removed: Counter[str] = Counter()
    for day in ordered:
        for rule in rules:
            reason = rule.refuse(day, occurrence)
            if reason:
                refusals.append(Refusal(day, rule.name, reason))
                removed[rule.name] += 1
                break
        else:
            return day, Provenance(
                "earliest allowed day", _summary(occurrence, day, preferred, len(refusals)),
                (window.start, window.end), tuple(refusals), tuple(sorted(removed.items())),
                len(refusals) + 1)
    activity = occurrence.activity
    counts = ", ".join(f"{name} removed {count}" for name, count in sorted(removed.items()))
    cycle = occurrence.cycle
    return Problem(
        Where(activity.where.file, activity.where.key, activity.where.line),
        f"no allowed day for {occurrence.forum.id}.{activity.id} in {cycle.regime.id} cycle "
        f"{cycle.number}, phase {window.phase.id!r} ({window.start} to {window.end}): "
        f"{len(ordered)} candidate days, {counts}",
        "allow more weekdays, widen the phase, shorten the activity or remove a blackout")


def _summary(occurrence: Occurrence, day: dt.date, preferred: set[int], refused: int) -> Text:
    window = occurrence.window
    where = phrase("why_phase", name=window.phase.name, start=window.start, end=window.end)
    if day.month in preferred:
        months = Text(", ".join(month_name(m) for m in sorted(preferred)),
                      ", ".join(month_name(m, "es") for m in sorted(preferred)))
        how = phrase("why_preferred", months=months, where=where)
    elif preferred:
        how = phrase("why_no_preferred", where=where)
    else:
        how = phrase("why_first", where=where)
    return how + (phrase("why_refused", count=refused) if refused else Text(".", "."))
