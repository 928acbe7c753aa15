"""The engine's output: dated events, each with the story of how it got its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from planner.days.legislature import recesses
from planner.errors import Problem, Where
from planner.i18n import Text
from planner.schedule.model import ApprovingBody, Phase, Precision, Program, Regime


class Status(Enum):
    HELD = "held"  # a recorded fact of the past
    PLANNED = "planned"  # placed by the engine
    FIXED = "fixed"  # dates given in the schedule (exercise and deployment windows)
    DEADLINE = "deadline"  # derived from a rule (approval deadlines)


@dataclass(frozen=True, slots=True)
class Refusal:
    """A candidate day a rule turned down, and why."""

    day: dt.date
    rule: str
    reason: str  # an i18n.Phrase: written in the reader's language when shown

    @property
    def blocking_event(self) -> str | None:
        """The id of the event that made the rule refuse (a leader's booking, the event it is
        spaced from), read from the reason's `event` field: None when no event is to blame."""
        values: tuple[tuple[str, object], ...] = getattr(self.reason, "values", ())
        return next((str(value) for name, value in values if name == "event"), None)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Why an event is on its date: the rule that decided, and what was refused on the way."""

    decided_by: str  # rule or source name, e.g. "earliest allowed day" or "held"
    summary: Text  # one sentence in plain words
    window: tuple[dt.date, dt.date] | None = None
    refusals: tuple[Refusal, ...] = ()  # candidates tried before the winner, in order tried
    removed: tuple[tuple[str, int], ...] = ()  # days removed per rule over the window tried
    candidates: int = 0  # candidate days tried, the winner included

    @property
    def constrained_by(self) -> tuple[str, ...]:
        """The events the refusals blame, by id, each once, in the order first refused."""
        blamed = (refusal.blocking_event for refusal in self.refusals)
        return tuple(dict.fromkeys(event_id for event_id in blamed if event_id is not None))


@dataclass(frozen=True, slots=True)
class SeriesRef:
    """Marks an occurrence of a regular series, so calendars can write one RRULE for all."""

    id: str  # the series' event id (its UID stem)
    rrule: str  # RFC 5545 RRULE value without COUNT or UNTIL
    exdates: tuple[dt.date, ...]  # rule dates that were refused and moved or dropped


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """One event of the plan, all-day (dates) or timed (aware datetimes in the venue's zone)."""

    id: str
    forum: str  # forum id, or "exercises" / "deployments"
    activity: str  # activity, exercise or deployment id
    kind: str
    title: Text
    start: dt.date
    end: dt.date  # inclusive last day
    status: Status
    venue: str | None
    location: Text
    timezone: str | None
    participants: tuple[str, ...]
    description: Text
    provenance: Provenance
    start_time: dt.datetime | None = None  # timed events only
    end_time: dt.datetime | None = None
    cycle: Text = Text("")  # e.g. "biennial cycle 2 (2026-01-01 to 2027-12-31)"
    phase: Text = Text("")
    number: int | None = None
    alarm_days: int | None = None  # remind this many days before
    line_of_effort: str = ""  # for the Annual Plan of Activities
    series: SeriesRef | None = None
    precision: Precision = Precision.DAY  # a held event whose day or month was not recorded
    recurrence_id: dt.date | None = None  # a moved occurrence of `series`: the rule's date

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def calendar_id(self) -> str:
        """The id of its calendar entry: a series' occurrences share one (an RRULE)."""
        return self.series.id if self.series is not None else self.id


@dataclass(frozen=True, slots=True)
class PhaseDates:
    """A phase of one cycle, laid onto the calendar."""

    phase: Phase
    start: dt.date
    end: dt.date  # inclusive


@dataclass(frozen=True, slots=True)
class CycleDates:
    """The `number`-th cycle of a forum's regime, with its phases' dates: reports shade them."""

    forum: str  # forum id
    regime: Regime
    number: int  # 1-based within the regime
    start: dt.date
    end: dt.date  # inclusive
    phases: tuple[PhaseDates, ...]


@dataclass(frozen=True, slots=True)
class Recess:
    """Days an approving body does not sit, and so cannot approve a deployment."""

    body: str  # approving body id
    start: dt.date
    end: dt.date  # inclusive


@dataclass(frozen=True, slots=True)
class Plan:
    """Every event in the horizon, sorted by start then id, and the warnings found; with the
    cycles that touch the horizon and the bodies that approve deployments, so reports need
    not ask the engine."""

    name: Text
    calendar_name: Text
    uid_domain: str
    horizon: tuple[dt.date, dt.date]
    events: tuple[PlannedEvent, ...]
    warnings: tuple[Problem, ...]
    notes: tuple[str, ...] = ()  # published events that had to move, and why
    program: Program = Program()  # lines of effort, chairs and headline kinds, for reports
    cycles: tuple[CycleDates, ...] = ()  # by forum, regime and number, as the schedule lists them
    bodies: tuple[ApprovingBody, ...] = ()  # that approve the plan's deployments, by id
    # `event` is asked once per task by `planner check`: scanning the events each time made
    # it quadratic, so events are indexed by id, and series by id to their first occurrence.
    _by_id: dict[str, PlannedEvent] = field(init=False, repr=False, compare=False)
    _by_series: dict[str, PlannedEvent] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, PlannedEvent] = {}
        by_series: dict[str, PlannedEvent] = {}
        for event in self.events:
            by_id.setdefault(event.id, event)
            if event.series is not None:
                by_series.setdefault(event.series.id, event)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_series", by_series)

    def event(self, event_id: str) -> PlannedEvent | None:
        """The event with this id; a series id gives the series' first occurrence."""
        return self._by_id.get(event_id) or self._by_series.get(event_id)

    def recesses(self) -> tuple[Recess, ...]:
        """The approving bodies' recesses in the horizon, by body then date: worked out when
        asked, since only timelines draw them (150 bodies over ten years take half a second)."""
        first, last = self.horizon
        return tuple(Recess(body.id, start, end) for body in self.bodies
                     for start, end in recesses(body, first, last))


def at_line_of(place: Where, key: str) -> Where:
    """`key` in the file of `place`, at its line, looked up only when the problem is shown:
    finding lines indexes the whole file, which planning itself never needs."""
    return Where(place.file, key, finder=_LineOf(place))


class _LineOf:
    def __init__(self, place: Where) -> None:
        self.place = place

    def line(self, key_path: str) -> int | None:
        return self.place.line
