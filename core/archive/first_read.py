"""The window's first read at start: the archive list and the report to show, read with the standard
library's sqlite3 while SQLAlchemy (≈150 ms to import) loads on the writer thread to open the archive
behind it (gui/quick_start.py). The clerk can type into last year's report before the archive is open.

It gives exactly what Archive.list_reports() and Archive.load_for_editing() give — the same rows, mapped
by the same functions of core.archive.model; tests/core/test_first_read.py holds the two side by side —
or None whenever it cannot be sure that opening the archive will neither refuse nor change the file: a
missing or empty file, a write-protected file or folder, one that is not ours or not at this version's
schema (a migration comes first), any error while reading. The window then opens the archive the usual
way, which says what is wrong.

The integrity check (PRAGMA quick_check reads the whole file) is left to the opening behind: a damaged
file is refused there, before anything is written to it.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

from core import backups, storage
from core.archive.model import (REPORT_FIELDS, EditingView, ReportSummary, pick_previous, report_from_row,
                                summary_from_row)
from core.errors import AppError
from core.outline import Organ

# How core.schema's Date and DateTime columns come back from SQLite (SQLAlchemy stores ISO text).
DATE_COLUMNS = ("written_date", "printing_date")
DATETIME_COLUMNS = ("created_at", "updated_at", "deleted_at")
REPORT_COLUMNS = ("id", *REPORT_FIELDS, "created_at", "updated_at", "deleted_at", "revision")
# A file locked by another program's write: the usual opening waits for it, behind the window's frame.
FIRST_READ_BUSY_S = 0.2


@dataclass(frozen=True)
class FirstRead:
    reports: list[ReportSummary]  # as Archive.list_reports()
    deleted: list[ReportSummary]  # as Archive.list_reports(deleted=True)
    view: EditingView  # as Archive.load_for_editing() of the report to show


def report_to_open(live: list[ReportSummary], last_report_id: int | None) -> int | None:
    """The report the window shows on opening an archive: the one open last time, else the newest."""
    ids = [r.id for r in live]
    return last_report_id if last_report_id in ids else (ids[0] if ids else None)


def read_first(path: Path, last_report_id: int | None) -> FirstRead | None:
    """The list and the report to show, read in one transaction; None: open the archive the usual way."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        storage.check_writable(path)  # the archive opened behind would refuse it: nothing is editable
        if storage.check_ours(path, integrity=False, busy_timeout_s=FIRST_READ_BUSY_S) != storage.head_revision():
            return None
        with backups.read_only_connection(path, FIRST_READ_BUSY_S) as conn:
            conn.isolation_level = None
            conn.execute("BEGIN")  # one snapshot: the revisions shown are those of the text shown
            return _read(conn, last_report_id)
    except (AppError, sqlite3.Error, OSError, ValueError):
        return None
    except Exception:  # values another program wrote that the mapping cannot take (the Archive fails on them too)
        logging.getLogger(__name__).warning("first read failed; the archive opens the usual way", exc_info=True)
        return None


def _read(conn: sqlite3.Connection, last_report_id: int | None) -> FirstRead | None:
    rows = _report_rows(conn, "1 ORDER BY year DESC, id")
    live = [summary_from_row(r) for r in rows if r.deleted_at is None]
    report_id = report_to_open(live, last_report_id)
    if report_id is None:
        return None  # no report: the start page, which needs the archive to act
    row = next(r for r in rows if r.id == report_id)
    _add_chapters(conn, row)
    report = report_from_row(row)
    report.figures = _figures(conn, report_id)
    return FirstRead(live, [summary_from_row(r) for r in rows if r.deleted_at is not None],
                     EditingView(report, _previous(conn, row), _organs(conn)))


def _report_rows(conn: sqlite3.Connection, where: str, *args) -> list[SimpleNamespace]:
    """Report rows with their organ links (each with its organ), as the ORM's rows carry them."""
    rows = [_report_row(values) for values in
            conn.execute(f"SELECT {', '.join(REPORT_COLUMNS)} FROM reports WHERE {where}", args)]
    links: dict[int, list[SimpleNamespace]] = {}
    for report_id, organ_id, name, short_name in conn.execute(
            "SELECT l.report_id, l.organ_id, o.name, o.short_name FROM report_organs l "
            "JOIN organs o ON o.id = l.organ_id ORDER BY l.report_id, l.position"):
        links.setdefault(report_id, []).append(
            SimpleNamespace(organ_id=organ_id, organ=SimpleNamespace(name=name, short_name=short_name)))
    for row in rows:
        row.organ_links = links.get(row.id, [])
    return rows


def _report_row(values) -> SimpleNamespace:
    row = dict(zip(REPORT_COLUMNS, values))
    for name in DATE_COLUMNS:
        row[name] = date.fromisoformat(row[name]) if row[name] is not None else None
    for name in DATETIME_COLUMNS:
        row[name] = datetime.fromisoformat(row[name]) if row[name] is not None else None
    return SimpleNamespace(**row)


def _add_chapters(conn: sqlite3.Connection, row: SimpleNamespace) -> None:
    chapters = [SimpleNamespace(id=id_, title=title, template_key=key, revision=revision, blocks=[])
                for id_, title, key, revision in conn.execute(
                    "SELECT id, title, template_key, revision FROM chapters WHERE report_id = ? "
                    "ORDER BY position", (row.id,))]
    by_id = {c.id: c for c in chapters}
    for chapter_id, level, heading, text in conn.execute(
            "SELECT b.chapter_id, b.level, b.heading, b.text FROM blocks b JOIN chapters c ON c.id = b.chapter_id "
            "WHERE c.report_id = ? ORDER BY b.chapter_id, b.position", (row.id,)):
        by_id[chapter_id].blocks.append(SimpleNamespace(level=level, heading=heading, text=text))
    row.chapters = chapters


def _previous(conn: sqlite3.Connection, row: SimpleNamespace):
    """Last year's report for the side pane, chosen as Archive.previous_report() chooses it."""
    candidates = _report_rows(conn, "year = ? AND deleted_at IS NULL ORDER BY id", row.year - 1)
    chosen = pick_previous(candidates, row.organ_links[0].organ_id if row.organ_links else None)
    if chosen is None:
        return None
    _add_chapters(conn, chosen)
    return report_from_row(chosen)


def _organs(conn: sqlite3.Connection) -> list[Organ]:
    return [Organ(name, short_name) for name, short_name in
            conn.execute("SELECT name, short_name FROM organs ORDER BY name")]


def _figures(conn: sqlite3.Connection, report_id: int) -> list:
    from core.figures import figure_from_row, figure_set  # as core.archive.figures.load_figures
    rows = conn.execute("SELECT key, label, unit, value, note FROM figures WHERE report_id = ? "
                        "ORDER BY position, id", (report_id,))
    return figure_set([figure_from_row(SimpleNamespace(key=k, label=label, unit=u, value=v, note=n))
                       for k, label, u, v, n in rows])
