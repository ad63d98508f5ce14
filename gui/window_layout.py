"""What the window remembers between runs of its own shape: geometry, docks, splitters, the side pane.
(The last report is remembered by the window itself.)"""
from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from gui.settings import Settings

DEFAULT_SIZE = (1360, 860)


def restore_frame(window: QMainWindow, settings: Settings) -> bool:
    """Geometry and dock state; returns whether the previous-year pane was shown."""
    if not settings.window_geometry.isEmpty():
        window.restoreGeometry(settings.window_geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    if not settings.window_state.isEmpty():
        window.restoreState(settings.window_state)
    return settings.previous_year_pane_visible


def restore_splitters(settings: Settings, splitter: QSplitter, tabs, pane_visible: bool) -> None:
    if len(settings.splitter_sizes) == 2:
        splitter.setSizes(settings.splitter_sizes)
    if len(settings.pane_splitter_sizes) == 2:
        tabs.set_pane_sizes(settings.pane_splitter_sizes)
    tabs.set_pane_visible(pane_visible)


def save_layout(window: QMainWindow, settings: Settings, pane_visible: bool, splitter=None, tabs=None) -> None:
    settings.window_geometry = window.saveGeometry()
    settings.window_state = window.saveState()
    settings.previous_year_pane_visible = pane_visible
    if tabs is not None:
        settings.splitter_sizes = splitter.sizes()
        settings.pane_splitter_sizes = tabs.pane_sizes()


def column(main: QWidget, below: QWidget) -> QWidget:
    """`main` taking the height, `below` under it, without margins (the tabs and the find bar)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(main, 1)
    layout.addWidget(below)
    return holder
