"""The steps the archive's transactions are made of. Each function works inside a session it is given
and never commits: the facade (core.archive.facade) opens exactly one transaction per public method
and composes these steps inside it.

Revisions: every write that changes a report's metadata or a chapter's content stamps the row with the
next value of one archive-wide counter (next_revision), so a revision is never reused, not even by a
row that gets the id of a deleted one. An editor states the revision it loaded; a save against a
row that moved on is a conflict, and the editor's text is kept as a snapshot instead.
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, selectinload

from core.archive.model import REPORT_FIELDS, pick_previous, report_from_row
from core.errors import AppError, NotFoundError
from core.outline import Block, Chapter, Organ, Report, reads_as_year, report_from_dict, report_to_dict
from core.schema import (BlockRow, ChapterRow, OrganRow, ReportOrganRow, ReportRow, RevisionCounterRow,
                         SnapshotRow)

LIVE = ReportRow.deleted_at.is_(None)
# A report with its chapters, their paragraphs and its organs, each in one query (not one per chapter).
WHOLE_REPORT = (selectinload(ReportRow.chapters).selectinload(ChapterRow.blocks),
                selectinload(ReportRow.organ_links))


# --- reading ---------------------------------------------------------------------------------

def get_report(s: Session, report_id: int, include_deleted: bool = False) -> ReportRow:
    row = s.get(ReportRow, report_id, options=WHOLE_REPORT)
    if row is None or (row.deleted_at is not None and not include_deleted):
        raise NotFoundError(f"没有编号为 {report_id} 的报告。请用 list 命令查看已有报告。")
    return row


def get_chapter(s: Session, chapter_id: int) -> ChapterRow:
    row = s.get(ChapterRow, chapter_id)
    if row is None:
        raise NotFoundError(f"章节 {chapter_id} 不存在，可能已被删除。")
    return row


def chapter_rows(s: Session, report_id: int) -> list[ChapterRow]:
    return list(s.scalars(select(ChapterRow).where(ChapterRow.report_id == report_id)
                          .order_by(ChapterRow.position)))


def load_report(s: Session, report_id: int, include_deleted: bool = False) -> Report:
    from core.archive.figures import load_figures  # figures.py builds on this module
    report = report_from_row(get_report(s, report_id, include_deleted))
    report.figures = load_figures(s, report_id)
    return report


def find_report(s: Session, ref: str | int) -> int:
    """A report by id, or by year when that year has exactly one report."""
    try:
        value = int(str(ref).strip())
    except ValueError:
        raise NotFoundError(f"“{ref}”不是报告编号或年份。请用 list 命令查看报告编号。") from None
    if reads_as_year(value):
        ids = s.scalars(select(ReportRow.id).where(ReportRow.year == value, LIVE)).all()
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise NotFoundError(f"{value}年有 {len(ids)} 份报告（编号 "
                                f"{'、'.join(map(str, ids))}），请用编号指定。")
        raise NotFoundError(f"没有{value}年的报告。请用 list 命令查看已有报告。")
    if s.scalar(select(ReportRow.id).where(ReportRow.id == value, LIVE)) is None:
        raise NotFoundError(f"没有编号为 {value} 的报告。请用 list 命令查看已有报告。")
    return value


def same_report_id(s: Session, report: Report) -> int | None:
    """A live report of the same year and lead organ (any organ when `report` names none)."""
    lead = report.organs[0].name if report.organs else None
    rows = s.scalars(select(ReportRow).options(selectinload(ReportRow.organ_links))
                     .where(ReportRow.year == report.year, LIVE)
                     .order_by(ReportRow.year.desc(), ReportRow.id)).all()
    for row in rows:
        organs = [link.organ.name for link in row.organ_links]
        if lead is None or not organs or organs[0] == lead:
            return row.id
    return None


def previous_report(s: Session, report_id: int) -> Report | None:
    """The report of the year before, preferring one with the same lead organ."""
    row = get_report(s, report_id)
    lead = row.organ_links[0].organ_id if row.organ_links else None
    candidates = s.scalars(select(ReportRow).where(ReportRow.year == row.year - 1, LIVE)
                           .options(*WHOLE_REPORT).order_by(ReportRow.id)).all()
    chosen = pick_previous(list(candidates), lead)
    return report_from_row(chosen) if chosen is not None else None


def list_organs(s: Session) -> list[Organ]:
    return [Organ(o.name, o.short_name) for o in s.scalars(select(OrganRow).order_by(OrganRow.name))]


# --- writing ---------------------------------------------------------------------------------

def next_revision(s: Session) -> int:
    """The revision stamped on every row this transaction changes (one number per transaction)."""
    if "revision" not in s.info:
        row = RevisionCounterRow
        s.execute(update(row).where(row.id == 1).values(value=row.value + 1))
        s.info["revision"] = s.scalar(select(row.value).where(row.id == 1))
    return s.info["revision"]


def touch(s: Session, report_id: int) -> None:
    s.execute(update(ReportRow).where(ReportRow.id == report_id).values(updated_at=datetime.now()))


def create_report(s: Session, report: Report) -> int:
    now = datetime.now()
    row = ReportRow(created_at=now, updated_at=now, revision=next_revision(s),
                    **{name: getattr(report, name) for name in REPORT_FIELDS})
    s.add(row)
    s.flush()
    set_organs(s, row, report.organs)
    for position, chapter in enumerate(report.chapters):
        insert_chapter(s, row.id, position, chapter)
    return row.id


def update_fields(s: Session, row: ReportRow, fields: dict) -> int:
    """Set metadata fields (REPORT_FIELDS and organs=[Organ…]); returns the report's new revision."""
    fields = dict(fields)
    organs = fields.pop("organs", None)
    for name, value in fields.items():
        setattr(row, name, value)
    if organs is not None:
        set_organs(s, row, organs)
    row.updated_at = datetime.now()
    row.revision = next_revision(s)
    return row.revision


