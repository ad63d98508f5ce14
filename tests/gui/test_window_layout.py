"""Issue 12.4: the window fits any screen, and no pane is ever saved or restored at zero width."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QMainWindow

from core.archive import Archive
from gui import window_layout
from gui.window_layout import clamp_geometry, first_geometry, restore_frame, starts_maximized
from tests.support.gui import chapter_tab, seed_report

SMALL = QRect(0, 0, 1366, 728)  # 1366×768 minus the task bar
BIG = QRect(0, 0, 1920, 1040)


def test_first_start_is_maximized_on_a_small_screen_and_fits_a_big_one(qtbot, settings):
    assert starts_maximized(SMALL) and not starts_maximized(BIG)
    small = QMainWindow()
    qtbot.addWidget(small)
    restore_frame(small, settings, SMALL)
    assert small.isMaximized()
    assert SMALL.contains(small.normalGeometry())
    big = QMainWindow()
    qtbot.addWidget(big)
    restore_frame(big, settings, BIG)
    assert not big.isMaximized()
    assert BIG.contains(big.geometry()) and big.width() == window_layout.DEFAULT_SIZE[0]


def test_a_saved_geometry_is_clamped_to_the_screen():
    tiny = clamp_geometry(QRect(40, 30, 724, 325), BIG)  # closed maximized on a small screen
    assert tiny.width() >= 1000 and tiny.height() >= 640 and BIG.contains(tiny)
    huge = clamp_geometry(QRect(2500, 900, 1900, 1200), SMALL)  # from a big second monitor
    assert huge == SMALL
    assert SMALL.contains(first_geometry(SMALL))  # the default never exceeds the screen


def test_restored_window_from_a_big_screen_fits_a_small_one(qtbot, settings):
    before = QMainWindow()
    qtbot.addWidget(before)
    before.setGeometry(QRect(300, 200, 1800, 1000))
    settings.window_geometry = before.saveGeometry()
    after = QMainWindow()
    qtbot.addWidget(after)
    restore_frame(after, settings, SMALL)
    assert SMALL.contains(after.normalGeometry())


def test_pane_closed_on_a_report_without_last_year_comes_back_usable(open_window, db_path, settings, qtbot):
    seed_report(db_path, 2024)
    window = open_window()
    window.resize(1300, 800)
    window.pane_action.setChecked(True)  # shown, but the 2024 report has no earlier year: nothing to show
    window.close()
    assert 0 not in [int(size) for size in settings.pane_splitter_sizes]
    with Archive(db_path) as archive:
        next_year = archive.new_report(2025, from_year=2024, copy_text=True)
    settings.pane_splitter_sizes = [1000, 0]  # what an older version saved
    again = open_window()
    again.resize(1300, 800)
    again.open_report(next_year)
    page = chapter_tab(again, "measures")
    qtbot.waitUntil(lambda: sum(page.splitter.sizes()) > 0)
    for _ in range(2):  # F9 twice: hidden, then shown again
        again.pane_action.trigger()
    assert page.pane.isVisibleTo(page)
    assert page.splitter.sizes()[1] >= window_layout.MIN_PART


def test_window_closed_maximized_on_a_small_screen_is_not_tiny_on_a_big_one(qtbot, settings):
    before = QMainWindow()
    qtbot.addWidget(before)
    before.setGeometry(QRect(40, 30, 724, 325))
    before.showMaximized()
    qtbot.waitUntil(before.isMaximized)
    settings.window_geometry = before.saveGeometry()
    after = QMainWindow()
    qtbot.addWidget(after)
    restore_frame(after, settings, BIG)
    normal = after.normalGeometry()
    assert normal.width() >= 1000 and normal.height() >= 640 and BIG.contains(normal)
