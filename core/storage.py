"""Opening the archive file safely: checks, migrations, connection settings and transactions.

Order at open: refuse what is not ours (not SQLite, newer schema, corrupt, read-only, a vanished archive
whose backups are still there) without writing a byte; back up before a migration; then migrate with
Alembic. Everything SQLite-specific about transactions lives here: pysqlite's own transaction handling
is switched off and every transaction starts with our BEGIN (IMMEDIATE for writes), following
SQLAlchemy's documented recipe for the sqlite3 driver.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from core import backups
from core.errors import ArchiveMissing, ArchiveOpenError, CorruptArchiveError
from core.paths import package_folder

if TYPE_CHECKING:  # SQLAlchemy loads with open_engine(): check_ours() is the window's first read's too
    from sqlalchemy.engine import Engine

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = package_folder("core", "migrations")
BUSY_TIMEOUT_S = 5
WRITE_OPTION = "archive_write"  # execution option: this transaction will write (BEGIN IMMEDIATE)


def known_revisions() -> set[str]:
    """Revision ids this version knows: migration files are named <revision>_<slug>.py."""
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")}


def head_revision() -> str:
    return max(known_revisions())


def open_engine(db_path: Path, busy_timeout_s: float = BUSY_TIMEOUT_S, *, read_only: bool = False,
                new_over_backups: bool = False) -> Engine:
    """Check, migrate and return an engine on db_path.

    A missing file becomes a new archive only when nothing says an archive was there: when backups
    of it exist, ArchiveMissing is raised instead (unless new_over_backups). read_only opens an existing
    archive that SQLite itself will not let us change.
    """
    db_path = Path(db_path)
    existed = db_path.exists() and db_path.stat().st_size > 0
    if not existed:
        _refuse_missing(db_path, read_only, new_over_backups)
    if not read_only:
        check_writable(db_path)
    if existed:
        revision = check_ours(db_path)
        if revision != head_revision():
            if read_only:
                raise ArchiveOpenError(f"档案 {db_path} 需要先升级结构才能打开，只读方式下无法升级。"
                                       "请关闭其他窗口后以正常方式打开。")
            backups.make_backup(db_path, f"before-migration-{revision or 'none'}")
    else:
        _make_folder(db_path.parent)
    from sqlalchemy import create_engine, event
    url = f"sqlite:///file:{db_path.resolve().as_posix()}?mode=ro&uri=true" if read_only \
        else f"sqlite:///{db_path}"
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s})
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    if not read_only:
        _migrate(engine)
    return engine


def write_engine(engine: Engine) -> Engine:
    """The same engine and pool, marked so that its transactions begin with BEGIN IMMEDIATE."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _configure_connection(dbapi_connection, _record) -> None:
    # pysqlite must not open or close transactions on its own: _begin() sends every BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed edit survives a power cut too, not only a killed process.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _begin(conn) -> None:
    # IMMEDIATE takes the write lock at the start: a writer waits (busy timeout) before doing anything,
    # instead of failing half-way when another connection wrote since its first read.
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) — on Windows (volume serial, file index) — of the file a path names now."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _refuse_missing(db_path: Path, read_only: bool, new_over_backups: bool) -> None:
    if read_only:
        raise ArchiveMissing(f"找不到档案文件 {db_path}。", db_path)
    found = backups.list_backups(db_path)
    if found and not new_over_backups:
        raise ArchiveMissing(
            f"找不到档案文件 {db_path}，但它的备份文件夹中有 {len(found)} 份备份"
            f"（最近一份：{backups.time_label(found[-1])}）。"
            "档案可能被删除或移走了。请找回原文件，或运行 python main.py restore-backup "
            f"--db \"{db_path}\" 用最近的备份恢复；为免覆盖，没有新建空档案。", db_path)


def check_ours(db_path: Path, integrity: bool = True, busy_timeout_s: float = BUSY_TIMEOUT_S) -> str | None:
    """The schema revision of an existing archive; refuses files that are not ours or (`integrity`:
    PRAGMA quick_check, which reads the whole file) are damaged."""
    _check_is_sqlite(db_path)
    revision = _read_revision(db_path, busy_timeout_s)
    if revision is None and _has_foreign_tables(db_path, busy_timeout_s):
        raise ArchiveOpenError(f"文件 {db_path} 是其他程序的数据库，不是法治年报的数据库。"
                               "请用 --db 指定正确的文件；该文件未被改动。")
    if revision is not None and revision not in known_revisions():
        raise ArchiveOpenError(
            f"数据库 {db_path} 由更新版本的法治年报创建（结构版本 {revision}），本版本无法打开。"
            "请安装最新版本后再打开；文件未作任何改动。")
    if integrity:
        _check_integrity(db_path)
    return revision


def check_writable(db_path: Path) -> None:
    """Refuses a file or folder this process may not write to (the window's first read asks it too)."""
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


def _read_revision(db_path: Path, busy_timeout_s: float) -> str | None:
    try:
        with backups.read_only_connection(db_path, busy_timeout_s) as conn:
            has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                                     "AND name='alembic_version'").fetchone()
            if not has_table:
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.DatabaseError as err:
        raise _corrupt(db_path, err) from err


def _has_foreign_tables(db_path: Path, busy_timeout_s: float) -> bool:
    with backups.read_only_connection(db_path, busy_timeout_s) as conn:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone() is not None


def _check_integrity(db_path: Path) -> None:
    try:
        with backups.read_only_connection(db_path) as conn:
            result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as err:
        raise _corrupt(db_path, err) from err
    if not result or result[0] != "ok":
        raise _corrupt(db_path, result[0] if result else "no result")


def _corrupt(db_path: Path, detail) -> ArchiveOpenError:
    """The error for a file SQLite could not read: damaged — or only locked by another program's write."""
    if isinstance(detail, sqlite3.OperationalError) and \
            getattr(detail, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return ArchiveOpenError(f"档案 {db_path} 正被另一个程序独占使用，现在无法打开。"
                                "请关闭正在使用它的程序（例如数据库工具或另一个法治年报）后重试；文件未作任何改动。")
    backup = backups.newest_backup(db_path)
    if backup:
        advice = (f"最近的备份是 {backup}（{backups.time_label(backup)}）。"
                  f"可运行 python main.py restore-backup --db \"{db_path}\" 用它恢复，损坏的文件会被保留。")
    else:
        advice = "没有找到备份。请不要再写入该文件，并联系技术人员。"
    return CorruptArchiveError(f"数据库 {db_path} 已损坏，无法打开（{detail}）。{advice}", backup)


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
    with write_engine(engine).begin() as conn:  # one transaction: a failed migration changes nothing
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _has_version_table(conn) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type='table' "
                                "AND name='alembic_version'").first() is not None
