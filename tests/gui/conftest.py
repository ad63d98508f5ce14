"""Fixtures of the window tests: preferences in a temp file, and the main window on a test archive."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from gui.settings import Settings


@pytest.fixture
def settings(tmp_path):
    """The window's preferences in an .ini file of the test's own, never the user's."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(qtbot, db_path, settings):
    """open_window() → a shown main window on db_path (or on `db`, e.g. a server URL); several may be
    opened one after another."""
    from gui.main_window import MainWindow

    def opener(db=None):
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitActive(window):  # shortcuts reach only the active window
            window.windowHandle().requestActivate()
        assert window.open_archive(str(db or db_path))
        return window
    return opener
