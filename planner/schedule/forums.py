"""[forums]: each forum's activities, regimes (cycles of phases), series and held events."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from planner.i18n import N_, deferred
from planner.schedule.activities import check_spacing, read_activity
from planner.schedule.fields import EARLIEST, Fields
from planner.schedule.model import Forum, HeldEvent, Phase, Precision, Regime
from planner.schedule.read import Table
from planner.schedule.series import read_series

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def read_forum(fields: Fields, forum_id: str, table: Table, parties: set[str], venues: set[str],
               categories: set[str]) -> Forum:
    name = table.localized("name")
    short = table.localized("short", default=forum_id)
    forum_parties = table.texts("parties", required=True)
    fields.refs(table, "parties", forum_parties, parties, N_("party"))
    forum_leaders = table.texts("leaders")
    fields.refs(table, "leaders", forum_leaders, fields.leader_ids, N_("leader"))
    activities = tuple(read_activity(fields, aid, t, parties, venues, categories, forum_leaders)
                       for aid, t in table.named_tables("activities"))
    check_spacing(fields, activities)
    activity_ids = {a.id for a in activities}
    regimes = tuple(read_regime(fields, t, activity_ids) for t in table.tables("regimes"))
    series = tuple(read_series(fields, sid, t, parties, venues, forum_leaders)
                   for sid, t in table.named_tables("series"))
    if not regimes and not series:
        fields.problems.add(table.key("regimes"), deferred("no regimes or series declared"),
                            deferred("add a [[forums.<id>.regimes]] table with cycle_months and "
                                     "start"))
    _check_overlap(fields, regimes)
    held = tuple(read_held(fields, t, activity_ids, venues) for t in table.tables("held"))
    table.finish()
    return Forum(fields.id(table, forum_id), name, short, forum_parties, activities,
                 regimes, tuple(h for h in held if h is not None), series, table.where)


def read_regime(fields: Fields, table: Table, activities: set[str]) -> Regime:
    regime_id = table.text("id")
    before = len(fields.problems.found)
    cycle_months = table.integer("cycle_months", 1, 120)
    if len(fields.problems.found) > before:
        cycle_months = 120  # already reported; don't also call every phase outside it
    start = fields.date(table, "start")
    end = fields.date(table, "end", required=False)
    if start and end and end < start:
        fields.problems.add(table.key("end"), f"{end} is before start {start}",
                            "make end later than start")
    planned = table.flag("planned", True)
    phases = tuple(read_phase(fields, t, cycle_months, activities) for t in table.tables("phases"))
    _check_once_per_cycle(fields, table, phases)
    if not phases:
        fields.problems.add(table.key("phases"), deferred("no phases declared"),
                            deferred("add phases = [{{ id = ..., months = [1, 12], activities = "
                                     "[...] }}]"))
    table.finish()
    return Regime(fields.id(table, regime_id), cycle_months, start or EARLIEST, end, phases,
                  planned, table.where)


def read_phase(fields: Fields, table: Table, cycle_months: int, activities: set[str]) -> Phase:
    phase_id = table.text("id")
    name = table.localized("name", default=phase_id)
    months = table.integers("months", 1, 120)
    bounds = (1, 1)
    if len(months) != 2 or months[0] > months[1]:
        fields.problems.add(table.key("months"), deferred("must be [first, last] months of the cycle"),
                            deferred("e.g. months = [13, 24]"))
    elif months[1] > cycle_months:
        fields.problems.add(table.key("months"),
                            deferred("month {month} is outside the {months}-month cycle",
                                     month=months[1], months=cycle_months),
                            deferred("keep the phase within months 1 to {months}",
                                     months=cycle_months))
    else:
        bounds = (months[0], months[1])
    listed = table.texts("activities", required=True)
    fields.refs(table, "activities", listed, activities, N_("activity"))
    table.finish()
    return Phase(fields.id(table, phase_id), name, bounds, listed, table.where)


def _check_once_per_cycle(fields: Fields, table: Table, phases: tuple[Phase, ...]) -> None:
    """An activity is placed once per cycle; two phases listing it would share one event id."""
    seen: set[str] = set()
    for index, phase in enumerate(phases):
        for activity in phase.activities:
            if activity in seen:
                fields.problems.add(f"{table.key('phases')}[{index}].activities",
                                    deferred("{activity} is already in another phase of this "
                                             "regime", activity=repr(activity)),
                                    deferred("list it in one phase, or declare a second "
                                             "activity"))
            seen.add(activity)


def _check_overlap(fields: Fields, regimes: tuple[Regime, ...]) -> None:
    ordered = sorted(regimes, key=lambda r: r.start)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.end is None or earlier.end >= later.start:
            fields.problems.add(later.where.key + ".start",
                                deferred("regime {later} starts while {earlier} still runs",
                                         later=repr(later.id), earlier=repr(earlier.id)),
                                deferred("end {earlier} before {start}", earlier=repr(earlier.id),
                                         start=later.start))


def read_held(fields: Fields, table: Table, activities: set[str], venues: set[str]) -> HeldEvent | None:
    activity = table.text("activity")
    fields.refs(table, "activity", (activity,), activities, N_("activity"))
    number = table.integer("number", 1, 999, default=0) or None
    venue = table.text("venue", default="") or None
    if venue:
        fields.refs(table, "venue", (venue,), venues, N_("venue"))
    note = table.localized("note", default="", multiline=True)
    when = _held_dates(fields, table)
    table.finish()
    if when is None:
        return None
    return HeldEvent(activity, number, when[0], when[1], when[2], venue, note, table.where)


def _held_dates(fields: Fields, table: Table) -> tuple[dt.date, dt.date, Precision] | None:
    forms = [k for k in ("date", "start", "month", "year") if table.has(k)]
    if len(forms) != 1:
        table.mark_read("date", "start", "end", "month", "year")
        fields.problems.add(table.path, deferred("give exactly one of date, start/end, month or year"),
                            deferred('e.g. month = "2023-08" when only the month is known'))
        return None
    form = forms[0]
    if form == "date":
        day = fields.date(table, "date")
        return (day, day, Precision.DAY) if day else None
    if form == "start":
        span = fields.span(table, "start", "end")
        return (span[0], span[1], Precision.DAY) if span else None
    if form == "month":
        text = table.text("month")
        match = _YEAR_MONTH.match(text)
        if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2199:
            fields.problems.add(table.key("month"),
                                deferred('must be "YYYY-MM", got {got}', got=repr(text)),
                                deferred('e.g. month = "2023-08"'))
            return None
        year, month = int(match.group(1)), int(match.group(2))
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), Precision.MONTH
    year = table.integer("year", 1900, 2199)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR
