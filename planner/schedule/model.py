"""The schedule as typed, immutable data: what the TOML file says, validated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, TypeVar

from planner.errors import Where
from planner.i18n import Text

NOWHERE = Where("<built-in>")


class Precision(Enum):
    """How exactly a held event's date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Direction(Enum):
    """Which way troops cross the border in a deployment window."""

    ENTRY = "entry"  # foreign troops entering the host country
    EXIT = "exit"  # national troops leaving for the host country


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: Text
    country: str
    where: Where = field(default=NOWHERE, compare=False, repr=False)
    timezone: str | None = None  # where it works from: calls show their time there too


@dataclass(frozen=True, slots=True)
class Venue:
    id: str
    name: Text
    country: str
    timezone: str  # IANA name, checked against zoneinfo at load time
    where: Where = field(default=NOWHERE, compare=False, repr=False)
    short: Text = Text("")  # the host's place in few words, for labels; default: the name

    @property
    def label(self) -> Text:
        """The short name, else the name up to its first comma ("Mexico City")."""
        if self.short:
            return self.short
        return Text(self.name.en.split(",")[0], (self.name.es or self.name.en).split(",")[0])


@dataclass(frozen=True, slots=True)
class Blackout:
    start: dt.date
    end: dt.date  # inclusive
    reason: Text


@dataclass(frozen=True, slots=True)
class YearlyBlackout:
    """A blackout that comes back every year, e.g. the US fiscal year-end (09-24 to 09-30)."""

    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]  # inclusive; may wrap past Dec 31
    reason: Text


@dataclass(frozen=True, slots=True)
class DayRules:
    """Which days are closed for meetings everywhere in the plan."""

    holiday_countries: tuple[str, ...]  # avoided in addition to participants' countries
    weekend: frozenset[int]  # 0 = Monday
    blackouts: tuple[Blackout, ...]
    yearly_blackouts: tuple[YearlyBlackout, ...] = ()
    holy_week: tuple[str, ...] = ()  # countries whose events avoid Palm Sunday to Easter
    military_days: tuple[str, ...] = ()  # countries whose events avoid their military days


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """A key of the `[rules]` table as written: the engine's rules declare and check them."""

    key: str
    value: object
    where: Where


@dataclass(frozen=True, slots=True)
class LineOfEffort:
    """A strand of the program's work; the Annual Plan of Activities groups activities by it."""

    id: str
    name: Text
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Program:
    """What the schedule says about the program as a whole, for reports and comparisons."""

    lines_of_effort: tuple[LineOfEffort, ...] = ()  # in the order the APA lists them
    chairs: Text = Text("")  # who validates the APA, e.g. "the tri-chairs"
    headline_kinds: tuple[str, ...] = ()  # the kinds of activity compare counts and reports stress


@dataclass(frozen=True, slots=True)
class Leader:
    """A person or position who cannot be in two places at once."""

    id: str
    name: Text
    party: str
    travel_days: int  # free days needed between events in different countries
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Spacing:
    """This activity starts at least / at most so long after the end of another one."""

    after: str  # activity id in the same forum (may be the activity itself)
    min_months: int
    min_days: int
    max_months: int | None
    max_days: int | None


@dataclass(frozen=True, slots=True)
class Task:
    """Staff work due a number of days before each occurrence of an activity."""

    id: str
    title: Text
    days_before: int
    alarm_days: int | None


@dataclass(frozen=True, slots=True)
class Activity:
    """Something to place once in each cycle's phase that lists it."""

    id: str
    title: Text
    kind: str
    days: int
    start_time: dt.time | None  # set for timed events
    hours: float | None
    weekdays: frozenset[int] | None  # None: any day that is not a weekend
    preferred_months: tuple[int, ...]
    venues: tuple[str, ...]  # one venue, or a rotation in this order
    participants: tuple[str, ...]  # party ids
    during_exercise: tuple[str, ...]  # exercise categories it must fall inside; empty: none
    numbered: bool
    description: Text
    line_of_effort: str  # "" or the id of a declared line of effort, for the APA
    leaders: tuple[str, ...] = ()  # leader ids who attend
    remote: bool = False  # a call: leaders attend without travelling
    spacing: tuple[Spacing, ...] = ()
    tasks: tuple[Task, ...] = ()
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Phase:
    id: str
    name: Text
    months: tuple[int, int]  # inclusive months of the cycle, 1-based
    activities: tuple[str, ...]  # activity ids
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Regime:
    """A period of the forum's life with one cycle length and its phases."""

    id: str
    cycle_months: int
    start: dt.date
    end: dt.date | None  # inclusive; None: open-ended
    phases: tuple[Phase, ...]
    planned: bool  # False: history only, nothing is placed, held events are kept
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class HeldEvent:
    """A fact of the past, kept as recorded and never moved."""

    activity: str
    number: int | None
    start: dt.date
    end: dt.date  # inclusive
    precision: Precision
    venue: str | None
    note: Text
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Series:
    """Regular staff work "throughout the year", as an RFC 5545 recurrence rule."""

    id: str
    title: Text
    kind: str
    rrule: str  # e.g. "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"; no COUNT or UNTIL (see `end`)
    start: dt.date  # the rule's DTSTART
    end: dt.date | None  # last day an occurrence may fall on; None: the plan's end
    start_time: dt.time | None
    hours: float | None
    venue: str
    participants: tuple[str, ...]
    leaders: tuple[str, ...]
    description: Text
    line_of_effort: str
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Forum:
    id: str
    name: Text
    short: Text
    parties: tuple[str, ...]
    activities: tuple[Activity, ...]
    regimes: tuple[Regime, ...]
    held: tuple[HeldEvent, ...]
    series: tuple[Series, ...] = ()
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    def activity(self, activity_id: str) -> Activity:
        return next(a for a in self.activities if a.id == activity_id)


