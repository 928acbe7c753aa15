"""Every calendar planner writes passes ../shared/interop/check-ics: nine real clients, all
agreeing, with the exact number of events — the default calendar, every --split output, and
a regenerated calendar holding a moved and a cancelled event.

Skipped when the harness is not set up; in CI (CI=true) a missing harness fails instead.
"""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, entries
from icalendar import Calendar
from test_check_ics import require_harness

from planner import Plan, Schedule, load_schedule, make_plan
from planner.calendar.split import parties_of
from planner.cli import cli
from planner.schedule.packaged import default_schedule

PARALLEL = 3  # check-ics runs four clients at a time itself


def check(path: Path, expected: int) -> tuple[Path, int, str]:
    result = subprocess.run([str(require_harness()), str(path), "--expect-events", str(expected)],
                            capture_output=True, text=True, timeout=600)
    return path, result.returncode, result.stdout + result.stderr


def assert_all_pass(expected: dict[Path, int]) -> None:
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(lambda item: check(*item), expected.items()))
    failures = [f"{path.name} (expected {expected[path]} events):\n{report}"
                for path, code, report in results
                if code != 0 or report.strip().splitlines()[-1] != "PASS"]
    assert not failures, "\n".join(failures)
    for _, _, report in results:  # nine clients, each ok, and four agreements
        clients = [line for line in report.splitlines() if line.split()[1:2] in (["ok"], ["FAIL"])]
        assert len(clients) == 9 and all(line.split()[1] == "ok" for line in clients), report
        assert sum(line.startswith("agree ") for line in report.splitlines()) == 4, report


def generate(*args: str) -> None:
    result = CliRunner().invoke(cli, ["generate", *args, "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["en", "es", "en+es"])
def test_default_calendar(lang: str, tmp_path: Path, roundtable_plan: Plan) -> None:
    require_harness()
    out = tmp_path / "roundtable.ics"
    generate("-o", str(out), "--lang", lang)
    assert len(entries(roundtable_plan.events)) == 56  # the count the README quotes
    assert_all_pass({out: len(entries(roundtable_plan.events))})


@pytest.mark.parametrize("split", ["party", "forum", "kind"])
def test_every_split_calendar(split: str, tmp_path: Path, roundtable: Schedule,
                              roundtable_plan: Plan) -> None:
    require_harness()
    generate("--split", split, "-o", str(tmp_path))
    events = entries(roundtable_plan.events)
    if split == "party":
        expected = {p.id: sum(p.id in parties_of(roundtable, e) for e in events)
                    for p in roundtable.parties}
    else:
        keys = [e.forum if split == "forum" else e.kind for e in events]
        expected = {key: keys.count(key) for key in set(keys)}
    files = {tmp_path / f"{key}.ics": count for key, count in expected.items() if count}
    assert sorted(tmp_path.iterdir()) == sorted(files)
    assert_all_pass(files)


def test_regenerated_calendar_with_moved_and_cancelled_events(tmp_path: Path) -> None:
    require_harness()
    schedule = tmp_path / "roundtable.toml"
    text = default_schedule().read_text(encoding="utf-8")
    schedule.write_text(text, encoding="utf-8")
    out = tmp_path / "roundtable.ics"
    generate("-s", str(schedule), "-o", str(out))
    before = make_plan(load_schedule(schedule), today=TODAY)
    # the synchronization workshops move from February to March; the invitations task goes
    moved = text.replace('preferred_months = [2]\nvenue = "mexico_city"',
                         'preferred_months = [3]\nvenue = "mexico_city"')
    invitations = ('  { id = "invitations", title = "Invitations sent", '
                   'title_es = "Envío de invitaciones", days_before = 60 },\n')
    assert moved != text and invitations in moved
    schedule.write_text(moved.replace(invitations, ""), encoding="utf-8")
    generate("-s", str(schedule), "-o", str(out))
    after = make_plan(load_schedule(schedule), today=TODAY)
    gone = {e.calendar_id: e.start for e in before.events}
    for event in after.events:
        gone.pop(event.calendar_id, None)
    assert len(gone) == 3
    calendar = Calendar.from_ical(out.read_bytes())
    statuses = {str(e["X-PLANNER-ID"]): (str(e["STATUS"]), int(e["SEQUENCE"]))
                for e in calendar.walk("VEVENT")}
    cancelled = {i for i, day in gone.items() if day >= TODAY}
    assert len(cancelled) == 1  # the other two were over on TODAY: dropped, not written
    assert {statuses[i] for i in cancelled} == {("CANCELLED", 1)}
    assert not set(gone) - cancelled & set(statuses)
    assert statuses["scsw.yearly.c3.workshop"] == ("TENTATIVE", 1)  # moved: an update
    # the moved quarterly staff talk: an override of its series, in the file on both runs
    assert statuses["staff_talks.quarterly_review.moved-2028-04-11"] == ("TENTATIVE", 0)
    assert_all_pass({out: len(entries(after.events)) + len(cancelled)})


def test_backslashes_in_schedule_text(tmp_path: Path) -> None:
    """A backslash is written as text; the clients that misread such an escape are named."""
    require_harness()
    schedule = tmp_path / "small.toml"
    text = (Path(__file__).parent.parent / "publish" / "small.toml").read_text(encoding="utf-8")
    title = 'title = "Staff talks"\n'
    assert title in text
    schedule.write_text(text.replace(title, 'title = "C:\\\\Notes SEDENA\\\\NORTHCOM a\\\\nb"\n'),
                        encoding="utf-8")
    out = tmp_path / "small.ics"
    generate("-s", str(schedule), "-o", str(out))
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert "SST: C:\\Notes SEDENA\\NORTHCOM a\\nb (1st)" in titles
    assert_all_pass({out: 9})
    report = check(out, 9)[2]
    limits = {line.split()[1] for line in report.splitlines() if line.startswith("limit ")}
    assert limits == {"ics.py", "khal"}, report  # the README's caveat
