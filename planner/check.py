"""Every hard violation and warning in a plan, for `planner check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from planner.errors import Problem, Where
from planner.exercises import all_windows
from planner.plan import Plan, PlannedEvent, Status
from planner.schedule.model import Schedule


class Severity(Enum):
    HARD = "violation"  # the plan cannot stand as it is
    WARNING = "warning"  # worth a look; the plan still holds


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    problem: Problem

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.problem}"


def check_plan(schedule: Schedule, plan: Plan, today: dt.date) -> list[Finding]:
    """Violations first, then warnings; each names the file and key path to look at."""
    findings = [Finding(Severity.WARNING, warning) for warning in plan.warnings]
    findings += _leader_double_bookings(schedule, plan)
    findings += _approvals_after_start(schedule)
    findings += _visits_without_exercise(schedule, plan)
    findings += _overdue_tasks(plan, today)
    return sorted(findings, key=lambda f: (f.severity is not Severity.HARD, str(f.problem)))


def _leader_double_bookings(schedule: Schedule, plan: Plan) -> list[Finding]:
    """Held events (facts the engine cannot move) that put one leader in two places."""
    attended: dict[str, list[PlannedEvent]] = {}
    for forum in schedule.forums:
        for activity in forum.activities:
            for leader_id in activity.leaders:
                attended.setdefault(leader_id, []).extend(
                    e for e in plan.events if e.forum == forum.id and e.activity == activity.id
                    and e.kind == activity.kind)
    findings = []
    for leader_id, events in sorted(attended.items()):
        leader = schedule.leader(leader_id)
        ordered = sorted(events, key=lambda e: (e.start, e.id))
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if later.start <= earlier.end and Status.HELD in (earlier.status, later.status):
                where = Where(leader.where.file, f"leaders.{leader_id}", leader.where.line)
                findings.append(Finding(Severity.HARD, Problem(
                    where, f"{leader.name.en} is at {earlier.id} and {later.id} on {later.start}",
                    "correct the held dates, or record who stood in")))
    return findings


def _approvals_after_start(schedule: Schedule) -> list[Finding]:
    findings = []
    for window in schedule.deployments:
        if window.approved is not None and window.approved >= window.start:
            where = Where(window.where.file, f"{window.where.key}.approved", window.where.line)
            findings.append(Finding(Severity.HARD, Problem(
                where, f"approved {window.approved}, on or after the window starts {window.start}",
                "troops cannot cross before the vote: move the window or correct the date")))
    return findings


def _visits_without_exercise(schedule: Schedule, plan: Plan) -> list[Finding]:
    """Held visits that no exercise window covers (planned ones cannot be placed so)."""
    windows = all_windows(schedule.exercises, plan.horizon[1])
    findings = []
    for forum in schedule.forums:
        for activity in forum.activities:
            if not activity.during_exercise:
                continue
            for event in plan.events:
                if event.forum != forum.id or event.activity != activity.id \
                        or event.status is not Status.HELD:
                    continue
                if not any(e.category in activity.during_exercise and w.start <= event.start
                           and event.end <= w.end for e, w in windows):
                    where = Where(activity.where.file, f"forums.{forum.id}.held", activity.where.line)
                    findings.append(Finding(Severity.WARNING, Problem(
                        where, f"{event.id} on {event.start} visits no exercise under way",
                        "add the exercise window it visited")))
    return findings


def _overdue_tasks(plan: Plan, today: dt.date) -> list[Finding]:
    findings = []
    for event in plan.events:
        if event.kind == "task" and event.start < today:
            parent = plan.event(event.id.rsplit(".", 1)[0])
            if parent is not None and parent.start >= today:
                findings.append(Finding(Severity.WARNING, Problem(
                    Where("plan", event.id), f"{event.title.en} was due {event.start}",
                    "check it was done")))
    return findings