@dataclass(frozen=True, slots=True)
class ExerciseWindow:
    start: dt.date
    end: dt.date  # inclusive
    projected: bool = False  # True when derived from `every_months`, not announced


@dataclass(frozen=True, slots=True)
class Exercise:
    """A combined exercise or training that leaders may visit."""

    id: str
    name: Text
    category: str
    venue: str
    participants: tuple[str, ...]
    windows: tuple[ExerciseWindow, ...]
    every_months: int | None  # repeat the last known window at this interval
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SessionPeriod:
    """An ordinary period of a legislature, as (month, day) bounds, inclusive."""

    start: tuple[int, int]
    end: tuple[int, int]


@dataclass(frozen=True, slots=True)
class ApprovingBody:
    """A legislature whose vote a deployment needs, and when it sits."""

    id: str
    name: Text
    country: str
    periods: tuple[SessionPeriod, ...]
    extended_years: tuple[int, ...]  # years whose autumn period runs to `extended_end`
    extended_end: tuple[int, int]
    sitting_weekdays: frozenset[int]
    request_lead_days: int | None = None  # days the request needs before the vote deadline
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class DeploymentPhase:
    name: Text
    venue: str
    start: dt.date
    end: dt.date  # inclusive


@dataclass(frozen=True, slots=True)
class DeploymentWindow:
    """Troops crossing the border for an activity, with the approval it needs."""

    id: str
    title: Text
    direction: Direction
    sending_country: str
    host_country: str
    personnel: int | None  # None: not recorded
    unit: Text
    purpose: Text
    phases: tuple[DeploymentPhase, ...]
    approving_body: str
    request_sent: dt.date | None
    approved: dt.date | None
    line_of_effort: str
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    @property
    def start(self) -> dt.date:
        return min(phase.start for phase in self.phases)

    @property
    def end(self) -> dt.date:
        return max(phase.end for phase in self.phases)


@dataclass(frozen=True, slots=True)
class Schedule:
    """Everything one schedule file declares."""

    path: str
    name: Text
    calendar_name: Text
    uid_domain: str
    plan_from: dt.date
    plan_to: dt.date
    days: DayRules
    parties: tuple[Party, ...]
    venues: tuple[Venue, ...]
    forums: tuple[Forum, ...]
    exercises: tuple[Exercise, ...]
    approving_bodies: tuple[ApprovingBody, ...]
    deployments: tuple[DeploymentWindow, ...]
    leaders: tuple[Leader, ...] = ()
    program: Program = Program()
    rule_settings: tuple[RuleSetting, ...] = ()
    # Lookups by id, made once: planning asks for venues and parties thousands of times.
    _venues: dict[str, Venue] = field(init=False, repr=False, compare=False)
    _parties: dict[str, Party] = field(init=False, repr=False, compare=False)
    _leaders: dict[str, Leader] = field(init=False, repr=False, compare=False)
    _approving_bodies: dict[str, ApprovingBody] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_venues", _by_id(self.venues))
        object.__setattr__(self, "_parties", _by_id(self.parties))
        object.__setattr__(self, "_leaders", _by_id(self.leaders))
        object.__setattr__(self, "_approving_bodies", _by_id(self.approving_bodies))

    def venue(self, venue_id: str) -> Venue:
        return self._venues[venue_id]

    def party(self, party_id: str) -> Party:
        return self._parties[party_id]

    def leader(self, leader_id: str) -> Leader:
        return self._leaders[leader_id]

    def approving_body(self, body_id: str) -> ApprovingBody:
        return self._approving_bodies[body_id]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_Identified)


def _by_id(items: tuple[_Item, ...]) -> dict[str, _Item]:
    """Items by id; the first of a repeated id wins, as a search in order would find it."""
    found: dict[str, _Item] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found
