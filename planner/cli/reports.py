"""`planner timeline`, `agenda`, `apa` and `export`: the reports people look at.

Thin commands: parse options, call planner.reports.*, write with planner.files.write_output, print.
The group in planner.cli registers COMMANDS.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli.options import (
    PlannerCommand,
    build_stamp,
    current_lang,
    destination,
    events_n,
    fit_width,
    force_option,
    horizon_options,
    lang_option,
    load,
    party_zones,
    schedule_option,
    span,
    today_option,
    version_option,
    warn,
    width_option,
)
from planner.errors import PlannerError, Problem, Where
from planner.files import write_output
from planner.i18n import deferred, translate, translate_n

if TYPE_CHECKING:  # the engine and the model are imported when a command runs
    from planner.plan import PlannedEvent
    from planner.schedule.model import Schedule

_TIMELINE_SUFFIXES = {".html": "html", ".htm": "html", ".svg": "svg", ".png": "png", ".pdf": "pdf"}


def _format_of(output: str | None, asked: str | None, suffixes: dict[str, str],
               default: str) -> str:
    """The format the file name asks for; a name and --format that disagree are refused."""
    if output in (None, "-"):
        return asked or default
    suffix = Path(output).suffix.lower()
    named = suffixes.get(suffix)
    lang = current_lang()
    if named is None:
        ending = suffix or translate(lang, "no suffix")
        raise click.BadParameter(translate(lang, "{file} ends in {suffix}; name the file with one "
                                           "of {known}").format(
            file=repr(output), suffix=ending, known=", ".join(sorted(suffixes))), param_hint="'-o'")
    if asked is not None and asked != named:
        raise click.BadParameter(translate(lang, "{file} is named as {named}, but --format is "
                                           "{asked}; make them agree (or leave --format out)")
                                 .format(file=repr(output), named=named, asked=asked),
                                 param_hint="'-o'")
    return named


def _printed(html: bytes) -> bytes:
    """The HTML page as PDF, printed by headless Chromium."""
    from planner.reports.pdf import to_pdf
    from planner.reports.timeline_page import ScreenshotError, find_browser

    try:
        return to_pdf(html, browser=find_browser(os.environ), stamp=build_stamp())
    except ScreenshotError as error:
        raise click.ClickException(str(error)) from None


def _done(output: str, what: str, lang: str) -> None:
    """The last line of a report: what was written where, in `lang` (`what` is in it too)."""
    click.echo(translate(lang, "wrote {what} to {where}").format(
        what=what, where=destination(output, lang)), err=True)


@click.command(cls=PlannerCommand)
@schedule_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write: .html, .svg, .png or .pdf (the suffix picks the format); '-' "
                   "is standard output.  [default: timeline.html]")
@click.option("--format", "fmt", type=click.Choice(["html", "svg", "png", "pdf"]),
              help="html: one self-contained page; svg: the chart alone; png: a picture, pdf: "
                   "the page printed, both by headless Chromium.  [default: from the -o suffix]")
@click.option("--full", is_flag=True,
              help="Show the schedule's whole horizon (default: two years before today's to "
                   "three after).")
@horizon_options
@lang_option
@force_option
@version_option
def timeline(schedule: Path | None, output: str | None, fmt: str | None, full: bool,
             from_day: dt.date | None, to_day: dt.date | None, today: dt.date, lang: str,
             force: bool) -> None:
    """Draw the plan as a timeline: years across, one row per forum, exercise and deployment.

    Cycles and their phases are shaded, events are marks with tooltips (dates, place,
    participants, why), approval deadlines are red flags, the Senate's recesses are
    hatched and a red line marks today. The HTML page needs nothing from the network and
    prints on one landscape page.

    \b
    Examples:
      planner timeline -o plan.html
      planner timeline --full --lang es -o cronograma.html
      planner timeline --from 2026-01-01 --to 2027-12-31 -o cycle.svg
      planner timeline -o plan.png                   # needs chromium installed
      planner timeline -o plan.pdf                   # to send; needs chromium installed
    """
    from planner.engine.span import plan_span
    from planner.reports.timeline import default_window, svg_document, timeline_html, timeline_svg

    fmt = _format_of(output, fmt, _TIMELINE_SUFFIXES, "html")
    output = output or f"timeline.{fmt}"
    loaded = load(schedule)
    if from_day is None and to_day is None and not full:
        first, last = default_window(loaded, today=today)
    else:
        first, last = span(loaded, from_day, to_day)
    plan = plan_span(loaded, first, last, today=today)
    if fmt in ("html", "pdf"):
        data = timeline_html(plan, loaded, today=today, lang=lang)
        if fmt == "pdf":
            data = _printed(data)
    else:
        chart = timeline_svg(plan, loaded, today=today, lang=lang)
        if fmt == "svg":
            data = svg_document(chart)
        else:
            from planner.reports.timeline_page import ScreenshotError, find_browser, png

            try:
                data = png(chart, browser=find_browser(os.environ))
            except ScreenshotError as error:
                raise click.ClickException(str(error)) from None
    write_output(output, data, force=force, inputs=[loaded.path])
    warn(plan)
    count = len(plan.events)
    _done(output, translate_n(lang, "the timeline of {count} event ({start} to {end}, {format})",
                              "the timeline of {count} events ({start} to {end}, {format})", count)
          .format(count=count, start=plan.horizon[0], end=plan.horizon[1], format=fmt), lang)


@click.command(cls=PlannerCommand)
@schedule_option
@click.option("--year", type=click.IntRange(1900, 2999),
              help="Year to show (default: the year of --today).")
@click.option("--party", "parties", multiple=True,
              help="Only this party's events, as in its calendar from `generate --party` "
                   "(repeatable).")
@click.option("--leader", metavar="ID",
              help="Only the events this leader attends, then their trips and days away.")
@click.option("--holidays", "show_holidays", is_flag=True,
              help="Also list the public holidays of the schedule's countries.")
@today_option("Date of the 'today' line (default: the real today).")
@width_option
@lang_option
@version_option
def agenda(schedule: Path | None, year: int | None, parties: tuple[str, ...],
           leader: str | None, show_holidays: bool, today: dt.date, width: int | None,
           lang: str) -> None:
    """Print a year's agenda in the terminal: a header per month, one line per event.

    Colour only on a terminal, and never when NO_COLOR is set. Lines fit the terminal (time
    and place move under the title, long texts end in "…"); piped, every line is whole.

    \b
    Examples:
      planner agenda --year 2026
      planner agenda --year 2026 --party SEDENA --lang es
      planner agenda --year 2026 --leader sedena_chief_of_staff   # who travels where
      planner agenda --holidays | less -R
    """
    from planner.calendar.split import select
    from planner.engine.span import plan_span
    from planner.labels import holiday_names, label
    from planner.reports.agenda import agenda as render_agenda
    from planner.reports.agenda import color_wanted

    loaded = load(schedule)
    year = year or today.year
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    plan = plan_span(loaded, first, last, today=today)
    events = select(loaded, plan, parties=parties)
    names = ", ".join(loaded.party(p).name.get(lang) for p in parties)
    trips: list[PlannedEvent] = []
    if leader is not None:
        from planner.analysis.compare import is_trip, leader_events

        _check_leader(loaded, leader, lang)
        attended = set(leader_events(loaded, plan, leader))
        events = tuple(e for e in events if e in attended)
        trips = [e for e in events if is_trip(loaded, e, leader)]
        names = ", ".join(filter(None, [names, loaded.leader(leader).name.get(lang)]))
    title = (label("agenda_party", lang, year=year, party=names) if names
             else f"{label('agenda', lang, year=year)} — {plan.name.get(lang)}")
    holidays = holiday_names(loaded.days.holiday_countries, first, last, lang) if show_holidays else []
    color = color_wanted(sys.stdout, os.environ)
    click.echo(render_agenda(events, title=title, first=first, last=last, lang=lang, color=color,
                             today=today, holidays=holidays, width=fit_width(width),
                             zones=party_zones(loaded),
                             headline_kinds=loaded.program.headline_kinds),
               nl=False, color=color)
    if leader is not None:
        from planner.reports.agenda import travel

        click.echo("\n" + travel(loaded.leader(leader).name.get(lang), year, trips, lang,
                                 fit_width(width)), nl=False)
    warn(plan)
    click.echo(events_n(lang, len(events)), err=True)


def _check_leader(schedule: Schedule, leader: str, lang: str) -> None:
    import difflib

    known = [item.id for item in schedule.leaders]
    if leader not in known:
        close = difflib.get_close_matches(leader, known, n=3)
        hint = (deferred("did you mean {key}?", key=", ".join(close)) if close
                else deferred("known: {ids}", ids=", ".join(known)))
        raise PlannerError(Problem(Where(schedule.path, "--leader"),
                                   deferred("no leader {leader}", leader=repr(leader)), hint))


@click.command(cls=PlannerCommand)
@click.argument("year", type=click.IntRange(1900, 2999))
@schedule_option
@click.option("-o", "--output", default="-", show_default=True,
              type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write: .md, .html, .csv or .pdf (the suffix picks the format); '-' prints "
                   "Markdown.")
@today_option()
@lang_option
@force_option
@version_option
def apa(year: int, schedule: Path | None, output: str, today: dt.date, lang: str,
        force: bool) -> None:
    """Write the Annual Plan of Activities of YEAR, grouped by line of effort.

    Every activity of the year with its dates, place, participants and status, under the
    schedule's lines of effort (then other activities): what its chairs validate.

    \b
    Examples:
      planner apa 2026
      planner apa 2026 -o apa-2026.html --lang es
      planner apa 2027 -o apa-2027.csv
      planner apa 2027 -o apa-2027.pdf               # to send; needs chromium installed
      planner apa 2027 -s colombia.toml
    """
    from planner.engine.span import plan_span
    from planner.reports.apa import FORMATS, render_apa

    fmt = _format_of(output, None, {**FORMATS, ".pdf": "pdf"}, "markdown")
    loaded = load(schedule)
    plan = plan_span(loaded, dt.date(year, 1, 1), dt.date(year, 12, 31), today=today)
    data = (_printed(render_apa(plan, year, "html", lang)) if fmt == "pdf"
            else render_apa(plan, year, fmt, lang))
    write_output(output, data, force=force, inputs=[loaded.path])
    warn(plan)
    _done(output, translate(lang, "the Annual Plan of Activities {year} ({format})")
          .format(year=year, format=fmt), lang)


@click.command(cls=PlannerCommand)
@schedule_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), required=True,
              help="csv: one row per event; json: a versioned document "
                   "(schemas/plan-export.schema.json).")
@click.option("-o", "--output", default="-", show_default=True,
              type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write; '-' is standard output.")
@horizon_options
@lang_option
@force_option
@version_option
def export(schedule: Path | None, fmt: str, output: str, from_day: dt.date | None,
           to_day: dt.date | None, today: dt.date, lang: str, force: bool) -> None:
    """Write every event as CSV rows or a JSON document, for spreadsheets and programs.

    Columns: id, uid, forum, kind, title, start, end, all_day, timezone, venue, location,
    country, participants, cycle, phase, status, provenance. Codes stay the same in every
    language; titles and texts follow --lang.

    \b
    Examples:
      planner export --format csv -o plan.csv
      planner export --format json --from 2026-01-01 --lang es -o plan.json
    """
    from planner.engine.span import plan_span
    from planner.reports.tabular import to_csv, to_json

    loaded = load(schedule)
    plan = plan_span(loaded, *span(loaded, from_day, to_day), today=today)
    data = to_csv(plan, loaded, lang) if fmt == "csv" else to_json(plan, loaded, lang)
    write_output(output, data, force=force, inputs=[loaded.path])
    warn(plan)
    _done(output, f"{events_n(lang, len(plan.events))} ({fmt})", lang)


COMMANDS = (timeline, agenda, apa, export)
