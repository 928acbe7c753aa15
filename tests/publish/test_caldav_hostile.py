"""`planner publish` against servers that misbehave, and with credentials handled carelessly:
a server trickling bytes, naming hrefs on another host, answering garbage; events imported
from a generated file; passwords that are common substrings; no terminal to prompt on.

The misbehaving servers are tiny loopback socket servers written here; the rest runs against
the real Radicale of conftest.py.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import socket
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY

from planner import load_schedule, make_plan
from planner.calendar.reading import HASH, content_hash
from planner.cli import cli
from planner.publish.sync_plan import fresh_events, resource_body

from .conftest import USERS, Radicale, free_port, remove_calls

ALICE = USERS["alice"]
ROOT = Path(__file__).parents[2]

Answer = Callable[[str, str, bytes], Iterable[bytes]]  # (method, path, body) -> chunks to send


class LoopbackServer:
    """Answers each HTTP request on 127.0.0.1 with what `answer` yields, then closes."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.running = True
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/alice/plan/"

    def close(self) -> None:
        self.running = False
        self.sock.close()

    def _serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        with connection:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip() for k, _, v in
                       (line.partition(":") for line in lines[1:])}
            while len(body) < int(headers.get("content-length", "0")):
                body += connection.recv(65536)
            self.requests.append((method, path, headers))
            try:
                for chunk in self.answer(method, path, body):
                    connection.sendall(chunk)
            except OSError:
                return


def response(status: int, body: bytes, content_type: str = "application/xml; charset=utf-8") -> bytes:
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body


PROPFIND_OK = (b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" '
               b'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/alice/plan/</d:href>'
               b"<d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
               b"</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
               b"</d:multistatus>")


def multistatus(items: list[tuple[str, bytes]]) -> bytes:
    """A REPORT answer listing (href, calendar data)."""
    parts = [f"<d:response><d:href>{escape(href)}</d:href><d:propstat><d:prop>"
             f'<d:getetag>"1"</d:getetag><c:calendar-data>{escape(data.decode())}'
             "</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
             "</d:response>" for href, data in items]
    return ('<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" '
            'xmlns:c="urn:ietf:params:xml:ns:caldav">' + "".join(parts)
            + "</d:multistatus>").encode()


@pytest.fixture
def servers() -> Iterator[list[LoopbackServer]]:
    started: list[LoopbackServer] = []
    yield started
    for server in started:
        server.close()


def publish(schedule: Path, url: str, *extra: str, password: str | None = ALICE,
            user: str | None = "alice", input: str | None = None) -> Result:
    args = ["publish", "-s", str(schedule), "--url", url, "--today", TODAY.isoformat(), *extra]
    if user:
        args += ["--user", user]
    env = {"PLANNER_CALDAV_PASSWORD": password} if password else {}
    return CliRunner().invoke(cli, args, env=env, input=input)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME, so no real ~/.netrc is read."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PLANNER_CALDAV_PASSWORD", raising=False)
    return home


def clean_exit(result: Result) -> bool:
    return result.exception is None or isinstance(result.exception, SystemExit)


# -- 12: an overall deadline per request -----------------------------------------------------------

def test_a_server_trickling_one_byte_at_a_time_is_given_up_on(small: Path,
                                                              servers: list[LoopbackServer]) -> None:
    def trickle(method: str, path: str, body: bytes) -> Iterator[bytes]:
        yield response(207, PROPFIND_OK)[:-len(PROPFIND_OK)]  # the headers, at once
        for byte in PROPFIND_OK:
            time.sleep(1)
            yield bytes([byte])

    server = LoopbackServer(trickle)
    servers.append(server)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "planner", "publish", "-s", str(small), "--url", server.url, "--user",
         "alice", "--timeout", "3", "--today", TODAY.isoformat()],
        capture_output=True, text=True, timeout=90, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PLANNER_CALDAV_PASSWORD": ALICE})
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "planner: 127.0.0.1 did not answer PROPFIND in full within 3 s")
    assert time.monotonic() - started < 30


