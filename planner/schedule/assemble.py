"""The whole file: [plan], then each section in the order later ones refer to earlier ones."""

from __future__ import annotations

import re

from planner.i18n import N_, deferred
from planner.schedule.day_rules import read_days
from planner.schedule.deployments import read_approving_body, read_deployment
from planner.schedule.exercises import read_exercise
from planner.schedule.fields import EARLIEST, Fields
from planner.schedule.forums import read_forum
from planner.schedule.model import Forum, Program, RuleSetting, Schedule
from planner.schedule.parties import read_leader, read_line_of_effort, read_party, read_venue
from planner.schedule.read import Table

# A UID domain ends every UID; ";" "," and spaces would be split or escaped in a calendar,
# and planner would no longer recognise its own events there.
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?")


def read_schedule(fields: Fields, root: Table, name: str) -> Schedule:
    plan = root.table("plan", required=True) or Table({}, "plan", fields.problems)
    title = plan.localized("name")
    calendar_name = plan.localized("calendar_name", default="") or title
    uid_domain = plan.text("uid_domain", default="planner.invalid")
    if not _DOMAIN.fullmatch(uid_domain):
        fields.problems.add(plan.key("uid_domain"), deferred("{domain} is not a domain name",
                                                             domain=repr(uid_domain)),
                            deferred("use letters, digits, '.' and '-', e.g. "
                                     "roundtable.example.org"))
    span = fields.span(plan, "from", "to")
    chairs = plan.localized("chairs", default="")
    headline_kinds = plan.texts("headline_kinds") if plan.has("headline_kinds") else None
    plan.finish()
    lines = tuple(read_line_of_effort(fields, lid, t)
                  for lid, t in root.named_tables("lines_of_effort"))
    fields.line_ids = [line.id for line in lines]
    days = read_days(fields, root.table("days") or Table({}, "days", fields.problems))
    parties = tuple(read_party(fields, pid, t) for pid, t in root.named_tables("parties"))
    venues = tuple(read_venue(fields, vid, t) for vid, t in root.named_tables("venues"))
    if not parties:
        fields.problems.add("parties", deferred("no parties declared"),
                            deferred("add [parties.<id>] tables"))
    party_ids = {p.id for p in parties}
    venue_ids = {v.id for v in venues}
    leaders = tuple(read_leader(fields, lid, t, party_ids)
                    for lid, t in root.named_tables("leaders"))
    fields.leader_ids = {leader.id for leader in leaders}
    exercises = tuple(read_exercise(fields, eid, t, venue_ids, party_ids)
                      for eid, t in root.named_tables("exercises"))
    categories = {e.category for e in exercises}
    forums = tuple(read_forum(fields, fid, t, party_ids, venue_ids, categories)
                   for fid, t in root.named_tables("forums"))
    bodies = tuple(read_approving_body(fields, bid, t)
                   for bid, t in root.named_tables("approving_bodies"))
    body_ids = {b.id for b in bodies}
    deployments = tuple(read_deployment(fields, did, t, venue_ids, body_ids)
                        for did, t in root.named_tables("deployments"))
    rule_settings = _rule_settings(root.table("rules"))
    root.finish()
    first, last = span or (EARLIEST, EARLIEST)
    program = Program(lines, chairs, _headline_kinds(fields, plan, headline_kinds, forums))
    return Schedule(name, title, calendar_name, uid_domain, first, last, days, parties,
                    venues, forums, exercises, bodies, deployments, leaders, program,
                    rule_settings)


def _rule_settings(table: Table | None) -> tuple[RuleSetting, ...]:
    """[rules] as written: each key belongs to a rule of the engine, which checks it."""
    if table is None:
        return ()
    table.mark_read(*table.data)
    return tuple(RuleSetting(key, value, table.problems.where(table.key(key)))
                 for key, value in table.data.items())


def _headline_kinds(fields: Fields, plan: Table, declared: tuple[str, ...] | None,
                    forums: tuple[Forum, ...]) -> tuple[str, ...]:
    """The declared headline kinds, each used by an activity; by default every kind of a
    forum's activities, in the order of the file."""
    used = [activity.kind for forum in forums for activity in forum.activities]
    if declared is None:
        return tuple(dict.fromkeys(used))
    fields.refs(plan, "headline_kinds", declared, set(used), N_("activity kind"))
    return declared
