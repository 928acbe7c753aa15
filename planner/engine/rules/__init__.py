"""Rules that refuse candidate days; each is a small named object that says why.

A rule is a frozen dataclass in a module of this package, listed in the module's `RULES`.
It says what it is called, where it stands in the order rules are asked (cheapest first),
the relaxation to advise when it alone leaves an event without a day, the `[rules]` keys of
the schedule it reads (see Parameter), and how to make it from a schedule (`made_for`).
Modules are found by listing the package: adding a rule is adding its module.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, ClassVar, Protocol

from planner.days.closed import ClosedDays
from planner.engine.cycles import Cycle
from planner.engine.ledger import Ledger
from planner.errors import PlannerError, Problem
from planner.i18n import deferred
from planner.plan import PhaseDates
from planner.schedule.model import Activity, Forum, RuleSetting, Schedule, Venue

if TYPE_CHECKING:
    from planner.engine.rules.inside_window import DuringExercise

# Refuses a start day with a reason, or allows it with None (or "").
Check = Callable[[dt.date], str | None]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One thing to place: an activity in one phase of one cycle of a forum."""

    forum: Forum
    activity: Activity
    cycle: Cycle
    window: PhaseDates
    venue: Venue | None  # None until chosen, for visits to an exercise
    countries: frozenset[str]  # whose public holidays close a day
    event_id: str = ""

    def last_day(self, start: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.activity.days - 1)

    def reach(self) -> tuple[dt.date, dt.date]:
        """The first and last day an event starting in the window could touch."""
        return self.window.start, self.last_day(self.window.end)


@dataclass(frozen=True, slots=True)
class Parameter:
    """A key of the schedule's `[rules]` table that a rule reads: a whole number in a range.
    Its `meaning` (a marked phrase) is the hint shown with a wrong value."""

    key: str
    minimum: int
    maximum: int
    meaning: str


@dataclass(frozen=True, slots=True)
class Setup:
    """What rules are made from: the schedule, its closed days and its exercise windows."""

    schedule: Schedule
    closed: ClosedDays
    during: DuringExercise

    def setting(self, parameter: Parameter) -> int | None:
        """The schedule's value for `parameter`, or None when it does not set it (checked by
        `setting_problems` before any rule is made)."""
        found = next((s for s in self.schedule.rule_settings if s.key == parameter.key), None)
        return found.value if found is not None and isinstance(found.value, int) else None


class Rule(Protocol):
    """Looks at one occurrence, with the bookings made so far, and says how to test its start
    days."""

    name: ClassVar[str]  # marked for the catalogs: explain shows it
    order: ClassVar[int]  # rules are asked in this order: cheap and decisive first
    advice: ClassVar[str | None]  # a marked phrase: the relaxation when this rule blocks
    parameters: ClassVar[tuple[Parameter, ...]]

    @classmethod
    def made_for(cls, setup: Setup) -> Rule | None:
        """The rule for this schedule, or None when the schedule does not ask for it."""
        ...

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        """The test for the occurrence's start days, or None when it can refuse none of them.

        Made once per occurrence, so the test itself does only the per-day work. `ledger`
        holds the bookings made so far: a rule keeps no state of its own.
        """
        ...


@cache
def rule_types() -> tuple[type[Rule], ...]:
    """Every rule of this package's modules, in the order they are asked."""
    found: list[type[Rule]] = []
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        found.extend(importlib.import_module(f"{__name__}.{module}").RULES)
    return tuple(sorted(found, key=lambda rule: rule.order))


def make_rules(setup: Setup) -> tuple[Rule, ...]:
    """The rules this schedule asks for, in order.

    Raises:
        PlannerError: when a `[rules]` key is unknown or its value is wrong.
    """
    problems = setting_problems(setup.schedule.rule_settings)
    if problems:
        raise PlannerError(*problems)
    return tuple(rule for kind in rule_types() if (rule := kind.made_for(setup)) is not None)


def setting_problems(settings: tuple[RuleSetting, ...]) -> list[Problem]:
    """Each `[rules]` key no rule reads, and each value out of its parameter's range."""
    parameters = {p.key: p for kind in rule_types() for p in kind.parameters}
    problems = []
    for setting in settings:
        parameter = parameters.get(setting.key)
        if parameter is None:
            close = difflib.get_close_matches(setting.key, sorted(parameters), n=1)
            hint = (deferred("did you mean {key}?", key=repr(close[0])) if close
                    else deferred("use one of: {choices}", choices=", ".join(sorted(parameters))))
            problems.append(Problem(setting.where, deferred("unknown key"), hint))
        elif (not isinstance(setting.value, int) or isinstance(setting.value, bool)
              or not parameter.minimum <= setting.value <= parameter.maximum):
            problems.append(Problem(
                setting.where, deferred("must be between {low} and {high}, got {value}",
                                        low=parameter.minimum, high=parameter.maximum,
                                        value=setting.value),
                deferred(parameter.meaning)))
    return problems


def every_day(occurrence: Occurrence, refuse_day: Check) -> Check:
    """A test of start days that refuses a start when `refuse_day` refuses any day of the
    event, giving the first such day's reason."""
    if occurrence.activity.days == 1:
        return refuse_day
    offsets = [dt.timedelta(days=offset) for offset in range(occurrence.activity.days)]

    def refuse(start: dt.date) -> str | None:
        for offset in offsets:
            reason = refuse_day(start + offset)
            if reason:
                return reason
        return None

    return refuse
