"""Publish a plan into a CalDAV calendar, and keep it in step with the schedule.

One run reads the whole calendar (REPORT with ETags), decides what to do for each event
(plan_sync), then does it (apply_sync):

- an event of the plan that the calendar lacks is created (PUT with ``If-None-Match: *``);
- an event whose content differs is updated in place (PUT with ``If-Match`` on the ETag
  read, SEQUENCE + 1, LAST-MODIFIED): same UID, same resource;
- an event planner made that is no longer in the plan is deleted (DELETE with ``If-Match``);
- everything else is left alone. planner's events are recognized by both marks: a UID
  ending in ``@<uid_domain>`` and an ``X-PLANNER-ID`` property.

Nobody's edit is overwritten. Each event planner writes carries ``X-PLANNER-HASH``, a hash
of its content (dates, title, description, place, status, categories, alarms); an event
whose content no longer matches its hash was edited on the server since, and is reported as
a conflict and left alone. A change made between the read and the write makes the server
refuse the conditional request (412): that is reported as a conflict and publishing stops
there, so two publishers racing cannot overwrite each other; what was already done is
reported, and a re-run (which reads the calendar again) completes the work.

Each resource is one VCALENDAR with the VEVENTs of one UID (a series and the override of
each occurrence moved off its rule) and the VTIMEZONEs they use, and no METHOD (RFC 4791
4.1). An occurrence someone changed on the server (a RECURRENCE-ID planner did not write)
is never dropped: a series that needs an update while it has one is a conflict.
Credentials never appear in messages: the URL may not carry them, and
every message is built here from status codes, never from the HTTP library's text.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import netrc
import signal
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from icalendar import Calendar, Event

from planner.calendar.ics import calendar_bytes, event_components, sort_key
from planner.calendar.icstext import Component, read_components, serialize
from planner.calendar.split import safe_name
from planner.calendar.state import PLANNER_ID
from planner.errors import PlannerError, Problem, Where
from planner.i18n import N_, Phrase, Text, deferred, localized, translate, translate_n
from planner.plan import Plan, PlannedEvent
from planner.publish.publish_record import event_key, sequences

HASH = "X-PLANNER-HASH"
SALIENT = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "SUMMARY", "DESCRIPTION",
           "LOCATION", "STATUS", "CATEGORIES", "TRANSP")
ALARM_SALIENT = ("ACTION", "TRIGGER", "DESCRIPTION")
WRITES = ("create", "update", "delete")
CONFLICT_STATUS = 412
# What each action is called in the report's first column.
VERB_LABELS = {"create": N_("create"), "update": N_("update"), "delete": N_("delete"),
               "unchanged": N_("unchanged"), "conflict": N_("conflict")}

_NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav"}
_QUERY = ('<?xml version="1.0" encoding="utf-8"?>'
          '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
          '<d:prop><d:getetag/><c:calendar-data/></d:prop>'
          '<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/>'
          '</c:comp-filter></c:filter></c:calendar-query>')
_PROPFIND = ('<?xml version="1.0" encoding="utf-8"?>'
             '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>')
_CALENDAR_TYPE = "text/calendar; charset=utf-8"


class PublishError(Exception):
    """Publishing failed or stopped. The message is one line and safe to print.

    exit_status is 2 for what the user can fix in the command (URL, credentials, rights, a
    calendar that does not exist) and 1 for the rest (network, server, conflicts).
    `report` says what was already done when it stopped. The message is a Phrase: the CLI
    writes it in the reader's language.
    """

    def __init__(self, message: Phrase, exit_status: int, report: Report | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.exit_status = exit_status
        self.report = report

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Remote:
    """One event resource on the server."""

    href: str  # absolute URL
    etag: str
    uid: str
    component: Event | None  # its main VEVENT (the one without RECURRENCE-ID)
    ours: bool  # planner made it for this plan (UID domain and X-PLANNER-ID)
    overrides: tuple[Event, ...] = ()  # its other VEVENTs: moved or edited occurrences


@dataclass(frozen=True, slots=True)
class Action:
    """What to do (or what was decided not to do) for one event."""

    verb: str  # "create", "update", "delete", "unchanged" or "conflict"
    uid: str
    event_id: str  # planner's event id, or the UID for events planner did not make
    day: str  # first day, ISO
    title: str
    href: str = ""
    etag: str = ""  # If-Match; "" with create means If-None-Match: *
    body: bytes = b""
    reason: str = ""  # a Phrase, written in the reader's language

    def line(self, lang: str = "en") -> str:
        width = max(9, *(len(translate(lang, label)) for label in VERB_LABELS.values()))
        text = f"{verb_label(self.verb, lang):<{width}} {self.day:<10}  {self.event_id}  {self.title}"
        return f"{text}: {localized(self.reason, lang)}" if self.reason else text


def verb_label(verb: str, lang: str = "en") -> str:
    """"create", "update"... as the report names them, in `lang`."""
    return translate(lang, VERB_LABELS[verb])


@dataclass(frozen=True, slots=True)
class Sync:
    """Everything one publish run intends to do, decided from one read of the calendar."""

    actions: tuple[Action, ...]
    foreign: int  # events planner did not make, left alone

    @property
    def writes(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.verb in WRITES)


@dataclass(slots=True)
class Report:
    """What a publish run did (or, in a dry run, would do)."""

    done: list[Action] = field(default_factory=list)  # writes done, and unchanged/conflicts
    not_done: list[Action] = field(default_factory=list)  # writes left when it stopped
    foreign: int = 0

    def count(self, verb: str) -> int:
        return sum(action.verb == verb for action in self.done)

    def lines(self, lang: str = "en") -> list[str]:
        """One line per event written or in conflict; unchanged ones only in the summary."""
        shown = [a for a in self.done if a.verb != "unchanged"]
        return [a.line(lang) for a in sorted(shown, key=lambda a: (a.day, a.event_id, a.verb))]

    def summary(self, *, dry_run: bool = False, lang: str = "en") -> str:
        """"9 created, 0 updated, … 0 others' events left alone", in `lang`."""
        create, update, delete = (self.count(verb) for verb in WRITES)
        if dry_run:
            parts = [(translate_n(lang, "{count} would create", "{count} would create", create),
                      create),
                     (translate_n(lang, "{count} would update", "{count} would update", update),
                      update),
                     (translate_n(lang, "{count} would delete", "{count} would delete", delete),
                      delete)]
        else:
            parts = [(translate_n(lang, "{count} created", "{count} created", create), create),
                     (translate_n(lang, "{count} updated", "{count} updated", update), update),
                     (translate_n(lang, "{count} deleted", "{count} deleted", delete), delete)]
        unchanged, conflicts = self.count("unchanged"), self.count("conflict")
        parts += [(translate_n(lang, "{count} unchanged", "{count} unchanged", unchanged),
                   unchanged),
                  (translate_n(lang, "{count} conflict", "{count} conflicts", conflicts),
                   conflicts),
                  (translate_n(lang, "{count} event by others left alone",
                               "{count} others' events left alone", self.foreign), self.foreign)]
        text = ", ".join(part.format(count=count) for part, count in parts)
        if self.not_done:
            text += translate_n(lang, "; {count} change not made", "; {count} changes not made",
                                len(self.not_done)).format(count=len(self.not_done))
        return (translate(lang, "dry run, nothing written: {counts}").format(counts=text)
                if dry_run else text)


# -- the content that matters ------------------------------------------------------------------

def _normal(value: Any) -> str:
    """A property value as a stable string, whoever serialized it (planner, a server, an app)."""
    if isinstance(value, list):
        return "|".join(_normal(item) for item in value)
    if isinstance(value, str):
        return str(value)
    cats = getattr(value, "cats", None)
    if cats is not None:
        return ",".join(str(cat) for cat in cats)
    moment = getattr(value, "dt", None)
    if isinstance(moment, dt.datetime):
        zone = getattr(value, "params", {}).get("TZID")
        if zone:
            return f"{moment.replace(tzinfo=None).isoformat()}@{zone}"
        if moment.tzinfo is not None:
            return moment.astimezone(dt.UTC).isoformat()
        return moment.isoformat()
    if isinstance(moment, dt.date | dt.timedelta):
        return str(moment)
    raw: Any = value.to_ical() if hasattr(value, "to_ical") else value
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def content_key(component: Event) -> str:
    """A hash of what a reader sees in the event; DTSTAMP, SEQUENCE and X- properties that
    servers or apps add (snoozed alarms, colours...) do not count."""
    parts = [f"{name}={_normal(component.get(name, ''))}" for name in SALIENT]
    for alarm in component.walk("VALARM"):
        parts.append("VALARM:" + ";".join(_normal(alarm.get(name, "")) for name in ALARM_SALIENT))
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def edited_on_server(component: Event) -> bool:
    """Whether the event may hold someone's edit: it no longer matches the content planner
    published (X-PLANNER-HASH), or it has none. planner puts a hash on every event it
    publishes, so an event with planner's marks and no hash came from somewhere else (a
    generated file imported by a colleague, then perhaps edited): not planner's to change."""
    published = component.get(HASH)
    return published is None or str(published) != content_key(component)


