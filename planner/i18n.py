"""Texts in English and Spanish, and the catalog of fixed phrases planner writes itself.

Schedule texts carry both languages (`title` and `title_es` in the TOML); fixed phrases
live in CATALOG below, never in the exporters. `lang` is "en", "es" or "en+es".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGS = ("en", "es", "en+es")


@dataclass(frozen=True, slots=True)
class Text:
    """One text in English and Spanish (Spanish falls back to English when not given)."""

    en: str
    es: str = ""

    def get(self, lang: str = "en") -> str:
        spanish = self.es or self.en
        if lang == "es":
            return spanish
        if lang == "en+es" and spanish != self.en:
            return f"{self.en} / {spanish}"
        return self.en

    def __str__(self) -> str:
        return self.en

    def __bool__(self) -> bool:
        return bool(self.en)

    def format(self, **values: Any) -> Text:
        """Fill `{name}` fields; a Text value is filled in the matching language."""
        english = {k: v.en if isinstance(v, Text) else v for k, v in values.items()}
        spanish = {k: (v.es or v.en) if isinstance(v, Text) else v for k, v in values.items()}
        return Text(self.en.format(**english), (self.es or self.en).format(**spanish))

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, str):
            other = Text(other, other)
        return Text(self.en + other.en, (self.es or self.en) + (other.es or other.en))


EMPTY = Text("")


def join(parts: list[Text], separator: str = " ") -> Text:
    return Text(separator.join(p.en for p in parts if p),
                separator.join((p.es or p.en) for p in parts if p))


def ordinal(number: int) -> Text:
    """8 -> "8th" / "n.º 8" (the Spanish form agrees with any noun)."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return Text(f"{number}{suffix}", f"n.º {number}")


