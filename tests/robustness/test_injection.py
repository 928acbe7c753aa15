"""Schedule text cannot smuggle events or break lines in a calendar."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import IN_CI, STAMP, TODAY
from icalendar import Calendar

from planner import PlannerError, load_schedule, make_plan
from planner.calendar.ics import render_ics
from planner.calendar.options import CalendarOptions

HARNESS = Path(__file__).resolve().parents[3] / "shared" / "interop"
SMUGGLER = "Talks\nBEGIN:VEVENT\nUID:smuggled@evil\nSUMMARY:Smuggled\nEND:VEVENT"
HOSTILE = [
    "Colon: semi; comma, back\\slash; BEGIN:VEVENT",
    "\u202eRTL override\u200f mark",
    "Emoji \U0001F1F2\U0001F1FD \U0001F91D and 4-byte \U00020BB7",
    "a" * 73 + "\U0001F600" * 30,  # 4-byte characters across every fold boundary
    "END:VCALENDAR",
]


def _schedule(write_schedule, title: str, description: str = SMUGGLER):  # type: ignore[no-untyped-def]
    base = (Path(__file__).parent.parent / "minimal.toml").read_text(encoding="utf-8")
    text = base.replace('title = "Staff talks"', f"title = {json.dumps(title, ensure_ascii=False)}\n"
                        f"description = {json.dumps(description, ensure_ascii=False)}")
    text = text.replace('name = "Mexico City"', f"name = {json.dumps(title, ensure_ascii=False)}")
    return write_schedule(text)


@pytest.mark.parametrize("title", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_inside_its_property(write_schedule, title: str) -> None:
    plan = make_plan(load_schedule(_schedule(write_schedule, title)), today=TODAY)
    data = render_ics(plan, CalendarOptions(STAMP))
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # no fold splits a character
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == len(plan.events)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(plan.events)
    assert str(events[0]["SUMMARY"]) == f"SST: {title} (1st)"
    assert str(events[0]["LOCATION"]) == title
    assert str(events[0]["DESCRIPTION"]).startswith(SMUGGLER + "\n")


@pytest.mark.parametrize("title", [SMUGGLER, "Windows\r\nline", "old Mac\rline"])
def test_line_breaks_in_titles_and_places_are_refused(write_schedule, title: str) -> None:
    with pytest.raises(PlannerError) as caught:
        load_schedule(_schedule(write_schedule, title))
    text = str(caught.value)
    assert "forums.talks.activities.meeting.title: must be one line; remove the line break" in text
    assert "venues.mexico_city.name: must be one line" in text


@pytest.mark.parametrize("bad", ["nul\x00byte", "bell\x07", "escape\x1b[31m", "del\x7f"])
def test_control_characters_are_refused_with_the_key(write_schedule, bad: str) -> None:
    with pytest.raises(PlannerError) as caught:
        load_schedule(_schedule(write_schedule, bad))
    lines = str(caught.value).splitlines()
    # TOML itself refuses raw DEL and C0 controls in strings; escaped ones reach our check.
    assert any("forums.talks.activities.meeting.title: contains the control character U+" in line
               or ": TOML syntax error:" in line for line in lines)


def test_every_client_sees_exactly_the_planned_events(write_schedule, tmp_path) -> None:
    check = HARNESS / "check-ics"
    if not (check.exists() and (HARNESS / "build" / "libical_check").exists()):
        if IN_CI:
            pytest.fail("../shared/interop is not set up; .ci/run runs its setup")
        pytest.skip("run ../shared/interop/setup to check with nine calendar clients")
    path = tmp_path / "hostile.ics"
    plan = make_plan(load_schedule(_schedule(write_schedule, HOSTILE[4])), today=TODAY)
    path.write_bytes(render_ics(plan, CalendarOptions(STAMP)))
    result = subprocess.run([str(check), str(path), "--expect-events", str(len(plan.events))],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("PASS")
