"""Export a report as a print-ready GB/T 9704-2012 公文 (.docx).

The document is built in memory, written to a temporary file in the target folder and renamed over
the target only when complete and on disk, so a failed export never leaves half a document, a stray
temporary file or a damaged old file. A read-only target is never replaced; a new file gets the
permissions the user's umask gives (0644 typically), a replaced one keeps its own.
"""
from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from pathlib import Path

from core.docx_export.build import build_document
from core.errors import AppError
from core import fonts
from core.export_options import DEFAULT_FONT_SET, DEFAULT_VARIANT, VARIANT_LABELS, VARIANTS, variants_help
from core.outline import Report


class ExportFailed(AppError):
    """The .docx could not be written; any file already at the target is unchanged."""


class TargetExists(ExportFailed):
    """The target exists and overwriting was not allowed."""


def default_file_name(report: Report) -> str:
    organ = report.organ_names[0] if report.organs else ""
    return f"{organ}{report.year}年法治政府建设年度报告.docx"


def export_report(report: Report, path, variant: str = DEFAULT_VARIANT, font_set: str = DEFAULT_FONT_SET,
                  *, overwrite: bool = True, figures_table: list | None = None) -> None:
    """Write `report` to `path` as a .docx in the given variant (red / plain / web); with the 附件
    「主要数据对照表」 when `figures_table` (Archive.figure_table) has figures to print."""
    target = checked_target(path, variant, overwrite)
    document = build_document(report, variant, fonts.font_set(font_set), figures_table=figures_table)
    buffer = io.BytesIO()
    document.save(buffer)  # in memory: a full disk cannot interrupt the zip writer half-way
    write_atomically(buffer.getvalue(), target)


def checked_target(path, variant: str, overwrite: bool) -> Path:
    """The target of an export (.docx or .pdf) once the variant is known and overwriting allowed."""
    if variant not in VARIANTS:
        raise ExportFailed(f"未知的导出样式「{variant}」。可选：{variants_help()}。")
    target = Path(path)
    if not overwrite and target.exists():
        raise TargetExists(f"文件 {target} 已存在。如要覆盖，请加 --force，或换一个文件名。")
    return target


def write_atomically(data: bytes, target: Path) -> None:
    """`data` to a temp file in the target's folder, synced, then renamed over the target."""
    try:
        mode = _check_target(target)
        handle, temp_name = tempfile.mkstemp(prefix=".~", suffix=target.suffix + ".tmp", dir=target.parent)
    except OSError as err:
        raise ExportFailed(describe_write_error(err, target)) from err
    temp = Path(temp_name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            if hasattr(os, "fchmod"):  # not on Windows, where a new file is readable by others anyway
                os.fchmod(handle, mode)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temp, target)
    except OSError as err:
        raise ExportFailed(describe_write_error(err, target)) from err
    finally:
        temp.unlink(missing_ok=True)


def _check_target(target: Path) -> int:
    """Refuse what must not be replaced; the permission bits the written file gets."""
    if target.is_dir():
        raise ExportFailed(f"{target} 是一个文件夹。请在文件名中写明 .docx 文件的名称。")
    if not target.parent.is_dir():
        raise ExportFailed(f"文件夹 {target.parent} 不存在。请先创建该文件夹，或换一个保存位置。")
    try:
        existing = target.stat()
    except FileNotFoundError:
        return 0o666 & ~_umask()
    if not existing.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise ExportFailed(f"文件 {target} 是只读文件，不能覆盖。请换一个文件名，或先在文件属性中取消“只读”。"
                           "原有文件未被改动。")
    return stat.S_IMODE(existing.st_mode)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def describe_write_error(err: OSError, path: Path) -> str:
    if isinstance(err, PermissionError):
        return (f"无法写入 {path}：文件正被 Word/WPS 等程序打开，或该位置没有写入权限。"
                "请关闭打开该文件的程序，或换一个文件名/保存位置后重试。原有文件未被改动。")
    if getattr(err, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return f"磁盘空间不足，无法写入 {path}。请清理磁盘空间后重试。原有文件未被改动。"
    return f"写入 {path} 时出错：{err.strerror or err}。请换一个保存位置后重试。原有文件未被改动。"


__all__ = ["export_report", "checked_target", "write_atomically", "default_file_name", "ExportFailed", "TargetExists",
           "VARIANTS", "VARIANT_LABELS"]
