"""Every word the reports (timeline, agenda, APA, tables) write themselves, in English and Spanish.

Schedule texts (titles, places, forum names) come with the schedule; these are the fixed
words around them. Dates are written the way each language writes them: "Aug 4–5, 2026" in
English, "4–5 ago 2026" in Spanish, and ISO dates ("2026-08-04") in bilingual output, which
both readers read the same way.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

from planner.i18n import Text, month_name
from planner.plan import PlannedEvent, Status

LABELS: dict[str, Text] = {
    # headings and titles
    "timeline": Text("Timeline", "Cronograma"),
    "timeline_span": Text("Timeline {first}–{last}", "Cronograma {first}–{last}"),
    "as_of": Text("as of {date}", "al {date}"),
    "forums": Text("Forums", "Foros"),
    "exercises": Text("Exercises and trainings", "Ejercicios y adiestramientos"),
    "deployments": Text("Deployment windows", "Ventanas de despliegue"),
    "legend": Text("Legend", "Simbología"),
    "events": Text("Events", "Eventos"),
    "today": Text("Today", "Hoy"),
    "today_line": Text("Today, {date}", "Hoy, {date}"),
    "hover_hint": Text("Hover over a mark for its dates, place, participants and why it is on "
                       "that date. The table below lists every event.",
                       "Pase el cursor sobre una marca para ver fechas, lugar, participantes y "
                       "por qué tiene esa fecha. La tabla de abajo enumera todos los eventos."),
    "quarter": Text("Q{n}", "T{n}"),
    "cycle_n": Text("Cycle {n}", "Ciclo {n}"),
    "cycle_since": Text("{months}-month cycle since {date}", "Ciclo de {months} meses desde {date}"),
    "yearly_since": Text("Yearly since {date}", "Anual desde {date}"),
    "cycle_caption": Text("{forum}: {months}-month cycle — {phases}.",
                          "{forum}: ciclo de {months} meses — {phases}."),
    "phase_months": Text("{name} (months {first}–{last})", "{name} (meses {first} a {last})"),
    "recess": Text("Recess", "Receso"),
    "body_recess": Text("{body} in recess", "{body} en receso"),
    "recess_note": Text("cannot approve deployments", "no puede aprobar despliegues"),
    "body_deadline": Text("{body} approval deadline", "Fecha límite de aprobación del {body}"),
    "body_request": Text("Request to {body} due", "Fecha límite de solicitud al {body}"),
    "imprecise": Text("Date known only to the month or year", "Fecha conocida solo por mes o año"),
    "projected": Text("Projected window", "Ventana proyectada"),
    "entry": Text("Entry", "Ingreso"),
    "exit": Text("Exit", "Salida"),
    "personnel_n": Text("{n} personnel", "{n} efectivos"),
    "timeline_desc": Text(
        "{events} events from {first} to {last} in {rows} rows: one per forum, exercise and "
        "deployment window.",
        "{events} eventos del {first} al {last} en {rows} filas: una por foro, ejercicio y "
        "ventana de despliegue."),
    "mark_session": Text("{nth} session · {when}", "Sesión {nth} · {when}"),
    "mark_visit": Text("Exercise visit", "Visita a ejercicio"),
    "mark_request_by": Text("Request by {date}", "Solicitud a más tardar {date}"),
    "mark_deadline": Text("Deadline", "Límite"),
    "mark_approved": Text("Approved", "Aprobado"),
    "mark_request": Text("Request", "Solicitud"),
    # columns
    "dates": Text("Dates", "Fechas"),
    "time": Text("Time", "Hora"),
    "activity": Text("Activity", "Actividad"),
    "place": Text("Place", "Lugar"),
    "participants": Text("Participants", "Participantes"),
    "status": Text("Status", "Estado"),
    "kind": Text("Kind", "Tipo"),
    "forum": Text("Forum", "Foro"),
    "why": Text("Why this date", "Por qué esta fecha"),
    "cycle": Text("Cycle", "Ciclo"),
    "phase": Text("Phase", "Fase"),
    "number": Text("No.", "Núm."),
    "line_of_effort": Text("Line of effort", "Línea de esfuerzo"),
    "id": Text("Event id", "Id del evento"),
    # the Annual Plan of Activities
    "apa": Text("Annual Plan of Activities {year}", "Plan Anual de Actividades {year}"),
    "apa_intro": Text(
        "{name}: {count} activities, grouped by line of effort, for validation by the tri-chairs.",
        "{name}: {count} actividades, agrupadas por línea de esfuerzo, para validación de los "
        "copresidentes."),
    "apa_none": Text("No activities in this line of effort.",
                     "Sin actividades en esta línea de esfuerzo."),
    # the agenda
    "agenda": Text("Agenda {year}", "Agenda {year}"),
    "agenda_party": Text("Agenda {year} — {party}", "Agenda {year} — {party}"),
    "no_events": Text("No events.", "Sin eventos."),
    "holiday": Text("Public holiday", "Día festivo"),
    "today_marker": Text("today", "hoy"),
}

KINDS: dict[str, Text] = {
    "executive-session": Text("Executive session", "Sesión ejecutiva"),
    "exercise-visit": Text("Visit to a combined exercise", "Visita a ejercicio combinado"),
    "vtc": Text("Video teleconference", "Videoconferencia"),
    "working-group": Text("Working group session", "Sesión de grupo de trabajo"),
    "workshop": Text("Workshop", "Taller"),
    "exercise": Text("Combined exercise or training", "Ejercicio combinado o adiestramiento"),
    "deployment": Text("Deployment window", "Ventana de despliegue"),
    "approval-deadline": Text("Approval deadline", "Fecha límite de aprobación"),
    "approval": Text("Approval vote", "Aprobación"),
    "request": Text("Request sent", "Solicitud enviada"),
    "request-deadline": Text("Request deadline", "Fecha límite de solicitud"),
    "task": Text("Preparatory task due", "Vencimiento de tarea preparatoria"),
    "staff-talks": Text("Staff talks", "Pláticas de estado mayor"),
}

STATUSES: dict[Status, Text] = {
    Status.HELD: Text("Held", "Realizado"),
    Status.PLANNED: Text("Planned", "Programado"),
    Status.FIXED: Text("Fixed dates", "Fechas fijas"),
    Status.DEADLINE: Text("Deadline", "Fecha límite"),
}

OTHER_LINE = "other"
LINES: dict[str, Text] = {
    "domain-awareness": Text("Domain awareness", "Conciencia del dominio"),
    "domain-control": Text("Domain control", "Control del dominio"),
    "institutional-strengthening": Text("Institutional strengthening",
                                        "Fortalecimiento institucional"),
    OTHER_LINE: Text("Other activities", "Otras actividades"),
}

# US federal holidays by their names in the holidays package, which has no Spanish for US.
_US_HOLIDAYS_ES = {
    "New Year's Day": "Año Nuevo",
    "Martin Luther King Jr. Day": "Día de Martin Luther King Jr.",
    "Washington's Birthday": "Natalicio de Washington",
    "Memorial Day": "Día de los Caídos",
    "Juneteenth National Independence Day": "Día Nacional de la Independencia de Juneteenth",
    "Independence Day": "Día de la Independencia",
    "Labor Day": "Día del Trabajo",
    "Columbus Day": "Día de la Raza",
    "Veterans Day": "Día de los Veteranos",
    "Thanksgiving Day": "Día de Acción de Gracias",
    "Christmas Day": "Navidad",
    "Inauguration Day": "Día de la Investidura",
    "(observed)": "(día de descanso trasladado)",
}


def label(key: str, lang: str = "en", **values: object) -> str:
    """A fixed word or phrase of the reports in `lang`, with `{name}` fields filled."""
    return LABELS[key].format(**values).get(lang)


def kind_label(kind: str, lang: str = "en") -> str:
    """"executive-session" -> "Executive session" / "Sesión ejecutiva"; unknown kinds read as words."""
    known = KINDS.get(kind)
    return known.get(lang) if known else kind.replace("-", " ").capitalize()


def status_label(status: Status, lang: str = "en") -> str:
    return STATUSES[status].get(lang)


def line_label(line: str, lang: str = "en") -> str:
    return LINES.get(line or OTHER_LINE, LINES[OTHER_LINE]).get(lang)


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
    english = _names(country, years, "en_US")
    if lang == "en":
        return english
    spanish = _names(country, years, "es")
    if country == "US":
        spanish = {day: _us_spanish(name) for day, name in english.items()}
    if lang == "es":
        return spanish
    return {day: Text(english[day], spanish.get(day, "")).get(lang) for day in english}


def _names(country: str, years: tuple[int, ...], language: str) -> dict[dt.date, str]:
    calendar = holidays.country_holidays(country, years=years)
    if language in calendar.supported_languages:
        calendar = holidays.country_holidays(country, years=years, language=language)
    return {day: str(name) for day, name in calendar.items()}


def _us_spanish(name: str) -> str:
    parts = [part.strip() for part in name.split(";")]
    spanish = []
    for part in parts:
        observed = part.endswith("(observed)")
        base = part.removesuffix("(observed)").strip()
        text = _US_HOLIDAYS_ES.get(base, base)
        spanish.append(f"{text} {_US_HOLIDAYS_ES['(observed)']}" if observed else text)
    return "; ".join(spanish)
