"""`planner generate`, `validate`, `init`, `list` and `explain`: the plan and its calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli.options import (
    PlannerCommand,
    build_stamp,
    destination,
    entries_n,
    events_n,
    file_stem,
    fit_width,
    force_option,
    horizon_options,
    lang_option,
    load,
    party_names,
    party_zones,
    plan_days,
    replan_option,
    say,
    schedule_option,
    span,
    today_option,
    version_option,
    warn,
    width_option,
)
from planner.errors import PlannerError, Problem, Where
from planner.i18n import N_, deferred, localized, translate, translate_n

if TYPE_CHECKING:
    from planner.calendar.state import Changes

# One line after `generate`: where people take the file next.
IMPORT_HINT = N_("to import: Outlook 'Add calendar > Upload from file', Google Calendar "
                 "'Settings > Import & export', Apple Calendar 'File > Import'; to subscribe "
                 "(updates arrive by themselves), serve the file at a URL: README 'Subscribing'")


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


@click.command(cls=PlannerCommand)
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
def generate(schedule: Path | None, output: str | None, from_day: dt.date | None,
             to_day: dt.date | None, today: dt.date, lang: str, split: str | None,
             parties: tuple[str, ...], forums: tuple[str, ...], kinds: tuple[str, ...],
             prune: bool, force: bool, replan: bool) -> None:
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

    loaded = load(schedule)
    previous = output or f"{file_stem(schedule)}.ics"  # the calendar this run replaces
    published = {} if replan or previous == "-" else published_days(previous, loaded.uid_domain)
    planned = plan_days(loaded, span(loaded, from_day, to_day), today, published)
    filters = {"parties": parties, "forums": forums, "kinds": kinds}
    events = select(loaded, planned, **filters)
    options = CalendarOptions(build_stamp(), lang=lang, party_names=party_names(loaded),
                              calendar_name=filtered_name(loaded, planned.calendar_name, **filters),
                              prune=prune, today=today, force=force, inputs=(loaded.path,))
    if split:
        if output in (None, "-"):
            raise click.UsageError(translate(lang, "--split writes one file per audience: give a "
                                             "folder with -o DIR"))
        written = write_split(output, loaded, planned, split, options, events=events)
    else:
        target = output or f"{file_stem(schedule)}.ics"
        if Path(target).is_dir():
            raise click.UsageError(translate(lang, "{target} is a folder: name a file with -o, or "
                                             "use --split").format(target=target))
        one = write_calendar(target, planned, options, events=events)
        if one is None:
            raise PlannerError(Problem(Where(loaded.path), deferred("no event matches the filters"),
                                       deferred("check --party, --forum and --kind; nothing was "
                                                "written")))
        written = [one]
    warn(planned)
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


@click.command(cls=PlannerCommand)
@schedule_option
@today_option()
@lang_option
@version_option
def validate(schedule: Path | None, today: dt.date, lang: str) -> None:
    """Check a schedule file and print every problem in it (exit status 2 if any).

    The plan is computed too, so a window with no allowed day is reported here.

    \b
    Example:
      planner validate -s colombia.toml
    """
    loaded = load(schedule)
    planned = plan_days(loaded, span(loaded, None, None), today)
    warn(planned)
    count = len(planned.events)
    click.echo(translate_n(lang, "{file}: ok, {count} event from {first} to {last}",
                           "{file}: ok, {count} events from {first} to {last}", count)
               .format(file=loaded.path, count=count, first=planned.horizon[0],
                       last=planned.horizon[1]))


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


@click.command(cls=PlannerCommand)
@click.argument("folder", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@lang_option
@version_option
def init(folder: Path, lang: str) -> None:
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
        raise PlannerError(Problem(Where(str(target)), deferred("already exists"),
                                   deferred("edit it, or run `planner init` in another folder")))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlannerError(Problem(Where(str(folder)), deferred(
            "cannot make the folder: {reason}", reason=error.strerror or type(error).__name__),
            deferred("choose a folder you can write to"))) from None
    header = STARTER_HEADER.format(name=target.name)
    write_atomically(target, header.encode() + default_schedule().read_bytes())
    schema = folder / "schedule.schema.json"
    if not schema.exists():  # one copy per folder; an edited one is left alone
        write_atomically(schema, schedule_schema().read_bytes())
    go = "" if folder == Path(".") else f"cd {folder} && "
    click.echo(translate(lang, "wrote {file}: a starter schedule to edit").format(
        file=target.resolve()))
    click.echo(translate(lang, "next: {commands}").format(
        commands=f"{go}planner validate -s {target.name} && planner generate -s {target.name}"
                 f" && planner timeline -s {target.name}"))


@click.command(cls=PlannerCommand, name="list")
@schedule_option
@horizon_options
@click.option("--party", "parties", multiple=True,
              help="Only this party's events, as in its calendar (repeatable).")
@click.option("--forum", "forums", multiple=True, help="Only this forum id (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="Only this kind of event (repeatable).")
@width_option
@lang_option
@version_option
def list_events(schedule: Path | None, from_day: dt.date | None, to_day: dt.date | None,
                today: dt.date, parties: tuple[str, ...], forums: tuple[str, ...],
                kinds: tuple[str, ...], width: int | None, lang: str) -> None:
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

    loaded = load(schedule)
    planned = plan_days(loaded, span(loaded, from_day, to_day), today)
    events = select(loaded, planned, parties=parties, forums=forums, kinds=kinds)
    click.echo(table(events, lang, width=fit_width(width), zones=party_zones(loaded)))
    click.echo(events_n(lang, len(events)), err=True)


@click.command(cls=PlannerCommand)
@click.argument("event_id")
@schedule_option
@today_option()
@lang_option
@version_option
def explain(event_id: str, schedule: Path | None, today: dt.date, lang: str) -> None:
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
        raise click.UsageError(translate(lang, "{schedule} is a schedule, not an event id: planner "
                                         "explain -s {schedule} EVENT-ID (the ids are the last "
                                         "column of `planner list -s {schedule}`)")
                               .format(schedule=event_id))
    loaded = load(schedule)
    planned = make_plan(loaded, today=today)
    event = planned.event(event_id)
    if event is None:
        import difflib

        close = difflib.get_close_matches(event_id, [e.id for e in planned.events], n=3)
        hint = (deferred("did you mean {key}?", key=", ".join(close)) if close
                else deferred("see `planner list` for ids"))
        raise PlannerError(Problem(Where(loaded.path), deferred(
            "no event with id {event_id}", event_id=repr(event_id)), hint))
    click.echo(explain_text(event, party_names(loaded), lang=lang, others=planned.events,
                            zones=party_zones(loaded)))


COMMANDS = (generate, validate, init, list_events, explain)
