"""Deciding a publish run: from one read of the calendar and the plan's fresh events, what
to create, update, delete or leave alone (planner.publish.apply does it).

- an event of the plan that the calendar lacks is created;
- an event whose content differs is updated in place (SEQUENCE + 1, LAST-MODIFIED);
- an event planner made that is no longer in the plan is deleted;
- everything else is left alone. Which events are planner's, and what their content is,
  is defined once for regenerating and publishing (planner.calendar.reading).

Nobody's edit is overwritten. Each event planner publishes carries X-PLANNER-HASH, the hash
of its content; an event whose content no longer matches its hash (or that has none) was
edited on the server, or imported from a file, and is reported as a conflict and left alone.
An occurrence someone changed on the server (a RECURRENCE-ID planner did not write) is never
dropped: a series that needs an update while it has one is a conflict.

Each resource is one VCALENDAR with the VEVENTs of one UID (a series and the override of
each occurrence moved off its rule) and the VTIMEZONEs they use, and no METHOD (RFC 4791
4.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urljoin

from planner.calendar.ics import calendar_bytes, event_components, sort_key
from planner.calendar.icstext import Component, day_of, unescape_text, utc_text
from planner.calendar.reading import (
    HASH,
    MAX_SEQUENCE,
    PLANNER_ID,
    content_hash,
    key_of,
    sequence_of,
)
from planner.calendar.split import safe_name
from planner.i18n import Phrase, Text, deferred
from planner.plan import Plan, PlannedEvent
from planner.publish.actions import Action, Sync
from planner.publish.legacy_hash import is_legacy, legacy_hash
from planner.publish.remote import Remote


def fresh_events(plan: Plan, events: Iterable[PlannedEvent] | None = None, *,
                 stamp: dt.datetime, party_names: dict[str, Text] | None = None,
                 lang: str = "en") -> list[Component]:
    """The plan's events as VEVENTs, as they should be on the server (SEQUENCE to be set)."""
    chosen = plan.events if events is None else tuple(events)
    utc = stamp.astimezone(dt.UTC)
    components = event_components(chosen, plan.uid_domain, utc, party_names or {}, lang)
    return sorted(components, key=sort_key)


def resource_body(*components: Component) -> bytes:
    """One CalDAV resource: the VEVENTs of one UID (a series and its overrides) and the
    VTIMEZONEs they use, no METHOD."""
    return calendar_bytes(list(components))


def edited_on_server(component: Component) -> bool:
    """Whether the event may hold someone's edit: it no longer matches the content planner
    published (X-PLANNER-HASH), or it has none. planner puts a hash on every event it
    publishes, so an event with planner's marks and no hash came from somewhere else (a
    generated file imported by a colleague, then perhaps edited): not planner's to change."""
    published = component.get(HASH)
    if published is None:
        return True
    if is_legacy(published):
        return published != legacy_hash(component)
    return published != content_hash(component)


def users_overrides(there: Remote) -> list[Component]:
    """Occurrences someone changed on the server (a RECURRENCE-ID planner did not write)."""
    return [c for c in there.overrides if c.get(HASH) is None or c.get(PLANNER_ID) is None]


def plan_sync(remote: Sequence[Remote], fresh: Sequence[Component], calendar_url: str,
              stamp: dt.datetime, record: Mapping[str, int] | None = None) -> Sync:
    """Decide every create, update and delete from one read of the calendar (see module).

    `record` is the SEQUENCE last published per event key (planner.publish.publish_record):
    an event re-created after someone deleted it continues from it, and no SEQUENCE goes
    below it.
    """
    record = record or {}
    stamp_text = utc_text(stamp)
    by_uid: dict[str, Remote] = {}
    for item in remote:
        by_uid.setdefault(item.uid, item)
    actions = [_decide(uid, group, by_uid.get(uid), calendar_url, stamp_text, record)
               for uid, group in _by_uid(fresh).items()]
    wanted = {action.uid for action in actions}
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


