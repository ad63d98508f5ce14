"""Where things live: the bundled resources and the per-user archive."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "FazhiNianbao"
DB_FILE_NAME = "archive.sqlite3"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    return RESOURCES / name


def user_data_dir() -> Path:
    """%APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_DATA_HOME elsewhere."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_db_path() -> Path:
    return user_data_dir() / DB_FILE_NAME


def log_dir() -> Path:
    """Where the rotating log file is written (core/logs.py); 帮助 ▸ 打开日志文件夹 opens it."""
    return user_data_dir() / "logs"
