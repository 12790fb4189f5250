"""The core's typed errors as plain Dutch sentences with a way forward (UI.md).

Only this module turns an error into words; the core's messages are English for logs.
Anything unexpected is logged with its trace and shown as one calm sentence: never a
stack trace, an SQL error or a status code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ..enums import Refusal
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
        "reason": QCoreApplication.translate("Messages", "reason"),
        "justification": QCoreApplication.translate("Messages", "justification"),
        "advice": QCoreApplication.translate("Messages", "advice"),
        "summary": QCoreApplication.translate("Messages", "summary"),
        "description": QCoreApplication.translate("Messages", "description"),
        "name": QCoreApplication.translate("Messages", "name"),
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
    elif code == "minutes_range":
        text = QCoreApplication.translate(
            "Messages", "Fill in the minutes spent: at least 1, at most 1440 (a whole day)."
        )
    elif code == "before":
        text = QCoreApplication.translate(
            "Messages", "This date lies before the date it follows on. Check the date."
        )
    elif field == "skills":
        text = QCoreApplication.translate("Messages", "Tick at least one thing the helper can do.")
    elif field == "duplicate_id":
        text = QCoreApplication.translate(
            "Messages", "Choose another resident: a record cannot be merged with itself."
        )
    elif field == "helper_id":
        text = QCoreApplication.translate(
            "Messages", "This helper no longer helps. Choose another one."
        )
    elif field == "ended_on":
        text = QCoreApplication.translate(
            "Messages", "Help cannot end before the day it was arranged."
        )
    elif field == "new_owner_id":
        text = QCoreApplication.translate(
            "Messages",
            "This person does not work at the request's level and area. Choose someone who does.",
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


def refusal_text(refusal: str, step: str | None = None) -> str:
    """Why a workflow step is not possible now, in plain Dutch: every ``Refusal`` code
    of services/workflow.py, in this one place. ``step`` is a ``Step`` value when the
    sentence depends on it."""
    if refusal == "not_yours":
        return QCoreApplication.translate(
            "Refusal",
            "This help request is handled at another level or in another area. You can read "
            "it; the people who handle it there can take this step.",
        )
    if refusal == "closed":
        return QCoreApplication.translate(
            "Refusal",
            "This help request is closed, so it cannot be changed. Reopen it first if there "
            "is new work to do.",
        )
    if refusal == "not_closed":
        return QCoreApplication.translate(
            "Refusal", "This help request is not closed, so there is nothing to reopen."
        )
    if refusal == "top_level":
        return QCoreApplication.translate(
            "Refusal",
            "The help request is already at the municipality: there is no level above it. "
            "You can hand it back or close it.",
        )
    if refusal == "bottom_level":
        return QCoreApplication.translate(
            "Refusal",
            "The help request is already at the village: there is no level below it to hand "
            "it back to.",
        )
    if refusal == "not_picked_up":
        return QCoreApplication.translate(
            "Refusal",
            "Nobody has picked this help request up yet. Pick it up first; then you become "
            "its owner and can take the next step.",
        )
    if refusal == "already_owned":
        return QCoreApplication.translate(
            "Refusal", "Someone has already picked this help request up; it has an owner."
        )
    if refusal == "no_consent":
        return QCoreApplication.translate(
            "Refusal",
            "Escalating is only possible once the resident has consented to sharing their "
            "details. Record the consent or choose “Acute: safety”.",
        )
    if refusal == "consent_withdrawn":
        if step == "withdraw_consent":
            return QCoreApplication.translate(
                "Refusal", "The resident has already withdrawn their consent."
            )
        return QCoreApplication.translate(
            "Refusal",
            "The resident has withdrawn their consent to share their details. Escalating is "
            "only possible once they consent again; or choose “Acute: safety”.",
        )
    if refusal == "not_open":
        return QCoreApplication.translate(
            "Refusal", "The help request is already waiting on the resident or someone else."
        )
    if refusal == "not_waiting":
        return QCoreApplication.translate(
            "Refusal", "The help request is not waiting on anything: it is already open."
        )
    if refusal == "anonymised":
        return QCoreApplication.translate(
            "Refusal",
            "This help request was closed so long ago that the retention period has passed: "
            "its personal details have been removed, so it can no longer be reopened or "
            "changed. Register a new help request if the resident asks again.",
        )
    log.warning("refusal without a Dutch text: %s", refusal)
    return QCoreApplication.translate(
        "Refusal",
        "This step is not possible for this help request now. Look at the request again.",
    )


def _conflict(error: ConflictError) -> Message:
    if error.code in {refusal.value for refusal in Refusal}:
        return Message(refusal_text(str(error.code)))
    wmo = {
        "not_at_municipality": QCoreApplication.translate(
            "Messages", "The Wmo track starts once the help request is at the municipality."
        ),
        "no_melding": QCoreApplication.translate(
            "Messages",
            "Register the Wmo notification (melding) first; the other dates follow from it.",
        ),
        "no_aanvraag": QCoreApplication.translate(
            "Messages",
            "Record the date of the application (aanvraag) first; the decision follows on it.",
        ),
        "already_done": QCoreApplication.translate(
            "Messages", "This follow-up has already been marked as done."
        ),
        "already_ended": QCoreApplication.translate("Messages", "This help has already ended."),
    }
    if error.code in wmo:
        return Message(wmo[str(error.code)])
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
