"""Placing tied events together with OR-Tools CP-SAT, when first-fit leaves one without a day.

Only this module imports ortools, and only the engine's failure path imports this module, so
ordinary runs never load it. Every choice is a candidate day the calendar rules allow (the
rules that look at no other planned event); what ties events together is modelled here:
leaders' no-overlap with travel days between countries, and spacing (minimum from every
earlier occurrence, maximum from the latest one, the same day counting as earlier). The
objective keeps every event on first-fit's day where it can, then prefers each event's
earlier candidates (preferred months first, then the earliest day). One worker and a fixed
seed make the answer the same on every run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.engine.rules.spacing import earliest_after, latest_after, spacing_words
from planner.i18n import deferred, deferred_n
from planner.schedule.model import Spacing

_MOVE_COST = 1_000  # keeping first-fit's day outweighs any preference between other days
_SEED = 20_261_203
_WORK_LIMIT = 60.0  # deterministic time units (about seconds), so the answer never depends on load


@dataclass(frozen=True, slots=True)
class Item:
    """One event to place, or a held one that spacing counts from."""

    key: str  # the event id
    forum: str
    activity: str
    days: tuple[dt.date, ...]  # allowed start days, best first
    length: int  # days
    countries: tuple[str | None, ...]  # where the event is on each of `days`
    leaders: tuple[str, ...] = ()
    remote: bool = False
    spacing: tuple[Spacing, ...] = ()
    target: dt.date | None = None  # first-fit's day; None: it found none
    held: bool = False  # a fact: never moved, its own rules not judged

    def end(self, start: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.length - 1)

    def country(self, start: dt.date) -> str | None:
        return self.countries[self.days.index(start)]


class Unsolved(Exception):
    """The solver ran out of its work limit without deciding."""


def gap(a: Item, country_a: str | None, b: Item, country_b: str | None,
        travel: dict[str, int]) -> int | None:
    """Free days a shared leader needs between a and b, or None when they share nobody."""
    shared = set(a.leaders) & set(b.leaders)
    if not shared:
        return None
    travels = not (a.remote or b.remote) and (country_a is None or country_a != country_b)
    return max(travel[leader] for leader in shared) if travels else 0


def clash(a: Item, day_a: dt.date, b: Item, day_b: dt.date,
          travel: dict[str, int], leader_names: dict[str, str]) -> str | None:
    """Why a on day_a and b on day_b cannot both stand (leaders, or a minimum spacing)."""
    free = gap(a, a.country(day_a), b, b.country(day_b), travel)
    if free is not None:
        first, second = sorted([(day_a, a), (day_b, b)], key=lambda pair: pair[0])
        if second[0] <= first[1].end(first[0]) + dt.timedelta(days=free):
            names = ", ".join(leader_names.get(leader, leader)
                              for leader in sorted(set(a.leaders) & set(b.leaders)))
            if not free:
                return deferred("shared leader {names}", names=names)
            return deferred_n("shared leader {names}, {count} travel day",
                              "shared leader {names}, {count} travel days", free, names=names)
    for later, start, earlier, earlier_start in ((a, day_a, b, day_b), (b, day_b, a, day_a)):
        if later.forum != earlier.forum or earlier_start > start:
            continue
        for rule in later.spacing:
            if rule.after == earlier.activity and \
                    start < earliest_after(earlier.end(earlier_start), rule):
                return deferred("{later} must start {gap} after {earlier} ends",
                                later=later.activity, gap=spacing_words(rule),
                                earlier=earlier.activity)
    return None


def solve(items: Sequence[Item], travel: dict[str, int]) -> dict[str, dt.date] | None:
    """A day for every item closest to first-fit's, or None when no plan exists."""
    model = _Model(items, travel, all_present=True)
    model.minimize_moves()
    model.hint_first_choices()
    solver = _solver()
    status = solver.solve(model.cp)
    if status == cp_model.INFEASIBLE:
        return None
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise Unsolved
    return {item.key: model.day_of(solver, index) for index, item in enumerate(items)
            if not item.held}


