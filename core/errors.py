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


class ArchiveMissing(ArchiveOpenError):
    """The archive file is not there although something says it was (backups, a remembered path)."""

    def __init__(self, message: str, path=None):
        super().__init__(message)
        self.path = path


class ArchiveVanished(WriteFailed):
    """The archive file was deleted, moved or replaced while open; nothing more was written to it."""


class ReadOnlyArchive(WriteFailed):
    """The archive was opened read-only (another window has it open); nothing was written."""


class EditConflict(WriteFailed):
    """The row changed since the editor loaded it (another window, another program): the edit was not
    written over it; the edited text was kept as a snapshot (snapshot_id) when there was a report for it."""

    def __init__(self, message: str, snapshot_id: int | None = None):
        super().__init__(message)
        self.snapshot_id = snapshot_id
