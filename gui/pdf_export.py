"""导出 PDF: the page model's pages painted with gui.page_painter into a QPdfWriter — A4, fonts
embedded, the report's title and organ in the metadata — written atomically like the .docx (a temp
file in the target folder renamed over the target; a read-only target is refused).

Used by the export dialog and by `python main.py export REPORT --out F.pdf` (the CLI reaches Qt only
through this module and gui.app; see ARCHITECTURE.md).
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from pathlib import Path

from core.docx_export import ExportFailed, checked_target, write_atomically
from core.export_options import DEFAULT_FONT_SET, DEFAULT_VARIANT
from core.outline import Report
from core.pages import PageLayout, layout_report

# Radicals (CJK Radicals Supplement) that share a glyph with an ideograph in CJK fonts such as Noto
# CJK; the Kangxi Radicals block folds by NFKC. Qt's ToUnicode map picks the lowest code point of a
# glyph, so without this a copied 民 would paste as ⺠ and a search for 毛 would miss ⽑.
SUPPLEMENT_RADICALS = {
    "⺁": "厂", "⺠": "民", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长",
    "⻔": "门", "⻘": "青", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻠": "饣", "⻢": "马", "⻣": "骨",
    "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟"}
_CMAP_SECTION = re.compile(rb"begin(bfchar|bfrange)\n(.*?)\nend\1", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")

PDF_RESOLUTION = 1200  # dpi: positions in the PDF are rounded to 1/1200 inch (≈ 1.2 twips)


def ensure_gui_application():
    """Fonts need a Qt application; the CLI has none (offscreen, no window is shown). A QApplication,
    not a QGuiApplication, so that widgets can still be made in the same process (tests)."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        # Without a display (a server, an SSH session) Linux needs the offscreen platform; Windows and
        # macOS keep their own, which knows the system's fonts and shows nothing unless asked.
        headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                             or os.environ.get("WAYLAND_DISPLAY"))
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def pdf_warnings(layout: PageLayout, font_set: str = DEFAULT_FONT_SET) -> list[str]:
    """The page model's warnings and the fonts drawn in place of missing ones."""
    from gui.page_painter import font_warnings
    return list(layout.warnings) + [w.replace("页面改用", "PDF 中改用") for w in font_warnings(font_set)]


def pdf_bytes(layout: PageLayout, *, title: str = "", author: str = "",
              font_set: str = DEFAULT_FONT_SET) -> bytes:
    """Every page of `layout` painted into a PDF, in memory."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
    from core import APP_NAME
    from gui.page_painter import PagePainter
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setAuthor(author)
    writer.setCreator(APP_NAME)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportFailed("无法生成 PDF（Qt 的 PDF 输出不可用）。请改为导出 Word。")
    try:
        page_painter = PagePainter(font_set)
        page_painter.scale_to(painter, writer.resolution())
        for index, page in enumerate(layout.pages):
            if index:
                writer.newPage()
            page_painter.paint(painter, page, paper=False)
    finally:
        painter.end()
    buffer.close()
    return unify_radicals(bytes(data.data()))


def ideograph_for(code: int) -> int:
    """The unified ideograph a radical code point stands for (others unchanged, BMP only)."""
    char = chr(code)
    folded = SUPPLEMENT_RADICALS.get(char) or unicodedata.normalize("NFKC", char)
    return ord(folded) if len(folded) == 1 and ord(folded) <= 0xFFFF else code


def unify_radicals(pdf: bytes) -> bytes:
    """Point the ToUnicode maps' radical code points at the ideographs the text holds. Qt writes
    these maps uncompressed; each 4-digit code is replaced by another, so no offset moves."""
    def destination(match: re.Match) -> bytes:
        code = int(match.group(1), 16)
        return b"<%04X>" % ideograph_for(code) if 0x2E80 <= code <= 0x2FDF else match.group(0)

    def section(match: re.Match) -> bytes:
        lines = []
        for line in match.group(2).split(b"\n"):
            head, sep, tail = line.partition(b"[")
            if sep:  # <first> <last> [<dst> …]
                lines.append(head + sep + _HEX.sub(destination, tail))
            else:  # bfchar <src> <dst>, bfrange <first> <last> <dst>: only the last code is a destination
                codes = list(_HEX.finditer(line))
                single = len(codes) == 2 or (len(codes) == 3 and codes[0].group(1) == codes[1].group(1))
                if single:
                    last = codes[-1]
                    line = line[:last.start()] + destination(last) + line[last.end():]
                lines.append(line)
        return match.group(0).replace(match.group(2), b"\n".join(lines))
    return _CMAP_SECTION.sub(section, pdf)


def write_pdf_pages(layout: PageLayout, path, **metadata) -> None:
    """The PDF straight to `path` (tests, benchmarks); exports go through export_pdf."""
    Path(path).write_bytes(pdf_bytes(layout, **metadata))


def export_pdf(report: Report, path, variant: str = DEFAULT_VARIANT, font_set: str = DEFAULT_FONT_SET,
               *, overwrite: bool = True, figures_table: list | None = None) -> PageLayout:
    """Write `report` as a PDF of the same pages as the .docx export (with the 附件 when
    `figures_table` has figures to print); returns the layout it drew."""
    target = checked_target(path, variant, overwrite)
    ensure_gui_application()
    layout = layout_report(report, variant, figures_table)
    data = pdf_bytes(layout, title=report.title, author="、".join(report.organ_names), font_set=font_set)
    write_atomically(data, target)  # in memory first: a full disk cannot leave half a PDF
    return layout
