"""The archive on a PostgreSQL server: the same facade and transactions, without what only a file has.

What differs from an SQLite file (README「单位服务器」):
- no lock file, no vanished-file check, no WAL or integrity check: the server owns the data;
- no backups by file copy: the IT person backs the database up with pg_dump; the snapshots the archive
  takes before replacing or restoring content are still taken, inside the same transaction;
- a login that may only read (a read-only role, a standby) opens the archive read-only and says so.
"""
from __future__ import annotations

from pathlib import Path

from core import storage, storage_pg
from core.archive.facade import Archive
from core.errors import AppError


class ServerArchive(Archive):
    """Archive(url) for a postgresql:// URL (see core.storage_pg for the drivers)."""

    def __init__(self, path: str, busy_timeout_s: float = storage.BUSY_TIMEOUT_S, *,
                 read_only: bool = False, daily_backup: bool = True, new_over_backups: bool = False):
        self.url = storage_pg.server_url(path)
        self.path = None  # type: ignore[assignment]  # no file; `location` names the archive
        self.location = storage_pg.label(self.url)
        engine, login_reads_only = storage_pg.open_server_engine(self.url, busy_timeout_s)
        self._use_engine(engine)
        self.read_only = read_only or login_reads_only
        self.read_only_login = login_reads_only

    def _read_only_message(self) -> str:
        why = (f"当前账号 {self.url.username} 只有读取权限" if self.read_only_login
               else "它以只读方式打开")
        return f"单位服务器上的档案 {self.location} 不能保存修改：{why}。您输入的内容仍在编辑器中。"

    def _describe_error(self, err: Exception) -> str:
        return storage_pg.describe_write_error(err, self.url)

    def _check_still_there(self) -> None:
        """A server database does not vanish like a file; a lost connection shows as a write error."""

    def backup(self, reason: str = "manual") -> Path:
        raise AppError("单位服务器上的档案由IT人员在服务器上备份（例如 pg_dump），本程序不复制它。"
                       "如需一份本机副本，请用 python main.py copy --from 服务器地址 --to 本机文件.sqlite3。")

    def backup_if_due(self) -> Path | None:
        return None

    def save_copy_as(self, target: Path) -> None:
        self.backup()

    def _backup_before(self, reason: str) -> None:
        """Nothing to copy: the automatic snapshot inside the transaction keeps what is replaced."""
