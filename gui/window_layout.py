"""What the window remembers between runs of its own shape: geometry, docks, splitters, the side pane.
(The last report is remembered by the window itself.)

Whatever was saved, the window comes back whole on the screen it opens on: a geometry from another
screen is clamped into the available area, and a part saved at (almost) zero width gets its default
back — a pane saved at 0 could otherwise never be seen again (issue 12.4).
"""
from __future__ import annotations

# Not Qt's namespace: its first use builds all of its enums (≈10 ms), which the first frame does without.
from PySide6.QtCore import QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from gui.settings import Settings

DEFAULT_SIZE = (1360, 860)
MAXIMIZE_BELOW = (1440, 900)  # available areas smaller than this start maximized (1366×768 offices)
MIN_RESTORED = (1000, 640)  # a smaller saved window (e.g. closed maximized elsewhere) is enlarged to this
MIN_PART = 120  # px: a splitter part saved narrower than this is treated as lost
MAIN_SPLIT = (300, 1060)
MIN_DOCK = 160  # px: a dock narrower (or, at the bottom, lower) than this is given its default back


def available_area(window: QMainWindow) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def starts_maximized(available: QRect) -> bool:
    return available.width() < MAXIMIZE_BELOW[0] or available.height() < MAXIMIZE_BELOW[1]


def first_geometry(available: QRect) -> QRect:
    """The default window, centred and no larger than the available area."""
    rect = QRect(0, 0, min(DEFAULT_SIZE[0], available.width()), min(DEFAULT_SIZE[1], available.height()))
    rect.moveCenter(available.center())
    return rect


def clamp_geometry(saved: QRect, available: QRect) -> QRect:
    """`saved` made to fit inside `available`: at least MIN_RESTORED (when the screen allows), at most the
    screen, moved so that no edge is off-screen."""
    width = max(min(MIN_RESTORED[0], available.width()), min(saved.width(), available.width()))
    height = max(min(MIN_RESTORED[1], available.height()), min(saved.height(), available.height()))
    left = min(max(saved.left(), available.left()), available.right() + 1 - width)
    top = min(max(saved.top(), available.top()), available.bottom() + 1 - height)
    return QRect(left, top, width, height)


def usable_sizes(sizes, minimum: int = MIN_PART) -> list[int] | None:
    """Two splitter sizes, or None when they are missing or a part is (nearly) collapsed."""
    try:
        sizes = [int(size) for size in sizes]
    except (TypeError, ValueError):
        return None
    return sizes if len(sizes) == 2 and min(sizes) >= minimum else None


def restore_frame(window: QMainWindow, settings: Settings, available: QRect | None = None) -> bool:
    """Geometry and dock state; returns whether the previous-year pane was shown."""
    available = available or available_area(window)
    if settings.window_geometry.isEmpty() or not window.restoreGeometry(settings.window_geometry):
        window.setGeometry(first_geometry(available))
        if starts_maximized(available):
            window.setWindowState(_qt().WindowState.WindowMaximized)
    else:
        normal = window.normalGeometry() if window.isMaximized() else window.geometry()
        clamped = clamp_geometry(normal, available)
        if clamped != normal:  # saved on another (larger) screen; else nothing to change and no enum needed
            state = window.windowState()
            window.setWindowState(_qt().WindowState.WindowNoState)
            window.setGeometry(clamped)
            window.setWindowState(state)
    if not settings.window_state.isEmpty():
        window.restoreState(settings.window_state)
    return settings.previous_year_pane_visible


def _qt():
    """Qt's namespace, imported when a branch needs one of its enums."""
    from PySide6.QtCore import Qt
    return Qt


def restore_splitters(settings: Settings, splitter: QSplitter, tabs, pane_visible: bool) -> None:
    splitter.setSizes(usable_sizes(settings.splitter_sizes) or list(MAIN_SPLIT))
    pane_sizes = usable_sizes(settings.pane_splitter_sizes)
    if pane_sizes:
        tabs.set_pane_sizes(pane_sizes)
    tabs.set_pane_visible(pane_visible)


class _DockGuard(QObject):
    """Child of the dock; bound-method slots (no lambdas holding the window and the dock in a cycle that the
    garbage collector could free on a worker thread)."""

    def __init__(self, window: QMainWindow, dock: QDockWidget, default: QSize):
        super().__init__(dock)
        self.window, self.default = window, default
        dock.visibilityChanged.connect(self.later)
        dock.topLevelChanged.connect(self.later)

    def later(self, *_args) -> None:
        QTimer.singleShot(0, self.widen)

    def widen(self) -> None:
        widen_dock(self.window, self.parent(), self.default)


def keep_dock_usable(window: QMainWindow, dock: QDockWidget, default: QSize) -> None:
    """Whenever `dock` is shown or floated smaller than MIN_DOCK across (floating: either way), it gets
    `default` back — a dock dragged or saved down to a sliver could otherwise not be used again."""
    _DockGuard(window, dock, default).setObjectName("dockGuard")


def widen_dock(window: QMainWindow, dock: QDockWidget, default: QSize) -> None:
    if dock is None or not dock.isVisible():
        return
    if dock.isFloating():
        if min(dock.width(), dock.height()) < MIN_DOCK:
            dock.resize(max(dock.width(), default.width()), max(dock.height(), default.height()))
        return
    Qt = _qt()
    sideways = window.dockWidgetArea(dock) in (Qt.DockWidgetArea.LeftDockWidgetArea,
                                               Qt.DockWidgetArea.RightDockWidgetArea)
    extent, wanted = (dock.width(), default.width()) if sideways else (dock.height(), default.height())
    if extent < MIN_DOCK:
        window.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal if sideways else Qt.Orientation.Vertical)


def save_layout(window: QMainWindow, settings: Settings, pane_visible: bool, splitter=None, tabs=None) -> None:
    for guard in window.findChildren(_DockGuard):  # a sliver is widened before it is remembered
        guard.widen()
    settings.window_geometry = window.saveGeometry()
    settings.window_state = window.saveState()
    settings.previous_year_pane_visible = pane_visible
    if tabs is not None:
        # A collapsed part is not remembered: the last usable sizes stay (or the defaults come next time).
        for key, sizes in (("splitter_sizes", splitter.sizes()), ("pane_splitter_sizes", tabs.pane_sizes())):
            if usable_sizes(sizes):
                setattr(settings, key, sizes)


def stacked(*pages: QWidget) -> QStackedWidget:
    """The window's centre: one of `pages` at a time (the start page or the report)."""
    stack = QStackedWidget()
    for page in pages:
        stack.addWidget(page)
    return stack


def column(main: QWidget, below: QWidget) -> QWidget:
    """`main` taking the height, `below` under it, without margins (the tabs and the find bar)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(main, 1)
    layout.addWidget(below)
    return holder
