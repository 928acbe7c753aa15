"""Where the built-in schedules live, installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# How messages name the built-in schedule (its real path is deep inside site-packages).
BUILT_IN_NAME = "built-in schedule roundtable.toml"


def default_schedule() -> Path:
    """The built-in roundtable schedule (packaged as planner.schedules in the wheel)."""
    try:
        packaged = Path(str(resources.files("planner.schedules") / "roundtable.toml"))
        if packaged.is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    # In a source checkout the one copy sits at the repository root.
    return Path(__file__).resolve().parent.parent / "schedules" / "roundtable.toml"


def schedule_schema() -> Path:
    """The JSON Schema of the schedule language (packaged as planner.schemas)."""
    try:
        packaged = Path(str(resources.files("planner.schemas") / "schedule.schema.json"))
        if packaged.is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "schemas" / "schedule.schema.json"
