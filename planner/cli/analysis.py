"""`planner check`, `compare` and `diff`: judging a plan and seeing what a change does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from planner.cli.options import (
    SCHEDULE_FILE,
    PlannerCommand,
    asked_days,
    day_option,
    exit_with,
    fit_width,
    lang_option,
    load,
    plan_days,
    schedule_option,
    today_option,
    version_option,
    width_option,
)
from planner.i18n import translate, translate_n

_JUDGE = "Date to judge by (default: the real today)."


@click.command(cls=PlannerCommand)
@schedule_option
@today_option(_JUDGE)
@width_option
@lang_option
@version_option
def check(schedule: Path | None, today: dt.date, width: int | None, lang: str) -> None:
    """Print every hard violation and warning in the plan.

    Exit status 1 when any hard violation exists (a leader double-booked by held events,
    an approval on or after its window starts), 0 otherwise.

    \b
    Example:
      planner check -s colombia.toml --today 2026-11-23
    """
    from planner.analysis.check import Severity, check_plan
    from planner.engine import make_plan
    from planner.reports.fit import wrap

    loaded = load(schedule)
    findings = check_plan(loaded, make_plan(loaded, today=today), today)
    columns = fit_width(width)
    for finding in findings:
        click.echo(wrap(finding.text(lang), columns))
    hard = sum(finding.severity is Severity.HARD for finding in findings)
    soft = len(findings) - hard
    click.echo(translate_n(lang, "{count} violation", "{count} violations", hard).format(count=hard)
               + ", " + translate_n(lang, "{count} warning", "{count} warnings", soft)
               .format(count=soft), err=True)
    if hard:
        exit_with(1)


@click.command(cls=PlannerCommand)
@schedule_option
@click.argument("other", required=False, metavar="[OTHER.toml]", type=SCHEDULE_FILE)
@click.option("--set", "overrides", multiple=True, metavar="KEY.PATH=VALUE",
              help="Change one value of the schedule for the second plan (repeatable).")
@day_option("--from", "from_day", "First day counted.")
@day_option("--to", "to_day", "Last day counted.")
@today_option(_JUDGE)
@lang_option
@version_option
def compare(schedule: Path | None, other: Path | None, overrides: tuple[str, ...],
            from_day: dt.date | None, to_day: dt.date | None, today: dt.date, lang: str) -> None:
    """Compare two plans: the headline activities (the schedule's plan.headline_kinds, e.g.
    executive sessions and exercise visits), leader trips and days away per year, and events
    per forum.

    The plan of the schedule (-s, default: the built-in one) against the plan of OTHER.toml,
    or against the same schedule changed by --set.

    \b
    Examples:
      planner compare -s old.toml new.toml
      planner compare --from 2024-01-01 \\
        --set 'forums.roundtable.regimes[1].cycle_months=12' \\
        --set 'forums.roundtable.regimes[1].phases=[{id="executive", months=[1, 12],
               activities=["executive_session", "exercise_visit"]}]'
    """
    from planner.analysis.compare import compare_table, figures

    if other is not None and overrides:
        raise click.UsageError(translate(lang, "give another schedule or --set changes, not both"))
    if other is None and not overrides:
        raise click.UsageError(translate(lang, "give another schedule (planner compare -s A.toml "
                                               "B.toml), or --set changes to compare against"))
    left = load(schedule)
    right = load(other) if other is not None else load(schedule, overrides)
    names = (Path(left.path).name, Path(right.path).name if other is not None
             else translate(lang, "changed"))
    plans = [plan_days(s, asked_days(s, from_day, to_day), today) for s in (left, right)]
    click.echo(compare_table(figures(left, plans[0]), figures(right, plans[1]), names, lang))


@click.command(cls=PlannerCommand)
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@today_option(_JUDGE)
@lang_option
@version_option
def diff(old: Path, new: Path, today: dt.date, lang: str) -> None:
    """Events added, moved, changed and cancelled between two calendars or two schedules.

    OLD and NEW are both .ics files or both .toml schedules.

    \b
    Examples:
      planner diff last-month.ics roundtable.ics
      planner diff roundtable.toml edited.toml
    """
    from planner.analysis.diffing import Entry, diff_entries, entries_from_ics, entries_from_plan
    from planner.engine import make_plan
    from planner.schedule.load import load_schedule

    def read(path: Path) -> dict[str, Entry]:
        if _is_calendar(path):
            return entries_from_ics(path)
        return entries_from_plan(make_plan(load_schedule(path), today=today))

    if _is_calendar(old) != _is_calendar(new):
        calendar, schedule = (old, new) if _is_calendar(old) else (new, old)
        raise click.UsageError(translate(
            lang, "{calendar} is a calendar and {schedule} a schedule: give two calendars or two "
            "schedules (to see what a schedule changes in a calendar: planner generate -s "
            "{schedule} -o new.ics, then planner diff {calendar} new.ics)").format(
                calendar=calendar, schedule=schedule))
    lines = diff_entries(read(old), read(new), lang)
    click.echo("\n".join(lines) if lines else translate(lang, "no differences"))


def _is_calendar(path: Path) -> bool:
    """An .ics file, or any file that starts like one; anything else is read as a schedule."""
    if path.suffix.lower() == ".ics":
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(64).lstrip(b"\xef\xbb\xbf \r\n").upper().startswith(b"BEGIN:VCALENDAR")
    except OSError:
        return False


COMMANDS = (check, compare, diff)
