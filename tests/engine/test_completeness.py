""""Impossible" must be true: on thousands of small random schedules, planner finds a plan if
and only if an exhaustive search written here finds one, and every plan it returns passes a
checker of every rule written here too (not the engine's rules).

The schedules are tight on purpose: 2 to 6 activities in May to July 2026, 2 or 3 leaders
shared across forums with travel days between countries, one-day to two-week exercise
windows for visits, blackouts, few weekdays, spacing with minimums and maximums.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

import holidays
import pytest

from planner import PlannerError, make_plan, parse_schedule

CASES = int(os.environ.get("PLANNER_COMPLETENESS_CASES", "2000"))
TODAY = dt.date(2026, 1, 1)
YEAR = 2026
COUNTRY = {"mexico_city": "MX", "colorado_springs": "US", "fort_hood": "US"}
CLOSED = holidays.country_holidays("US", years=YEAR) | holidays.country_holidays("MX", years=YEAR)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
COUNTS = {"cases": 0, "planned": 0, "impossible": 0, "solver": 0}


@dataclass
class Activity:
    forum: str
    id: str
    days: int
    weekdays: tuple[int, ...]
    months: tuple[int, int]
    venue: str | None  # None: a visit to the drill
    leaders: tuple[str, ...]
    after: str | None = None  # spacing: starts min_days..max_days after `after` ends
    min_days: int = 0
    max_days: int | None = None

    @property
    def key(self) -> str:
        return f"{self.forum}.yearly.c1.{self.id}"


@dataclass
class Case:
    travel: dict[str, int]
    blackouts: list[tuple[dt.date, dt.date]]
    drills: list[tuple[dt.date, dt.date, str]]  # start, end, venue
    activities: list[Activity] = field(default_factory=list)


def random_case(rng: random.Random) -> Case:
    leaders = ["boss", "chief", "deputy"][:rng.randint(2, 3)]
    case = Case({leader: rng.randint(0, 3) for leader in leaders}, [], [])
    if rng.random() < 0.4:
        start = dt.date(YEAR, 5, 1) + dt.timedelta(days=rng.randint(0, 80))
        case.blackouts.append((start, start + dt.timedelta(days=rng.randint(2, 12))))
    for _ in range(rng.randint(1, 2)):
        start = dt.date(YEAR, 5, 1) + dt.timedelta(days=rng.randint(0, 85))
        case.drills.append((start, start + dt.timedelta(days=rng.choice([0, 0, 1, 3, 6, 13])),
                            rng.choice(list(COUNTRY))))
    forums = [f"f{n}" for n in range(rng.randint(2, 3))]
    for index in range(rng.randint(2, 6)):
        forum = forums[index % len(forums)]
        visit = rng.random() < 0.3
        first = rng.choice(case.drills)[0].month if visit else rng.randint(5, 7)
        siblings = [a for a in case.activities if a.forum == forum]
        days = 1 if visit else rng.randint(1, 3)
        allowed = 5 if visit else rng.randint(max(days, 2), 5)  # consecutive weekdays
        monday = rng.randint(0, 5 - allowed)
        activity = Activity(
            forum, f"a{index}", days, tuple(range(monday, monday + allowed)),
            (first, min(7, first + rng.randint(0, 1))),
            None if visit else rng.choice(list(COUNTRY)),
            tuple(sorted(rng.sample(leaders, rng.randint(1, len(leaders))))))
        if siblings and rng.random() < 0.4:
            activity.after = rng.choice(siblings).id
            activity.min_days = rng.randint(0, 30)
            if rng.random() < 0.4:
                activity.max_days = activity.min_days + rng.randint(0, 40)
        case.activities.append(activity)
    return case


def schedule_text(case: Case) -> str:
    lines = [
        '[plan]\nname = "Completeness"\nuid_domain = "complete.test"',
        f"from = {YEAR}-01-01\nto = {YEAR}-12-31",
        '[days]\nholidays = ["US", "MX"]',
        "blackouts = [" + ", ".join(f'{{ from = {a}, to = {b}, reason = "off" }}'
                                    for a, b in case.blackouts) + "]",
        '[parties.US]\nname = "US"\ncountry = "US"',
        '[parties.MX]\nname = "MX"\ncountry = "MX"',
    ]
    for leader, days in case.travel.items():
        lines.append(f'[leaders.{leader}]\nname = "{leader}"\nparty = "US"\ntravel_days = {days}')
    for venue, country in COUNTRY.items():
        zone = "America/Mexico_City" if country == "MX" else "America/Denver"
        lines.append(f'[venues.{venue}]\nname = "{venue}"\ncountry = "{country}"\n'
                     f'timezone = "{zone}"')
    for index, (start, end, venue) in enumerate(case.drills):
        lines.append(f'[exercises.drill{index}]\nname = "Drill {index}"\ncategory = "drill"\n'
                     f'venue = "{venue}"\nparticipants = ["US"]\n'
                     f"windows = [{{ start = {start}, end = {end} }}]")
    for forum in sorted({a.forum for a in case.activities}):
        mine = [a for a in case.activities if a.forum == forum]
        lines.append(f'[forums.{forum}]\nname = "{forum}"\nparties = ["US", "MX"]')
        for a in mine:
            days = ", ".join(f'"{WEEKDAYS[d]}"' for d in a.weekdays)
            text = (f'[forums.{forum}.activities.{a.id}]\ntitle = "{a.id}"\ndays = {a.days}\n'
                    f"weekdays = [{days}]\nleaders = {list(a.leaders)!r}".replace("'", '"'))
            text += f'\nvenue = "{a.venue}"' if a.venue else '\nduring_exercise = ["drill"]'
            if a.after:
                maximum = f", max_days = {a.max_days}" if a.max_days is not None else ""
                text += (f'\nspacing = [{{ after = "{a.after}", min_days = {a.min_days}'
                         f"{maximum} }}]")
            lines.append(text)
        phases = ", ".join(f'{{ id = "p{a.id}", name = "P", months = [{a.months[0]}, '
                           f'{a.months[1]}], activities = ["{a.id}"] }}' for a in mine)
        lines.append(f'[[forums.{forum}.regimes]]\nid = "yearly"\ncycle_months = 12\n'
                     f"start = {YEAR}-01-01\nend = {YEAR}-12-31\nphases = [{phases}]")
    return "\n\n".join(lines) + "\n"


# -- the checker: every rule, from the case's own data -----------------------------------------

def span(start: dt.date, days: int) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range(days)]


def drill_at(case: Case, start: dt.date, days: int) -> tuple[dt.date, dt.date, str] | None:
    """The drill a visit on these days goes to: the earliest-starting one that holds it."""
    last = start + dt.timedelta(days=days - 1)
    inside = [d for d in case.drills if d[0] <= start and last <= d[1]]
    return min(inside, key=lambda d: d[0]) if inside else None


def alone_ok(case: Case, a: Activity, start: dt.date) -> bool:
    """The rules one event meets by itself: phase, weekdays, holidays, blackouts, drill."""
    first = dt.date(YEAR, a.months[0], 1)
    last = (dt.date(YEAR, a.months[1] + 1, 1) if a.months[1] < 12
            else dt.date(YEAR + 1, 1, 1)) - dt.timedelta(days=1)
    days = span(start, a.days)
    if not (first <= start and days[-1] <= last):
        return False
    for day in days:
        if day.weekday() not in a.weekdays or day in CLOSED:
            return False
        if any(b0 <= day <= b1 for b0, b1 in case.blackouts):
            return False
    return a.venue is not None or drill_at(case, start, a.days) is not None


def country(case: Case, a: Activity, start: dt.date) -> str:
    if a.venue is not None:
        return COUNTRY[a.venue]
    found = drill_at(case, start, a.days)
    assert found is not None
    return COUNTRY[found[2]]


def pair_ok(case: Case, a: Activity, sa: dt.date, b: Activity, sb: dt.date) -> bool:
    """The rules between two events: leaders and spacing (each activity follows at most one
    other, and each has one occurrence here, so spacing is a rule between two events too)."""
    return leaders_ok(case, a, sa, b, sb) and spaced_ok(a, sa, b, sb) and spaced_ok(b, sb, a, sa)


def leaders_ok(case: Case, a: Activity, sa: dt.date, b: Activity, sb: dt.date) -> bool:
    """Leaders shared by a and b are never in both, and travel between countries."""
    shared = set(a.leaders) & set(b.leaders)
    if not shared:
        return True
    (s1, x1), (s2, x2) = sorted([(sa, a), (sb, b)], key=lambda p: p[0])
    end1 = s1 + dt.timedelta(days=x1.days - 1)
    if s2 <= end1:
        return False
    if country(case, a, sa) != country(case, b, sb):
        return s2 > end1 + dt.timedelta(days=max(case.travel[leader] for leader in shared))
    return True


def spaced_ok(a: Activity, sa: dt.date, b: Activity, sb: dt.date) -> bool:
    """When a follows b and b starts on or before a (the same day counts): a starts at least
    min_days after b ends, and at most max_days after."""
    if a.forum != b.forum or a.after != b.id or sb > sa:
        return True
    end_b = sb + dt.timedelta(days=b.days - 1)
    if sa < end_b + dt.timedelta(days=a.min_days):
        return False
    return a.max_days is None or sa <= end_b + dt.timedelta(days=a.max_days)


def plan_ok(case: Case, starts: dict[str, dt.date]) -> bool:
    acts = case.activities
    return (all(alone_ok(case, a, starts[a.key]) for a in acts)
            and all(pair_ok(case, a, starts[a.key], b, starts[b.key])
                    for a, b in itertools.combinations(acts, 2)))


def exists(case: Case) -> bool:
    """Exhaustive search over every choice of days, pruned by the pairs already chosen."""
    acts = case.activities
    domains = []
    for a in acts:
        first = dt.date(YEAR, a.months[0], 1)
        domains.append([first + dt.timedelta(days=n) for n in range(62)
                        if alone_ok(case, a, first + dt.timedelta(days=n))])
    allowed = {(i, j): {(x, y) for x in domains[i] for y in domains[j]
                        if pair_ok(case, acts[i], x, acts[j], y)}
               for i, j in itertools.permutations(range(len(acts)), 2)}

    def search(left: dict[int, list[dt.date]]) -> bool:
        if not left:
            return True
        i = min(left, key=lambda k: (len(left[k]), k))
        for day in left[i]:
            rest = {j: [y for y in days if (day, y) in allowed[(i, j)]]
                    for j, days in left.items() if j != i}
            if all(rest.values()) and search(rest):
                return True
        return False

    return search(dict(enumerate(domains)))


def cases() -> Iterator[tuple[int, Case]]:
    rng = random.Random(20261203)
    for number in range(CASES):
        yield number, random_case(rng)


def test_planner_finds_a_plan_exactly_when_one_exists_and_every_plan_passes_the_checker(
        capsys: pytest.CaptureFixture[str]) -> None:
    for number, case in cases():
        _one(number, case)
    with capsys.disabled():
        print(f"\ncompleteness: {COUNTS['cases']} random schedules, {COUNTS['planned']} planned "
              f"({COUNTS['solver']} needed the solver), {COUNTS['impossible']} impossible, "
              "0 disagreements with the exhaustive search and the checker")
    assert COUNTS["cases"] >= min(CASES, 2000)
    assert COUNTS["solver"] and COUNTS["impossible"]  # both paths were exercised


def _one(number: int, case: Case) -> None:
    COUNTS["cases"] += 1
    text = schedule_text(case)
    possible = exists(case)
    try:
        plan = make_plan(parse_schedule(text.encode(), "case.toml"), today=TODAY)
    except PlannerError as error:
        assert not possible, f"case {number}: planner says impossible, a plan exists\n{text}" \
            f"\n{error}"
        COUNTS["impossible"] += 1
        return
    assert possible, f"case {number}: planner planned the impossible\n{text}"
    starts = {e.id: e.start for e in plan.events if e.forum.startswith("f")}
    assert set(starts) == {a.key for a in case.activities}, number
    assert plan_ok(case, starts), f"case {number}: the plan breaks a rule\n{text}\n{starts}"
    COUNTS["planned"] += 1
    COUNTS["solver"] += any(e.provenance.decided_by == "solver" for e in plan.events)
