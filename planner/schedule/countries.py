"""The country codes a schedule may use: those the holidays package has public holidays for.

Asking the package for its list (`holidays.list_supported_countries()`) imports all ~250
country modules to learn their subdivisions (about 0.2 s); its registry names the same codes
without importing any, so a schedule pays only for the countries it plans in.
"""

from __future__ import annotations

from functools import cache

from holidays.registry import EntityLoader


@cache
def supported_countries() -> frozenset[str]:
    """ISO 3166 codes (alpha-2, alpha-3 and the package's aliases such as UK)."""
    return frozenset(EntityLoader.get_country_codes())