# -- deciding ------------------------------------------------------------------------------------

def published_days(remote: Iterable[Remote]) -> dict[str, dt.date]:
    """The start day of each event planner published in the calendar, by event id (the
    engine keeps these days while every rule allows them)."""
    days: dict[str, dt.date] = {}
    for item in remote:
        component = item.component
        if not item.ours or component is None or \
                str(component.get("STATUS", "")).upper() == "CANCELLED":
            continue
        try:
            start = component.decoded("DTSTART")
        except (KeyError, ValueError):
            continue
        days[str(component.get("X-PLANNER-ID"))] = (
            start.date() if isinstance(start, dt.datetime) else start)
    return days


def fresh_events(plan: Plan, events: Iterable[PlannedEvent] | None = None, *,
                 stamp: dt.datetime, party_names: dict[str, Text] | None = None,
                 lang: str = "en") -> list[Event]:
    """The plan's events as VEVENTs, as they should be on the server (SEQUENCE to be set)."""
    chosen = plan.events if events is None else tuple(events)
    utc = stamp.astimezone(dt.UTC)
    components = event_components(chosen, plan.uid_domain, utc, party_names or {}, lang)
    return [_as_event(component) for component in sorted(components, key=sort_key)]


def _as_event(component: Component) -> Event:
    event = Event.from_ical(serialize(component.content_lines()))
    assert isinstance(event, Event)  # planner's own output
    return event


