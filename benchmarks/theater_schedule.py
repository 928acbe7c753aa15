"""The theater-scale schedule: a synthetic schedule in planner's own TOML language.

    python benchmarks/theater_schedule.py theater.toml --scale 1 [--tight]

The workload
------------
One US theater command and its partner nations, written in planner's own TOML language.
At scale 1 there are 150 partner forums, one per country: the first 150 two-letter codes
of `holidays.list_supported_countries()` (sorted) that have an IANA zone in tzdata's
zone.tab and full holiday data for the horizon, leaving out the US and its territories.
Each forum's parties are the US command and the partner's armed forces, so every event
avoids the US and the partner's public holidays. Each forum has, over a 10-year horizon
(2026-2035):

- a 24-month cycle: months 1-12 a 2-day executive session (rotating between the partner's
  capital and the US headquarters, 6 lead-time tasks), months 13-24 a visit to the
  partner's own exercise (declared in [exercises], yearly or every two years, projected);
  every other forum runs a one-year opening regime first, so half the forums hold their
  executive sessions in even years and half in odd years;
- a yearly working group (2 days, 3 tasks, spaced at least 6 months apart);
- quarterly staff talks: a 90-minute video call at 09:00 in the partner's time zone, one
  activity per 3-month phase (an activity listed in two phases of one cycle would get the
  same event id, so each quarter has its own activity), each with one task;
- one deployment window a year, approved by the partner's legislature (approval and
  request deadlines);
- one held executive session in 2025 (numbering continues from it).

Five senior leaders of the US command ([leaders.*], 1 travel day between countries)
attend every executive session, so about 75 sessions a year compete for their calendar.
The phases are whole years, wide enough for that to be feasible while the leader rule
really refuses days. Scale 0.1 keeps every 10th country (15 forums); scale 3 repeats the
150 countries under three US commands, each with its own five leaders (450 forums), so
the load per leader stays the same and growth shows the cost of size, not of congestion.

The tight variant (--tight): the same schedule, but each partner's
exercise is one day a year (a Tuesday to Thursday that is no holiday) and the five leaders
visit it too. Visits then have one possible day each, and the executive sessions first-fit
placed earlier in date order often take the leaders' days around it, so first-fit leaves
visits without a day and the solver (CP-SAT) places the tied events; its time is a column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.resources
import json
import math
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

HORIZON = (dt.date(2026, 1, 1), dt.date(2035, 12, 31))
TODAY = dt.date(2026, 1, 1)
FORUMS_PER_COMMAND = 150
US_AND_TERRITORIES = {"US", "AS", "GU", "MP", "PR", "UM", "VI"}
NOT_PARTNERS = {"AQ", "UK"}  # Antarctica; UK is an alias of GB
CAPITAL_ZONES = {  # zone.tab lists another zone first for these countries
    "AU": "Australia/Sydney", "BR": "America/Sao_Paulo", "CA": "America/Toronto",
    "RU": "Europe/Moscow", "UA": "Europe/Kyiv", "UZ": "Asia/Tashkent",
    "FM": "Pacific/Pohnpei", "KZ": "Asia/Almaty",
}
COMMANDS = (  # (party id, name, headquarters venue id, name, zone)
    ("us_command", "U.S. theater command", "hq_tampa", "Theater command headquarters, Tampa",
     "America/New_York"),
    ("us_command_2", "Second U.S. theater command", "hq_colorado",
     "Theater command headquarters, Colorado Springs", "America/Denver"),
    ("us_command_3", "Third U.S. theater command", "hq_honolulu",
     "Theater command headquarters, Honolulu", "Pacific/Honolulu"),
)
LEADER_ROLES = (("commander", "Commander"), ("deputy", "Deputy commander"),
                ("senior_enlisted", "Senior enlisted leader"), ("policy", "Director of policy"),
                ("strategy", "Director of strategy and plans"))
EXERCISE_WORDS = ("Shield", "Lion", "Eagle", "Falcon", "Trident", "Horizon", "Resolve",
                  "Guardian", "Sentinel", "Anchor", "Summit", "Compass")
EXECUTIVE_MONTHS = ((3, 4), (5, 6), (9, 10), (11,))  # sessions cluster: the leader rule binds
EXECUTIVE_TASKS = (("invitations", "Invitations sent", 90, None),
                   ("agenda", "Agenda agreed with the partner", 60, None),
                   ("plan-draft", "Annual plan of activities draft", 45, 7),
                   ("assessment", "Assessment, monitoring and evaluation report", 30, 7),
                   ("read-ahead", "Read-ahead packets", 10, 3),
                   ("logistics", "Logistics and protocol confirmed", 5, None))
WORKING_GROUP_TASKS = (("terms", "Terms of reference", 45, None),
                       ("agenda", "Agenda and papers", 21, 7),
                       ("read-ahead", "Read-ahead packets", 7, 2))


def _country_names() -> dict[str, str]:
    from holidays import registry

    return {entry[1]: key.replace("_", " ").title() for key, entry in registry.COUNTRIES.items()}


def _zone_tab() -> dict[str, str]:
    """Country code -> the first zone zone.tab lists for it (its capital's, mostly)."""
    text = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text()
    zones: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            zones.setdefault(code, zone)
    return zones


def partner_countries(count: int = FORUMS_PER_COMMAND) -> list[tuple[str, str, str]]:
    """(code, name, zone) of the first `count` partner countries, sorted by code."""
    import holidays

    zones = _zone_tab()
    names = _country_names()
    years = range(HORIZON[0].year - 1, HORIZON[1].year + 2)
    chosen = []
    for code in sorted(holidays.list_supported_countries()):
        if len(code) != 2 or code in US_AND_TERRITORIES | NOT_PARTNERS or code not in zones:
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            holidays.country_holidays(code, years=years)
        if caught:  # e.g. "available only from 2001 to 2035"
            continue
        chosen.append((code, names.get(code, code), CAPITAL_ZONES.get(code, zones[code])))
        if len(chosen) == count:
            return chosen
    raise RuntimeError(f"only {len(chosen)} usable partner countries")


def forum_count(scale: float) -> int:
    return max(1, round(FORUMS_PER_COMMAND * scale))


def _q(text: str) -> str:
    """A TOML basic string (JSON string syntax is a subset of it for these texts)."""
    return json.dumps(text, ensure_ascii=False)


def _toml_list(items: Iterable[object]) -> str:
    return "[" + ", ".join(_q(i) if isinstance(i, str) else str(i) for i in items) + "]"


def _tasks(tasks: Sequence[tuple[str, str, int, int | None]]) -> str:
    parts = []
    for task_id, title, days, alarm in tasks:
        extra = f", alarm_days = {alarm}" if alarm is not None else ""
        parts.append(f"  {{ id = {_q(task_id)}, title = {_q(title)}, days_before = {days}{extra} }},")
    return "tasks = [\n" + "\n".join(parts) + "\n]"


def theater_toml(scale: float, tight: bool = False) -> str:
    """The theater schedule at `scale` (1 = 150 partner forums, about 30,000 events); `tight`:
    one-day exercise windows that the five leaders visit too (see TIGHT)."""
    total = forum_count(scale)
    countries = partner_countries()
    commands = math.ceil(total / FORUMS_PER_COMMAND)
    step = max(1, FORUMS_PER_COMMAND // total)
    forums = []  # (forum id, command index, forum index, country index)
    for index in range(total):
        command, position = divmod(index, FORUMS_PER_COMMAND)
        country = (position * step) % FORUMS_PER_COMMAND
        code = countries[country][0].lower()
        forums.append((code if command == 0 else f"c{command + 1}_{code}", command, index, country))
    used = sorted({country for *_, country in forums})
    out: list[str] = []
    w = out.append
    w("# Synthetic theater schedule written by benchmarks/theater.py; do not edit.")
    w(f"# scale {scale}: {total} partner forums, {commands} US command(s), "
      f"horizon {HORIZON[0]} to {HORIZON[1]}.\n")
    w("[plan]")
    w(f"name = {_q('Theater security cooperation (synthetic benchmark)')}")
    w(f"calendar_name = {_q('Theater security cooperation (planner benchmark)')}")
    w('uid_domain = "theater.planner"')
    w(f"from = {HORIZON[0]}\nto = {HORIZON[1]}\n")
    for line in ("domain-control", "institutional-strengthening"):
        w(f"[lines_of_effort.{line}]\nname = {_q(line.replace('-', ' ').capitalize())}\n")
    w("[days]\nholidays = []                    # each forum avoids its own parties' holidays")
    w('weekend = ["sat", "sun"]')
    latin = [countries[c][0] for c in used if countries[c][2].startswith("America/")]
    w(f"holy_week = {_toml_list(latin)}")
    w("yearly_blackouts = [")
    w('  { from = "09-24", to = "09-30", reason = "US fiscal year-end" },')
    w('  { from = "12-20", to = "01-04", reason = "Winter leave" },')
    w("]\n")
    for command in range(commands):
        party, name, hq, hq_name, zone = _command(command)
        w(f"[parties.{party}]\nname = {_q(name)}\ncountry = \"US\"\n")
        w(f"[venues.{hq}]\nname = {_q(hq_name)}\ncountry = \"US\"\ntimezone = {_q(zone)}\n")
        for role, title in LEADER_ROLES:
            w(f"[leaders.{party}_{role}]\nname = {_q(f'{title}, {name}')}\nparty = {_q(party)}")
            w("travel_days = 1\n")
    w('[venues.pentagon]\nname = "The Pentagon, Arlington, Virginia"\ncountry = "US"')
    w('timezone = "America/New_York"\n')
    for country in used:
        code, name, zone = countries[country]
        low = code.lower()
        w(f"[parties.p_{low}]\nname = {_q(f'Armed Forces of {name}')}\ncountry = {_q(code)}\n")
        w(f"[venues.{low}_capital]\nname = {_q(f'Ministry of Defence, {name}')}")
        w(f"country = {_q(code)}\ntimezone = {_q(zone)}\n")
        w(f"[venues.{low}_range]\nname = {_q(f'Combined training area, {name}')}")
        w(f"country = {_q(code)}\ntimezone = {_q(zone)}\n")
        w(f"[approving_bodies.{low}_legislature]\nname = {_q(f'Legislature of {name}')}")
        w(f"country = {_q(code)}")
        w('periods = [{ from = "02-01", to = "06-30" }, { from = "09-01", to = "12-15" }]')
        w('sitting_weekdays = ["tue", "wed", "thu"]\nrequest_lead_days = 30\n')
    for forum_id, command, index, country in forums:
        _forum(w, forum_id, command, index, countries[country], tight)
    return "\n".join(out) + "\n"


def _command(command: int) -> tuple[str, str, str, str, str]:
    party, name, hq, hq_name, zone = COMMANDS[command % len(COMMANDS)]
    if command >= len(COMMANDS):
        suffix = command + 1
        party, hq = f"{party}_{suffix}", f"{hq}_{suffix}"
        name, hq_name = f"{name} {suffix}", f"{hq_name} {suffix}"
    return party, name, hq, hq_name, zone


def _forum(w: Callable[[str], None], forum_id: str, command: int, index: int,
           country: tuple[str, str, str], tight: bool = False) -> None:
    code, name, _ = country
    low = code.lower()
    party, command_name, hq, *_ = _command(command)
    leaders = [f"{party}_{role}" for role, _ in LEADER_ROLES]
    executive_first = index % 2 == 0  # the others open with a visit year
    biennial_start = dt.date(2026 if executive_first else 2027, 1, 1)
    exercise_month = 5 + index % 6
    exercise_every = 24 if index % 3 == 0 else 12
    visit_year = 2027 if executive_first else 2026
    prefix = f"forums.{forum_id}"
    w(f"[{prefix}]\nname = {_q(f'US–{name} bilateral defense dialogue')}")
    w(f"short = {_q(f'{code} BDD')}\nparties = [{_q(party)}, {_q('p_' + low)}]\n")

    w(f"[{prefix}.activities.executive_session]\ntitle = \"Executive session\"")
    w('kind = "executive-session"\ndays = 2')
    w(f"preferred_months = {_toml_list(EXECUTIVE_MONTHS[index % len(EXECUTIVE_MONTHS)])}")
    w(f"venues = [{_q(low + '_capital')}, {_q(hq)}]\nleaders = {_toml_list(leaders)}")
    w('numbered = true\nline_of_effort = "institutional-strengthening"')
    description = (f"The co-chairs of the {command_name} and the Armed Forces of {name} review "
                   "the cycle, agree priorities and validate the annual plan; see the plan's annex.")
    w(f"description = {_q(description)}")
    w(_tasks(EXECUTIVE_TASKS) + "\n")

    exercise = f"{EXERCISE_WORDS[index % len(EXERCISE_WORDS)]} {name}"
    w(f"[{prefix}.activities.exercise_visit]\ntitle = {_q(f'Leaders visit exercise {exercise}')}")
    w(f'kind = "exercise-visit"\nduring_exercise = ["exercise-{forum_id}"]')
    w(f"preferred_months = [{exercise_month}]\nline_of_effort = \"domain-control\"")
    if tight:
        w(f"leaders = {_toml_list(leaders)}")
    w('spacing = [{ after = "executive_session", min_months = 3 }]\n')

    for suffix, other in (("a", "b"), ("b", "a")):
        w(f"[{prefix}.activities.working_group_{suffix}]\ntitle = \"Bilateral working group\"")
        w('kind = "working-group"\ndays = 2\nweekdays = ["tue", "wed", "thu"]')
        w(f"preferred_months = [{1 + (index * 5) % 12}]")
        w(f"venues = [\"pentagon\", {_q(low + '_capital')}]")
        w(f'line_of_effort = "institutional-strengthening"\n'
          f'spacing = [{{ after = "working_group_{other}", min_months = 6 }}]')
        w(_tasks(WORKING_GROUP_TASKS) + "\n")

    for quarter in range(1, 9):
        w(f"[{prefix}.activities.staff_talks_q{quarter}]")
        w(f"title = {_q('Staff talks (video conference)')}\nkind = \"staff-talks\"")
        w("start_time = 09:00\nhours = 1.5\nweekdays = [\"tue\", \"wed\", \"thu\"]")
        w(f"preferred_months = [2, 5, 8, 11]\nvenue = {_q(low + '_capital')}\nremote = true")
        w('tasks = [{ id = "agenda", title = "Agenda circulated", days_before = 5 }]\n')

    staff = [f'{{ id = "q{q}", months = [{3 * q - 2}, {3 * q}], activities = ["staff_talks_q{q}"] }},'
             for q in range(1, 9)]
    if not executive_first:
        w(f"[[{prefix}.regimes]]\nid = \"opening\"\ncycle_months = 12\nstart = 2026-01-01")
        w("end = 2026-12-31\nphases = [")
        w('  { id = "visit", name = "Visit year", months = [1, 12], '
          'activities = ["exercise_visit", "working_group_b"] },')
        w("\n".join("  " + s for s in staff[:4]) + "\n]\n")
    w(f"[[{prefix}.regimes]]\nid = \"biennial\"\ncycle_months = 24\nstart = {biennial_start}")
    w(f"end = {HORIZON[1]}\nphases = [")
    w('  { id = "executive", name = "Executive year", months = [1, 12], '
      'activities = ["executive_session", "working_group_a"] },')
    w('  { id = "visit", name = "Visit year", months = [13, 24], '
      'activities = ["exercise_visit", "working_group_b"] },')
    w("\n".join("  " + s for s in staff) + "\n]\n")

    held = dt.date(2025, 2, 4) + dt.timedelta(weeks=index % 40)
    w(f"[[{prefix}.held]]\nactivity = \"executive_session\"\nnumber = {2 + index % 5}")
    w(f"start = {held}\nend = {held + dt.timedelta(days=1)}\nvenue = {_q(low + '_capital')}\n")

    start = dt.date(visit_year if exercise_every == 24 else 2026, exercise_month,
                    1 + (index * 7) % 14)
    w(f"[exercises.{forum_id}_exercise]\nname = {_q(exercise)}\ncategory = \"exercise-{forum_id}\"")
    w(f"venue = {_q(low + '_range')}\nparticipants = [{_q(party)}, {_q('p_' + low)}]")
    if tight:
        days = _open_days(code, exercise_month, index)
        w("windows = [" + ", ".join(f"{{ start = {day}, end = {day} }}" for day in days) + "]\n")
    else:
        w(f"every_months = {exercise_every}")
        w(f"windows = [{{ start = {start}, end = {start + dt.timedelta(days=9 + 5 * (index % 3))} }}]\n")

    for year in range(HORIZON[0].year, HORIZON[1].year + 1):
        first = dt.date(year, 2 + (index * 5 + year) % 9, 1 + (index * 3 + year) % 20)
        last = first + dt.timedelta(days=13 + (index * 11 + year) % 30)
        w(f"[deployments.{forum_id}_{year}]")
        w(f"title = {_q(f'Combined training with the Armed Forces of {name}, {year}')}")
        w(f'direction = "entry"\nsending_country = "US"\nhost_country = {_q(code)}')
        w(f"personnel = {12 + (index * 7 + year) % 180}")
        w(f"unit = {_q('Security force assistance team' if index % 2 else 'Special forces detachment')}")
        w(f'purpose = "combined training"\napproving_body = "{low}_legislature"')
        w('line_of_effort = "domain-control"')
        if year == HORIZON[0].year:
            w(f"request_sent = {first - dt.timedelta(days=120)}\n"
              f"approved = {first - dt.timedelta(days=90)}")
        w("phases = [")
        w(f"  {{ name = \"Training area\", venue = {_q(low + '_range')}, start = {first}, end = {last} }},")
        if index % 2 == 0:
            after = last + dt.timedelta(days=1)
            w(f"  {{ name = \"Capital\", venue = {_q(low + '_capital')}, start = {after}, "
              f"end = {after + dt.timedelta(days=4)} }},")
        w("]\n")


def _open_days(code: str, month: int, index: int) -> list[dt.date]:
    """One day a year in `month` that is a Tuesday to Thursday and no holiday of the US or
    the partner: the whole exercise window of the tight variant. Forums sharing a month get
    different weeks, so the visits (all five leaders go) can all have their day."""
    import holidays

    years = range(HORIZON[0].year, HORIZON[1].year + 2)
    closed = holidays.country_holidays("US", years=years) | holidays.country_holidays(
        code, years=years)
    days = []
    for year in years:
        day = dt.date(year, month, 1 + 7 * ((index // 6) % 4))
        while day.weekday() not in (1, 2, 3) or day in closed:
            day += dt.timedelta(days=1)
        days.append(day)
    return days


def write_schedule(scale: float, path: str | Path, tight: bool = False) -> Path:
    target = Path(path)
    target.write_text(theater_toml(scale, tight), encoding="utf-8")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="where to write the schedule")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size (1 = 150 forums, ~30,000 events)")
    parser.add_argument("--tight", action="store_true", help="the tight variant")
    args = parser.parse_args(argv)
    path = write_schedule(args.scale, args.path, args.tight)
    print(f"wrote {path} ({forum_count(args.scale)} forums)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
