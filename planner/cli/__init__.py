"""The `planner` command: the group of commands, and `main`, which runs it as a program.

Each command lives in a module of its group (plan, reports, analysis, publish), which imports
only planner.cli.options and the library; this module puts them together.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from collections.abc import Iterator
from typing import IO, Any

import click

from planner.cli import analysis, plan, publish, reports
from planner.cli.help import PlannerContext, help_texts, translated
from planner.cli.options import PlannerCommand, current_lang, version_option
from planner.errors import PlannerError
from planner.files import WriteFailed
from planner.i18n import localized, translate

__all__ = ["cli", "main"]


class PlannerGroup(click.Group):
    """The one way a command ends: a PlannerError (the user's mistake) prints one line per
    problem and exits 2, a failed write prints its one line and exits 1; its commands' help
    follows the reader's language."""

    context_class = PlannerContext
    command_class = PlannerCommand

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.context_class = PlannerContext
        super().add_command(cmd, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = current_lang(ctx)
        if lang == "en":
            return super().format_commands(ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, translated(command, lang).get_short_help_str(
                    formatter.width - 6 - max(map(len, self.list_commands(ctx))))))
        with formatter.section(translate(lang, "Commands:").rstrip(":")):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlannerError as error:
            click.echo(error.text(current_lang(ctx)), err=True)
            ctx.exit(2)
        except WriteFailed as error:
            click.echo(f"planner: {localized(error.message, current_lang(ctx))}", err=True)
            ctx.exit(1)


@click.group(cls=PlannerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@version_option
def cli() -> None:
    """Plan meeting cycles from a TOML schedule and write calendar files.

    \b
    Examples:
      planner init                          # writes roundtable.toml here to edit
      planner validate -s roundtable.toml
      planner generate -s roundtable.toml   # -> roundtable.ics
      planner list --from 2026-01-01 --kind executive-session
      planner explain roundtable.biennial.c2.executive_session

    Every command reads the schedule named with -s FILE.toml, or the built-in one.
    """


for _group in (plan, reports, analysis, publish):
    for _command in _group.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Run `planner` as a program: the cyclic garbage collector stays off, and the process
    ends without freeing its objects one by one.

    A command's objects all live until it ends, so the collector's passes find nothing to
    free, and the passes and the freeing at exit were a fifth of a default `planner
    generate`'s CPU time; reference counting still frees what goes. Everything the command
    wrote is flushed first, and files are written whole before they are renamed into place
    (planner.files), so nothing is lost.
    """
    gc.disable()
    gc.freeze()  # what is already made (the imported modules) is never looked at again
    try:
        cli.main(prog_name="planner")  # always ends in SystemExit, as a click program does
        status = 0
    except SystemExit as done:
        status = _status(done.code)
    except BaseException:  # a bug: its traceback, as Python would print it
        traceback.print_exc()
        status = 1
    os._exit(_flushed(status))


def _status(code: object) -> int:
    """The exit status sys.exit(code) would give."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _flushed(status: int) -> int:
    """Flush standard output and error; a reader that went away (`| head`) is no failure of
    ours, but output that could not be written is (exit 1, as Python itself would)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            pass
        except (OSError, ValueError):
            status = status or 1
    return status


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
            options: Any) -> Iterator[tuple[Any, ...]]:
    """A Babel extractor for this file: its marked phrases, then every help text of the CLI
    (see planner/locale/babel.cfg)."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    for text in dict.fromkeys(help_texts(cli)):
        yield 0, None, text, []
