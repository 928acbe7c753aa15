"""What-if: the numbers of two plans side by side (headline activities, leaders' travel)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from planner.i18n import N_, translate
from planner.labels import kind_label
from planner.plan import Plan, PlannedEvent, Status
from planner.schedule.model import Schedule

HEADERS = (N_("MEASURE"), N_("YEAR"), N_("CHANGE"))


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts per year for one plan; planned and held events both count."""

    per_kind: dict[str, Counter[int]]  # the schedule's headline kinds, in its order
    leader_trips: Counter[int]  # a leader attending in person outside their own country
    leader_days_away: Counter[int]
    events_per_forum: Counter[str]


def figures(schedule: Schedule, plan: Plan) -> Figures:
    per_kind: dict[str, Counter[int]] = {kind: Counter() for kind in schedule.program.headline_kinds}
    trips: Counter[int] = Counter()
    days_away: Counter[int] = Counter()
    per_forum: Counter[str] = Counter()
    attending = attendance(schedule)
    for event in plan.events:
        if event.status is Status.DEADLINE:
            continue  # tasks and deadlines are not meetings
        per_forum[event.forum] += 1
        year = event.start.year
        if event.kind in per_kind:
            per_kind[event.kind][year] += 1
        for leader in attending.get((event.forum, event.activity), ()):
            if is_trip(schedule, event, leader):
                trips[year] += 1
                days_away[year] += days(event)
    return Figures(per_kind, trips, days_away, per_forum)


def attendance(schedule: Schedule) -> dict[tuple[str, str], tuple[str, ...]]:
    """(forum id, activity or series id) -> the leaders who attend its events."""
    found = {(forum.id, activity.id): activity.leaders
             for forum in schedule.forums for activity in forum.activities}
    found.update({(forum.id, series.id): series.leaders
                  for forum in schedule.forums for series in forum.series})
    return found


def is_trip(schedule: Schedule, event: PlannedEvent, leader_id: str) -> bool:
    """Whether attending takes the leader out of their own country (calls never do)."""
    activity = next((a for f in schedule.forums if f.id == event.forum for a in f.activities
                     if a.id == event.activity), None)
    if activity is None or activity.remote or event.venue is None:
        return False
    home = schedule.party(schedule.leader(leader_id).party).country
    return schedule.venue(event.venue).country != home


def days(event: PlannedEvent) -> int:
    return (event.end - event.start).days + 1


def leader_events(schedule: Schedule, plan: Plan, leader_id: str) -> list[PlannedEvent]:
    """The events the leader attends (tasks and deadlines are not meetings)."""
    attending = attendance(schedule)
    return [event for event in plan.events if event.status is not Status.DEADLINE
            and leader_id in attending.get((event.forum, event.activity), ())]


def compare_table(left: Figures, right: Figures, names: tuple[str, str], lang: str = "en") -> str:
    """A plain-text table: one row per measure and year, then events per forum.

    The measures are each plan's headline kinds (both plans' when they differ), then leader
    trips and days away."""
    kinds = list(dict.fromkeys([*left.per_kind, *right.per_kind]))
    measures = [(kind_label(kind, lang), left.per_kind.get(kind, Counter()),
                 right.per_kind.get(kind, Counter())) for kind in kinds]
    measures += [(translate(lang, "leader trips"), left.leader_trips, right.leader_trips),
                 (translate(lang, "leader days away"), left.leader_days_away,
                  right.leader_days_away)]
    years = sorted({year for _, a, b in measures for year in (*a, *b)})
    measure, year_header, change = (translate(lang, header) for header in HEADERS)
    total = translate(lang, "total")
    rows = [(measure, year_header, names[0], names[1], change)]
    for label, a, b in measures:
        for year in years:
            rows.append((label, str(year), str(a[year]), str(b[year]), f"{b[year] - a[year]:+d}"))
        total_a, total_b = sum(a.values()), sum(b.values())
        rows.append((label, total, str(total_a), str(total_b), f"{total_b - total_a:+d}"))
    for forum in sorted(set(left.events_per_forum) | set(right.events_per_forum)):
        a_count, b_count = left.events_per_forum[forum], right.events_per_forum[forum]
        rows.append((translate(lang, "events: {forum}").format(forum=forum), total, str(a_count),
                     str(b_count), f"{b_count - a_count:+d}"))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in rows)
