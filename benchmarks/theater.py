"""Theater-scale benchmark: a synthetic schedule generator plus a timing runner.

    python benchmarks/theater.py                      # sizes 0.1, 1 and 3, then the CLI timings
    python benchmarks/theater.py --scale 1 --repeat 5 --no-cli   # one size, best of 5
    python benchmarks/theater.py --json results.json  # the table, and every number as JSON
    python benchmarks/theater.py --json               # JSON on stdout instead of the table
    python benchmarks/theater.py --profile            # cProfile of the 1x run, top 25
    python benchmarks/theater.py --write-schedule theater.toml --scale 1   # the schedule only
    python benchmarks/theater.py --tight --no-cli      # also the tight variant (see below)

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

The tight variant (--tight, default size 0.1): the same schedule, but each partner's
exercise is one day a year (a Tuesday to Thursday that is no holiday) and the five leaders
visit it too. Visits then have one possible day each, and the executive sessions first-fit
placed earlier in date order often take the leaders' days around it, so first-fit leaves
visits without a day and the solver (CP-SAT) places the tied events; its time is a column.

What is measured
----------------
In one worker process per size (so memory and caches are per size): (a) load =
planner.load_schedule, (b) plan = planner.make_plan with a fixed today, (c) render =
render_ics with a fixed DTSTAMP, (d) write = the bytes to a file with fsync. The four
stages run --repeat times; the best wall time of each is reported, with the process CPU
time of the best total (steadier than wall time when other jobs share the machine) and
the cold first total. Also reported: how many candidate days the engine tried, so plan
cost can be read per candidate as well as per event.

The floor, measured in the same worker, is a minimal plain-Python writer that produces
the *same bytes* as render_ics (compared byte for byte; the report says if they differ)
from the plan's events already reduced to plain values (strings, dates, datetimes). It
formats dates, escapes TEXT values and folds lines at 75 octets exactly as icalendar
does, and joins the lines. The VTIMEZONE blocks and the description sentences are
prepared before its clock starts (taken from the rendered output and planner's
describe()): they are content, not writing. So the floor is the unavoidable cost of
writing that many events of that size from Python, and every stage and the total are
divided by it. Why not a cheaper or richer floor: json.dumps of the same rows skips the
escaping and folding an .ics needs (it is timed too, as a lower reference), and building
icalendar Event objects is not minimal work at all; it is the naive baseline:

icalendar's own components and Calendar.to_ical() on the same events, measured on up to
10,000 events, reported per 10,000 events and divided by the floor on the same sample.

The CLI section (theater sizes from --cli-scale, default 1) runs `planner generate` on the
theater schedule as a separate process, end to end (process start to file written),
--cli-runs times (default 5): median and best wall time and the peak RSS of the process
(by GNU time when installed, since a child forked from this process would count this
process's pages; else os.wait4). It also times the default `planner generate` (built-in
roundtable), `planner --help`, `python -c pass` and the bare import of the dependencies.

Peak memory: ru_maxrss of each worker after its first pipeline pass, and of each
`planner generate` process. --tracemalloc adds an untimed pass under tracemalloc.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import importlib.resources
import io
import json
import math
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HORIZON = (dt.date(2026, 1, 1), dt.date(2035, 12, 31))
TODAY = dt.date(2026, 1, 1)
EPOCH = 1767225600  # 2026-01-01T00:00:00Z, DTSTAMP of every event
STAMP = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC)
FORUMS_PER_COMMAND = 150
DEFAULT_SCALES = (0.1, 1.0, 3.0)
BASELINE_SAMPLE = 10_000
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


# -- the generator --------------------------------------------------------------------------

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


# -- the floor: a minimal writer of the same bytes ------------------------------------------

_STATUS = {"held": "CONFIRMED", "fixed": "CONFIRMED", "planned": "TENTATIVE",
           "deadline": "CONFIRMED"}
Row = tuple[Any, ...]


def floor_rows(plan: Any, party_names: dict[str, Any], lang: str = "en") -> list[Row]:
    """Each event reduced to plain values: what any writer has to start from."""
    from planner.calendar.ics import alarm_trigger, busy_status, describe, summary_of, title_of
    from planner.calendar.icstext import zone_of
    from planner.i18n import phrase
    from planner.schedule.model import Precision

    rows = []
    for event in sorted(plan.events, key=lambda e: (e.start, e.id)):
        timed = event.start_time is not None and event.end_time is not None
        status = event.status.value
        # Which zones are written as UTC ("Z"), free/busy, titles of imprecise facts and
        # alarm times are planner's decisions, not writing work.
        busy = busy_status(event)
        zone = (zone_of(event.start_time) or "UTC") if timed else None
        title = title_of(event)
        last = event.end if event.precision is Precision.DAY else event.start
        alarm = None
        if event.alarm_days:
            alarm = (phrase("alarm", title=title).get(lang), alarm_trigger(event, event.alarm_days))
        rows.append((
            summary_of(event, lang),
            event.start_time if timed else event.start,
            event.end_time if timed else last + dt.timedelta(days=1),
            zone,
            f"{event.id}@{plan.uid_domain}",
            event.kind,
            describe(event, party_names, lang),
            event.location.get(lang) if event.location else "",
            _STATUS[status],
            busy,
            event.id,
            alarm,
        ))
    return rows


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """icalendar's folding: at most 74 octets a line, never after a backslash or caret."""
    if line.isascii():
        size = len(line)
        if size < 75:
            return line
        parts = []
        pos = 0
        while size - pos > 74:
            end = pos + 74
            if line[end - 1] in "\\^":
                end -= 1
            parts.append(line[pos:end])
            pos = end
        parts.append(line[pos:])
        return "\r\n ".join(parts)
    data = line.encode()
    size = len(data)
    if size < 75:
        return line
    chunks = []
    pos = 0
    while size - pos > 74:
        end = pos + 74
        while data[end] & 0xC0 == 0x80:  # never inside a UTF-8 sequence
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        chunks.append(data[pos:end])
        pos = end
    chunks.append(data[pos:])
    return b"\r\n ".join(chunks).decode()


