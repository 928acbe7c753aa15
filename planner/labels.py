"""Every word the reports (timeline, agenda, APA, tables) write themselves, in English and Spanish.

Schedule texts (titles, places, forum names) come with the schedule; these are the fixed
words around them. Dates are written the way each language writes them: "Aug 4–5, 2026" in
English, "4–5 ago 2026" in Spanish, and ISO dates ("2026-08-04") in bilingual output, which
both readers read the same way.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from planner.days.names import calendar, name_in
from planner.i18n import N_, Phrase, Text, deferred, fixed, month_name
from planner.plan import PlannedEvent, Status
from planner.schedule.model import LineOfEffort

LABELS: dict[str, str] = {
    "timeline": N_("Timeline"),
    "timeline_span": N_("Timeline {first}–{last}"),
    "as_of": N_("as of {date}"),
    "forums": N_("Forums"),
    "exercises": N_("Exercises and trainings"),
    "deployments": N_("Deployment windows"),
    "legend": N_("Legend"),
    "events": N_("Events"),
    "today": N_("Today"),
    "today_line": N_("Today, {date}"),
    "hover_hint": N_("Hover over a mark for its dates, place, participants and why it is on "
                    "that date. The table below lists every event."),
    "quarter": N_("Q{n}"),
    "cycle_n": N_("Cycle {n}"),
    "cycle_since": N_("{months}-month cycle since {date}"),
    "yearly_since": N_("Yearly since {date}"),
    "cycle_caption": N_("{forum}: {months}-month cycle — {phases}."),
    "phase_months": N_("{name} (months {first}–{last})"),
    "recess": N_("Recess"),
    "body_recess": N_("{body} in recess"),
    "recess_note": N_("cannot approve deployments"),
    "body_deadline": N_("{body} approval deadline"),
    "body_request": N_("Request to {body} due"),
    "imprecise": N_("Date known only to the month or year"),
    "unrecorded": N_("Over, with no record of being held"),
    "projected": N_("Projected window"),
    "entry": N_("Entry"),
    "exit": N_("Exit"),
    "personnel_n": N_("{n} personnel"),
    "timeline_desc": N_("{events} events from {first} to {last} in {rows} rows: one per forum, "
                       "exercise and deployment window."),
    "mark_session": N_("{nth} session · {when}"),
    "mark_visit": N_("Exercise visit"),
    "mark_request_by": N_("Request by {date}"),
    "mark_deadline": N_("Deadline"),
    "mark_approved": N_("Approved"),
    "mark_request": N_("Request"),
    "dates": N_("Dates"),
    "time": N_("Time"),
    "activity": N_("Activity"),
    "place": N_("Place"),
    "participants": N_("Participants"),
    "status": N_("Status"),
    "kind": N_("Kind"),
    "forum": N_("Forum"),
    "why": N_("Why this date"),
    "cycle": N_("Cycle"),
    "phase": N_("Phase"),
    "number": N_("No."),
    "line_of_effort": N_("Line of effort"),
    "id": N_("Event id"),
    "apa": N_("Annual Plan of Activities {year}"),
    "apa_intro": N_("{name}: {count} activities, grouped by line of effort."),
    "apa_intro_chairs": N_("{name}: {count} activities, grouped by line of effort, for "
                           "validation by {chairs}."),
    "apa_none": N_("No activities in this line of effort."),
    "agenda": N_("Agenda {year}"),
    "agenda_party": N_("Agenda {year} — {party}"),
    "no_events": N_("No events."),
    "holiday": N_("Public holiday"),
    "today_marker": N_("today"),
}

KINDS: dict[str, str] = {
    "executive-session": N_("Executive session"),
    "exercise-visit": N_("Visit to a combined exercise"),
    "vtc": N_("Video teleconference"),
    "working-group": N_("Working group session"),
    "workshop": N_("Workshop"),
    "exercise": N_("Combined exercise or training"),
    "deployment": N_("Deployment window"),
    "approval-deadline": N_("Approval deadline"),
    "approval": N_("Approval vote"),
    "request": N_("Request sent"),
    "request-deadline": N_("Request deadline"),
    "task": N_("Preparatory task due"),
    "staff-talks": N_("Staff talks"),
}

STATUSES: dict[Status, str] = {
    Status.HELD: N_("Held"),
    Status.PLANNED: N_("Planned"),
    Status.FIXED: N_("Fixed dates"),
    Status.DEADLINE: N_("Deadline"),
}

# The short status words of tables, explain and calendar descriptions.
STATUS_WORDS: dict[Status, Phrase] = {
    Status.HELD: deferred("held"), Status.PLANNED: deferred("planned"),
    Status.FIXED: deferred("fixed"), Status.DEADLINE: deferred("deadline")}

OTHER_LINE = "other"
OTHER_ACTIVITIES = N_("Other activities")

def label(key: str, lang: str = "en", **values: object) -> str:
    """A fixed word or phrase of the reports in `lang`, with `{name}` fields filled."""
    return fixed(LABELS[key]).format(**values).get(lang)


def kind_label(kind: str, lang: str = "en") -> str:
    """"executive-session" -> "Executive session" / "Sesión ejecutiva"; unknown kinds read as words."""
    return fixed(KINDS.get(kind) or kind.replace("-", " ").capitalize()).get(lang)


def status_label(status: Status, lang: str = "en") -> str:
    return fixed(STATUSES[status]).get(lang)


def line_label(line: LineOfEffort | None, lang: str = "en") -> str:
    """A declared line of effort's name, or "Other activities" for activities without one."""
    return line.name.get(lang) if line is not None else fixed(OTHER_ACTIVITIES).get(lang)


