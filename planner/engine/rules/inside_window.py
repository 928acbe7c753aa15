"""An event lies wholly inside its phase, and a visit wholly inside an exercise it visits."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from planner.engine.ledger import Ledger
from planner.engine.rules import Check, Occurrence, Parameter, Setup
from planner.i18n import N_, deferred
from planner.schedule.model import Exercise, ExerciseWindow


@dataclass(frozen=True, slots=True)
class InsidePhase:
    """Refuses a start whose event would run past the end of its phase."""

    name: ClassVar[str] = N_("phase")
    order: ClassVar[int] = 10
    advice: ClassVar[str | None] = None  # diagnosis widens the phase itself
    parameters: ClassVar[tuple[Parameter, ...]] = ()

    @classmethod
    def made_for(cls, setup: Setup) -> InsidePhase:
        return cls()

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        if occurrence.activity.days == 1:  # candidates start inside the phase, so end in it
            return None
        end = occurrence.window.end
        length = dt.timedelta(days=occurrence.activity.days - 1)

        def refuse(start: dt.date) -> str | None:
            last = start + length
            return (deferred("would end {last}, after the phase ends {end}", last=last, end=end)
                    if last > end else None)

        return refuse


class _CategoryWindows:
    """One category's exercise windows by start date, each with its place in the full list."""

    def __init__(self) -> None:
        self.starts: list[dt.date] = []
        self.entries: list[tuple[int, Exercise, ExerciseWindow]] = []
        self.longest = dt.timedelta(0)

    def add(self, position: int, exercise: Exercise, window: ExerciseWindow) -> None:
        self.starts.append(window.start)
        self.entries.append((position, exercise, window))
        self.longest = max(self.longest, window.end - window.start)

    def first_containing(self, first: dt.date,
                         last: dt.date) -> tuple[int, Exercise, ExerciseWindow] | None:
        # A window that starts before `last - longest` has ended before `last`.
        index = bisect.bisect_left(self.starts, last - self.longest)
        while index < len(self.entries) and self.starts[index] <= first:
            if last <= self.entries[index][2].end:
                return self.entries[index]
            index += 1
        return None


@dataclass(frozen=True, slots=True)
class DuringExercise:
    """Refuses a visit that is not inside a window of an exercise of the required category."""

    name: ClassVar[str] = N_("exercise window")
    order: ClassVar[int] = 60
    advice: ClassVar[str | None] = N_("add an exercise window inside the phase")
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    exercises: tuple[tuple[Exercise, ExerciseWindow], ...]  # ordered by start date
    _by_category: dict[str, _CategoryWindows] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_category: dict[str, _CategoryWindows] = {}
        for position, (exercise, window) in enumerate(self.exercises):
            by_category.setdefault(exercise.category, _CategoryWindows()).add(position, exercise,
                                                                              window)
        object.__setattr__(self, "_by_category", by_category)

    def visited(self, start: dt.date, occurrence: Occurrence) -> tuple[Exercise, ExerciseWindow] | None:
        """The first window, in start order, of a required category that holds the visit."""
        last = occurrence.last_day(start)
        found = []  # the first of each category; the earliest of them in the full list wins
        for category in set(occurrence.activity.during_exercise):
            windows = self._by_category.get(category)
            entry = windows.first_containing(start, last) if windows else None
            if entry is not None:
                found.append(entry)
        if not found:
            return None
        _, exercise, window = min(found, key=lambda entry: entry[0])
        return exercise, window

    @classmethod
    def made_for(cls, setup: Setup) -> DuringExercise:
        return setup.during  # one for the whole plan: placing a visit asks it which exercise

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        if not occurrence.activity.during_exercise:
            return None
        kinds = " or ".join(occurrence.activity.during_exercise)

        def refuse(start: dt.date) -> str | None:
            if self.visited(start, occurrence) is None:
                return deferred("no {kinds} under way on {start}", kinds=kinds, start=start)
            return None

        return refuse


RULES = (InsidePhase, DuringExercise)
