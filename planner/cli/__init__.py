"""The `planner` command: parse options, call the library, print. Nothing is decided here."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from planner import __version__
from planner.cli.help import LANG_KEY, PlannerContext, current_lang, lang_written, translated
from planner.errors import PlannerError, Problem, Where, told_once
from planner.files import WriteFailed
from planner.i18n import (
    LANGS,
    N_,
    deferred,
    lang_from_environment,
    localized,
    translate,
    translate_n,
)

# The engine and the loader (and through them the holidays package) are imported by the
# commands that run them, so that `planner --help` starts fast.
if TYPE_CHECKING:
    from planner.calendar.state import Changes
    from planner.i18n import Text
    from planner.plan import Plan
    from planner.schedule.model import Schedule

F = TypeVar("F", bound=Callable[..., Any])

# Made once and shared: click looks up the translation of an option's texts (in locale files)
# each time one is made.
_VERSION_OPTION = click.version_option(__version__, prog_name="planner")
SCHEDULE_FILE: click.Path = click.Path(dir_okay=False, path_type=Path)


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
    schedule = next((arg for arg in args if arg.lower().endswith(".toml")), None)
    if schedule is None:
        return f"unexpected argument: {' '.join(stray)}"
    others = [arg for index, arg in enumerate(args) if index != args.index(schedule)]
    return (f"name the schedule with -s: {command} -s {' '.join([schedule, *others])}"
            " (a schedule is no longer given as an argument)")


class PlannerGroup(click.Group):
    """Maps the user's mistakes to one message per problem and exit status 2; its commands'
    help follows the reader's language."""

    context_class = PlannerContext

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

    command_class = PlannerCommand

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlannerError as error:
            click.echo(error.text(current_lang(ctx)), err=True)
            ctx.exit(2)
        except WriteFailed as error:
            click.echo(f"planner: {localized(error.message, current_lang(ctx))}", err=True)
            ctx.exit(1)


# One line after `generate`: where people take the file next.
IMPORT_HINT = N_("to import: Outlook 'Add calendar > Upload from file', Google Calendar "
                 "'Settings > Import & export', Apple Calendar 'File > Import'; to subscribe "
                 "(updates arrive by themselves), serve the file at a URL: README 'Subscribing'")


def events_n(lang: str, count: int) -> str:
    """"1 event", "3 events", in `lang`."""
    return translate_n(lang, "{count} event", "{count} events", count).format(count=count)


def entries_n(lang: str, count: int) -> str:
    return translate_n(lang, "{count} calendar entry", "{count} calendar entries",
                       count).format(count=count)


def destination(target: str, lang: str) -> str:
    return translate(lang, "standard output") if target == "-" else str(Path(target).resolve())


def wrote_calendar(changes: Changes, events: int, where: str, lang: str = "en") -> str:
    """What a calendar file holds, in the words of `planner list` (which counts events)."""
    cancelled = len(changes.cancelled) + len(changes.still_cancelled)
    live = changes.entries
    notes = []
    if live == events:
        text = translate(lang, "wrote {events} to {where}").format(
            events=events_n(lang, events), where=where)
    else:
        text = translate(lang, "wrote {entries} for {events} to {where}").format(
            entries=entries_n(lang, live), events=events_n(lang, events), where=where)
        notes.append(translate(lang, "a repeating series is one entry"))
    if cancelled:
        notes.append(translate_n(lang, "and {count} cancelled entry, kept until its date passes "
                                 "or --prune", "and {count} cancelled entries, kept until their "
                                 "date passes or --prune", cancelled).format(count=cancelled))
    return f"{text} ({'; '.join(notes)})" if notes else text


def today() -> dt.date:
    return dt.date.today()


def build_stamp() -> dt.datetime:
    """DTSTAMP for calendar files: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise PlannerError(Problem(Where("SOURCE_DATE_EPOCH"), f"not a Unix time: {epoch!r}",
                                       "set it to whole seconds since 1970, or unset it")) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def schedule_option(function: F) -> F:
    """-s/--schedule, the one way every command names its schedule."""
    return click.option("-s", "--schedule", type=SCHEDULE_FILE, metavar="FILE.toml",
                        help="The schedule to read (default: the built-in roundtable "
                             "schedule; `planner init` writes a copy to edit).")(function)


def version_option(function: F) -> F:
    return _VERSION_OPTION(function)


def horizon_options(function: F) -> F:
    function = click.option("--to", "to_date", type=click.DateTime(["%Y-%m-%d"]),
                            help="Last day to include (default: the schedule's plan.to).")(function)
    function = click.option("--from", "from_date", type=click.DateTime(["%Y-%m-%d"]),
                            help="First day to include (default: the schedule's plan.from).")(function)
    return click.option("--today", "today_date", type=click.DateTime(["%Y-%m-%d"]),
                        help="Date to judge warnings by (default: the real today).")(function)


def width_option(function: F) -> F:
    return click.option("--width", type=click.IntRange(20, 10_000), metavar="N",
                        help="Fit lines to N columns (default: the terminal's width; no limit "
                             "when the output goes to a pipe or a file).")(function)


def fit_width(asked: int | None, err: bool = False) -> int | None:
    """The width to fit standard output (or error) to: --width, the terminal's, or None."""
    from planner.reports.fit import terminal_width

    return terminal_width(sys.stderr if err else sys.stdout, os.environ, asked)


