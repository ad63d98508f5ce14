"""Issue 12.6: Qt's own file dialog speaks Chinese, whatever the system locale."""
from __future__ import annotations

import re

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from gui.app import _install_qt_translation


def test_file_dialog_labels_are_chinese(qtbot):
    app = QApplication.instance()
    _install_qt_translation(app)
    try:
        dialog = QFileDialog(None, "导出 Word")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
        assert texts and not [text for text in texts if re.search("[A-Za-z]{2,}", text)], texts
    finally:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
            translator.deleteLater()