def _ymd(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _local(moment: dt.datetime) -> str:
    return (f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T"
            f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}")


def floor_ics(head: str, rows: Sequence[Row], uid_domain: str, stamp: dt.datetime) -> bytes:
    """The calendar's bytes from plain rows: format, escape, fold, join."""
    utc = stamp.astimezone(dt.UTC)
    stamp_line = f"DTSTAMP:{_local(utc)}Z"
    out = [head]
    add = out.append
    fold = _fold
    escape = _escape
    for (summary, start, end, zone, uid, kind, description, location, status, busy,
         event_id, alarm) in rows:
        add("BEGIN:VEVENT")
        add(fold("SUMMARY:" + escape(summary)))
        if zone is None:
            add("DTSTART;VALUE=DATE:" + _ymd(start))
            add("DTEND;VALUE=DATE:" + _ymd(end))
        elif zone == "UTC":
            add(f"DTSTART:{_local(start.astimezone(dt.UTC))}Z")
            add(f"DTEND:{_local(end.astimezone(dt.UTC))}Z")
        else:
            add(fold(f"DTSTART;TZID={zone}:{_local(start)}"))
            add(fold(f"DTEND;TZID={zone}:{_local(end)}"))
        add(stamp_line)
        add(fold("UID:" + escape(uid)))
        add("SEQUENCE:0")
        add(fold("CATEGORIES:" + escape(kind)))
        add(fold("DESCRIPTION:" + escape(description)))
        if location:
            add(fold("LOCATION:" + escape(location)))
        add("STATUS:" + status)
        add("TRANSP:" + ("TRANSPARENT" if busy == "FREE" else "OPAQUE"))
        add("X-MICROSOFT-CDO-BUSYSTATUS:" + busy)
        add(fold("X-PLANNER-ID:" + escape(event_id)))
        if alarm is not None:
            add("BEGIN:VALARM")
            add("ACTION:DISPLAY")
            add(fold("DESCRIPTION:" + escape(alarm[0])))
            add("TRIGGER:" + alarm[1])
            add("END:VALARM")
        add("END:VEVENT")
    add("END:VCALENDAR\r\n")
    return "\r\n".join(out).encode()


def json_rows(rows: Sequence[Row]) -> bytes:
    """The lower reference: the same rows as JSON (no escaping rules, no folding)."""
    return json.dumps(rows, default=str, ensure_ascii=False).encode()


def icalendar_baseline(rows: Sequence[Row], uid_domain: str, stamp: dt.datetime,
                       calendar_name: str) -> tuple[float, float, bytes]:
    """icalendar's own components and Calendar.to_ical(): (build seconds, to_ical seconds)."""
    from icalendar import Alarm, Calendar, Event, vDuration

    began = time.perf_counter()
    calendar = Calendar()
    calendar.add("prodid", "-//planner benchmark//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    utc = stamp.astimezone(dt.UTC)
    for (summary, start, end, _zone, uid, kind, description, location, status, busy,
         event_id, alarm) in rows:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", utc)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", summary)
        if location:
            event.add("location", location)
        event.add("description", description)
        event.add("categories", [kind])
        event.add("status", status)
        event.add("sequence", 0)
        event.add("transp", "TRANSPARENT" if busy == "FREE" else "OPAQUE")
        event.add("x-microsoft-cdo-busystatus", busy)
        event.add("x-planner-id", event_id)
        if alarm is not None:
            component = Alarm()
            component.add("action", "DISPLAY")
            component.add("description", alarm[0])
            component.add("trigger", vDuration.from_ical(alarm[1]))
            event.add_component(component)
        calendar.add_component(event)
    built = time.perf_counter()
    data: bytes = calendar.to_ical()
    return built - began, time.perf_counter() - built, data


# -- the runner ------------------------------------------------------------------------------

def _best(function: Callable[[], Any], repeat: int) -> tuple[float, Any, list[float]]:
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return min(times), result, times


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _tick(clock: list[float], used: list[float]) -> None:
    clock.append(time.perf_counter())
    used.append(time.process_time())


def measure(scale: float, repeat: int, folder: Path, use_tracemalloc: bool = False,
            tight: bool = False) -> dict[str, Any]:
    """Time the four stages at one size in this process (call it in a fresh one)."""
    from planner import load_schedule, make_plan
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions

    # Importing the solver costs memory (ortools): only the tight variant, which needs it, times it.
    solver = _time_the_solver() if tight else []
    schedule_path = write_schedule(scale, folder / f"theater-{scale:g}.toml", tight)
    output = folder / f"theater-{scale:g}.ics"
    stages = ("load", "plan", "render", "write")
    runs: dict[str, list[float]] = {name: [] for name in stages}
    cpu: dict[str, list[float]] = {name: [] for name in stages}
    totals = []
    cpu_totals = []
    maxrss_first = 0.0
    data = b""
    plan = loaded = None
    for attempt in range(repeat):
        plan = loaded = None
        data = b""
        gc.collect()
        clock = [time.perf_counter()]
        used = [time.process_time()]
        loaded = load_schedule(schedule_path)
        _tick(clock, used)
        plan = make_plan(loaded, today=TODAY, horizon=HORIZON)
        _tick(clock, used)
        names = {party.id: party.name for party in loaded.parties}
        data = render_ics(plan, CalendarOptions(STAMP, party_names=names))
        _tick(clock, used)
        _write(output, data)
        _tick(clock, used)
        for index, name in enumerate(stages):
            runs[name].append(clock[index + 1] - clock[index])
            cpu[name].append(used[index + 1] - used[index])
        totals.append(clock[-1] - clock[0])
        cpu_totals.append(used[-1] - used[0])
        if attempt == 0:
            maxrss_first = _maxrss_mb()
    assert plan is not None and loaded is not None
    names = {party.id: party.name for party in loaded.parties}
    events = len(plan.events)
    candidates = sum(event.provenance.candidates for event in plan.events)

    # The floor, from plain rows (extraction timed apart, for information).
    extract, rows, _ = _best(lambda: floor_rows(plan, names), 1)
    head = data[: data.index(b"BEGIN:VEVENT")].decode().removesuffix("\r\n")
    floor, floor_data, floor_times = _best(
        lambda: floor_ics(head, rows, plan.uid_domain, STAMP), repeat)
    same = floor_data == data
    json_time, _, _ = _best(lambda: json_rows(rows), repeat)

    sample = rows[:BASELINE_SAMPLE]
    calendar_name = plan.calendar_name.get("en")
    build, to_ical, _ = icalendar_baseline(sample, plan.uid_domain, STAMP, calendar_name)
    sample_head = "BEGIN:VCALENDAR"  # the header is a few lines either way
    sample_floor, _, _ = _best(lambda: floor_ics(sample_head, sample, plan.uid_domain, STAMP),
                               repeat)

    result: dict[str, Any] = {
        "scale": scale, "tight": tight, "solver": min(solver) if solver else 0.0,
        "solver_loaded": "planner.engine.completion" in sys.modules,
        "solver_runs": len(solver) // max(1, repeat),
        "solved": sum(1 for event in plan.events if event.provenance.decided_by == "solver"),
        "forums": forum_count(scale), "events": events, "bytes": len(data),
        "schedule_bytes": schedule_path.stat().st_size, "repeat": repeat,
        "best": {name: min(times) for name, times in runs.items()},
        "first": {name: times[0] for name, times in runs.items()},
        "total_best": min(totals), "total_first": totals[0],
        "cpu_best": {name: min(times) for name, times in cpu.items()},
        "cpu_total_best": min(cpu_totals),
        "floor": floor, "floor_runs": floor_times, "floor_same_bytes": same,
        "floor_mismatch": None if same else _first_difference(data, floor_data),
        "extract_rows": extract, "json_dump": json_time,
        "baseline": {"events": len(sample), "build": build, "to_ical": to_ical,
                     "floor": sample_floor},
        "maxrss_mb_first_pass": maxrss_first, "maxrss_mb": _maxrss_mb(),
        "warnings": len(plan.warnings), "candidate_days": candidates,
        "placed": sum(1 for event in plan.events if event.provenance.candidates),
    }
    result["events_per_second"] = events / result["total_best"]
    result["ratio"] = {name: result["best"][name] / floor for name in stages}
    result["ratio"]["total"] = result["total_best"] / floor
    if use_tracemalloc:
        result["tracemalloc_peak_mb"] = _tracemalloc_peak(schedule_path)
    return result


def _time_the_solver() -> list[float]:
    """Seconds spent in the solver's part of each plan (planner.engine.completion.complete, imported
    only when first-fit leaves an activity without a day), one entry per call."""
    import planner.engine.completion

    spent: list[float] = []
    complete = planner.engine.completion.complete

    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return complete(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - began)

    planner.engine.completion.complete = timed  # type: ignore[assignment]
    return spent


def _first_difference(expected: bytes, got: bytes) -> str:
    for number, (left, right) in enumerate(zip(expected.split(b"\r\n"), got.split(b"\r\n"),
                                               strict=False), start=1):
        if left != right:
            return f"line {number}: render_ics {left[:80]!r} vs floor {right[:80]!r}"
    return f"lengths differ: {len(expected)} vs {len(got)} bytes"


def _tracemalloc_peak(schedule_path: Path) -> float:
    import tracemalloc

    from planner import load_schedule, make_plan
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions

    gc.collect()
    tracemalloc.start()
    loaded = load_schedule(schedule_path)
    plan = make_plan(loaded, today=TODAY, horizon=HORIZON)
    render_ics(plan, CalendarOptions(STAMP, party_names={p.id: p.name for p in loaded.parties}))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def _worker(scale: float, repeat: int, use_tracemalloc: bool,
            tight: bool = False) -> dict[str, Any]:
    """Run `measure` in a fresh interpreter, so each size has its own memory and caches."""
    command = [sys.executable, __file__, "--worker", "--scale", str(scale), "--repeat", str(repeat)]
    if use_tracemalloc:
        command.append("--tracemalloc")
    if tight:
        command.append("--tight")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker for scale {scale} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# -- processes: planner generate end to end, startup --------------------------------------

def _planner_command() -> list[str]:
    found = shutil.which("planner")
    return [found] if found else [sys.executable, "-m", "planner"]


def _gnu_time() -> str | None:
    """GNU time, whose small process forks the command: a child forked from this Python
    process would count this process's pages in its own peak RSS until it execs."""
    path = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if path is None:
        return None
    probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True, check=False)
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


