"""What planner says about writing files and choosing audiences reads in Spanish under
--lang es, like every other message (issue 14)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import PlannerError
from planner.cli import cli
from planner.files import write_atomically

TODAY = ["--today", "2026-11-23"]


def test_writing_over_a_folder_is_refused_in_spanish(tmp_path: Path) -> None:
    # The CLI's options refuse a folder before writing; a library caller meets this one.
    with pytest.raises(PlannerError) as caught:
        write_atomically(tmp_path, b"x")
    assert f"{tmp_path}: es una carpeta; indique un archivo que escribir" in caught.value.text("es")


def test_a_missing_folder_is_said_in_spanish(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.ics"
    result = runner.invoke(cli, ["generate", "-o", str(target), "--lang", "es", *TODAY])
    assert result.exit_code == 2
    assert "no se puede escribir aquí: No such file or directory" in result.stderr
    assert f"verifique que la carpeta {target.parent} exista y permita escribir" in result.stderr


def test_the_schedule_is_never_written_over_in_spanish(runner: CliRunner, tmp_path: Path) -> None:
    schedule = tmp_path / "plan.toml"
    schedule.write_bytes((Path(__file__).parents[1] / "minimal.toml").read_bytes())
    result = runner.invoke(cli, ["generate", "-s", str(schedule), "-o", str(schedule),
                                 "--force", "--lang", "es", *TODAY])
    assert result.exit_code == 2
    assert "es una entrada de esta ejecución (el calendario); no se sobrescribe" in result.stderr
    assert "escriba en otro archivo" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_failed_write_is_said_in_spanish(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "/dev/full", "--lang", "es", *TODAY])
    assert result.exit_code == 1
    assert "planner: /dev/full: no se pudo escribir: No space left on device" in result.stderr


def test_an_unknown_party_forum_or_kind_is_said_in_spanish(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--party", "SEDENAA", "--forum", "nope",
                                 "--kind", "nope", "--lang", "es", *TODAY])
    assert result.exit_code == 2
    assert "no hay ningún participante 'SEDENAA'" in result.stderr
    assert "¿quiso decir SEDENA?" in result.stderr
    assert "no hay ningún foro 'nope'" in result.stderr
    assert "no hay ningún tipo 'nope'" in result.stderr
    assert "conocidos: " in result.stderr
