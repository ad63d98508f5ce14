"""Errors that reach the user. Each carries a Chinese message saying what happened and what to do."""
from __future__ import annotations


class AppError(Exception):
    """Base for every error shown to the user; `str(err)` is the message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ArchiveOpenError(AppError):
    """The archive file cannot be used; nothing was changed."""


class CorruptArchiveError(ArchiveOpenError):
    def __init__(self, message: str, backup_path=None):
        super().__init__(message)
        self.backup_path = backup_path


class NotFoundError(AppError):
    """A report, chapter or snapshot that does not exist."""


class ImportFailed(AppError):
    """An import file that cannot be read as a report; nothing was stored."""


class WriteFailed(AppError):
    """A change could not be written (disk full, locked, read-only); the database is unchanged."""
