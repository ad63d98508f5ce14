"""导入: the figures the imported text states are offered, ticked, in the summary; the ones the clerk
keeps fill the 数据 page of the stored report."""
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from core.importing import import_file
from gui.import_flow import ImportFlow, ImportSummaryDialog
from tests.support.gui import answer_next_dialog

SAMPLE = Path(__file__).parents[2] / ".." / "shared" / "samples" / "jingmao-township-2024.txt"
FIGURES = "全年审查合同880份，出具法律意见书101份，规范性文件备案率达105%。"


def _sample_with_figures(tmp_path) -> Path:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "规范性文件监督管理" in line)
    lines[at] = lines[at] + FIGURES
    path = tmp_path / "景毛乡2024年报告.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_summary_offers_the_stated_figures_ticked_without_an_impossible_rate(qtbot, tmp_path):
    dialog = ImportSummaryDialog(import_file(_sample_with_figures(tmp_path)), "x.txt")
    qtbot.addWidget(dialog)
    assert [f.key for f in dialog.chosen_figures()] == ["contracts_reviewed", "legal_opinions"]
    assert dialog.figures_list.item(0).text().startswith("合法性审查合同：880 份")


def test_summary_without_figures_shows_no_list(qtbot):
    dialog = ImportSummaryDialog(import_file(SAMPLE), "x.txt")
    qtbot.addWidget(dialog)
    assert dialog.figures_list.count() == 0 and dialog.figures_list.isHidden()


def test_confirmed_figures_are_stored_with_the_report(qtbot, archive, settings, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)

    def untick_second_and_confirm(dialog):
        dialog.figures_list.item(1).setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()
    answer_next_dialog(then=untick_second_and_confirm)  # once the file is read (beside the event loop)
    from gui.database import Database
    stored = []
    flow = ImportFlow(Database(archive, parent), settings, parent, stored.append)
    flow.import_path(_sample_with_figures(tmp_path))
    qtbot.waitUntil(lambda: bool(stored))  # the report and its figures: one Archive call on the writer thread
    report_id = stored[0]
    values = {f.key: f.value for f in archive.figures(report_id)}
    assert values["contracts_reviewed"] == Decimal(880) and values["legal_opinions"] is None
