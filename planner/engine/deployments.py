"""Deployment windows: their phases, the approval they need, and whether it came in time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from planner.days.closed import ClosedDays
from planner.days.legislature import approval_deadline
from planner.errors import Problem
from planner.i18n import EMPTY, Text, deferred, phrase
from planner.plan import PlannedEvent, Provenance, Status, at_line_of
from planner.schedule.model import DeploymentWindow, Direction, Schedule

ALARM_DAYS = 14  # reminder ahead of an approval deadline


@dataclass(frozen=True, slots=True)
class DeploymentPlan:
    events: tuple[PlannedEvent, ...]
    warnings: tuple[Problem, ...]


@cache
def _fixed() -> Provenance:
    """Every window's phases have this provenance: made once."""
    return Provenance("fixed", phrase("why_fixed_deployment"))


@cache
def _recorded() -> Provenance:
    return Provenance("held", phrase("why_recorded"))


def deployment_events(schedule: Schedule, today: dt.date, closed: ClosedDays) -> DeploymentPlan:
    events: list[PlannedEvent] = []
    warnings: list[Problem] = []
    for window in schedule.deployments:
        description = describe(window)  # shared by all the window's events
        events.extend(_phase_events(schedule, window, description))
        deadline = _deadline_event(schedule, window, description)
        if deadline is not None:
            events.append(deadline)
            request = _request_deadline_event(schedule, window, deadline.start, description,
                                             closed)
            if request is not None:
                events.append(request)
            warning = _approval_warning(window, deadline.start, today)
            if warning is not None:
                warnings.append(warning)
        events.extend(_recorded_steps(schedule, window, description))
    return DeploymentPlan(tuple(events), tuple(warnings))


# Countries by name in descriptions people read; others are written as their code.
_COUNTRY_NAMES = {"US": Text("the United States", "Estados Unidos"), "MX": Text("Mexico", "México")}


def country_name(code: str) -> Text:
    return _COUNTRY_NAMES.get(code, Text(code))


def describe(window: DeploymentWindow) -> Text:
    """One line saying who crosses where, how many, and for what."""
    verb = phrase("enter" if window.direction is Direction.ENTRY else "leave_for")
    sender = country_name(window.sending_country)
    who = (phrase("personnel", count=window.personnel, country=sender)
           if window.personnel else phrase("personnel_unknown", country=sender))
    unit = Text(" (") + window.unit + ")" if window.unit else Text("")
    purpose = phrase("for_purpose", purpose=window.purpose) if window.purpose else Text("")
    return phrase("deployment_line", who=who, unit=unit, verb=verb,
                  host=country_name(window.host_country),
                  purpose=purpose, start=window.start, end=window.end)


def _phase_events(schedule: Schedule, window: DeploymentWindow,
                  description: Text) -> list[PlannedEvent]:
    events = []
    many = len(window.phases) > 1
    for index, phase in enumerate(sorted(window.phases, key=lambda p: p.start), start=1):
        venue = schedule.venue(phase.venue)
        label = (phrase("deployment_phase", index=index, name=phase.name) if many
                 else Text(" — ") + phase.name)
        events.append(PlannedEvent(
            id=f"deployment.{window.id}.phase{index}", forum="deployments", activity=window.id,
            kind="deployment", title=phrase("deployment_window", title=window.title, label=label),
            start=phase.start, end=phase.end, status=Status.FIXED, venue=venue.id,
            location=venue.name, timezone=venue.timezone,
            participants=(), description=description,
            provenance=_fixed(),
            line_of_effort=window.line_of_effort))
    return events


def _deadline_event(schedule: Schedule, window: DeploymentWindow,
                    description: Text) -> PlannedEvent | None:
    body = schedule.approving_body(window.approving_body)
    deadline = approval_deadline(body, window.start)
    if deadline is None:
        return None
    return PlannedEvent(
        id=f"deployment.{window.id}.approval-deadline", forum="deployments", activity=window.id,
        kind="approval-deadline",
        title=phrase("approval_deadline", body=body.name, title=window.title),
        start=deadline, end=deadline, status=Status.DEADLINE, venue=None, location=EMPTY,
        timezone=None, participants=(), description=description,
        provenance=Provenance("approval deadline",
                              phrase("why_deadline", body=body.name, start=window.start)),
        alarm_days=ALARM_DAYS)


def _request_deadline_event(schedule: Schedule, window: DeploymentWindow, deadline: dt.date,
                            description: Text, closed: ClosedDays) -> PlannedEvent | None:
    """When the request must leave so the body can process it before its last sitting: on a
    working day where the body sits (the schedule's weekend, that country's holidays)."""
    body = schedule.approving_body(window.approving_body)
    if body.request_lead_days is None:
        return None
    due = deadline - dt.timedelta(days=body.request_lead_days)
    day, reason = due, closed.not_working(due, body.country)
    while closed.not_working(day, body.country):
        day -= dt.timedelta(days=1)
    moved = phrase("task_moved", day=due, reason=reason) if reason is not None else EMPTY
    why = phrase("why_request", days=body.request_lead_days, deadline=deadline, body=body.name,
                 moved=moved)
    return PlannedEvent(
        id=f"deployment.{window.id}.request-deadline", forum="deployments", activity=window.id,
        kind="request-deadline", title=phrase("request_deadline", body=body.name, title=window.title),
        start=day, end=day, status=Status.DEADLINE, venue=None, location=EMPTY, timezone=None,
        participants=(), description=description, provenance=Provenance("lead time", why),
        alarm_days=7, line_of_effort=window.line_of_effort)


def _recorded_steps(schedule: Schedule, window: DeploymentWindow,
                    description: Text) -> list[PlannedEvent]:
    body = schedule.approving_body(window.approving_body)
    steps = []
    for kind, day, key in (("request", window.request_sent, "request_sent"),
                           ("approval", window.approved, "approved_by")):
        if day is None:
            continue
        steps.append(PlannedEvent(
            id=f"deployment.{window.id}.{kind}", forum="deployments", activity=window.id,
            kind=kind, title=phrase(key, body=body.name, title=window.title), start=day, end=day,
            status=Status.HELD, venue=None, location=EMPTY, timezone=None, participants=(),
            description=description, provenance=_recorded()))
    return steps
def _approval_warning(window: DeploymentWindow, deadline: dt.date,
                      today: dt.date) -> Problem | None:
    where = at_line_of(window.where, f"{window.where.key}.approved")
    if window.approved is None:
        if deadline < today:
            return Problem(where, deferred("no approval recorded and the deadline {day} has passed",
                                           day=deadline),
                           deferred("record `approved = <date>` or cancel the window"))
        return Problem(where, deferred("approval pending; the deadline is {day}", day=deadline),
                       deferred("send the request in time and record `approved = <date>`"))
    if window.approved > deadline:
        days = (window.approved - deadline).days
        return Problem(where, deferred("approved {approved}, {days} days after the deadline {day}",
                                       approved=window.approved, days=days, day=deadline),
                       deferred("check the date, or plan an extraordinary period"))
    return None