def _decide(uid: str, group: list[Component], there: Remote | None, calendar_url: str,
            stamp: str, record: Mapping[str, int]) -> Action:
    """The action for one fresh entry (a series with its overrides, or one event)."""
    component = group[0]
    if there is None or there.component is None:
        href = urljoin(calendar_url, quote(safe_name(uid)) + ".ics")
        sequence = _recorded(record, group) + 1
        body = resource_body(*[_stamped(c, sequence, stamp, modified=False) for c in group])
        return _action("create", component, uid, href=href, body=body)
    theirs = users_overrides(there)
    ours = [there.component, *(c for c in there.overrides if c not in theirs)]
    if not there.ours:
        return _action("conflict", component, uid, href=there.href,
                       reason=deferred("an event with this UID exists but planner did not make "
                                       "it (no X-PLANNER-ID); left alone"))
    if _group_key(ours) == _group_key(group):
        return _action("unchanged", component, uid, href=there.href)
    edited = next((c for c in ours if edited_on_server(c)), None)
    if edited is not None:
        return _action("conflict", component, uid, href=there.href,
                       reason=deferred("{edited}; left alone (delete it there to have it "
                                       "replaced)", edited=_edited(edited)))
    if theirs:
        moved = ", ".join(sorted(c.get("RECURRENCE-ID") or "" for c in theirs))
        return _action("conflict", component, uid, href=there.href,
                       reason=deferred("someone changed an occurrence on the server "
                                       "(RECURRENCE-ID {moved}); updating the series would drop "
                                       "it, so it is left alone", moved=moved))
    sequence = max(sequence_of(there.component), _recorded(record, group)) + 1
    body = resource_body(*[_stamped(c, sequence, stamp, modified=True) for c in group])
    return _action("update", component, uid, href=there.href, etag=there.etag, body=body)


def _by_uid(fresh: Sequence[Component]) -> dict[str, list[Component]]:
    """The fresh VEVENTs grouped by UID, each group's main one (no RECURRENCE-ID) first."""
    groups: dict[str, list[Component]] = {}
    for component in fresh:
        groups.setdefault(component.get("UID") or "", []).append(component)
    return {uid: sorted(group, key=lambda c: c.get("RECURRENCE-ID") is not None)
            for uid, group in groups.items()}


def _group_key(components: Iterable[Component]) -> str:
    return "|".join(sorted(content_hash(component) for component in components))


def _recorded(record: Mapping[str, int], group: Iterable[Component]) -> int:
    """The highest SEQUENCE the record holds for these VEVENTs, -1 when it knows none."""
    return max((record.get(key_of(c), -1) for c in group), default=-1)


def _stamped(component: Component, sequence: int, stamp: str, modified: bool) -> Component:
    """The fresh event as published: its SEQUENCE, this run's DTSTAMP (and LAST-MODIFIED
    for an update) and the hash of its content."""
    event = component.copy()
    event.put(f"SEQUENCE:{min(sequence, MAX_SEQUENCE)}")
    event.put(f"DTSTAMP:{stamp}")
    if modified:
        event.put(f"LAST-MODIFIED:{stamp}")
    event.put(f"{HASH}:{content_hash(component)}")
    return event


def _action(verb: str, component: Component, uid: str, **extra: Any) -> Action:
    """An action with what the report shows of the event: its id, first day and title."""
    try:
        day = day_of(component.get("DTSTART") or "").isoformat()
    except ValueError:
        day = ""
    event_id = component.get(PLANNER_ID) or uid
    return Action(verb, uid, event_id, day, unescape_text(component.get("SUMMARY") or ""),
                  **extra)


def _edited(component: Component) -> Phrase:
    if component.get(HASH) is None:
        return deferred("not published by planner (no X-PLANNER-HASH: imported from a file?)")
    return deferred("edited on the server since planner published it")
