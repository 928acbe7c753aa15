"""The holidays package, with a country's module imported only when that country is asked for.

Importing any one country module runs `holidays/countries/__init__.py`, which imports all
~250 of them (about 0.2 s, most of a default `planner generate`). Registering that package
without running its `__init__` lets the package's own lazy loaders, which import
`holidays.countries.<module>` by name, load just the countries a schedule uses.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import holidays
from holidays.registry import EntityLoader

_PACKAGE = "holidays.countries"


def _register_countries_package() -> None:
    if _PACKAGE in sys.modules:  # already imported in full, or registered
        return
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None:  # a holidays release laid out differently: import as usual
        return
    package = importlib.util.module_from_spec(spec)  # its __path__ finds the country modules
    entities: dict[str, Any] = {}
    EntityLoader.load("countries", entities)

    def country_entity(name: str) -> Any:  # `from holidays.countries import Mexico` still works
        if name in entities:
            return entities[name].get_entity()
        raise AttributeError(f"module {_PACKAGE!r} has no attribute {name!r}")

    package.__dict__["__getattr__"] = country_entity
    sys.modules[_PACKAGE] = package


_register_countries_package()

__all__ = ["holidays"]
