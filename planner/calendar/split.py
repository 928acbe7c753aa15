"""Calendars per audience: one per party, forum or kind, and safe file names for them.

Who gets an event in a party's calendar:
- an event whose participants include the party (sessions, calls, visits, tasks, exercises);
- every event of a deployment window (its phases, the approval and request deadlines and the
  recorded request and approval) goes to the parties of the window's *sending* and *host*
  countries: one side's troops cross, the other side receives them, and both sides plan
  around the approving body's deadline;
- any other event without participants goes to every party.

Forums are the schedule's forums plus "exercises" and "deployments"; kinds are the events'
kinds (the calendar's CATEGORIES). Each audience's calendar is named
"<audience> — <calendar name>" (NAME and X-WR-CALNAME) in the chosen language: "SEDENA —
…", "BMCR — …", "Executive session — …", so that names cut on the right still differ.

File names built from ids never leave the output folder: see safe_name.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from planner.calendar.ics import AUDIENCE, Written, prepare_calendar
from planner.calendar.icstext import read_components
from planner.calendar.options import CalendarOptions
from planner.errors import PlannerError, Problem, Where
from planner.files import check_output, write_atomically
from planner.i18n import Phrase, Text, deferred, fixed
from planner.labels import KINDS
from planner.plan import Plan, PlannedEvent
from planner.schedule.model import Schedule

SPLITS = ("party", "forum", "kind")

# Words this exporter writes itself (schedule texts come with the schedule).
NAMES: dict[str, Text] = {
    "exercises": Text("Exercises and trainings", "Ejercicios y adiestramientos"),
    "deployments": Text("Deployment windows", "Ventanas de despliegue"),
    # The audience first: calendar sidebars cut long names on the right.
    "calendar_for": Text("{audience} — {calendar}", "{audience} — {calendar}"),
}

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(10))}
_MAX_STEM = 100


@dataclass(frozen=True, slots=True)
class Audience:
    """One calendar of a split: who it is for, and its events."""

    key: str  # party id, forum id or kind
    name: Text  # the audience's display name
    events: tuple[PlannedEvent, ...]


def parties_of(schedule: Schedule, event: PlannedEvent) -> tuple[str, ...]:
    """The party ids whose calendar gets this event (see the module's rules)."""
    if event.participants:
        return event.participants
    everyone = tuple(party.id for party in schedule.parties)
    if event.forum == "deployments":
        window = next((w for w in schedule.deployments if w.id == event.activity), None)
        if window is not None:
            countries = {window.sending_country, window.host_country}
            return tuple(p.id for p in schedule.parties if p.country in countries)
    return everyone


def keys_of(schedule: Schedule, event: PlannedEvent, split: str) -> tuple[str, ...]:
    if split == "party":
        return parties_of(schedule, event)
    if split == "forum":
        return (event.forum,)
    return (event.kind,)


def audience_name(schedule: Schedule, split: str, key: str) -> Text:
    """The audience's short name, which leads its calendar's name: the party id ("SEDENA"),
    the forum's short name ("BMCR") or the kind's name ("Executive session")."""
    if split == "party":
        return Text(key)
    if split == "forum":
        forum = next((f for f in schedule.forums if f.id == key), None)
        return forum.short if forum is not None else NAMES.get(key, Text(key))
    return fixed(KINDS[key]) if key in KINDS else Text(key)


def known_keys(schedule: Schedule, plan: Plan, split: str) -> list[str]:
    """Every key the split can have, in a stable order (parties and forums as declared)."""
    if split == "party":
        return [party.id for party in schedule.parties]
    if split == "forum":
        found = {event.forum for event in plan.events}
        declared = [forum.id for forum in schedule.forums]
        return declared + sorted(found - set(declared))
    return sorted({event.kind for event in plan.events})


def audiences(schedule: Schedule, plan: Plan, split: str,
              events: Iterable[PlannedEvent] | None = None) -> list[Audience]:
    """One audience per key of `split` ("party", "forum" or "kind"), empty ones included."""
    chosen = plan.events if events is None else tuple(events)
    return [Audience(key, audience_name(schedule, split, key),
                     tuple(e for e in chosen if key in keys_of(schedule, e, split)))
            for key in known_keys(schedule, plan, split)]


def select(schedule: Schedule, plan: Plan, *, parties: Sequence[str] = (),
           forums: Sequence[str] = (), kinds: Sequence[str] = ()) -> tuple[PlannedEvent, ...]:
    """The events for these parties, forums and kinds (any of each, all three must hold).

    Raises:
        PlannerError: for an id the plan does not know, with the nearest ones suggested.
    """
    problems = [problem for split, wanted in (("party", parties), ("forum", forums), ("kind", kinds))
                for problem in _unknown(schedule, plan, split, wanted)]
    if problems:
        raise PlannerError(*problems)
    return tuple(
        e for e in plan.events
        if (not parties or set(parties) & set(parties_of(schedule, e)))
        and (not forums or e.forum in forums) and (not kinds or e.kind in kinds))


def _unknown(schedule: Schedule, plan: Plan, split: str, wanted: Sequence[str]) -> list[Problem]:
    known = known_keys(schedule, plan, split)
    problems = []
    for key in wanted:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=3)
        hint = (deferred("did you mean {key}?", key=", ".join(close)) if close
                else deferred("known: {keys}", keys=", ".join(known)))
        problems.append(Problem(Where(schedule.path, f"--{split}"), _no_such(split, key), hint))
    return problems


