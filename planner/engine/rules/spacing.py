"""Minimum and maximum gaps after another activity of the same forum, in both directions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from dateutil.relativedelta import relativedelta

from planner.engine.ledger import Ledger
from planner.engine.rules import Check, Occurrence, Parameter, Setup
from planner.i18n import AND, N_, deferred, deferred_n, joined
from planner.schedule.model import Activity, Spacing


def earliest_after(end: dt.date, rule: Spacing) -> dt.date:
    """The first day an activity spaced by `rule` may start after an event ending `end`."""
    return end + _gaps(rule)[0]


def latest_after(end: dt.date, rule: Spacing) -> dt.date | None:
    """The last day it may start, or None when the rule sets no maximum."""
    longest = _gaps(rule)[1]
    return None if longest is None else end + longest


@cache
def _gaps(rule: Spacing) -> tuple[relativedelta, relativedelta | None]:
    """The rule's minimum and maximum as relativedeltas, made once per rule."""
    bounded = rule.max_months is not None or rule.max_days is not None
    return (relativedelta(months=rule.min_months, days=rule.min_days),
            relativedelta(months=rule.max_months or 0, days=rule.max_days or 0) if bounded
            else None)


@dataclass(frozen=True, slots=True)
class Spaced:
    """Refuses a start too soon (or too long) after the latest occurrence, on or before it,
    of an activity it is spaced from; and a start that would leave an occurrence already
    placed after it too soon after it (so the order of placement never matters)."""

    name: ClassVar[str] = N_("spacing")
    order: ClassVar[int] = 70
    advice: ClassVar[str | None] = N_("relax the spacing")
    parameters: ClassVar[tuple[Parameter, ...]] = ()

    @classmethod
    def made_for(cls, setup: Setup) -> Spaced:
        return cls()

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        activity = occurrence.activity
        followers = [(other, rule) for other in occurrence.forum.activities
                     for rule in other.spacing if rule.after == activity.id]
        if not activity.spacing and not followers:
            return None
        if not followers:
            return lambda start: _after_previous(start, occurrence, ledger)
        if not activity.spacing:
            return lambda start: _before_followers(start, occurrence, followers, ledger)

        def refuse(start: dt.date) -> str | None:
            return (_after_previous(start, occurrence, ledger)
                    or _before_followers(start, occurrence, followers, ledger))

        return refuse


def _after_previous(start: dt.date, occurrence: Occurrence, ledger: Ledger) -> str | None:
    for rule in occurrence.activity.spacing:
        previous = ledger.previous(occurrence.forum.id, rule.after, start)
        if previous is None:
            continue
        earliest = earliest_after(previous.end, rule)
        if start < earliest:
            return deferred("too soon after {event} (ended {end}); earliest {day}",
                            event=previous.event_id, end=previous.end, day=earliest)
        latest = latest_after(previous.end, rule)
        if latest is not None and start > latest:
            return deferred("too long after {event} (ended {end}); latest {day}",
                            event=previous.event_id, end=previous.end, day=latest)
    return None


def _before_followers(start: dt.date, occurrence: Occurrence,
                      followers: list[tuple[Activity, Spacing]], ledger: Ledger) -> str | None:
    forum, activity = occurrence.forum.id, occurrence.activity.id
    for other, rule in followers:
        laters = ledger.following(forum, other.id, start)
        if not laters:  # the usual case: followers are placed after, in date order
            continue
        end = occurrence.last_day(start)
        earliest, latest = earliest_after(end, rule), latest_after(end, rule)
        for later in laters:
            if later.start < earliest:
                return deferred("{event} (starts {start}) must start on or after {day}, "
                                "{gap} after this one", event=later.event_id,
                                start=later.start, day=earliest, gap=_gap(rule))
            if latest is None or any(
                    between.start > start and between.event_id != later.event_id
                    for between in ledger.following(forum, activity, start)
                    if between.start <= later.start):
                break  # the maximum counts from the latest occurrence before `later`
            if later.start > latest:
                return deferred("{event} (starts {start}) must start by {day}, at most so "
                                "long after this one", event=later.event_id,
                                start=later.start, day=latest)
    return None


def _gap(rule: Spacing) -> str:
    return _span(rule.min_months, rule.min_days)


def _span(months: int | None, days: int | None) -> str:
    parts = [deferred_n("{count} month", "{count} months", months)] if months else []
    parts += [deferred_n("{count} day", "{count} days", days or 0)] if days or not parts else []
    return joined(parts, AND)


def spacing_words(rule: Spacing) -> str:
    """"at least 6 months", "at most 3 months", or both, as the rule says."""
    bounded = rule.max_months is not None or rule.max_days is not None
    parts = ([deferred("at least {gap}", gap=_gap(rule))]
             if rule.min_months or rule.min_days or not bounded else [])
    if bounded:
        parts.append(deferred("at most {gap}", gap=_span(rule.max_months, rule.max_days)))
    return joined(parts, AND)


RULES = (Spaced,)
