"""The archive facade: the one place that owns database sessions.

Everything outside core/ works with the plain dataclasses of core.outline. Every public method is
exactly one transaction — a write begins with BEGIN IMMEDIATE (core.storage) — so a failure, a kill
or a full disk leaves the database as it was before the call or as it is after it, never between.
Public methods never call each other; they compose the session-level steps of core.archive.records.
File backups before destructive operations are copies made just before their transaction.
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from core import backups, storage
from core.locations import is_server_url
from core.archive import records
from core.archive.figures import (FiguresMixin, comparisons as figure_comparisons, copy_empty_slots,
                                  write_figures)
from core.archive.presence import PresenceMixin
from core.archive.model import (REPORT_FIELDS, EditingView, FixResult, ReportSummary, SearchHit, summary_from_row,
                                SnapshotInfo, check_year, copy_for_year, default_title)
from core.archive.search import search as search_blocks
from core.errors import (AppError, ArchiveVanished, EditConflict, NotFoundError, ReadOnlyArchive,
                         WriteFailed)
from core.outline import STATUSES, Block, Organ, Report
from core.paths import default_db_path
from core.schema import ChapterRow, ReportRow, SnapshotRow
from core.template import new_chapters


class Archive(FiguresMixin, PresenceMixin):
    """The report archive in one SQLite file — or, given a postgresql:// URL, on a server
    (core.archive.server.ServerArchive, which Archive(url) returns)."""

    def __new__(cls, path=None, *args, **kwargs):
        if cls is Archive and is_server_url(path):
            from core.archive.server import ServerArchive
            cls = ServerArchive
        return super().__new__(cls)

    def __init__(self, path: Path | str | None = None, busy_timeout_s: float = storage.BUSY_TIMEOUT_S, *,
                 read_only: bool = False, daily_backup: bool = True, new_over_backups: bool = False):
        """Open (create, migrate) the archive. read_only: SQLite refuses every write. daily_backup=False
        leaves the day's first backup to backup_if_due() (the window does it after it shows)."""
        self.path = Path(path) if path else default_db_path()
        self.read_only = read_only
        existed = self.path.exists()
        self._use_engine(storage.open_engine(self.path, busy_timeout_s, read_only=read_only,
                                             new_over_backups=new_over_backups))
        self._identity = storage.file_identity(self.path)
        if daily_backup and existed and not read_only:
            self.backup_if_due()

    def _use_engine(self, engine) -> None:
        self._engine = engine
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(storage.write_engine(engine), expire_on_commit=False)
        self._in_transaction = threading.local()
        self.changed = False  # a write was committed since the archive was opened

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- transactions --------------------------------------------------------------------

    @contextmanager
    def _transaction(self, write: bool = False):
        if getattr(self._in_transaction, "open", False):
            raise RuntimeError("Archive methods must not call each other: each is one transaction")
        if write and self.read_only:
            raise ReadOnlyArchive(self._read_only_message())
        self._check_still_there()
        session: Session = (self._writes if write else self._reads)()
        self._in_transaction.open = True
        try:
            with session.begin():
                yield session
            self.changed = self.changed or write
        except AppError:
            raise
        except (DBAPIError, sqlite3.Error, OSError) as err:
            raise WriteFailed(self._describe_error(err)) from err
        finally:
            self._in_transaction.open = False
            session.close()

    def _read_only_message(self) -> str:
        return f"档案 {self.path} 以只读方式打开（另一个窗口正在编辑它），不能保存修改。您输入的内容仍在编辑器中。"

    def _describe_error(self, err: Exception) -> str:
        return _describe_write_error(err, self.path)

    def _check_still_there(self) -> None:
        """The path must still name the file that was opened: never write to a deleted or moved file."""
        if storage.file_identity(self.path) != self._identity:
            raise ArchiveVanished(
                f"档案文件 {self.path} 不见了：它被删除、移走或换成了另一个文件。为免写错地方，修改没有保存，"
                "您输入的内容仍在编辑器中。请把档案另存到新的位置（文件 ▸ 另存档案…），或找回原文件。")

    # --- reports ---------------------------------------------------------------------------

    def list_reports(self, deleted: bool = False) -> list[ReportSummary]:
        """Reports newest year first; `deleted=True` lists the 回收站 instead."""
        with self._transaction() as s:
            condition = ReportRow.deleted_at.is_not(None) if deleted else records.LIVE
            rows = s.scalars(select(ReportRow).options(selectinload(ReportRow.organ_links))
                             .where(condition).order_by(ReportRow.year.desc(), ReportRow.id)).all()
            return [summary_from_row(r) for r in rows]

    def load_report(self, report_id: int) -> Report:
        with self._transaction() as s:
            return records.load_report(s, report_id)

    def load_for_editing(self, report_id: int) -> EditingView:
        """The report, last year's for the side pane and the known organs, read together."""
        with self._transaction() as s:
            return EditingView(records.load_report(s, report_id), records.previous_report(s, report_id),
                               records.list_organs(s))

    def find_report(self, ref: str | int) -> int:
        """A report by id, or by year when that year has exactly one report."""
        with self._transaction() as s:
            return records.find_report(s, ref)

    def same_report_id(self, report: Report) -> int | None:
        """The live report an import of `report` would replace (same year and lead organ), if any."""
        with self._transaction() as s:
            return records.same_report_id(s, report)

    def previous_report(self, report_id: int) -> Report | None:
        """The report of the year before, preferring one with the same lead organ."""
        with self._transaction() as s:
            return records.previous_report(s, report_id)

    def list_organs(self) -> list[Organ]:
        with self._transaction() as s:
            return records.list_organs(s)

    def create_report(self, report: Report) -> int:
        """Store a complete report (from the template, an import, a copy); returns its id."""
        check_year(report.year)
        with self._transaction(write=True) as s:
            return records.create_report(s, report)

    def new_report(self, year: int, organs: list[Organ] | None = None,
                   from_year: int | None = None, copy_text: bool = False) -> int:
        """A new report from the template, or from an earlier year's (structure, metadata)."""
        check_year(year)
        with self._transaction(write=True) as s:
            if from_year is None:
                organs = organs or []
                report = Report(year=year, title=default_title(year, organs), organs=organs,
                                chapters=new_chapters(year))
            else:
                source = records.load_report(s, records.find_report(s, from_year))
                report = copy_for_year(source, year, copy_text)
            report_id = records.create_report(s, report)
            if from_year is not None and source.id is not None:
                copy_empty_slots(s, source.id, report_id)
            return report_id

    def import_report(self, report: Report, replace: bool, source_name: str,
                      figures: list | None = None) -> tuple[int, bool]:
        """Store an imported report as one transaction: new, or over the same year's report when
        `replace` (that report's content is kept as a snapshot first), with the `figures` the clerk
        confirmed for its 数据 page. Returns (id, replaced)."""
        check_year(report.year)
        if replace:
            self._backup_before("before-import")
        with self._transaction(write=True) as s:
            existing = records.same_report_id(s, report)
            if existing is None:
                report_id, replaced = records.create_report(s, report), False
            elif not replace:
                raise AppError(f"档案中已有{report.year}年的报告（编号 {existing}）。如要用导入的内容覆盖，"
                               "请选择覆盖（命令行加 --replace），覆盖前会自动保存原内容为版本；未导入任何内容。")
            else:
                records.take_snapshot(s, existing, f"导入“{source_name}”之前", automatic=True)
                records.replace_content(s, existing, report)
                report_id, replaced = existing, True
            if figures:
                write_figures(s, report_id, figures)
            return report_id, replaced

    def replace_content(self, report_id: int, report: Report, snapshot_label: str) -> int:
        """Overwrite a report's metadata and chapters (年份更新, 替换), its content snapshotted first in the
        same transaction; returns the snapshot's id."""
        with self._transaction(write=True) as s:
            snapshot_id = records.take_snapshot(s, report_id, snapshot_label, automatic=True)
            records.replace_content(s, report_id, report)
            return snapshot_id

    def update_report(self, report_id: int, revision: int | None = None, **fields) -> int:
        """Change metadata fields (see REPORT_FIELDS) and, with organs=[Organ…], the organs; returns the
        new revision. With `revision` (the one the editor loaded) the change is refused when the report
        moved on since: the fields are kept as a snapshot and EditConflict is raised."""
        _check_fields(fields)
        with self._transaction(write=True) as s:
            row = records.get_report(s, report_id)
            if revision is None or row.revision == revision:
                return records.update_fields(s, row, fields)
            snapshot_id, message = records.keep_metadata_edit(s, row, fields)
        raise EditConflict(message, snapshot_id)  # after the commit: the kept text is stored

    def delete_report(self, report_id: int) -> None:
        """Move to the 回收站; nothing is erased."""
        with self._transaction(write=True) as s:
            records.get_report(s, report_id).deleted_at = datetime.now()

    def undelete_report(self, report_id: int) -> None:
        with self._transaction(write=True) as s:
            records.get_report(s, report_id, include_deleted=True).deleted_at = None

    def purge_report(self, report_id: int) -> None:
        """Erase a report that is already in the 回收站 (after a backup of the whole file)."""
        self._backup_before("before-purge")
        with self._transaction(write=True) as s:
            row = records.get_report(s, report_id, include_deleted=True)
            records.refuse_unless_in_trash(row)
            s.delete(row)

    # --- chapters --------------------------------------------------------------------------

    def save_chapter(self, chapter_id: int, blocks: list[Block], title: str | None = None, *,
                     revision: int | None = None, report_id: int | None = None) -> int:
        """Replace a chapter's blocks (and title): the autosave path. Returns the new revision.

        With `revision` (the one the editor loaded) the save is refused when the chapter moved on or was
        removed: the text is kept as a snapshot of `report_id`'s report and EditConflict is raised."""
        with self._transaction(write=True) as s:
            row = s.get(ChapterRow, chapter_id)
            if row is not None and (revision is None or row.revision == revision):
                return records.write_chapter(s, row, blocks, title)
            if row is None and revision is None:
                raise NotFoundError(f"章节 {chapter_id} 不存在，可能已被删除。")
            snapshot_id, message = records.keep_chapter_edit(s, report_id, chapter_id, blocks, title)
        raise EditConflict(message, snapshot_id)  # after the commit: the kept text is stored

    def add_chapter(self, report_id: int, title: str, template_key: str | None = None,
                    position: int | None = None) -> int:
        with self._transaction(write=True) as s:
            rows = records.chapter_rows(s, report_id)
            position = len(rows) if position is None else max(0, min(position, len(rows)))
            row = ChapterRow(report_id=report_id, position=position, title=title,
                             template_key=template_key, revision=records.next_revision(s))
            rows.insert(position, row)
            s.add(row)
            records.renumber(rows)
            records.touch(s, report_id)
            s.flush()
            return row.id

    def rename_chapter(self, chapter_id: int, title: str) -> int:
        """Returns the chapter's new revision."""
        with self._transaction(write=True) as s:
            row = records.get_chapter(s, chapter_id)
            row.title = title
            row.revision = records.next_revision(s)
            records.touch(s, row.report_id)
            return row.revision

    def set_chapter_template_key(self, chapter_id: int, template_key: str | None) -> None:
        """Which mandated content a chapter stands for (None: none). A content is one chapter's: the
        chapter of the same report that had it loses it."""
        with self._transaction(write=True) as s:
            row = records.get_chapter(s, chapter_id)
            if template_key is not None:
                s.execute(update(ChapterRow).where(ChapterRow.report_id == row.report_id,
                                                   ChapterRow.template_key == template_key,
                                                   ChapterRow.id != chapter_id).values(template_key=None))
            row.template_key = template_key
            records.touch(s, row.report_id)

    def move_chapter(self, chapter_id: int, new_position: int) -> None:
        with self._transaction(write=True) as s:
            row = records.get_chapter(s, chapter_id)
            rows = records.chapter_rows(s, row.report_id)
            rows.remove(row)
            rows.insert(max(0, min(new_position, len(rows))), row)
            records.renumber(rows)
            records.touch(s, row.report_id)

    def remove_chapter(self, chapter_id: int) -> int:
        """Remove a chapter; its content stays in an automatic snapshot, whose id is returned."""
        with self._transaction(write=True) as s:
            row = records.get_chapter(s, chapter_id)
            report_id = row.report_id
            snapshot_id = records.take_snapshot(s, report_id, f"删除章节“{row.title}”之前", automatic=True)
            s.delete(row)
            s.flush()
            records.renumber(records.chapter_rows(s, report_id))
            records.touch(s, report_id)
            return snapshot_id

    # --- snapshots -------------------------------------------------------------------------

    def take_snapshot(self, report_id: int, label: str, automatic: bool = False) -> int:
        with self._transaction(write=True) as s:
            records.get_report(s, report_id, include_deleted=True)
            return records.take_snapshot(s, report_id, label, automatic)

    def list_snapshots(self, report_id: int) -> list[SnapshotInfo]:
        """Newest first."""
        with self._transaction() as s:
            records.get_report(s, report_id, include_deleted=True)
            rows = s.execute(select(SnapshotRow.id, SnapshotRow.report_id, SnapshotRow.label,
                                    SnapshotRow.automatic, SnapshotRow.created_at, SnapshotRow.char_count)
                             .where(SnapshotRow.report_id == report_id)
                             .order_by(SnapshotRow.created_at.desc(), SnapshotRow.id.desc())).all()
            return [SnapshotInfo(*r) for r in rows]

    def load_snapshot(self, snapshot_id: int) -> Report:
        with self._transaction() as s:
            return records.load_snapshot(s, snapshot_id)[0]

    def restore_snapshot(self, snapshot_id: int) -> int:
        """Put a snapshot's content back; the current content is snapshotted first (id returned)."""
        self._backup_before("before-restore")
        with self._transaction(write=True) as s:
            snapshot, label, report_id = records.load_snapshot(s, snapshot_id)
            before = records.take_snapshot(s, report_id, f"恢复版本“{label}”之前", automatic=True)
            records.replace_content(s, report_id, snapshot)
            if snapshot.figures:  # versions taken before figures existed leave today's figures alone
                write_figures(s, report_id, snapshot.figures)
            return before

    # --- use cases of the window: one transaction each ---------------------------------------

    def apply_fixes(self, report_id: int, finding=None, snapshot_label: str | None = None) -> FixResult:
        """Apply one check finding's fix (or, finding=None, every safe fix) to the report as stored,
        with a snapshot first when snapshot_label is given. Nothing is written when nothing changes
        (the text changed since the check)."""
        from core.checks import apply_all_fixes, apply_fix
        with self._transaction(write=True) as s:
            before = records.load_report(s, report_id)
            after = apply_all_fixes(before) if finding is None else apply_fix(before, finding)
            fields, chapters = _changes(before, after)
            if not fields and not chapters:
                return FixResult(False)
            snapshot_id = records.take_snapshot(s, report_id, snapshot_label, automatic=True) \
                if snapshot_label else None
            if fields:
                records.update_fields(s, records.get_report(s, report_id), fields)
            for chapter, title_changed in chapters:
                records.write_chapter(s, records.get_chapter(s, chapter.id), chapter.blocks,
                                      chapter.title if title_changed else None)
            return FixResult(True, snapshot_id)

    def export_report(self, report_id: int, path: Path, variant: str, font_set: str,
                      snapshot_label: str | None = None, with_figures: bool = False, writer=None) -> None:
        """Write the report as a .docx and keep what was exported as a snapshot, in one transaction:
        the snapshot is exactly the text in the file, and a failed export leaves no snapshot.
        `with_figures` attaches the 附件 「主要数据对照表」. `writer` writes another format with the same
        arguments as core.docx_export.export_report (the window's PDF, drawn by Qt)."""
        from core.docx_export import export_report
        export_report = writer or export_report
        with self._transaction(write=snapshot_label is not None) as s:
            table = figure_comparisons(s, report_id) if with_figures else None
            export_report(records.load_report(s, report_id), path, variant, font_set, figures_table=table)
            if snapshot_label:
                records.take_snapshot(s, report_id, snapshot_label, automatic=True)

    # --- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Full-text search over every live report's paragraphs, newest year first."""
        query = query.strip()
        if not query:
            return []
        with self._transaction() as s:
            return search_blocks(s, query, limit)

    # --- the file: backups and copies ------------------------------------------------------------

    def backup(self, reason: str = "manual") -> Path:
        """Copy the archive into its backups folder now (rotating old backups); returns the copy."""
        self._check_still_there()
        return backups.make_backup(self.path, reason)

    def backup_if_due(self) -> Path | None:
        """The day's first backup, when there is none yet today."""
        return None if backups.backed_up_today(self.path) else self.backup("daily")

    def save_copy_as(self, target: Path) -> None:
        """Copy the archive as this process sees it to `target` — also when its file was deleted or moved
        meanwhile (the open connection still reads it): 另存档案 and 备份到…"""
        with self._engine.connect() as conn:
            backups.copy_database(cast(sqlite3.Connection, conn.connection.dbapi_connection), Path(target))

    def _backup_before(self, reason: str) -> None:
        if not self.read_only:
            try:
                self.backup(reason)
            except OSError as err:
                raise WriteFailed(f"无法先备份档案（{err.strerror or err}），为安全起见没有执行这项操作。"
                                  "请检查磁盘空间后重试。") from err


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(REPORT_FIELDS) - {"organs"}
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    if "year" in fields:
        check_year(fields["year"])
    if "status" in fields and fields["status"] not in STATUSES:
        raise ValueError(f"unknown status {fields['status']!r}")


