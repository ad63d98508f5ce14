"""文件 ▸ 导出档案…: the window's archive (here on the test server) becomes one SQLite file with the same
reports and text, replacing an older file of that name only once verified."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from core.archive import Archive
from gui.archive_export import export_archive
from gui.main_window import MainWindow
from tests.support.gui import chapter_tab, commit_text, seed_report, stored_text


def test_a_server_archive_is_exported_to_one_file(qtbot, settings, pg_database, tmp_path, monkeypatch):
    seed_report(pg_database, blocks=[])
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_archive(pg_database)
    commit_text(chapter_tab(window, "measures").editor, "导出前刚输入的段落")
    target = tmp_path / "送县司法局.sqlite3"
    target.write_bytes(b"an older export")  # the save dialog asked already whether to replace it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), ""))
    export_archive(window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("已导出档案"), timeout=10000)
    assert "1 份报告" in window.statusBar().currentMessage()
    assert "导出前刚输入的段落" in stored_text(target)  # typed text was written before the copy
    with Archive(target) as copy:
        assert [r.year for r in copy.list_reports()] == [2024]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial file left
