"""The calendar's URL and the credentials for its host: checked before anything is sent."""

from __future__ import annotations

import netrc
from pathlib import Path
from urllib.parse import urlsplit

from planner.errors import PlannerError, Problem, Where
from planner.i18n import deferred

_FULL_URL = deferred("give the calendar's full URL, e.g. https://host/dav/user/plan/")


def check_url(url: str) -> str:
    """The calendar URL, ending in "/"; credentials and other schemes are refused.

    Raises:
        PlannerError: for a URL that is not http(s), has no host, or carries a user or password.
    """
    where = Where("--url")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- checks it: raises ValueError when out of range or not a number
    except ValueError as error:
        raise PlannerError(Problem(where, deferred("not a valid URL ({error})", error=str(error)),
                                   _FULL_URL)) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PlannerError(Problem(where, deferred("not an http:// or https:// calendar URL"),
                                   _FULL_URL))
    if parts.username is not None or parts.password is not None:
        raise PlannerError(Problem(where, deferred("the URL carries credentials"),
                                   deferred("give the user with --user and the password in "
                                            "PLANNER_CALDAV_PASSWORD, ~/.netrc or at the "
                                            "prompt")))
    return url if url.endswith("/") else url + "/"


def origin(url: str) -> tuple[str, str | None, int | None]:
    """(scheme, host, port): credentials go only to the calendar's own origin."""
    try:
        parts = urlsplit(url)
        return parts.scheme, parts.hostname, parts.port
    except ValueError:  # a malformed port or IPv6 address
        return "", None, None


def netrc_credentials(url: str, user: str | None, path: Path) -> tuple[str | None, str | None]:
    """(login, password) for the URL's host from a netrc file; (None, None) when none fits.

    A netrc file that cannot be parsed is ignored: its parse message may quote a secret.
    """
    host = urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(str(path)).authenticators(host) if path.is_file() else None
    except (netrc.NetrcParseError, OSError):
        return None, None
    if entry is None:
        return None, None
    login, _, password = entry
    if user is not None and login and login != user:
        return None, None
    return login or None, password or None