def _no_such(split: str, key: str) -> Phrase:
    # One phrase per split, so that a translation can make the words agree.
    if split == "party":
        return deferred("no party {key}", key=repr(key))
    if split == "forum":
        return deferred("no forum {key}", key=repr(key))
    return deferred("no kind {key}", key=repr(key))


def filtered_name(schedule: Schedule, calendar: Text, *, parties: Sequence[str] = (),
                  forums: Sequence[str] = (), kinds: Sequence[str] = ()) -> Text:
    """The calendar's name for a filtered file: "<calendar> — <audience, ...>"."""
    names = ([audience_name(schedule, "party", key) for key in parties]
             + [audience_name(schedule, "forum", key) for key in forums]
             + [audience_name(schedule, "kind", key) for key in kinds])
    if not names:
        return calendar
    audience = names[0]
    for name in names[1:]:
        audience = audience + ", " + name
    return NAMES["calendar_for"].format(calendar=calendar, audience=audience)


def safe_name(text: str) -> str:
    """A file name stem made from schedule text that stays inside its folder on any system.

    Keeps letters, digits, ".", "_" and "-" (after NFKC), replaces everything else (path
    separators, ":", control characters...) with "_", never starts with "." (so never "." or
    ".."), never ends with "." or a space, is never a Windows reserved device name (CON, NUL,
    COM1...) and is at most 100 characters (a hash of the full text keeps long names apart).
    """
    normal = unicodedata.normalize("NFKC", text)
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", normal).lstrip(".").rstrip(". ")
    if not stem:
        stem = "_"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    if len(stem) > _MAX_STEM:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = f"{stem[:_MAX_STEM - 9]}-{digest}"
    return stem


def file_names(keys: Sequence[str], folder: Path) -> dict[str, Path]:
    """A distinct path inside `folder` for each key, `<safe name>.ics`.

    Names that only differ in case get "-2", "-3"... (case-insensitive file systems).

    Raises:
        PlannerError: if a path would end up outside `folder` (it cannot; this is a guard).
    """
    base = folder.resolve()
    taken: set[str] = set()
    paths = {}
    for key in keys:
        stem = safe_name(key)
        candidate, number = stem, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{stem}-{number}"
        taken.add(candidate.casefold())
        path = base / f"{candidate}.ics"
        if path.parent != base:
            raise PlannerError(Problem(Where(str(folder)), deferred(
                "{key} would be written outside the output folder", key=repr(key)),
                deferred("rename it in the schedule")))
        paths[key] = path
    return paths


