"""Plain-text views of a plan for the terminal: the event table and explanations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from planner.i18n import N_, Text, localized, translate, weekday_name
from planner.labels import STATUS_WORDS
from planner.plan import PlannedEvent, Status
from planner.reports.fit import cut

HEADERS = (N_("WHEN"), N_("STATUS"), N_("KIND"), N_("TITLE"), N_("WHERE"), N_("ID"))
# What decides a date (Provenance.decided_by), as explain shows it (each rule marks its own name).
DECIDERS = (N_("earliest allowed day"), N_("held"), N_("fixed"), N_("projected"),
            N_("approval deadline"), N_("lead time"), N_("recurrence"))
# explain's labels, padded to one width in each language.
EXPLAIN_LABELS = {"when": N_("when:"), "where": N_("where:"), "who": N_("who:"),
                  "status": N_("status:"), "cycle": N_("cycle:"), "phase": N_("phase:"),
                  "why": N_("why:")}


def day_text(day: dt.date, lang: str = "en") -> str:
    """"2026-08-04 Tue" / "2026-08-04 mar"."""
    return f"{day} {weekday_name(day.weekday(), 'es' if lang == 'es' else 'en')}"


def when(event: PlannedEvent, lang: str = "en", zones: Mapping[str, str] | None = None) -> str:
    """Dates (and local times) in one short string, e.g. "2026-08-04 Tue – 08-05 Wed"."""
    first = day_text(event.start, lang)
    if event.start_time is not None and event.end_time is not None:
        return f"{first} {clock(event, zones)}"
    if event.end == event.start:
        return first
    return f"{first} – {day_text(event.end, lang)}"


def clock(event: PlannedEvent, zones: Mapping[str, str] | None = None) -> str:
    """A timed event's hours where it is held, then where its other participants work:
    "10:00–12:00 MST / 11:00–13:00 CST". `zones` maps party ids to their IANA zone."""
    if event.start_time is None or event.end_time is None:
        return ""
    shown: list[str] = []
    places = [None, *((zones or {}).get(party) for party in event.participants)]
    for zone in places:
        if zone is None and shown:
            continue
        start, end = event.start_time, event.end_time
        if zone is not None:
            start, end = start.astimezone(ZoneInfo(zone)), end.astimezone(ZoneInfo(zone))
        text = f"{start:%H:%M}–{end:%H:%M} {start.tzname() or ''}".rstrip()
        if text not in shown:
            shown.append(text)
    return " / ".join(shown)


def status_word(status: Status, lang: str = "en") -> str:
    """"planned" / "programado": the short status word of tables and explain."""
    return STATUS_WORDS[status].get(lang)


def table(events: Iterable[PlannedEvent], lang: str = "en", width: int | None = None,
          zones: Mapping[str, str] | None = None) -> str:
    """Aligned columns: when, status, kind, title, place, id.

    When the lines would be wider than `width`, each event takes two lines instead (its
    days, status and title; then its id, whole, its hours and its place), cut with "…".
    """
    chosen = list(events)
    rows = [tuple(translate(lang, header) for header in HEADERS)]
    rows += [(when(e, lang, zones), status_word(e.status, lang), e.kind, e.title.get(lang),
              e.location.get(lang) or "-", e.id) for e in chosen]
    lines = _aligned(rows)
    if width is None or max(len(line) for line in lines) <= width:
        return "\n".join(lines)
    heads = [(rows[0][0], rows[0][1], rows[0][3])]
    heads += [(_days_only(e, lang), row[1], row[3]) for e, row in zip(chosen, rows[1:], strict=True)]
    details = [f"{rows[0][5]}  {rows[0][4]}"]
    details += ["  ".join(part for part in (e.id, clock(e, zones), e.location.get(lang)) if part)
                for e in chosen]
    return "\n".join(line for head, detail in zip(_aligned(heads), details, strict=True)
                     for line in (cut(head, width), cut(f"    {detail}", width)))


def _days_only(event: PlannedEvent, lang: str) -> str:
    """"2026-08-04 Tue", or "2026-08-04 Tue – 08-05 Wed" within one year."""
    first = day_text(event.start, lang)
    if event.end == event.start:
        return first
    last = day_text(event.end, lang)
    return f"{first} – {last[5:] if event.end.year == event.start.year else last}"


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
             + "  " + row[-1]).rstrip() for row in rows]


def constraining(event: PlannedEvent, others: Iterable[PlannedEvent]) -> list[PlannedEvent]:
    """The other events a refusal blamed (a leader's booking, the event it is spaced from)."""
    blamed = set(event.provenance.constrained_by) - {event.id}
    return [other for other in others if other.id in blamed]


def explain(event: PlannedEvent, party_names: dict[str, Text], *, lang: str = "en",
            limit: int = 40, others: Iterable[PlannedEvent] = (),
            zones: Mapping[str, str] | None = None) -> str:
    """Why the event is on its date, in plain words, with the refused candidates."""
    why = event.provenance
    labels = {key: translate(lang, text) for key, text in EXPLAIN_LABELS.items()}
    width = max(len(text) for text in labels.values()) + 1

    def line(key: str, value: str) -> str:
        return f"  {labels[key].ljust(width)}{value}"

    lines = [f"{event.id}: {event.title.get(lang)}", line("when", when(event, lang, zones))]
    if event.location:
        lines.append(line("where", event.location.get(lang)))
    if event.participants:
        names = [party_names[p].get(lang) if p in party_names else p for p in event.participants]
        lines.append(line("who", ", ".join(names)))
    lines.append(line("status", status_word(event.status, lang)))
    if event.cycle:
        lines.append(line("cycle", event.cycle.get(lang)))
    if event.phase:
        lines.append(line("phase", event.phase.get(lang)))
    decided_by = translate(lang, "decided by:")
    lines.append(f"  {decided_by} {translate(lang, why.decided_by)}")
    lines.append(line("why", why.summary.get(lang)))
    if why.candidates:
        lines.append("  " + translate(lang, "candidates tried: {count} (the winner included)")
                     .format(count=why.candidates))
    if why.removed:
        counts = ", ".join(f"{translate(lang, rule)}: {count}" for rule, count in why.removed)
        lines.append("  " + translate(lang, "refused per rule:") + " " + counts)
    if why.refusals:
        lines.append("  " + translate(lang, "refused candidates, in the order tried:"))
        for refusal in why.refusals[:limit]:
            lines.append(f"    {day_text(refusal.day, lang)}  "
                         f"[{translate(lang, refusal.rule)}] {localized(refusal.reason, lang)}")
        if len(why.refusals) > limit:
            lines.append("    " + translate(lang, "... and {count} more")
                         .format(count=len(why.refusals) - limit))
    related = constraining(event, others)
    if related:
        lines.append("  " + translate(lang, "constrained by:"))
        lines += [f"    {other.id}  {when(other, lang)}  {other.title.get(lang)}" for other in related]
    return "\n".join(lines)