MONTHS = Text(
    "January February March April May June July August September October November December",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre")
WEEKDAYS = Text("Mon Tue Wed Thu Fri Sat Sun", "lun mar mié jue vie sáb dom")
WEEKDAY_NAMES = Text("Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
                     "lunes martes miércoles jueves viernes sábado domingo")


def month_name(month: int, lang: str = "en") -> str:
    return MONTHS.get("es" if lang == "es" else "en").split()[month - 1]


def weekday_name(weekday: int, lang: str = "en", short: bool = True) -> str:
    names = WEEKDAYS if short else WEEKDAY_NAMES
    return names.get("es" if lang == "es" else "en").split()[weekday]


CATALOG: dict[str, Text] = {
    # event titles composed by the engine
    "numbered": Text("{title} ({number})", "{title} ({number})"),
    "forum_title": Text("{short}: {title}", "{short}: {title}"),
    "deployment_window": Text("Deployment window: {title}{label}", "Ventana de despliegue: {title}{label}"),
    "deployment_phase": Text(" — phase {index}: {name}", " — fase {index}: {name}"),
    "approval_deadline": Text("Approval deadline ({body}): {title}",
                              "Fecha límite de aprobación ({body}): {title}"),
    "request_sent": Text("Request sent to {body}: {title}", "Solicitud enviada a {body}: {title}"),
    "approved_by": Text("Approved by {body}: {title}", "Aprobado por {body}: {title}"),
    "projected": Text(" (projected)", " (proyectado)"),
    "task_title": Text("{task}: {event}", "{task}: {event}"),
    "why_task": Text("Due {days} days before {event} on {start}{moved}.",
                     "Vence {days} días antes de {event} el {start}{moved}."),
    "task_moved": Text(", moved earlier from {day} ({reason})", ", adelantado del {day} ({reason})"),
    "request_deadline": Text("Request to {body} due: {title}", "Fecha límite de solicitud a {body}: {title}"),
    "why_request": Text("{days} days before the approval deadline {deadline}, the time {body} needs "
                        "to process a request{moved}.",
                        "{days} días antes de la fecha límite de aprobación {deadline}, el tiempo que "
                        "{body} necesita para tramitar una solicitud{moved}."),
    "why_series": Text("Occurrence of a regular series ({rule}).",
                       "Ocurrencia de una serie regular ({rule})."),
    "why_series_moved": Text("Moved from {day}, a date of the series ({rule}), because {reason}.",
                             "Movido del {day}, fecha de la serie ({rule}), porque {reason}."),
    "alarm": Text("Reminder: {title}", "Recordatorio: {title}"),
    # descriptions
    "participants": Text("Participants: {names}", "Participantes: {names}"),
    "cycle": Text("Cycle: {cycle}", "Ciclo: {cycle}"),
    "phase": Text("Phase: {phase}", "Fase: {phase}"),
    "why": Text("Why this date: {why}", "Por qué esta fecha: {why}"),
    "status_line": Text("Status: {status}. Event id: {id} (planner explain {id})",
                        "Estado: {status}. Id del evento: {id} (planner explain {id})"),
    "cycle_label": Text("{regime} cycle {number} ({start} to {end})",
                        "{regime}, ciclo {number} ({start} al {end})"),
    "span": Text("{name} ({start} to {end})", "{name} ({start} al {end})"),
    "deployment_line": Text("{who}{unit} {verb} {host}{purpose}, {start} to {end}.",
                            "{who}{unit} {verb} {host}{purpose}, del {start} al {end}."),
    "personnel": Text("{count} personnel from {country}", "{count} efectivos de {country}"),
    "personnel_unknown": Text("Personnel from {country}", "Personal de {country}"),
    "enter": Text("enter", "ingresan a"),
    "leave_for": Text("leave for", "salen hacia"),
    "for_purpose": Text(" for {purpose}", " para {purpose}"),
    # why this date
    "why_held": Text("Held: a recorded fact of the past ({precision}); the engine keeps it as is.",
                     "Realizado: hecho registrado ({precision}); el motor lo conserva tal cual."),
    "precision_day": Text("as recorded", "fecha registrada"),
    "precision_month": Text("only the month is recorded", "solo se registró el mes"),
    "precision_year": Text("only the year is recorded", "solo se registró el año"),
    "why_preferred": Text("First allowed day in a preferred month ({months}) of {where}",
                          "Primer día permitido en un mes preferido ({months}) de {where}"),
    "why_no_preferred": Text("No preferred month had an allowed day; first allowed day of {where}",
                             "Ningún mes preferido tenía un día permitido; primer día permitido de {where}"),
    "why_first": Text("First allowed day of {where}", "Primer día permitido de {where}"),
    "why_phase": Text("phase '{name}' ({start} to {end})", "la fase «{name}» ({start} al {end})"),
    "why_refused": Text("; {count} earlier candidate days were refused.",
                        "; se descartaron {count} días candidatos anteriores."),
    "why_visit": Text(" Visits {exercise}, {start} to {end}{projected}.",
                      " Visita {exercise}, del {start} al {end}{projected}."),
    "projected_window": Text(" (projected window)", " (ventana proyectada)"),
    "why_fixed_exercise": Text("Fixed: dates announced and given in the schedule.",
                               "Fijo: fechas anunciadas y dadas en el calendario."),
    "why_projected": Text("Projected: repeats the last announced window every {months} months.",
                          "Proyectado: repite la última ventana anunciada cada {months} meses."),
    "why_fixed_deployment": Text("Fixed: dates given in the schedule as approved.",
                                 "Fijo: fechas dadas en el calendario tal como se aprobaron."),
    "why_deadline": Text(
        "Last day {body} sits before the window starts on {start}; a window that starts in a "
        "recess must be voted in the preceding period.",
        "Último día en que sesiona {body} antes de que la ventana inicie el {start}; una ventana "
        "que inicia en receso debe votarse en el periodo anterior."),
    "why_recorded": Text("Held: date recorded in the schedule.",
                         "Realizado: fecha registrada en el calendario."),
}


def phrase(key: str, **values: Any) -> Text:
    return CATALOG[key].format(**values)


def phrase_in(lang: str, key: str, **values: Any) -> str:
    """phrase(key, **values).get(lang), formatting only the language asked for: exporters
    write one language, and formatting both was a third of rendering a large calendar."""
    if lang == "en+es":
        return phrase(key, **values).get(lang)
    return CATALOG[key].get(lang).format(
        **{name: value.get(lang) if isinstance(value, Text) else value
           for name, value in values.items()})
