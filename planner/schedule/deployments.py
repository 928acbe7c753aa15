"""[deployments] and the [approving_bodies] that authorize them."""

from __future__ import annotations

from planner.i18n import N_, Text, deferred
from planner.schedule.fields import EARLIEST, Fields
from planner.schedule.model import (
    ApprovingBody,
    DeploymentPhase,
    DeploymentWindow,
    Direction,
    SessionPeriod,
)
from planner.schedule.read import Table


def read_approving_body(fields: Fields, body_id: str, table: Table) -> ApprovingBody:
    name = table.localized("name")
    country = fields.country(table, "country")
    periods = []
    for item in table.tables("periods"):
        start = fields.month_day(item, "from")
        end = fields.month_day(item, "to")
        item.finish()
        if start and end:
            periods.append(SessionPeriod(start, end))
    if not periods:
        fields.problems.add(table.key("periods"), deferred("no session periods"),
                            deferred('add periods = [{{ from = "09-01", to = "12-15" }}, ...]'))
    extended_years = table.integers("extended_years", 1900, 2199)
    extended_end = fields.month_day(table, "extended_to", required=bool(extended_years))
    sitting = table.weekdays("sitting_weekdays")
    lead = table.integer("request_lead_days", 0, 365, default=0) if table.has("request_lead_days") \
        else None
    table.finish()
    return ApprovingBody(fields.id(table, body_id), name, country, tuple(periods),
                         extended_years, extended_end or (12, 31),
                         sitting if sitting else frozenset(range(7)), lead, table.where)


def read_deployment(fields: Fields, deployment_id: str, table: Table, venues: set[str],
                    bodies: set[str]) -> DeploymentWindow:
    title = table.localized("title")
    direction_text = table.text("direction")
    try:
        direction = Direction(direction_text)
    except ValueError:
        if direction_text:
            fields.problems.add(table.key("direction"), deferred("unknown direction {direction}",
                                                                 direction=repr(direction_text)),
                                deferred('use "entry" (foreign troops enter) or "exit" '
                                         "(national troops leave)"))
        direction = Direction.ENTRY
    sending = fields.country(table, "sending_country")
    host = fields.country(table, "host_country")
    personnel = table.integer("personnel", 1, 1_000_000, default=0) or None
    unit = table.localized("unit", default="")
    purpose = table.localized("purpose", default="")
    body = table.text("approving_body")
    fields.refs(table, "approving_body", (body,), bodies, N_("approving body"))
    request_sent = fields.date(table, "request_sent", required=False)
    approved = fields.date(table, "approved", required=False)
    line_of_effort = fields.line_of_effort(table)
    phases = []
    for item in table.tables("phases"):
        phase_name = item.localized("name")
        venue = item.text("venue")
        fields.refs(item, "venue", (venue,), venues, N_("venue"))
        span = fields.span(item, "start", "end")
        item.finish()
        if span:
            phases.append(DeploymentPhase(phase_name, venue, span[0], span[1]))
    if not phases and not fields.failed_under(table.key("phases")):
        fields.problems.add(table.key("phases"), deferred("missing or empty"),
                            deferred("add [[deployments.<id>.phases]] with name, venue, start and "
                                     "end"))
    table.finish()
    placeholder = DeploymentPhase(Text(""), "", EARLIEST, EARLIEST)
    return DeploymentWindow(fields.id(table, deployment_id), title, direction, sending, host,
                            personnel, unit, purpose, tuple(phases) or (placeholder,), body,
                            request_sent, approved, line_of_effort, table.where)
