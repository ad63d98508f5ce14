"""Shown on an empty archive: start a report for last year, or import earlier ones."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from core import APP_NAME


def default_report_year(today: date | None = None) -> int:
    """Reports are written early in the year about the year before."""
    return (today or date.today()).year - 1


class StartPage(QWidget):
    new_requested = Signal(int)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = default_report_year()
        title = QLabel(self.tr("欢迎使用{0}").format(APP_NAME))
        title.setObjectName("startTitle")
        intro = QLabel(self.tr("在这里起草、保存和排版本单位的法治政府建设年度报告。"
                               "输入的内容会自动保存，不需要手动存盘。"))
        intro.setWordWrap(True)
        self.new_button = QPushButton(self.tr("新建{0}年度报告").format(self.year))
        self.new_button.setToolTip(self.tr("按规定的五个部分建立报告框架，并附每部分的写作提示"))
        self.new_button.clicked.connect(lambda: self.new_requested.emit(self.year))
        self.import_button = QPushButton(self.tr("导入以往报告…"))
        self.import_button.setToolTip(self.tr("导入往年的报告文本，写新报告时可以对照上年内容"))
        self.import_button.clicked.connect(self.import_requested)
        for button in (self.new_button, self.import_button):
            button.setMinimumHeight(button.sizeHint().height() * 2)
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 80)
        column = QVBoxLayout()
        column.setSpacing(16)
        for widget in (title, intro, self.new_button, self.import_button):
            column.addWidget(widget)
        box = QWidget()
        box.setLayout(column)
        box.setFixedWidth(560)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
