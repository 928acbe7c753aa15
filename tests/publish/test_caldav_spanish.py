"""`planner publish --lang es` (or a Spanish locale): every line a user reads is Spanish, against
the real Radicale of tests/publish/conftest.py; English stays as it was."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY

from planner.cli import cli
from planner.publish.publish_record import record_path

from .conftest import USERS, Radicale, free_port, move_meetings, remove_calls

ALICE = USERS["alice"]
ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("created", "updated", "deleted", "unchanged", "conflict", "left alone", "warning",
           "refused", "cannot reach", "dry run", "not a calendar", "publishing")


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PLANNER_CALDAV_PASSWORD", raising=False)


def publish(schedule: Path, url: str, *extra: str, password: str = ALICE, user: str = "alice",
            env: dict[str, str] | None = None) -> Result:
    args = ["publish", "-s", str(schedule), "--url", url, "--user", user,
            "--today", TODAY.isoformat(), *extra]
    return CliRunner().invoke(cli, args, env={"PLANNER_CALDAV_PASSWORD": password, **(env or {})})


def assert_spanish(text: str) -> None:
    for word in ENGLISH:
        assert not re.search(rf"\b{word}\b", text), f"{word!r} left in English:\n{text}"


def test_the_report_and_its_summary_in_spanish_from_lang_or_the_locale(
        radicale: Radicale, small: Path) -> None:
    for how in ({"args": ("--lang", "es")}, {"env": {"LANG": "es_MX.UTF-8"}}):
        url = radicale.make_calendar()
        first = publish(small, url, *how.get("args", ()), env=how.get("env"))
        assert first.exit_code == 0, first.output
        assert first.stdout.splitlines()[-1] == (
            f"{url}: 9 creados, 0 actualizados, 0 borrados, 0 sin cambios, 0 conflictos, "
            "0 eventos ajenos sin tocar")
        assert any(re.match(r"crear +\d{4}-\d\d-\d\d  talks\.", line)
                   for line in first.stdout.splitlines())
        days = {line.index("20") for line in first.stdout.splitlines()[:-1]}
        assert len(days) == 1, "the days line up under the Spanish verbs"
        assert "publicando" in first.stderr  # the progress bar
        assert_spanish(first.output)
    move_meetings(small)
    remove_calls(small)
    dry = publish(small, url, "--dry-run", "--lang", "es")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines()[-1] == (
        f"{url}: simulación, no se escribió nada: 0 por crear, 6 por actualizar, 3 por borrar, "
        "0 sin cambios, 0 conflictos, 0 eventos ajenos sin tocar")
    assert any(re.match(r"actualizar +\d{4}-", line) for line in dry.stdout.splitlines())
    assert any(re.match(r"borrar +\d{4}-", line) for line in dry.stdout.splitlines())
    assert_spanish(dry.output)
    english = publish(small, url, "--dry-run")  # English is unchanged
    assert english.stdout.splitlines()[-1] == (
        f"{url}: dry run, nothing written: 0 would create, 6 would update, 3 would delete, "
        "0 unchanged, 0 conflicts, 0 others' events left alone")


def test_an_event_edited_on_the_server_is_a_conflict_told_in_spanish(
        radicale: Radicale, calendar_url: str, small: Path) -> None:
    assert publish(small, calendar_url).exit_code == 0
    client: Any = radicale.client()
    calendar = client.calendar(url=calendar_url)
    meeting = next(item for item in calendar.events()
                   if str(item.icalendar_component["UID"]) == "talks.yearly.c2.meeting@publish.planner")
    edited = meeting.data.replace("DTSTART;VALUE=DATE:20270504", "DTSTART;VALUE=DATE:20270503")
    assert client.request(str(meeting.url), "PUT", edited,
                          {"Content-Type": "text/calendar; charset=utf-8"}).status == 204
    move_meetings(small)
    result = publish(small, calendar_url, "--lang", "es")
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "talks.yearly.c2.meeting " in line)
    assert re.match(r"conflicto +2027-06-01", line)
    assert line.endswith(": se editó en el servidor después de que planner lo publicó; no se "
                         "toca (bórrelo allí para que se reemplace)")
    assert "1 conflicto," in result.stdout
    assert_spanish(result.output)


def test_refusals_and_connection_errors_in_spanish(radicale: Radicale, calendar_url: str,
                                                   small: Path) -> None:
    es = ("--lang", "es")
    wrong = publish(small, calendar_url, *es, password="Wr0ng-Pa55word-Zebra")
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[-1] == \
        "planner: 127.0.0.1 rechazó las credenciales del usuario 'alice' (401)"
    other = publish(small, calendar_url, *es, user="bob", password=USERS["bob"])
    assert other.exit_code == 2
    assert other.stderr.splitlines()[-1] == (
        f"planner: 127.0.0.1 negó el acceso (403): el usuario 'bob' no puede escribir en "
        f"{calendar_url}")
    missing = publish(small, f"{radicale.base}alice/no-such-calendar/", *es)
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[-1].startswith(
        f"planner: no hay un calendario en {radicale.base}alice/no-such-calendar/ (404 en ")
    folder = publish(small, f"{radicale.base}alice/", *es)
    assert folder.exit_code == 2
    assert folder.stderr.splitlines()[-1] == (
        f"planner: {radicale.base}alice/ no es un calendario (¿un principal o una carpeta?): "
        "indique la URL del calendario mismo")
    down = publish(small, f"http://127.0.0.1:{free_port()}/alice/plan/", *es)
    assert down.exit_code == 1
    assert down.stderr.splitlines()[-1] == \
        "planner: no se puede conectar con 127.0.0.1: la conexión falló o se cortó"
    secret = publish(small, f"http://alice:{ALICE}@127.0.0.1:9/alice/plan/", *es)
    assert secret.exit_code == 2 and ALICE not in secret.output
    assert ("--url: la URL lleva credenciales; indique el usuario con --user y la contraseña en "
            "PLANNER_CALDAV_PASSWORD, en ~/.netrc o cuando se le pida") in secret.stderr
    plain = publish(small, calendar_url.replace("127.0.0.1", "localhost.localdomain"), *es,
                    env={"LANG": "es_MX.UTF-8"})  # the password over http to a named host
    assert "advertencia: la contraseña viaja a localhost.localdomain por http sin cifrar" \
        in plain.stderr
    for result in (wrong, other, missing, folder, down, secret, plain):
        assert "Traceback" not in result.output
        assert_spanish(result.stderr)


def test_no_password_and_no_terminal_in_spanish(small: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planner", "publish", "-s", str(small), "--url",
         "http://127.0.0.1:9/alice/plan/", "--user", "alice", "--today", TODAY.isoformat()],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False,
        env={**{k: v for k, v in os.environ.items() if k != "PLANNER_CALDAV_PASSWORD"},
             "PYTHONPATH": str(ROOT), "LANG": "es_MX.UTF-8", "LANGUAGE": "", "LC_ALL": ""},
        start_new_session=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith(
        "no hay contraseña para alice (no hay una terminal donde pedirla): defina "
        "PLANNER_CALDAV_PASSWORD o agregue el servidor a ~/.netrc")


def test_a_damaged_publish_record_is_told_in_spanish(
        radicale: Radicale, calendar_url: str, small: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert publish(small, calendar_url).exit_code == 0
    path = record_path(calendar_url)
    path.write_bytes(b"{not json")
    result = publish(small, calendar_url, "--lang", "es")
    assert result.exit_code == 0, result.output
    assert (f"advertencia: el registro de publicación {path} no es JSON; se ignora (SEQUENCE "
            "continúa desde lo que tiene el servidor; el registro se reescribe después de esta "
            "publicación)") in result.stderr.splitlines()
