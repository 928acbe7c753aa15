"""Talking to the CalDAV server: one calendar collection, through the caldav library's
client, with an overall deadline per request and every failure said in one safe line."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from planner.i18n import deferred
from planner.publish.actions import Action
from planner.publish.failure import PublishError
from planner.publish.remote import NAMESPACES, Remote, answer_xml, remote_events
from planner.publish.url import check_url, origin

_QUERY = ('<?xml version="1.0" encoding="utf-8"?>'
          '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
          '<d:prop><d:getetag/><c:calendar-data/></d:prop>'
          '<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/>'
          '</c:comp-filter></c:filter></c:calendar-query>')
_PROPFIND = ('<?xml version="1.0" encoding="utf-8"?>'
             '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>')
_CALENDAR_TYPE = "text/calendar; charset=utf-8"
_XML_TYPE = "application/xml; charset=utf-8"


class CalendarConnection:
    """A CalDAV calendar collection, through the caldav library's client.

    `deadline` bounds each request as a whole (seconds), `timeout` each wait for data.
    """

    def __init__(self, url: str, user: str | None = None, password: str | None = None, *,
                 insecure: bool = False, timeout: int = 30, deadline: float = 60) -> None:
        from caldav.davclient import DAVClient  # slow to import: only when publishing

        self.url = check_url(url)
        parts = urlsplit(self.url)
        self.origin = (parts.scheme, parts.hostname, parts.port)
        self.host = parts.hostname or ""
        self.user = user
        self.deadline = deadline
        self._client = DAVClient(url=self.url, username=user, password=password,
                                 ssl_verify_cert=not insecure,
                                 timeout=max(1, int(min(timeout, deadline))),
                                 enable_rfc6764=False)

    def read(self, uid_domain: str) -> list[Remote]:
        """Every event resource in the calendar, with its ETag.

        Raises:
            PublishError: when the URL is not a calendar, or the server cannot be read.
        """
        found = self._request("PROPFIND", self.url, _PROPFIND, {"Depth": "0",
                                                                 "Content-Type": _XML_TYPE})
        if self._status(found, "PROPFIND", self.url) != 207:
            raise PublishError(deferred("{url} is not a CalDAV collection ({status} to PROPFIND)",
                                        url=self.url, status=str(found.status)), 2)
        if not answer_xml(found.raw).findall(".//d:resourcetype/c:calendar", NAMESPACES):
            raise PublishError(deferred("{url} is not a calendar (a principal or a folder?): give "
                                        "the URL of the calendar itself", url=self.url), 2)
        answer = self._request("REPORT", self.url, _QUERY, {"Depth": "1",
                                                            "Content-Type": _XML_TYPE})
        if self._status(answer, "REPORT", self.url) != 207:
            raise PublishError(deferred("{host} answered {status} to {method}", host=self.host,
                                        status=str(answer.status), method="REPORT"), 1)
        return list(remote_events(answer_xml(answer.raw), self.url, uid_domain))

    def put(self, action: Action) -> int:
        headers = {"Content-Type": _CALENDAR_TYPE}
        headers.update({"If-Match": action.etag} if action.etag else {"If-None-Match": "*"})
        response = self._request("PUT", action.href, action.body.decode("utf-8"), headers)
        return self._status(response, "PUT", action.href)

    def delete(self, action: Action) -> int:
        """The status; 404 (someone deleted it meanwhile) is what the plan wants too."""
        response = self._request("DELETE", action.href, "", {"If-Match": action.etag})
        if int(response.status) == 404:
            return 204
        return self._status(response, "DELETE", action.href)

    def _request(self, method: str, url: str, body: str = "",
                 headers: dict[str, str] | None = None) -> Any:
        from caldav.lib.error import AuthorizationError, DAVError

        if origin(url) != self.origin:  # never send the credentials anywhere else
            raise PublishError(deferred("{host} named a resource on another server; refused",
                                        host=self.host), 1)
        try:
            with _deadline(self.deadline):
                return self._client.request(url, method, body, headers or {})
        except _DeadlineExpired:
            raise PublishError(deferred("{host} did not answer {method} in full within {seconds} s",
                                        host=self.host, method=method,
                                        seconds=f"{self.deadline:g}"), 1) from None
        except (SyntaxError, ValueError):  # lxml's XMLSyntaxError is a SyntaxError
            raise PublishError(deferred("{host} answered {method} with something that is not "
                                        "the XML CalDAV requires", host=self.host, method=method),
                               1) from None
        except AuthorizationError as error:
            raise self._refused(getattr(error, "status", None) or 401) from None
        except DAVError as error:
            status = getattr(error, "status", None)
            message = (deferred("{host} answered {status} to {method}", host=self.host,
                                status=str(status), method=method) if status else
                       deferred("{host} answered an error to {method}", host=self.host,
                                method=method))
            raise PublishError(message, 1) from None
        except OSError as error:
            raise _failure(error, self.host) from None

    def _refused(self, status: int) -> PublishError:
        if status == 403 and self.user:
            return PublishError(deferred("{host} refused access (403): user {user} may not write "
                                         "to {url}", host=self.host, user=repr(self.user),
                                         url=self.url), 2)
        if status == 403:
            return PublishError(deferred("{host} refused access (403): an anonymous user may not "
                                         "write to {url}", host=self.host, url=self.url), 2)
        if self.user:
            return PublishError(deferred("{host} refused the credentials of user {user} (401)",
                                         host=self.host, user=repr(self.user)), 2)
        return PublishError(deferred("{host} asks for credentials (401): pass --user",
                                     host=self.host), 2)

    def _status(self, response: Any, method: str, href: str) -> int:
        status = int(response.status)
        if status in (401, 403):
            raise self._refused(status)
        if status == 404:
            raise PublishError(deferred("no calendar at {url} (404 on {method} {href})",
                                        url=self.url, method=method, href=href), 2)
        return status


def _failure(error: BaseException, host: str) -> PublishError:
    """One line for a network error, from its type only (its text may quote a URL or worse)."""
    names = {cls.__name__ for cls in type(error).__mro__}
    if "SSLError" in names or "SSLCertVerificationError" in names:
        return PublishError(deferred("TLS failure talking to {host}: certificate not trusted or "
                                     "handshake failed (pass --insecure only if you trust this "
                                     "server)", host=host), 1)
    if names & {"Timeout", "ReadTimeout", "ConnectTimeout", "TimeoutError"}:
        return PublishError(deferred("{host} did not answer in time", host=host), 1)
    return PublishError(deferred("cannot reach {host}: connection failed or was cut", host=host), 1)


class _DeadlineExpired(BaseException):
    """Raised by SIGALRM in the middle of a request; a BaseException, so that the HTTP
    library's own `except Exception` handlers do not turn it into something else."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` in all: the HTTP library's timeout is per read,
    so a server sending one byte every few seconds would never time out. Only the main
    thread receives signals; elsewhere there is no overall deadline."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise _DeadlineExpired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
