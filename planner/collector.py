"""Pausing Python's cyclic garbage collector around work that makes no reference cycles.

Loading a schedule, planning it and rendering a calendar each create hundreds of thousands
of containers that live until the command ends. The collector's passes over them find
nothing to free, yet took a fifth of the time at theater scale (benchmarks/theater.py).
Reference counting still frees everything as usual. The `planner` program keeps the collector
off for its whole run (planner.cli.main); this pause is for the library used from Python.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off, and restore it as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
