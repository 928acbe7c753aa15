"""Deployment windows, the Mexican Senate's calendar and approval deadlines."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY

from planner import Plan, Schedule, Status, load_schedule, make_plan
from planner.cli import cli
from planner.days.legislature import approval_deadline, recesses, sits_on
from planner.i18n import Text
from planner.schedule.model import ApprovingBody, SessionPeriod

D = dt.date

SENATE = ApprovingBody(
    id="senado", name=Text("Mexican Senate"), country="MX",
    periods=(SessionPeriod((9, 1), (12, 15)), SessionPeriod((2, 1), (4, 30))),
    extended_years=(2024, 2030), extended_end=(12, 31), sitting_weekdays=frozenset({1, 2, 3}))


def with_approval(schedule: Schedule, deployment_id: str, approved: dt.date | None) -> Schedule:
    deployments = tuple(dataclasses.replace(d, approved=approved) if d.id == deployment_id else d
                        for d in schedule.deployments)
    return dataclasses.replace(schedule, deployments=deployments)


def approval_warnings(plan: Plan, deployment_id: str) -> list[str]:
    key = f"deployments.{deployment_id}.approved"
    return [str(w) for w in plan.warnings if w.where.key == key]


def test_sof_2025_deadline_is_dec_31_2024_because_2024_is_an_inauguration_year(
        roundtable_plan: Plan) -> None:
    deadline = roundtable_plan.event("deployment.sof_2025.approval-deadline")
    assert deadline is not None
    assert deadline.start == deadline.end == D(2024, 12, 31)
    assert deadline.status is Status.DEADLINE
    assert deadline.kind == "approval-deadline"
    assert deadline.alarm_days == 14


def test_dec_10_2024_approval_is_on_time_for_the_jan_27_2025_window(roundtable_plan: Plan) -> None:
    approval = roundtable_plan.event("deployment.sof_2025.approval")
    assert approval is not None and approval.start == D(2024, 12, 10)
    assert approval.status is Status.HELD
    assert approval_warnings(roundtable_plan, "sof_2025") == []


def test_fictitious_jan_5_2025_approval_is_flagged_late(roundtable: Schedule) -> None:
    plan = make_plan(with_approval(roundtable, "sof_2025", D(2025, 1, 5)), today=TODAY)
    (warning,) = approval_warnings(plan, "sof_2025")
    assert "approved 2025-01-05, 5 days after the deadline 2024-12-31" in warning
    assert ":" in warning.split(" deployments.")[0]  # file:line before the key path


def test_late_approval_written_in_the_schedule_file_is_flagged(
        roundtable: Schedule, write_schedule: Callable[..., Path]) -> None:
    text = Path(roundtable.path).read_text(encoding="utf-8")
    assert text.count("approved = 2024-12-10") == 1
    path = write_schedule(text.replace("approved = 2024-12-10", "approved = 2025-01-05"))
    plan = make_plan(load_schedule(path), today=TODAY)
    (warning,) = approval_warnings(plan, "sof_2025")
    assert warning.startswith(f"{path}:")
    assert "5 days after the deadline 2024-12-31" in warning


def test_missing_approval_warns_that_it_is_pending_before_the_deadline(roundtable: Schedule) -> None:
    plan = make_plan(with_approval(roundtable, "sof_2025", None), today=D(2024, 11, 1))
    (warning,) = approval_warnings(plan, "sof_2025")
    assert "approval pending; the deadline is 2024-12-31" in warning


def test_missing_approval_after_the_deadline_says_it_has_passed(roundtable: Schedule) -> None:
    plan = make_plan(with_approval(roundtable, "sof_2025", None), today=TODAY)
    (warning,) = approval_warnings(plan, "sof_2025")
    assert "no approval recorded and the deadline 2024-12-31 has passed" in warning


def test_deployment_phases_are_fixed_events_at_their_venues(roundtable_plan: Plan) -> None:
    one = roundtable_plan.event("deployment.sof_2025.phase1")
    two = roundtable_plan.event("deployment.sof_2025.phase2")
    assert one is not None and two is not None
    assert (one.start, one.end, one.venue) == (D(2025, 1, 27), D(2025, 3, 23), "temamatla")
    assert (two.start, two.end, two.venue) == (D(2025, 3, 24), D(2025, 3, 27), "santa_gertrudis")
    assert one.status is two.status is Status.FIXED
    assert "11 personnel from the United States" in one.description.en
    assert "enter Mexico" in one.description.en
    assert "11 efectivos de Estados Unidos" in one.description.es  # no country codes
    assert "ingresan a México" in one.description.es


def test_window_starting_in_a_recess_needs_approval_by_the_end_of_the_previous_period() -> None:
    # 2025 is no inauguration year: the autumn period ends Dec 15 (a Monday), the last
    # Tue-Thu sitting before it is Thursday Dec 11.
    assert approval_deadline(SENATE, D(2026, 1, 18)) == D(2025, 12, 11)
    assert approval_deadline(SENATE, D(2025, 7, 1)) == D(2025, 4, 30)  # a Wednesday


def test_inauguration_year_extends_the_autumn_period_to_dec_31() -> None:
    assert approval_deadline(SENATE, D(2025, 1, 27)) == D(2024, 12, 31)
    assert sits_on(SENATE, D(2024, 12, 20))
    assert not sits_on(SENATE, D(2025, 12, 20))


@pytest.mark.parametrize(("start", "deadline"), [
    (D(2026, 3, 2), D(2026, 2, 26)),   # a Monday: the Thursday before
    (D(2026, 3, 4), D(2026, 3, 3)),    # a Wednesday: the Tuesday before
    (D(2026, 3, 3), D(2026, 2, 26)),   # a Tuesday: the Thursday before
    (D(2026, 2, 3), D(2025, 12, 11)),  # no sitting day yet in February: back to December
], ids=["monday", "wednesday", "tuesday", "early-february"])
def test_window_inside_a_period_needs_the_last_sitting_tue_to_thu_before_it(
        start: dt.date, deadline: dt.date) -> None:
    assert approval_deadline(SENATE, start) == deadline
    assert deadline.weekday() in {1, 2, 3}
    assert deadline < start


def test_recesses_span_the_gaps_between_periods() -> None:
    assert recesses(SENATE, D(2025, 1, 1), D(2025, 12, 31)) == [
        (D(2025, 1, 1), D(2025, 1, 31)),
        (D(2025, 5, 1), D(2025, 8, 31)),
        (D(2025, 12, 16), D(2025, 12, 31)),
    ]


def test_inauguration_year_has_no_december_recess() -> None:
    assert recesses(SENATE, D(2024, 1, 1), D(2024, 12, 31)) == [
        (D(2024, 1, 1), D(2024, 1, 31)),
        (D(2024, 5, 1), D(2024, 8, 31)),
    ]


def test_recesses_inside_a_sitting_period_are_empty() -> None:
    assert recesses(SENATE, D(2025, 2, 1), D(2025, 4, 30)) == []


def test_body_that_never_sits_gives_no_deadline() -> None:
    never = dataclasses.replace(SENATE, sitting_weekdays=frozenset())
    assert approval_deadline(never, D(2025, 1, 27)) is None


def test_a_period_running_past_new_year_sits_on_both_sides_of_it() -> None:
    winter = dataclasses.replace(SENATE, periods=(SessionPeriod((11, 1), (1, 15)),), extended_years=(),
                                 sitting_weekdays=frozenset(range(7)))
    assert sits_on(winter, D(2026, 12, 25))
    assert sits_on(winter, D(2027, 1, 10))
    assert not sits_on(winter, D(2027, 1, 20))
    assert approval_deadline(winter, D(2027, 3, 1)) == D(2027, 1, 15)
    assert recesses(winter, D(2027, 1, 1), D(2027, 12, 31)) == [(D(2027, 1, 16), D(2027, 10, 31))]


# A request to Colombia's Congress, due 10 days before its last sitting ahead of a window
# starting Tuesday 2026-09-01: that sitting is Thursday 2026-08-27, so the request is due
# Monday 2026-08-17, Assumption Day (observed) in Colombia.
COLOMBIA = """
[plan]
name = "Colombia"
uid_domain = "co.planner"
from = 2026-01-01
to = 2026-12-31