def say(text: str) -> None:
    """A note on standard error, wrapped to the terminal when it is one."""
    from planner.reports.fit import wrap

    click.echo(wrap(text, fit_width(None, err=True)), err=True)


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


def _load(schedule: Path | None, overrides: tuple[str, ...] = ()) -> Schedule:
    """The schedule file, or the built-in one (named as such in every message)."""
    from planner.schedule.load import load_schedule, parse_schedule
    from planner.schedule.packaged import BUILT_IN_NAME, default_schedule

    if schedule is None:
        return parse_schedule(default_schedule().read_bytes(), BUILT_IN_NAME, overrides)
    return load_schedule(schedule, overrides)


def _stem(schedule: Path | None) -> str:
    """What files made from the schedule are named after: colombia.toml -> colombia."""
    return schedule.stem if schedule is not None else "roundtable"


def _plan(schedule: Schedule, from_date: dt.datetime | None, to_date: dt.datetime | None,
          today_date: dt.datetime | None, published: dict[str, dt.date] | None = None) -> Plan:
    from planner.engine import make_plan

    first = from_date.date() if from_date else schedule.plan_from
    last = to_date.date() if to_date else schedule.plan_to
    if last < first:
        raise click.UsageError(f"--to {last} is before --from {first}")
    return make_plan(schedule, today=today_date.date() if today_date else today(),
                     horizon=(first, last), published=published)


def _warn(plan: Plan) -> None:
    lang = current_lang()
    for warning in told_once(plan.warnings, lang):
        say(translate(lang, "warning: {problem}").format(problem=warning))
    for note in plan.notes:  # published events that had to move
        say(localized(note, lang))


def replan_option(function: F) -> F:
    return click.option(
        "--replan", is_flag=True,
        help="Plan from scratch, ignoring the dates already published (by default a published "
             "event keeps its date while every rule allows it).")(function)


def _party_names(schedule: Schedule) -> dict[str, Text]:
    return {party.id: party.name for party in schedule.parties}


def _party_zones(schedule: Schedule) -> dict[str, str]:
    """Party id -> the zone it works from, for the parties that declare one."""
    return {party.id: party.timezone for party in schedule.parties if party.timezone}


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


@cli.command()
@schedule_option
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              help="Calendar file to write, '-' for standard output [default: the schedule's "
                   "name with .ics, e.g. colombia.toml -> colombia.ics]; "
                   "with --split, the folder to write into (made if missing).")
@horizon_options
@lang_option
@click.option("--split", type=click.Choice(["party", "forum", "kind"]),
              help="Write one calendar per party, forum or kind into the -o folder.")
