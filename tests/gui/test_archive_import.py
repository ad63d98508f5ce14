"""文件 ▸ 导入档案…: through the menu, a file from another PC is previewed report by report, and only what
the clerk chose changes — the open report showing the file's text when she chose to take it."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QTableWidget

from core.archive import Archive
from core.outline import ITEM2, Block
from gui.archive_import import REPLACE
from tests.support.gui import answer_next_dialog, message_boxes, seed_report

MINE = [Block(ITEM2, "本机的小标题。", "本机写的段落。")]
THEIRS = [Block(ITEM2, "另一台电脑的小标题。", "另一台电脑写的段落。")]


def _exported_from_another_pc(tmp_path) -> str:
    path = tmp_path / "党政办-2.sqlite3"
    seed_report(path, 2024, THEIRS)
    seed_report(path, 2023)
    return str(path)


def _measures_text(window) -> str:
    page = next(p for p in window.tabs.pages() if p.chapter.template_key == "measures")
    return page.editor.toPlainText()


def _choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (str(path), ""))


def test_the_menu_previews_then_replaces_only_what_was_chosen(qtbot, open_window, db_path, tmp_path,
                                                              monkeypatch):
    seed_report(db_path, 2024, MINE)
    window = open_window()
    assert "本机写的段落" in _measures_text(window)
    _choose_file(monkeypatch, _exported_from_another_pc(tmp_path))
    seen = {}

    def choose_replace(dialog):
        table = dialog.findChild(QTableWidget, "mergeTable")
        seen["rows"] = {table.item(r, 0).text(): table.cellWidget(r, 4).currentText()
                        if table.cellWidget(r, 4) else table.item(r, 4).text() for r in range(table.rowCount())}
        next(iter(dialog.choices.values())).setCurrentIndex(REPLACE)
        dialog.accept()
    answer_next_dialog(then=choose_replace)
    window.import_archive_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes("mergeDone")), timeout=10000)

    assert seen["rows"] == {"2024年": "不同：保留本机的", "2023年": "新增"}  # newest first
    assert "新增 1 份，替换 1 份" in message_boxes("mergeDone")[0].text()
    assert "另一台电脑写的段落" in _measures_text(window)  # the open report shows what was taken
    with Archive(db_path) as archive:
        assert sorted(r.year for r in archive.list_reports()) == [2023, 2024]
        labels = [s.label for s in archive.list_snapshots(archive.find_report(2024))]
        assert "导入档案“党政办-2.sqlite3”之前" in labels


def test_cancelling_the_preview_changes_nothing(qtbot, open_window, db_path, tmp_path, monkeypatch):
    seed_report(db_path, 2024, MINE)
    window = open_window()
    _choose_file(monkeypatch, _exported_from_another_pc(tmp_path))
    shown = []
    answer_next_dialog(then=lambda dialog: (shown.append(dialog.objectName()), dialog.reject()))
    window.import_archive_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == ["mergePreview"]
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]
    assert "本机写的段落" in _measures_text(window)


def test_a_file_that_is_not_an_archive_is_explained(qtbot, open_window, db_path, tmp_path, monkeypatch):
    seed_report(db_path, 2024, MINE)
    window = open_window()
    bad = tmp_path / "报告.sqlite3"
    bad.write_bytes(b"PK\x03\x04 a zip, not an archive")
    _choose_file(monkeypatch, bad)
    window.import_archive_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes("errorBox")), timeout=10000)
    assert "不是法治年报的档案文件" in message_boxes("errorBox")[0].text()
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]
