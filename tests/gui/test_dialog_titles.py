"""Issue 12.6: small dialogs are widened so their title is not cut."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QInputDialog

from gui import dialog_titles


def test_small_dialog_is_wide_enough_for_its_title(qtbot):
    room = dialog_titles.TitleRoom()
    QApplication.instance().installEventFilter(room)
    try:
        dialog = QInputDialog()
        dialog.setWindowTitle("保存版本")
        dialog.setLabelText("版本说明：")
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.width() >= dialog_titles.title_width(dialog)
    finally:
        QApplication.instance().removeEventFilter(room)