@click.option("--party", "parties", multiple=True, help="Only events for this party (repeatable).")
@click.option("--forum", "forums", multiple=True, help="Only this forum id (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="Only this kind of event (repeatable).")
@click.option("--prune", is_flag=True,
              help="Drop events that an earlier run already wrote as cancelled.")
@force_option
@replan_option
@version_option
def generate(schedule: Path | None, output: str | None, from_date: dt.datetime | None,
             to_date: dt.datetime | None, today_date: dt.datetime | None, lang: str,
             split: str | None, parties: tuple[str, ...], forums: tuple[str, ...],
             kinds: tuple[str, ...], prune: bool, force: bool, replan: bool) -> None:
    """Plan the schedule and write it as an .ics calendar file.

    Run it again after editing the schedule: the previous file is read back first. A
    published event keeps its date while every rule still allows it (--replan ignores
    published dates); moved events keep their UID with a higher SEQUENCE, unchanged ones stay
    byte-identical and removed ones are written once more as cancelled (kept until their
    date passes, or --prune). --from/--to and the filters choose what to write; they never
    cancel.

    \b
    Examples:
      planner generate
      planner generate -s colombia.toml              # -> colombia.ics
      planner generate -s colombia.toml -o plan.ics --from 2026-01-01
      planner generate --split party -o calendars/      # SEDENA.ics, SEMAR.ics, ...
      planner generate --party SEDENA --lang es -o sedena.ics
      SOURCE_DATE_EPOCH=1767225600 planner generate -o -   # reproducible bytes on stdout
    """
    from planner.calendar.ics import write_calendar  # export modules only when writing
    from planner.calendar.options import CalendarOptions
    from planner.calendar.split import filtered_name, select, write_split
    from planner.calendar.state import published_days

    loaded = _load(schedule)
    previous = output or f"{_stem(schedule)}.ics"  # the calendar this run replaces
    published = {} if replan or previous == "-" else published_days(previous, loaded.uid_domain)
    plan = _plan(loaded, from_date, to_date, today_date, published)
    day = today_date.date() if today_date else today()  # past cancellations are dropped
    filters = {"parties": parties, "forums": forums, "kinds": kinds}
    events = select(loaded, plan, **filters)
    options = CalendarOptions(build_stamp(), lang=lang, party_names=_party_names(loaded),
                              calendar_name=filtered_name(loaded, plan.calendar_name, **filters),
                              prune=prune, today=day, force=force, inputs=(loaded.path,))
    if split:
        if output in (None, "-"):
            raise click.UsageError(translate(lang, "--split writes one file per audience: give a "
                                             "folder with -o DIR"))
        written = write_split(output, loaded, plan, split, options, events=events)
    else:
        target = output or f"{_stem(schedule)}.ics"
        if Path(target).is_dir():
            raise click.UsageError(translate(lang, "{target} is a folder: name a file with -o, or "
                                             "use --split").format(target=target))
        one = write_calendar(target, plan, options, events=events)
        if one is None:
            raise PlannerError(Problem(Where(loaded.path), deferred("no event matches the filters"),
                                       deferred("check --party, --forum and --kind; nothing was "
                                                "written")))
        written = [one]
    _warn(plan)
    for item in written:
        for note in item.notes:  # what could not be used of the previous file
            say(translate(lang, "warning: {problem}").format(problem=localized(note, lang)))
        where = destination(item.target, lang)
        if item.target != "-":
            say(f"{where}: {item.changes.summary(lang)}")
        if not split:
            say(wrote_calendar(item.changes, len(events), where, lang))
    if split:
        total = sum(item.changes.written for item in written)
        calendars = translate_n(lang, "{count} calendar", "{count} calendars",
                                len(written)).format(count=len(written))
        click.echo(translate(lang, "wrote {calendars} ({entries}) to {where}").format(
            calendars=calendars, entries=entries_n(lang, total),
            where=Path(output or ".").resolve()), err=True)
    if output != "-":
        say(translate(lang, IMPORT_HINT))


@cli.command()
@schedule_option
@click.option("--today", "today_date", type=click.DateTime(["%Y-%m-%d"]),
              help="Date to judge warnings by (default: the real today).")
@lang_option
@version_option
def validate(schedule: Path | None, today_date: dt.datetime | None, lang: str) -> None:
    """Check a schedule file and print every problem in it (exit status 2 if any).

    The plan is computed too, so a window with no allowed day is reported here.

    \b
    Example:
      planner validate -s colombia.toml
    """
    loaded = _load(schedule)
    plan = _plan(loaded, None, None, today_date)
    _warn(plan)
    count = len(plan.events)
    click.echo(translate_n(lang, "{file}: ok, {count} event from {first} to {last}",
                           "{file}: ok, {count} events from {first} to {last}", count)
               .format(file=loaded.path, count=count, first=plan.horizon[0], last=plan.horizon[1]))


STARTER_HEADER = """\
#:schema ./schedule.schema.json
# Your schedule, copied from planner's built-in roundtable schedule by `planner init`.
# Edit it for your program (rename the file too: colombia.toml gives colombia.ics), then:
#   planner validate -s {name}     every problem, with its line and what to do
#   planner generate -s {name}     the calendar file
# Every key, its type, default and an example: schedule.schema.json beside this file (the
# first line lets taplo / Even Better TOML in VS Code complete and check keys as you type),
# or the README's "Schedule key reference".

"""


@cli.command()
@click.argument("folder", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@version_option
def init(folder: Path) -> None:
    """Write a starter schedule to edit (the built-in one, commented) into FOLDER.

    FOLDER defaults to this one and is made if missing; an existing roundtable.toml is
    never replaced. The schedule's JSON Schema goes beside it, for editors that complete
    TOML keys.

    \b
    Examples:
      planner init
      planner init colombia-program
    """
    from planner.files import write_atomically
    from planner.schedule.packaged import default_schedule, schedule_schema

    target = folder / "roundtable.toml"
    if target.exists():
        raise PlannerError(Problem(Where(str(target)), "already exists",
                                   "edit it, or run `planner init` in another folder"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlannerError(Problem(Where(str(folder)), f"cannot make the folder: "
                                   f"{error.strerror or type(error).__name__}",
                                   "choose a folder you can write to")) from None
    header = STARTER_HEADER.format(name=target.name)
    write_atomically(target, header.encode() + default_schedule().read_bytes())
    schema = folder / "schedule.schema.json"
    if not schema.exists():  # one copy per folder; an edited one is left alone
        write_atomically(schema, schedule_schema().read_bytes())
    go = "" if folder == Path(".") else f"cd {folder} && "
    click.echo(f"wrote {target.resolve()}: a starter schedule to edit\n"
               f"next: {go}planner validate -s {target.name} && planner generate -s {target.name}"
               f" && planner timeline -s {target.name}")


@cli.command(name="list")
@schedule_option
@horizon_options
@click.option("--party", "parties", multiple=True,
              help="Only this party's events, as in its calendar (repeatable).")
@click.option("--forum", "forums", multiple=True, help="Only this forum id (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="Only this kind of event (repeatable).")
@width_option
@lang_option
@version_option
def list_events(schedule: Path | None, from_date: dt.datetime | None,
                to_date: dt.datetime | None, today_date: dt.datetime | None,
                parties: tuple[str, ...], forums: tuple[str, ...], kinds: tuple[str, ...],
                width: int | None, lang: str) -> None:
    """Print the plan as a table in the terminal.

    Lines fit the terminal: when the table is wider, each event takes two lines (when,
    status, title; then its id and place), cut with "…". Piped, every line is whole.

    \b
    Examples:
      planner list
      planner list --from 2026-01-01 --to 2027-12-31 --forum roundtable
      planner list --kind deployment --kind approval-deadline
      planner list --party SEDENA --from 2026-01-01
    """
    from planner.calendar.split import select
    from planner.reports.text import table

    loaded = _load(schedule)
    plan = _plan(loaded, from_date, to_date, today_date)
    events = select(loaded, plan, parties=parties, forums=forums, kinds=kinds)
    click.echo(table(events, lang, width=fit_width(width), zones=_party_zones(loaded)))
    click.echo(translate_n(lang, "{count} event", "{count} events", len(events))
               .format(count=len(events)), err=True)


@cli.command()
@click.argument("event_id")
@schedule_option
@click.option("--today", "today_date", type=click.DateTime(["%Y-%m-%d"]),
              help="Date to judge warnings by (default: the real today).")
@lang_option
@version_option
def explain(event_id: str, schedule: Path | None, today_date: dt.datetime | None,
            lang: str) -> None:
    """Say why an event is on its date: cycle, phase, rules and refused days.

    EVENT-ID is the last column of `planner list`.

    \b
    Example:
      planner explain roundtable.biennial.c2.executive_session
      planner explain -s colombia.toml colombia.yearly.c1.session
    """
    from planner.engine import make_plan
    from planner.reports.text import explain as explain_text

    if event_id.lower().endswith(".toml"):
        raise click.UsageError(f"{event_id} is a schedule, not an event id: "
                               f"planner explain -s {event_id} EVENT-ID "
                               f"(the ids are the last column of `planner list -s {event_id}`)")
    loaded = _load(schedule)
    plan = make_plan(loaded, today=today_date.date() if today_date else today())
    event = plan.event(event_id)
    if event is None:
        import difflib

        close = difflib.get_close_matches(event_id, [e.id for e in plan.events], n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "see `planner list` for ids"
        raise PlannerError(Problem(Where(loaded.path), f"no event with id {event_id!r}", hint))
    click.echo(explain_text(event, _party_names(loaded), lang=lang, others=plan.events,
                            zones=_party_zones(loaded)))


# The other command groups live in their own modules and import the helpers above.
from planner.cli.analysis import register_analysis  # noqa: E402
from planner.cli.publish import register_publish  # noqa: E402
from planner.cli.reports import register as register_reports  # noqa: E402

register_analysis(cli)
register_reports(cli)
register_publish(cli)


def main() -> None:
    cli(prog_name="planner")


if __name__ == "__main__":  # pragma: no cover
    main()
