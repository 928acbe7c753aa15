"""The [days] table: which countries' holidays, which weekend, blackouts and observances."""

from __future__ import annotations

from planner.i18n import N_, Text, fixed
from planner.schedule.fields import Fields
from planner.schedule.model import Blackout, DayRules, YearlyBlackout
from planner.schedule.read import Table


def read_days(fields: Fields, table: Table) -> DayRules:
    holidays = fields.countries(table, "holidays")
    weekend = table.weekdays("weekend")
    holy_week = fields.countries(table, "holy_week")
    military_days = fields.countries(table, "military_days")
    yearly = []
    for item in table.tables("yearly_blackouts"):
        start, end = fields.month_day(item, "from"), fields.month_day(item, "to")
        reason = _reason(item)
        item.finish()
        if start and end:
            yearly.append(YearlyBlackout(start, end, reason))
    blackouts = []
    for item in table.tables("blackouts"):
        span = fields.span(item, "from", "to")
        reason = _reason(item)
        item.finish()
        if span:
            blackouts.append(Blackout(span[0], span[1], reason))
    table.finish()
    return DayRules(holidays, weekend if weekend is not None else frozenset({5, 6}),
                    tuple(blackouts), tuple(yearly), holy_week, military_days)


def _reason(item: Table) -> Text:
    """A blackout's reason; without one, "blackout" in the reader's language."""
    reason = item.localized("reason", default="")
    if reason:
        return reason
    default = fixed(N_("blackout"))
    return Text(default.en, reason.es or default.es)