def set_organs(s: Session, row: ReportRow, organs: list[Organ]) -> None:
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


def insert_chapter(s: Session, report_id: int, position: int, chapter: Chapter) -> ChapterRow:
    row = ChapterRow(report_id=report_id, position=position, title=chapter.title,
                     template_key=chapter.template_key, revision=next_revision(s))
    s.add(row)
    s.flush()
    if chapter.blocks:
        s.execute(insert(BlockRow), block_rows(row.id, chapter.blocks))
    return row


def write_chapter(s: Session, row: ChapterRow, blocks: list[Block], title: str | None = None) -> int:
    """Replace a chapter's blocks (and title); returns its new revision."""
    s.execute(delete(BlockRow).where(BlockRow.chapter_id == row.id))
    if blocks:
        s.execute(insert(BlockRow), block_rows(row.id, blocks))
    if title is not None:
        row.title = title
    row.revision = next_revision(s)
    s.expire(row, ["blocks"])
    touch(s, row.report_id)
    return row.revision


def replace_content(s: Session, report_id: int, report: Report) -> None:
    """Overwrite a report's metadata and chapters. Chapters are rewritten in place by position, so
    their ids stay; extra old ones are deleted, extra new ones added."""
    row = get_report(s, report_id)
    update_fields(s, row, {**{name: getattr(report, name) for name in REPORT_FIELDS},
                           "organs": report.organs})
    old = chapter_rows(s, report_id)
    for position, chapter in enumerate(report.chapters):
        if position < len(old):
            old[position].template_key = chapter.template_key
            write_chapter(s, old[position], chapter.blocks, chapter.title)
        else:
            insert_chapter(s, report_id, position, chapter)
    for extra in old[len(report.chapters):]:
        s.delete(extra)
    s.flush()
    s.expire(row, ["chapters"])


def renumber(rows: list[ChapterRow]) -> None:
    for position, row in enumerate(rows):
        row.position = position