# -- 13: only hrefs of the calendar's own origin ----------------------------------------------------

def planner_event_elsewhere(small: Path) -> bytes:
    """A resource planner published for this plan (marks and a valid hash) that is no longer
    in it: planner would delete it."""
    plan = make_plan(load_schedule(small), today=TODAY)
    event = fresh_events(plan, stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))[0]
    event.put("UID:talks.yearly.c0.gone@publish.planner")
    event.put("X-PLANNER-ID:talks.yearly.c0.gone")
    event.put(f"{HASH}:{content_hash(event)}")
    return resource_body(event)


def test_credentials_never_go_to_a_host_the_server_names(small: Path,
                                                         servers: list[LoopbackServer]) -> None:
    elsewhere = LoopbackServer(lambda method, path, body: [response(204, b"")])
    servers.append(elsewhere)
    stolen = f"http://127.0.0.1:{elsewhere.port}/steal/gone.ics"
    report = multistatus([(stolen, planner_event_elsewhere(small))])

    def calendar(method: str, path: str, body: bytes) -> list[bytes]:
        answers = {"PROPFIND": response(207, PROPFIND_OK), "REPORT": response(207, report)}
        return [answers.get(method, response(201, b""))]

    server = LoopbackServer(calendar)
    servers.append(server)
    result = publish(small, server.url)
    assert result.exit_code == 0, result.output
    assert elsewhere.requests == []  # no DELETE, no Authorization header sent there
    assert "1 event by others left alone" in result.stdout
    assert all(method != "DELETE" for method, _, _ in server.requests)


# -- 14: an event imported from a generated file is not planner's to delete -------------------------

def test_an_imported_planner_event_without_a_hash_is_a_conflict_not_deleted(
        radicale: Radicale, calendar_url: str, small: Path, tmp_path: Path) -> None:
    generated = tmp_path / "plan.ics"
    assert CliRunner().invoke(cli, ["generate", "-s", str(small), "-o", str(generated), "--today",
                                    TODAY.isoformat()]).exit_code == 0
    # A colleague imported the file and moved the first call: planner's marks, no hash.
    data = generated.read_bytes().decode()
    start = data.index("BEGIN:VEVENT")
    block = data[start:data.index("END:VEVENT", start) + len("END:VEVENT\r\n")]
    assert "UID:talks.yearly.c1.call@publish.planner" in block and HASH not in block
    edited = block.replace("SUMMARY:SST: Co-chairs' call", "SUMMARY:Call (moved by Ana)")
    client: Any = radicale.client()
    body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n" + edited + "END:VCALENDAR\r\n"
    assert client.request(calendar_url + "imported.ics", "PUT", body,
                          {"Content-Type": "text/calendar; charset=utf-8"}).status in (201, 204)
    remove_calls(small)
    result = publish(small, calendar_url)
    assert result.exit_code == 1, result.output  # a conflict
    assert "talks.yearly.c1.call" in result.stdout and "no X-PLANNER-HASH" in result.stdout
    still = client.request(calendar_url + "imported.ics", "GET", "", {})
    assert still.status == 200 and "moved by Ana" in still.raw


# -- 15: secrets: never echoed, never prompted for where nobody can answer ---------------------------

@pytest.mark.parametrize("password", ["local", "a", "host"])
def test_a_password_that_is_a_common_word_does_not_garble_messages(password: str,
                                                                   small: Path) -> None:
    result = publish(small, f"http://localhost:{free_port()}/alice/plan/", password=password)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "planner: cannot reach localhost: connection failed or was cut")
    assert "***" not in result.output


