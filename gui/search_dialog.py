"""全文检索: search every year's report; activating a hit opens it at the paragraph.

It is a window of its own, not a child of the main window: a child stays on top of the report it has
just opened (issue 12.6). Activating a hit brings the main window to the front; closing the main
window closes it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget


HIT_ROLE = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 250
_OPEN: set[QDialog] = set()  # parentless windows need a Python reference while they are shown


class SearchDialog(QDialog):
    hit_activated = Signal(int, int, int, str)  # report id, chapter id, paragraph index, query

    def __init__(self, database, owner: QWidget | None = None):
        """`database`: gui/database.py's Database; a search is queued behind what was typed."""
        super().__init__(None)
        self.database = database
        self._owner = owner
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _OPEN.add(self)
        self.destroyed.connect(lambda: _OPEN.discard(self))
        if owner is not None:
            owner.installEventFilter(self)
        self.setWindowTitle(self.tr("全文检索"))
        self.resize(820, 520)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("输入要查找的文字，在所有年度的报告中检索"))
        self.query.setClearButtonEnabled(True)
        self.results = QTreeWidget()
        self.results.setHeaderLabels([self.tr("年度"), self.tr("部分"), self.tr("内容")])
        self.results.setRootIsDecorated(False)
        self.results.setColumnWidth(0, 70)
        self.results.setColumnWidth(1, 220)
        self.results.itemActivated.connect(self._activate)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda: self._timer.start(SEARCH_DELAY_MS))
        self.query.returnPressed.connect(self.run)

    def run(self) -> None:
        self._timer.stop()
        text = self.query.text().strip()
        self.results.clear()
        if not text:
            self.summary.setText("")
            return
        self.database.run(lambda archive: archive.search(text), lambda hits: self._show(text, hits))

    def _show(self, text: str, hits) -> None:
        if text != self.query.text().strip():
            return  # typed on meanwhile: the newer search shows
        self.results.clear()
        for hit in hits:
            item = QTreeWidgetItem(self.results, [f"{hit.year}", hit.chapter_title, hit.snippet])
            item.setToolTip(2, hit.snippet)
            item.setData(0, HIT_ROLE, (hit.report_id, hit.chapter_id, hit.block_index))
        self.summary.setText(self.tr("找到 {0} 处。双击打开。").format(len(hits)) if hits
                             else self.tr("没有找到“{0}”。").format(text))

    def _activate(self, item: QTreeWidgetItem, _column: int) -> None:
        report_id, chapter_id, block_index = item.data(0, HIT_ROLE)
        self.hit_activated.emit(report_id, chapter_id, block_index, self.query.text().strip())
        if self._owner is not None:  # the report it opened comes in front of this window
            self._owner.window().raise_()
            self._owner.window().activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._owner and event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.close()  # the main window was closed (a minimised one hides spontaneously)
        return False
