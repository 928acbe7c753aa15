"""planner: turn a declarative meeting-cycle schedule into a dated plan and calendar files."""

from __future__ import annotations

__version__ = "0.1.0"

from planner.engine import make_plan  # noqa: E402
from planner.errors import PlannerError, Problem, Where  # noqa: E402
from planner.plan import Plan, PlannedEvent, Provenance, Refusal, Status  # noqa: E402
from planner.schedule.load import load_schedule, parse_schedule  # noqa: E402
from planner.schedule.model import Schedule  # noqa: E402

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
