"""文件 ▸ 导出档案…: the whole archive (a file or a server's) as one portable SQLite file, for taking the
reports to another PC or sending them to the county; the receiver opens it with --db or copies it to
a server (python main.py copy). core/archive/transfer.py copies and verifies counts and a content hash.

The copy is written beside the chosen name and renamed over it only when complete and verified, so an
existing file of that name is never left half-written.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from gui.errors import show_error

SUFFIX = ".sqlite3"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ArchiveExport", text)


def export_archive(window) -> None:
    if window.archive is None:
        return
    start = Path(window.settings.last_export_dir or Path.home()) / f"法治年报档案-{date.today():%Y%m%d}{SUFFIX}"
    chosen, _ = QFileDialog.getSaveFileName(window, _tr("导出档案"), str(start),
                                            _tr("法治年报档案 (*.sqlite3)"))
    if not chosen:
        return
    target = Path(chosen if chosen.endswith(SUFFIX) else chosen + SUFFIX)
    window.settings.last_export_dir = str(target.parent)
    window.statusBar().showMessage(_tr("正在导出档案…"))  # queued behind what was typed: it is in the copy
    window.database.run(lambda source: write_portable_copy(source, target),
                        lambda summary: _done(window, target, summary, None),
                        lambda error: _done(window, target, None, error))


def write_portable_copy(source, target: Path) -> str:
    """Copy `source` into a new SQLite file at `target` (replacing it only when verified); a summary."""
    from core.archive import Archive
    from core.archive.transfer import copy_archive, describe
    partial = target.with_name(f".{target.name}.part")
    _remove(partial)
    try:
        with Archive(partial, daily_backup=False) as copy:
            result = copy_archive(source, copy)
        os.replace(partial, target)
    finally:
        _remove(partial)
    return describe(result)


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _done(window, target: Path, summary: str | None, error: Exception | None) -> None:
    window.statusBar().clearMessage()
    if error is not None:
        show_error(window, error, _tr("导出档案失败"))
        return
    window.statusBar().showMessage(_tr("已导出档案到 {0}：{1}").format(target, summary), 15000)
