"""Doing what a publish run decided (planner.publish.sync_plan), in order, stopping at the
first conflict or failure so that nothing anyone changed meanwhile is overwritten."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from planner.calendar.icstext import read_events
from planner.i18n import Phrase, deferred
from planner.publish.actions import VERB_LABELS, WRITES, Action, Report, Sync
from planner.publish.connection import CalendarConnection
from planner.publish.failure import PublishError
from planner.publish.publish_record import sequences
from planner.publish.remote import Remote

CONFLICT_STATUS = 412


def apply_sync(connection: CalendarConnection, sync: Sync,
               progress: Callable[[Action], None] | None = None) -> Report:
    """Do the writes of `sync` in order; stop at the first conflict (412) or failure.

    A change made on the server between the read and the write makes it refuse the
    conditional request (412): publishing stops there, so two publishers racing cannot
    overwrite each other, and a re-run (which reads the calendar again) completes the work.

    Raises:
        PublishError: with the report of what was done before it stopped.
    """
    report = Report(foreign=sync.foreign)
    report.done.extend(a for a in sync.actions if a.verb not in WRITES)
    pending = list(sync.writes)
    while pending:
        action = pending[0]
        try:
            status = (connection.delete(action) if action.verb == "delete"
                      else connection.put(action))
        except PublishError as error:
            report.not_done = pending
            raise PublishError(error.message, error.exit_status, report) from None
        if status == CONFLICT_STATUS:
            report.done.append(Action("conflict", action.uid, action.event_id, action.day,
                                      action.title, action.href, reason=_race(action)))
            report.not_done = pending[1:]
            raise PublishError(deferred("conflict on {id}: the calendar changed while "
                                        "publishing; stopped, nothing was overwritten",
                                        id=action.event_id), 1, report)
        if not 200 <= status < 300:
            report.not_done = pending
            raise PublishError(deferred("{host} answered {status} to {verb} {id}",
                                        host=connection.host, status=str(status),
                                        verb=deferred(VERB_LABELS[action.verb]),
                                        id=action.event_id), 1, report)
        report.done.append(action)
        pending.pop(0)
        if progress is not None:
            progress(action)
    return report


def dry_run(sync: Sync) -> Report:
    """The report apply_sync would give, with nothing written."""
    return Report(done=list(sync.actions), foreign=sync.foreign)


def published_sequences(remote: Iterable[Remote], report: Report) -> dict[str, int]:
    """The SEQUENCE of each of planner's events now on the server, as far as this run knows:
    those it read, then those it wrote (the writes win, being later)."""
    found = sequences(c for item in remote if item.ours and item.component is not None
                      for c in (item.component, *item.overrides))
    for action in report.done:
        if action.verb in ("create", "update"):
            found.update(sequences(read_events(action.body).events))
    return found


def _race(action: Action) -> Phrase:
    if action.verb == "create":
        return deferred("someone created it on the server meanwhile (412); not overwritten")
    if action.verb == "delete":
        return deferred("changed on the server since it was read (412); not deleted")
    return deferred("changed on the server since it was read (412); not updated")
