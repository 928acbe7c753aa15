"""A run killed while writing leaves the previous calendar byte-identical, and the next run
clears what the killed one left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from planner.files import write_atomically

# Writes 20 MB slowly in a child process, so the test can kill it mid-write.
SLOW_WRITER = """
import os, sys, time
from planner import files
real_fdopen = os.fdopen
class Slow:
    def __init__(self, stream): self.stream = stream
    def __enter__(self): return self
    def __exit__(self, *exc): self.stream.close()
    def write(self, data):
        for start in range(0, len(data), 1 << 20):
            self.stream.write(data[start:start + (1 << 20)]); self.stream.flush()
            print("wrote", flush=True); time.sleep(0.2)
    def flush(self): self.stream.flush()
    def fileno(self): return self.stream.fileno()
files.os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
files.write_atomically(sys.argv[1], b"N" * 20_000_000)
"""


def _kill_mid_write(target: Path, sig: int) -> None:
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "wrote"  # it is inside the write now
    child.send_signal(sig)
    child.wait(timeout=30)
    time.sleep(0.1)


def test_sigkill_mid_write_keeps_the_old_file_and_the_next_write_sweeps_the_orphan(tmp_path):
    target = tmp_path / "roundtable.ics"
    target.write_bytes(b"previous calendar")
    _kill_mid_write(target, signal.SIGKILL)
    assert target.read_bytes() == b"previous calendar"
    orphans = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(orphans) == 1  # SIGKILL leaves no chance to clean up ...
    write_atomically(target, b"next calendar")
    assert target.read_bytes() == b"next calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roundtable.ics"]  # ... the next run does


def test_interrupt_mid_write_cleans_up_at_once(tmp_path):
    target = tmp_path / "roundtable.ics"
    target.write_bytes(b"previous calendar")
    _kill_mid_write(target, signal.SIGINT)
    assert target.read_bytes() == b"previous calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roundtable.ics"]


def test_a_live_writers_temp_file_is_left_alone(tmp_path):
    target = tmp_path / "roundtable.ics"
    mine = tmp_path / f".roundtable.ics.{os.getpid()}.abcd.tmp"
    mine.write_bytes(b"in progress")
    write_atomically(target, b"calendar")
    assert mine.exists()
