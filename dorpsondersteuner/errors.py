"""Typed errors of the core.

Every error a user or a client can cause is one of these. The messages are precise
English for logs and the API; only ``ui/`` turns an error into a Dutch sentence.
"""

from __future__ import annotations

from enum import StrEnum


class DorpsondersteunerError(Exception):
    """Base class of every error the core raises on purpose."""


class ValidationError(DorpsondersteunerError):
    """Input that breaks a rule; nothing was changed.

    ``field`` names the offending input when there is one, so a form can point at it;
    ``code`` names the rule, so the UI can explain it in plain Dutch.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.code = code


class ValidationErrors(ValidationError):
    """Several inputs of one form break a rule; nothing was changed.

    ``problems`` holds each one in the form's order, so a form shows them all at once;
    ``field`` and ``code`` are the first one's, for callers that show one."""

    def __init__(self, problems: list[ValidationError]) -> None:
        first = problems[0]
        super().__init__("; ".join(map(str, problems)), field=first.field, code=first.code)
        self.problems = tuple(problems)


class NotFoundError(DorpsondersteunerError):
    """The record does not exist, or the user may not know that it exists."""


class ForbiddenError(DorpsondersteunerError):
    """The user may see the record but not do this with it."""


class ConflictError(DorpsondersteunerError):
    """The record's state does not allow this now (a closed request cannot be
    escalated; a step made on a stale state). ``code`` names the rule for the UI."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class RegisterError(DorpsondersteunerError):
    """A register file could not be opened as asked."""


class WrongKeyError(RegisterError):
    """The key does not open this register file (or the file is not a register)."""


class RegisterNotFoundError(RegisterError):
    """No register file at the given path."""


class RegisterTooNewError(RegisterError):
    """The register was written by a newer program version: update the program."""


class SyncErrorKind(StrEnum):
    NETWORK = "network"
    AUTH = "auth"
    PROTOCOL_VERSION = "protocol_version"
    SERVER = "server"
    UNKNOWN_CURSOR = "unknown_cursor"  # the server was restored from a backup
    RATE_LIMITED = "rate_limited"


class SyncError(DorpsondersteunerError):
    def __init__(self, message: str, *, kind: SyncErrorKind) -> None:
        super().__init__(message)
        self.kind = kind
