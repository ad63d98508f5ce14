"""查找 (Ctrl+F) in the open report: a bar under the chapters, like a browser's."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QWidget):
    find_requested = Signal(str, bool)  # text, backward

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("在本报告中查找"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(lambda: self.find_requested.emit(self.edit.text(), False))
        self.result = QLabel()
        previous = QPushButton(self.tr("上一个"))
        previous.clicked.connect(lambda: self.find_requested.emit(self.edit.text(), True))
        following = QPushButton(self.tr("下一个"))
        following.clicked.connect(lambda: self.find_requested.emit(self.edit.text(), False))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("查找：")))
        layout.addWidget(self.edit, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.result)
        layout.addWidget(close)

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def show_result(self, found: bool) -> None:
        self.result.setText("" if found else self.tr("未找到"))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)
