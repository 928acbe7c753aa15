"""A leader is never in two events at once, and has travel days between countries."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from planner import PlannerError, load_schedule, make_plan
from rules.schedules import forum, schedule


def _events(plan, forum_id):  # type: ignore[no-untyped-def]
    return [e for e in plan.events if e.forum == forum_id]


def test_two_forums_sharing_a_leader_do_not_overlap_and_leave_travel_days(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]"),
                    forum("beta", venue="colorado_springs", preferred="[5]"))
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    alpha, beta = _events(plan, "alpha")[0], _events(plan, "beta")[0]
    assert alpha.start == dt.date(2026, 5, 5)  # first Tue in May 2026
    # beta wanted the same days; Mexico City -> Colorado Springs needs 2 free days between.
    assert beta.start > alpha.end + dt.timedelta(days=2)
    refused = [r for r in beta.provenance.refusals if r.rule == "leaders"]
    assert refused and "alpha.yearly.c1.session" in str(refused[0].reason)


def test_same_country_events_may_be_back_to_back(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]", days=1,
                          weekdays='["tue"]'),
                    forum("beta", venue="mexico_city", preferred="[5]", days=1,
                          weekdays='["tue", "wed"]'))
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    alpha, beta = _events(plan, "alpha")[0], _events(plan, "beta")[0]
    assert (alpha.start, beta.start) == (dt.date(2026, 5, 5), dt.date(2026, 5, 6))


def test_travel_days_are_configurable(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]", days=1, weekdays='["tue"]'),
                    forum("beta", venue="colorado_springs", preferred="[5]", days=1,
                          weekdays='["tue", "wed", "thu", "fri"]'), travel_days=0)
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    assert _events(plan, "beta")[0].start == dt.date(2026, 5, 6)


def test_held_event_blocks_the_leader_for_planned_ones(write_schedule):
    text = schedule(forum("alpha", venue="mexico_city", preferred="[5]",
                          extra=""),
                    forum("beta", venue="colorado_springs", preferred="[3]"))
    text += """
[[forums.beta.held]]
activity = "session"
start = 2026-05-05
end = 2026-05-06
venue = "colorado_springs"
"""
    plan = make_plan(load_schedule(write_schedule(text)), today=TODAY)
    alpha = _events(plan, "alpha")[0]
    assert alpha.start >= dt.date(2026, 5, 9)  # 2 travel days after May 6


def test_leader_who_can_never_attend_gives_a_diagnosis_naming_the_leader_rule(write_schedule):
    # A blackout leaves only the week of May 4 in May; alpha takes it, so beta has none.
    weekdays = '["mon", "tue", "wed", "thu", "fri"]'
    text = schedule(forum("alpha", venue="mexico_city", months=(5, 5), days=5, weekdays=weekdays),
                    forum("beta", venue="colorado_springs", months=(5, 5), days=5,
                          weekdays=weekdays),
                    days='blackouts = [{ from = 2026-05-11, to = 2026-05-31, reason = "leave" }]')
    with pytest.raises(PlannerError) as caught:
        make_plan(load_schedule(write_schedule(text)), today=TODAY)
    message = str(caught.value)
    assert "no allowed day for beta.session in yearly cycle 1" in message
    assert "leaders removed 1" in message
    assert "free the leaders' calendars (move the other event or send a deputy) (first day " \
        "then: 2026-05-04)" in message
    assert "widen the phase by" in message
