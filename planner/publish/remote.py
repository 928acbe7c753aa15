"""The calendar as the server holds it: its event resources, read from one REPORT answer
with planner's own calendar reader (planner.calendar.reading)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from planner.calendar.icstext import Component, day_of, read_events
from planner.calendar.reading import PLANNER_ID, is_planners
from planner.i18n import deferred
from planner.publish.failure import PublishError
from planner.publish.url import origin

NAMESPACES = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav"}


@dataclass(frozen=True, slots=True)
class Remote:
    """One event resource on the server."""

    href: str  # absolute URL
    etag: str
    uid: str
    component: Component | None  # its main VEVENT (the one without RECURRENCE-ID)
    ours: bool  # planner made it for this plan (see planner.calendar.reading.is_planners)
    overrides: tuple[Component, ...] = ()  # its other VEVENTs: moved or edited occurrences


def answer_xml(raw: Any) -> ET.Element:
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


def remote_events(tree: ET.Element, base: str, uid_domain: str) -> Iterator[Remote]:
    """The event resources of a REPORT answer. An href on another origin (scheme, host,
    port) is listed as someone else's and never acted on: planner would send the
    credentials there."""
    for response in tree.iterfind("d:response", NAMESPACES):
        href = response.findtext("d:href", "", NAMESPACES)
        data = response.findtext(".//c:calendar-data", None, NAMESPACES)
        if not href or data is None:
            continue
        absolute = urljoin(base, href)
        if origin(absolute) != origin(base):
            yield Remote(absolute, "", absolute, None, False)
            continue
        etag = response.findtext(".//d:getetag", "", NAMESPACES)
        events = read_events(data.encode("utf-8", "surrogatepass")).events
        events.sort(key=lambda event: event.get("RECURRENCE-ID") is not None)  # main first
        component = events[0] if events else None
        uid = (component.get("UID") or "") if component is not None else ""
        ours = component is not None and is_planners(component, uid_domain)
        yield Remote(absolute, etag, uid or href, component, ours, tuple(events[1:]))


def published_days(remote: Iterable[Remote]) -> dict[str, dt.date]:
    """The start day of each event planner published in the calendar, by event id (the
    engine keeps these days while every rule allows them); cancelled ones are left out."""
    days: dict[str, dt.date] = {}
    for item in remote:
        component = item.component
        if not item.ours or component is None or \
                (component.get("STATUS") or "").upper() == "CANCELLED":
            continue
        try:
            days[component.get(PLANNER_ID) or ""] = day_of(component.get("DTSTART") or "")
        except ValueError:
            continue
    return days