def _run_process(command: Sequence[str], cwd: Path, timer: str | None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process, from start to exit."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    with tempfile.TemporaryDirectory() as temp:
        peak_file = Path(temp) / "peak"
        errors_file = Path(temp) / "errors"
        wrapped = [timer, "-f", "%M", "-o", str(peak_file), *command] if timer else list(command)
        with open(errors_file, "wb") as errors:  # a file, not a pipe: warnings can be long
            began = time.perf_counter()
            process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                       stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - began
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            text = errors_file.read_text(errors="replace")[-4000:]
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{text}")
        peak_kib = float(peak_file.read_text().split()[-1]) if timer else usage.ru_maxrss
    return wall, peak_kib / 1024


def _timed_process(command: Sequence[str], cwd: Path, runs: int, timer: str | None,
                   before: Callable[[], None] | None = None) -> dict[str, Any]:
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        results.append(_run_process(command, cwd, timer))
    walls, rss = zip(*results, strict=True)
    return {"command": " ".join(command), "runs": runs, "median": statistics.median(walls),
            "best": min(walls), "maxrss_mb": max(rss)}


DEPENDENCY_IMPORTS = {
    "click": "import click", "icalendar": "import icalendar", "holidays": "import holidays",
    "dateutil": "import dateutil.rrule, dateutil.relativedelta, dateutil.easter",
    "tomli": "import tomli", "all dependencies": ("import click, icalendar, holidays, tomli, "
                                                  "dateutil.rrule, dateutil.relativedelta, "
                                                  "dateutil.easter, zoneinfo"),
    "planner.cli": "import planner.cli",
}


def measure_processes(scales: Sequence[float], runs: int, folder: Path) -> dict[str, Any]:
    planner = _planner_command()
    today = ["--today", TODAY.isoformat()]
    timer = _gnu_time()
    result: dict[str, Any] = {"generate": {}, "regenerate": {},
                              "peak_rss_by": "GNU time" if timer else "wait4"}

    def timed(command: Sequence[str], before: Callable[[], None] | None = None) -> dict[str, Any]:
        return _timed_process(command, folder, runs, timer, before)

    output = folder / "cli-theater.ics"
    for scale in scales:
        schedule = folder / f"cli-theater-{scale:g}.toml"
        subprocess.run([sys.executable, __file__, "--write-schedule", str(schedule),
                        "--scale", str(scale)], check=True, capture_output=True)
        command = [*planner, "generate", "-s", str(schedule), "-o", str(output), *today]
        # fresh: no previous file; then regenerating over the file the last run wrote (the
        # everyday case: planner reads it back for SEQUENCE and cancellations)
        result["generate"][f"{scale:g}"] = timed(command, lambda: output.unlink(missing_ok=True))
        result["regenerate"][f"{scale:g}"] = timed(command)
    default_output = folder / "roundtable.ics"
    result["default_generate"] = timed([*planner, "generate", "-o", str(default_output), *today],
                                       lambda: default_output.unlink(missing_ok=True))
    result["help"] = timed([*planner, "--help"])
    result["python_pass"] = timed([sys.executable, "-c", "pass"])
    result["imports"] = {name: timed([sys.executable, "-c", code])
                         for name, code in DEPENDENCY_IMPORTS.items()}
    return result


# -- the profile -----------------------------------------------------------------------------

def profile(scale: float, folder: Path, top: int = 25) -> str:
    from planner import load_schedule, make_plan
    from planner.calendar.ics import render_ics
    from planner.calendar.options import CalendarOptions

    schedule_path = write_schedule(scale, folder / f"profile-{scale:g}.toml")
    profiler = cProfile.Profile()
    profiler.enable()
    loaded = load_schedule(schedule_path)
    plan = make_plan(loaded, today=TODAY, horizon=HORIZON)
    render_ics(plan, CalendarOptions(STAMP, party_names={p.id: p.name for p in loaded.parties}))
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()


# -- printing --------------------------------------------------------------------------------

def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def report(sizes: Sequence[dict[str, Any]], processes: dict[str, Any] | None) -> str:
    lines = []
    add = lines.append
    repeat = sizes[0]["repeat"] if sizes else 0
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    add(f"planner theater benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load average {load}; seconds, best of {repeat}")
    add("")
    head = (f"{'size':>11} {'forums':>6} {'events':>7} {'load':>7} {'plan':>7} {'solver':>7} "
            f"{'render':>7} {'write':>7} {'total':>7} {'cpu':>7} {'events/s':>9} {'floor':>7} "
            f"{'render/fl':>9} {'total/fl':>8} {'RSS MB':>7}")
    add(head)
    add("-" * len(head))
    for size in sizes:
        best = size["best"]
        label = f"{size['scale']:g}x" + (" tight" if size.get("tight") else "")
        add(f"{label:>11} {size['forums']:>6} {size['events']:>7,} "
            f"{_seconds(best['load']):>7} {_seconds(best['plan']):>7} "
            f"{_seconds(size['solver']):>7} {_seconds(best['render']):>7} {_seconds(best['write']):>7} "
            f"{_seconds(size['total_best']):>7} {_seconds(size['cpu_total_best']):>7} "
            f"{size['events_per_second']:>9,.0f} "
            f"{_seconds(size['floor']):>7} {size['ratio']['render']:>8.1f}x "
            f"{size['ratio']['total']:>7.1f}x {size['maxrss_mb_first_pass']:>7.0f}")
    add("")
    add("floor = minimal plain-Python writer of the same bytes (format, escape, fold, join) from "
        "the events as plain values;")
    add("        ratios divide our stage times by it. cpu = process CPU seconds of the total "
        "(steadier than wall")
    add("        time on a busy machine). RSS MB = worker peak RSS after its first pass.")
    add("solver = the part of plan spent when first-fit left an activity without a day (tied "
        "events to CP-SAT, then")
    add("        first-fit again with their days pinned); 0 when first-fit placed everything (then")
    add("        ortools is never imported).")
    for size in sizes:
        same = "identical" if size["floor_same_bytes"] else f"DIFFER ({size['floor_mismatch']})"
        extra = (f", tracemalloc peak {size['tracemalloc_peak_mb']:.0f} MB"
                 if "tracemalloc_peak_mb" in size else "")
        add(f"  {size['scale']:g}x: floor bytes {same}; {size['bytes'] / 2**20:.1f} MB of .ics "
            f"from {size['schedule_bytes'] / 2**20:.1f} MB of TOML; cold total "
            f"{_seconds(size['total_first'])} s; rows extraction {_seconds(size['extract_rows'])} s; "
            f"json.dumps of the rows {_seconds(size['json_dump'])} s{extra}")
        if size.get("solved"):
            add(f"        the solver placed {size['solved']:,} events (the ones it moved off "
                "first-fit's day or that first-fit left without one)")
        add(f"        {size['placed']:,} events placed by the engine after trying "
            f"{size['candidate_days']:,} candidate days "
            f"({size['candidate_days'] / max(1, size['placed']):.1f} each; plan CPU "
            f"{1e6 * size['cpu_best']['plan'] / max(1, size['candidate_days']):.0f} µs per candidate)")
    regular = [size for size in sizes if not size.get("tight")]
    if len(regular) > 1:
        add("")
        add("growth between consecutive sizes (exponent 1.0 = linear, 2.0 = quadratic):")
        for small, large in zip(regular, regular[1:], strict=False):
            factor = large["events"] / small["events"]
            parts = []
            for name in ("load", "plan", "render", "write"):
                grow = large["best"][name] / small["best"][name]
                parts.append(f"{name} x{grow:.1f} (^{math.log(grow) / math.log(factor):.2f})")
            total = large["total_best"] / small["total_best"]
            add(f"  {small['scale']:g}x -> {large['scale']:g}x: events x{factor:.1f}; "
                + ", ".join(parts)
                + f"; total x{total:.1f} (^{math.log(total) / math.log(factor):.2f})")
    add("")
    add("naive baseline: icalendar components + Calendar.to_ical() on the same events")
    for size in sizes:
        base = size["baseline"]
        per = 10_000 / base["events"]
        add(f"  {size['scale']:g}x, {base['events']:,} events: build {_seconds(base['build'])} s + "
            f"to_ical {_seconds(base['to_ical'])} s = "
            f"{_seconds((base['build'] + base['to_ical']) * per)} s per 10,000 events; "
            f"{(base['build'] + base['to_ical']) / base['floor']:.0f}x the floor "
            f"(to_ical alone {base['to_ical'] / base['floor']:.0f}x)")
    if processes:
        add("")
        add(f"processes (wall seconds, median and best of {processes['python_pass']['runs']}; "
            f"peak RSS of the process, by {processes['peak_rss_by']}):")
        floors = {f"{size['scale']:g}": size["floor"] for size in sizes}
        rows = []
        for scale, item in processes["generate"].items():
            if scale in floors:  # end to end, against the floor of the same size
                item = {**item, "floor": floors[scale]}
            rows.append((f"planner generate theater {scale}x, fresh", item))
            rows.append(("  again, over the file it wrote", processes["regenerate"][scale]))
        rows += [("planner generate (roundtable), fresh", processes["default_generate"]),
                 ("planner --help", processes["help"]), ("python -c pass", processes["python_pass"])]
        rows += [(f"python -c 'import {name}'", item) for name, item in processes["imports"].items()]
        for label, item in rows:
            ratio = f"  {item['median'] / item['floor']:.1f}x the floor" if "floor" in item else ""
            add(f"  {label:<40} {_seconds(item['median']):>7} {_seconds(item['best']):>7}"
                f" {item['maxrss_mb']:>6.0f} MB{ratio}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append",
                        help="size (1 = 150 forums, ~30,000 events); repeatable; "
                             "default 0.1, 1 and 3")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage, best kept")
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH",
                        help="print JSON instead of the table, or with PATH write it there too")
    parser.add_argument("--no-cli", action="store_true",
                        help="skip the separate-process timings (planner generate, --help)")
    parser.add_argument("--cli-scale", type=float, action="append",
                        help="theater sizes for `planner generate` end to end (default 1)")
    parser.add_argument("--cli-runs", type=int, default=5, help="runs per process timing")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="add an untimed pass under tracemalloc (peak Python allocations)")
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile of load+plan+render (sizes from --scale, default 1)")
    parser.add_argument("--write-schedule", metavar="PATH",
                        help="only write the schedule for --scale (default 1) to PATH")
    parser.add_argument("--tight", action="store_true",
                        help="also time the tight variant (one-day exercise windows the leaders "
                             "visit, so first-fit often fails) at --tight-scale")
    parser.add_argument("--tight-scale", type=float, action="append",
                        help="sizes of the tight variant (default 0.1)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.write_schedule:
        scale = (args.scale or [1.0])[0]
        path = write_schedule(scale, args.write_schedule, args.tight)
        print(f"wrote {path} ({forum_count(scale)} forums)", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="planner-theater-") as temp:
        folder = Path(temp)
        if args.worker:
            print(json.dumps(measure(args.scale[0], args.repeat, folder, args.tracemalloc,
                                     args.tight)))
            return 0
        if args.profile:
            for scale in args.scale or [1.0]:
                print(profile(scale, folder))
            return 0
        sizes = [_worker(scale, args.repeat, args.tracemalloc)
                 for scale in (args.scale or DEFAULT_SCALES)]
        if args.tight:
            sizes += [_worker(scale, args.repeat, args.tracemalloc, tight=True)
                      for scale in (args.tight_scale or [0.1])]
        processes = None
        if not args.no_cli:
            processes = measure_processes(args.cli_scale or [1.0], args.cli_runs, folder)
    document = json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(),
                           "load_average": os.getloadavg(), "sizes": sizes,
                           "processes": processes}, indent=2)
    if args.json == "-":
        print(document)
        return 0
    if args.json:
        Path(args.json).write_text(document + "\n", encoding="utf-8")
    print(report(sizes, processes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