[days]
holidays = ["US"]
{days}

[parties.USNORTHCOM]
name = "USNORTHCOM"
country = "US"

[venues.tolemaida]
name = "Tolemaida"
country = "CO"
timezone = "America/Bogota"

[approving_bodies.congreso]
name = "Congress of Colombia"
country = "CO"
periods = [{{ from = "07-20", to = "12-16" }}, {{ from = "03-16", to = "06-20" }}]
sitting_weekdays = ["tue", "wed", "thu"]
request_lead_days = 10

[deployments.training_2026]
title = "Training at Tolemaida"
direction = "entry"
sending_country = "US"
host_country = "CO"
approving_body = "congreso"

[[deployments.training_2026.phases]]
name = "Tolemaida"
venue = "tolemaida"
start = 2026-09-01
end = 2026-09-20
"""


def request_deadline(write_schedule: Callable[..., Path], days: str = "") -> tuple[dt.date, str]:
    plan = make_plan(load_schedule(write_schedule(COLOMBIA.format(days=days))), today=TODAY)
    assert plan.event("deployment.training_2026.approval-deadline").start == D(2026, 8, 27)
    request = plan.event("deployment.training_2026.request-deadline")
    assert request is not None
    return request.start, str(request.provenance.summary)


def test_a_request_due_on_a_colombian_holiday_leaves_the_working_day_before(
        write_schedule: Callable[..., Path]) -> None:
    day, why = request_deadline(write_schedule)
    assert day == D(2026, 8, 14)  # Friday: Monday 08-17 is Assumption Day in Colombia
    assert "2026-08-17" in why and "Assumption Day" in why and "(CO)" in why


def test_a_request_deadline_follows_the_schedules_own_weekend(
        write_schedule: Callable[..., Path]) -> None:
    day, _ = request_deadline(write_schedule, 'weekend = ["fri", "sat"]')
    assert day == D(2026, 8, 16)  # Sunday is a working day where the weekend is Friday-Saturday


def test_identical_warnings_are_told_once_with_a_count(write_schedule: Callable[..., Path]) -> None:
    # Three windows starting the same day, none approved yet: one pending deadline.
    text = COLOMBIA.format(days="") + "".join(
        COLOMBIA[COLOMBIA.index("[deployments.training_2026]"):].replace("training_2026", name)
        for name in ("exercise_b", "exercise_c"))
    result = CliRunner().invoke(cli, ["validate", "-s", str(write_schedule(text)), "--today",
                                      "2026-01-01", "--lang", "en"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, warnings
    assert warnings[0].endswith(
        "deployments.training_2026.approved: approval pending; the deadline is 2026-08-27; send "
        "the request in time and record `approved = <date>` (the same for 2 more: "
        "deployments.exercise_b.approved, deployments.exercise_c.approved)")
