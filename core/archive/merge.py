"""Taking another archive's reports into this one: 文件 ▸ 导入档案… and `python main.py merge`.

The other archive is usually a portable file written by 导出档案 (an SQLite archive); a server URL works
too. It is read first, completely, and checked before anything here changes: a file that is not an
archive, is damaged or truncated, or was written by a newer version is refused with a Chinese message.
A file is read from a private byte copy (migrated there when it is older), so the file itself is
never written to, and one on a write-protected medium reads as well.

Reports are matched by year and organs (in order): the archive keeps one report per year and organs,
so "keep both" cannot exist. Per report (plan_merge):
- NEW: the target has none → added with its chapters, figures and versions (snapshots);
- SAME: the content is the same → skipped;
- DIFFERENT: the caller chooses: keep the target's (the default) or replace it with the file's — the
  target's content is kept as a version first, and the file's versions are added, so nothing is lost.
merge_into() writes everything in one transaction of the target (after a file backup when it replaces),
planning again inside it so that what changed since the preview is judged afresh.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, selectinload

from core import storage
from core.archive import records
from core.archive.model import report_from_row
from core.archive.facade import Archive
from core.archive.figures import stored_figures, write_figures
from core.errors import ArchiveOpenError, AppError, CorruptArchiveError, ImportFailed
from core.locations import is_server_url
from core.outline import Report, report_to_dict
from core.schema import FigureRow, ReportRow, SnapshotRow

NEW, SAME, DIFFERENT, DUPLICATE = "new", "same", "different", "duplicate"
SNAPSHOT_FIELDS = ("label", "automatic", "created_at", "char_count", "content")

Key = tuple[int, tuple[str, ...]]  # (year, organ names in order): one report per key in an archive


@dataclass(frozen=True)
class SourceReport:
    report: Report  # figures: the stored ones only
    snapshots: tuple[dict, ...]  # SNAPSHOT_FIELDS of each version, oldest first

    @property
    def key(self) -> Key:
        return key_of(self.report)


@dataclass(frozen=True)
class MergeSource:
    name: str  # the file's name (or the server's), for version labels and messages
    reports: tuple[SourceReport, ...]
    in_trash: int  # reports in the file's 回收站: not taken


@dataclass(frozen=True)
class MergeItem:
    """One report of the source and what merging does with it."""
    key: Key
    title: str
    state: str  # NEW, SAME, DIFFERENT or DUPLICATE (a second report of one key in the file: skipped)
    source_chars: int
    source_updated: datetime | None
    target_id: int | None = None
    target_chars: int = 0
    target_updated: datetime | None = None

    @property
    def year(self) -> int:
        return self.key[0]

    @property
    def organs(self) -> tuple[str, ...]:
        return self.key[1]


@dataclass
class MergeResult:
    added: list[Key] = field(default_factory=list)
    replaced: list[Key] = field(default_factory=list)
    kept: list[Key] = field(default_factory=list)  # different, the target's kept
    same: list[Key] = field(default_factory=list)
    skipped: list[Key] = field(default_factory=list)  # duplicates within the file
    in_trash: int = 0


def key_of(report: Report) -> Key:
    return report.year, tuple(report.organ_names)


# --- reading the source ------------------------------------------------------------------------------

def read_source(location: str | Path) -> MergeSource:
    """Every live report of another archive (a file or a server URL), with figures and versions."""
    if is_server_url(location):
        with Archive(str(location), read_only=True, daily_backup=False) as archive:
            return _read(archive, archive.location)
    path = Path(location)
    with tempfile.TemporaryDirectory(prefix="fazhi-merge-") as folder:
        copy = _private_copy(path, Path(folder))
        try:  # opening checks it (another program's, a newer version's, damaged) and upgrades an older one
            with Archive(copy, daily_backup=False) as archive:
                return _read(archive, path.name)
        except (sqlite3.DatabaseError, CorruptArchiveError) as err:
            raise ImportFailed(f"文件 {path} 已损坏或不完整（可能没有复制或下载完整），无法导入。"
                               f"请让对方重新导出一份；{NOTHING_CHANGED}") from err
        except ArchiveOpenError as err:  # storage's wording names the copy and speaks of --db
            reason = err.message.replace(str(copy), str(path)).split("请用 --db")[0]
            raise ImportFailed(f"无法导入：{reason}{NOTHING_CHANGED}") from err


NOTHING_CHANGED = "当前档案未作任何改动。"


def _private_copy(path: Path, folder: Path) -> Path:
    """The file (and a write-ahead log beside it) copied byte for byte: it is read — and upgraded when
    older — there, so the file itself is never written, and one on a write-protected stick still reads."""
    copy = folder / "source.sqlite3"
    try:
        with open(path, "rb") as f:
            is_sqlite = f.read(len(storage.SQLITE_HEADER)) == storage.SQLITE_HEADER
        if is_sqlite:
            shutil.copyfile(path, copy)
            if Path(f"{path}-wal").is_file():
                shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    except FileNotFoundError as err:
        raise ImportFailed(f"找不到文件 {path}。请检查路径；{NOTHING_CHANGED}") from err
    except OSError as err:
        raise ImportFailed(f"无法读取文件 {path}（{err.strerror or err}）；{NOTHING_CHANGED}") from err
    if not is_sqlite:
        raise ImportFailed(f"文件 {path} 不是法治年报的档案文件（应是“文件 ▸ 导出档案”得到的 .sqlite3 文件），"
                           f"无法导入。{NOTHING_CHANGED}")
    return copy


def _read(archive: Archive, name: str) -> MergeSource:
    with archive._transaction() as s:
        ids = s.scalars(select(ReportRow.id).where(records.LIVE).order_by(ReportRow.id)).all()
        in_trash = len(s.scalars(select(ReportRow.id).where(ReportRow.deleted_at.is_not(None))).all())
        return MergeSource(name, tuple(_source_report(s, report_id) for report_id in ids), in_trash)


def _source_report(s: Session, report_id: int) -> SourceReport:
    report = report_from_row(records.get_report(s, report_id))
    report.figures = stored_figures(s, report_id)
    rows = s.scalars(select(SnapshotRow).where(SnapshotRow.report_id == report_id)
                     .order_by(SnapshotRow.created_at, SnapshotRow.id))
    return SourceReport(report, tuple({name: getattr(r, name) for name in SNAPSHOT_FIELDS} for r in rows))


# --- planning ----------------------------------------------------------------------------------------

def plan_merge(target: Archive, source: MergeSource) -> list[MergeItem]:
    """What merging `source` into `target` would do, report by report (nothing is written)."""
    with target._transaction() as s:
        return _plan(s, source)


def _plan(s: Session, source: MergeSource) -> list[MergeItem]:
    existing = _live_by_key(s)
    items, seen = [], set()
    for entry in source.reports:
        report, there = entry.report, existing.get(entry.key)
        item = MergeItem(entry.key, report.title, NEW, report.char_count(), report.updated_at)
        if entry.key in seen:
            item = replace(item, state=DUPLICATE)
        elif there is not None:
            mine = report_from_row(records.get_report(s, there))
            mine.figures = stored_figures(s, there)
            item = replace(item, state=SAME if _content(mine) == _content(report) else DIFFERENT,
                           target_id=there, target_chars=mine.char_count(), target_updated=mine.updated_at)
        seen.add(entry.key)
        items.append(item)
    return items


def _live_by_key(s: Session) -> dict[Key, int]:
    """The target's live reports by key; of two with one key (older archives), the first."""
    found: dict[Key, int] = {}
    rows = s.scalars(select(ReportRow).options(selectinload(ReportRow.organ_links))
                     .where(records.LIVE).order_by(ReportRow.id)).all()
    for row in rows:
        found.setdefault((row.year, tuple(link.organ.name for link in row.organ_links)), row.id)
    return found


