"""Inputs are bounded: a rule that would never end, a schedule too large to plan or read, and
ids that would corrupt the calendar are refused with one line each and exit status 2, in
seconds rather than after minutes or a MemoryError."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL

from planner.cli import cli

SERIES = '''
[forums.talks.series.sync]
title = "Synchronization call"
rrule = "{rule}"
start = {start}
venue = "mexico_city"
'''


def validate_in_a_process(schedule: Path, timeout: float = 120,
                          memory: int = 2 << 30) -> subprocess.CompletedProcess[str]:
    """`planner validate` in a child process with a memory cap, so a hang or a runaway read
    fails this test instead of the machine."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    return subprocess.run([sys.executable, "-m", "planner", "validate", "-s", str(schedule),
                           "--today", "2026-11-23"], capture_output=True, text=True,
                          timeout=timeout, env=env, preexec_fn=cap, check=False)


def with_series(tmp_path: Path, rule: str, start: str = "2026-01-01", text: str = "") -> Path:
    path = tmp_path / "schedule.toml"
    path.write_text((text or MINIMAL.read_text()) + SERIES.format(rule=rule, start=start))
    return path


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;INTERVAL=0;BYDAY=2TU", "FREQ=WEEKLY;INTERVAL=0"])
def test_interval_zero_is_refused_not_a_hang(rule: str, tmp_path: Path) -> None:
    done = validate_in_a_process(with_series(tmp_path, rule), timeout=60)
    assert done.returncode == 2
    assert "forums.talks.series.sync.rrule: INTERVAL=0: 0 is out of range; use 1 to 1000" \
        in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("rule", "message"), [
    ("FREQ=DAILY;BYHOUR=9,14", "BYHOUR is not supported: a series has one event a day"),
    ("FREQ=HOURLY", "FREQ=HOURLY is not valid"),
    ("FREQ=MONTHLY;BYDAY=9TU", "BYDAY=9TU: no period has 9 of a weekday"),
    ("FREQ=WEEKLY;BYDAY=2TU", "BYDAY=2TU: a numbered weekday needs FREQ=MONTHLY or YEARLY"),
    ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32: 32 is out of range"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "BYMONTH=2 has no day BYMONTHDAY=30"),
    ("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY cannot be used with FREQ=WEEKLY"),
    ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
    ("FREQ=MONTHLY;BYDAY=XX", "BYDAY=XX is not valid"),
    ("FREQ=MONTHLY;FOO=1", "'FOO=1' is not a part a series may use"),
    ("BYDAY=TU", "needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
    ("FREQ=MONTHLY;COUNT=3", "must not hold COUNT or UNTIL"),
])
def test_every_rrule_part_is_checked(rule: str, message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "-s", str(with_series(tmp_path, rule))])
    assert result.exit_code == 2
    assert f"forums.talks.series.sync.rrule: {message}" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_rules_that_real_schedules_use_still_pass(tmp_path: Path) -> None:
    for rule in ("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU", "FREQ=WEEKLY;BYDAY=MO,WE;WKST=MO",
                 "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                 "freq=monthly;bymonthday=1,15"):
        result = CliRunner().invoke(cli, ["validate", "-s", str(with_series(tmp_path, rule)),
                                          "--today", "2026-11-23"])
        assert result.exit_code == 0, (rule, result.output)


def test_a_series_with_too_many_occurrences_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace("from = 2026-01-01", "from = 1900-01-01") \
        .replace("to = 2027-12-31", "to = 2199-12-31")
    done = validate_in_a_process(with_series(tmp_path, "FREQ=DAILY", "1900-01-01", text))
    assert done.returncode == 2
    assert ("forums.talks.series.sync.rrule: has more than 20,000 occurrences up to 2199-12-31, "
            "the limit per series") in done.stderr


def test_too_many_events_for_one_run_are_refused_before_planning(tmp_path: Path) -> None:
    head, _, _ = MINIMAL.read_text().partition("[forums.talks]")
    head = head.replace("from = 2026-01-01", "from = 1900-01-01") \
        .replace("to = 2027-12-31", "to = 2199-12-31")
    forum = '''
[forums.f{n}]
name = "Forum {n}"
short = "F{n}"
parties = ["USNORTHCOM"]
[forums.f{n}.activities.meeting]
title = "Meeting"
venues = ["mexico_city"]
[[forums.f{n}.regimes]]
id = "yearly"
cycle_months = 12
start = 1900-01-01
phases = [{{ id = "year", name = "Year", months = [1, 12], activities = ["meeting"] }}]
'''
    path = tmp_path / "huge.toml"
    path.write_text(head + "".join(forum.format(n=n) for n in range(1000)))  # 300,000 slots
    done = validate_in_a_process(path, timeout=300)
    assert done.returncode == 2, done.stderr[-2000:]
    assert f"{path}: would plan more than 250,000 events, the limit per run" in done.stderr


def test_an_endless_file_as_schedule_is_refused(tmp_path: Path) -> None:
    done = validate_in_a_process(Path("/dev/zero"), timeout=60, memory=1 << 30)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "/dev/zero: is larger than 16 MB, the limit for a schedule; check that this is the "
        "schedule file; split a larger one")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("[forums.talks]", '[forums."talks\\n"]', "id 'talks\\n' must be letters, digits"),
    ('uid_domain = "test.planner"', 'uid_domain = "test;planner"',
     "plan.uid_domain: 'test;planner' is not a domain name"),
    ('uid_domain = "test.planner"', 'uid_domain = "test,planner"',
     "plan.uid_domain: 'test,planner' is not a domain name"),
])
def test_ids_and_uid_domains_that_would_corrupt_the_calendar_are_refused(
        old: str, new: str, message: str, tmp_path: Path) -> None:
    text = MINIMAL.read_text()
    assert old in text
    path = tmp_path / "schedule.toml"
    path.write_text(text.replace(old, new, 1).replace("[forums.talks.", f"{new[:-1]}.")
                    if old.startswith("[forums") else text.replace(old, new))
    result = CliRunner().invoke(cli, ["validate", "-s", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
