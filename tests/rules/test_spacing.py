"""Minimum and maximum gaps between occurrences."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from planner import PlannerError, load_schedule, make_plan
from rules.schedules import forum, schedule


def test_exercise_visit_waits_six_months_after_the_executive_session(roundtable_plan):
    sessions = {e.cycle.en: e for e in roundtable_plan.events if e.kind == "executive-session"
                and e.status.value == "planned"}
    for visit in (e for e in roundtable_plan.events if e.kind == "exercise-visit"):
        session = sessions[visit.cycle.en]
        assert visit.start >= session.end + dt.timedelta(days=180)


def test_min_gap_pushes_the_next_session_later(write_schedule):
    text = schedule(forum("talks", venue="mexico_city", preferred="[1]", leaders="[]",
                          extra='spacing = [{ after = "session", min_months = 14 }]'))
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    first, second = [e for e in plan.events if e.forum == "talks"]
    assert first.start == dt.date(2026, 1, 6)
    assert second.start >= dt.date(2027, 3, 7)  # 14 months after Jan 7, 2026
    assert any(r.rule == "spacing" and "too soon after talks.yearly.c1.session" in str(r.reason)
               for r in second.provenance.refusals)


def test_max_gap_that_cannot_hold_is_diagnosed(write_schedule):
    # Sessions only in December, but at most 3 months apart: impossible from the second year.
    text = schedule(forum("talks", venue="mexico_city", months=(12, 12), leaders="[]",
                          extra='spacing = [{ after = "session", max_months = 3 }]'))
    with pytest.raises(PlannerError) as caught:
        make_plan(load_schedule(write_schedule(text)), today=TODAY)
    assert "spacing removed" in str(caught.value)
    assert "relax the spacing" in str(caught.value)


def test_spacing_after_an_unknown_activity_is_a_schedule_error(write_schedule, runner):
    from planner.cli import cli

    text = schedule(forum("talks", venue="mexico_city", leaders="[]",
                          extra='spacing = [{ after = "sesion", min_months = 1 }]'))
    result = runner.invoke(cli, ["validate", "-s", str(write_schedule(text))])
    assert result.exit_code == 2
    assert "forums.talks.activities.session.spacing[0].after: unknown activity 'sesion'" in \
        result.output
