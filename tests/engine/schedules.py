"""Small schedules for rule tests, built from a base so each test shows only what it changes."""

from __future__ import annotations

BASE = """
[plan]
name = "Rule test"
uid_domain = "rules.test"
from = 2026-01-01
to = 2027-12-31

[days]
holidays = ["US", "MX"]
{days}

[parties.USNORTHCOM]
name = "USNORTHCOM"
country = "US"

[parties.SEDENA]
name = "SEDENA"
country = "MX"

[leaders.chief]
name = "SEDENA chief of staff"
party = "SEDENA"
travel_days = {travel_days}

[venues.mexico_city]
name = "Mexico City"
country = "MX"
timezone = "America/Mexico_City"

[venues.colorado_springs]
name = "Colorado Springs"
country = "US"
timezone = "America/Denver"
"""


def forum(forum_id: str, *, venue: str, months: tuple[int, int] = (1, 12),
          preferred: str = "[]", weekdays: str = '["tue", "wed", "thu"]', days: int = 2,
          extra: str = "", leaders: str = '["chief"]', cycle_start: str = "2026-01-01",
          activity_id: str = "session", phase_activities: str = "") -> str:
    """One forum with one yearly activity."""
    listed = phase_activities or f'["{activity_id}"]'
    return f"""
[forums.{forum_id}]
name = "{forum_id}"
parties = ["USNORTHCOM", "SEDENA"]
leaders = {leaders}

[forums.{forum_id}.activities.{activity_id}]
title = "{forum_id} session"
days = {days}
weekdays = {weekdays}
preferred_months = {preferred}
venue = "{venue}"
{extra}

[[forums.{forum_id}.regimes]]
id = "yearly"
cycle_months = 12
start = {cycle_start}
phases = [{{ id = "year", name = "Year", months = [{months[0]}, {months[1]}], activities = {listed} }}]
"""


def schedule(*forums: str, days: str = "", travel_days: int = 2) -> str:
    return BASE.format(days=days, travel_days=travel_days) + "".join(forums)


def visit_forum(forum_id: str, *, category: str = "drill", months: tuple[int, int] = (1, 12),
                weekdays: str = '["mon", "tue", "wed", "thu", "fri"]',
                leaders: str = '["chief"]') -> str:
    """One forum whose only activity is a one-day visit to an exercise (no venue of its own:
    the visit is where the exercise is)."""
    return f"""
[forums.{forum_id}]
name = "{forum_id}"
parties = ["USNORTHCOM", "SEDENA"]
leaders = {leaders}

[forums.{forum_id}.activities.visit]
title = "{forum_id} visit"
days = 1
weekdays = {weekdays}
during_exercise = ["{category}"]

[[forums.{forum_id}.regimes]]
id = "yearly"
cycle_months = 12
start = 2026-01-01
phases = [{{ id = "year", name = "Year", months = [{months[0]}, {months[1]}], activities = ["visit"] }}]
"""