def conflict(items: Sequence[Item], travel: dict[str, int]) -> list[Item]:
    """A smallest set of planned items that cannot all have a day (none can be left out).

    CP-SAT's assumptions give a set that is enough; leaving out each item in turn and keeping
    it only when the rest become feasible shrinks it to a minimal one.
    """
    held = [item for item in items if item.held]
    core = _core(items, travel)
    for item in list(core):
        rest = [other for other in core if other is not item]
        if rest and not _feasible([*held, *rest], travel):
            core = rest
    return core


def _core(items: Sequence[Item], travel: dict[str, int]) -> list[Item]:
    model = _Model(items, travel)
    model.cp.add_assumptions(model.present[index] for index, item in enumerate(items)
                             if not item.held)
    solver = _solver()
    if solver.solve(model.cp) != cp_model.INFEASIBLE:
        raise Unsolved
    chosen = set(solver.sufficient_assumptions_for_infeasibility())
    return [item for index, item in enumerate(items)
            if not item.held and model.present[index].index in chosen]


def _feasible(items: Sequence[Item], travel: dict[str, int]) -> bool:
    status = _solver().solve(_Model(items, travel, all_present=True).cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
        raise Unsolved
    return status != cp_model.INFEASIBLE


def _solver() -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = _SEED
    solver.parameters.max_deterministic_time = _WORK_LIMIT
    return solver


class _Model:
    """The CP-SAT model: one Boolean per (item, allowed day); a start is their weighted sum."""

    def __init__(self, items: Sequence[Item], travel: dict[str, int], *,
                 all_present: bool = False) -> None:
        self.cp = cp_model.CpModel()
        self.items = items
        self.base = min((day for item in items for day in item.days), default=dt.date.min)
        self.chosen = [[self.cp.new_bool_var(f"{item.key}@{day}") for day in item.days]
                       for item in items]
        self.present = [self.cp.new_bool_var(f"present {item.key}") for item in items]
        self.starts = [self.cp.new_int_var_from_domain(
            cp_model.Domain.from_values([0, *(self.offset(day) for day in item.days)]),
            f"start {item.key}") for item in items]
        self._bounds: dict[tuple[int, Spacing, str], cp_model.IntVar] = {}
        for index, item in enumerate(items):
            self.cp.add(self.starts[index] == sum(
                self.offset(day) * chosen
                for day, chosen in zip(item.days, self.chosen[index], strict=True)))
            self.cp.add(sum(self.chosen[index]) <= 1)
            self.cp.add(sum(self.chosen[index]) == 1).only_enforce_if(self.present[index])
            if item.held or all_present:
                self.cp.add(self.present[index] == 1)
        self._leaders(travel)
        self._spacing()

    def offset(self, day: dt.date) -> int:
        return (day - self.base).days

    def start(self, index: int) -> cp_model.IntVar:
        return self.starts[index]

    def after(self, index: int, rule: Spacing, bound: str) -> cp_model.IntVar:
        """The earliest (or latest) start `rule` allows after item `index`, as a variable."""
        key = (index, rule, bound)
        found = self._bounds.get(key)
        if found is None:
            item = self.items[index]
            limit = earliest_after if bound == "earliest" else _latest
            values = [self.offset(limit(item.end(day), rule)) for day in item.days]
            found = self._bounds[key] = self.cp.new_int_var_from_domain(
                cp_model.Domain.from_values(sorted({0, *values})), f"{bound} after {item.key}")
            self.cp.add(found == sum(value * chosen for value, chosen in zip(
                values, self.chosen[index], strict=True)))
        return found

    def day_of(self, solver: cp_model.CpSolver, index: int) -> dt.date:
        return next(day for day, chosen in zip(self.items[index].days, self.chosen[index],
                                               strict=True) if solver.boolean_value(chosen))

    def minimize_moves(self) -> None:
        terms = []
        for index, item in enumerate(self.items):
            if item.held:
                continue
            terms += [rank * chosen for rank, chosen in enumerate(self.chosen[index]) if rank]
            if item.target in item.days:
                terms.append(_MOVE_COST * (1 - self.chosen[index][item.days.index(item.target)]))
        self.cp.minimize(sum(terms))

    def hint_first_choices(self) -> None:
        """Start the search from first-fit's days: most of them stay."""
        for index, item in enumerate(self.items):
            for day, chosen in zip(item.days, self.chosen[index], strict=True):
                self.cp.add_hint(chosen, day == item.target)

    def _in_country(self, index: int, country: str | None) -> cp_model.IntVar:
        found = self.cp.new_bool_var(f"{self.items[index].key} in {country}")
        self.cp.add(found == sum(chosen for chosen, where in zip(
            self.chosen[index], self.items[index].countries, strict=True) if where == country))
        return found

    def _leaders(self, travel: dict[str, int]) -> None:
        planned = [index for index, item in enumerate(self.items) if not item.held]
        for at, i in enumerate(planned):
            for j in planned[at + 1:]:
                self._apart(i, j, travel)

    def _apart(self, i: int, j: int, travel: dict[str, int]) -> None:
        """Leaders shared by items i and j: one ends, with travel days, before the other."""
        a, b = self.items[i], self.items[j]
        options = {(ca, cb): gap(a, ca, b, cb, travel)
                   for ca in set(a.countries) for cb in set(b.countries)}
        gaps = [free for free in options.values() if free is not None]
        if not gaps or not a.days or not b.days:
            return
        widest = dt.timedelta(days=max(gaps))
        if a.end(max(a.days)) + widest < min(b.days) or b.end(max(b.days)) + widest < min(a.days):
            return  # never close enough to meet
        first = self.cp.new_bool_var(f"{a.key} before {b.key}")
        both = [self.present[i], self.present[j]]
        for (ca, cb), free in sorted(options.items(), key=lambda pair: str(pair[0])):
            assert free is not None
            when = both if len(set(gaps)) == 1 else [*both, self._in_country(i, ca),
                                                      self._in_country(j, cb)]
            self.cp.add(self.start(j) >= self.start(i) + a.length + free).only_enforce_if(
                [first, *when])
            self.cp.add(self.start(i) >= self.start(j) + b.length + free).only_enforce_if(
                [first.Not(), *when])
            if len(set(gaps)) == 1:
                break

    def _spacing(self) -> None:
        by_activity: dict[tuple[str, str], list[int]] = {}
        for index, item in enumerate(self.items):
            by_activity.setdefault((item.forum, item.activity), []).append(index)
        for index, item in enumerate(self.items):
            for rule in item.spacing:
                earlier = [other for other in by_activity.get((item.forum, rule.after), [])
                           if other != index]
                self._spaced(index, rule, earlier)

    def _spaced(self, a: int, rule: Spacing, candidates: Iterable[int]) -> None:
        """Item a starts at least the minimum after every occurrence that starts on or before
        it, and at most the maximum after the latest of them."""
        item = self.items[a]
        latest_ok = []
        befores = []
        for b in candidates:
            other = self.items[b]
            if (item.held and other.held) or not other.days or not item.days \
                    or min(other.days) > max(item.days):
                continue
            before = self.cp.new_bool_var(f"{other.key} on or before {item.key}")
            self.cp.add_implication(before, self.present[b])
            both = [self.present[a], self.present[b]]
            self.cp.add(self.start(b) <= self.start(a)).only_enforce_if([before, *both])
            self.cp.add(self.start(b) >= self.start(a) + 1).only_enforce_if([before.Not(), *both])
            soonest = self.after(b, rule, "earliest")
            self.cp.add(self.start(a) >= soonest).only_enforce_if([before, self.present[a]])
            if item.held or latest_after(other.days[0], rule) is None:
                continue
            counts = self.cp.new_bool_var(f"{item.key} within the maximum of {other.key}")
            self.cp.add_implication(counts, before)
            latest = self.after(b, rule, "latest")
            self.cp.add(self.start(a) <= latest).only_enforce_if([counts, self.present[a]])
            latest_ok.append(counts)
            befores.append(before)
        for before in befores:
            self.cp.add_bool_or(latest_ok).only_enforce_if([before, self.present[a]])


def _latest(end: dt.date, rule: Spacing) -> dt.date:
    found = latest_after(end, rule)
    assert found is not None
    return found
