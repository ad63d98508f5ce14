"""The check panel shows what this PC lacks (fonts) once, in its header, apart from the findings of the
report, which it no longer repeats for every report."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QTreeWidget

from core.fonts import missing_fonts
from gui.check_panel import CheckPanel
from tests.support.reports import clean_report


def test_font_notes_are_in_the_header_not_in_the_list(qtbot, archive, settings):
    from gui.database import Database
    panel = CheckPanel(Database(archive), settings)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.checked):
        panel.set_report(archive.create_report(clean_report()))
    missing = missing_fonts(settings.font_set, set(QFontDatabase.families()))
    header = panel.findChild(QLabel, "checkPcNotes")
    assert header.isVisible() == bool(missing)
    assert all(f"“{family}”" in header.text() for family, _ in missing)
    assert panel.findChild(QTreeWidget, "checkFindings").topLevelItemCount() == 0
    assert "未发现问题" in panel.findChild(QLabel, "checkSummary").text()
