"""When first-fit leaves an activity without a day: the events tied to it, placed together.

Events are tied when a shared leader could need them apart, or a spacing rule could bind
between them. Each group of tied events that holds one first-fit left without a day goes to
the solver (planner.engine.solver); the others keep first-fit's days. The solver's days come back as
pins with their story, or, when no plan exists, a smallest set of events that cannot all have
a day, in the schedule's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.engine.diagnosis import with_relaxations
from planner.engine.first_fit import Attempt
from planner.engine.ledger import Ledger
from planner.engine.placement import Pin, candidates
from planner.engine.rules import Occurrence, Rule
from planner.engine.rules.leaders import LeadersFree
from planner.engine.rules.spacing import Spaced, earliest_after, latest_after, spacing_words
from planner.engine.solver import Item, Unsolved, clash, conflict, solve
from planner.errors import PlannerError, Problem, Where
from planner.i18n import AND, THEN, deferred, deferred_n, joined, phrase
from planner.plan import PlannedEvent, Provenance
from planner.schedule.model import Schedule


def complete(schedule: Schedule, attempt: Attempt, fixed: Attempt) -> dict[str, Pin]:
    """Pins for every event tied to one that first-fit left without a day.

    `fixed` is an attempt that placed nothing: its ledger holds only held events and series.

    Raises:
        PlannerError: when no plan exists, naming events and rules that cannot hold together.
    """
    failed = {occurrence.event_id: problem for problem, occurrence in attempt.failures}
    occurrences = [occurrence for _, _, occurrence in fixed.pending]
    static = [rule for rule in fixed.rules if not isinstance(rule, Spaced)]
    where_is = next(rule for rule in fixed.rules if isinstance(rule, LeadersFree))
    ledger = fixed.ledger  # only held events and series: what no solution can move
    travel = {leader.id: leader.travel_days for leader in schedule.leaders}
    names = {leader.id: leader.name.en for leader in schedule.leaders}
    chosen = attempt.chosen()
    held = [_held_item(schedule, event) for event in fixed.held()]
    pins: dict[str, Pin] = {}
    problems: list[Problem] = []
    for group in tied_groups(occurrences, travel):
        if not any(occurrence.event_id in failed for occurrence in group):
            continue
        forums = {occurrence.forum.id for occurrence in group}
        facts = [item for item in held if item.forum in forums]
        try:
            items, days = _solve_around(group, failed, facts, _Static(static, ledger), where_is,
                                        chosen, travel)
            if days is None:
                core = conflict([*facts, *items], travel)
                problems.append(_impossible(core, group, failed, attempt, names, travel))
                continue
        except Unsolved:
            problems.append(_undecided(group, failed))
            continue
        story = _Story(items, days, failed, travel, names)
        by_id = {occurrence.event_id: occurrence for occurrence in group}
        for item in items:
            day = days[item.key]
            kept = chosen.get(item.key)
            pins[item.key] = (Pin(day, kept.provenance) if kept is not None and kept.day == day
                              else Pin(day, story.why(by_id[item.key], item, day)))
    if problems:
        raise PlannerError(*problems)
    return pins


def _solve_around(group: list[Occurrence], failed: dict[str, Problem], facts: list[Item],
                  static: _Static, where_is: LeadersFree, chosen: dict[str, Pin],
                  travel: dict[str, int]) -> tuple[list[Item], dict[str, dt.date] | None]:
    """Free the events first-fit left without a day and the events whose days block them;
    keep the rest of the group on first-fit's days. While that has no solution, free one
    more ring of tied events, up to the whole group (so "no solution" is only ever said of
    the whole group). Returns every event of the group as an item (kept ones on their one
    day) and the days."""
    ties: dict[int, set[int]] = {index: set() for index in range(len(group))}
    for a, b in [*_leader_ties(group, travel), *_spacing_ties(group)]:
        ties[a].add(b)
        ties[b].add(a)
    full: dict[int, Item] = {}
    kept = {index: _kept(occurrence, where_is, chosen) for index, occurrence in enumerate(group)
            if occurrence.event_id in chosen}
    free = set(range(len(group))) - kept.keys()
    for index in free:
        full[index] = _item(group[index], static, where_is, chosen)
    free |= {other for index in list(free) for other, item in kept.items()
             if _blocks(item, full[index], travel)}
    while True:
        for index in free - full.keys():
            full[index] = _item(group[index], static, where_is, chosen)
        items = [full[index] if index in free else kept[index] for index in range(len(group))]
        days = solve([*facts, *items], travel)
        grown = free | {other for index in free for other in ties[index]}
        if days is not None or grown == free:
            return items, days
        free = grown


def _blocks(kept: Item, free: Item, travel: dict[str, int]) -> bool:
    """Whether the kept event, on its day, refuses the free one any of its days."""
    day = kept.days[0]
    return any(clash(free, option, kept, day, travel, {}) for option in free.days)


def _kept(occurrence: Occurrence, where_is: LeadersFree, chosen: dict[str, Pin]) -> Item:
    """An event that keeps first-fit's day while the solver works around it."""
    day = chosen[occurrence.event_id].day
    activity = occurrence.activity
    return Item(occurrence.event_id, occurrence.forum.id, activity.id, (day,), activity.days,
                (where_is.country(occurrence, day),), activity.leaders, activity.remote,
                activity.spacing, day)


