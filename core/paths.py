"""Where things live: the data shipped inside the installed packages, and the per-user archive.

Shipped data (resources/, core/migrations/) is found through importlib.resources, never through a
path relative to the checkout, so a pip install, an editable checkout and a PyInstaller bundle all work.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

APP_DIR_NAME = "FazhiNianbao"
DB_FILE_NAME = "archive.sqlite3"
LOG_DIR_NAME = "logs"
RESOURCE_PACKAGE = "resources"


def resource_path(name: str) -> Path:
    """A file shipped in resources/ (template.json, icons/…), as a real file path."""
    return package_folder(RESOURCE_PACKAGE) / name


def read_resource_text(name: str) -> str:
    return files(RESOURCE_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def package_folder(package: str, *parts: str) -> Path:
    """A folder shipped inside an installed package, as a real path (Alembic reads its scripts by path).

    Installed packages and a one-folder bundle are plain folders already; a package imported from a
    zip archive is copied out once into a temporary folder."""
    folder: Traversable = files(package)
    for part in parts:
        folder = folder / part
    if isinstance(folder, Path):
        return folder
    target = Path(tempfile.mkdtemp(prefix=f"{APP_DIR_NAME}-")) / "/".join((package, *parts))
    _copy_tree(folder, target)
    return target


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        else:
            with entry.open("rb") as src, open(target / entry.name, "wb") as dst:
                shutil.copyfileobj(src, dst)


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
    return user_data_dir() / LOG_DIR_NAME