def _content(report: Report) -> str:
    """What a clerk sees of a report: metadata, chapters and entered figures, without ids and times."""
    data = report_to_dict(report, with_numbers=False)
    for name in ("id", "created_at", "updated_at", "figures"):
        data.pop(name)
    for chapter in data["chapters"]:
        chapter.pop("id")
    data["figures"] = sorted((f.key, str(f.value), f.note) for f in report.figures
                             if f.value is not None or f.note)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


# --- merging -----------------------------------------------------------------------------------------

def merge_into(target: Archive, source: MergeSource, replacing: Iterable[Key] = ()) -> MergeResult:
    """Take `source` into `target` in one transaction; reports whose key is in `replacing` and that differ
    are replaced (their content kept as a version first), other differing reports stay as they are."""
    chosen = set(replacing)
    by_key = {entry.key: entry for entry in reversed(source.reports)}  # the first of a key wins
    if chosen:
        target._backup_before("before-merge")
    result = MergeResult(in_trash=source.in_trash)
    with target._transaction(write=True) as s:
        for item in _plan(s, source):
            entry = by_key[item.key]
            if item.state == NEW:
                _add(s, entry)
                result.added.append(item.key)
            elif item.state == DIFFERENT and item.key in chosen:
                _replace(s, item.target_id, entry, source.name)
                result.replaced.append(item.key)
            else:
                {SAME: result.same, DIFFERENT: result.kept, DUPLICATE: result.skipped}[item.state] \
                    .append(item.key)
    return result


