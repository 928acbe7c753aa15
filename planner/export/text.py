"""Plain-text views of a plan for the terminal: the event table and explanations."""

from __future__ import annotations

from collections.abc import Iterable

from planner.i18n import Text
from planner.plan import PlannedEvent

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def when(event: PlannedEvent) -> str:
    """Dates (and local times) in one short string, e.g. "2026-08-04 Tue – 08-05 Wed"."""
    first = f"{event.start} {_WEEKDAYS[event.start.weekday()]}"
    if event.start_time is not None and event.end_time is not None:
        zone = event.start_time.tzname() or ""
        return f"{first} {event.start_time:%H:%M}–{event.end_time:%H:%M} {zone}"
    if event.end == event.start:
        return first
    return f"{first} – {event.end} {_WEEKDAYS[event.end.weekday()]}"


def table(events: Iterable[PlannedEvent], lang: str = "en") -> str:
    """Aligned columns: when, status, kind, title, place, id."""
    rows = [("WHEN", "STATUS", "KIND", "TITLE", "WHERE", "ID")]
    rows += [(when(e), e.status.value, e.kind, e.title.get(lang), e.location.get(lang) or "-", e.id)
             for e in events]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
             + "  " + row[-1] for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def constraining(event: PlannedEvent, others: Iterable[PlannedEvent]) -> list[PlannedEvent]:
    """The other events a refusal named (a leader's booking, the event it is spaced from)."""
    reasons = " ".join(refusal.reason for refusal in event.provenance.refusals)
    return [other for other in others if other.id != event.id and other.id in reasons]


def explain(event: PlannedEvent, party_names: dict[str, Text], *, lang: str = "en",
            limit: int = 40, others: Iterable[PlannedEvent] = ()) -> str:
    """Why the event is on its date, in plain words, with the refused candidates."""
    why = event.provenance
    lines = [f"{event.id}: {event.title.get(lang)}", f"  when:   {when(event)}"]
    if event.location:
        lines.append(f"  where:  {event.location.get(lang)}")
    if event.participants:
        names = [party_names[p].get(lang) if p in party_names else p for p in event.participants]
        lines.append("  who:    " + ", ".join(names))
    lines.append(f"  status: {event.status.value}")
    if event.cycle:
        lines.append(f"  cycle:  {event.cycle.get(lang)}")
    if event.phase:
        lines.append(f"  phase:  {event.phase.get(lang)}")
    lines.append(f"  decided by: {why.decided_by}")
    lines.append(f"  why:    {why.summary.get(lang)}")
    if why.candidates:
        lines.append(f"  candidates tried: {why.candidates} (the winner included)")
    if why.removed:
        counts = ", ".join(f"{rule}: {count}" for rule, count in why.removed)
        lines.append(f"  refused per rule: {counts}")
    if why.refusals:
        lines.append("  refused candidates, in the order tried:")
        for refusal in why.refusals[:limit]:
            lines.append(f"    {refusal.day} {_WEEKDAYS[refusal.day.weekday()]}  "
                         f"[{refusal.rule}] {refusal.reason}")
        if len(why.refusals) > limit:
            lines.append(f"    ... and {len(why.refusals) - limit} more")
    related = constraining(event, others)
    if related:
        lines.append("  constrained by:")
        lines += [f"    {other.id}  {when(other)}  {other.title.get(lang)}" for other in related]
    return "\n".join(lines)
