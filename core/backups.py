"""Backups of the archive file: made, kept, described and put back.

Backups sit in a `backups` folder beside the archive, named <stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3.
They are copies made with SQLite's backup API, so a copy is consistent even while a window writes.
Rotation keeps the newest few and, for a year, the newest of each month.
"""
from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.errors import ArchiveOpenError
from core.outline import format_date

RECENT_KEPT = 10
MONTHS_KEPT = 12
_NAME = re.compile(r"-(\d{8}-\d{6})-(.+?)(?:-\d+)?\.sqlite3$")
REASON_LABELS = {
    "daily": "每日自动备份", "close": "关闭窗口时", "manual": "手动备份", "before-import": "导入覆盖之前",
    "before-restore": "恢复历史版本之前", "before-purge": "彻底删除报告之前",
    "before-backup-restore": "用备份恢复之前",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: datetime
    reason: str  # in words, e.g. 每日自动备份
    reports: tuple[str, ...]  # e.g. ("2024年度 景毛乡人民政府", …), newest year first


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def backup_time(path: Path) -> datetime | None:
    match = _NAME.search(path.name)
    return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None


def _stamp(path: Path) -> datetime:
    """The time of a backup listed by list_backups (which keeps only named ones)."""
    return backup_time(path) or datetime.min


def time_label(path: Path) -> str:
    when = backup_time(path)
    return f"{format_date(when)} {when:%H:%M}" if when else ""


def reason_label(path: Path) -> str:
    match = _NAME.search(path.name)
    reason = match.group(2) if match else ""
    if reason.startswith("before-migration"):
        return "升级数据库结构之前"
    return REASON_LABELS.get(reason, reason)


def list_backups(db_path: Path) -> list[Path]:
    """Backups of db_path, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{Path(db_path).stem}-*.sqlite3") if backup_time(p)]
    return sorted(found, key=lambda p: (_stamp(p), p.name))


def newest_backup(db_path: Path) -> Path | None:
    found = list_backups(db_path)
    return found[-1] if found else None


def backed_up_today(db_path: Path) -> bool:
    today = datetime.now().date()
    return any(_stamp(p).date() == today for p in list_backups(db_path))


def make_backup(db_path: Path, reason: str, source: sqlite3.Connection | None = None) -> Path:
    """Copy the archive into its backups folder (from `source`, an open connection, when given); rotate."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{Path(db_path).stem}-{datetime.now():%Y%m%d-%H%M%S}-{reason}"
    target, n = folder / f"{stem}.sqlite3", 1
    while target.exists():  # two backups in one second (e.g. before an import, then on close)
        n += 1
        target = folder / f"{stem}-{n}.sqlite3"
    copy_database(source or db_path, target)
    rotate(db_path)
    return target


def rotate(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete all but the newest RECENT_KEPT and the newest of each of the last MONTHS_KEPT months."""
    found = list_backups(db_path)
    keep = set(found[-RECENT_KEPT:])
    now = now or datetime.now()
    newest_of_month: dict[tuple[int, int], Path] = {}
    for path in found:  # oldest first: the last one seen in a month is its newest
        when = _stamp(path)
        if (now.year - when.year) * 12 + now.month - when.month < MONTHS_KEPT:
            newest_of_month[(when.year, when.month)] = path
    keep.update(newest_of_month.values())
    removed = [p for p in found if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def describe(path: Path) -> BackupInfo:
    """A backup's time, reason and the reports in it (read without changing the file)."""
    try:
        with read_only_connection(path) as conn:
            rows = conn.execute(
                "SELECT r.year, (SELECT group_concat(name, '、') FROM (SELECT o.name FROM report_organs ro "
                "JOIN organs o ON o.id = ro.organ_id WHERE ro.report_id = r.id ORDER BY ro.position)) "
                "FROM reports r WHERE r.deleted_at IS NULL ORDER BY r.year DESC, r.id").fetchall()
        reports = tuple(f"{year}年度 {organs}" if organs else f"{year}年度" for year, organs in rows)
    except sqlite3.DatabaseError:
        reports = ("（无法读取，备份可能已损坏）",)
    return BackupInfo(path, _stamp(path), reason_label(path), reports)


def copy_database(source: Path | sqlite3.Connection, target: Path) -> None:
    """Copy with SQLite's backup API into a temporary file, then rename: never half a copy at target."""
    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=target.name + ".", suffix=".partial", dir=target.parent)
    os.close(handle)
    temp = Path(name)
    try:
        if isinstance(source, sqlite3.Connection):
            _backup_into(source, temp)
        else:
            with read_only_connection(Path(source)) as conn:
                _backup_into(conn, temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _backup_into(source: sqlite3.Connection, path: Path) -> None:
    target = sqlite3.connect(path)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        target.close()


def restore_backup(db_path: Path, backup: Path | None = None, aside: str = "corrupt") -> Path | None:
    """Put a backup in place of db_path; the current file (and its -wal/-shm) is kept beside it as
    <name>.<aside>-<time>, whose path is returned (None when there was no file). The archive must be
    closed."""
    db_path = Path(db_path)
    backup = backup or newest_backup(db_path)
    if backup is None:
        raise ArchiveOpenError(f"没有找到 {db_path} 的备份。")
    with open(backup, "rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise ArchiveOpenError(f"文件 {backup} 不是法治年报的备份（不是 SQLite 文件）；档案未被改动。")
    incoming = db_path.with_name(db_path.name + ".restoring")
    copy_database(backup, incoming)
    kept = db_path.with_name(f"{db_path.name}.{aside}-{datetime.now():%Y%m%d-%H%M%S}")
    existed = db_path.exists()
    for suffix in ("", "-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    os.replace(incoming, db_path)
    return kept if existed else None


@contextmanager
def read_only_connection(db_path: Path, busy_timeout_s: float = 5.0):
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_s)
    try:
        yield conn
    finally:
        conn.close()
