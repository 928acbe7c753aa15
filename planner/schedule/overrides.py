"""`--set key.path=value` overrides: applied to the parsed file before it is read, and blamed
for the problems in the values they gave."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from planner.errors import PlannerError, Problem, Where
from planner.i18n import THEN, deferred, joined
from planner.schedule.syntax import TOMLDecodeError, parse_toml

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

def apply_override(data: dict[str, Any], override: str) -> None:
    """Set `key.path[1].name=value` in parsed TOML; the value is read as TOML, else as text."""
    path, sep, value_text = override.partition("=")
    where = Where("--set", path.strip())
    if not sep or not path.strip():
        raise PlannerError(Problem(where, deferred("{override} is not key.path=value",
                                                   override=repr(override)),
                                   deferred("e.g. --set forums.roundtable.regimes[1].cycle_months=12")))
    try:
        value = parse_toml(f"v = {value_text}")["v"]
    except TOMLDecodeError:
        value = value_text
    steps: list[str | int] = [name if name else int(index)
                              for name, index in _STEP.findall(path.strip())]
    node: Any = data
    for step, following in zip(steps, steps[1:], strict=False):
        try:
            node = node[step] if isinstance(step, int) else node.setdefault(
                step, [] if isinstance(following, int) else {})
        except (IndexError, KeyError, TypeError, AttributeError):
            raise PlannerError(Problem(where, deferred("no such key in the schedule"),
                                       deferred("check the path against the file"))) from None
    try:
        node[steps[-1]] = value
    except (IndexError, TypeError):
        raise PlannerError(Problem(where, deferred("no such key in the schedule"),
                                   deferred("check the path against the file"))) from None


def blame_overrides(problem: Problem, overrides: Sequence[str]) -> Problem:
    """A problem in a value that --set gave is the command line's, not the file's."""
    for override in overrides:
        path = override.partition("=")[0].strip()
        key = problem.where.key
        if key == path or key.startswith((f"{path}.", f"{path}[")):
            fix = deferred("fix --set {path}=...", path=path)
            return Problem(Where("--set", key), problem.message,
                           joined([problem.hint, fix], THEN) if problem.hint else fix)
    return problem
