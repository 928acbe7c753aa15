"""The built-in schedule and small good schedules load into the expected model."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner import PlannerError, Schedule, load_schedule, parse_schedule
from planner.schedule.model import Direction, Forum, Precision


def forum(schedule: Schedule, forum_id: str) -> Forum:
    return next(f for f in schedule.forums if f.id == forum_id)


def test_roundtable_has_the_three_parties_with_their_countries(roundtable: Schedule) -> None:
    countries = {party.id: party.country for party in roundtable.parties}
    assert {"USNORTHCOM": "US", "SEDENA": "MX", "SEMAR": "MX"}.items() <= countries.items()
    assert forum(roundtable, "roundtable").parties == ("USNORTHCOM", "SEDENA", "SEMAR")


@pytest.mark.parametrize(("venue_id", "zone", "country"), [
    ("colorado_springs", "America/Denver", "US"),
    ("pentagon", "America/New_York", "US"),
    ("mexico_city", "America/Mexico_City", "MX"),
    ("santa_gertrudis", "America/Chihuahua", "MX"),
], ids=["colorado-springs", "pentagon", "mexico-city", "chihuahua"])
def test_venues_carry_their_iana_time_zone(roundtable: Schedule, venue_id: str, zone: str,
                                           country: str) -> None:
    venue = roundtable.venue(venue_id)
    assert (venue.timezone, venue.country) == (zone, country)
    ZoneInfo(venue.timezone)  # a real IANA name


def test_every_venue_zone_is_a_real_iana_zone(roundtable: Schedule) -> None:
    for venue in roundtable.venues:
        assert ZoneInfo(venue.timezone).key == venue.timezone


def test_roundtable_and_dbwg_are_forums(roundtable: Schedule) -> None:
    ids = {f.id for f in roundtable.forums}
    assert {"roundtable", "dbwg"} <= ids
    assert forum(roundtable, "roundtable").short.en == "BMCR"
    assert forum(roundtable, "dbwg").short.en == "DBWG"


def test_roundtable_regime_goes_from_12_to_24_months_after_2023(roundtable: Schedule) -> None:
    annual, biennial = forum(roundtable, "roundtable").regimes
    assert (annual.cycle_months, annual.start, annual.end) == (12, dt.date(2016, 1, 1),
                                                               dt.date(2023, 12, 31))
    assert not annual.planned  # history only
    assert (biennial.cycle_months, biennial.start, biennial.end) == (24, dt.date(2024, 1, 1), None)
    assert biennial.planned


def test_biennial_phases_are_executive_year_then_visit_year(roundtable: Schedule) -> None:
    biennial = forum(roundtable, "roundtable").regimes[1]
    phases = {phase.id: phase for phase in biennial.phases}
    assert phases["executive"].months == (1, 12)
    assert "executive_session" in phases["executive"].activities
    assert phases["visit"].months == (13, 24)
    assert phases["visit"].activities == ("exercise_visit",)


def test_executive_session_activity_is_two_days_tue_to_thu_in_august(roundtable: Schedule) -> None:
    session = forum(roundtable, "roundtable").activity("executive_session")
    assert session.days == 2
    assert session.weekdays == frozenset({1, 2, 3})
    assert session.preferred_months == (8,)
    assert session.venues == ("colorado_springs", "mexico_city")
    assert session.numbered
    assert session.kind == "executive-session"


def test_tri_chair_call_is_a_timed_event(roundtable: Schedule) -> None:
    call = forum(roundtable, "roundtable").activity("tri_chair_call")
    assert call.start_time == dt.time(10, 0)
    assert call.hours == 2
    assert call.days == 1


def test_exercise_visit_must_fall_during_a_combined_exercise(roundtable: Schedule) -> None:
    visit = forum(roundtable, "roundtable").activity("exercise_visit")
    assert visit.during_exercise == ("combined-exercise",)
    assert visit.venues == ()


def test_seventh_roundtable_is_held_in_august_2023_known_to_the_month(roundtable: Schedule) -> None:
    held = {h.number: h for h in forum(roundtable, "roundtable").held}
    seventh = held[7]
    assert (seventh.start, seventh.end) == (dt.date(2023, 8, 1), dt.date(2023, 8, 31))
    assert seventh.precision is Precision.MONTH
    assert seventh.venue == "colorado_springs"
    first = held[1]
    assert (first.start, first.end, first.precision) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31),
                                                         Precision.YEAR)


def test_held_events_keep_day_precision_for_exact_dates(roundtable: Schedule) -> None:
    held = {h.number: h for h in forum(roundtable, "dbwg").held}
    assert (held[10].start, held[10].end, held[10].precision) == (
        dt.date(2021, 6, 17), dt.date(2021, 6, 17), Precision.DAY)
    assert (held[11].start, held[11].end, held[11].precision) == (
        dt.date(2022, 10, 5), dt.date(2022, 10, 6), Precision.DAY)


def test_fenix_exercise_has_announced_windows_and_a_24_month_rhythm(roundtable: Schedule) -> None:
    fenix = next(e for e in roundtable.exercises if e.id == "fenix")
    assert fenix.category == "combined-exercise"
    assert fenix.every_months == 24
    assert [(w.start, w.end) for w in fenix.windows] == [
        (dt.date(2023, 7, 6), dt.date(2023, 7, 21)), (dt.date(2025, 3, 24), dt.date(2025, 4, 23))]
    assert not any(w.projected for w in fenix.windows)


def test_sof_2025_deployment_has_eleven_us_personnel_in_two_phases(roundtable: Schedule) -> None:
    sof = next(d for d in roundtable.deployments if d.id == "sof_2025")
    assert sof.direction is Direction.ENTRY
    assert (sof.sending_country, sof.host_country, sof.personnel) == ("US", "MX", 11)
    assert [(p.venue, p.start, p.end) for p in sof.phases] == [
        ("temamatla", dt.date(2025, 1, 27), dt.date(2025, 3, 23)),
        ("santa_gertrudis", dt.date(2025, 3, 24), dt.date(2025, 3, 27)),
    ]
    assert (sof.start, sof.end) == (dt.date(2025, 1, 27), dt.date(2025, 3, 27))
    assert sof.approving_body == "senado"
    assert sof.approved == dt.date(2024, 12, 10)


def test_mexican_senate_sits_in_two_periods_extended_in_inauguration_years(
        roundtable: Schedule) -> None:
    senate = roundtable.approving_body("senado")
    assert senate.country == "MX"
    assert [(p.start, p.end) for p in senate.periods] == [((9, 1), (12, 15)), ((2, 1), (4, 30))]
    assert 2024 in senate.extended_years
    assert senate.extended_end == (12, 31)
    assert senate.sitting_weekdays == frozenset({1, 2, 3})


def test_days_avoid_us_and_mexican_holidays_and_weekends(roundtable: Schedule) -> None:
    assert set(roundtable.days.holiday_countries) == {"US", "MX"}
    assert roundtable.days.weekend == frozenset({5, 6})


def test_spanish_texts_load_beside_the_english_ones(roundtable: Schedule) -> None:
    roundtable_forum = forum(roundtable, "roundtable")
    assert roundtable_forum.name.es == "Mesa Redonda de Cooperación Militar Bilateral"
    assert roundtable_forum.activity("executive_session").title.get("es") == "Sesión ejecutiva"
    assert roundtable.venue("mexico_city").name.get("es") == "Ciudad de México"
    assert roundtable.name.es.startswith("Mesa Redonda")
    assert roundtable.approving_body("senado").name.es == "Senado de la República"


def test_a_text_without_spanish_falls_back_to_english(roundtable: Schedule) -> None:
    pentagon = roundtable.venue("pentagon")
    assert pentagon.name.es == ""
    assert pentagon.name.get("es") == pentagon.name.en


def test_where_of_each_part_points_at_its_table_in_the_file(roundtable: Schedule) -> None:
    lines = Path(roundtable.path).read_text(encoding="utf-8").split("\n")
    venue = roundtable.venue("mexico_city")
    assert venue.where.line is not None
    assert lines[venue.where.line - 1].strip() == "[venues.mexico_city]"
    regime = forum(roundtable, "roundtable").regimes[1]
    assert regime.where.key == "forums.roundtable.regimes[1]"
    assert regime.where.line is not None
    assert lines[regime.where.line - 1].strip() == "[[forums.roundtable.regimes]]"


def test_minimal_schedule_loads(minimal_text: str, write_schedule: Callable[..., Path]) -> None:
    schedule = load_schedule(write_schedule(minimal_text))
    assert (schedule.plan_from, schedule.plan_to) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert schedule.uid_domain == "test.planner"
    assert [f.id for f in schedule.forums] == ["talks"]
    assert schedule.forums[0].activities[0].venues == ("mexico_city", "colorado_springs")


def test_parse_schedule_names_the_file_in_problems() -> None:
    with pytest.raises(PlannerError) as caught:
        parse_schedule(b"[plan]\nname = 3\n", "inline.toml")
    assert all(problem.where.file == "inline.toml" for problem in caught.value.problems)


def test_loaded_schedule_is_immutable(roundtable: Schedule) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        roundtable.parties[0].country = "CA"  # type: ignore[misc]


def test_missing_schedule_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(PlannerError) as caught:
        load_schedule(tmp_path / "nope.toml")
    assert "cannot read the schedule" in str(caught.value)
