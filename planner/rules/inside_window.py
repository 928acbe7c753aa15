"""An event lies wholly inside its phase, and a visit wholly inside an exercise it visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from planner.rules import Occurrence
from planner.schedule.model import Exercise, ExerciseWindow


@dataclass(frozen=True, slots=True)
class InsidePhase:
    """Refuses a start whose event would run past the end of its phase."""

    name: ClassVar[str] = "phase"

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None:
        last = occurrence.span(start)[-1]
        if last > occurrence.window.end:
            return f"would end {last}, after the phase ends {occurrence.window.end}"
        return None


@dataclass(frozen=True, slots=True)
class DuringExercise:
    """Refuses a visit that is not inside a window of an exercise of the required category."""

    name: ClassVar[str] = "exercise window"
    exercises: tuple[tuple[Exercise, ExerciseWindow], ...]

    def visited(self, start: dt.date, occurrence: Occurrence) -> tuple[Exercise, ExerciseWindow] | None:
        categories = occurrence.activity.during_exercise
        last = occurrence.span(start)[-1]
        for exercise, window in self.exercises:
            if exercise.category in categories and window.start <= start and last <= window.end:
                return exercise, window
        return None

    def refuse(self, start: dt.date, occurrence: Occurrence) -> str | None:
        if not occurrence.activity.during_exercise:
            return None
        if self.visited(start, occurrence) is None:
            kinds = " or ".join(occurrence.activity.during_exercise)
            return f"no {kinds} under way on {start}"
        return None
