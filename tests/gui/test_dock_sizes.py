"""Issue 12.4: the 检查 and 版面预览 docks never come back too small to use, whatever was saved or dragged."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.window_layout import MIN_DOCK
from tests.support.gui import seed_report


def _docks(window):
    if not window.check_action.isChecked():
        window.check_action.trigger()  # 检查 (F7) opens its dock at the bottom
    window.preview.dock.show()
    return {"preview": window.preview.dock, "check": window.check_panel.parentWidget()}


def test_docks_shrunk_to_a_sliver_come_back_usable(qtbot, open_window, db_path):
    seed_report(db_path)
    window = open_window()
    docks = _docks(window)
    qtbot.wait(50)
    window.resizeDocks([docks["check"]], [1], Qt.Orientation.Vertical)
    docks["preview"].setFloating(True)
    docks["preview"].setGeometry(10, 10, 5, 5)
    qtbot.wait(50)
    for dock in docks.values():  # hidden and shown again (F7 / F8), as the clerk would look for them
        dock.hide()
        dock.show()
    qtbot.waitUntil(lambda: docks["check"].height() >= MIN_DOCK, timeout=2000)
    qtbot.waitUntil(lambda: min(docks["preview"].width(), docks["preview"].height()) >= MIN_DOCK, timeout=2000)

