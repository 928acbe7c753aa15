"""benchmarks/theater_schedule.py writes a valid theater schedule and the runner's parts work (no
timings checked)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import holidays
import pytest
from conftest import benchmark_module, theater_benchmark

from planner import Plan, Schedule, load_schedule, make_plan

SCALE = 0.02  # 3 forums, about 600 events

theater = theater_benchmark()
measure = benchmark_module("theater_measure")
processes = benchmark_module("theater_processes")
report = benchmark_module("theater_report")


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Schedule, Plan]:
    path = theater.write_schedule(SCALE, tmp_path_factory.mktemp("theater") / "theater.toml")
    schedule = load_schedule(path)
    return schedule, make_plan(schedule, today=theater.TODAY, horizon=theater.HORIZON)


def test_partner_countries_are_150_supported_codes_with_real_zones() -> None:
    countries = theater.partner_countries()
    codes = [code for code, _, _ in countries]
    assert len(codes) == 150 and codes == sorted(set(codes))
    assert set(codes) <= set(holidays.list_supported_countries())
    assert "US" not in codes
    zones = zoneinfo.available_timezones()
    assert all(zone in zones for _, _, zone in countries)


def test_sizes_scale_the_number_of_forums() -> None:
    assert [theater.forum_count(s) for s in (SCALE, 0.1, 1, 3)] == [3, 15, 150, 450]
    forum_tables = re.findall(r"^\[forums\.[^.\]]+\]$", theater.theater_toml(3), re.MULTILINE)
    assert len(forum_tables) == 450


def test_schedule_structure(planned: tuple[Schedule, Plan]) -> None:
    schedule, _ = planned
    assert len(schedule.forums) == 3
    assert len(schedule.leaders) == 5
    leader_ids = {leader.id for leader in schedule.leaders}
    for forum in schedule.forums:
        countries = sorted(schedule.party(p).country for p in forum.parties)
        assert len(countries) == 2 and "US" in countries, forum.id
        session = forum.activity("executive_session")
        assert set(session.leaders) == leader_ids
        assert session.venues and session.tasks
    assert len(schedule.exercises) == 3
    assert len(schedule.deployments) == 3 * 10


def test_plan_has_every_kind_of_event_over_ten_years(planned: tuple[Schedule, Plan]) -> None:
    schedule, plan = planned
    kinds = {event.kind for event in plan.events}
    assert {"executive-session", "exercise-visit", "working-group", "staff-talks", "task",
            "exercise", "deployment", "approval-deadline", "request-deadline"} <= kinds
    for forum in schedule.forums:
        sessions = [e for e in plan.events
                    if e.forum == forum.id and e.kind == "executive-session"]
        assert len(sessions) == 5, forum.id
        talks = [e for e in plan.events if e.forum == forum.id and e.kind == "staff-talks"]
        assert len(talks) == 40, forum.id
    assert 150 * len(schedule.forums) < len(plan.events) < 250 * len(schedule.forums)


def test_timed_events_are_in_the_partners_zones(planned: tuple[Schedule, Plan]) -> None:
    schedule, plan = planned
    timed = [event for event in plan.events if event.start_time is not None]
    assert timed
    for event in timed:
        assert event.venue is not None
        venue = schedule.venue(event.venue)
        assert venue.country != "US"
        assert event.start_time is not None and event.start_time.tzinfo is not None
        assert str(event.start_time.tzinfo) == venue.timezone


def test_no_leader_is_double_booked(planned: tuple[Schedule, Plan]) -> None:
    schedule, plan = planned
    attended: dict[str, list[tuple[dt.date, dt.date, str, str]]] = {}
    for forum in schedule.forums:
        for event in plan.events:
            if event.forum != forum.id:
                continue
            leaders = forum.activity(event.activity).leaders if event.kind != "task" else ()
            country = schedule.venue(event.venue).country if event.venue else ""
            for leader in leaders:
                attended.setdefault(leader, []).append((event.start, event.end, country, event.id))
    assert set(attended) == {leader.id for leader in schedule.leaders}
    travel = {leader.id: leader.travel_days for leader in schedule.leaders}
    for leader, events in attended.items():
        events.sort()
        assert len(events) == 5 * len(schedule.forums)
        for (_, end, country, first), (start, _, other, second) in zip(events, events[1:],
                                                                       strict=False):
            assert start > end, f"{leader} is at {first} and {second} at once"
            if country != other:
                gap = (start - end).days - 1
                assert gap >= travel[leader], f"{leader}: no time to travel from {first} to {second}"


def test_runner_measures_and_the_floor_writes_the_same_bytes(tmp_path: Path) -> None:
    result = measure.measure(SCALE, 1, tmp_path)
    assert result["events"] > 0 and result["forums"] == 3
    assert set(result["best"]) == {"load", "plan", "render", "write"}
    assert result["floor_same_bytes"], (
        "the floor writer in benchmarks/theater_floor.py no longer writes what render_ics writes: "
        f"{result['floor_mismatch']}; update floor_rows()/floor_ics() to the new output")
    text = report.report([result], None)
    assert "floor" in text and f"{result['events']:,}" in text


def test_the_cli_section_times_generate_regenerate_and_check(tmp_path: Path) -> None:
    timed = processes.measure_processes([SCALE], 1, tmp_path)
    size = f"{SCALE:g}"
    for command, words in (("generate", ["generate", "-s"]), ("regenerate", ["generate", "-s"]),
                           ("check", ["check", "-s"])):
        item = timed[command][size]
        assert item["runs"] == 1 and item["median"] > 0 and item["maxrss_mb"] > 0
        assert all(word in item["command"].split() for word in words), command
    lines = report.report([], timed).splitlines()
    assert not any("the floor" in line for line in lines)  # no size measured, no ratio
    lines = report.report([measure.measure(SCALE, 1, tmp_path)], timed).splitlines()
    fresh = next(i for i, line in enumerate(lines) if line.strip().startswith(
        f"planner generate theater {size}x, fresh"))
    assert "x the floor" in lines[fresh] and "again, over the file it wrote" in lines[fresh + 1]
    assert "x the floor" in lines[fresh + 1]
    assert lines[fresh + 2].strip().startswith(f"planner check theater {size}x")


def test_the_tight_variant_needs_the_solver_and_the_plan_keeps_every_rule(
        tmp_path: Path) -> None:
    """One-day exercises the five leaders visit: first-fit fails, the solver places them."""
    from planner.analysis.check import placement_violations

    path = theater.write_schedule(0.05, tmp_path / "tight.toml", tight=True)
    schedule = load_schedule(path)
    exercises = schedule.exercises
    assert exercises and all(w.start == w.end for e in exercises for w in e.windows)
    plan = make_plan(schedule, today=theater.TODAY, horizon=theater.HORIZON)
    assert any(e.provenance.decided_by == "solver" for e in plan.events)
    assert not placement_violations(schedule, plan)
    for forum in schedule.forums:
        assert len([e for e in plan.events if e.forum == forum.id
                    and e.kind == "exercise-visit"]) == 5, forum.id
