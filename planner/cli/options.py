"""What every `planner` command shares: its options, the schedule it reads, the days it plans,
and how it speaks (language, notes on standard error, exit statuses).

Command modules (plan, reports, analysis, publish) import this module and the library, never
each other nor the group in planner.cli: each one imports on its own.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from planner import __version__
from planner.errors import PlannerError, Problem, Where, told_once
from planner.i18n import LANGS, deferred, lang_from_environment, localized, translate, translate_n

# The engine and the loader (and through them the holidays package) are imported by the
# commands that run them, so that `planner --help` starts fast.
if TYPE_CHECKING:
    from planner.i18n import Text
    from planner.plan import Plan
    from planner.schedule.model import Schedule

F = TypeVar("F", bound=Callable[..., Any])

LANG_KEY = "planner.lang"  # where --lang is kept for help and the messages of errors
# Made once and shared: click looks up the translation of an option's texts (in locale files)
# each time one is made.
_VERSION_OPTION = click.version_option(__version__, prog_name="planner")
SCHEDULE_FILE: click.Path = click.Path(dir_okay=False, path_type=Path)
_DAY = click.DateTime(["%Y-%m-%d"])
JUDGE_WARNINGS = "Date to judge warnings by (default: the real today)."


# -- the reader's language --------------------------------------------------------------------

def current_lang(ctx: click.Context | None = None) -> str:
    """The command's --lang, else the locale's language."""
    ctx = ctx or click.get_current_context(silent=True)
    return (ctx.meta.get(LANG_KEY) if ctx else None) or lang_from_environment()


def lang_written(args: list[str]) -> str | None:
    """The value of --lang among a command's arguments, wherever it is written.

    click shows --help as soon as it reads it, before a later `--lang es` is parsed, so the
    command looks for --lang itself first. An unknown value is left to click to refuse.
    """
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        else:
            continue
        return value if value in LANGS else None
    return None


class PlannerCommand(click.Command):
    """A command that answers a schedule given the old way (as an argument) with the new way."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        written = lang_written(args)
        if written:  # before click parses, so `--help --lang es` is in Spanish too
            ctx.meta[LANG_KEY] = written
        ctx.allow_extra_args = True  # leftovers are explained below instead of "unexpected"
        rest = super().parse_args(ctx, list(args))
        if ctx.args:
            raise click.UsageError(_stray_message(ctx.command_path, args, ctx.args), ctx)
        return rest


def _stray_message(command: str, args: list[str], stray: list[str]) -> str:
    lang = current_lang()
    schedule = next((arg for arg in args if arg.lower().endswith(".toml")), None)
    if schedule is None:
        return translate(lang, "unexpected argument: {arguments}").format(arguments=" ".join(stray))
    others = [arg for index, arg in enumerate(args) if index != args.index(schedule)]
    return translate(lang, "name the schedule with -s: {command} (a schedule is no longer given "
                           "as an argument)").format(command=" ".join([command, "-s", schedule,
                                                                        *others]))


# -- options ----------------------------------------------------------------------------------

def schedule_option(function: F) -> F:
    """-s/--schedule, the one way every command names its schedule."""
    return click.option("-s", "--schedule", type=SCHEDULE_FILE, metavar="FILE.toml",
                        help="The schedule to read (default: the built-in roundtable "
                             "schedule; `planner init` writes a copy to edit).")(function)


def version_option(function: F) -> F:
    return _VERSION_OPTION(function)


