"""Who has the archive open: a lock file beside it (pid, host, time), and where it lives.

A window writes <archive>.lock when it opens the archive, refreshes it every HEARTBEAT_S and removes it
on close. A second window or a command finds it and can say who holds the archive. A lock is stale —
ignored and replaced — when its process is gone (same computer) or it was not refreshed for
STALE_AFTER_S (a crash on another computer). The lock tells; it does not enforce: revisions
(core/archive) are what keep two writers from overwriting each other.
"""
from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

HEARTBEAT_S = 60
STALE_AFTER_S = 10 * 60
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ncpfs", "davfs", "ceph",
                        "glusterfs", "fuse.sshfs", "fuse.gvfsd-fuse", "fuse.davfs2", "fuse.glusterfs"}


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    since: datetime
    refreshed: datetime

    @property
    def on_this_computer(self) -> bool:
        return self.host == socket.gethostname()

    def describe(self) -> str:
        where = "本机" if self.on_this_computer else f"计算机“{self.host}”"
        return f"{where}上的法治年报（进程 {self.pid}，{self.since:%m月%d日 %H:%M} 起）"


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def read_owner(db_path: Path, now: datetime | None = None) -> LockOwner | None:
    """The live holder of the archive other than this process, or None."""
    try:
        data = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
        owner = LockOwner(int(data["pid"]), str(data["host"]), datetime.fromisoformat(data["since"]),
                          datetime.fromisoformat(data["refreshed"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if owner.on_this_computer and owner.pid == os.getpid():
        return None
    if (now or datetime.now()) - owner.refreshed > timedelta(seconds=STALE_AFTER_S):
        return None
    if owner.on_this_computer and not process_alive(owner.pid):
        return None
    return owner


class ArchiveLock:
    """This process's lock on an archive."""

    def __init__(self, db_path: Path):
        self.path = lock_path(db_path)
        self.since = datetime.now()

    def acquire(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        now = datetime.now()
        data = {"pid": os.getpid(), "host": socket.gethostname(), "since": self.since.isoformat(),
                "refreshed": now.isoformat()}
        temp = self.path.with_name(self.path.name + f".{os.getpid()}")
        try:
            temp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:
            temp.unlink(missing_ok=True)  # a lock we cannot write only means others are not told

    def release(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("pid") == os.getpid() and data.get("host") == socket.gethostname():
                self.path.unlink()
        except (OSError, ValueError):
            pass


def process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def on_network(path: Path, mounts_text: str | None = None) -> bool:
    """Whether the archive lives on a network file system, where SQLite's WAL does not work."""
    path = Path(path)
    if sys.platform == "win32":
        text = str(path)
        if text.startswith("\\\\"):
            return True
        import ctypes
        drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    target = str(path.resolve() if path.exists() else path.parent.resolve())
    best, fstype = "", ""
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, fstype = point, fields[2]
    return fstype in NETWORK_FILE_SYSTEMS
