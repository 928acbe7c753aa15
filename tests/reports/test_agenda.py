"""`planner agenda`: month headers, aligned columns, colour only on a terminal without NO_COLOR."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
from collections.abc import Callable

from click.testing import Result

from planner.reports.agenda import color_wanted

Run = Callable[..., Result]
ESC = "\x1b["


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_a_terminal(*args: str, **env: str) -> str:
    """Run planner with its standard output on a real pseudo-terminal; what it printed."""
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    process = subprocess.Popen([sys.executable, "-m", "planner", *args], stdout=follower,
                               stderr=subprocess.DEVNULL, env=environ)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_months_in_order_with_their_events(run: Run) -> None:
    out = run("agenda", "--year", "2026").stdout
    assert out.startswith("Agenda 2026 — US–Mexico Bilateral Military Cooperation Roundtable\n")
    months = [line for line in out.splitlines() if line.endswith(" 2026") and not line.startswith(" ")]
    assert months == [f"{m} 2026" for m in ("January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November",
                                            "December")]
    august = out.split("August 2026")[1].split("September 2026")[0]
    assert "Tue  4 – Wed  5" in august and "BMCR: Executive session (9th)" in august
    assert "── today, Nov 23, 2026 ──" in out.split("November 2026")[1]


def test_columns_line_up(run: Run) -> None:
    out = run("agenda", "--year", "2026").stdout
    lines = [line for line in out.splitlines() if line.startswith("  ") and "──" not in line
             and "No events" not in line]
    assert len(lines) > 10
    status_columns = {min(line.find(w) for w in ("Planned", "Held", "Fixed", "Deadline")
                          if w in line) for line in lines}
    assert len(status_columns) == 1, "every status starts in the same column"


def test_no_colour_when_not_a_terminal(run: Run) -> None:
    assert ESC not in run("agenda", "--year", "2026").stdout


def test_colour_on_a_terminal_unless_no_color() -> None:
    assert color_wanted(Terminal(), {}) is True
    assert color_wanted(Terminal(), {"NO_COLOR": "1"}) is False
    assert color_wanted(io.StringIO(), {}) is False
    coloured = on_a_terminal("agenda", "--year", "2026", "--today", "2026-11-23")
    assert ESC in coloured and "BMCR: Executive session (9th)" in coloured
    plain = on_a_terminal("agenda", "--year", "2026", "--today", "2026-11-23", NO_COLOR="1")
    assert ESC not in plain and "BMCR: Executive session (9th)" in plain


def test_party_filter(run: Run) -> None:
    out = run("agenda", "--year", "2026", "--party", "OUSDP").stdout
    assert out.startswith("Agenda 2026 — Office of the Under Secretary of Defense for Policy")
    assert "DBWG: Working group session (15th)" in out
    assert "BMCR: Executive session" not in out


def test_unknown_party_is_a_user_error(run: Run) -> None:
    result = run("agenda", "--party", "SEDNA", code=2)
    assert "no party 'SEDNA'" in result.output and "did you mean SEDENA" in result.output
    assert "Traceback" not in result.output


def test_spanish_agenda_and_holidays(run: Run) -> None:
    out = run("agenda", "--year", "2026", "--lang", "es", "--holidays").stdout
    assert out.startswith("Agenda 2026 — Mesa Redonda de Cooperación Militar Bilateral México–EUA")
    assert "agosto de 2026" in out and "mar  4 – mié  5" in out
    assert "Mesa Redonda: Sesión ejecutiva (n.º 9)" in out
    assert re.search(r"vie 25 +Día festivo +Navidad \(MX\)", out)
    assert "Día de Acción de Gracias (US)" in out
    assert "Día de la Revolución (MX)" in out  # Spanish names from the holidays package
    english = run("agenda", "--year", "2026", "--holidays").stdout
    assert re.search(r"Public holiday +Christmas Day \(US\)", english) and "Revolution Day (MX)" in english


def test_a_leaders_year_lists_what_they_attend_then_their_trips(run: Run) -> None:
    out = run("agenda", "--year", "2026", "--leader", "sedena_chief_of_staff").stdout
    assert out.startswith("Agenda 2026 — SEDENA chief of staff\n")
    assert "BMCR: Tri-chair video teleconference" in out  # a call: attended, no trip
    assert "BMCR: Executive session (9th)" in out
    assert "DBWG" not in out and "SST" not in out
    assert out.endswith("SEDENA chief of staff, 2026: 1 trip, 2 days away\n"
                        "  Tue  4 – Wed  5 Aug  Peterson Space Force Base, Colorado Springs, "
                        "Colorado — BMCR: Executive session (9th)\n")


def test_a_visit_to_an_exercise_abroad_is_a_trip(run: Run) -> None:
    out = run("agenda", "--year", "2025", "--leader", "northcom_deputy").stdout
    assert "northcom deputy commander, 2025: 1 trip, 1 day away" in out.lower()
    assert "Isla Santa Margarita" in out.splitlines()[-1]


def test_an_unknown_leader_is_a_user_error_naming_the_known_ones(run: Run) -> None:
    result = run("agenda", "--leader", "sedena", code=2)
    assert "--leader: no leader 'sedena'; known: northcom_deputy, sedena_chief_of_staff" \
        in result.output
