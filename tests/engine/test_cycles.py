"""Regimes cut into numbered cycles, and phases laid onto the calendar."""

from __future__ import annotations

import datetime as dt

from planner import Schedule
from planner.engine.cycles import Cycle, expand
from planner.i18n import Text
from planner.schedule.model import Phase, Regime

D = dt.date


def phase(phase_id: str, first: int, last: int) -> Phase:
    return Phase(phase_id, Text(phase_id), (first, last), ("meeting",))


def regime(months: int, start: dt.date, end: dt.date | None, *phases: Phase) -> Regime:
    return Regime("r", months, start, end, phases or (phase("all", 1, months),), True)


def windows(cycle: Cycle) -> dict[str, tuple[dt.date, dt.date]]:
    return {w.phase.id: (w.start, w.end) for w in cycle.phases}


def test_roundtable_ran_a_12_month_cycle_from_2016_to_2023(roundtable: Schedule) -> None:
    annual = next(f for f in roundtable.forums if f.id == "roundtable").regimes[0]
    cycles = list(expand(annual, D(2029, 12, 31)))
    assert [c.number for c in cycles] == list(range(1, 9))
    assert [(c.start, c.end) for c in cycles] == [(D(y, 1, 1), D(y, 12, 31)) for y in range(2016, 2024)]


def test_roundtable_runs_24_month_cycles_from_2024(roundtable: Schedule) -> None:
    biennial = next(f for f in roundtable.forums if f.id == "roundtable").regimes[1]
    cycles = list(expand(biennial, D(2029, 12, 31)))
    assert [(c.number, c.start, c.end) for c in cycles] == [
        (1, D(2024, 1, 1), D(2025, 12, 31)),
        (2, D(2026, 1, 1), D(2027, 12, 31)),
        (3, D(2028, 1, 1), D(2029, 12, 31)),
    ]


def test_executive_phase_is_months_1_to_12_and_visit_phase_months_13_to_24(
        roundtable: Schedule) -> None:
    biennial = next(f for f in roundtable.forums if f.id == "roundtable").regimes[1]
    second = list(expand(biennial, D(2029, 12, 31)))[1]
    assert windows(second) == {
        "executive": (D(2026, 1, 1), D(2026, 12, 31)),
        "visit": (D(2027, 1, 1), D(2027, 12, 31)),
    }


def test_phases_of_a_cycle_starting_mid_year_cross_the_new_year() -> None:
    cycles = list(expand(regime(24, D(2024, 7, 1), None, phase("a", 1, 12), phase("b", 13, 24)),
                         D(2026, 7, 1)))
    assert windows(cycles[0]) == {"a": (D(2024, 7, 1), D(2025, 6, 30)),
                                  "b": (D(2025, 7, 1), D(2026, 6, 30))}
    assert cycles[1].start == D(2026, 7, 1)


def test_cycles_starting_on_the_31st_are_clamped_not_drifting() -> None:
    monthly = regime(1, D(2025, 1, 31), None)
    cycles = list(expand(monthly, D(2025, 5, 31)))
    assert [c.start for c in cycles] == [D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31),
                                         D(2025, 4, 30), D(2025, 5, 31)]
    # back to back: each ends the day before the next starts
    for earlier, later in zip(cycles, cycles[1:], strict=False):
        assert earlier.end + dt.timedelta(days=1) == later.start


def test_month_phases_of_a_cycle_starting_on_the_31st_tile_the_cycle() -> None:
    quarters = regime(3, D(2025, 1, 31), None, phase("m1", 1, 1), phase("m2", 2, 2), phase("m3", 3, 3))
    (cycle, *_) = list(expand(quarters, D(2025, 1, 31)))
    assert windows(cycle) == {"m1": (D(2025, 1, 31), D(2025, 2, 27)),
                              "m2": (D(2025, 2, 28), D(2025, 3, 30)),
                              "m3": (D(2025, 3, 31), D(2025, 4, 29))}
    assert cycle.end == D(2025, 4, 29)


def test_regime_end_caps_the_last_cycle_and_drops_phases_after_it() -> None:
    capped = regime(24, D(2024, 1, 1), D(2026, 6, 30), phase("executive", 1, 12), phase("visit", 13, 24))
    cycles = list(expand(capped, D(2030, 12, 31)))
    assert [(c.start, c.end) for c in cycles] == [(D(2024, 1, 1), D(2025, 12, 31)),
                                                  (D(2026, 1, 1), D(2026, 6, 30))]
    assert windows(cycles[1]) == {"executive": (D(2026, 1, 1), D(2026, 6, 30))}


def test_no_cycle_starts_after_the_horizon() -> None:
    cycles = list(expand(regime(12, D(2020, 1, 1), None), D(2022, 1, 1)))
    assert [c.start for c in cycles] == [D(2020, 1, 1), D(2021, 1, 1), D(2022, 1, 1)]


def test_cycle_contains_its_first_and_last_day_only() -> None:
    (cycle,) = list(expand(regime(12, D(2026, 1, 1), None), D(2026, 6, 1)))
    assert cycle.contains(D(2026, 1, 1)) and cycle.contains(D(2026, 12, 31))
    assert not cycle.contains(D(2025, 12, 31)) and not cycle.contains(D(2027, 1, 1))
