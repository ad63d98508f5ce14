"""The 检查 panel on a real archive: listing, jumping, 修正, 全部修正 with a snapshot, and 撤销."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget

from core.checks import run_checks
from core.outline import report_to_dict
from gui.check_panel import CheckPanel

from tests.support.reports import OTHER, clean_report


@pytest.fixture
def stored(archive):
    report = clean_report()
    report.doc_number = "景政发【2025】7号"
    report.chapters[OTHER].blocks[0].text = "加强学习,提高能力。二是建立"
    return archive.create_report(report)


@pytest.fixture
def panel(qtbot, archive, stored):
    from PySide6.QtCore import QSettings
    from gui.settings import Settings
    from gui.database import Database
    settings = Settings(QSettings(str(archive.path.parent / "s.ini"), QSettings.Format.IniFormat))
    widget = CheckPanel(Database(archive), settings)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    with qtbot.waitSignal(widget.checked):
        widget.set_report(stored)
    return widget


def rows(panel) -> list[list[str]]:
    tree = panel.findChild(QTreeWidget, "checkFindings")
    return [[tree.topLevelItem(i).text(c) for c in range(3)] for i in range(tree.topLevelItemCount())]


def click(panel, name: str) -> None:
    QTest.mouseClick(panel.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_lists_each_finding_with_severity_place_and_message(panel, archive, stored):
    listed = rows(panel)
    expected = run_checks(archive.load_report(stored))
    assert [r[0] for r in listed[:len(expected)]] == [f.severity_label for f in expected]
    assert listed[0][:2] == ["错误", "报告信息 · 发文字号"]
    assert listed[1][1] == "五、其他需要报告的情况 · 第1段"
    assert "GB/T 15834" in listed[1][2] and "原文：" in listed[1][2]
    assert all(r[2] for r in listed)


def test_a_click_asks_to_show_the_span(qtbot, panel, archive, stored):
    tree = panel.findChild(QTreeWidget, "checkFindings")
    item = tree.topLevelItem(1)
    chapter_id = archive.load_report(stored).chapters[OTHER].id
    with qtbot.waitSignal(panel.jump_requested) as signal:
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualItemRect(item).center())
    assert signal.args == [chapter_id, 0, 4, 5]
    with qtbot.waitSignal(panel.field_requested) as signal:
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualItemRect(tree.topLevelItem(0)).center())
    assert signal.args == ["doc_number"]


def test_fix_one_writes_only_that_span(qtbot, panel, archive, stored):
    panel.select_row(1)
    with qtbot.waitSignal(panel.checked), qtbot.waitSignal(panel.report_changed) as signal:
        click(panel, "checkFix")
    assert signal.args == [stored]
    report = archive.load_report(stored)
    assert report.chapters[OTHER].blocks[0].text == "加强学习，提高能力。二是建立"
    assert report.doc_number == "景政发【2025】7号"
    assert "halfwidth-punct" not in [f.rule for f in panel.findings()]


def test_fix_is_disabled_for_a_finding_without_a_safe_fix(panel):
    unfinished = [f.rule for f in panel.findings()].index("paragraph-unfinished")
    panel.select_row(unfinished)
    assert not panel.findChild(QPushButton, "checkFix").isEnabled()


def test_fix_all_snapshots_first_and_undo_restores(qtbot, panel, archive, stored):
    before = report_to_dict(archive.load_report(stored), with_numbers=False)
    with qtbot.waitSignal(panel.checked), qtbot.waitSignal(panel.report_changed):
        click(panel, "checkFixAll")
    fixed = archive.load_report(stored)
    assert fixed.doc_number == "景政发〔2025〕7号"
    assert [f for f in run_checks(fixed) if f.fix] == []
    assert panel.error_count() == 0
    assert [s.label for s in archive.list_snapshots(stored)] == ["全部修正之前"]
    assert panel.findChild(QPushButton, "checkUndo").isEnabled()
    with qtbot.waitSignal(panel.checked), qtbot.waitSignal(panel.report_changed):
        click(panel, "checkUndo")
    restored = report_to_dict(archive.load_report(stored), with_numbers=False)
    assert ({k: v for k, v in restored.items() if k not in ("updated_at", "chapters")} ==
            {k: v for k, v in before.items() if k not in ("updated_at", "chapters")})
    assert [[(b["level"], b["heading"], b["text"]) for b in c["blocks"]] for c in restored["chapters"]] == \
        [[(b["level"], b["heading"], b["text"]) for b in c["blocks"]] for c in before["chapters"]]
    assert not panel.findChild(QPushButton, "checkUndo").isEnabled()


def test_a_fix_on_text_changed_since_the_check_writes_nothing(qtbot, panel, archive, stored):
    chapter = archive.load_report(stored).chapters[OTHER]
    chapter.blocks[0].text = "改写后的内容,仍有问题。"
    archive.save_chapter(chapter.id, chapter.blocks)
    panel.select_row(1)
    with qtbot.assertNotEmitted(panel.report_changed), qtbot.waitSignal(panel.checked):
        click(panel, "checkFix")
    assert archive.load_report(stored).chapters[OTHER].blocks[0].text == "改写后的内容,仍有问题。"
    assert "已重新检查" in panel.findChild(QLabel, "checkSummary").text()


def test_no_report(panel):
    panel.set_report(None)
    assert rows(panel) == []
    assert not panel.findChild(QPushButton, "checkFixAll").isEnabled()
