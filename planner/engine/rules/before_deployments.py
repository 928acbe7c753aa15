"""Leaders keep the days before their troops deploy free of meetings ([rules]
quiet_days_before_deployment): a leader whose party's country sends troops in a deployment
window attends no event from that many days before the window's start to its first day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from planner.engine.ledger import Ledger
from planner.engine.rules import Check, Occurrence, Parameter, Setup
from planner.i18n import N_, Text, deferred

QUIET_DAYS = Parameter(
    "quiet_days_before_deployment", 1, 60,
    N_("the days before a deployment window's start that leaders of the parties sending its "
       "troops keep free of meetings, e.g. 3"))


@dataclass(frozen=True, slots=True)
class _Quiet:
    """The days one leader keeps free before one window: `first` to the window's `start`."""

    first: dt.date
    start: dt.date
    window: str
    leader: Text


@dataclass(frozen=True, slots=True)
class QuietBeforeDeployment:
    """Refuses a start whose event would touch the quiet days before a deployment window that
    one of its leaders' parties sends troops in."""

    name: ClassVar[str] = N_("deployments")
    order: ClassVar[int] = 90
    advice: ClassVar[str | None] = N_(
        "keep fewer days free before deployments ([rules] quiet_days_before_deployment) or send "
        "a deputy")
    parameters: ClassVar[tuple[Parameter, ...]] = (QUIET_DAYS,)
    quiet: dict[str, tuple[_Quiet, ...]]  # leader id -> the days they keep free

    @classmethod
    def made_for(cls, setup: Setup) -> QuietBeforeDeployment | None:
        days = setup.setting(QUIET_DAYS)
        if days is None:
            return None
        schedule = setup.schedule
        quiet: dict[str, tuple[_Quiet, ...]] = {}
        for leader in schedule.leaders:
            country = schedule.party(leader.party).country
            spans = tuple(_Quiet(window.start - dt.timedelta(days=days), window.start, window.id,
                                 leader.name)
                          for window in schedule.deployments if window.sending_country == country)
            if spans:
                quiet[leader.id] = spans
        return cls(quiet)

    def check(self, occurrence: Occurrence, ledger: Ledger) -> Check | None:
        first, last = occurrence.reach()
        near = [quiet for leader in occurrence.activity.leaders
                for quiet in self.quiet.get(leader, ())
                if quiet.first <= last and first <= quiet.start]
        if not near:
            return None
        length = dt.timedelta(days=occurrence.activity.days - 1)

        def refuse(start: dt.date) -> str | None:
            end = start + length
            for quiet in near:
                if quiet.first <= end and start <= quiet.start:
                    return deferred("{leader}'s troops deploy in {window} from {start}: no "
                                    "meetings from {first}", leader=quiet.leader,
                                    window=quiet.window, start=quiet.start, first=quiet.first)
            return None

        return refuse


RULES = (QuietBeforeDeployment,)