def block_rows(chapter_id: int, blocks: list[Block]) -> list[dict]:
    return [{"chapter_id": chapter_id, "position": i, "level": b.level, "heading": b.heading,
             "text": b.text} for i, b in enumerate(blocks)]


def fields_of(report: Report, names) -> dict:
    return {name: getattr(report, name) for name in names}


# --- snapshots -------------------------------------------------------------------------------

def take_snapshot(s: Session, report_id: int, label: str, automatic: bool,
                  content: Report | None = None) -> int:
    """Store a report's content (as stored now, or `content`) as a version; returns its id."""
    report = content or load_report(s, report_id, include_deleted=True)
    row = SnapshotRow(report_id=report_id, label=label, automatic=automatic, created_at=datetime.now(),
                      char_count=report.char_count(),
                      content=json.dumps(report_to_dict(report, with_numbers=False), ensure_ascii=False))
    s.add(row)
    s.flush()
    return row.id


def load_snapshot(s: Session, snapshot_id: int) -> tuple[Report, str, int]:
    """A snapshot's report (its id set to the report it belongs to), its label and that report's id."""
    row = s.get(SnapshotRow, snapshot_id)
    if row is None:
        raise NotFoundError(f"版本 {snapshot_id} 不存在。")
    report = report_from_dict(json.loads(row.content))
    report.id = row.report_id
    return report, row.label, row.report_id


# --- conflicts -------------------------------------------------------------------------------

CONFLICT_LABEL = "另一窗口改动时保留的文字：{0}"
CONFLICT_MESSAGE = ("{what}已在另一个窗口或程序中被{how}。为免互相覆盖，本窗口刚输入的内容没有写进去，"
                    "已完整保存为历史版本“{label}”。现在显示的是较新的内容；可在“历史版本”中对照并取回您的文字。")


def keep_chapter_edit(s: Session, report_id: int | None, chapter_id: int, blocks: list[Block],
                      title: str | None) -> tuple[int | None, str]:
    """A chapter edit that cannot be written (the chapter moved on or is gone), kept as a snapshot of its
    report with this text in the chapter's place. Returns (snapshot id or None, message)."""
    row = s.get(ChapterRow, chapter_id)
    report_id = row.report_id if row is not None else report_id
    if report_id is None or s.get(ReportRow, report_id) is None:
        raise NotFoundError(f"章节 {chapter_id} 已不存在，连同它的报告一起被删除了。"
                            "您输入的内容仍在编辑器中，请复制出来另行保存。")
    report = load_report(s, report_id, include_deleted=True)
    chapter = next((c for c in report.chapters if c.id == chapter_id), None)
    if chapter is None:
        chapter = Chapter(title or "已删除的部分")
        report.chapters.append(chapter)
    chapter.blocks = list(blocks)
    if title is not None:
        chapter.title = title
    label = CONFLICT_LABEL.format(chapter.title)
    snapshot_id = take_snapshot(s, report_id, label, automatic=True, content=report)
    what, how = f"“{chapter.title}”", "修改" if row is not None else "删除"
    return snapshot_id, CONFLICT_MESSAGE.format(what=what, how=how, label=label)


def keep_metadata_edit(s: Session, row: ReportRow, fields: dict) -> tuple[int, str]:
    """Metadata that cannot be written (the report moved on), kept as a snapshot of the report with it."""
    report = report_from_row(row)
    for name, value in fields.items():
        setattr(report, name, value)
    label = CONFLICT_LABEL.format("基本信息")
    snapshot_id = take_snapshot(s, row.id, label, automatic=True, content=report)
    return snapshot_id, CONFLICT_MESSAGE.format(what="报告的基本信息", how="修改", label=label)


def refuse_unless_in_trash(row: ReportRow) -> None:
    if row.deleted_at is None:
        raise AppError("只能彻底删除回收站中的报告。请先把报告移到回收站。")
