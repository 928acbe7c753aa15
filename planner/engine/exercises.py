"""Exercise windows as announced, plus the ones projected from a regular rhythm."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from planner.schedule.model import Exercise, ExerciseWindow


def windows(exercise: Exercise, until: dt.date) -> tuple[ExerciseWindow, ...]:
    """Announced windows, then projected ones every `every_months` after the last, to `until`."""
    known = list(exercise.windows)
    if not exercise.every_months or not known:
        return tuple(known)
    last = known[-1]
    step = 1
    while True:
        shift = relativedelta(months=exercise.every_months * step)
        start = last.start + shift
        if start > until:
            return tuple(known)
        known.append(ExerciseWindow(start, last.end + shift, projected=True))
        step += 1


def all_windows(exercises: tuple[Exercise, ...],
                until: dt.date) -> tuple[tuple[Exercise, ExerciseWindow], ...]:
    """Every window of every exercise, ordered by start date."""
    pairs = [(exercise, window) for exercise in exercises for window in windows(exercise, until)]
    return tuple(sorted(pairs, key=lambda pair: (pair[1].start, pair[0].id)))