def resource_body(*components: Event) -> bytes:
    """One CalDAV resource: the VEVENTs of one UID (a series and its overrides) and the
    VTIMEZONEs they use, no METHOD."""
    events = [read_components(component.to_ical(), "VEVENT") for component in components]
    assert all(events)  # icalendar's own output
    return calendar_bytes([event for event in events if event is not None])


def _by_uid(fresh: Sequence[Event]) -> dict[str, list[Event]]:
    """The fresh VEVENTs grouped by UID, each group's main one (no RECURRENCE-ID) first."""
    groups: dict[str, list[Event]] = {}
    for component in fresh:
        groups.setdefault(str(component["UID"]), []).append(component)
    return {uid: sorted(group, key=lambda c: "RECURRENCE-ID" in c)
            for uid, group in groups.items()}


def _group_key(components: Iterable[Event]) -> str:
    return "|".join(sorted(content_key(component) for component in components))


def users_overrides(there: Remote) -> list[Event]:
    """Occurrences someone changed on the server (a RECURRENCE-ID planner did not write)."""
    return [c for c in there.overrides if HASH not in c or PLANNER_ID not in c]


def is_planners(component: Event, uid_domain: str) -> bool:
    """Whether planner wrote this event for the plan with this UID domain."""
    uid = str(component.get("UID", ""))
    return uid.endswith(f"@{uid_domain}") and PLANNER_ID in component


