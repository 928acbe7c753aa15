"""`planner check`, `compare` and `diff`: judging a plan and seeing what a change does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planner.cli import (
    SCHEDULE_FILE,
    PlannerCommand,
    _load,
    fit_width,
    lang_option,
    schedule_option,
    today,
    version_option,
    width_option,
)
from planner.i18n import translate_n

if TYPE_CHECKING:  # the engine and the loader are imported when a command runs
    from planner.plan import Plan
    from planner.schedule.model import Schedule

_today_option = click.option("--today", "today_date", type=click.DateTime(["%Y-%m-%d"]),
                             help="Date to judge by (default: the real today).")


def _on(today_date: dt.datetime | None) -> dt.date:
    return today_date.date() if today_date else today()


@click.command(cls=PlannerCommand)
@schedule_option
@_today_option
@width_option
@lang_option
@version_option
def check(schedule: Path | None, today_date: dt.datetime | None, width: int | None,
          lang: str) -> None:
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

    loaded = _load(schedule)
    on = _on(today_date)
    findings = check_plan(loaded, make_plan(loaded, today=on), on)
    columns = fit_width(width)
    for finding in findings:
        click.echo(wrap(finding.text(lang), columns))
    hard = sum(finding.severity is Severity.HARD for finding in findings)
    soft = len(findings) - hard
    click.echo(translate_n(lang, "{count} violation", "{count} violations", hard).format(count=hard)
               + ", " + translate_n(lang, "{count} warning", "{count} warnings", soft)
               .format(count=soft), err=True)
    if hard:
        raise SystemExit(1)


@click.command(cls=PlannerCommand)
@schedule_option
@click.argument("other", required=False, metavar="[OTHER.toml]", type=SCHEDULE_FILE)
@click.option("--set", "overrides", multiple=True, metavar="KEY.PATH=VALUE",
              help="Change one value of the schedule for the second plan (repeatable).")
@click.option("--from", "from_date", type=click.DateTime(["%Y-%m-%d"]), help="First day counted.")
@click.option("--to", "to_date", type=click.DateTime(["%Y-%m-%d"]), help="Last day counted.")
@_today_option
@lang_option
@version_option
def compare(schedule: Path | None, other: Path | None, overrides: tuple[str, ...],
            from_date: dt.datetime | None, to_date: dt.datetime | None,
            today_date: dt.datetime | None, lang: str) -> None:
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
        raise click.UsageError("give another schedule or --set changes, not both")
    if other is None and not overrides:
        raise click.UsageError("give another schedule (planner compare -s A.toml B.toml), "
                               "or --set changes to compare against")
    left = _load(schedule)
    right = _load(other) if other is not None else _load(schedule, overrides)
    names = (Path(left.path).name, Path(right.path).name if other is not None else "changed")
    on = _on(today_date)
    plans = [_plan_between(s, from_date, to_date, on) for s in (left, right)]
    click.echo(compare_table(figures(left, plans[0]), figures(right, plans[1]), names, lang))


def _plan_between(schedule: Schedule, from_date: dt.datetime | None, to_date: dt.datetime | None,
                  on: dt.date) -> Plan:
    from planner.engine import make_plan

    first = from_date.date() if from_date else schedule.plan_from
    last = to_date.date() if to_date else schedule.plan_to
    return make_plan(schedule, today=on, horizon=(first, last))


@click.command(cls=PlannerCommand)
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_today_option
@version_option
def diff(old: Path, new: Path, today_date: dt.datetime | None) -> None:
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
        return entries_from_plan(make_plan(load_schedule(path), today=_on(today_date)))

    if _is_calendar(old) != _is_calendar(new):
        calendar, schedule = (old, new) if _is_calendar(old) else (new, old)
        raise click.UsageError(
            f"{calendar} is a calendar and {schedule} a schedule: give two calendars or two "
            f"schedules (to see what a schedule changes in a calendar: planner generate -s "
            f"{schedule} -o new.ics, then planner diff {calendar} new.ics)")
    lines = diff_entries(read(old), read(new))
    click.echo("\n".join(lines) if lines else "no differences")


def _is_calendar(path: Path) -> bool:
    """An .ics file, or any file that starts like one; anything else is read as a schedule."""
    if path.suffix.lower() == ".ics":
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(64).lstrip(b"\xef\xbb\xbf \r\n").upper().startswith(b"BEGIN:VCALENDAR")
    except OSError:
        return False


def register_analysis(group: click.Group) -> None:
    for command in (check, compare, diff):
        group.add_command(command)
