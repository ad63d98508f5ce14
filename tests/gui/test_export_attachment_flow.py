"""导出 with 「附主要数据对照表」 ticked: the 附件 in the .docx and in the PDF, written on the writer thread."""
import shutil
import subprocess
from decimal import Decimal

import docx
import pytest
from PySide6.QtWidgets import QWidget

from core.figures import Figure
from gui.export_flow import ExportDialog, ExportFlow
from tests.support.pdf_text import normalise
from tests.support.reports import sample_report


@pytest.fixture
def flow(qtbot, archive, settings):
    parent = QWidget()
    qtbot.addWidget(parent)
    from gui.database import Database
    export_flow = ExportFlow(Database(archive, parent), settings, parent)
    export_flow.open_file = lambda path: None
    return export_flow


@pytest.fixture
def report_id(archive):
    report_id = archive.create_report(sample_report())
    archive.set_figures(report_id, [Figure("contracts_reviewed", "合法性审查合同", "份", Decimal(959))])
    return report_id


def test_dialog_offers_the_table_unticked(qtbot, tmp_path):
    dialog = ExportDialog(tmp_path / "r.docx", "red", False)
    qtbot.addWidget(dialog)
    assert dialog.figures_box.text() == "附主要数据对照表" and not dialog.figures_box.isChecked()
    remembered = ExportDialog(tmp_path / "r.docx", "red", False, None, True)
    qtbot.addWidget(remembered)
    assert remembered.figures_box.isChecked()


@pytest.mark.parametrize("with_figures", [True, False])
def test_docx_carries_the_attachment_when_ticked(qtbot, flow, report_id, tmp_path, with_figures):
    target = tmp_path / "报告.docx"
    with qtbot.waitSignal(flow.exported, timeout=20000):
        flow.export_to(report_id, target, "red", False, with_figures)
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert ("附件：主要数据对照表" in texts) is with_figures
    assert flow.settings.export_figures_table is with_figures  # the next export offers the same choice


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_carries_the_table_when_ticked(qtbot, flow, report_id, tmp_path):
    target = tmp_path / "报告.pdf"
    with qtbot.waitSignal(flow.exported, timeout=20000):
        flow.export_to(report_id, target, "plain", False, True)
    text = normalise(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout)
    assert all(cell in text for cell in ("附件主要数据对照表", "合法性审查合同", "959份"))
