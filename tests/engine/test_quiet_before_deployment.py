"""[rules] quiet_days_before_deployment: a leader whose troops deploy meets nobody in the days
just before the deployment window starts (the example of adding a rule: this file, the rule's
module and the README)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from conftest import TODAY

from engine.schedules import forum, schedule
from planner import Plan, load_schedule, make_plan
from planner.cli import cli

D = dt.date

# SEDENA (Mexico) sends troops to Colorado Springs from Thursday 2026-03-05. The forum's
# two-day March session is led by SEDENA's chief; its first allowed days are Tue-Wed 03-03/04.
DEPLOYMENT = """
[leaders.deputy]
name = "USNORTHCOM deputy commander"
party = "USNORTHCOM"
travel_days = 1

[approving_bodies.senado]
name = "Mexican Senate"
country = "MX"
periods = [{ from = "09-01", to = "12-15" }, { from = "02-01", to = "04-30" }]
sitting_weekdays = ["tue", "wed", "thu"]

[deployments.exchange]
title = "Staff exchange"
direction = "exit"
sending_country = "MX"
host_country = "US"
approving_body = "senado"

[[deployments.exchange.phases]]
name = "Colorado Springs"
venue = "colorado_springs"
start = 2026-03-05
end = 2026-03-20
"""


def march_session(write_schedule: Callable[..., Path], rules: str = "",
                  leaders: str = '["chief"]') -> Path:
    text = schedule(forum("talks", venue="mexico_city", months=(3, 3), leaders=leaders))
    return write_schedule(text + DEPLOYMENT + rules)


def session(plan: Plan) -> tuple[dt.date, list[tuple[dt.date, str, str]]]:
    event = plan.event("talks.yearly.c1.session")
    assert event is not None
    return event.start, [(r.day, r.rule, str(r.reason)) for r in event.provenance.refusals]


def test_a_leaders_meeting_is_refused_in_the_days_before_their_troops_deploy(
        write_schedule: Callable[..., Path]) -> None:
    path = march_session(write_schedule, "[rules]\nquiet_days_before_deployment = 3\n")
    start, refusals = session(make_plan(load_schedule(path), today=TODAY))
    assert start == D(2026, 3, 10)  # the next Tuesday after the window's first day
    quiet = [(day, reason) for day, rule, reason in refusals if rule == "deployments"]
    assert [day for day, _ in quiet] == [D(2026, 3, 3), D(2026, 3, 4)]
    assert quiet[0][1] == ("SEDENA chief of staff's troops deploy in exchange from 2026-03-05: "
                           "no meetings from 2026-03-02")


def test_explain_shows_the_refusal(write_schedule: Callable[..., Path]) -> None:
    path = march_session(write_schedule, "[rules]\nquiet_days_before_deployment = 3\n")
    result = CliRunner().invoke(cli, ["explain", "-s", str(path), "--today", "2026-01-01",
                                      "--lang", "en", "talks.yearly.c1.session"])
    assert result.exit_code == 0, result.output
    assert "2026-03-03 Tue  [deployments] SEDENA chief of staff's troops deploy in exchange " \
           "from 2026-03-05: no meetings from 2026-03-02" in result.output
    assert "refused per rule: deployments: 2, weekdays: 7" in result.output


def test_when_the_quiet_days_leave_no_day_the_error_advises_keeping_fewer(
        write_schedule: Callable[..., Path]) -> None:
    # A window from 04-01 with 40 quiet days before it leaves the March phase no day.
    path = march_session(write_schedule, "[rules]\nquiet_days_before_deployment = 40\n")
    text = path.read_text(encoding="utf-8").replace("start = 2026-03-05", "start = 2026-04-01")
    text = text.replace("end = 2026-03-20", "end = 2026-04-20")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", "-s", str(path), "--today", "2026-01-01",
                                      "--lang", "en", "talks.yearly.c1.session"])
    assert result.exit_code == 2, result.output
    assert "no allowed day for talks.session" in result.output
    assert "deployments removed" in result.output
    assert ("keep fewer days free before deployments ([rules] quiet_days_before_deployment) or "
            "send a deputy (first day then: 2026-03-03)") in result.output
    assert "Traceback" not in result.output


def test_a_leader_of_the_receiving_country_is_not_held_back(
        write_schedule: Callable[..., Path]) -> None:
    path = march_session(write_schedule, "[rules]\nquiet_days_before_deployment = 3\n",
                         leaders='["deputy"]')
    start, refusals = session(make_plan(load_schedule(path), today=TODAY))
    assert start == D(2026, 3, 3)
    assert all(rule != "deployments" for _, rule, _ in refusals)


def test_a_schedule_without_the_key_plans_as_before(write_schedule: Callable[..., Path]) -> None:
    without = make_plan(load_schedule(march_session(write_schedule)), today=TODAY)
    start, refusals = session(without)
    assert start == D(2026, 3, 3)
    assert all(rule != "deployments" for _, rule, _ in refusals)


def test_a_wrong_value_is_named_with_its_file_line_and_key(
        write_schedule: Callable[..., Path]) -> None:
    path = march_session(write_schedule, '[rules]\nquiet_days_before_deployment = "three"\n')
    line = path.read_text(encoding="utf-8").splitlines().index(
        'quiet_days_before_deployment = "three"') + 1
    result = CliRunner().invoke(cli, ["list", "-s", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert (f"{path}:{line}: rules.quiet_days_before_deployment: must be between 1 and 60, got "
            "three") in result.output
    assert "keep free of meetings, e.g. 3" in result.output


def test_a_misspelt_key_is_refused_with_the_nearest_one(
        write_schedule: Callable[..., Path]) -> None:
    path = march_session(write_schedule, "[rules]\nquiet_day_before_deployment = 3\n")
    result = CliRunner().invoke(cli, ["list", "-s", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "rules.quiet_day_before_deployment: unknown key" in result.output
    assert "did you mean 'quiet_days_before_deployment'?" in result.output
