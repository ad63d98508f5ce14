"""导出 PDF in the export dialog (issue 11.3): the format choice sets the suffix, the flow writes a
PDF of the page model's pages and snapshots it as 导出 PDF."""
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from core.pages import layout_report
from gui.export_flow import ExportDialog, ExportFlow
from tests.support.reports import sample_report


def test_choosing_pdf_changes_the_file_name(qtbot, tmp_path):
    dialog = ExportDialog(tmp_path / "报告.docx", "red", False)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".pdf"))
    assert dialog.path_edit.text() == str(tmp_path / "报告.pdf")
    dialog.path_edit.setText(str(tmp_path / "无扩展名"))
    assert dialog.choice()[0] == Path(tmp_path / "无扩展名.pdf")


@pytest.fixture
def flow(qtbot, archive, settings):
    from gui.database import Database
    parent = QWidget()
    qtbot.addWidget(parent)
    return ExportFlow(Database(archive, parent), settings, parent)


def test_the_flow_writes_a_pdf_of_the_model_pages(qtbot, flow, archive, tmp_path):
    report_id = archive.create_report(sample_report())
    target = tmp_path / "报告.pdf"
    with qtbot.waitSignal(flow.exported, timeout=20000):
        flow.export_to(report_id, target, "red", False)
    data = target.read_bytes()
    pages = len(layout_report(archive.load_report(report_id), "red").pages)
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", data)) == pages
    assert archive.list_snapshots(report_id)[0].label == "导出 PDF（红头文件，报告.pdf）"


def test_a_pdf_into_a_missing_folder_fails_with_a_chinese_message(qtbot, flow, archive, tmp_path):
    flow.ask_other_name = lambda path, message: None
    report_id = archive.create_report(sample_report())
    with qtbot.waitSignal(flow.failed, timeout=20000) as failed:
        flow.export_to(report_id, tmp_path / "absent" / "r.pdf", "red", False)
    assert "不存在" in failed.args[0]
