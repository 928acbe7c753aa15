"""A forum's series: recurring events given by an RFC 5545 rule."""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr

from planner.i18n import N_, deferred
from planner.schedule.fields import EARLIEST, Fields
from planner.schedule.model import Series
from planner.schedule.read import Table
from planner.schedule.rrules import RRULE_EXAMPLE, rrule_problem


def read_series(fields: Fields, series_id: str, table: Table, parties: set[str], venues: set[str],
                forum_leaders: tuple[str, ...]) -> Series:
    title = table.localized("title")
    kind = table.text("kind", default="staff-work")
    rule = table.text("rrule")
    start = fields.date(table, "start")
    end = fields.date(table, "end", required=False)
    if start and end and end < start:
        fields.problems.add(table.key("end"), f"{end} is before start {start}",
                            "make end later than start")
    _check_rrule(fields, table, rule, start)
    start_time, hours = fields.timing(table)
    venue = table.text("venue")
    fields.refs(table, "venue", (venue,), venues, N_("venue"))
    participants = table.texts("participants")
    fields.refs(table, "participants", participants, parties, N_("party"))
    leaders = table.texts("leaders") if table.has("leaders") else forum_leaders
    if table.has("leaders"):  # the forum's own list is checked once, at the forum
        fields.refs(table, "leaders", leaders, fields.leader_ids, N_("leader"))
    description = table.localized("description", default="", multiline=True)
    line_of_effort = fields.line_of_effort(table)
    table.finish()
    return Series(fields.id(table, series_id), title, kind, rule.upper(), start or EARLIEST, end,
                  start_time, hours, venue, participants, leaders, description, line_of_effort,
                  table.where)


def _check_rrule(fields: Fields, table: Table, rule: str, start: dt.date | None) -> None:
    if not rule:
        return
    problem = rrule_problem(rule)
    if problem is not None:
        message, hint = problem
        fields.problems.add(table.key("rrule"), message, hint)
        return
    try:
        rrulestr(f"RRULE:{rule.upper()}",
                 dtstart=dt.datetime.combine(start or EARLIEST, dt.time()))
    except (ValueError, TypeError) as error:
        fields.problems.add(table.key("rrule"),
                            deferred("is not an RFC 5545 rule: {error}", error=str(error)),
                            RRULE_EXAMPLE)
