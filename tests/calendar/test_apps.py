"""What Outlook, Google and Apple read in the bytes planner writes (issue 11).

The apps cannot run here, so each test checks the property an app decides by: no ORGANIZER
or METHOD (meeting invitations), X-MICROSOFT-CDO-BUSYSTATUS and TRANSP (free/busy), the
length of facts known only to the month or year, alarm triggers, and the calendar's own
properties for subscribers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, entries, render_calendar
from icalendar import Calendar, Event

from planner import Plan, Schedule
from planner.cli import cli
from planner.plan import Status

D = dt.date


@pytest.fixture(scope="module")
def data(roundtable: Schedule, roundtable_plan: Plan) -> bytes:
    return render_calendar(roundtable, roundtable_plan)


@pytest.fixture(scope="module")
def by_id(data: bytes) -> dict[str, Event]:
    return {str(e["X-PLANNER-ID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def unfolded(data: bytes) -> str:
    return data.replace(b"\r\n ", b"").decode("utf-8")


# -- 1. plain entries, not meetings ----------------------------------------------------------

def test_no_event_has_an_organizer_and_the_file_has_no_method(data: bytes) -> None:
    text = unfolded(data)
    assert "ORGANIZER" not in text and "ATTENDEE" not in text
    assert "\r\nMETHOD:" not in text


# -- 5. busy status ----------------------------------------------------------------------------

def test_planned_events_are_tentative_for_outlook_and_busy_elsewhere(
        roundtable_plan: Plan, by_id: dict[str, Event]) -> None:
    ninth = by_id["roundtable.biennial.c2.executive_session"]
    assert str(ninth["STATUS"]) == "TENTATIVE"
    assert str(ninth["X-MICROSOFT-CDO-BUSYSTATUS"]) == "TENTATIVE"
    assert str(ninth["TRANSP"]) == "OPAQUE"
    for event in entries(roundtable_plan.events):
        if event.status is Status.PLANNED and event.kind not in ("exercise", "deployment"):
            assert str(by_id[event.calendar_id]["X-MICROSOFT-CDO-BUSYSTATUS"]) == "TENTATIVE"


def test_records_deadlines_and_windows_occupy_nobody(roundtable_plan: Plan,
                                                     by_id: dict[str, Event]) -> None:
    free_kinds = {"approval", "request", "approval-deadline", "request-deadline", "task",
                  "exercise", "deployment"}
    seen = set()
    for event in entries(roundtable_plan.events):
        component = by_id[event.calendar_id]
        free = str(component["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"
        assert free == (str(component["TRANSP"]) == "TRANSPARENT"), event.id
        if event.kind in free_kinds:
            assert free, event.id
            seen.add(event.kind)
    assert seen == free_kinds - {"request"}  # the default plan records no request sent
    approval = next(e for e in roundtable_plan.events if e.kind == "approval")
    assert approval.status is Status.HELD  # a recorded Senate approval: a fact, but nobody's time


def test_held_sessions_known_to_the_day_are_busy(by_id: dict[str, Event]) -> None:
    held = by_id["dbwg.yearly.c2.session"]
    assert (str(held["STATUS"]), str(held["TRANSP"])) == ("CONFIRMED", "OPAQUE")
    assert str(held["X-MICROSOFT-CDO-BUSYSTATUS"]) == "BUSY"


# -- 4. facts known only to the month or year ---------------------------------------------------

@pytest.mark.parametrize(("event_id", "day", "title"), [
    ("roundtable.annual.c1.executive_session", D(2016, 1, 1),
     "BMCR: Executive session (1st) — 2016, day not recorded"),
    ("roundtable.annual.c8.executive_session", D(2023, 8, 1),
     "BMCR: Executive session (7th) — August 2023, day not recorded")])
def test_a_fact_known_to_the_month_or_year_is_a_free_one_day_marker(
        by_id: dict[str, Event], event_id: str, day: dt.date, title: str) -> None:
    event = by_id[event_id]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (day, day + dt.timedelta(days=1))
    assert str(event["SUMMARY"]) == title
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"


def test_no_event_is_a_busy_block_longer_than_a_week(roundtable_plan: Plan,
                                                     by_id: dict[str, Event]) -> None:
    for event in entries(roundtable_plan.events):
        component = by_id[event.calendar_id]
        days = (component.decoded("DTEND") - component.decoded("DTSTART")).days
        if str(component["TRANSP"]) == "OPAQUE":
            assert days <= 7, event.id


def test_spanish_says_the_month_in_spanish(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--today", TODAY.isoformat(),
                                 "--lang", "es"])
    assert result.exit_code == 0
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}
    assert "Mesa Redonda: Sesión ejecutiva (n.º 7) — agosto de 2023, día no registrado" in titles


# -- 7. reminders at a working hour ------------------------------------------------------------

def test_all_day_reminders_fire_at_nine_the_given_days_before(roundtable_plan: Plan,
                                                              data: bytes) -> None:
    triggers = re.findall(r"\r\nTRIGGER:([^\r]+)", unfolded(data))
    alarmed = [e for e in entries(roundtable_plan.events) if e.alarm_days]
    assert len(triggers) == len(alarmed) > 0
    assert set(triggers) == {f"-P{e.alarm_days - 1}DT15H" for e in alarmed}
    assert "-P6DT15H" in triggers and "-P13DT15H" in triggers
    assert data.count(b"BEGIN:VALARM") == len(alarmed)  # one alarm per event


def test_a_timed_event_reminder_fires_at_nine_local_time() -> None:
    from zoneinfo import ZoneInfo

    from planner.calendar.ics import alarm_trigger
    from planner.i18n import Text
    from planner.plan import PlannedEvent, Provenance

    start = dt.datetime(2027, 3, 10, 14, 30, tzinfo=ZoneInfo("America/Denver"))
    event = PlannedEvent("x", "f", "a", "vtc", Text("x"), start.date(), start.date(),
                         Status.PLANNED, None, Text(""), "America/Denver", (), Text(""),
                         Provenance("test", Text("")), start_time=start,
                         end_time=start + dt.timedelta(hours=1))
    # 09:00 on March 3rd to 14:30 on March 10th, in wall-clock time across the DST change
    assert alarm_trigger(event, 7) == "-P7DT5H30M"


# -- 8. calendar properties for subscribers ---------------------------------------------------------

def test_the_calendar_has_name_description_and_refresh_interval(roundtable: Schedule,
                                                                data: bytes) -> None:
    calendar = Calendar.from_ical(data)
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == roundtable.calendar_name.en
    assert str(calendar["DESCRIPTION"]).startswith(roundtable.name.en + ": meetings")
    assert str(calendar["X-WR-CALDESC"]) == str(calendar["DESCRIPTION"])
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in data
    assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in data


def test_split_calendars_lead_with_their_audience(tmp_path: Path, runner: CliRunner) -> None:
    for split, expected in (("party", {"SEDENA", "SEMAR", "USNORTHCOM", "OUSDP"}),
                            ("forum", {"BMCR", "DBWG", "SCSW", "SST", "Exercises and trainings",
                                       "Deployment windows"})):
        folder = tmp_path / split
        result = runner.invoke(cli, ["generate", "--split", split, "-o", str(folder),
                                     "--today", TODAY.isoformat()])
        assert result.exit_code == 0, result.output
        names = {str(Calendar.from_ical(path.read_bytes())["X-WR-CALNAME"])
                 for path in folder.iterdir()}
        assert {name.split(" — ")[0] for name in names} == expected
        assert all(name.endswith(" — US–Mexico military cooperation (planner)") for name in names)


# -- 9. descriptions people read in a reading pane -------------------------------------------

def descriptions(runner: CliRunner, lang: str) -> dict[str, str]:
    result = runner.invoke(cli, ["generate", "-o", "-", "--today", TODAY.isoformat(),
                                 "--lang", lang])
    assert result.exit_code == 0
    return {str(e["X-PLANNER-ID"]): str(e["DESCRIPTION"])
            for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}


def test_bilingual_descriptions_are_the_english_block_then_the_spanish_block(
        runner: CliRunner) -> None:
    both, english, spanish = (descriptions(runner, lang) for lang in ("en+es", "en", "es"))
    for event_id, text in both.items():
        assert text.startswith(f"{english[event_id]}\n\n") and text.endswith(spanish[event_id])
        # the Spanish title opens the Spanish block when the title shows only English
        between = text[len(english[event_id]) + 2:-len(spanish[event_id])]
        assert between == "" or between.count("\n") == 1 and between.endswith("\n"), event_id
    ninth = english["roundtable.biennial.c2.executive_session"].splitlines()
    assert ninth[0].startswith("The tri-chairs review")  # what, then why
    assert ninth[1].startswith("Why this date: ")
    assert ninth[-1].startswith("Event id: roundtable.biennial.c2.executive_session (planner explain")
    assert ninth.count("Participants: " + ninth[2].removeprefix("Participants: ")) == 1


def test_spanish_descriptions_name_the_status_in_spanish(runner: CliRunner) -> None:
    spanish = descriptions(runner, "es")
    text = "\n".join(spanish.values())
    assert "Estado: planned" not in text and "Status" not in text
    assert "Estado: Programado" in spanish["roundtable.biennial.c2.executive_session"]
    assert "Estado: Realizado" in spanish["dbwg.yearly.c2.session"]


# -- 6. a moved occurrence belongs to its series ----------------------------------------------

def test_a_moved_series_occurrence_is_an_override_with_the_series_uid(data: bytes) -> None:
    calendar = Calendar.from_ical(data)
    uid = "staff_talks.quarterly_review@roundtable.planner"
    series = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid]
    assert len(series) == 2
    master, moved = sorted(series, key=lambda e: "RECURRENCE-ID" in e)
    assert "EXDATE" not in master  # the moved date is overridden, not excluded
    assert master["RRULE"]["UNTIL"] == [dt.datetime(2029, 10, 9, 15, tzinfo=dt.UTC)]
    assert moved["RECURRENCE-ID"].to_ical() == b"20280411T090000"
    assert moved["RECURRENCE-ID"].params["TZID"] == "America/Mexico_City"
    assert moved.decoded("DTSTART").date() == D(2028, 4, 17)  # Apr 11, 2028: Holy Week
    assert "moved-" not in unfolded(data).split(f"UID:{uid}")[0]  # no separate entry
    assert b"UID:staff_talks.quarterly_review.moved-" not in data
    assert "Holy Week" in str(moved["DESCRIPTION"])


def test_a_series_whose_first_date_moved_starts_on_that_date(roundtable_plan: Plan) -> None:
    from dataclasses import replace

    from planner.calendar.ics import event_components

    talks = sorted((e for e in roundtable_plan.events if e.series is not None
                    and e.series.id == "staff_talks.quarterly_review"
                    and e.recurrence_id is None), key=lambda e: e.start)
    first = talks[0]
    assert first.start_time is not None
    moved = replace(first, id=first.id + ".moved", start=first.start + dt.timedelta(days=1),
                    end=first.end + dt.timedelta(days=1),
                    start_time=first.start_time + dt.timedelta(days=1),
                    end_time=(first.end_time or first.start_time) + dt.timedelta(days=1),
                    recurrence_id=first.start)
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    master, override = event_components([moved, *talks[1:11]], "x", stamp, {}, "en")
    assert master.get("DTSTART") == "20260113T090000"  # the rule's first date, overridden
    assert override.get("RECURRENCE-ID") == "20260113T090000"
    assert override.get("DTSTART") == "20260114T090000"


def test_spanish_descriptions_have_no_english_codes(runner: CliRunner) -> None:
    spanish = descriptions(runner, "es")
    titles = Calendar.from_ical(runner.invoke(cli, [
        "generate", "-o", "-", "--today", TODAY.isoformat(), "--lang", "es"]).stdout_bytes)
    text = "\n".join(line for body in spanish.values() for line in body.splitlines()
                     if not line.startswith("Id del evento: "))  # ids are ids
    for code in ("planned", "biennial", "yearly", "annual", " US ", " MX", "de US", "a MX",
                 "Aprobado por Senado", "Status"):
        assert code not in text, code
    summaries = {str(e["SUMMARY"]) for e in titles.walk("VEVENT")}
    assert "Aprobado (Senado de la República): Fuerzas Amigas 2025" in summaries


def test_bilingual_titles_fit_a_sidebar_and_long_ones_keep_spanish_in_the_description(
        runner: CliRunner) -> None:
    result = runner.invoke(cli, ["generate", "-o", "-", "--today", TODAY.isoformat(),
                                 "--lang", "en+es"])
    events = {str(e["X-PLANNER-ID"]): e
              for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}
    assert max(len(str(e["SUMMARY"])) for e in events.values()) <= 132  # the longest English
    ninth = events["roundtable.biennial.c2.executive_session"]
    assert str(ninth["SUMMARY"]) == \
        "BMCR: Executive session (9th) / Mesa Redonda: Sesión ejecutiva (n.º 9)"
    window = events["deployment.sof_2025.phase1"]
    assert str(window["SUMMARY"]).startswith("Deployment window: Strengthening the Capacity")
    spanish_block = str(window["DESCRIPTION"]).split("\n\n")[1]
    assert spanish_block.startswith("Ventana de despliegue: Fortalecimiento de las Capacidades")
