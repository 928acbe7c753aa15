"""Deployment windows: their phases, the approval they need, and whether it came in time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.days.legislature import approval_deadline
from planner.errors import Problem, Where
from planner.plan import PlannedEvent, Provenance, Status
from planner.schedule.model import DeploymentWindow, Direction, Schedule

ALARM_DAYS = 14  # reminder ahead of an approval deadline


@dataclass(frozen=True, slots=True)
class DeploymentPlan:
    events: tuple[PlannedEvent, ...]
    warnings: tuple[Problem, ...]


def deployment_events(schedule: Schedule, today: dt.date) -> DeploymentPlan:
    events: list[PlannedEvent] = []
    warnings: list[Problem] = []
    for window in schedule.deployments:
        events.extend(_phase_events(schedule, window))
        deadline = _deadline_event(schedule, window)
        if deadline is not None:
            events.append(deadline)
            warning = _approval_warning(window, deadline.start, today)
            if warning is not None:
                warnings.append(warning)
        events.extend(_recorded_steps(schedule, window))
    return DeploymentPlan(tuple(events), tuple(warnings))


def describe(window: DeploymentWindow) -> str:
    """One line saying who crosses where, how many, and for what."""
    verb = "enter" if window.direction is Direction.ENTRY else "leave for"
    count = f"{window.personnel} personnel" if window.personnel else "Personnel"
    who = f"{count} from {window.sending_country}"
    unit = f" ({window.unit})" if window.unit else ""
    purpose = f" for {window.purpose}" if window.purpose else ""
    return f"{who}{unit} {verb} {window.host_country}{purpose}, {window.start} to {window.end}."


def _phase_events(schedule: Schedule, window: DeploymentWindow) -> list[PlannedEvent]:
    events = []
    many = len(window.phases) > 1
    for index, phase in enumerate(sorted(window.phases, key=lambda p: p.start), start=1):
        venue = schedule.venue(phase.venue)
        label = f" — phase {index}: {phase.name}" if many else f" — {phase.name}"
        events.append(PlannedEvent(
            id=f"deployment.{window.id}.phase{index}", forum="deployments", activity=window.id,
            kind="deployment", title=f"Deployment window: {window.title}{label}",
            start=phase.start, end=phase.end, status=Status.FIXED, venue=venue.id,
            location=venue.name, timezone=venue.timezone,
            participants=(), description=describe(window),
            provenance=Provenance("fixed", "Fixed: dates given in the schedule as approved.")))
    return events


def _deadline_event(schedule: Schedule, window: DeploymentWindow) -> PlannedEvent | None:
    body = schedule.approving_body(window.approving_body)
    deadline = approval_deadline(body, window.start)
    if deadline is None:
        return None
    summary = (f"Last day {body.name} sits before the window starts on {window.start}; "
               "a window that starts in a recess must be voted in the preceding period.")
    return PlannedEvent(
        id=f"deployment.{window.id}.approval-deadline", forum="deployments", activity=window.id,
        kind="approval-deadline", title=f"Approval deadline ({body.name}): {window.title}",
        start=deadline, end=deadline, status=Status.DEADLINE, venue=None, location="",
        timezone=None, participants=(), description=describe(window),
        provenance=Provenance("approval deadline", summary), alarm_days=ALARM_DAYS)


def _recorded_steps(schedule: Schedule, window: DeploymentWindow) -> list[PlannedEvent]:
    body = schedule.approving_body(window.approving_body)
    steps = []
    for kind, day, title in (("request", window.request_sent, "Request sent to"),
                             ("approval", window.approved, "Approved by")):
        if day is None:
            continue
        steps.append(PlannedEvent(
            id=f"deployment.{window.id}.{kind}", forum="deployments", activity=window.id,
            kind=kind, title=f"{title} {body.name}: {window.title}", start=day, end=day,
            status=Status.HELD, venue=None, location="", timezone=None, participants=(),
            description=describe(window),
            provenance=Provenance("held", "Held: date recorded in the schedule.")))
    return steps


def _approval_warning(window: DeploymentWindow, deadline: dt.date,
                      today: dt.date) -> Problem | None:
    where = Where(window.where.file, f"{window.where.key}.approved", window.where.line)
    if window.approved is None:
        if deadline < today:
            return Problem(where, f"no approval recorded and the deadline {deadline} has passed",
                           "record `approved = <date>` or cancel the window")
        return Problem(where, f"approval pending; the deadline is {deadline}",
                       "send the request in time and record `approved = <date>`")
    if window.approved > deadline:
        days = (window.approved - deadline).days
        return Problem(where, f"approved {window.approved}, {days} days after the deadline "
                       f"{deadline}", "check the date, or plan an extraordinary period")
    return None
