"""打印 and 打印预览: the preview's pages sent to a QPrinter at true size with gui.page_painter.

The printer gets A4 with no margins of its own; the page model already places everything on the
paper. Page ranges count physical pages (the 「— N —」 numbers), so 双面 keeps odd pages on the front.
"""
from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from core.pages import PageLayout
from gui.page_painter import PagePainter


def prepare_printer(printer: QPrinter, title: str, page_count: int) -> None:
    printer.setDocName(title)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    printer.setFromTo(1, page_count)


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """1-based page numbers the print dialog's range asks for."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or page_count, page_count)
        return list(range(first, last + 1))
    return list(range(1, page_count + 1))


def print_layout(printer: QPrinter, layout: PageLayout, font_set: str) -> int:
    """Paint the chosen pages of `layout` on `printer`; returns the number of pages sent."""
    numbers = pages_to_print(printer, len(layout.pages))
    painter = QPainter()
    if not numbers or not painter.begin(printer):
        return 0
    try:
        page_painter = PagePainter(font_set)
        origin = printer.pageLayout().fullRectPixels(printer.resolution()).topLeft()
        painter.translate(-origin.x(), -origin.y())  # the paper's corner, whatever the printer's margins
        page_painter.scale_to(painter, printer.resolution())
        for count, number in enumerate(numbers):
            if count:
                printer.newPage()
            page_painter.paint(painter, layout.pages[number - 1], paper=False)
    finally:
        painter.end()
    return len(numbers)


class PrintFlow:
    """The dialogs: 打印 (printer, copies, range, duplex) and 打印预览, both from the preview's layout."""

    def __init__(self, parent: QWidget):
        self.parent = parent

    def print_dialog(self, layout: PageLayout, title: str, font_set: str) -> int:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, title, len(layout.pages))
        dialog = QPrintDialog(printer, self.parent)
        dialog.setWindowTitle(self.parent.tr("打印"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        dialog.setMinMax(1, len(layout.pages))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return 0
        return print_layout(printer, layout, font_set)

    def preview_dialog(self, layout: PageLayout, title: str, font_set: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, title, len(layout.pages))
        dialog = QPrintPreviewDialog(printer, self.parent)
        dialog.setWindowTitle(self.parent.tr("打印预览"))
        dialog.paintRequested.connect(lambda target: print_layout(target, layout, font_set))
        dialog.resize(900, 700)
        dialog.exec()
