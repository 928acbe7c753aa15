"""What `import planner` offers, and what it does not drag in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import planner

INTENDED = {
    "Plan", "PlannedEvent", "PlannerError", "Problem", "Provenance", "Refusal", "Schedule",
    "Status", "Where", "__version__", "load_schedule", "make_plan", "parse_schedule",
}


def test_all_is_sorted_and_exactly_the_intended_names() -> None:
    assert planner.__all__ == sorted(planner.__all__)
    assert set(planner.__all__) == INTENDED
    assert len(planner.__all__) == len(INTENDED)


def test_every_public_name_exists() -> None:
    for name in planner.__all__:
        assert getattr(planner, name) is not None


def test_version_is_a_release_number() -> None:
    parts = planner.__version__.split(".")
    assert len(parts) == 3 and all(part.isdigit() for part in parts)


def imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).parent, timeout=60, check=True)
    return set(result.stdout.split())


def test_importing_planner_does_not_import_click_or_icalendar() -> None:
    modules = imported_after("import planner")
    assert "planner" in modules
    assert "click" not in modules
    assert "icalendar" not in modules


def test_planning_from_python_needs_no_cli() -> None:
    modules = imported_after(
        "import datetime, planner; from planner.schedule.packaged import default_schedule; "
        "planner.make_plan(planner.load_schedule(default_schedule()), today=datetime.date(2026, 11, 23))")
    assert "click" not in modules
