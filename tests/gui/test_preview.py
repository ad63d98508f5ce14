"""版面预览, 打印 and 打印预览 (issue 11.1, 11.2) in the real window on a real archive."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter

from core.archive import Archive
from core.pages import layout_report
from gui.print_pages import pages_to_print, prepare_printer, print_layout
from tests.support.gui import commit_text
from tests.support.pdf_text import pdf_lines
from tests.support.reports import sample_report


@pytest.fixture
def window(open_window, db_path, settings):
    with Archive(db_path) as archive:
        archive.create_report(sample_report())
    settings.export_variant = "red"
    win = open_window()
    win.resize(1366, 768)
    return win


def _open_preview(window, qtbot):
    toggle = window.preview.dock.toggleViewAction()
    toggle.trigger()
    qtbot.waitUntil(lambda: window.preview.view.layout_shown is not None, timeout=10000)
    return window.preview.view


def test_the_view_shows_the_model_pages_and_follows_typing(window, qtbot):
    view = _open_preview(window, qtbot)
    report = window.tabs.report
    pages = len(layout_report(report, "red").pages)
    assert view.page_label.text() == f"第 1 页，共 {pages} 页"
    page = window.tabs.pages()[1]
    window.tabs.setCurrentWidget(page)
    editor = page.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    commit_text(editor, "预览跟随输入的新句子。")
    qtbot.waitUntil(lambda: any("预览跟随输入的新句子" in line.text for line in view.layout_shown.lines()),
                    timeout=3000)  # PAUSE_MS plus the layout on the worker thread


def test_zoom_choices_change_the_scale(window, qtbot):
    view = _open_preview(window, qtbot)
    view.zoom_box.setCurrentIndex(view.zoom_box.findData(1.0))
    true_size = view.canvas.scale
    assert true_size == pytest.approx(view.logicalDpiX() / 1440)
    view.zoom_box.setCurrentIndex(view.zoom_box.findData(2.0))
    assert view.canvas.scale == pytest.approx(2 * true_size)
    view.zoom_box.setCurrentIndex(view.zoom_box.findData("fit_page"))
    assert view.canvas.page_size().height() <= view.scroll.viewport().height()


def test_clicking_a_line_jumps_to_its_paragraph(window, qtbot):
    view = _open_preview(window, qtbot)
    layout = view.layout_shown
    line = next(line for line in layout.lines() if line.source and line.source.chapter_id is not None
                and line.source.block_index == 1 and line.role == "body")
    canvas = view.canvas
    x = canvas._page_left() + round((line.x + 200) * canvas.scale)
    y = canvas.page_top(line.page - 1) + round((line.y + line.height / 2) * canvas.scale)
    view.scroll.ensureVisible(x, y)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    page = window.tabs.current_page()
    assert page is not None and page.chapter_id == line.source.chapter_id
    cursor = page.editor.textCursor()
    stored = [b for b in page.editor._text_blocks() if b.text().strip()]
    assert cursor.block() == stored[1] and cursor.positionInBlock() == line.start


def test_print_sends_the_chosen_range_at_true_size(window, qtbot, tmp_path):
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils missing")
    layout = window.preview._layout_now()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, "年报", len(layout.pages))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pages_to_print(printer, len(layout.pages)) == [2, 3]
    assert print_layout(printer, layout, "gb2312") == 2
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert "Pages:           2" in info and "595.276 x 841.89" in info.replace("595 x 842", "595.276 x 841.89")
    from gui.pdf_export import write_pdf_pages
    write_pdf_pages(layout, tmp_path / "all.pdf")
    assert pdf_lines(tmp_path / "printed.pdf") == pdf_lines(tmp_path / "all.pdf")[1:3]


def test_the_file_menu_has_print_with_ctrl_p(window):
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    file_menu = window.menuBar().actions()[0].menu()
    assert window.print_action in file_menu.actions() and window.print_preview_action in file_menu.actions()


def test_variant_choice_page_list_and_the_cursor_page(window, qtbot):
    view = _open_preview(window, qtbot)
    assert view.layout_shown.variant == "red"
    view.variant_box.setCurrentIndex(view.variant_box.findData("web"))
    qtbot.waitUntil(lambda: view.layout_shown.variant == "web", timeout=5000)
    layout = view.layout_shown
    assert view.page_list.count() == len(layout.pages)
    view.page_list.activated.emit(len(layout.pages) - 1)
    assert view.current_page() >= len(layout.pages) - 1  # the last page may not fill the viewport
    # the page holding the cursor is highlighted: put the cursor in the last chapter's last paragraph
    last = window.tabs.pages()[-1]
    window.tabs.setCurrentWidget(last)
    last.editor.moveCursor(last.editor.textCursor().MoveOperation.End)
    chapter_index = len(window.tabs.chapters()) - 1
    stored = len([b for b in last.editor._text_blocks() if b.text().strip()])
    expected = layout.page_of(chapter_index, stored - 1)
    qtbot.waitUntil(lambda: view.canvas.highlighted == expected, timeout=3000)
    assert expected > 1


def test_choosing_another_font_set_redraws_with_it(window, qtbot):
    view = _open_preview(window, qtbot)
    other = next(name for name in ("plain", "gb2312") if name != window.settings.font_set)
    action = next(a for a in window.font_set_menu.actions() if a.data() == other)
    action.trigger()
    qtbot.waitUntil(lambda: view.canvas.painter.font_set_name == other, timeout=5000)
