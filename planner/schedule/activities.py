"""A forum's activities, with their spacing rules and preparation tasks."""

from __future__ import annotations

from planner.i18n import N_, deferred
from planner.schedule.fields import Fields
from planner.schedule.model import Activity, Spacing, Task
from planner.schedule.read import Table


def read_activity(fields: Fields, activity_id: str, table: Table, parties: set[str], venues: set[str],
                  categories: set[str], forum_leaders: tuple[str, ...]) -> Activity:
    title = table.localized("title")
    kind = table.text("kind", default="meeting")
    days = table.integer("days", 1, 92, default=1)
    start_time, hours = fields.timing(table)
    if hours is not None and days != 1:
        fields.problems.add(table.key("days"), deferred("a timed event lasts one day"),
                            deferred("remove days, or remove start_time and hours"))
    weekdays = table.weekdays("weekdays")
    if weekdays is not None and not weekdays:
        fields.problems.add(table.key("weekdays"), deferred("allows no day at all"),
                            deferred("list at least one weekday"))
    preferred = table.integers("preferred_months", 1, 12)
    activity_venues = table.texts("venues")
    fields.refs(table, "venues", activity_venues, venues, N_("venue"))
    if table.has("venue"):
        single = table.text("venue")
        fields.refs(table, "venue", (single,), venues, N_("venue"))
        activity_venues = (single,) + activity_venues
    during = table.texts("during_exercise")
    fields.refs(table, "during_exercise", during, categories, N_("exercise category"))
    if not activity_venues and not during:
        fields.problems.add(table.key("venue"), deferred("no venue"),
                            deferred('add venue = "<id>", venues = [...] for a rotation, or '
                                     "during_exercise = [...]"))
    participants = table.texts("participants")
    fields.refs(table, "participants", participants, parties, N_("party"))
    numbered = table.flag("numbered", False)
    description = table.localized("description", default="", multiline=True)
    line_of_effort = fields.line_of_effort(table)
    leaders = table.texts("leaders") if table.has("leaders") else forum_leaders
    if table.has("leaders"):  # the forum's own list is checked once, at the forum
        fields.refs(table, "leaders", leaders, fields.leader_ids, N_("leader"))
    remote = table.flag("remote", False)
    spacing = tuple(read_spacing(fields, t) for t in table.tables("spacing"))
    tasks = tuple(read_task(fields, t) for t in table.tables("tasks"))
    table.finish()
    return Activity(fields.id(table, activity_id), title, kind, days, start_time, hours,
                    weekdays, preferred, activity_venues, participants, during, numbered,
                    description, line_of_effort, leaders, remote, spacing, tasks, table.where)


def read_spacing(fields: Fields, table: Table) -> Spacing:
    after = table.text("after")
    min_months = table.integer("min_months", 0, 240, default=0)
    min_days = table.integer("min_days", 0, 7300, default=0)
    max_months = table.integer("max_months", 0, 240, default=0) if table.has("max_months") else None
    max_days = table.integer("max_days", 0, 7300, default=0) if table.has("max_days") else None
    if not any(table.has(k) for k in ("min_months", "min_days", "max_months", "max_days")):
        fields.problems.add(table.path, deferred("sets no gap"),
                            deferred("add min_months, min_days, max_months or max_days"))
    table.finish()
    return Spacing(after, min_months, min_days, max_months, max_days)


def check_spacing(fields: Fields, activities: tuple[Activity, ...]) -> None:
    known = {a.id for a in activities}
    for activity in activities:
        for index, rule in enumerate(activity.spacing):
            if rule.after not in known:
                key = f"{activity.where.key}.spacing[{index}].after"
                fields.problems.add(key, deferred("unknown {what} {value}", what=deferred("activity"),
                                                  value=repr(rule.after)),
                                    deferred("use one of: {choices}",
                                             choices=", ".join(sorted(known))))


def read_task(fields: Fields, table: Table) -> Task:
    task_id = table.text("id")
    title = table.localized("title")
    days_before = table.integer("days_before", 0, 730)
    alarm_days = table.integer("alarm_days", 0, 365, default=0) if table.has("alarm_days") else None
    table.finish()
    return Task(fields.id(table, task_id), title, days_before, alarm_days)
