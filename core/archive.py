"""The archive facade: the one place that owns database sessions.

Everything outside core/ works with the plain dataclasses of core.outline; every public method
is one transaction, so a failure leaves the database as it was.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from core import storage
from core.errors import AppError, NotFoundError, WriteFailed
from core.outline import (MIN_YEAR, STATUSES, Block, Chapter, Organ, Report, latest_year, reads_as_year,
                          report_from_dict, report_to_dict)
from core.paths import default_db_path
from core.schema import BlockRow, ChapterRow, OrganRow, ReportOrganRow, ReportRow, SnapshotRow
from core.template import advance_years, new_chapters

REPORT_FIELDS = ("year", "title", "banner_mode", "doc_number", "signer", "recipients",
                 "written_date", "cc", "printing_organ", "printing_date", "note", "signature",
                 "status")
FTS_MIN_QUERY = 3  # the trigram index needs three characters; shorter queries use LIKE


@dataclass(frozen=True)
class ReportSummary:
    id: int
    year: int
    title: str
    organs: tuple[str, ...]
    status: str
    updated_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    report_id: int
    label: str
    automatic: bool
    created_at: datetime
    char_count: int


@dataclass(frozen=True)
class SearchHit:
    report_id: int
    year: int
    report_title: str
    chapter_id: int
    chapter_title: str
    block_index: int
    snippet: str


def check_year(year: int) -> int:
    latest = latest_year()
    if not MIN_YEAR <= int(year) <= latest:
        raise AppError(f"年份 {year} 不在 {MIN_YEAR}—{latest} 之间，请检查后重新输入。")
    return int(year)


class Archive:
    """The report archive in one SQLite file."""

    def __init__(self, path: Path | str | None = None,
                 busy_timeout_s: float = storage.BUSY_TIMEOUT_S):
        self.path = Path(path) if path else default_db_path()
        self._engine = storage.open_engine(self.path, busy_timeout_s)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- transactions --------------------------------------------------------------------

    @contextmanager
    def _transaction(self):
        session: Session = self._sessions()
        try:
            with session.begin():
                yield session
        except AppError:
            raise
        except (DBAPIError, sqlite3.Error, OSError) as err:
            raise WriteFailed(_describe_write_error(err, self.path)) from err
        finally:
            session.close()

    # --- reports ---------------------------------------------------------------------------

    def list_reports(self, deleted: bool = False) -> list[ReportSummary]:
        """Reports newest year first; `deleted=True` lists the 回收站 instead."""
        with self._transaction() as s:
            condition = ReportRow.deleted_at.is_not(None) if deleted else ReportRow.deleted_at.is_(None)
            rows = s.scalars(select(ReportRow).options(selectinload(ReportRow.organ_links))
                             .where(condition)
                             .order_by(ReportRow.year.desc(), ReportRow.id)).all()
            return [ReportSummary(r.id, r.year, r.title,
                                  tuple(link.organ.name for link in r.organ_links),
                                  r.status, r.updated_at, r.deleted_at) for r in rows]

    def load_report(self, report_id: int) -> Report:
        with self._transaction() as s:
            return _to_report(self._get_report(s, report_id))

    def find_report(self, ref: str | int) -> int:
        """A report by id, or by year when that year has exactly one report."""
        try:
            value = int(str(ref).strip())
        except ValueError:
            raise NotFoundError(f"“{ref}”不是报告编号或年份。请用 list 命令查看报告编号。") from None
        with self._transaction() as s:
            live = ReportRow.deleted_at.is_(None)
            if reads_as_year(value):
                ids = s.scalars(select(ReportRow.id).where(ReportRow.year == value, live)).all()
                if len(ids) == 1:
                    return ids[0]
                if len(ids) > 1:
                    raise NotFoundError(f"{value}年有 {len(ids)} 份报告（编号 "
                                        f"{'、'.join(map(str, ids))}），请用编号指定。")
                raise NotFoundError(f"没有{value}年的报告。请用 list 命令查看已有报告。")
            if s.scalar(select(ReportRow.id).where(ReportRow.id == value, live)) is None:
                raise NotFoundError(f"没有编号为 {value} 的报告。请用 list 命令查看已有报告。")
            return value

    def create_report(self, report: Report) -> int:
        """Store a complete report (from the template, an import, a copy); returns its id."""
        check_year(report.year)
        with self._transaction() as s:
            now = datetime.now()
            row = ReportRow(created_at=now, updated_at=now)
            _apply_fields(row, report)
            s.add(row)
            s.flush()
            self._set_organs(s, row, report.organs)
            self._write_chapters(s, row.id, report.chapters)
            return row.id

    def new_report(self, year: int, organs: list[Organ] | None = None,
                   from_year: int | None = None, copy_text: bool = False) -> int:
        """A new report from the template, or from an earlier year's (structure, metadata)."""
        check_year(year)
        if from_year is None:
            organs = organs or []
            return self.create_report(Report(year=year, title=default_title(year, organs),
                                             organs=organs, chapters=new_chapters(year)))
        source = self.load_report(self.find_report(from_year))
        return self.create_report(copy_for_year(source, year, copy_text))

    def update_report(self, report_id: int, **fields) -> None:
        """Change metadata fields (see REPORT_FIELDS) and, with organs=[Organ…], the organs."""
        unknown = set(fields) - set(REPORT_FIELDS) - {"organs"}
        if unknown:
            raise ValueError(f"unknown report fields: {sorted(unknown)}")
        if "year" in fields:
            check_year(fields["year"])
        if "status" in fields and fields["status"] not in STATUSES:
            raise ValueError(f"unknown status {fields['status']!r}")
        with self._transaction() as s:
            row = self._get_report(s, report_id)
            organs = fields.pop("organs", None)
            for name, value in fields.items():
                setattr(row, name, value)
            if organs is not None:
                self._set_organs(s, row, organs)
            row.updated_at = datetime.now()

    def replace_content(self, report_id: int, report: Report, snapshot_label: str) -> int:
        """Overwrite a report's metadata and chapters (import over a year, restore), snapshot first."""
        snapshot_id = self.take_snapshot(report_id, snapshot_label, automatic=True)
        with self._transaction() as s:
            row = self._get_report(s, report_id)
            _apply_fields(row, report)
            row.updated_at = datetime.now()
            self._set_organs(s, row, report.organs)
            s.execute(delete(ChapterRow).where(ChapterRow.report_id == report_id))
            s.expire(row, ["chapters"])
            self._write_chapters(s, report_id, report.chapters)
        return snapshot_id

    def delete_report(self, report_id: int) -> None:
        """Move to the 回收站; nothing is erased."""
        self._set_deleted(report_id, datetime.now())

    def undelete_report(self, report_id: int) -> None:
        self._set_deleted(report_id, None)

    def purge_report(self, report_id: int) -> None:
        """Erase a report that is already in the 回收站."""
        with self._transaction() as s:
            row = self._get_report(s, report_id, include_deleted=True)
            if row.deleted_at is None:
                raise AppError("只能彻底删除回收站中的报告。请先把报告移到回收站。")
            s.delete(row)

    def _set_deleted(self, report_id: int, when: datetime | None) -> None:
        with self._transaction() as s:
            row = self._get_report(s, report_id, include_deleted=True)
            row.deleted_at = when

    def previous_report(self, report_id: int) -> Report | None:
        """The report of the year before, preferring one with the same lead organ."""
        with self._transaction() as s:
            row = self._get_report(s, report_id)
            lead = row.organ_links[0].organ_id if row.organ_links else None
            candidates = s.scalars(select(ReportRow).where(
                ReportRow.year == row.year - 1, ReportRow.deleted_at.is_(None))
                .order_by(ReportRow.id)).all()
            if not candidates:
                return None
            same_lead = [c for c in candidates if c.organ_links and c.organ_links[0].organ_id == lead]
            return _to_report((same_lead or candidates)[0])

    def list_organs(self) -> list[Organ]:
        with self._transaction() as s:
            return [Organ(o.name, o.short_name) for o in s.scalars(select(OrganRow)
                                                                   .order_by(OrganRow.name))]

    # --- chapters --------------------------------------------------------------------------

    def save_chapter(self, chapter_id: int, blocks: list[Block], title: str | None = None) -> None:
        """Replace a chapter's blocks (and title) in one transaction: the autosave path."""
        with self._transaction() as s:
            report_id = s.scalar(select(ChapterRow.report_id).where(ChapterRow.id == chapter_id))
            if report_id is None:
                raise NotFoundError(f"章节 {chapter_id} 不存在，可能已被删除。")
            s.execute(delete(BlockRow).where(BlockRow.chapter_id == chapter_id))
            if blocks:
                s.execute(insert(BlockRow), _block_rows(chapter_id, blocks))
            if title is not None:
                s.execute(update(ChapterRow).where(ChapterRow.id == chapter_id).values(title=title))
            self._touch(s, report_id)

    def add_chapter(self, report_id: int, title: str, template_key: str | None = None,
                    position: int | None = None) -> int:
        with self._transaction() as s:
            rows = self._chapter_rows(s, report_id)
            position = len(rows) if position is None else max(0, min(position, len(rows)))
            row = ChapterRow(report_id=report_id, position=position, title=title,
                             template_key=template_key)
            rows.insert(position, row)
            s.add(row)
            _renumber(rows)
            self._touch(s, report_id)
            s.flush()
            return row.id

    def rename_chapter(self, chapter_id: int, title: str) -> None:
        with self._transaction() as s:
            row = self._get_chapter(s, chapter_id)
            row.title = title
            self._touch(s, row.report_id)

    def set_chapter_template_key(self, chapter_id: int, template_key: str | None) -> None:
        """Which mandated content a chapter stands for (None: none). A content is one chapter's: the
        chapter of the same report that had it loses it."""
        with self._transaction() as s:
            row = self._get_chapter(s, chapter_id)
            if template_key is not None:
                s.execute(update(ChapterRow).where(ChapterRow.report_id == row.report_id,
                                                   ChapterRow.template_key == template_key,
                                                   ChapterRow.id != chapter_id).values(template_key=None))
            row.template_key = template_key
            self._touch(s, row.report_id)

    def move_chapter(self, chapter_id: int, new_position: int) -> None:
        with self._transaction() as s:
            row = self._get_chapter(s, chapter_id)
            rows = self._chapter_rows(s, row.report_id)
            rows.remove(row)
            rows.insert(max(0, min(new_position, len(rows))), row)
            _renumber(rows)
            self._touch(s, row.report_id)

    def remove_chapter(self, chapter_id: int) -> int:
        """Remove a chapter; its content stays in an automatic snapshot, whose id is returned."""
        with self._transaction() as s:
            row = self._get_chapter(s, chapter_id)
            report_id, title = row.report_id, row.title
        snapshot_id = self.take_snapshot(report_id, f"删除章节“{title}”之前", automatic=True)
        with self._transaction() as s:
            row = self._get_chapter(s, chapter_id)
            s.delete(row)
            s.flush()
            _renumber(self._chapter_rows(s, report_id))
            self._touch(s, report_id)
        return snapshot_id

    # --- snapshots -------------------------------------------------------------------------

    def take_snapshot(self, report_id: int, label: str, automatic: bool = False) -> int:
        with self._transaction() as s:
            report = _to_report(self._get_report(s, report_id))
            row = SnapshotRow(report_id=report_id, label=label, automatic=automatic,
                              created_at=datetime.now(), char_count=report.char_count(),
                              content=json.dumps(report_to_dict(report, with_numbers=False),
                                                 ensure_ascii=False))
            s.add(row)
            s.flush()
            return row.id

    def list_snapshots(self, report_id: int) -> list[SnapshotInfo]:
        """Newest first."""
        with self._transaction() as s:
            self._get_report(s, report_id, include_deleted=True)
            rows = s.execute(select(SnapshotRow.id, SnapshotRow.report_id, SnapshotRow.label,
                                    SnapshotRow.automatic, SnapshotRow.created_at,
                                    SnapshotRow.char_count)
                             .where(SnapshotRow.report_id == report_id)
                             .order_by(SnapshotRow.created_at.desc(), SnapshotRow.id.desc())).all()
            return [SnapshotInfo(*r) for r in rows]

    def load_snapshot(self, snapshot_id: int) -> Report:
        with self._transaction() as s:
            row = s.get(SnapshotRow, snapshot_id)
            if row is None:
                raise NotFoundError(f"版本 {snapshot_id} 不存在。")
            report = report_from_dict(json.loads(row.content))
            report.id = row.report_id
            return report

    def restore_snapshot(self, snapshot_id: int) -> int:
        """Put a snapshot's content back; the current content is snapshotted first (id returned)."""
        snapshot = self.load_snapshot(snapshot_id)
        with self._transaction() as s:
            label = s.get(SnapshotRow, snapshot_id).label
        return self.replace_content(snapshot.id, snapshot, f"恢复版本“{label}”之前")

    # --- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Full-text search over every live report's paragraphs, newest year first."""
        query = query.strip()
        if not query:
            return []
        if len(query) >= FTS_MIN_QUERY:
            phrase = '"' + query.replace('"', '""') + '"'
            match = "blocks.id IN (SELECT rowid FROM block_search WHERE block_search MATCH :q)"
            params = {"q": phrase}
        else:
            match = "(blocks.heading || blocks.text) LIKE :q ESCAPE '\\'"
            escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params = {"q": f"%{escaped}%"}
        sql = text(
            "SELECT reports.id, reports.year, reports.title, chapters.id, chapters.title, "
            "blocks.position, blocks.heading || blocks.text FROM blocks "
            "JOIN chapters ON chapters.id = blocks.chapter_id "
            "JOIN reports ON reports.id = chapters.report_id "
            f"WHERE reports.deleted_at IS NULL AND {match} "
            "ORDER BY reports.year DESC, chapters.position, blocks.position LIMIT :limit")
        with self._transaction() as s:
            rows = s.execute(sql, {**params, "limit": limit}).all()
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], _snippet(r[6], query)) for r in rows]

    # --- helpers ---------------------------------------------------------------------------

    def _get_report(self, s: Session, report_id: int, include_deleted: bool = False) -> ReportRow:
        row = s.get(ReportRow, report_id, options=[selectinload(ReportRow.chapters)
                                                   .selectinload(ChapterRow.blocks),
                                                   selectinload(ReportRow.organ_links)])
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise NotFoundError(f"没有编号为 {report_id} 的报告。请用 list 命令查看已有报告。")
        return row

    def _get_chapter(self, s: Session, chapter_id: int) -> ChapterRow:
        row = s.get(ChapterRow, chapter_id)
        if row is None:
            raise NotFoundError(f"章节 {chapter_id} 不存在，可能已被删除。")
        return row

    @staticmethod
    def _chapter_rows(s: Session, report_id: int) -> list[ChapterRow]:
        return list(s.scalars(select(ChapterRow).where(ChapterRow.report_id == report_id)
                              .order_by(ChapterRow.position)))

    @staticmethod
    def _touch(s: Session, report_id: int) -> None:
        s.execute(update(ReportRow).where(ReportRow.id == report_id)
                  .values(updated_at=datetime.now()))

    @staticmethod
    def _set_organs(s: Session, row: ReportRow, organs: list[Organ]) -> None:
        row.organ_links.clear()
        s.flush()
        for position, organ in enumerate(organs):
            name, short_name = organ.name.strip(), organ.short_name.strip()
            organ_row = s.scalar(select(OrganRow).where(OrganRow.name == name))
            if organ_row is None:
                organ_row = OrganRow(name=name, short_name=short_name)
                s.add(organ_row)
            elif short_name and short_name != organ_row.short_name:
                organ_row.short_name = short_name
            row.organ_links.append(ReportOrganRow(position=position, organ=organ_row))
        s.flush()

    @staticmethod
    def _write_chapters(s: Session, report_id: int, chapters: list[Chapter]) -> None:
        for position, chapter in enumerate(chapters):
            row = ChapterRow(report_id=report_id, position=position, title=chapter.title,
                             template_key=chapter.template_key)
            s.add(row)
            s.flush()
            if chapter.blocks:
                s.execute(insert(BlockRow), _block_rows(row.id, chapter.blocks))