def sequence_of(component: Event) -> int:
    try:
        return max(0, int(component.get("SEQUENCE", 0)))
    except (TypeError, ValueError):
        return 0


def _stamped(component: Event, sequence: int, stamp: dt.datetime, modified: bool) -> Event:
    event = copy.deepcopy(component)
    for name, value in (("SEQUENCE", sequence), ("DTSTAMP", stamp),
                        ("LAST-MODIFIED", stamp if modified else None), (HASH, content_key(component))):
        event.pop(name, None)
        if value is not None:
            event.add(name, value)
    return event


def _describe(component: Event | None, fallback: str) -> tuple[str, str, str]:
    """(event id, first day, title) for the report."""
    if component is None:
        return fallback, "", ""
    start = component.decoded("DTSTART") if "DTSTART" in component else None
    day = start.date() if isinstance(start, dt.datetime) else start
    day = day.isoformat() if isinstance(day, dt.date) else ""
    event_id = str(component.get(PLANNER_ID, fallback))
    return event_id, day, str(component.get("SUMMARY", ""))


def _action(verb: str, component: Event | None, uid: str, **extra: Any) -> Action:
    event_id, day, title = _describe(component, uid)
    return Action(verb, uid, event_id, day, title, **extra)


def plan_sync(remote: Sequence[Remote], fresh: Sequence[Event], calendar_url: str,
              stamp: dt.datetime, record: Mapping[str, int] | None = None) -> Sync:
    """Decide every create, update and delete from one read of the calendar (see module).

    `record` is the SEQUENCE last published per event key (planner.publish.publish_record):
    an event re-created after someone deleted it continues from it, and no SEQUENCE goes
    below it.
    """
    record = record or {}
    utc = stamp.astimezone(dt.UTC)
    by_uid: dict[str, Remote] = {}
    for item in remote:
        by_uid.setdefault(item.uid, item)
    actions: list[Action] = []
    wanted = set()
    for uid, group in _by_uid(fresh).items():
        component = group[0]
        wanted.add(uid)
        there = by_uid.get(uid)
        if there is None or there.component is None:
            href = urljoin(calendar_url, quote(safe_name(uid)) + ".ics")
            sequence = _recorded(record, group) + 1
            body = resource_body(*[_stamped(c, sequence, utc, modified=False) for c in group])
            actions.append(_action("create", component, uid, href=href, body=body))
            continue
        theirs = users_overrides(there)
        ours = [there.component, *(c for c in there.overrides if c not in theirs)]
        if not there.ours:
            actions.append(_action("conflict", component, uid, href=there.href,
                                   reason=deferred("an event with this UID exists but planner "
                                                   "did not make it (no X-PLANNER-ID); left "
                                                   "alone")))
        elif _group_key(ours) == _group_key(group):
            actions.append(_action("unchanged", component, uid, href=there.href))
        elif any(edited_on_server(c) for c in ours):
            actions.append(_action("conflict", component, uid, href=there.href,
                                   reason=deferred("{edited}; left alone (delete it there to "
                                                   "have it replaced)", edited=_edited(
                                                       next(c for c in ours if edited_on_server(c))))))
        elif theirs:
            moved = ", ".join(sorted(str(c.get("RECURRENCE-ID").to_ical().decode())
                                     for c in theirs))
            actions.append(_action("conflict", component, uid, href=there.href,
                                   reason=deferred("someone changed an occurrence on the server "
                                                   "(RECURRENCE-ID {moved}); updating the series "
                                                   "would drop it, so it is left alone",
                                                   moved=moved)))
        else:
            sequence = max(sequence_of(there.component), _recorded(record, group)) + 1
            body = resource_body(*[_stamped(c, sequence, utc, modified=True) for c in group])
            actions.append(_action("update", component, uid, href=there.href, etag=there.etag,
                                   body=body))
    foreign = 0
    for item in remote:
        if item.uid in wanted or by_uid.get(item.uid) is not item:
            continue
        if not item.ours or item.component is None:
            foreign += 1
        elif edited_on_server(item.component):
            actions.append(_action("conflict", item.component, item.uid, href=item.href,
                                   reason=deferred("no longer in the plan, but {edited}; not "
                                                   "deleted", edited=_edited(item.component))))
        else:
            actions.append(_action("delete", item.component, item.uid, href=item.href,
                                   etag=item.etag))
    return Sync(tuple(actions), foreign)


