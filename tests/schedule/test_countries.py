"""Country codes are checked against the holidays package's list, and planning imports only the
country modules of the countries a schedule uses (all ~250 cost about 0.2 s per run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planner.schedule.countries import supported_countries

ROOT = Path(__file__).resolve().parents[2]


def test_the_codes_are_the_ones_the_holidays_package_lists() -> None:
    # Listing imports every country module: in an interpreter of its own.
    listed = _python("import holidays", "print(' '.join(holidays.list_supported_countries()))")
    assert supported_countries() == frozenset(listed.split())
    assert {"US", "MX", "CO", "USA", "MEX", "UK"} <= supported_countries()
    assert "XX" not in supported_countries()


def test_planning_imports_only_the_countries_the_schedule_uses() -> None:
    imported = _python("import sys, datetime",
                       "from planner import load_schedule, make_plan",
                       "from planner.schedule.packaged import default_schedule",
                       "make_plan(load_schedule(default_schedule()), today=datetime.date(2026, 11, 23))",
                       "print(*sorted(m for m in sys.modules if m.startswith('holidays.countries.')))")
    # The built-in schedule plans in the United States and Mexico only.
    assert imported.split() == ["holidays.countries.mexico", "holidays.countries.united_states"]


def test_a_country_loaded_on_its_own_has_the_same_holidays_as_in_the_whole_package() -> None:
    show = "print(sorted((str(d), n) for d, n in {}.items()))"
    alone = _python("import sys, planner.days.names as names",
                    show.format("names.calendar('CO', 2026)"),
                    "assert 'holidays.countries.france' not in sys.modules")
    whole = _python("import holidays, holidays.countries",  # the package's own __init__: all of them
                    show.format("holidays.country_holidays('CO', years=2026, language='en_US')"))
    assert alone == whole
    assert "('2026-01-12', 'Epiphany (observed)')" in alone


def _python(*lines: str) -> str:
    return subprocess.run([sys.executable, "-c", "\n".join(lines)], capture_output=True, text=True,
                          check=True, cwd=ROOT, timeout=120).stdout
