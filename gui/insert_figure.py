"""「插入数据」: a menu of the figures filled in on the 数据 tab; choosing one types it into the chapter being
edited as a sentence fragment (「审查合同959份」), where the cursor is."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:  # core.figures loads when the menu first opens, not with the window's frame
    from core.figures import Figure


class InsertFigureMenu(QMenu):
    def __init__(self, figures: Callable[[], list[Figure]], editor: Callable[[], object],
                 parent: QWidget | None = None):
        """figures(): the figures as typed on the 数据 tab; editor(): the chapter editor in use, or None."""
        super().__init__(parent)
        self.setTitle(self.tr("插入数据"))
        self._figures, self._editor = figures, editor
        self.aboutToShow.connect(self._fill)

    def _fill(self) -> None:
        from core.figures import format_value, fragment
        self.clear()
        filled = [f for f in self._figures() if f.value is not None]
        if self._editor() is None:
            self._explain(self.tr("请先在正文中点到要插入的位置"))
        elif not filled:
            self._explain(self.tr("“数据”页还没有填写数据"))
        for figure in filled:
            action = self.addAction(f"{figure.label}  {format_value(figure.value, figure.unit)}")
            action.setToolTip(fragment(figure))
            action.setEnabled(self._editor() is not None)
            action.triggered.connect(lambda _checked=False, f=figure: self.insert(f))

    def _explain(self, text: str) -> None:
        self.addAction(text).setEnabled(False)

    def insert(self, figure: Figure) -> None:
        editor = self._editor()
        if editor is not None and not editor.isReadOnly():
            from core.figures import fragment
            editor.textCursor().insertText(fragment(figure))
            editor.setFocus()