def _recorded(record: Mapping[str, int], group: Iterable[Event]) -> int:
    """The highest SEQUENCE the record holds for these VEVENTs, -1 when it knows none."""
    return max((record.get(event_key(c), -1) for c in group), default=-1)


def published_sequences(remote: Iterable[Remote], report: Report) -> dict[str, int]:
    """The SEQUENCE of each of planner's events now on the server, as far as this run knows:
    those it read, then those it wrote (the writes win, being later)."""
    found = sequences(c for item in remote if item.ours and item.component is not None
                      for c in (item.component, *item.overrides))
    for action in report.done:
        if action.verb in ("create", "update"):
            found.update(sequences(Calendar.from_ical(action.body).walk("VEVENT")))
    return found


def _edited(component: Event) -> Phrase:
    if component.get(HASH) is None:
        return deferred("not published by planner (no X-PLANNER-HASH: imported from a file?)")
    return deferred("edited on the server since planner published it")


# -- the server ---------------------------------------------------------------------------------

_FULL_URL = deferred("give the calendar's full URL, e.g. https://host/dav/user/plan/")


def check_url(url: str) -> str:
    """The calendar URL, ending in "/"; credentials and other schemes are refused.

    Raises:
        PlannerError: for a URL that is not http(s), has no host, or carries a user or password.
    """
    where = Where("--url")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- checks it: raises ValueError when out of range or not a number
    except ValueError as error:
        raise PlannerError(Problem(where, deferred("not a valid URL ({error})", error=str(error)),
                                   _FULL_URL)) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PlannerError(Problem(where, deferred("not an http:// or https:// calendar URL"),
                                   _FULL_URL))
    if parts.username is not None or parts.password is not None:
        raise PlannerError(Problem(where, deferred("the URL carries credentials"),
                                   deferred("give the user with --user and the password in "
                                            "PLANNER_CALDAV_PASSWORD, ~/.netrc or at the "
                                            "prompt")))
    return url if url.endswith("/") else url + "/"


def netrc_credentials(url: str, user: str | None, path: Path) -> tuple[str | None, str | None]:
    """(login, password) for the URL's host from a netrc file; (None, None) when none fits.

    A netrc file that cannot be parsed is ignored: its parse message may quote a secret.
    """
    host = urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(str(path)).authenticators(host) if path.is_file() else None
    except (netrc.NetrcParseError, OSError):
        return None, None
    if entry is None:
        return None, None
    login, _, password = entry
    if user is not None and login and login != user:
        return None, None
    return login or None, password or None


def _failure(error: BaseException, host: str) -> PublishError:
    """One line for a network error, from its type only (its text may quote a URL or worse)."""
    names = {cls.__name__ for cls in type(error).__mro__}
    if "SSLError" in names or "SSLCertVerificationError" in names:
        return PublishError(deferred("TLS failure talking to {host}: certificate not trusted or "
                                     "handshake failed (pass --insecure only if you trust this "
                                     "server)", host=host), 1)
    if names & {"Timeout", "ReadTimeout", "ConnectTimeout", "TimeoutError"}:
        return PublishError(deferred("{host} did not answer in time", host=host), 1)
    return PublishError(deferred("cannot reach {host}: connection failed or was cut", host=host), 1)


