"""Opening the archive file safely: checks, backups, migrations, connection settings.

Order at open: refuse what is not ours (not SQLite, newer schema, corrupt, read-only) without
writing a byte; back up before a migration and once a day; then migrate with Alembic.
"""
from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from core.errors import ArchiveOpenError, CorruptArchiveError
from core.outline import format_date
from core.paths import package_folder

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = package_folder("core", "migrations")
BACKUPS_KEPT = 10
BUSY_TIMEOUT_S = 5


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def known_revisions() -> set[str]:
    """Revision ids this version knows: migration files are named <revision>_<slug>.py."""
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")}


def head_revision() -> str:
    return max(known_revisions())


def open_engine(db_path: Path, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Engine:
    """Check, back up, migrate and return an engine on db_path (created when missing)."""
    db_path = Path(db_path)
    existed = db_path.exists() and db_path.stat().st_size > 0
    _check_writable(db_path)
    if existed:
        _check_is_sqlite(db_path)
        revision = _read_revision(db_path)
        if revision is None and _has_foreign_tables(db_path):
            raise ArchiveOpenError(f"文件 {db_path} 是其他程序的数据库，不是法治年报的数据库。"
                                   "请用 --db 指定正确的文件；该文件未被改动。")
        if revision is not None and revision not in known_revisions():
            raise ArchiveOpenError(
                f"数据库 {db_path} 由更新版本的法治年报创建（结构版本 {revision}），本版本无法打开。"
                "请安装最新版本后再打开；文件未作任何改动。")
        _check_integrity(db_path)
        if revision != head_revision():
            make_backup(db_path, f"before-migration-{revision or 'none'}")
        elif not _backed_up_today(db_path):
            make_backup(db_path, "daily")
    else:
        _make_folder(db_path.parent)
    engine = create_engine(f"sqlite:///{db_path}", connect_args={"timeout": busy_timeout_s})
    event.listen(engine, "connect", _configure_connection)
    _migrate(engine)
    return engine


def _configure_connection(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's explicit BEGIN delimit transactions; pysqlite's own would break savepoints.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed edit survives a power cut too, not only a killed process.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _check_writable(db_path: Path) -> None:
    folder = db_path.parent
    if db_path.exists() and not os.access(db_path, os.W_OK):
        raise ArchiveOpenError(f"数据库文件 {db_path} 是只读的，无法保存修改。"
                               "请取消文件的只读属性，或用 --db 指定一个可写的位置。")
    probe = folder if folder.exists() else _nearest_existing(folder)
    if not os.access(probe, os.W_OK):
        raise ArchiveOpenError(f"文件夹 {folder} 不可写，无法保存报告。请用 --db 指定一个可写的位置。")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ArchiveOpenError(f"无法创建文件夹 {folder}（{err.strerror or err}）。"
                               "请检查路径是否正确，或用 --db 指定另一个位置。") from err


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_is_sqlite(db_path: Path) -> None:
    try:
        with open(db_path, "rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as err:
        raise ArchiveOpenError(f"无法读取数据库文件 {db_path}：{err.strerror}。") from err
    if header != SQLITE_HEADER:
        raise ArchiveOpenError(f"文件 {db_path} 不是法治年报的数据库（不是 SQLite 文件）。"
                               "请检查路径，或用 --db 指定正确的数据库文件；该文件未被改动。")


def _read_only_connection(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)


def _read_revision(db_path: Path) -> str | None:
    try:
        with _closing(_read_only_connection(db_path)) as conn:
            has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                                     "AND name='alembic_version'").fetchone()
            if not has_table:
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.DatabaseError as err:
        raise _corrupt(db_path, err) from err


def _has_foreign_tables(db_path: Path) -> bool:
    with _closing(_read_only_connection(db_path)) as conn:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone() is not None


def _check_integrity(db_path: Path) -> None:
    try:
        with _closing(_read_only_connection(db_path)) as conn:
            result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as err:
        raise _corrupt(db_path, err) from err
    if not result or result[0] != "ok":
        raise _corrupt(db_path, result[0] if result else "no result")


def _corrupt(db_path: Path, detail) -> CorruptArchiveError:
    backup = newest_backup(db_path)
    if backup:
        advice = (f"最近的备份是 {backup}（{_backup_time_label(backup)}）。"
                  f"可运行 python main.py restore-backup --db \"{db_path}\" 用它恢复，损坏的文件会被保留。")
    else:
        advice = "没有找到备份。请不要再写入该文件，并联系技术人员。"
    return CorruptArchiveError(f"数据库 {db_path} 已损坏，无法打开（{detail}）。{advice}", backup)


class _closing:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    def __exit__(self, *exc):
        self.conn.close()


# --- backups ---------------------------------------------------------------------------------

_BACKUP_NAME = re.compile(r"-(\d{8}-\d{6})-")


def _backup_time_label(path: Path) -> str:
    match = _BACKUP_NAME.search(path.name)
    if not match:
        return ""
    when = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    return f"{format_date(when)} {when:%H:%M}"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of db_path, oldest first (names sort by their timestamp)."""
    folder = backup_dir(db_path)
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3"),
                  key=lambda p: _BACKUP_NAME.search(p.name).group(1) if _BACKUP_NAME.search(p.name)
                  else "")


def newest_backup(db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    return backups[-1] if backups else None


def _backed_up_today(db_path: Path) -> bool:
    today = datetime.now().strftime("%Y%m%d")
    return any(_BACKUP_NAME.search(p.name) and _BACKUP_NAME.search(p.name).group(1).startswith(today)
               for p in list_backups(db_path))


def make_backup(db_path: Path, reason: str) -> Path:
    """Copy the database into the backups folder; keep the newest few."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    _copy_database(db_path, target)
    for old in list_backups(db_path)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(db_path: Path, backup: Path | None = None) -> Path:
    """Put a backup in place of db_path; the current file is kept beside it as *.corrupt-<time>."""
    db_path = Path(db_path)
    backup = backup or newest_backup(db_path)
    if backup is None:
        raise ArchiveOpenError(f"没有找到 {db_path} 的备份。")
    _check_is_sqlite(backup)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    if db_path.exists():
        db_path.rename(kept)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    _copy_database(backup, db_path)
    return kept


def _copy_database(source_path: Path, target_path: Path) -> None:
    """Copy with SQLite's backup API: a consistent copy even while a WAL is in use."""
    source = _read_only_connection(source_path)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


# --- migrations ------------------------------------------------------------------------------

def _migrate(engine: Engine) -> None:
    with engine.connect() as conn:
        current = conn.exec_driver_sql(
            "SELECT version_num FROM alembic_version").scalar() if _has_version_table(conn) else None
    if current == head_revision():
        return
    # Alembic is imported only when there is something to migrate: it is slow to import.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _has_version_table(conn) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type='table' "
                                "AND name='alembic_version'").first() is not None
