"""The report archive: `Archive` (core.archive.facade) is the one owner of database sessions.

    from core.archive import Archive
    with Archive(path) as archive:
        report = archive.load_report(archive.find_report(2024))

`Archive` loads on first use (PEP 562): the window's start reads the report to show with the standard
library (core.archive.first_read) while SQLAlchemy loads behind it, so the model names below must not
pull the facade in.
"""
from typing import TYPE_CHECKING

from core.archive.model import (MIN_YEAR, REPORT_FIELDS, EditingView, FixResult, ReportSummary, SearchHit,
                                SnapshotInfo, check_year, copy_for_year, default_title)

if TYPE_CHECKING:
    from core.archive.facade import Archive

__all__ = ["Archive", "EditingView", "FixResult", "MIN_YEAR", "REPORT_FIELDS", "ReportSummary", "SearchHit",
           "SnapshotInfo", "check_year", "copy_for_year", "default_title"]


def __getattr__(name: str):
    if name == "Archive":
        from core.archive.facade import Archive
        return Archive
    raise AttributeError(f"module 'core.archive' has no attribute {name!r}")