class _DeadlineExpired(BaseException):
    """Raised by SIGALRM in the middle of a request; a BaseException, so that the HTTP
    library's own `except Exception` handlers do not turn it into something else."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` in all: the HTTP library's timeout is per read,
    so a server sending one byte every few seconds would never time out. Only the main
    thread receives signals; elsewhere there is no overall deadline."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise _DeadlineExpired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class CalendarConnection:
    """A CalDAV calendar collection, through the caldav library's client.

    `deadline` bounds each request as a whole (seconds), `timeout` each wait for data.
    """

    def __init__(self, url: str, user: str | None = None, password: str | None = None, *,
                 insecure: bool = False, timeout: int = 30, deadline: float = 60) -> None:
        from caldav.davclient import DAVClient  # slow to import: only when publishing

        self.url = check_url(url)
        parts = urlsplit(self.url)
        self.origin = (parts.scheme, parts.hostname, parts.port)
        self.host = parts.hostname or ""
        self.user = user
        self.deadline = deadline
        self._client = DAVClient(url=self.url, username=user, password=password,
                                 ssl_verify_cert=not insecure,
                                 timeout=max(1, int(min(timeout, deadline))),
                                 enable_rfc6764=False)

    def _request(self, method: str, url: str, body: str = "",
                 headers: dict[str, str] | None = None) -> Any:
        from caldav.lib.error import AuthorizationError, DAVError

        if _origin(url) != self.origin:  # never send the credentials anywhere else
            raise PublishError(deferred("{host} named a resource on another server; refused",
                                        host=self.host), 1)
        try:
            with _deadline(self.deadline):
                return self._client.request(url, method, body, headers or {})
        except _DeadlineExpired:
            raise PublishError(deferred("{host} did not answer {method} in full within {seconds} s",
                                        host=self.host, method=method,
                                        seconds=f"{self.deadline:g}"), 1) from None
        except (SyntaxError, ValueError):  # lxml's XMLSyntaxError is a SyntaxError
            raise PublishError(deferred("{host} answered {method} with something that is not "
                                        "the XML CalDAV requires", host=self.host, method=method),
                               1) from None
        except AuthorizationError as error:
            raise self._refused(getattr(error, "status", None) or 401) from None
        except DAVError as error:
            status = getattr(error, "status", None)
            message = (deferred("{host} answered {status} to {method}", host=self.host,
                                status=str(status), method=method) if status else
                       deferred("{host} answered an error to {method}", host=self.host,
                                method=method))
            raise PublishError(message, 1) from None
        except OSError as error:
            raise _failure(error, self.host) from None

    def _refused(self, status: int) -> PublishError:
        if status == 403 and self.user:
            return PublishError(deferred("{host} refused access (403): user {user} may not write "
                                         "to {url}", host=self.host, user=repr(self.user),
                                         url=self.url), 2)
        if status == 403:
            return PublishError(deferred("{host} refused access (403): an anonymous user may not "
                                         "write to {url}", host=self.host, url=self.url), 2)
        if self.user:
            return PublishError(deferred("{host} refused the credentials of user {user} (401)",
                                         host=self.host, user=repr(self.user)), 2)
        return PublishError(deferred("{host} asks for credentials (401): pass --user",
                                     host=self.host), 2)

    def _status(self, response: Any, method: str, href: str) -> int:
        status = int(response.status)
        if status in (401, 403):
            raise self._refused(status)
        if status == 404:
            raise PublishError(deferred("no calendar at {url} (404 on {method} {href})",
                                        url=self.url, method=method, href=href), 2)
        return status

    def read(self, uid_domain: str) -> list[Remote]:
        """Every event resource in the calendar, with its ETag.

        Raises:
            PublishError: when the URL is not a calendar, or the server cannot be read.
        """
        found = self._request("PROPFIND", self.url, _PROPFIND,
                              {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"})
        if self._status(found, "PROPFIND", self.url) != 207:
            raise PublishError(deferred("{url} is not a CalDAV collection ({status} to PROPFIND)",
                                        url=self.url, status=str(found.status)), 2)
        types = _xml(found.raw).findall(".//d:resourcetype/c:calendar", _NS)
        if not types:
            raise PublishError(deferred("{url} is not a calendar (a principal or a folder?): give "
                                        "the URL of the calendar itself", url=self.url), 2)
        answer = self._request("REPORT", self.url, _QUERY,
                               {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
        if self._status(answer, "REPORT", self.url) != 207:
            raise PublishError(deferred("{host} answered {status} to {method}", host=self.host,
                                        status=str(answer.status), method="REPORT"), 1)
        return [item for item in _remote(_xml(answer.raw), self.url, uid_domain)]

    def put(self, action: Action) -> int:
        headers = {"Content-Type": _CALENDAR_TYPE}
        headers.update({"If-Match": action.etag} if action.etag else {"If-None-Match": "*"})
        response = self._request("PUT", action.href, action.body.decode("utf-8"), headers)
        return self._status(response, "PUT", action.href)

    def delete(self, action: Action) -> int:
        """The status; 404 (someone deleted it meanwhile) is what the plan wants too."""
        response = self._request("DELETE", action.href, "", {"If-Match": action.etag})
        if int(response.status) == 404:
            return 204
        return self._status(response, "DELETE", action.href)


def _xml(raw: Any) -> ET.Element:
    """The answer's XML. A DTD is refused before parsing: CalDAV never needs one, and its
    entities can expand a small answer into gigabytes."""
    data = raw.encode("utf-8", "replace") if isinstance(raw, str) else bytes(raw or b"")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise PublishError(deferred("the server's answer declares a DTD, which CalDAV never "
                                    "needs; refused"), 1)
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        raise PublishError(deferred("the server's answer is not the XML CalDAV requires"),
                           1) from None


def _origin(url: str) -> tuple[str, str | None, int | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme, parts.hostname, parts.port
    except ValueError:  # a malformed port or IPv6 address
        return "", None, None


def _remote(tree: ET.Element, base: str, uid_domain: str) -> Iterable[Remote]:
    """The event resources of a REPORT answer. An href on another origin (scheme, host,
    port) is listed as someone else's and never acted on: planner would send the
    credentials there."""
    for response in tree.iterfind("d:response", _NS):
        href = response.findtext("d:href", "", _NS)
        data = response.findtext(".//c:calendar-data", None, _NS)
        if not href or data is None:
            continue
        absolute = urljoin(base, href)
        if _origin(absolute) != _origin(base):
            yield Remote(absolute, "", absolute, None, False)
            continue
        etag = response.findtext(".//d:getetag", "", _NS)
        try:
            calendar = Calendar.from_ical(data)
            events = [e for e in calendar.walk("VEVENT") if isinstance(e, Event)]
        except (ValueError, IndexError, KeyError, TypeError):
            events = []
        events.sort(key=lambda e: "RECURRENCE-ID" in e)  # the main VEVENT first
        component: Event | None = events[0] if events else None
        uid = str(component.get("UID", "")) if component is not None else ""
        ours = component is not None and is_planners(component, uid_domain)
        yield Remote(absolute, etag, uid or href, component, ours, tuple(events[1:]))


# -- doing ---------------------------------------------------------------------------------------

def apply_sync(connection: CalendarConnection, sync: Sync,
               progress: Callable[[Action], None] | None = None) -> Report:
    """Do the writes of `sync` in order; stop at the first conflict (412) or failure.

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


def _race(action: Action) -> Phrase:
    if action.verb == "create":
        return deferred("someone created it on the server meanwhile (412); not overwritten")
    if action.verb == "delete":
        return deferred("changed on the server since it was read (412); not deleted")
    return deferred("changed on the server since it was read (412); not updated")
