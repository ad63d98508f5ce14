"""The report archive: `Archive` (core.archive.facade) is the one owner of database sessions.

    from core.archive import Archive
    with Archive(path) as archive:
        report = archive.load_report(archive.find_report(2024))
"""
from core.archive.facade import Archive
from core.archive.model import (MIN_YEAR, REPORT_FIELDS, EditingView, FixResult, ReportSummary, SearchHit,
                                SnapshotInfo, check_year, copy_for_year, default_title)

__all__ = ["Archive", "EditingView", "FixResult", "MIN_YEAR", "REPORT_FIELDS", "ReportSummary", "SearchHit",
           "SnapshotInfo", "check_year", "copy_for_year", "default_title"]
