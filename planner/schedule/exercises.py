"""[exercises]: the exercises other events can be held during."""

from __future__ import annotations

from planner.i18n import N_, deferred
from planner.schedule.fields import Fields
from planner.schedule.model import Exercise, ExerciseWindow
from planner.schedule.read import Table


def read_exercise(fields: Fields, exercise_id: str, table: Table, venues: set[str],
                  parties: set[str]) -> Exercise:
    name = table.localized("name")
    category = table.text("category")
    venue = table.text("venue")
    fields.refs(table, "venue", (venue,), venues, N_("venue"))
    participants = table.texts("participants")
    fields.refs(table, "participants", participants, parties, N_("party"))
    every = table.integer("every_months", 1, 120, default=0) or None
    windows = []
    for item in table.tables("windows"):
        span = fields.span(item, "start", "end")
        item.finish()
        if span:
            windows.append(ExerciseWindow(span[0], span[1]))
    if not windows and not table.has("windows"):
        fields.problems.add(table.key("windows"), deferred("missing"),
                            deferred("add [[exercises.<id>.windows]] with start and end"))
    table.finish()
    return Exercise(fields.id(table, exercise_id), name, category, venue, participants,
                    tuple(sorted(windows, key=lambda w: w.start)), every, table.where)
