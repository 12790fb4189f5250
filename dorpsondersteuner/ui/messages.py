"""The core's typed errors as plain Dutch sentences with a way forward (UI.md).

Only this module turns an error into words; the core's messages are English for logs.
Anything unexpected is logged with its trace and shown as one calm sentence: never a
stack trace, an SQL error or a status code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ..errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    RegisterError,
    RegisterTooNewError,
    ValidationError,
    WrongKeyError,
)

log = logging.getLogger(__name__)


class UnknownUserError(Exception):
    """The register has no (active) user by the name asked for with ``--user``."""

    def __init__(self, username: str, known: list[str]) -> None:
        super().__init__(f"no user {username!r}")
        self.username = username
        self.known = known


@dataclass(frozen=True)
class Message:
    text: str
    field: str | None = None  # the form field to show it beside, when there is one


def field_label(field: str) -> str:
    labels = {
        "first_name": QCoreApplication.translate("Messages", "first name"),
        "name_prefix": QCoreApplication.translate("Messages", "prefix"),
        "last_name": QCoreApplication.translate("Messages", "last name"),
        "street": QCoreApplication.translate("Messages", "street"),
        "house_number": QCoreApplication.translate("Messages", "house number"),
        "postcode": QCoreApplication.translate("Messages", "postcode"),
        "place": QCoreApplication.translate("Messages", "place"),
        "phone": QCoreApplication.translate("Messages", "phone number"),
        "question": QCoreApplication.translate("Messages", "question"),
    }
    return labels.get(field, field)


def _validation(error: ValidationError) -> Message:
    field, code = error.field, error.code
    if field == "life_domains":
        text = QCoreApplication.translate(
            "Messages", "Tick at least one life domain the question is about."
        )
    elif field == "consent_record_on" and code == "no_consent_to_record":
        text = QCoreApplication.translate(
            "Messages",
            "A help request is only recorded with the resident's consent. Ask for it, "
            "tick the box and fill in the date.",
        )
    elif code == "future_date":
        text = QCoreApplication.translate(
            "Messages", "This date lies in the future. Fill in today or an earlier day."
        )
    elif code == "postcode":
        text = QCoreApplication.translate(
            "Messages", "A postcode is four digits and two letters, like 5761 AB."
        )
    elif code == "phone":
        text = QCoreApplication.translate(
            "Messages", "A phone number has digits only, like 0492 123456 or 06 12345678."
        )
    elif code == "too_long":
        text = QCoreApplication.translate(
            "Messages", "This text is too long. Keep it short and factual."
        )
    elif code == "required" and field:
        text = QCoreApplication.translate("Messages", "Fill in the %1.").replace(
            "%1", field_label(field)
        )
    elif field == "resident":
        text = QCoreApplication.translate(
            "Messages", "Choose a resident from the search results, or record a new resident."
        )
    else:
        log.warning("validation error without a Dutch text: %s (%s/%s)", error, field, code)
        text = QCoreApplication.translate(
            "Messages", "Something you filled in is not right. Check the form and try again."
        )
    return Message(text, field)


def _conflict(error: ConflictError) -> Message:
    if error.code == "closed":
        return Message(
            QCoreApplication.translate(
                "Messages",
                "This help request is closed, so it cannot be changed. Reopen it first if "
                "there is new work to do.",
            )
        )
    log.warning("conflict without a Dutch text: %s (%s)", error, error.code)
    return Message(
        QCoreApplication.translate(
            "Messages",
            "This cannot be done now, because the help request has changed in the meantime. "
            "Look at the request again and try once more.",
        )
    )


def describe(error: BaseException) -> Message:
    """A Dutch sentence for any error a task reported."""
    if isinstance(error, UnknownUserError):
        return Message(
            QCoreApplication.translate(
                "Messages", "The demo register has no user “%1”. Choose one with --user: %2."
            )
            .replace("%1", error.username)
            .replace("%2", ", ".join(error.known))
        )
    if isinstance(error, ValidationError):
        return _validation(error)
    if isinstance(error, ConflictError):
        return _conflict(error)
    if isinstance(error, ForbiddenError):
        return Message(
            QCoreApplication.translate(
                "Messages",
                "You may not do this with this help request: it belongs to another level or "
                "area. Ask its owner, or your coordinator, if it needs doing.",
            )
        )
    if isinstance(error, NotFoundError):
        return Message(
            QCoreApplication.translate(
                "Messages",
                "This help request is no longer there, or you may no longer see it. Choose "
                "another one from the list.",
            )
        )
    if isinstance(error, RegisterTooNewError):
        return Message(
            QCoreApplication.translate(
                "Messages",
                "This register was saved by a newer version of the program. Install the "
                "newest version, then start again.",
            )
        )
    if isinstance(error, WrongKeyError | RegisterError):
        log.error("opening the register failed", exc_info=error)
        return Message(
            QCoreApplication.translate(
                "Messages",
                "The register could not be opened. Close the program and start it again; "
                "if that does not help, ask your administrator.",
            )
        )
    log.error("unexpected error", exc_info=error)
    return Message(
        QCoreApplication.translate(
            "Messages",
            "Something went wrong, and nothing was saved. Try again; if it happens again, "
            "close the program, start it again and tell your administrator.",
        )
    )
