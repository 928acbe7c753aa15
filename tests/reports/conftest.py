"""Fixtures for the report tests: the CLI on the built-in schedule with a fixed today."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import cli

TODAY = "2026-11-23"


@pytest.fixture
def run(runner: CliRunner) -> Callable[..., Result]:
    """Invoke `planner ARGS... --today 2026-11-23` and fail with its output if it fails."""

    def invoke(*args: str, code: int = 0, today: bool = True) -> Result:
        result = runner.invoke(cli, [*args, *(["--today", TODAY] if today else [])])
        assert result.exit_code == code, (result.output, result.exception)
        return result

    return invoke


@pytest.fixture
def script_schedule(write_schedule: Callable[[str, str], Path], minimal_text: str) -> Path:
    """The minimal schedule with markup and quotes in its plan name, forum and activity title."""
    text = minimal_text.replace('name = "Test plan"', "name = '<b>Plan</b> & \"co\"'")
    text = text.replace('title = "Staff talks"', "title = '<script>alert(\"x\")</script> talks'")
    text = text.replace('short = "SST"', "short = '</text><script>evil()</script>'")
    assert text.count("<script>") == 2
    return write_schedule(text, "script.toml")
