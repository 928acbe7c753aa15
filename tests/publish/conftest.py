"""A real Radicale CalDAV server for the publishing tests, and a small schedule to edit.

Radicale runs as a subprocess (`python -m radicale --config FILE`) on 127.0.0.1 with a free
port, a temp storage folder and htpasswd authentication (plain text passwords), is waited
for, and is killed at teardown. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SMALL = Path(__file__).parent / "small.toml"
USERS = {"alice": "alice-S3cret-4711", "bob": "bob-S3cret-0815"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Radicale:
    """One Radicale server; start, kill and start again on the same port and storage."""

    def __init__(self, root: Path, tls: tuple[Path, Path] | None = None) -> None:
        self.root = root
        self.port = free_port()
        self.tls = tls
        self.process: subprocess.Popen[bytes] | None = None
        root.mkdir(parents=True, exist_ok=True)
        (root / "users").write_text("".join(f"{u}:{p}\n" for u, p in USERS.items()))
        server = [f"hosts = 127.0.0.1:{self.port}"]
        if tls:
            server += ["ssl = True", f"certificate = {tls[0]}", f"key = {tls[1]}"]
        (root / "config").write_text("\n".join([
            "[server]", *server,
            "[auth]", "type = htpasswd", f"htpasswd_filename = {root / 'users'}",
            "htpasswd_encryption = plain", "delay = 0",
            "[rights]", "type = owner_only",
            "[storage]", f"filesystem_folder = {root / 'storage'}",
            "[web]", "type = none",
            "[logging]", "level = warning", ""]))

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/"

    def start(self) -> None:
        log = open(self.root / "radicale.log", "ab")  # noqa: SIM115 (the server keeps it)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.root / "config")],
            stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "HOME": str(self.root), "TZ": "UTC"})
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.kill()
        log_text = (self.root / "radicale.log").read_text(errors="replace")[-2000:]
        pytest.fail(f"Radicale did not start on port {self.port}:\n{log_text}")

    def kill(self) -> None:
        """SIGKILL, as a crash or a pulled plug would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def client(self, user: str = "alice", password: str | None = None) -> object:
        import caldav

        return caldav.DAVClient(url=f"{self.base}{user}/", username=user,
                                password=password or USERS[user], enable_rfc6764=False,
                                ssl_verify_cert=False)

    def make_calendar(self, user: str = "alice") -> str:
        """A new, empty calendar of `user`; its URL."""
        client = self.client(user)
        name = f"plan-{uuid.uuid4().hex[:8]}"
        calendar = client.principal().make_calendar(name=name, cal_id=name)  # type: ignore[attr-defined]
        return str(calendar.url)


@pytest.fixture(autouse=True)
def _state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """publish keeps its record (planner.publish.publish_record) in a temp folder, never in
    the real ~/.local/state."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    server = Radicale(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.kill()


@pytest.fixture
def calendar_url(radicale: Radicale) -> str:
    return radicale.make_calendar()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of small.toml that the test may edit (see move_meetings, remove_calls)."""
    path = tmp_path / "small.toml"
    shutil.copy(SMALL, path)
    return path


def move_meetings(schedule: Path) -> None:
    """The meetings (and their read-ahead tasks) move from May to June: May is blacked out
    (a published event keeps its date while the rules allow it, so a preference alone would
    not move it) and June is preferred."""
    text = schedule.read_text()
    assert "preferred_months = [5]" in text
    blackout = '\nyearly_blackouts = [{ from = "05-01", to = "05-31", reason = "May leave" }]'
    text = text.replace('holidays = ["US", "MX"]', 'holidays = ["US", "MX"]' + blackout, 1)
    schedule.write_text(text.replace("preferred_months = [5]", "preferred_months = [6]"))


def remove_calls(schedule: Path) -> None:
    """The three co-chairs' calls leave the plan."""
    text = schedule.read_text()
    old = 'activities = ["meeting", "call"]'
    assert old in text
    schedule.write_text(text.replace(old, 'activities = ["meeting"]'))