FIXABLE_FIELDS = ("title", "doc_number", "recipients", "cc")  # the metadata fields check fixes change


def _changes(before: Report, after: Report) -> tuple[dict, list]:
    """What fixes changed: metadata fields, and (chapter, title changed) for each changed chapter."""
    fields = {name: getattr(after, name) for name in FIXABLE_FIELDS
              if getattr(after, name) != getattr(before, name)}
    chapters = [(new, new.title != old.title) for old, new in zip(before.chapters, after.chapters)
                if new.title != old.title or new.blocks != old.blocks]
    return fields, chapters


def _describe_write_error(err: Exception, path: Path) -> str:
    detail = str(getattr(err, "orig", err)).lower()
    if "locked" in detail or "busy" in detail:
        return (f"数据库 {path} 正被另一个程序占用，暂时无法保存。请关闭其他打开该文件的法治年报窗口后重试；"
                "您输入的内容仍保留在编辑器中。")
    if "full" in detail or "no space" in detail:
        return "磁盘空间已满，无法保存。请清理磁盘空间后重试；您输入的内容仍保留在编辑器中。"
    if "readonly" in detail or "read-only" in detail or "permission" in detail:
        return f"数据库 {path} 是只读的，无法保存。请检查文件权限后重试；您输入的内容仍保留在编辑器中。"
    if isinstance(err, IntegrityError):
        return f"数据不符合要求，未保存：{detail}"
    return f"保存到数据库 {path} 时出错：{detail}。请重试；您输入的内容仍保留在编辑器中。"
