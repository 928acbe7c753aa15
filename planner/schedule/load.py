"""Turn a TOML schedule file into a validated Schedule; the only module that knows TOML."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from planner.collector import collector_paused
from planner.days.closed import supported_countries
from planner.errors import PlannerError, Problem, Where
from planner.i18n import MONTHS, N_, THEN, Phrase, Text, deferred, fixed, joined
from planner.schedule.locate import Locator, unclosed_since
from planner.schedule.model import (
    Activity,
    ApprovingBody,
    Blackout,
    DayRules,
    DeploymentPhase,
    DeploymentWindow,
    Direction,
    Exercise,
    ExerciseWindow,
    Forum,
    HeldEvent,
    Leader,
    LineOfEffort,
    Party,
    Phase,
    Precision,
    Program,
    Regime,
    Schedule,
    Series,
    SessionPeriod,
    Spacing,
    Task,
    Venue,
    YearlyBlackout,
)
from planner.schedule.read import Problems, Table
from planner.schedule.toml_errors import toml_error

if sys.version_info >= (3, 14):
    import tomllib
else:  # tomli 2.1+ gives the line of a syntax error as an attribute
    import tomli as tomllib

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,63}")  # fullmatch: "$" would let a "\n" end it
# A UID domain ends every UID; ";" "," and spaces would be split or escaped in a calendar,
# and planner would no longer recognise its own events there.
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?")
MAX_SCHEDULE_BYTES = 16 * 1024 * 1024
_RRULE_EXAMPLE = deferred('e.g. rrule = "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"')
_WEEKDAY = r"(MO|TU|WE|TH|FR|SA|SU)"
# Each part a series may use, with the pattern of one list item and its numeric range.
_RRULE_PARTS: dict[str, tuple[str, int, int]] = {
    "FREQ": (r"DAILY|WEEKLY|MONTHLY|YEARLY", 0, 0),
    "INTERVAL": (r"\d{1,4}", 1, 1000),
    "BYDAY": (rf"[+-]?\d{{1,2}}{_WEEKDAY}|{_WEEKDAY}", 1, 53),
    "BYMONTHDAY": (r"[+-]?\d{1,2}", 1, 31),
    "BYMONTH": (r"\d{1,2}", 1, 12),
    "BYYEARDAY": (r"[+-]?\d{1,3}", 1, 366),
    "BYWEEKNO": (r"[+-]?\d{1,2}", 1, 53),
    "BYSETPOS": (r"[+-]?\d{1,3}", 1, 366),
    "WKST": (_WEEKDAY, 0, 0),
}
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def load_schedule(path: str | Path, overrides: Sequence[str] = ()) -> Schedule:
    """Read and validate a schedule file, with `key.path=value` overrides applied first.

    Raises:
        PlannerError: with every problem found, each with file, line and key path.
    """
    name = str(path)
    try:
        with open(path, "rb") as stream:  # at most one byte past the limit: /dev/zero ends
            raw = stream.read(MAX_SCHEDULE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PlannerError(Problem(Where(name), deferred("cannot read the schedule: {reason}",
                                                            reason=reason),
                                   deferred("check the path"))) from None
    if len(raw) > MAX_SCHEDULE_BYTES:
        raise PlannerError(Problem(Where(name), deferred("is larger than 16 MB, the limit for a schedule"),
                                   deferred("check that this is the schedule file; split a larger "
                                            "one"))) \
            from None
    return parse_schedule(raw, name, overrides)


def rrule_problem(rule: str) -> tuple[Phrase, Phrase] | None:
    """(message, hint) for the first thing wrong in a series' rrule, part by part; None if
    every part is one a series may use, with values in range."""
    seen: set[str] = set()
    for part in rule.upper().split(";"):
        name, equals, value = part.partition("=")
        if name in ("COUNT", "UNTIL"):
            return deferred("must not hold COUNT or UNTIL"), deferred("set `end = <date>` instead")
        if name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            return (deferred("{part} is not supported: a series has one event a day", part=name),
                    deferred("set start_time and hours for the time of day"))
        if name not in _RRULE_PARTS or not equals:
            return deferred("{part} is not a part a series may use", part=repr(part)), _RRULE_EXAMPLE
        if name in seen:
            return deferred("{part} is given twice", part=name), deferred("keep one")
        seen.add(name)
        pattern, low, high = _RRULE_PARTS[name]
        items = value.split(",") if name not in ("FREQ", "INTERVAL", "WKST") else [value]
        for item in items:
            if not re.fullmatch(pattern, item):
                return deferred("{part} is not valid", part=f"{name}={value}"), _RRULE_EXAMPLE
            number = re.match(r"[+-]?\d+", item)
            if number and high and not low <= abs(int(number.group())) <= high:
                out = deferred("{part}: {item} is out of range", part=f"{name}={value}", item=item)
                if name in ("INTERVAL", "BYMONTH"):
                    return out, deferred("use {low} to {high}", low=low, high=high)
                return out, deferred("use {low} to {high}, or -{high} to -1 from the end",
                                     low=low, high=high)
    if "FREQ" not in seen:
        return deferred("needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"), _RRULE_EXAMPLE
    return _rrule_combination_problem(dict(part.partition("=")[::2] for part in rule.upper().split(";")))


def _rrule_combination_problem(parts: dict[str, str]) -> tuple[Phrase, Phrase] | None:
    """What RFC 5545 (3.3.10) rules out for this FREQ, and day-month pairs that never occur:
    such a rule would be searched for an occurrence until the year 9999."""
    freq = parts["FREQ"]
    allowed = {"BYWEEKNO": ("YEARLY",), "BYYEARDAY": ("YEARLY",),
               "BYMONTHDAY": ("DAILY", "YEARLY", "MONTHLY")}
    for name, freqs in allowed.items():
        if name in parts and freq not in freqs:
            return (deferred("{part} cannot be used with FREQ={freq}", part=name, freq=freq),
                    deferred("use FREQ={freq}", freq=freqs[-1]))
    ordinals = [abs(int(day[:-2])) for day in parts.get("BYDAY", "").split(",") if day[:-2]]
    if ordinals:
        most = 53 if freq == "YEARLY" and "BYMONTH" not in parts else 5
        if freq not in ("MONTHLY", "YEARLY"):
            return (deferred("BYDAY={days}: a numbered weekday needs FREQ=MONTHLY or YEARLY",
                             days=parts["BYDAY"]), deferred("e.g. FREQ=MONTHLY;BYDAY=2TU"))
        if max(ordinals) > most:
            return (deferred("BYDAY={days}: no period has {number} of a weekday",
                             days=parts["BYDAY"], number=max(ordinals)),
                    deferred("use 1 to {most}, or -1 to -{most} from the end", most=most))
    if "BYMONTH" in parts and "BYMONTHDAY" in parts:
        days = [int(day) for day in parts["BYMONTHDAY"].split(",")]
        months = [int(month) for month in parts["BYMONTH"].split(",")]
        if not any(abs(day) <= calendar.monthrange(2000, month)[1]
                   for day in days for month in months):
            return (deferred("BYMONTH={months} has no day BYMONTHDAY={days}",
                             months=parts["BYMONTH"], days=parts["BYMONTHDAY"]),
                    deferred("pick a day that these months have"))
    return None


def parse_schedule(raw: bytes, name: str, overrides: Sequence[str] = ()) -> Schedule:
    """Validate schedule bytes read from `name` (used in messages)."""
    kind = _not_a_schedule(raw)
    if kind is not None:
        raise PlannerError(Problem(Where(name), kind, deferred(
            "give the .toml schedule (planner init writes one to start from)")))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlannerError(Problem(Where(name, line=line), deferred("is not valid UTF-8 text"),
                                   deferred("save the file as UTF-8"))) from None
    with collector_paused():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise PlannerError(_syntax_problem(error, text, name)) from None
        except RecursionError:
            raise PlannerError(Problem(Where(name, line=1), deferred("is nested too deeply to read"),
                                       deferred("flatten the tables"))) from None
        for override in overrides:
            apply_override(data, override)
        problems = Problems(name, Locator(text))
        schedule = _Loader(problems).schedule(Table(data, "", problems), name)
    if problems.found:
        found = _without_follow_ons(problems.found, data)
        raise PlannerError(*(_blame_overrides(problem, overrides) for problem in found))
    return schedule


def _reason(item: Table) -> Text:
    """A blackout's reason; without one, "blackout" in the reader's language."""
    reason = item.localized("reason", default="")
    if reason:
        return reason
    default = fixed(N_("blackout"))
    return Text(default.en, reason.es or default.es)


def _without_follow_ons(found: list[Problem], data: dict[str, Any]) -> list[Problem]:
    """Without "forums.talks.name: missing" when the name is in a misspelt `[forum.talks]`:
    the unknown key, reported with its line and the right name, already says what to fix."""
    misspelt = [problem.where.key for problem in found
                if isinstance(problem.message, Phrase) and problem.message.message == "unknown key"
                and "." not in problem.where.key and "[" not in problem.where.key]

    def written_under_a_misspelt_table(problem: Problem) -> bool:
        if not (isinstance(problem.message, Phrase) and problem.message.message == "missing"):
            return False
        rest = problem.where.key.partition(".")[2].split(".")
        for top in misspelt:
            node: Any = data.get(top)
            for step in rest:
                node = node.get(step) if isinstance(node, dict) else None
            if node is not None:
                return True
        return False

    return [problem for problem in found if not written_under_a_misspelt_table(problem)]


def _blame_overrides(problem: Problem, overrides: Sequence[str]) -> Problem:
    """A problem in a value that --set gave is the command line's, not the file's."""
    for override in overrides:
        path = override.partition("=")[0].strip()
        key = problem.where.key
        if key == path or key.startswith((f"{path}.", f"{path}[")):
            fix = deferred("fix --set {path}=...", path=path)
            return Problem(Where("--set", key), problem.message,
                           joined([problem.hint, fix], THEN) if problem.hint else fix)
    return problem




_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def apply_override(data: dict[str, Any], override: str) -> None:
    """Set `key.path[1].name=value` in parsed TOML; the value is read as TOML, else as text."""
    path, sep, value_text = override.partition("=")
    where = Where("--set", path.strip())
    if not sep or not path.strip():
        raise PlannerError(Problem(where, deferred("{override} is not key.path=value",
                                                   override=repr(override)),
                                   deferred("e.g. --set forums.roundtable.regimes[1].cycle_months=12")))
    try:
        value = tomllib.loads(f"v = {value_text}")["v"]
    except tomllib.TOMLDecodeError:
        value = value_text
    steps: list[str | int] = [name if name else int(index)
                              for name, index in _STEP.findall(path.strip())]
    node: Any = data
    for step, following in zip(steps, steps[1:], strict=False):
        try:
            node = node[step] if isinstance(step, int) else node.setdefault(
                step, [] if isinstance(following, int) else {})
        except (IndexError, KeyError, TypeError, AttributeError):
            raise PlannerError(Problem(where, deferred("no such key in the schedule"),
                                       deferred("check the path against the file"))) from None
    try:
        node[steps[-1]] = value
    except (IndexError, TypeError):
        raise PlannerError(Problem(where, deferred("no such key in the schedule"),
                                   deferred("check the path against the file"))) from None


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str, name: str) -> Problem:
    line = getattr(error, "lineno", None)
    message = getattr(error, "msg", str(error))
    lines = text.split("\n")  # TOML breaks lines at LF only, not at U+2028
    if line and message.startswith(("Unclosed array", "Unclosed inline table")):
        opened = unclosed_since(text, line)
        if opened is not None and opened != line:
            source = lines[opened - 1].strip()[:80]
            return Problem(Where(name, line=opened),
                           deferred("`{source}` opens a bracket that is never closed", source=source),
                           deferred("close it with ] (or }} for an inline table)"))
    source = lines[line - 1].strip()[:80] if line and 0 < line <= len(lines) else ""
    error_text = toml_error(message)
    detail = (deferred("TOML syntax error: {error} in `{source}`", error=error_text, source=source)
              if source else deferred("TOML syntax error: {error}", error=error_text))
    return Problem(Where(name, line=line), detail, _syntax_hint(source))


def _syntax_hint(source: str) -> Phrase:
    """What to do about the mistakes people make most: quotes from Word, dates as on paper."""
    if any(quote in source for quote in "“”‘’«»"):
        return deferred('replace the curly quotes (“ ” ‘ ’) with straight ones (" or \'); a '
                        "word processor changed them")
    if _PAPER_DATE.search(source):
        return deferred("write dates as YYYY-MM-DD without quotes, e.g. 2025-08-04")
    day = _ISO_DAY.search(source)
    if day:
        year, month, number = (int(part) for part in day.groups())
        if not 1 <= month <= 12:
            return deferred("there is no month {month}: write dates as YYYY-MM-DD",
                            month=f"{month:02d}")
        last = calendar.monthrange(year, month)[1]
        if number > last:
            month_name = Text(MONTHS.en.split()[month - 1], MONTHS.es.split()[month - 1])
            return deferred("{month} {year} has {days} days", month=month_name, year=str(year),
                            days=last)
    return deferred("fix the TOML syntax on that line")


_PAPER_DATE = re.compile(r"(?<![\d-])\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![\d-])")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _not_a_schedule(raw: bytes) -> Phrase | None:
    """What a file that is clearly not TOML is, to say so instead of a syntax error."""
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.upper().startswith(b"BEGIN:VCALENDAR"):
        return deferred("this is a calendar file, not a schedule")
    if head.startswith(b"PK\x03\x04"):
        return deferred("this is a spreadsheet or document (.xlsx, .docx, .zip), not a schedule")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return deferred("this is an old Office file (.xls, .doc), not a schedule")
    if head.startswith(b"%PDF"):
        return deferred("this is a PDF, not a schedule")
    return None


class _Loader:
    """Builds model objects from tables; references are checked after everything is read."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.countries = supported_countries()
        self.leader_ids: set[str] = set()
        self.line_ids: list[str] = []

    # -- helpers ---------------------------------------------------------------------------
    def _id(self, table: Table, value: str) -> str:
        if not _ID.fullmatch(value):
            self.problems.add(table.path, deferred("id {id} must be letters, digits, '_' or '-'",
                                                      id=repr(value)),
                              deferred("rename it, e.g. executive_session"))
        return value

    def _date(self, table: Table, name: str, required: bool = True) -> dt.date | None:
        value = table.date(name, required)
        if value is not None and not EARLIEST <= value <= LATEST:
            self.problems.add(table.key(name), deferred("{value} is out of range", value=str(value)),
                              deferred("use a date between 1900 and 2199"))
            return None
        return value

    def _country(self, table: Table, name: str) -> str:
        code = table.text(name)
        if code and code.upper() not in self.countries:
            self.problems.add(table.key(name), deferred("unknown country {code}", code=repr(code)),
                              deferred("use an ISO 3166 code the holidays package supports, e.g. "
                                       "US or MX"))
        return code.upper()

    def _span(self, table: Table, start: str, end: str) -> tuple[dt.date, dt.date] | None:
        first = self._date(table, start)
        last = self._date(table, end)
        if first is None or last is None:
            return None
        if last < first:
            self.problems.add(table.key(end), deferred("{last} is before {start} {first}", last=last,
                                                          start=start, first=first),
                              deferred("make {end} the same day as {start} or later", end=end,
                                       start=start))
            return None
        return first, last

    def _failed_under(self, key: str) -> bool:
        """Whether a problem was already reported at or below `key` (no second one for it)."""
        return any(p.where.key == key or p.where.key.startswith((key + ".", key + "["))
                   for p in self.problems.found)

    def _refs(self, table: Table, name: str, values: tuple[str, ...], known: set[str],
              what: str) -> None:
        for value in values:
            if value not in known:
                close = difflib.get_close_matches(value, sorted(known), n=1)
                choices = ", ".join(sorted(known)) or deferred("none declared")
                hint = (deferred("did you mean {key}?", key=repr(close[0])) if close
                        else deferred("use one of: {choices}", choices=choices))
                self.problems.add(table.key(name),
                                  deferred("unknown {what} {value}", what=deferred(what),
                                           value=repr(value)), hint)

    # -- the file ----------------------------------------------------------------------------
    def schedule(self, root: Table, name: str) -> Schedule:
        plan = root.table("plan", required=True) or Table({}, "plan", self.problems)
        title = plan.localized("name")
        calendar_name = plan.localized("calendar_name", default="") or title
        uid_domain = plan.text("uid_domain", default="planner.invalid")
        if not _DOMAIN.fullmatch(uid_domain):
            self.problems.add(plan.key("uid_domain"), deferred("{domain} is not a domain name",
                                                                domain=repr(uid_domain)),
                              deferred("use letters, digits, '.' and '-', e.g. "
                                       "roundtable.example.org"))
        span = self._span(plan, "from", "to")
        chairs = plan.localized("chairs", default="")
        headline_kinds = plan.texts("headline_kinds") if plan.has("headline_kinds") else None
        plan.finish()
        lines = tuple(self.line_of_effort(lid, t) for lid, t in root.named_tables("lines_of_effort"))
        self.line_ids = [line.id for line in lines]
        days = self.days(root.table("days") or Table({}, "days", self.problems))
        parties = tuple(self.party(pid, t) for pid, t in root.named_tables("parties"))
        venues = tuple(self.venue(vid, t) for vid, t in root.named_tables("venues"))
        if not parties:
            self.problems.add("parties", deferred("no parties declared"),
                              deferred("add [parties.<id>] tables"))
        party_ids = {p.id for p in parties}
        venue_ids = {v.id for v in venues}
        leaders = tuple(self.leader(lid, t, party_ids) for lid, t in root.named_tables("leaders"))
        self.leader_ids = {leader.id for leader in leaders}
        exercises = tuple(self.exercise(eid, t, venue_ids, party_ids)
                          for eid, t in root.named_tables("exercises"))
        categories = {e.category for e in exercises}
        forums = tuple(self.forum(fid, t, party_ids, venue_ids, categories)
                       for fid, t in root.named_tables("forums"))
        bodies = tuple(self.approving_body(bid, t) for bid, t in root.named_tables("approving_bodies"))
        body_ids = {b.id for b in bodies}
        deployments = tuple(self.deployment(did, t, venue_ids, body_ids)
                            for did, t in root.named_tables("deployments"))
        root.finish()
        first, last = span or (EARLIEST, EARLIEST)
        program = Program(lines, chairs, self._headline_kinds(plan, headline_kinds, forums))
        return Schedule(name, title, calendar_name, uid_domain, first, last, days, parties,
                        venues, forums, exercises, bodies, deployments, leaders, program)

    def _headline_kinds(self, plan: Table, declared: tuple[str, ...] | None,
                        forums: tuple[Forum, ...]) -> tuple[str, ...]:
        """The declared headline kinds, each used by an activity; by default every kind of a
        forum's activities, in the order of the file."""
        used = [activity.kind for forum in forums for activity in forum.activities]
        if declared is None:
            return tuple(dict.fromkeys(used))
        self._refs(plan, "headline_kinds", declared, set(used), N_("activity kind"))
        return declared

    def days(self, table: Table) -> DayRules:
        holidays = self._countries(table, "holidays")
        weekend = table.weekdays("weekend")
        holy_week = self._countries(table, "holy_week")
        military_days = self._countries(table, "military_days")
        yearly = []
        for item in table.tables("yearly_blackouts"):
            start, end = self._month_day(item, "from"), self._month_day(item, "to")
            reason = _reason(item)
            item.finish()
            if start and end:
                yearly.append(YearlyBlackout(start, end, reason))
        blackouts = []
        for item in table.tables("blackouts"):
            span = self._span(item, "from", "to")
            reason = _reason(item)
            item.finish()
            if span:
                blackouts.append(Blackout(span[0], span[1], reason))
        table.finish()
        return DayRules(holidays, weekend if weekend is not None else frozenset({5, 6}),
                        tuple(blackouts), tuple(yearly), holy_week, military_days)

    def _countries(self, table: Table, name: str) -> tuple[str, ...]:
        codes = tuple(code.upper() for code in table.texts(name))
        for code in codes:
            if code not in self.countries:
                self.problems.add(table.key(name), deferred("unknown country {code}", code=repr(code)),
                                  deferred("use ISO 3166 codes the holidays package supports, "
                                           "e.g. US, MX"))
        return codes

    def leader(self, leader_id: str, table: Table, parties: set[str]) -> Leader:
        name = table.localized("name")
        party = table.text("party")
        self._refs(table, "party", (party,), parties, N_("party"))
        travel_days = table.integer("travel_days", 0, 30, default=2)
        table.finish()
        return Leader(self._id(table, leader_id), name, party, travel_days, table.where)

    def line_of_effort(self, line_id: str, table: Table) -> LineOfEffort:
        line = LineOfEffort(self._id(table, line_id), table.localized("name"), table.where)
        table.finish()
        return line

    def party(self, party_id: str, table: Table) -> Party:
        party = Party(self._id(table, party_id), table.localized("name"),
                      self._country(table, "country"), table.where,
                      self._zone(table, required=False) or None)
        table.finish()
        return party

    def _zone(self, table: Table, required: bool = True) -> str:
        zone = table.text("timezone") if required else table.text("timezone", default="")
        if zone:
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError, OSError):  # "US" is a folder of zones
                self.problems.add(table.key("timezone"),
                                  deferred("unknown time zone {zone}", zone=repr(zone)),
                                  deferred("use an IANA name such as America/Mexico_City"))
        return zone

    def venue(self, venue_id: str, table: Table) -> Venue:
        zone = self._zone(table)
        venue = Venue(self._id(table, venue_id), table.localized("name"),
                      self._country(table, "country"), zone, table.where,
                      table.localized("short", default=""))
        table.finish()
        return venue

    # -- forums ------------------------------------------------------------------------------
    def forum(self, forum_id: str, table: Table, parties: set[str], venues: set[str],
              categories: set[str]) -> Forum:
        name = table.localized("name")
        short = table.localized("short", default=forum_id)
        forum_parties = table.texts("parties", required=True)
        self._refs(table, "parties", forum_parties, parties, N_("party"))
        forum_leaders = table.texts("leaders")
        self._refs(table, "leaders", forum_leaders, self.leader_ids, N_("leader"))
        activities = tuple(self.activity(aid, t, parties, venues, categories, forum_leaders)
                           for aid, t in table.named_tables("activities"))
        self._check_spacing(activities)
        activity_ids = {a.id for a in activities}
        regimes = tuple(self.regime(t, activity_ids) for t in table.tables("regimes"))
        series = tuple(self.series(sid, t, parties, venues, forum_leaders)
                       for sid, t in table.named_tables("series"))
        if not regimes and not series:
            self.problems.add(table.key("regimes"), deferred("no regimes or series declared"),
                              deferred("add a [[forums.<id>.regimes]] table with cycle_months and "
                                       "start"))
        self._check_overlap(regimes)
        held = tuple(self.held(t, activity_ids, venues) for t in table.tables("held"))
        table.finish()
        return Forum(self._id(table, forum_id), name, short, forum_parties, activities,
                     regimes, tuple(h for h in held if h is not None), series, table.where)

    def series(self, series_id: str, table: Table, parties: set[str], venues: set[str],
               forum_leaders: tuple[str, ...]) -> Series:
        title = table.localized("title")
        kind = table.text("kind", default="staff-work")
        rule = table.text("rrule")
        start = self._date(table, "start")
        end = self._date(table, "end", required=False)
        if start and end and end < start:
            self.problems.add(table.key("end"), f"{end} is before start {start}",
                              "make end later than start")
        self._check_rrule(table, rule, start)
        start_time, hours = self._timing(table)
        venue = table.text("venue")
        self._refs(table, "venue", (venue,), venues, N_("venue"))
        participants = table.texts("participants")
        self._refs(table, "participants", participants, parties, N_("party"))
        leaders = table.texts("leaders") if table.has("leaders") else forum_leaders
        if table.has("leaders"):  # the forum's own list is checked once, at the forum
            self._refs(table, "leaders", leaders, self.leader_ids, N_("leader"))
        description = table.localized("description", default="", multiline=True)
        line_of_effort = self._line_of_effort(table)
        table.finish()
        return Series(self._id(table, series_id), title, kind, rule.upper(), start or EARLIEST, end,
                      start_time, hours, venue, participants, leaders, description, line_of_effort,
                      table.where)

    def _timing(self, table: Table) -> tuple[dt.time | None, float | None]:
        """start_time and hours of a timed event: both or neither."""
        start_time = table.time("start_time")
        hours = table.number("hours", 0.25, 24)
        if (start_time is None) != (hours is None):
            self.problems.add(table.key("hours" if start_time else "start_time"),
                              deferred("timed events need both start_time and hours"),
                              deferred("add the missing one, or remove both for an all-day event"))
        return start_time, hours

    def _check_rrule(self, table: Table, rule: str, start: dt.date | None) -> None:
        if not rule:
            return
        problem = rrule_problem(rule)
        if problem is not None:
            message, hint = problem
            self.problems.add(table.key("rrule"), message, hint)
            return
        try:
            rrulestr(f"RRULE:{rule.upper()}",
                     dtstart=dt.datetime.combine(start or EARLIEST, dt.time()))
        except (ValueError, TypeError) as error:
            self.problems.add(table.key("rrule"),
                              deferred("is not an RFC 5545 rule: {error}", error=str(error)),
                              _RRULE_EXAMPLE)

    def activity(self, activity_id: str, table: Table, parties: set[str], venues: set[str],
                 categories: set[str], forum_leaders: tuple[str, ...]) -> Activity:
        title = table.localized("title")
        kind = table.text("kind", default="meeting")
        days = table.integer("days", 1, 92, default=1)
        start_time, hours = self._timing(table)
        if hours is not None and days != 1:
            self.problems.add(table.key("days"), deferred("a timed event lasts one day"),
                              deferred("remove days, or remove start_time and hours"))
        weekdays = table.weekdays("weekdays")
        if weekdays is not None and not weekdays:
            self.problems.add(table.key("weekdays"), deferred("allows no day at all"),
                              deferred("list at least one weekday"))
        preferred = table.integers("preferred_months", 1, 12)
        activity_venues = table.texts("venues")
        self._refs(table, "venues", activity_venues, venues, N_("venue"))
        if table.has("venue"):
            single = table.text("venue")
            self._refs(table, "venue", (single,), venues, N_("venue"))
            activity_venues = (single,) + activity_venues
        during = table.texts("during_exercise")
        self._refs(table, "during_exercise", during, categories, N_("exercise category"))
        if not activity_venues and not during:
            self.problems.add(table.key("venue"), deferred("no venue"),
                              deferred('add venue = "<id>", venues = [...] for a rotation, or '
                                       "during_exercise = [...]"))
        participants = table.texts("participants")
        self._refs(table, "participants", participants, parties, N_("party"))
        numbered = table.flag("numbered", False)
        description = table.localized("description", default="", multiline=True)
        line_of_effort = self._line_of_effort(table)
        leaders = table.texts("leaders") if table.has("leaders") else forum_leaders
        if table.has("leaders"):  # the forum's own list is checked once, at the forum
            self._refs(table, "leaders", leaders, self.leader_ids, N_("leader"))
        remote = table.flag("remote", False)
        spacing = tuple(self.spacing(t) for t in table.tables("spacing"))
        tasks = tuple(self.task(t) for t in table.tables("tasks"))
        table.finish()
        return Activity(self._id(table, activity_id), title, kind, days, start_time, hours,
                        weekdays, preferred, activity_venues, participants, during, numbered,
                        description, line_of_effort, leaders, remote, spacing, tasks, table.where)

    def spacing(self, table: Table) -> Spacing:
        after = table.text("after")
        min_months = table.integer("min_months", 0, 240, default=0)
        min_days = table.integer("min_days", 0, 7300, default=0)
        max_months = table.integer("max_months", 0, 240, default=0) if table.has("max_months") else None
        max_days = table.integer("max_days", 0, 7300, default=0) if table.has("max_days") else None
        if not any(table.has(k) for k in ("min_months", "min_days", "max_months", "max_days")):
            self.problems.add(table.path, deferred("sets no gap"),
                              deferred("add min_months, min_days, max_months or max_days"))
        table.finish()
        return Spacing(after, min_months, min_days, max_months, max_days)

    def _check_spacing(self, activities: tuple[Activity, ...]) -> None:
        known = {a.id for a in activities}
        for activity in activities:
            for index, rule in enumerate(activity.spacing):
                if rule.after not in known:
                    key = f"{activity.where.key}.spacing[{index}].after"
                    self.problems.add(key, deferred("unknown {what} {value}", what=deferred("activity"),
                                               value=repr(rule.after)),
                                      deferred("use one of: {choices}",
                                               choices=", ".join(sorted(known))))

    def task(self, table: Table) -> Task:
        task_id = table.text("id")
        title = table.localized("title")
        days_before = table.integer("days_before", 0, 730)
        alarm_days = table.integer("alarm_days", 0, 365, default=0) if table.has("alarm_days") else None
        table.finish()
        return Task(self._id(table, task_id), title, days_before, alarm_days)

    def _line_of_effort(self, table: Table) -> str:
        value = table.text("line_of_effort", default="")
        if value and value not in self.line_ids:
            hint = (deferred("use one of: {choices}", choices=", ".join(self.line_ids))
                    if self.line_ids else
                    deferred("declare it as [lines_of_effort.{id}] with a name", id=value))
            self.problems.add(table.key("line_of_effort"),
                              deferred("unknown {what} {value}", what=deferred("line of effort"),
                                       value=repr(value)), hint)
            return ""
        return value

    def regime(self, table: Table, activities: set[str]) -> Regime:
        regime_id = table.text("id")
        before = len(self.problems.found)
        cycle_months = table.integer("cycle_months", 1, 120)
        if len(self.problems.found) > before:
            cycle_months = 120  # already reported; don't also call every phase outside it
        start = self._date(table, "start")
        end = self._date(table, "end", required=False)
        if start and end and end < start:
            self.problems.add(table.key("end"), f"{end} is before start {start}",
                              "make end later than start")
        planned = table.flag("planned", True)
        phases = tuple(self.phase(t, cycle_months, activities) for t in table.tables("phases"))
        self._check_once_per_cycle(table, phases)
        if not phases:
            self.problems.add(table.key("phases"), deferred("no phases declared"),
                              deferred("add phases = [{{ id = ..., months = [1, 12], activities = "
                                       "[...] }}]"))
        table.finish()
        return Regime(self._id(table, regime_id), cycle_months, start or EARLIEST, end, phases,
                      planned, table.where)

    def phase(self, table: Table, cycle_months: int, activities: set[str]) -> Phase:
        phase_id = table.text("id")
        name = table.localized("name", default=phase_id)
        months = table.integers("months", 1, 120)
        bounds = (1, 1)
        if len(months) != 2 or months[0] > months[1]:
            self.problems.add(table.key("months"), deferred("must be [first, last] months of the cycle"),
                              deferred("e.g. months = [13, 24]"))
        elif months[1] > cycle_months:
            self.problems.add(table.key("months"),
                              deferred("month {month} is outside the {months}-month cycle",
                                       month=months[1], months=cycle_months),
                              deferred("keep the phase within months 1 to {months}",
                                       months=cycle_months))
        else:
            bounds = (months[0], months[1])
        listed = table.texts("activities", required=True)
        self._refs(table, "activities", listed, activities, N_("activity"))
        table.finish()
        return Phase(self._id(table, phase_id), name, bounds, listed, table.where)

    def _check_once_per_cycle(self, table: Table, phases: tuple[Phase, ...]) -> None:
        """An activity is placed once per cycle; two phases listing it would share one event id."""
        seen: set[str] = set()
        for index, phase in enumerate(phases):
            for activity in phase.activities:
                if activity in seen:
                    self.problems.add(f"{table.key('phases')}[{index}].activities",
                                      deferred("{activity} is already in another phase of this "
                                               "regime", activity=repr(activity)),
                                      deferred("list it in one phase, or declare a second "
                                               "activity"))
                seen.add(activity)

    def _check_overlap(self, regimes: tuple[Regime, ...]) -> None:
        ordered = sorted(regimes, key=lambda r: r.start)
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if earlier.end is None or earlier.end >= later.start:
                self.problems.add(later.where.key + ".start",
                                  deferred("regime {later} starts while {earlier} still runs",
                                           later=repr(later.id), earlier=repr(earlier.id)),
                                  deferred("end {earlier} before {start}", earlier=repr(earlier.id),
                                           start=later.start))

    def held(self, table: Table, activities: set[str], venues: set[str]) -> HeldEvent | None:
        activity = table.text("activity")
        self._refs(table, "activity", (activity,), activities, N_("activity"))
        number = table.integer("number", 1, 999, default=0) or None
        venue = table.text("venue", default="") or None
        if venue:
            self._refs(table, "venue", (venue,), venues, N_("venue"))
        note = table.localized("note", default="", multiline=True)
        when = self._held_dates(table)
        table.finish()
        if when is None:
            return None
        return HeldEvent(activity, number, when[0], when[1], when[2], venue, note, table.where)

    def _held_dates(self, table: Table) -> tuple[dt.date, dt.date, Precision] | None:
        forms = [k for k in ("date", "start", "month", "year") if table.has(k)]
        if len(forms) != 1:
            table.mark_read("date", "start", "end", "month", "year")
            self.problems.add(table.path, deferred("give exactly one of date, start/end, month or year"),
                              deferred('e.g. month = "2023-08" when only the month is known'))
            return None
        form = forms[0]
        if form == "date":
            day = self._date(table, "date")
            return (day, day, Precision.DAY) if day else None
        if form == "start":
            span = self._span(table, "start", "end")
            return (span[0], span[1], Precision.DAY) if span else None
        if form == "month":
            text = table.text("month")
            match = _YEAR_MONTH.match(text)
            if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2199:
                self.problems.add(table.key("month"),
                                  deferred('must be "YYYY-MM", got {got}', got=repr(text)),
                                  deferred('e.g. month = "2023-08"'))
                return None
            year, month = int(match.group(1)), int(match.group(2))
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), Precision.MONTH
        year = table.integer("year", 1900, 2199)
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR

    # -- exercises and deployments --------------------------------------------------------------
    def exercise(self, exercise_id: str, table: Table, venues: set[str],
                 parties: set[str]) -> Exercise:
        name = table.localized("name")
        category = table.text("category")
        venue = table.text("venue")
        self._refs(table, "venue", (venue,), venues, N_("venue"))
        participants = table.texts("participants")
        self._refs(table, "participants", participants, parties, N_("party"))
        every = table.integer("every_months", 1, 120, default=0) or None
        windows = []
        for item in table.tables("windows"):
            span = self._span(item, "start", "end")
            item.finish()
            if span:
                windows.append(ExerciseWindow(span[0], span[1]))
        if not windows and not table.has("windows"):
            self.problems.add(table.key("windows"), deferred("missing"),
                              deferred("add [[exercises.<id>.windows]] with start and end"))
        table.finish()
        return Exercise(self._id(table, exercise_id), name, category, venue, participants,
                        tuple(sorted(windows, key=lambda w: w.start)), every, table.where)

    def approving_body(self, body_id: str, table: Table) -> ApprovingBody:
        name = table.localized("name")
        country = self._country(table, "country")
        periods = []
        for item in table.tables("periods"):
            start = self._month_day(item, "from")
            end = self._month_day(item, "to")
            item.finish()
            if start and end:
                periods.append(SessionPeriod(start, end))
        if not periods:
            self.problems.add(table.key("periods"), deferred("no session periods"),
                              deferred('add periods = [{{ from = "09-01", to = "12-15" }}, ...]'))
        extended_years = table.integers("extended_years", 1900, 2199)
        extended_end = self._month_day(table, "extended_to", required=bool(extended_years))
        sitting = table.weekdays("sitting_weekdays")
        lead = table.integer("request_lead_days", 0, 365, default=0) if table.has("request_lead_days") \
            else None
        table.finish()
        return ApprovingBody(self._id(table, body_id), name, country, tuple(periods),
                             extended_years, extended_end or (12, 31),
                             sitting if sitting else frozenset(range(7)), lead, table.where)

    def _month_day(self, table: Table, name: str, required: bool = True) -> tuple[int, int] | None:
        if not required and not table.has(name):
            return None
        text = table.text(name)
        match = _MONTH_DAY.match(text)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2001, month)[1]:
                return month, day
        if text:
            self.problems.add(table.key(name), deferred('must be "MM-DD", got {got}', got=repr(text)),
                              deferred('e.g. "12-15"'))
        return None

    def deployment(self, deployment_id: str, table: Table, venues: set[str],
                   bodies: set[str]) -> DeploymentWindow:
        title = table.localized("title")
        direction_text = table.text("direction")
        try:
            direction = Direction(direction_text)
        except ValueError:
            if direction_text:
                self.problems.add(table.key("direction"), deferred("unknown direction {direction}",
                                                                       direction=repr(direction_text)),
                                  deferred('use "entry" (foreign troops enter) or "exit" '
                                           "(national troops leave)"))
            direction = Direction.ENTRY
        sending = self._country(table, "sending_country")
        host = self._country(table, "host_country")
        personnel = table.integer("personnel", 1, 1_000_000, default=0) or None
        unit = table.localized("unit", default="")
        purpose = table.localized("purpose", default="")
        body = table.text("approving_body")
        self._refs(table, "approving_body", (body,), bodies, N_("approving body"))
        request_sent = self._date(table, "request_sent", required=False)
        approved = self._date(table, "approved", required=False)
        line_of_effort = self._line_of_effort(table)
        phases = []
        for item in table.tables("phases"):
            phase_name = item.localized("name")
            venue = item.text("venue")
            self._refs(item, "venue", (venue,), venues, N_("venue"))
            span = self._span(item, "start", "end")
            item.finish()
            if span:
                phases.append(DeploymentPhase(phase_name, venue, span[0], span[1]))
        if not phases and not self._failed_under(table.key("phases")):
            self.problems.add(table.key("phases"), deferred("missing or empty"),
                              deferred("add [[deployments.<id>.phases]] with name, venue, start and "
                                       "end"))
        table.finish()
        placeholder = DeploymentPhase(Text(""), "", EARLIEST, EARLIEST)
        return DeploymentWindow(self._id(table, deployment_id), title, direction, sending, host,
                                personnel, unit, purpose, tuple(phases) or (placeholder,), body,
                                request_sent, approved, line_of_effort, table.where)
