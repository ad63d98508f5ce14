"""文件 ▸ 公文字体: which font set the export names (some localities use 仿宋 instead of 仿宋_GB2312)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from core.fonts import DEFAULT_FONT_SET, FONT_SETS
from gui.settings import Settings


class FontSetMenu(QMenu):
    changed = Signal(str)  # the chosen font set's name

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(self.tr("公文字体"), parent)
        self.settings = settings
        self.setToolTipsVisible(True)
        current = settings.font_set if settings.font_set in FONT_SETS else DEFAULT_FONT_SET
        group = QActionGroup(self)
        for name, font_set in FONT_SETS.items():
            action = QAction(self.tr(font_set.label), self, checkable=True)
            action.setData(name)
            action.setChecked(name == current)
            group.addAction(action)
            self.addAction(action)
        group.triggered.connect(self._choose)

    def chosen(self) -> str:
        return next(a.data() for a in self.actions() if a.isChecked())

    def _choose(self, action: QAction) -> None:
        self.settings.font_set = action.data()
        self.changed.emit(action.data())