def month_abbr(month: int, lang: str = "en") -> str:
    """"Aug" / "ago"; bilingual output uses the English abbreviation."""
    return month_name(month, "es" if lang == "es" else "en")[:3]


def month_heading(year: int, month: int, lang: str = "en") -> str:
    """"August 2026" / "agosto de 2026" / "August 2026 / agosto de 2026"."""
    return Text(f"{month_name(month)} {year}", f"{month_name(month, 'es')} de {year}").get(lang)


def date_text(day: dt.date, lang: str = "en") -> str:
    """"Aug 4, 2026" / "4 ago 2026" / "2026-08-04"."""
    if lang == "es":
        return f"{day.day} {month_abbr(day.month, 'es')} {day.year}"
    if lang == "en":
        return f"{month_abbr(day.month)} {day.day}, {day.year}"
    return day.isoformat()


def span_text(start: dt.date, end: dt.date, lang: str = "en") -> str:
    """A span of days, shortest unambiguous form: "Aug 4–5, 2026", "18 ene – 13 mar 2026"."""
    if start == end:
        return date_text(start, lang)
    if lang not in ("en", "es"):
        return f"{start.isoformat()} – {end.isoformat()}"
    if start.year != end.year:
        return f"{date_text(start, lang)} – {date_text(end, lang)}"
    first, last = month_abbr(start.month, lang), month_abbr(end.month, lang)
    if lang == "es":
        if start.month == end.month:
            return f"{start.day}–{end.day} {last} {end.year}"
        return f"{start.day} {first} – {end.day} {last} {end.year}"
    if start.month == end.month:
        return f"{first} {start.day}–{end.day}, {end.year}"
    return f"{first} {start.day} – {last} {end.day}, {end.year}"


def when_text(event: PlannedEvent, lang: str = "en") -> str:
    """The event's dates, with local times and zone for timed events."""
    text = span_text(event.start, event.end, lang)
    if event.start_time is not None and event.end_time is not None:
        zone = event.start_time.tzname() or ""
        text += f", {event.start_time:%H:%M}–{event.end_time:%H:%M} {zone}".rstrip()
    return text


def holiday_names(countries: tuple[str, ...], first: dt.date, last: dt.date,
                  lang: str = "en") -> list[tuple[dt.date, str]]:
    """Public holidays of `countries` between two days, named in `lang`, e.g. "Navidad (MX)"."""
    result: list[tuple[dt.date, str]] = []
    years = tuple(range(first.year, last.year + 1))
    for country in sorted(set(countries)):
        for day, name in sorted(_holidays(country, years, lang).items()):
            if first <= day <= last:
                result.append((day, f"{name} ({country})"))
    return sorted(result)


@cache
def _holidays(country: str, years: tuple[int, ...], lang: str) -> dict[dt.date, str]:
    english = {day: str(name) for day, name in calendar(country, years).items()}
    return {day: name_in(country, day, name, lang) for day, name in english.items()}
