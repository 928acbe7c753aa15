"""What-if: the numbers of two plans side by side (sessions, visits, leaders' travel)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from planner.plan import Plan, PlannedEvent, Status
from planner.schedule.model import Schedule


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts per year for one plan; planned and held events both count."""

    executive_sessions: Counter[int]
    exercise_visits: Counter[int]
    leader_trips: Counter[int]  # a leader attending in person outside their own country
    leader_days_away: Counter[int]
    events_per_forum: Counter[str]


def figures(schedule: Schedule, plan: Plan) -> Figures:
    sessions: Counter[int] = Counter()
    visits: Counter[int] = Counter()
    trips: Counter[int] = Counter()
    days_away: Counter[int] = Counter()
    per_forum: Counter[str] = Counter()
    attending = attendance(schedule)
    for event in plan.events:
        if event.status is Status.DEADLINE:
            continue  # tasks and deadlines are not meetings
        per_forum[event.forum] += 1
        year = event.start.year
        sessions[year] += event.kind == "executive-session"
        visits[year] += event.kind == "exercise-visit"
        for leader in attending.get((event.forum, event.activity), ()):
            if is_trip(schedule, event, leader):
                trips[year] += 1
                days_away[year] += days(event)
    return Figures(sessions, visits, trips, days_away, per_forum)


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


def compare_table(left: Figures, right: Figures, names: tuple[str, str]) -> str:
    """A plain-text table: one row per measure and year, then events per forum."""
    years = sorted(set(left.executive_sessions) | set(right.executive_sessions)
                   | set(left.exercise_visits) | set(right.exercise_visits)
                   | set(left.leader_trips) | set(right.leader_trips))
    rows = [("MEASURE", "YEAR", names[0], names[1], "CHANGE")]
    for label, a, b in (("executive sessions", left.executive_sessions, right.executive_sessions),
                        ("exercise visits", left.exercise_visits, right.exercise_visits),
                        ("leader trips", left.leader_trips, right.leader_trips),
                        ("leader days away", left.leader_days_away, right.leader_days_away)):
        for year in years:
            rows.append((label, str(year), str(a[year]), str(b[year]), f"{b[year] - a[year]:+d}"))
        total_a, total_b = sum(a.values()), sum(b.values())
        rows.append((label, "total", str(total_a), str(total_b), f"{total_b - total_a:+d}"))
    for forum in sorted(set(left.events_per_forum) | set(right.events_per_forum)):
        a_count, b_count = left.events_per_forum[forum], right.events_per_forum[forum]
        rows.append((f"events: {forum}", "total", str(a_count), str(b_count),
                     f"{b_count - a_count:+d}"))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in rows)
