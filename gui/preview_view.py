"""版面预览: the current report's A4 pages as the page model lays them out, painted by gui.page_painter
(the same painter as the printout and the PDF).

`PreviewView.show_report(report, variant, font_set)` asks for a new layout; it is computed on a worker
thread (the editor never waits) and only the newest request is shown. A click on a line emits
`jump_requested(chapter_id, block_index, start, end)` (block_index -1: the chapter's title).
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget)

from core.export_options import VARIANT_LABELS
from core.pages import PageLayout, layout_report
from core.pages.geometry import PAGE_H, PAGE_W
from gui.page_painter import PagePainter

GAP = 16  # px between pages and around them
ZOOMS = (("fit_width", "适合宽度"), ("fit_page", "适合页面"), (0.5, "50%"), (0.75, "75%"), (1.0, "100%"),
         (1.25, "125%"), (1.5, "150%"), (2.0, "200%"))


def build_layout(report, variant: str, figures_table: list | None = None) -> PageLayout:
    """The layout with every page's lines built (done on the worker thread, not while painting); with
    the 附件 「主要数据对照表」 when `figures_table` has figures to print."""
    layout = layout_report(report, variant, figures_table)
    for page in layout.pages:
        page.shapes  # noqa: B018 — builds lines and shapes
    return layout


class PagesCanvas(QWidget):
    """Every page of a layout, stacked, at `scale` screen pixels per twip."""
    line_clicked = Signal(object)  # core.pages.Line

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_: PageLayout | None = None
        self.painter = PagePainter()
        self.scale = 0.05
        self.highlighted: int | None = None  # the page holding the editor's cursor
        self.page_note = ""  # a page-model warning, marked on each page (never printed)
        self.setMouseTracking(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_layout(self, layout: PageLayout, font_set: str) -> None:
        self.layout_ = layout
        self.painter = PagePainter(font_set)
        self._resize()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._resize()

    def page_size(self) -> QSize:
        return QSize(round(PAGE_W * self.scale), round(PAGE_H * self.scale))

    def page_top(self, index: int) -> int:
        return GAP + index * (self.page_size().height() + GAP)

    def page_count(self) -> int:
        return len(self.layout_.pages) if self.layout_ else 0

    def _resize(self) -> None:
        size = self.page_size()
        self.setFixedSize(size.width() + 2 * GAP, self.page_top(self.page_count()))
        self.update()

    def _page_left(self) -> int:
        return max(GAP, (self.width() - self.page_size().width()) // 2)

    def page_at_y(self, y: int) -> int:
        """0-based page index at a canvas height."""
        step = self.page_size().height() + GAP
        return min(max(0, (y - GAP // 2) // step), max(0, self.page_count() - 1))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8a8f98"))
        if not self.layout_:
            return
        size, left = self.page_size(), self._page_left()
        for index, page in enumerate(self.layout_.pages):
            top = self.page_top(index)
            if top > event.rect().bottom() or top + size.height() < event.rect().top():
                continue
            painter.save()
            painter.translate(left, top)
            painter.scale(self.scale, self.scale)
            self.painter.paint(painter, page)
            painter.restore()
            if self.page_note:
                painter.setPen(QColor("#b35c00"))
                painter.drawText(QRectF(left + 6, top + 4, size.width() - 12, 18),
                                 Qt.AlignmentFlag.AlignRight, self.page_note)
            if index + 1 == self.highlighted:
                painter.setPen(QPen(QColor("#2f6fde"), 3))
                painter.drawRect(QRectF(left - 2, top - 2, size.width() + 4, size.height() + 4))

    def mousePressEvent(self, event) -> None:
        if not self.layout_ or event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        point: QPoint = event.position().toPoint()
        index = self.page_at_y(point.y())
        x = (point.x() - self._page_left()) / self.scale
        y = (point.y() - self.page_top(index)) / self.scale
        line = self.layout_.line_at(index + 1, int(x), int(y))
        if line is not None and line.source is not None:
            self.line_clicked.emit(line)


class PreviewView(QWidget):
    """Zoom bar, 「第 N 页，共 M 页」, page-model warnings and the scrolling pages."""
    jump_requested = Signal(int, int, int, int)  # chapter_id, block_index (-1: title), start, end
    layout_ready = Signal(object)  # the PageLayout now shown
    _computed = Signal(int, object, str, str)  # request number, layout, font set, error

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewView")
        self.canvas = PagesCanvas()
        self.canvas.line_clicked.connect(self._on_line_clicked)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self.zoom_box = QComboBox()
        for key, label in ZOOMS:
            self.zoom_box.addItem(self.tr(label), key)
        self.zoom_box.currentIndexChanged.connect(self.apply_zoom)
        self.page_label = QLabel()
        self.page_list = QComboBox()  # 转到 a page
        self.page_list.setToolTip(self.tr("转到某一页"))
        self.page_list.activated.connect(lambda index: self.show_page(index + 1))
        self.variant_box = QComboBox()
        for key, label in VARIANT_LABELS.items():
            self.variant_box.addItem(self.tr(label), key)
        self.figures_box = QCheckBox(self.tr("附数据表"))
        self.figures_box.setToolTip(self.tr("预览和打印时附“附件：主要数据对照表”"))
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #a05a00;")
        self.warning_label.hide()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("缩放：")))
        bar.addWidget(self.zoom_box)
        bar.addWidget(self.variant_box)
        bar.addWidget(self.figures_box)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        bar.addWidget(self.page_list)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(bar)
        column.addWidget(self.warning_label)
        column.addWidget(self.scroll, 1)
        self._request = 0
        self._computed.connect(self._on_computed)
        self._update_page_label()

    @property
    def layout_shown(self) -> PageLayout | None:
        return self.canvas.layout_

    # --- layout off the GUI thread ---------------------------------------------------------------

    def show_report(self, report, variant: str, font_set: str, figures_table: list | None = None) -> None:
        """Lay out `report` (a copy the caller no longer changes) on a worker thread."""
        self._request += 1
        request = self._request
        worker = threading.Thread(target=self._compute, args=(request, report, variant, font_set, figures_table),
                                  name="page-layout", daemon=True)
        worker.start()

    def _compute(self, request: int, report, variant: str, font_set: str, figures_table: list | None) -> None:
        try:
            self._computed.emit(request, build_layout(report, variant, figures_table), font_set, "")
        except Exception as err:  # noqa: BLE001 — shown in the view, the editor carries on
            self._computed.emit(request, None, font_set, f"{type(err).__name__}: {err}")

    def _on_computed(self, request: int, layout, font_set: str, error: str) -> None:
        if request != self._request:
            return  # a newer edit is being laid out
        if layout is None:
            self._show_warnings([self.tr("无法排版预览（{0}）。内容已保存，不受影响。").format(error)])
            return
        top = self.scroll.verticalScrollBar().value()
        self.canvas.set_layout(layout, font_set)
        self.apply_zoom()
        self.scroll.verticalScrollBar().setValue(top)
        warnings = list(layout.warnings) + self.canvas.painter.warnings()
        self.canvas.page_note = self.tr("⚠ 预览提示见上方") if warnings else ""
        self._show_warnings(warnings)
        if self.page_list.count() != len(layout.pages):
            self.page_list.clear()
            self.page_list.addItems([self.tr("第 {0} 页").format(page.number) for page in layout.pages])
        self._update_page_label()
        self.layout_ready.emit(layout)

    def _show_warnings(self, warnings: list[str]) -> None:
        self.warning_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warning_label.setVisible(bool(warnings))

    # --- zoom, page number, clicks ------------------------------------------------------------------

    def apply_zoom(self) -> None:
        key = self.zoom_box.currentData()
        viewport = self.scroll.viewport().size()
        bar = self.scroll.verticalScrollBar()
        width = viewport.width() - (0 if bar.isVisible() else bar.sizeHint().width())  # room for the bar
        if key == "fit_width":
            scale = (width - 2 * GAP) / PAGE_W
        elif key == "fit_page":
            scale = min((width - 2 * GAP) / PAGE_W, (viewport.height() - 2 * GAP) / PAGE_H)
        else:  # true size: a twip is 1/1440 inch at the screen's logical dpi
            scale = float(key) * self.logicalDpiX() / 1440
        self.canvas.set_scale(max(scale, 0.01))
        self._update_page_label()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.zoom_box.currentData() in ("fit_width", "fit_page"):
            self.apply_zoom()

    def current_page(self) -> int:
        """1-based page at the middle of the visible area."""
        middle = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 2
        return self.canvas.page_at_y(middle) + 1

    def _update_page_label(self) -> None:
        count = self.canvas.page_count()
        self.page_label.setText(self.tr("第 {0} 页，共 {1} 页").format(self.current_page(), count) if count
                                else self.tr("正在排版…"))

    def show_page(self, number: int) -> None:
        self.scroll.verticalScrollBar().setValue(self.canvas.page_top(number - 1) - GAP // 2)

    def highlight_page(self, number: int | None) -> None:
        if number != self.canvas.highlighted:  # a repaint per keystroke would slow the typing
            self.canvas.highlighted = number
            self.canvas.update()

    def _on_line_clicked(self, line) -> None:
        source = line.source
        if source.field is not None or source.chapter_id is None:
            return
        block = -1 if source.block_index is None else source.block_index
        self.jump_requested.emit(source.chapter_id, block, line.start, line.start)  # start: in the source text
