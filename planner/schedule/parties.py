"""Who and where: [parties], [venues], [leaders] and [lines_of_effort]."""

from __future__ import annotations

from planner.i18n import N_
from planner.schedule.fields import Fields
from planner.schedule.model import Leader, LineOfEffort, Party, Venue
from planner.schedule.read import Table


def read_leader(fields: Fields, leader_id: str, table: Table, parties: set[str]) -> Leader:
    name = table.localized("name")
    party = table.text("party")
    fields.refs(table, "party", (party,), parties, N_("party"))
    travel_days = table.integer("travel_days", 0, 30, default=2)
    table.finish()
    return Leader(fields.id(table, leader_id), name, party, travel_days, table.where)


def read_line_of_effort(fields: Fields, line_id: str, table: Table) -> LineOfEffort:
    line = LineOfEffort(fields.id(table, line_id), table.localized("name"), table.where)
    table.finish()
    return line


def read_party(fields: Fields, party_id: str, table: Table) -> Party:
    party = Party(fields.id(table, party_id), table.localized("name"),
                  fields.country(table, "country"), table.where,
                  fields.zone(table, required=False) or None)
    table.finish()
    return party


def read_venue(fields: Fields, venue_id: str, table: Table) -> Venue:
    zone = fields.zone(table)
    venue = Venue(fields.id(table, venue_id), table.localized("name"),
                  fields.country(table, "country"), zone, table.where,
                  table.localized("short", default=""))
    table.finish()
    return venue
