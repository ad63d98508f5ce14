"""导出 Word from the window: the flow driven through its seams (no modal dialog blocks the test)."""
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from gui.export_confirm import CANCEL, EXPORT
from gui.export_flow import ExportDialog, ExportFlow
from tests.support.gui import answer_next_dialog
from tests.support.reports import sample_report


@pytest.fixture
def flow(qtbot, archive, settings):
    parent = QWidget()
    qtbot.addWidget(parent)
    from gui.database import Database
    export_flow = ExportFlow(Database(archive, parent), settings, parent)
    export_flow.opened = []
    export_flow.open_file = export_flow.opened.append
    return export_flow


@pytest.fixture
def report_id(archive):
    return archive.create_report(sample_report())


def test_export_writes_the_file_snapshots_and_remembers_choices(qtbot, flow, archive, settings, report_id,
                                                                 tmp_path):
    target = tmp_path / "out" / "报告.docx"
    target.parent.mkdir()
    with qtbot.waitSignal(flow.exported, timeout=20000) as signal:
        flow.export_to(report_id, target, "web", True)
    assert signal.args == [str(target)]
    assert "（此件公开发布）" in [p.text for p in docx.Document(str(target)).paragraphs]
    snapshot = archive.list_snapshots(report_id)[0]
    assert snapshot.automatic and snapshot.label == "导出 Word（网上公开版，报告.docx）"
    assert settings.last_export_dir == str(target.parent) and settings.export_variant == "web"
    assert flow.opened == [target]


def test_existing_file_is_kept_when_overwrite_is_declined(qtbot, flow, archive, report_id, tmp_path):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")
    flow.ask_overwrite = lambda path: False
    flow.export_to(report_id, target, "red", False)
    assert target.read_bytes() == b"old" and not flow.busy
    assert archive.list_snapshots(report_id) == []


def test_failed_write_offers_another_name(qtbot, flow, report_id, tmp_path):
    """A folder that cannot be written (as when Word holds the file): message, then another name."""
    blocked = tmp_path / "absent-folder" / "报告.docx"
    other = tmp_path / "报告（新）.docx"
    asked = []
    flow.ask_other_name = lambda path, message: asked.append(message) or other
    with qtbot.waitSignal(flow.exported, timeout=20000):
        flow.export_to(report_id, blocked, "plain", False)
    assert "不存在" in asked[0]
    assert other.exists() and not blocked.exists()


def test_failed_write_without_another_name_emits_failed(qtbot, flow, report_id, tmp_path):
    flow.ask_other_name = lambda path, message: None
    with qtbot.waitSignal(flow.failed, timeout=20000) as signal:
        flow.export_to(report_id, tmp_path / "absent" / "r.docx", "red", False)
    assert "不存在" in signal.args[0]


def test_export_asks_once_about_fonts_and_uses_the_chosen_target(qtbot, flow, report_id, tmp_path):
    questions = []
    flow.confirm_export = lambda errors, missing: questions.append((errors, missing)) or EXPORT
    flow.choose_target = lambda report: (tmp_path / "选定.docx", "red", False)
    with qtbot.waitSignal(flow.exported, timeout=20000):
        flow.export(report_id)
    assert (tmp_path / "选定.docx").exists()
    # One question; this PC has no 公文 fonts: it names what Word will use instead.
    assert len(questions) == 1
    missing = questions[0][1]
    assert missing[0][0] == "仿宋_GB2312" and missing[0][1]


def test_declining_the_confirmation_exports_nothing(qtbot, flow, report_id, tmp_path):
    flow.confirm_export = lambda errors, missing: CANCEL
    chosen = []
    flow.choose_target = lambda report: chosen.append(report)
    flow.export(report_id)
    assert chosen == []


def test_dialog_offers_the_default_name_variant_and_open_option(qtbot, tmp_path):
    report = sample_report()
    from core.docx_export import default_file_name
    dialog = ExportDialog(tmp_path / default_file_name(report), "plain", False)
    qtbot.addWidget(dialog)
    path, variant, open_after = dialog.choice()
    assert path.name == "中共景毛乡委员会2024年法治政府建设年度报告.docx"
    assert (variant, open_after) == ("plain", False)
    dialog.path_edit.setText(str(tmp_path / "无扩展名"))
    assert dialog.choice()[0] == Path(tmp_path / "无扩展名.docx")