def _add(s: Session, entry: SourceReport) -> None:
    report_id = records.create_report(s, entry.report)
    write_figures(s, report_id, entry.report.figures)
    _add_snapshots(s, report_id, entry.snapshots)


def _replace(s: Session, report_id: int | None, entry: SourceReport, source_name: str) -> None:
    assert report_id is not None
    records.take_snapshot(s, report_id, f"导入档案“{source_name}”之前", automatic=True)
    records.replace_content(s, report_id, entry.report)
    s.execute(delete(FigureRow).where(FigureRow.report_id == report_id))  # the version above holds them
    write_figures(s, report_id, entry.report.figures)
    _add_snapshots(s, report_id, entry.snapshots)


def _add_snapshots(s: Session, report_id: int, snapshots: tuple[dict, ...]) -> None:
    """The file's versions of a report, except those the target has already (same time, label, text)."""
    have = {(r.created_at, r.label, r.content) for r in
            s.scalars(select(SnapshotRow).where(SnapshotRow.report_id == report_id))}
    rows = [{**snapshot, "report_id": report_id} for snapshot in snapshots
            if (snapshot["created_at"], snapshot["label"], snapshot["content"]) not in have]
    if rows:
        s.execute(insert(SnapshotRow), rows)


# --- saying what happened ----------------------------------------------------------------------------

def describe_key(key: Key) -> str:
    year, organs = key
    return f"{year}年（{'、'.join(organs) or '未填发文机关'}）"


def describe_merge(result: MergeResult) -> str:
    """The Chinese summary the window and the CLI show."""
    parts = [f"新增 {len(result.added)} 份", f"替换 {len(result.replaced)} 份",
             f"内容相同跳过 {len(result.same)} 份"]
    if result.kept:
        parts.append(f"内容不同、保留本机的 {len(result.kept)} 份")
    if result.skipped:
        parts.append(f"文件中重复的 {len(result.skipped)} 份未导入")
    if result.in_trash:
        parts.append(f"文件回收站中的 {result.in_trash} 份未导入")
    lines = ["导入档案：" + "，".join(parts) + "。"]
    lines += [f"  新增：{describe_key(k)}" for k in result.added]
    lines += [f"  已替换（本机原内容已保存为历史版本）：{describe_key(k)}" for k in result.replaced]
    lines += [f"  保留本机：{describe_key(k)}" for k in result.kept]
    return "\n".join(lines)


def refuse_same_archive(source: str | Path, target: Archive) -> None:
    if target.path is not None and not is_server_url(source) and Path(source).resolve() == target.path.resolve():
        raise AppError("要导入的文件就是当前档案本身，没有导入任何内容。")
