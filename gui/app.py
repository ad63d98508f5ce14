"""Start the window (placeholder until the drafting window lands)."""
from __future__ import annotations

import sys


def run_gui(db_path: str | None) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("法治年报")
    window.show()
    return app.exec()