def _day_or_today(_ctx: click.Context, _param: click.Parameter,
                  value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


def today_option(help: str = JUDGE_WARNINGS) -> Callable[[F], F]:
    """--today, as a date: the one written, else the real today."""
    return click.option("--today", "today", type=_DAY, callback=_day_or_today, help=help)


def _day(_ctx: click.Context, _param: click.Parameter, value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def day_option(flag: str, name: str, help: str) -> Callable[[F], F]:
    """A date option such as --from: the date written, or None (see `span` for defaults)."""
    return click.option(flag, name, type=_DAY, callback=_day, help=help)


def horizon_options(function: F) -> F:
    """--from, --to and --today."""
    function = day_option("--to", "to_day",
                          "Last day to include (default: the schedule's plan.to).")(function)
    function = day_option("--from", "from_day",
                          "First day to include (default: the schedule's plan.from).")(function)
    return today_option()(function)


def width_option(function: F) -> F:
    return click.option("--width", type=click.IntRange(20, 10_000), metavar="N",
                        help="Fit lines to N columns (default: the terminal's width; no limit "
                             "when the output goes to a pipe or a file).")(function)


def _keep_lang(ctx: click.Context, _: click.Parameter, value: str) -> str:
    ctx.meta[LANG_KEY] = value
    return value


def lang_option(function: F) -> F:
    return click.option("--lang", type=click.Choice(LANGS), default=lang_from_environment,
                        show_default="from the locale: LANGUAGE, LC_ALL, LC_MESSAGES or LANG",
                        is_eager=True, callback=_keep_lang,
                        help="Language of titles, descriptions, reports and messages.")(function)


def force_option(function: F) -> F:
    return click.option("--force", is_flag=True,
                        help="Replace an output file that planner did not write.")(function)


def replan_option(function: F) -> F:
    return click.option(
        "--replan", is_flag=True,
        help="Plan from scratch, ignoring the dates already published (by default a published "
             "event keeps its date while every rule allows it).")(function)


# -- the schedule and its plan ----------------------------------------------------------------

def load(schedule: Path | None, overrides: tuple[str, ...] = ()) -> Schedule:
    """The schedule file, or the built-in one (named as such in every message)."""
    from planner.schedule.load import load_schedule, parse_schedule
    from planner.schedule.packaged import BUILT_IN_NAME, default_schedule

    if schedule is None:
        lang = current_lang()
        name = translate("en" if lang == "en+es" else lang, BUILT_IN_NAME)  # one name in messages
        return parse_schedule(default_schedule().read_bytes(), name, overrides)
    return load_schedule(schedule, overrides)


def file_stem(schedule: Path | None) -> str:
    """What files made from the schedule are named after: colombia.toml -> colombia."""
    return schedule.stem if schedule is not None else "roundtable"


def asked_days(schedule: Schedule, from_day: dt.date | None,
               to_day: dt.date | None) -> tuple[dt.date, dt.date]:
    """The days --from and --to ask for; the schedule's plan.from and plan.to by default."""
    return from_day or schedule.plan_from, to_day or schedule.plan_to


def span(schedule: Schedule, from_day: dt.date | None,
         to_day: dt.date | None) -> tuple[dt.date, dt.date]:
    """asked_days, refused when --to comes before --from."""
    first, last = asked_days(schedule, from_day, to_day)
    if last < first:
        raise click.UsageError(translate(current_lang(), "--to {last} is before --from {first}")
                               .format(last=last, first=first))
    return first, last


def plan_days(schedule: Schedule, days: tuple[dt.date, dt.date], today: dt.date,
              published: dict[str, dt.date] | None = None) -> Plan:
    """The plan of exactly these days (as `planner generate` writes them)."""
    from planner.engine import make_plan

    return make_plan(schedule, today=today, horizon=days, published=published)


def party_names(schedule: Schedule) -> dict[str, Text]:
    return {party.id: party.name for party in schedule.parties}


def party_zones(schedule: Schedule) -> dict[str, str]:
    """Party id -> the zone it works from, for the parties that declare one."""
    return {party.id: party.timezone for party in schedule.parties if party.timezone}


def build_stamp() -> dt.datetime:
    """DTSTAMP for calendar files: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise PlannerError(Problem(Where("SOURCE_DATE_EPOCH"), deferred(
                "not a Unix time: {value}", value=repr(epoch)), deferred(
                "set it to whole seconds since 1970, or unset it"))) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# -- what a command prints --------------------------------------------------------------------

def fit_width(asked: int | None, err: bool = False) -> int | None:
    """The width to fit standard output (or error) to: --width, the terminal's, or None."""
    from planner.reports.fit import terminal_width

    return terminal_width(sys.stderr if err else sys.stdout, os.environ, asked)


def say(text: str) -> None:
    """A note on standard error, wrapped to the terminal when it is one."""
    from planner.reports.fit import wrap

    click.echo(wrap(text, fit_width(None, err=True)), err=True)


def warn(plan: Plan) -> None:
    """The plan's warnings and notes, on standard error in the reader's language."""
    lang = current_lang()
    for warning in told_once(plan.warnings, lang):
        say(translate(lang, "warning: {problem}").format(problem=warning))
    for note in plan.notes:  # published events that had to move
        say(localized(note, lang))


def events_n(lang: str, count: int) -> str:
    """"1 event", "3 events", in `lang`."""
    return translate_n(lang, "{count} event", "{count} events", count).format(count=count)


def entries_n(lang: str, count: int) -> str:
    return translate_n(lang, "{count} calendar entry", "{count} calendar entries",
                       count).format(count=count)


def destination(target: str, lang: str) -> str:
    return translate(lang, "standard output") if target == "-" else str(Path(target).resolve())


def exit_with(status: int) -> NoReturn:
    """End the command with `status` after what it printed (the group maps a PlannerError to
    its problems and status 2 itself)."""
    raise click.exceptions.Exit(status)
