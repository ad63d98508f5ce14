"""Window fixtures: settings in a temp file, and windows opened on the test's archive."""
import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from gui.settings import Settings


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(qtbot, db_path, settings):
    """open_window() → a shown main window on db_path; several may be opened one after another."""
    def opener():
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitActive(window):  # shortcuts reach only the active window
            window.windowHandle().requestActivate()
        assert window.open_archive(str(db_path))
        return window
    return opener
