"""Where the built-in schedules live, installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from planner.i18n import N_

# How messages name the built-in schedule (its real path is deep inside site-packages).
BUILT_IN_NAME = N_("built-in schedule roundtable.toml")


def default_schedule() -> Path:
    """The built-in roundtable schedule (packaged as planner.schedules in the wheel)."""
    return _packaged("planner.schedules", "schedules", "roundtable.toml")


def schedule_schema() -> Path:
    """The JSON Schema of the schedule language (packaged as planner.schemas)."""
    return _packaged("planner.schemas", "schemas", "schedule.schema.json")


def _packaged(package: str, folder: str, name: str) -> Path:
    """A data file of `package` when installed; in a source checkout, the one copy in the
    repository's `folder`."""
    try:
        packaged = Path(str(resources.files(package) / name))
        if packaged.is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / folder / name
