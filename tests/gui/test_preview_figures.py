"""版面预览 with 附数据表 ticked: the 附件 「主要数据对照表」 on its own page, as the export prints it."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.archive import Archive
from core.figures import Figure
from core.pages.attachment import TITLE_TEXT
from tests.support.reports import sample_report


@pytest.fixture
def window(open_window, db_path, settings):
    with Archive(db_path) as archive:
        report_id = archive.create_report(sample_report())
        archive.set_figures(report_id, [Figure("contracts_reviewed", "合法性审查合同", "份", Decimal(959))])
    settings.export_variant = "red"
    win = open_window()
    win.resize(1366, 768)
    return win


def test_ticking_the_table_adds_the_attachment_page_to_the_preview(window, qtbot):
    window.preview.dock.toggleViewAction().trigger()
    view = window.preview.view
    qtbot.waitUntil(lambda: view.layout_shown is not None, timeout=10000)
    before = len(view.layout_shown.pages)
    assert not any(line.text == TITLE_TEXT for line in view.layout_shown.lines())
    view.figures_box.setChecked(True)
    qtbot.waitUntil(lambda: any(line.text == TITLE_TEXT for line in view.layout_shown.lines()), timeout=5000)
    texts = [line.text for line in view.layout_shown.lines()]
    assert "合法性审查合同" in texts and "959份" in texts and len(view.layout_shown.pages) > before
    assert window.preview._layout_now().pages[-1].number == len(view.layout_shown.pages)  # printing too