def _renumber(rows: list[ChapterRow]) -> None:
    for position, row in enumerate(rows):
        row.position = position


def _block_rows(chapter_id: int, blocks: list[Block]) -> list[dict]:
    return [{"chapter_id": chapter_id, "position": i, "level": b.level, "heading": b.heading,
             "text": b.text} for i, b in enumerate(blocks)]


def _apply_fields(row: ReportRow, report: Report) -> None:
    for name in REPORT_FIELDS:
        setattr(row, name, getattr(report, name))


def _to_report(row: ReportRow) -> Report:
    report = Report(**{name: getattr(row, name) for name in REPORT_FIELDS})
    report.id, report.created_at, report.updated_at = row.id, row.created_at, row.updated_at
    report.organs = [Organ(link.organ.name, link.organ.short_name) for link in row.organ_links]
    report.chapters = [Chapter(title=c.title, template_key=c.template_key, id=c.id,
                               blocks=[Block(b.level, b.heading, b.text) for b in c.blocks])
                       for c in row.chapters]
    return report


def default_title(year: int, organs: list[Organ]) -> str:
    names = " ".join(o.name for o in organs)
    return f"{names}关于{year}年度法治政府建设情况的报告" if names else f"{year}年度法治政府建设情况报告"


def copy_for_year(source: Report, year: int, copy_text: bool) -> Report:
    """Next year's report from an earlier one: organs, metadata and structure; text if asked."""
    chapters = [Chapter(title=advance_years(c.title, source.year, year), template_key=c.template_key,
                        blocks=[Block(b.level, b.heading, b.text) for b in c.blocks] if copy_text
                        else [])
                for c in source.chapters]
    return Report(year=year, title=advance_years(source.title, source.year, year),
                  organs=[Organ(o.name, o.short_name) for o in source.organs],
                  banner_mode=source.banner_mode, signer=source.signer,
                  recipients=source.recipients, cc=source.cc, printing_organ=source.printing_organ,
                  note=source.note, signature=source.signature, chapters=chapters)


def _snippet(text_: str, query: str, width: int = 30) -> str:
    at = text_.find(query)
    if at < 0:
        return text_[: width * 2]
    start = max(0, at - width)
    end = min(len(text_), at + len(query) + width)
    return ("…" if start else "") + text_[start:end] + ("…" if end < len(text_) else "")


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
