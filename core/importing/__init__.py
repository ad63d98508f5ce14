"""Importing earlier reports: pick the reader by file type, recognise, and store."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import ImportFailed
from core.outline import Report
from core.importing.clean import clean_paragraphs
from core.importing.recognize import ImportResult, build_report

if TYPE_CHECKING:  # the archive (SQLAlchemy) is not needed to read a file; the window starts without it
    from core.archive import Archive

TEXT_SUFFIXES = {".txt", ".text", ""}


def import_file(path: Path | str, year: int | None = None) -> ImportResult:
    """Read and recognise a report file; nothing is stored. Raises ImportFailed with a Chinese message."""
    path = Path(path)
    if not path.exists():
        raise ImportFailed(f"找不到文件“{path}”。请检查路径后重试。")
    if path.is_dir():
        raise ImportFailed(f"“{path}”是文件夹，请选择报告文件。")
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            from core.importing.text import read_text_paragraphs
            paragraphs, notes = read_text_paragraphs(path)
        elif suffix in (".docx", ".doc", ".wps"):
            from core.importing.docx import read_word_paragraphs
            paragraphs, notes = read_word_paragraphs(path)
        else:
            raise ImportFailed(f"不支持“{path.suffix}”格式。请导入 .docx 或 .txt 文件"
                               "（.doc、.wps 请先在 Word/WPS 中另存为 .docx）。")
    except OSError as err:
        raise ImportFailed(f"无法读取“{path.name}”：{err.strerror or err}。请检查文件是否被占用或损坏。") from err
    paragraphs, cleaned = clean_paragraphs(paragraphs)
    if not paragraphs:
        raise ImportFailed(f"“{path.name}”是空的，没有可导入的内容。")
    result = build_report(paragraphs, year=year, source_name=path.name)
    if not any(c.blocks for c in result.report.chapters):
        raise ImportFailed(f"在“{path.name}”中没有找到报告正文；未导入任何内容。")
    result.notes[:0] = notes + cleaned
    return result


def existing_report_id(archive: Archive, report: Report) -> int | None:
    """A live report of the same year and lead organ (any organ when the import names none)."""
    return archive.same_report_id(report)


def store_import(archive: Archive, result: ImportResult, replace: bool = False) -> tuple[int, bool]:
    """Store an import in one transaction; over an existing year only with replace=True, after
    snapshotting the old text. Returns (report id, replaced)."""
    return archive.import_report(result.report, replace, result.source_name)
