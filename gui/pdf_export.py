"""导出 PDF: the page model's pages painted with gui.page_painter into a QPdfWriter — A4, fonts
embedded, the report's title and organ in the metadata — written atomically like the .docx (a temp
file in the target folder renamed over the target; a read-only target is refused).

Used by the export dialog and by `python main.py export REPORT --out F.pdf` (the CLI reaches Qt only
through this module and gui.app; see ARCHITECTURE.md).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from core.docx_export import ExportFailed, TargetExists, describe_write_error
from core.docx_export import _check_target as check_target  # one rule for what may be replaced
from core.export_options import DEFAULT_FONT_SET, DEFAULT_VARIANT, VARIANTS, variants_help
from core.outline import Report
from core.pages import PageLayout, layout_report

PDF_RESOLUTION = 1200  # dpi: positions in the PDF are rounded to 1/1200 inch (≈ 1.2 twips)


def ensure_gui_application():
    """Fonts need a Qt application; the CLI has none (offscreen, no window is shown). A QApplication,
    not a QGuiApplication, so that widgets can still be made in the same process (tests)."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def pdf_warnings(layout: PageLayout, font_set: str = DEFAULT_FONT_SET) -> list[str]:
    """The page model's warnings and the fonts drawn in place of missing ones."""
    from gui.page_painter import font_warnings
    return list(layout.warnings) + [w.replace("页面改用", "PDF 中改用") for w in font_warnings(font_set)]


def write_pdf_pages(layout: PageLayout, path: Path, *, title: str = "", author: str = "",
                    font_set: str = DEFAULT_FONT_SET) -> None:
    """Paint every page of `layout` into a PDF at `path` (not atomic; see export_pdf)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
    from gui.page_painter import PagePainter
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setAuthor(author)
    from core import APP_NAME
    writer.setCreator(APP_NAME)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot open {path} for PDF output")
    try:
        page_painter = PagePainter(font_set)
        page_painter.scale_to(painter, writer.resolution())
        for index, page in enumerate(layout.pages):
            if index:
                writer.newPage()
            page_painter.paint(painter, page, paper=False)
    finally:
        painter.end()


def export_pdf(report: Report, path, variant: str = DEFAULT_VARIANT, font_set: str = DEFAULT_FONT_SET,
               *, overwrite: bool = True) -> PageLayout:
    """Write `report` as a PDF of the same pages as the .docx export; returns the layout it drew."""
    if variant not in VARIANTS:
        raise ExportFailed(f"未知的导出样式「{variant}」。可选：{variants_help()}。")
    target = Path(path)
    if not overwrite and target.exists():
        raise TargetExists(f"文件 {target} 已存在。如要覆盖，请加 --force，或换一个文件名。")
    ensure_gui_application()
    layout = layout_report(report, variant)
    try:
        mode = check_target(target)
        handle, temp_name = tempfile.mkstemp(prefix=".~", suffix=".pdf.tmp", dir=target.parent)
        os.close(handle)
    except OSError as err:
        raise ExportFailed(describe_write_error(err, target)) from err
    temp = Path(temp_name)
    try:
        write_pdf_pages(layout, temp, title=report.title, author="、".join(report.organ_names),
                        font_set=font_set)
        if hasattr(os, "chmod"):
            os.chmod(temp, mode)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
    except OSError as err:
        raise ExportFailed(describe_write_error(err, target)) from err
    finally:
        temp.unlink(missing_ok=True)
    return layout
