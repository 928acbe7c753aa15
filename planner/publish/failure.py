"""The one way publishing fails or stops: a one-line message, an exit status, and what was
already done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.i18n import Phrase

if TYPE_CHECKING:
    from planner.publish.actions import Report


class PublishError(Exception):
    """Publishing failed or stopped. The message is one line and safe to print.

    exit_status is 2 for what the user can fix in the command (URL, credentials, rights, a
    calendar that does not exist) and 1 for the rest (network, server, conflicts).
    `report` says what was already done when it stopped. The message is a Phrase: the CLI
    writes it in the reader's language. Messages are built from status codes, the host and
    the user, never from the HTTP library's text, so they never hold a credential.
    """

    def __init__(self, message: Phrase, exit_status: int, report: Report | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.exit_status = exit_status
        self.report = report

    def __str__(self) -> str:
        return self.message
