"""`planner publish`: synchronize the plan into a CalDAV calendar (planner.publish)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from planner.cli.options import (
    PlannerCommand,
    build_stamp,
    exit_with,
    horizon_options,
    lang_option,
    load,
    party_names,
    plan_days,
    replan_option,
    schedule_option,
    span,
    version_option,
    warn,
)
from planner.i18n import localized, translate

if TYPE_CHECKING:
    from planner.publish.actions import Report, Sync
    from planner.publish.connection import CalendarConnection

PASSWORD_VARIABLE = "PLANNER_CALDAV_PASSWORD"
PROGRESS_FROM = 6  # a progress bar when there are at least this many writes
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def credentials(url: str, user: str | None, *, may_prompt: bool = True,
                lang: str = "en") -> tuple[str | None, str | None]:
    """(user, password): --user or the netrc login; the password from PLANNER_CALDAV_PASSWORD,
    then ~/.netrc, then a hidden prompt. No user at all: no credentials.

    Raises:
        click.UsageError: no password is known and there is no prompt (`may_prompt` False,
            as in --dry-run) or no terminal to ask on.
    """
    from planner.publish.url import netrc_credentials

    login, stored = netrc_credentials(url, user, Path.home() / ".netrc")
    user = user or login
    secret = os.environ.get(PASSWORD_VARIABLE) or None
    if user is None:
        if secret:
            raise click.UsageError(translate(lang, "{variable} is set but no user is known: pass "
                                             "--user").format(variable=PASSWORD_VARIABLE))
        return None, None
    password = secret or stored
    if password is None:
        if not may_prompt or not sys.stdin.isatty():
            why = (translate(lang, "--dry-run never asks") if not may_prompt
                   else translate(lang, "there is no terminal to ask on"))
            raise click.UsageError(translate(lang, "no password for {user} ({why}): set "
                                             "{variable} or add the host to ~/.netrc").format(
                user=user, why=why, variable=PASSWORD_VARIABLE))
        password = click.prompt(translate(lang, "CalDAV password for {user}").format(user=user),
                                hide_input=True, err=True)
    return user, password


@click.command(cls=PlannerCommand)
@schedule_option
@click.option("--url", required=True, help="The CalDAV calendar's URL (the calendar itself).")
@click.option("--user", help="User name (default: the login in ~/.netrc for the URL's host).")
@click.option("--dry-run", is_flag=True, help="Print what would be done; write nothing.")
@click.option("--insecure", is_flag=True, help="Do not verify the server's TLS certificate.")
@click.option("--timeout", type=click.IntRange(1, 3600), default=60, show_default=True,
              help="Seconds one request may take in all before publishing gives up.")
@horizon_options
@lang_option
@click.option("--party", "parties", multiple=True, help="Only events for this party (repeatable).")
@click.option("--forum", "forums", multiple=True, help="Only this forum id (repeatable).")
@click.option("--kind", "kinds", multiple=True, help="Only this kind of event (repeatable).")
@replan_option
@version_option
def publish(schedule: Path | None, url: str, user: str | None, dry_run: bool, insecure: bool,
            timeout: int, from_day: dt.date | None, to_day: dt.date | None, today: dt.date,
            lang: str, parties: tuple[str, ...], forums: tuple[str, ...], kinds: tuple[str, ...],
            replan: bool) -> None:
    """Synchronize the plan into a CalDAV calendar.

    Creates missing events, updates changed ones in place (If-Match on the ETag), deletes
    only events planner made that left the plan, and leaves everything else alone. An event
    already in the calendar keeps its date while every rule still allows it (--replan
    ignores the published dates). The password comes from PLANNER_CALDAV_PASSWORD, ~/.netrc
    or a prompt (not with --dry-run or without a terminal), never from the command line.

    Exit status: 0 done; 1 conflicts, network or server failure; 2 a mistake to fix in the
    command (URL, credentials, rights, no such calendar) or the schedule.

    \b
    Examples:
      planner publish --url https://dav.example.org/cal/alice/plan/ --user alice --dry-run
      PLANNER_CALDAV_PASSWORD=... planner publish --url URL --user alice --party SEDENA
    """
    from planner.calendar.split import select
    from planner.publish import apply, publish_record, remote, sync_plan
    from planner.publish.connection import CalendarConnection
    from planner.publish.failure import PublishError
    from planner.publish.url import check_url

    calendar_url = check_url(url)
    loaded = load(schedule)
    user, password = credentials(calendar_url, user, may_prompt=not dry_run, lang=lang)
    host = urlsplit(calendar_url).hostname or ""
    if insecure:
        click.echo(translate(lang, "warning: TLS certificate verification is off (--insecure)"),
                   err=True)
        warnings.filterwarnings("ignore", message="Unverified HTTPS request")  # said once above
    if password and urlsplit(calendar_url).scheme == "http" and host not in _LOOPBACK:
        click.echo(translate(lang, "warning: the password goes to {host} over plain http")
                   .format(host=host), err=True)
    connection = CalendarConnection(calendar_url, user, password, insecure=insecure,
                                    deadline=timeout)
    record_path = publish_record.record_path(calendar_url)
    record, damaged = publish_record.load(record_path)
    if damaged:
        click.echo(localized(damaged, lang), err=True)
    try:
        found = connection.read(loaded.uid_domain)  # first: its dates are published ones
        published = {} if replan else remote.published_days(found)
        planned = plan_days(loaded, span(loaded, from_day, to_day), today, published)
        events = select(loaded, planned, parties=parties, forums=forums, kinds=kinds)
        warn(planned)
        stamp = build_stamp()
        fresh = sync_plan.fresh_events(planned, events, stamp=stamp,
                                       party_names=party_names(loaded), lang=lang)
        sync = sync_plan.plan_sync(found, fresh, connection.url, stamp, record)
        report = apply.dry_run(sync) if dry_run else _apply(connection, sync, lang)
    except PublishError as error:
        if error.report is not None:
            _print(error.report, calendar_url, dry_run, lang)
            if not dry_run:  # what was written before it stopped is on the server
                _remember(record_path, calendar_url, record,
                          apply.published_sequences(found, error.report), lang)
        # Messages are built from status codes, the host and the user, never from a secret:
        # nothing to redact (replacing the password in them garbled text and revealed it).
        click.echo(f"planner: {localized(error.message, lang)}", err=True)
        exit_with(error.exit_status)
    if not dry_run:
        _remember(record_path, calendar_url, record, apply.published_sequences(found, report),
                  lang)
    _print(report, calendar_url, dry_run, lang)
    if report.count("conflict"):
        exit_with(1)


def _apply(connection: CalendarConnection, sync: Sync, lang: str) -> Report:
    from planner.publish.apply import apply_sync

    writes = len(sync.writes)
    if writes < PROGRESS_FROM:
        return apply_sync(connection, sync)
    with click.progressbar(length=writes, label=translate(lang, "publishing"),
                           file=sys.stderr) as bar:
        return apply_sync(connection, sync, progress=lambda _action: bar.update(1))


def _remember(path: Path, url: str, record: dict[str, int], published: dict[str, int],
              lang: str) -> None:
    from planner.publish.publish_record import save

    problem = save(path, url, record, published)
    if problem:
        click.echo(localized(problem, lang), err=True)


def _print(report: Report, url: str, dry_run: bool, lang: str) -> None:
    from planner.publish.actions import verb_label

    for line in report.lines(lang):
        click.echo(line)
    not_done = translate(lang, "not done")
    for action in report.not_done:
        click.echo(f"{not_done:<8}  {action.day:<10}  {action.event_id}  "
                   f"({verb_label(action.verb, lang)})")
    click.echo(f"{url}: {report.summary(dry_run=dry_run, lang=lang)}")


COMMANDS = (publish,)
