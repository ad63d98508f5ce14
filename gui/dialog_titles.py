"""Dialogs wide enough for their title: a small QInputDialog cut 「保存版本 — 法治年报」 to 「保存版本... 治年报」
(issue 12.6). One application-wide filter widens every dialog as it is shown, so no dialog has to remember."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog

from core import APP_NAME

TITLE_BAR_EXTRA = 160  # px: icon and the minimise/close buttons beside the title text


def title_width(dialog: QDialog) -> int:
    """The width a dialog needs so that its title bar (title — app name) is not cut."""
    title = f"{dialog.windowTitle()} — {APP_NAME}"
    return dialog.fontMetrics().horizontalAdvance(title) + TITLE_BAR_EXTRA


class TitleRoom(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the application passes here: the cheap type test first (event.type() builds an enum).
        if isinstance(watched, QDialog) and event.type() == QEvent.Type.Show and watched.isWindow():
            needed = title_width(watched)
            screen = watched.screen()
            if screen is not None:
                needed = min(needed, screen.availableGeometry().width())
            if watched.width() < needed:
                watched.resize(needed, watched.height())
        return False


def install(app: QApplication) -> None:
    app.installEventFilter(TitleRoom(app))
