"""khal and calcurse (real Debian binaries) import the generated calendars in temp folders,
list the right events on the right days, and khal follows an updated file without duplicates.

Both run with HOME, data and configuration in tmp_path, and the viewer's zone set to
America/Denver, the venue of the timed calls, so listed times are the venue's wall times.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, entries, require_binary
from publish.conftest import SMALL, move_meetings, remove_calls

from planner import load_schedule, make_plan
from planner.cli import cli

ZONE = "America/Denver"
KHAL_CONFIG = """[calendars]
[[plan]]
path = {vdir}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}

[sqlite]
path = {db}
"""
DAY, ITEM = "\x1d", "\x1f"  # separators that never occur in event text


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def generate(tmp_path: Path) -> Callable[[Path], Path]:
    """Regenerate tmp_path/plan.ics from a schedule (over its previous version)."""

    def run(schedule: Path) -> Path:
        out = tmp_path / "plan.ics"
        result = CliRunner().invoke(cli, ["generate", "-s", str(schedule), "-o", str(out),
                                          "--today", TODAY.isoformat()])
        assert result.exit_code == 0, result.output
        return out

    return run


def environment(home: Path) -> dict[str, str]:
    home.mkdir(exist_ok=True)
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TZ": ZONE,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share")}


class Khal:
    def __init__(self, root: Path) -> None:
        self.binary = require_binary("khal", "khal")
        self.vdir = root / "vdir" / "plan"
        self.vdir.mkdir(parents=True)
        self.config = root / "khal.conf"
        self.config.write_text(KHAL_CONFIG.format(vdir=self.vdir, zone=ZONE, db=root / "khal.db"))
        self.env = environment(root / "home")

    def run(self, *args: str) -> str:
        result = subprocess.run([self.binary, "-c", str(self.config), *args], env=self.env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        complaints = [line for line in (result.stdout + result.stderr).splitlines()
                      if line.lower().startswith(("warning", "error", "critical", "traceback"))]
        assert not complaints, complaints
        return result.stdout

    def import_file(self, path: Path) -> None:
        self.run("import", "--batch", "-a", "plan", str(path))

    def listing(self) -> dict[str, list[tuple[str, str, str]]]:
        """Day -> (start, title, status) of each item khal lists on it."""
        out = self.run("list", "--day-format", DAY + "{date}",
                       "--format", ITEM.join(["{start}", "{title}", "{status}"]),
                       "2026-01-01", "2028-12-31")
        days: dict[str, list[tuple[str, str, str]]] = {}
        day = ""
        for line in out.split("\n"):  # not splitlines(): it splits at \x1d too
            if line.startswith(DAY):
                day = line[len(DAY):]
            elif ITEM in line:
                start, title, status = line.split(ITEM)
                days.setdefault(day, []).append((start, title, status.strip()))
        return days

    def stored(self) -> int:
        return len(list(self.vdir.glob("*.ics")))


def calcurse_listing(path: Path, root: Path) -> dict[str, list[str]]:
    """Import `path` into a fresh calcurse data folder; day -> "HH:MM title" or "title"."""
    binary = require_binary("calcurse", "calcurse")
    data, env = root / "calcurse", environment(root / "home")
    imported = subprocess.run([binary, "-D", str(data), "-i", str(path)], env=env,
                              capture_output=True, text=True, timeout=120)
    report = imported.stdout + imported.stderr
    assert imported.returncode == 0 and " 0 skipped" in report, report
    listed = subprocess.run(
        [binary, "-D", str(data), "--input-datefmt", "4", "--output-datefmt", "%Y-%m-%d", "-Q",
         "--from", "2026-01-01", "--days", "1096",
         "--format-apt", "@%(start:%H:%M) %m\\n", "--format-recur-apt", "@%(start:%H:%M) %m\\n",
         "--format-event", "@%m\\n", "--format-recur-event", "@%m\\n"],
        env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and not listed.stderr.strip(), listed.stderr
    days: dict[str, list[str]] = {}
    day = ""
    for line in listed.stdout.splitlines():
        if line.endswith(":") and line[:4].isdigit():
            day = line[:-1]
        elif line.startswith("@"):
            days.setdefault(day, []).append(line[1:])
    return days


# -- khal -------------------------------------------------------------------------------------

def test_khal_lists_each_event_on_its_days(tmp_path: Path, small: Path,
                                           generate: Callable[[Path], Path]) -> None:
    khal = Khal(tmp_path / "khal")
    khal.import_file(generate(small))
    assert khal.stored() == 9
    days = khal.listing()
    assert days["2026-05-05"] == days["2026-05-06"] == [
        ("2026-05-05", "SST: Staff talks (1st)", "TENTATIVE")]  # two-day, all day
    assert "2026-05-07" not in days  # DTEND is exclusive
    assert days["2026-03-03"] == [("2026-03-03 10:00", "SST: Co-chairs' call", "TENTATIVE")]
    assert days["2028-03-01"] == [("2028-03-01 10:00", "SST: Co-chairs' call", "TENTATIVE")]
    assert ("2026-04-24", "Read-ahead: SST: Staff talks (1st)", "CONFIRMED") in days["2026-04-24"]


def test_khal_follows_an_updated_file_without_duplicates(
        tmp_path: Path, small: Path, generate: Callable[[Path], Path]) -> None:
    khal = Khal(tmp_path / "khal")
    khal.import_file(generate(small))
    move_meetings(small)
    remove_calls(small)
    khal.import_file(generate(small))  # re-import the regenerated file
    assert khal.stored() == 9  # the same nine UIDs: nothing duplicated
    days = khal.listing()
    assert "2026-05-05" not in days  # moved away ...
    assert days["2026-06-02"] == [("2026-06-02", "SST: Staff talks (1st)", "TENTATIVE")]  # ... here
    assert days["2027-03-02"] == [("2027-03-02 10:00", "Cancelled: SST: Co-chairs' call",
                                   "CANCELLED")]
    # The 2026 call was over on TODAY: its cancellation is dropped from the file, so khal
    # keeps the copy it imported first (the file is a view of what still matters).
    assert days["2026-03-03"] == [("2026-03-03 10:00", "SST: Co-chairs' call", "TENTATIVE")]
    titles = [title for items in days.values() for _, title, _ in items]
    assert titles.count("SST: Staff talks (1st)") == 2  # its two days, once each


def test_khal_imports_the_default_calendar_whole(tmp_path: Path,
                                                 generate: Callable[[Path], Path]) -> None:
    from planner.schedule.packaged import default_schedule

    khal = Khal(tmp_path / "khal")
    khal.import_file(generate(default_schedule()))
    # one per entry: the quarterly staff talks are one series, its moved occurrence included
    assert khal.stored() == len(entries(make_plan(load_schedule(default_schedule()),
                                                  today=TODAY).events)) == 56
    days = khal.listing()
    assert any(title == "SST: Quarterly staff talks (video conference)"
               for _, title, _ in days["2027-10-12"])  # expanded from the RRULE
    assert ("2026-08-04", "BMCR: Executive session (9th)", "TENTATIVE") in days["2026-08-04"]


# -- calcurse ---------------------------------------------------------------------------------

def test_calcurse_lists_each_event_on_its_days(tmp_path: Path, small: Path,
                                               generate: Callable[[Path], Path]) -> None:
    days = calcurse_listing(generate(small), tmp_path)
    assert days["2026-05-05"] == days["2026-05-06"] == ["SST: Staff talks (1st)"]
    assert "2026-05-07" not in days
    assert days["2026-03-03"] == ["10:00 SST: Co-chairs' call"]
    assert days["2027-03-02"] == ["10:00 SST: Co-chairs' call"]
    assert days["2026-04-24"] == ["Read-ahead: SST: Staff talks (1st)"]
    assert sum(len(items) for items in days.values()) == 12  # 3 meetings x 2 days + 6


def test_calcurse_reads_a_regenerated_calendar_with_the_moved_events(
        tmp_path: Path, small: Path, generate: Callable[[Path], Path]) -> None:
    generate(small)
    move_meetings(small)
    remove_calls(small)
    days = calcurse_listing(generate(small), tmp_path)
    assert "2026-05-05" not in days
    assert days["2026-06-02"] == days["2026-06-03"] == ["SST: Staff talks (1st)"]
    # calcurse has no notion of STATUS: a cancelled call is still listed, titled as
    # cancelled (see README); the 2026 call, over on TODAY, is not in the file any more
    assert days["2027-03-02"] == ["10:00 Cancelled: SST: Co-chairs' call"]
    assert "2026-03-03" not in days
