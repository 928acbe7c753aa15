"""Expand a forum's regimes into numbered cycles and the dated windows of their phases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from dateutil.relativedelta import relativedelta

from planner.plan import PhaseDates
from planner.schedule.model import Regime


@dataclass(frozen=True, slots=True)
class Cycle:
    """The n-th cycle of a regime, with its phases laid onto the calendar."""

    regime: Regime
    number: int  # 1-based within the regime
    start: dt.date
    end: dt.date  # inclusive
    phases: tuple[PhaseDates, ...]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_start(cycle_start: dt.date, month: int) -> dt.date:
    return _plus_months(cycle_start, month - 1)


@cache
def _plus_months(day: dt.date, months: int) -> dt.date:
    # relativedelta clamps to the month's last day, so a cycle starting on the 31st stays sane.
    # Cached: forums share regime starts, and each cycle asks for every phase's bounds.
    return day + relativedelta(months=months)


def expand(regime: Regime, until: dt.date) -> Iterator[Cycle]:
    """Cycles of `regime` that start on or before `until` (and before the regime ends)."""
    last_day = min(regime.end or until, until)
    number = 1
    while True:
        start = _plus_months(regime.start, regime.cycle_months * (number - 1))
        if start > last_day:
            return
        end = _plus_months(regime.start, regime.cycle_months * number) - dt.timedelta(days=1)
        if regime.end is not None:
            end = min(end, regime.end)
        phases = []
        for phase in regime.phases:
            first = _month_start(start, phase.months[0])
            last = _month_start(start, phase.months[1] + 1) - dt.timedelta(days=1)
            if first <= end:
                phases.append(PhaseDates(phase, first, min(last, end)))
        yield Cycle(regime, number, start, end, tuple(phases))
        number += 1