def test_dry_run_never_prompts_for_a_password(small: Path) -> None:
    result = publish(small, "http://127.0.0.1:9/alice/plan/", "--dry-run", password=None,
                     input="typed\n")
    assert result.exit_code == 2
    assert "CalDAV password" not in result.output
    assert result.stderr.strip().splitlines()[-1].endswith(
        "no password for alice (--dry-run never asks): set PLANNER_CALDAV_PASSWORD or add the "
        "host to ~/.netrc")


def test_no_terminal_and_no_password_is_exit_2_with_what_to_set(small: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planner", "publish", "-s", str(small), "--url",
         "http://127.0.0.1:9/alice/plan/", "--user", "alice", "--today", TODAY.isoformat()],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False,
        env={k: v for k, v in {**os.environ, "PYTHONPATH": str(ROOT)}.items()
             if k != "PLANNER_CALDAV_PASSWORD"}, start_new_session=True)
    assert done.returncode == 2, done.stderr
    assert "GetPassWarning" not in done.stderr and "Aborted" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith(
        "no password for alice (there is no terminal to ask on): set PLANNER_CALDAV_PASSWORD "
        "or add the host to ~/.netrc")


def test_the_password_is_asked_on_a_real_terminal(radicale: Radicale, calendar_url: str,
                                                  small: Path) -> None:
    leader, follower = pty.openpty()

    def take_terminal() -> None:  # the pty becomes the child's controlling terminal
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {k: v for k, v in os.environ.items() if k != "PLANNER_CALDAV_PASSWORD"}
    child = subprocess.Popen(
        [sys.executable, "-m", "planner", "publish", "-s", str(small), "--url", calendar_url,
         "--user", "alice", "--today", TODAY.isoformat()],
        stdin=follower, stdout=follower, stderr=follower, preexec_fn=take_terminal,
        env={**env, "PYTHONPATH": str(ROOT)})
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while b"CalDAV password for alice" not in seen and time.monotonic() < deadline:
        seen += os.read(leader, 4096)
    os.write(leader, ALICE.encode() + b"\n")
    while child.poll() is None or _readable(leader):
        try:
            seen += os.read(leader, 4096)
        except OSError:
            break
    os.close(leader)
    assert child.wait(timeout=60) == 0, seen.decode(errors="replace")
    assert ALICE.encode() not in seen  # not echoed
    assert b"9 created" in seen


def _readable(fd: int) -> bool:
    import select

    return bool(select.select([fd], [], [], 0.5)[0])


# -- 16: garbage from the server or in the URL ---------------------------------------------------

def _bomb() -> bytes:
    """The "billion laughs": nine levels of ten references, 10^9 "lol"s from 1 KB."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return ('<?xml version="1.0"?><!DOCTYPE d:multistatus [' + "".join(entities)
            + ']><d:multistatus xmlns:d="DAV:">&lol9;</d:multistatus>').encode()


BOMB = _bomb()


@pytest.mark.parametrize(("body", "content_type"), [
    (b"this is not XML", "application/xml"),
    (b"<html><body>Welcome to nginx!", "text/html"),
    (PROPFIND_OK.replace(b"<d:href>", b"<d:href>\x00"), "application/xml"),
    (BOMB, "application/xml"),
])
def test_a_server_answering_garbage_is_one_line_and_exit_1(
        body: bytes, content_type: str, small: Path, servers: list[LoopbackServer]) -> None:
    server = LoopbackServer(lambda method, path, _: [response(207, body, content_type)])
    servers.append(server)
    result = publish(small, server.url)
    assert clean_exit(result), repr(result.exception)
    assert result.exit_code == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("planner: ") and ("XML" in last or "DTD" in last), last


@pytest.mark.parametrize("url", ["http://[::1/alice/plan/", "http://127.0.0.1:99999/plan/",
                                 "http://[zz::1]/plan/"])
def test_a_malformed_url_is_exit_2(url: str, small: Path) -> None:
    result = publish(small, url)
    assert clean_exit(result), repr(result.exception)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("--url: not a valid URL")
