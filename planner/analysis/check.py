"""Every hard violation and warning in a plan, for `planner check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from dateutil.relativedelta import relativedelta

from planner.errors import Problem, Where
from planner.i18n import N_, deferred, translate
from planner.plan import Plan, PlannedEvent, Status
from planner.schedule.model import Schedule


class Severity(Enum):
    HARD = N_("violation")  # the plan cannot stand as it is
    WARNING = N_("warning")  # worth a look; the plan still holds


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    problem: Problem

    def text(self, lang: str = "en") -> str:
        return f"{translate(lang, self.severity.value)}: {self.problem.text(lang)}"

    def __str__(self) -> str:
        return self.text()


def check_plan(schedule: Schedule, plan: Plan, today: dt.date) -> list[Finding]:
    """Violations first, then warnings; each names the file and key path to look at."""
    findings = [Finding(Severity.WARNING, warning) for warning in plan.warnings]
    findings += _leader_double_bookings(schedule, plan)
    findings += placement_violations(schedule, plan)
    findings += _approvals_after_start(schedule)
    findings += _visits_without_exercise(schedule, plan)
    findings += _overdue_tasks(schedule, plan, today)
    return sorted(findings, key=lambda f: (f.severity is not Severity.HARD, f.problem.text()))


def _leader_double_bookings(schedule: Schedule, plan: Plan) -> list[Finding]:
    """Held events (facts the engine cannot move) that put one leader in two places."""
    attended: dict[str, list[PlannedEvent]] = {}
    by_activity = _by_activity(plan)
    for forum in schedule.forums:
        for activity in forum.activities:
            for leader_id in activity.leaders:
                attended.setdefault(leader_id, []).extend(
                    e for e in by_activity.get((forum.id, activity.id), ())
                    if e.kind == activity.kind)
    findings = []
    for leader_id, events in sorted(attended.items()):
        leader = schedule.leader(leader_id)
        ordered = sorted(events, key=lambda e: (e.start, e.id))
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if later.start <= earlier.end and Status.HELD in (earlier.status, later.status):
                where = Where(leader.where.file, f"leaders.{leader_id}", leader.where.line)
                findings.append(Finding(Severity.HARD, Problem(
                    where, deferred("{leader} is at {first} and {second} on {day}", leader=leader.name,
                                    first=earlier.id, second=later.id, day=later.start),
                    deferred("correct the held dates, or record who stood in"))))
    return findings


def placement_violations(schedule: Schedule, plan: Plan) -> list[Finding]:
    """Rules broken by the days the engine chose (never any, unless the plan was edited):
    leaders in two events or without travel days, spacing."""
    return _leaders_without_travel(schedule, plan) + _spacing_broken(schedule, plan)


def _leaders_without_travel(schedule: Schedule, plan: Plan) -> list[Finding]:
    """Planned events that leave a leader in two events at once, or too few free days to
    travel between countries (judged here from the plan, not by the engine's rules)."""
    findings = []
    by_activity = _by_activity(plan)
    for leader in schedule.leaders:
        attended = []
        for forum in schedule.forums:
            for activity in forum.activities:
                if leader.id in activity.leaders:
                    attended += [(event, activity.remote)
                                 for event in by_activity.get((forum.id, activity.id), ())
                                 if event.kind == activity.kind]
        attended.sort(key=lambda pair: (pair[0].start, pair[0].id))
        for at, (earlier, remote) in enumerate(attended):
            for later, later_remote in attended[at + 1:]:
                if later.start > earlier.end + dt.timedelta(days=leader.travel_days):
                    break
                if Status.PLANNED not in (earlier.status, later.status):
                    continue  # facts; overlapping held events are reported above
                travels = not (remote or later_remote) and _country(schedule, earlier) != \
                    _country(schedule, later)
                if later.start <= earlier.end or travels:
                    where = Where(leader.where.file, f"leaders.{leader.id}", leader.where.line)
                    findings.append(Finding(Severity.HARD, Problem(
                        where, f"{leader.name.en} is at {earlier.id} ({earlier.start} to "
                        f"{earlier.end}) and {later.id} from {later.start}, with fewer than "
                        f"{leader.travel_days} travel days between them",
                        "re-plan (planner generate --replan) or send a deputy")))
    return findings


def _by_activity(plan: Plan) -> dict[tuple[str, str], list[PlannedEvent]]:
    """The plan's events by (forum, activity), in the plan's order: each check looks up
    every activity, and scanning all the events for each was most of `planner check`."""
    grouped: dict[tuple[str, str], list[PlannedEvent]] = {}
    for event in plan.events:
        grouped.setdefault((event.forum, event.activity), []).append(event)
    return grouped


def _country(schedule: Schedule, event: PlannedEvent) -> str | None:
    return schedule.venue(event.venue).country if event.venue else None


def _spacing_broken(schedule: Schedule, plan: Plan) -> list[Finding]:
    """Planned events that start too soon (or too long) after the latest occurrence, on or
    before them, of the activity they are spaced from."""
    findings = []
    by_forum: dict[str, list[PlannedEvent]] = {}
    for event in plan.events:
        if event.kind != "task":
            by_forum.setdefault(event.forum, []).append(event)
    for forum in schedule.forums:
        events = by_forum.get(forum.id, [])
        for activity in forum.activities:
            for rule in activity.spacing:
                followed = [e for e in events if e.activity == rule.after]
                for event in (e for e in events if e.activity == activity.id):
                    earlier = [e for e in followed if e.start <= event.start and e.id != event.id]
                    if not earlier or Status.PLANNED not in (
                            event.status, *(e.status for e in earlier)):
                        continue
                    latest = max(earlier, key=lambda e: (e.start, e.id))
                    soonest = max(e.end for e in earlier) + relativedelta(
                        months=rule.min_months, days=rule.min_days)
                    bounded = rule.max_months is not None or rule.max_days is not None
                    last = latest.end + relativedelta(months=rule.max_months or 0,
                                                      days=rule.max_days or 0)
                    if event.start < soonest or (bounded and event.start > last):
                        where = Where(activity.where.file,
                                      f"forums.{forum.id}.activities.{activity.id}.spacing",
                                      activity.where.line)
                        findings.append(Finding(Severity.HARD, Problem(
                            where, f"{event.id} on {event.start} breaks its spacing after "
                            f"{latest.id} (ended {latest.end})",
                            "re-plan (planner generate --replan) or relax the spacing")))
    return findings


def _approvals_after_start(schedule: Schedule) -> list[Finding]:
    findings = []
    for window in schedule.deployments:
        if window.approved is not None and window.approved >= window.start:
            where = window.where.inside("approved")
            findings.append(Finding(Severity.HARD, Problem(
                where, deferred("approved {approved}, on or after the window starts {start}",
                                approved=window.approved, start=window.start),
                deferred("troops cannot cross before the vote: move the window or correct the date"))))
    return findings


def _visits_without_exercise(schedule: Schedule, plan: Plan) -> list[Finding]:
    """Held visits that no exercise window covers (planned ones cannot be placed so)."""
    categories = {exercise.id: exercise.category for exercise in schedule.exercises}
    windows = [(categories[e.activity], e) for e in plan.events if e.forum == "exercises"]
    findings = []
    by_activity = _by_activity(plan)
    for forum in schedule.forums:
        for activity in forum.activities:
            if not activity.during_exercise:
                continue
            for event in by_activity.get((forum.id, activity.id), ()):
                if event.status is not Status.HELD:
                    continue
                if not any(category in activity.during_exercise and w.start <= event.start
                           and event.end <= w.end for category, w in windows):
                    where = Where(activity.where.file, f"forums.{forum.id}.held", activity.where.line)
                    findings.append(Finding(Severity.WARNING, Problem(
                        where, deferred("{event} on {day} visits no exercise under way",
                                        event=event.id, day=event.start),
                        deferred("add the exercise window it visited"))))
    return findings


def _overdue_tasks(schedule: Schedule, plan: Plan, today: dt.date) -> list[Finding]:
    activities = {(forum.id, activity.id): activity
                  for forum in schedule.forums for activity in forum.activities}
    findings = []
    for event in plan.events:
        if event.kind == "task" and event.start < today:
            parent = plan.event(event.id.rsplit(".", 1)[0])
            if parent is not None and parent.start >= today:
                activity = activities.get((parent.forum, parent.activity))
                where = (activity.where.inside("tasks") if activity is not None
                         else Where(schedule.path, event.id))
                findings.append(Finding(Severity.WARNING, Problem(
                    where, deferred("{event} ({task}) was due {day}", event=event.id,
                                    task=event.title, day=event.start),
                    deferred("check it was done"))))
    return findings