def tied_groups(occurrences: Sequence[Occurrence],
                travel: dict[str, int]) -> list[list[Occurrence]]:
    """Occurrences in groups that no leader or spacing rule ties to another group."""
    parent = list(range(len(occurrences)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def tie(a: int, b: int) -> None:
        parent[root(a)] = root(b)

    for a, b in [*_leader_ties(occurrences, travel), *_spacing_ties(occurrences)]:
        tie(a, b)
    groups: dict[int, list[Occurrence]] = {}
    for index, occurrence in enumerate(occurrences):
        groups.setdefault(root(index), []).append(occurrence)
    return list(groups.values())


def _leader_ties(occurrences: Sequence[Occurrence],
                 travel: dict[str, int]) -> Iterable[tuple[int, int]]:
    """Every pair of occurrences of one leader whose reaches come within the leader's travel
    days of each other (a sweep in start order)."""
    by_leader: dict[str, list[int]] = {}
    for index, occurrence in enumerate(occurrences):
        for leader in occurrence.activity.leaders:
            by_leader.setdefault(leader, []).append(index)
    for leader, indexes in by_leader.items():
        reach = dt.timedelta(days=travel[leader])
        under_way: list[tuple[dt.date, int]] = []  # (last day it could touch, index)
        for index in sorted(indexes, key=lambda index: occurrences[index].reach()):
            first, end = occurrences[index].reach()
            under_way = [(last, other) for last, other in under_way if first <= last + reach]
            yield from ((other, index) for _, other in under_way)
            under_way.append((end, index))


def _spacing_ties(occurrences: Sequence[Occurrence]) -> Iterable[tuple[int, int]]:
    """Pairs where a spacing rule could refuse a day: the minimum or the maximum can bind."""
    by_activity: dict[tuple[str, str], list[int]] = {}
    for index, occurrence in enumerate(occurrences):
        by_activity.setdefault((occurrence.forum.id, occurrence.activity.id), []).append(index)
    for a, later in enumerate(occurrences):
        for rule in later.activity.spacing:
            for b in by_activity.get((later.forum.id, rule.after), []):
                earlier = occurrences[b]
                if b == a or earlier.window.start > later.window.end:
                    continue
                soonest = earliest_after(earlier.reach()[1], rule)
                latest = latest_after(earlier.last_day(earlier.window.start), rule)
                if soonest > later.window.start or (latest is not None
                                                      and latest < later.window.end):
                    yield a, b


@dataclass(frozen=True, slots=True)
class _Static:
    """The rules that look at no event the solver places, with the bookings they consult."""

    rules: Sequence[Rule]
    ledger: Ledger


def _item(occurrence: Occurrence, static: _Static, where_is: LeadersFree,
          chosen: dict[str, Pin]) -> Item:
    """The occurrence with the days the rules that look at no other planned event allow."""
    checks = [check for rule in static.rules if (check := rule.check(occurrence, static.ledger))]
    days = tuple(day for day in candidates(occurrence) if not any(check(day) for check in checks))
    activity = occurrence.activity
    first = chosen.get(occurrence.event_id)
    return Item(occurrence.event_id, occurrence.forum.id, activity.id, days, activity.days,
                tuple(where_is.country(occurrence, day) for day in days), activity.leaders,
                activity.remote, activity.spacing, first.day if first else None)


def _held_item(schedule: Schedule, event: PlannedEvent) -> Item:
    forum = next(forum for forum in schedule.forums if forum.id == event.forum)
    spacing = next((activity.spacing for activity in forum.activities
                    if activity.id == event.activity), ())
    return Item(event.id, event.forum, event.activity, (event.start,),
                (event.end - event.start).days + 1, (None,), spacing=spacing, held=True)


class _Story:
    """Why the solver put an event where it did, in the words `explain` shows."""

    def __init__(self, items: Sequence[Item], days: dict[str, dt.date], failed: Iterable[str],
                 travel: dict[str, int], names: dict[str, str]) -> None:
        self.items, self.days, self.failed = items, days, set(failed)
        self.travel, self.names = travel, names

    def why(self, occurrence: Occurrence, item: Item, day: dt.date) -> Provenance:
        window = occurrence.window
        where = phrase("why_phase", name=window.phase.name, start=window.start, end=window.end)
        if item.target is None:
            summary = phrase("why_solver_placed", where=where)
            return Provenance("solver", summary, (window.start, window.end))
        other, reason = self._blocked(item)
        summary = phrase("why_solver_moved", where=where, day=item.target, other=other,
                         reason=reason)
        return Provenance("solver", summary, (window.start, window.end))

    def _blocked(self, item: Item) -> tuple[str, str]:
        """The event first-fit's day would have left without its day, and the rule why;
        events first-fit left without any day are named first."""
        assert item.target is not None
        others = sorted((other for other in self.items if other.key != item.key),
                        key=lambda other: (other.key not in self.failed, other.key))
        for other in others:
            reason = clash(item, item.target, other, self.days[other.key], self.travel,
                           self.names)
            if reason:
                return other.key, reason
        return deferred("another tied event"), deferred("a maximum spacing")


def _impossible(core: list[Item], group: list[Occurrence], failed: dict[str, Problem],
                attempt: Attempt, names: dict[str, str], travel: dict[str, int]) -> Problem:
    """The minimal set of events that cannot all have a day, with what ties them."""
    by_id = {occurrence.event_id: occurrence for occurrence in group}
    if len(core) == 1:
        occurrence = by_id[core[0].key]
        problem = failed.get(occurrence.event_id) or _no_day(occurrence, core[0])
        return with_relaxations(problem, occurrence, attempt.rules, attempt.ledger)
    first = by_id[core[0].key]
    told = joined([_told(by_id[item.key], item) for item in core], THEN)
    ties = sorted(set(_ties(core, names, travel)))
    # at least two events: the plural is always the one that applies
    message = (deferred("no plan gives these {count} events a day together: {told}; because "
                        "{ties}", count=len(core), told=told, ties=joined(ties, AND)) if ties
               else deferred("no plan gives these {count} events a day together: {told}; "
                             "because of their rules together", count=len(core), told=told))
    hint = next((with_relaxations(failed[item.key], by_id[item.key], attempt.rules,
                                  attempt.ledger).hint
                 for item in core if item.key in failed), "")
    where = Where(first.activity.where.file, first.activity.where.key, first.activity.where.line)
    return Problem(where, message,
                   hint or deferred("widen a window, allow more days or free a leader"))


def _told(occurrence: Occurrence, item: Item) -> str:
    where = occurrence.activity.where
    place = f"{where.file}:{where.line}" if where.line else where.file
    if not item.days:
        allowed = deferred("no day the calendar allows")
    elif len(item.days) == 1:
        allowed = deferred("only {day}", day=item.days[0])
    else:
        allowed = deferred("{count} days from {start} to {end}", count=len(item.days),
                           start=min(item.days), end=max(item.days))
    return deferred("{event} ({place}: {allowed})", event=occurrence.event_id, place=place,
                    allowed=allowed)


def _ties(core: list[Item], names: dict[str, str], travel: dict[str, int]) -> Iterable[str]:
    for at, a in enumerate(core):
        for b in core[at + 1:]:
            shared = sorted(set(a.leaders) & set(b.leaders))
            if shared:
                days = max(travel[leader] for leader in shared)
                who = deferred_n("they share leader {names}", "they share leaders {names}",
                                 len(shared), names=", ".join(names[leader] for leader in shared))
                yield deferred_n("{who} ({count} travel day between countries)",
                                 "{who} ({count} travel days between countries)", days, who=who)
            for later, earlier in ((a, b), (b, a)):
                for rule in later.spacing:
                    if later.forum == earlier.forum and rule.after == earlier.activity:
                        yield deferred("{later} must start {gap} after {earlier} ends",
                                       later=f"{later.forum}.{later.activity}",
                                       gap=spacing_words(rule), earlier=earlier.activity)


def _no_day(occurrence: Occurrence, item: Item) -> Problem:
    where = occurrence.activity.where
    return Problem(Where(where.file, where.key, where.line),
                   deferred("no allowed day for {event}: {told}", event=occurrence.event_id,
                            told=_told(occurrence, item)),
                   deferred("allow more weekdays, widen the phase, shorten the activity or "
                            "remove a blackout"))


def _undecided(group: list[Occurrence], failed: dict[str, Problem]) -> Problem:
    key = next(occurrence.event_id for occurrence in group if occurrence.event_id in failed)
    problem = failed[key]
    return Problem(problem.where,
                   deferred("{problem}; the solver could not decide within its work limit "
                            "whether {count} tied events can all have a day",
                            problem=problem.message, count=len(group)),
                   deferred("split the schedule, or give the events wider windows"))
