"""Minimum and maximum gaps after another activity of the same forum."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from dateutil.relativedelta import relativedelta

from planner.i18n import Localized, deferred
from planner.ledger import Ledger
from planner.rules import Check, Occurrence


@dataclass(frozen=True, slots=True)
class Spaced:
    """Refuses a start too soon (or too long) after the previous occurrence it is spaced from."""

    name: ClassVar[str] = "spacing"
    ledger: Ledger

    def check(self, occurrence: Occurrence) -> Check | None:
        if not occurrence.activity.spacing:
            return None
        return lambda start: self._refuse(start, occurrence)

    def _refuse(self, start: dt.date, occurrence: Occurrence) -> Localized | None:
        for rule in occurrence.activity.spacing:
            previous = self.ledger.previous(occurrence.forum.id, rule.after, start)
            if previous is None:
                continue
            earliest = previous.end + relativedelta(months=rule.min_months, days=rule.min_days)
            if start < earliest:
                return deferred("too soon after {event} (ended {end}); earliest {day}",
                                event=previous.event_id, end=previous.end, day=earliest)
            if rule.max_months is not None or rule.max_days is not None:
                latest = previous.end + relativedelta(months=rule.max_months or 0,
                                                      days=rule.max_days or 0)
                if start > latest:
                    return deferred("too long after {event} (ended {end}); latest {day}",
                                    event=previous.event_id, end=previous.end, day=latest)
        return None
