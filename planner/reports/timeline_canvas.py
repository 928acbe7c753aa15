"""What every part of a timeline drawing shares: its size, the day scale, and the layers
(back to front) the parts draw on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.plan import Plan
from planner.schedule.model import Schedule

WIDTH = 1600  # user units; the HTML page scales the chart to the window or the paper
LABEL_W = 300  # the row titles' column, left of the days
RIGHT = 28


@dataclass(frozen=True, slots=True)
class Scale:
    """Days to x: `first` starts at `left`, the day after `last` at `right`."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    @property
    def per_day(self) -> float:
        return (self.right - self.left) / ((self.last - self.first).days + 1)

    def x(self, day: dt.date) -> float:
        """The left edge of `day`."""
        return self.left + (day - self.first).days * self.per_day

    def clip(self, start: dt.date, end: dt.date) -> tuple[float, float] | None:
        """Left edge of the first visible day and right edge of the last, or None."""
        if end < self.first or start > self.last:
            return None
        return self.x(max(start, self.first)), self.x(min(end, self.last)) + self.per_day


@dataclass(slots=True)
class Canvas:
    """The plan drawn, in one language as of `today`, and the layers drawn so far: shading,
    grid lines, marks and texts, so no text hides under a mark or a line."""

    plan: Plan
    schedule: Schedule
    today: dt.date
    lang: str
    scale: Scale
    parties: dict[str, str]  # party id -> name, for the marks' tooltips
    back: list[str] = field(default_factory=list)
    grid: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, plan: Plan, schedule: Schedule, today: dt.date, lang: str) -> Canvas:
        """A blank canvas whose days span the plan's horizon."""
        first, last = plan.horizon
        return cls(plan, schedule, today, lang, Scale(first, last, LABEL_W, WIDTH - RIGHT),
                   {party.id: party.name.get(lang) for party in schedule.parties})
