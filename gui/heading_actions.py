"""设为小标题 / 取消小标题: the editor's commands for an item's heading (its context menu and keys)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


class HeadingActions(QObject):
    """Owned by one BlockEditor; its shortcuts work while that editor has the focus."""

    def __init__(self, editor):
        super().__init__(editor)
        self.set_action = self._action(editor, self.tr("设为小标题"), "Ctrl+B",
                                       self.tr("条目的小标题到光标处（或所选文字末尾）为止；打印时（一）的小标题用楷体"),
                                       editor.set_heading_end)
        self.clear_action = self._action(editor, self.tr("取消小标题"), "Ctrl+Shift+B",
                                         self.tr("所在条目不设小标题，全段作为正文文字"), editor.clear_heading)

    @staticmethod
    def _action(editor, text: str, keys: str, tip: str, slot) -> QAction:
        action = QAction(text, editor)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        editor.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.set_action, self.clear_action]
