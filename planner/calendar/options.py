"""How a calendar is written: the choices the CLI reads once and every render step shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from planner.i18n import Text


@dataclass(frozen=True, slots=True)
class CalendarOptions:
    """The options of one `planner generate` run, passed whole from the CLI to the writers.

    Only `stamp` has no default: a calendar's DTSTAMP must be chosen (SOURCE_DATE_EPOCH in
    the CLI) so that the same plan always gives the same bytes.
    """

    stamp: dt.datetime  # DTSTAMP of every event
    lang: str = "en"  # "en", "es" or "en+es": titles, descriptions and the calendar's name
    party_names: dict[str, Text] = field(default_factory=dict)  # party id -> name, for descriptions
    calendar_name: Text | None = None  # NAME and X-WR-CALNAME (default: the plan's)
    prune: bool = False  # drop events an earlier run already wrote as cancelled
    today: dt.date | None = None  # cancellations that ended before it are dropped
    force: bool = False  # replace an output file planner did not write
    inputs: tuple[str | Path, ...] = ()  # files never replaced (the schedule)
