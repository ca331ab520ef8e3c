"""Errors that carry a message for the user, already translated when raised."""

from __future__ import annotations


class CuratorError(Exception):
    """Base of every error the user should see as a plain message, not a traceback."""

    exit_code = 1

    def __init__(self, message: str, *, details: str = "") -> None:
        super().__init__(message)
        self.user_message = message
        self.details = details


class ValidationError(CuratorError):
    """Input that breaks a rule; ``field`` names the offending field when there is one."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StoreError(CuratorError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class StoreTooNewError(StoreError):
    """The store was written by a newer version of the application."""


class StoreLockedError(StoreError):
    """Another running copy of the application holds the store."""

    exit_code = 4


class BackupError(StoreError):
    """A backup could not be made or restored."""


class NotFoundError(CuratorError):
    """A record named by the user does not exist."""

    exit_code = 5


class ReadOnlyVisitError(CuratorError):
    """A write to a completed visit: it has to be reopened first."""


class IncompleteVisitError(CuratorError):
    """A visit cannot be completed: ``missing`` lists the required answers still missing."""

    def __init__(self, message: str, *, missing: list) -> None:  # type: ignore[type-arg]
        super().__init__(message)
        self.missing = missing
