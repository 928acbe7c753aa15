"""ruff and mypy (as configured in pyproject.toml) pass on the code and the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "planner", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_tests_do_not_import_the_tests_folder_as_a_package() -> None:
    # `from tests.x import y` works under `python -m pytest` (the project folder is on the
    # path) but not under the README's plain `pytest`: import a sibling relatively, or conftest.
    wrong = [f"{path.relative_to(ROOT)}:{number}" for path in sorted((ROOT / "tests").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.lstrip().startswith(("from tests.", "import tests."))]
    assert not wrong, "\n".join(wrong)