def audience_marks(folder: Path) -> dict[Path, str]:
    """File -> its X-PLANNER-AUDIENCE ("<split>:<key>", "" when it has none), for every
    calendar file in `folder`.

    Only regular files directly in the folder are read: a symlink could lead outside it, and
    a FIFO or a device would hang the run or never end.
    """
    found: dict[Path, str] = {}
    if not folder.is_dir():
        return found
    base = folder.resolve()
    with os.scandir(folder) as entries:
        files = sorted(entry.name for entry in entries
                       if entry.name.endswith(".ics") and entry.is_file(follow_symlinks=False))
    for name in files:
        try:
            calendar = read_components((base / name).read_bytes())
        except OSError:
            continue
        if calendar is not None:
            found[base / name] = calendar.get(AUDIENCE) or ""
    return found


def _refuse_odd_files(paths: Iterable[Path]) -> None:
    """Only regular files (or none yet) are read and written in a --split folder."""
    for path in paths:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise PlannerError(Problem(Where(str(path)), deferred(
                "is a symlink or not a regular file; --split reads and writes only regular files "
                "in its folder"), deferred("remove it, or write the split into another folder")))


def write_split(folder: str | Path, schedule: Schedule, plan: Plan, split: str,
                options: CalendarOptions, *,
                events: Iterable[PlannedEvent] | None = None) -> list[Written]:
    """One calendar per audience of `split` in `folder` (made if missing, parents not).

    Each file is regenerated over its previous version like a single calendar (state.py)
    and marked with X-PLANNER-AUDIENCE "<split>:<key>". An audience with no event now gets
    no file, unless an earlier run of the same split wrote one: that file gets its events as
    cancelled, so its subscribers drop them. Every calendar is rendered before the first is
    written, and each is written atomically.

    Each calendar is named "<audience> — <options.calendar_name or the plan's>", and its
    descriptions name the schedule's parties. A file planner did not write is not replaced
    unless `options.force`; `options.inputs` never are.

    Raises:
        PlannerError: when `folder` is a file or cannot be made, when a file to write is a
            calendar written for another audience (another split, or no split), a symlink,
            not a regular file, or someone else's file.
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise PlannerError(Problem(Where(str(target)), deferred("is a file, not a folder"),
                                   deferred("--split writes one calendar per audience: give a "
                                            "folder with -o")))
    names = {party.id: party.name for party in schedule.parties}
    base = options.calendar_name or plan.calendar_name
    groups = audiences(schedule, plan, split, events)
    paths = file_names([group.key for group in groups], target)
    _refuse_odd_files(paths.values())
    marks = audience_marks(target)
    for key, path in paths.items():
        if marks.get(path, f"{split}:{key}") != f"{split}:{key}":
            raise PlannerError(Problem(Where(str(path)), deferred(
                "is a calendar written for another audience ({audience}); not overwritten",
                audience=marks[path] or deferred("no --split")),
                deferred("write each --split into a folder of its own")))
    current = {path.name.casefold() for path in paths.values()}
    for path, mark in marks.items():
        kind, _, key = mark.partition(":")
        if kind == split and key and key not in paths and path.name.casefold() not in current:
            groups.append(Audience(key, audience_name(schedule, split, key), ()))
            paths[key] = path
    ready = []
    for group in groups:
        name = NAMES["calendar_for"].format(calendar=base, audience=group.name)
        rendered, previous = prepare_calendar(
            paths[group.key], plan, replace(options, party_names=names, calendar_name=name),
            events=group.events, audience=f"{split}:{group.key}")
        if rendered.changes.written:
            check_output(paths[group.key], force=options.force, inputs=options.inputs)
            ready.append((paths[group.key], rendered, previous))
    try:
        target.mkdir(exist_ok=True)
    except OSError as error:
        raise PlannerError(Problem(Where(str(target)), deferred(
            "cannot make this folder: {reason}", reason=error.strerror or type(error).__name__),
            deferred("check that its parent folder exists and is writable"))) from None
    for path, rendered, _ in ready:
        write_atomically(path, rendered.chunks())
    return [Written(str(path), rendered.changes, previous.notes) for path, rendered, previous in ready]