def test_errors_found_by_the_checks_are_confirmed_before_exporting(qtbot, flow, report_id, archive):
    checks = pytest.importorskip("core.checks")
    report = archive.load_report(report_id)
    report.title = ""  # a report without a title cannot be printed as it is
    errors = [f for f in checks.run_checks(report) if f.severity == "error"]
    if not errors:
        pytest.skip("the checks report no error for a missing title")
    archive.update_report(report_id, title="")
    asked, chosen = [], []
    flow.confirm_export = lambda found, missing: asked.append(found) or CANCEL
    flow.choose_target = lambda r: chosen.append(r)
    flow.export(report_id)
    assert asked and not chosen


def _east_asian_fonts(path) -> set[str]:
    import re
    import zipfile
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return set(re.findall(r'w:eastAsia="([^"]+)"', xml))


def test_font_set_chosen_in_the_menu_is_remembered_and_used(qtbot, flow, settings, report_id, tmp_path):
    from gui.font_set_menu import FontSetMenu
    menu = FontSetMenu(settings)
    qtbot.addWidget(menu)
    assert menu.chosen() == "gb2312"
    plain = next(a for a in menu.actions() if a.data() == "plain")
    with qtbot.waitSignal(menu.changed):
        plain.trigger()
    assert settings.font_set == "plain" and FontSetMenu(settings).chosen() == "plain"
    target = tmp_path / "plain-fonts.docx"
    with qtbot.waitSignal(flow.exported, timeout=20000):
        flow.export_to(report_id, target, "red", False)
    used = _east_asian_fonts(target)
    assert {"仿宋", "楷体"} <= used and not any("GB2312" in name for name in used)


def test_the_dialog_names_the_errors_that_remain(qtbot, flow, archive, tmp_path):
    report = sample_report()
    report.written_date = None
    report_id = archive.create_report(report)
    asked, chosen = [], []
    flow.confirm_export = lambda errors, missing: asked.append(errors) or CANCEL
    flow.choose_target = lambda r: chosen.append(r)
    flow.export(report_id)
    assert len(asked) == 1 and "成文日期" in asked[0] and "报告信息" in asked[0]
    assert chosen == []


def _report_with_an_error(archive):
    report = sample_report()
    report.written_date = None  # 成文日期 missing: an 错误 of the check
    return archive.create_report(report)


def test_one_dialog_lists_errors_and_fonts_and_exports_on_confirm(qtbot, flow, archive, tmp_path):
    """The real dialog, answered as the clerk would: it is the only question before the file dialog."""
    report_id = _report_with_an_error(archive)
    seen, chosen = [], []

    def read_then_export(dialog):
        seen.append([label.text() for label in dialog.findChildren(QLabel)])
        next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "仍然导出").click()

    flow.choose_target = lambda report: chosen.append(report)
    answer_next_dialog(then=read_then_export)
    flow.export(report_id)
    assert len(seen) == 1 and len(chosen) == 1
    shown = "\n".join(seen[0])
    assert "成文日期" in shown and "仿宋_GB2312" in shown and "Word/WPS 将改用" in shown
    assert QApplication.activeModalWidget() is None  # no second question followed


def test_go_to_check_asks_for_the_panel_and_exports_nothing(qtbot, flow, archive):
    report_id = _report_with_an_error(archive)
    chosen = []
    flow.choose_target = lambda report: chosen.append(report)
    answer_next_dialog("去检查")
    with qtbot.waitSignal(flow.check_requested, timeout=5000):
        flow.export(report_id)
    assert chosen == []


def test_cancel_in_the_dialog_exports_nothing(qtbot, flow, archive):
    report_id = _report_with_an_error(archive)
    chosen = []
    flow.choose_target = lambda report: chosen.append(report)
    answer_next_dialog("取消")
    flow.export(report_id)
    assert chosen == []


def test_go_to_check_in_the_window_opens_the_check_panel(qtbot, open_window, db_path):
    from tests.support.gui import seed_report
    seed_report(db_path)  # a new report from the template: no 成文日期 yet, an 错误
    window = open_window()
    assert not window.window_actions.actions["check"].isChecked()
    answer_next_dialog("去检查")
    window.reports.export_report()
    qtbot.waitUntil(lambda: window.check_panel is not None and window.check_panel.parentWidget().isVisible(),
                    timeout=5000)
    assert window.window_actions.actions["check"].isChecked()
