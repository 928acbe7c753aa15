"""planner: turn a declarative meeting-cycle schedule into a dated plan and calendar files."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from planner.engine import make_plan
    from planner.errors import PlannerError, Problem, Where
    from planner.plan import Plan, PlannedEvent, Provenance, Refusal, Status
    from planner.schedule.load import load_schedule, parse_schedule
    from planner.schedule.model import Schedule

# Each public name and the module it lives in, imported on first use: `planner --help` and
# `from planner import __version__` should not pay for the engine and the holidays package.
_HOMES = {
    "make_plan": "planner.engine",
    "PlannerError": "planner.errors",
    "Problem": "planner.errors",
    "Where": "planner.errors",
    "Plan": "planner.plan",
    "PlannedEvent": "planner.plan",
    "Provenance": "planner.plan",
    "Refusal": "planner.plan",
    "Status": "planner.plan",
    "load_schedule": "planner.schedule.load",
    "parse_schedule": "planner.schedule.load",
    "Schedule": "planner.schedule.model",
}

__all__ = [
    "Plan",
    "PlannedEvent",
    "PlannerError",
    "Problem",
    "Provenance",
    "Refusal",
    "Schedule",
    "Status",
    "Where",
    "__version__",
    "load_schedule",
    "make_plan",
    "parse_schedule",
]


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'planner' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
