"""Turn a TOML schedule file into a validated Schedule: read the bytes, parse the TOML, apply
--set overrides, then read every section (assemble.py) collecting all problems at once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.collector import collector_paused
from planner.errors import PlannerError, Problem, Where
from planner.i18n import Phrase, deferred
from planner.schedule.assemble import read_schedule
from planner.schedule.fields import Fields
from planner.schedule.locate import Locator
from planner.schedule.model import Schedule
from planner.schedule.overrides import apply_override, blame_overrides
from planner.schedule.read import Problems, Table
from planner.schedule.syntax import TOMLDecodeError, parse_toml, syntax_problem

MAX_SCHEDULE_BYTES = 16 * 1024 * 1024


def load_schedule(path: str | Path, overrides: Sequence[str] = ()) -> Schedule:
    """Read and validate a schedule file, with `key.path=value` overrides applied first.

    Raises:
        PlannerError: with every problem found, each with file, line and key path.
    """
    name = str(path)
    try:
        with open(path, "rb") as stream:  # at most one byte past the limit: /dev/zero ends
            raw = stream.read(MAX_SCHEDULE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PlannerError(Problem(Where(name), deferred("cannot read the schedule: {reason}",
                                                         reason=reason),
                                   deferred("check the path"))) from None
    if len(raw) > MAX_SCHEDULE_BYTES:
        raise PlannerError(Problem(Where(name), deferred("is larger than 16 MB, the limit for a schedule"),
                                   deferred("check that this is the schedule file; split a larger "
                                            "one"))) \
            from None
    return parse_schedule(raw, name, overrides)


def parse_schedule(raw: bytes, name: str, overrides: Sequence[str] = ()) -> Schedule:
    """Validate schedule bytes read from `name` (used in messages)."""
    kind = _not_a_schedule(raw)
    if kind is not None:
        raise PlannerError(Problem(Where(name), kind, deferred(
            "give the .toml schedule (planner init writes one to start from)")))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlannerError(Problem(Where(name, line=line), deferred("is not valid UTF-8 text"),
                                   deferred("save the file as UTF-8"))) from None
    with collector_paused():
        try:
            data = parse_toml(text)
        except TOMLDecodeError as error:
            raise PlannerError(syntax_problem(error, text, name)) from None
        except RecursionError:
            raise PlannerError(Problem(Where(name, line=1), deferred("is nested too deeply to read"),
                                       deferred("flatten the tables"))) from None
        for override in overrides:
            apply_override(data, override)
        problems = Problems(name, Locator(text))
        schedule = read_schedule(Fields(problems), Table(data, "", problems), name)
    if problems.found:
        found = _without_follow_ons(problems.found, data)
        raise PlannerError(*(blame_overrides(problem, overrides) for problem in found))
    return schedule


def _without_follow_ons(found: list[Problem], data: dict[str, Any]) -> list[Problem]:
    """Without "forums.talks.name: missing" when the name is in a misspelt `[forum.talks]`:
    the unknown key, reported with its line and the right name, already says what to fix."""
    misspelt = [problem.where.key for problem in found
                if isinstance(problem.message, Phrase) and problem.message.message == "unknown key"
                and "." not in problem.where.key and "[" not in problem.where.key]

    def written_under_a_misspelt_table(problem: Problem) -> bool:
        if not (isinstance(problem.message, Phrase) and problem.message.message == "missing"):
            return False
        rest = problem.where.key.partition(".")[2].split(".")
        for top in misspelt:
            node: Any = data.get(top)
            for step in rest:
                node = node.get(step) if isinstance(node, dict) else None
            if node is not None:
                return True
        return False

    return [problem for problem in found if not written_under_a_misspelt_table(problem)]


def _not_a_schedule(raw: bytes) -> Phrase | None:
    """What a file that is clearly not TOML is, to say so instead of a syntax error."""
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.upper().startswith(b"BEGIN:VCALENDAR"):
        return deferred("this is a calendar file, not a schedule")
    if head.startswith(b"PK\x03\x04"):
        return deferred("this is a spreadsheet or document (.xlsx, .docx, .zip), not a schedule")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return deferred("this is an old Office file (.xls, .doc), not a schedule")
    if head.startswith(b"%PDF"):
        return deferred("this is a PDF, not a schedule")
    return None

