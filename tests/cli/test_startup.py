"""`planner --help` starts fast: the engine, the loader and their packages wait for a command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("planner.engine", "planner.schedule.load", "planner.schedule.model", "holidays",
         "icalendar", "dateutil", "caldav", "tomli")


def imported_after_help() -> set[str]:
    code = ("import sys\nfrom planner.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).parent, timeout=60, check=True)
    assert "Commands:" in result.stdout
    return set(result.stderr.split())


def test_help_imports_no_engine_loader_or_calendar_package() -> None:
    modules = imported_after_help()
    loaded = sorted(name for name in modules if name.split(".")[0] in HEAVY or name in HEAVY)
    assert loaded == []


def test_the_package_still_offers_its_names_on_first_use() -> None:
    code = ("import sys, planner\nassert 'planner.engine' not in sys.modules\n"
            "from planner import load_schedule, make_plan\n"
            "assert make_plan.__module__ == 'planner.engine'\n"
            "assert load_schedule is planner.load_schedule\n"
            "assert 'make_plan' in dir(planner)")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
