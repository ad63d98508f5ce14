"""部分 ▸ 对应规定内容… in the real window: the clerk sets or clears which mandated content a chapter
stands for, the tab shows it, and the check counts the contents by it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QRadioButton

from core.archive import Archive
from core.checks import run_checks
from core.outline import BODY, Block, Chapter, Report
from gui.main_window import MainWindow
from gui.settings import Settings
from tests.support.gui import answer_next_dialog, settle

THEMED = "加强组织领导，构建依法治镇工作新格局"


@pytest.fixture
def report_id(db_path):
    text = [Block(BODY, "", "成立领导小组，落实会前学法制度。")]
    chapters = [Chapter("导语", "intro", [Block(BODY, "", "现将有关情况报告如下：")]),
                Chapter(THEMED, None, text),
                Chapter("2024年度推进法治政府建设存在的不足和原因", "shortcomings", text),
                Chapter("2024年度党政主要负责人履行推进法治建设第一责任人职责情况", "first_responsibility", text),
                Chapter("2025年度推进法治政府建设的主要安排", "plans", text),
                Chapter("其他需要报告的情况", "other", text)]
    with Archive(db_path) as archive:
        return archive.create_report(Report(year=2024, title="石桥镇人民政府关于2024年度法治政府建设情况的报告",
                                            chapters=chapters))


@pytest.fixture
def window(qtbot, tmp_path, db_path, report_id):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    assert main.open_archive(str(db_path))
    return main


def choose(qtbot, window, chapter_title: str, button: str) -> None:
    page = next(p for p in window.tabs.pages() if p.chapter.title == chapter_title)
    window.tabs.setCurrentWidget(page)
    answer_next_dialog(then=lambda dialog: (dialog.findChild(QRadioButton, button).setChecked(True),
                                            dialog.accept()))
    window.map_chapter_action.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.tabs.current_page().chapter.title == chapter_title)


def stored_keys(db_path, report_id):
    with Archive(db_path) as archive:
        report = archive.load_report(report_id)
    return report, {c.title: c.template_key for c in report.chapters}


def test_the_action_is_in_the_chapter_menu(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("部分"))
    assert window.map_chapter_action in menu.actions()
    assert window.map_chapter_action.isEnabled()


def test_mapping_a_thematic_chapter_satisfies_the_check(qtbot, window, db_path, report_id):
    report, _ = stored_keys(db_path, report_id)
    assert "contents-missing" in [f.rule for f in run_checks(report)]
    choose(qtbot, window, THEMED, "mapping_measures")
    report, keys = stored_keys(db_path, report_id)
    assert keys[THEMED] == "measures"
    assert "contents-missing" not in [f.rule for f in run_checks(report)]
    assert window.tabs.tabText(window.tabs.currentIndex()) == "一、主要举措和成效"


def test_clearing_and_moving_a_mapping(qtbot, window, db_path, report_id):
    choose(qtbot, window, THEMED, "mapping_plans")  # plans moves here from its chapter
    _, keys = stored_keys(db_path, report_id)
    assert keys[THEMED] == "plans" and keys["2025年度推进法治政府建设的主要安排"] is None
    choose(qtbot, window, THEMED, "mapping_none")
    report, keys = stored_keys(db_path, report_id)
    assert keys[THEMED] is None
    assert sum(f.rule == "contents-missing" for f in run_checks(report)) == 2  # measures and plans
