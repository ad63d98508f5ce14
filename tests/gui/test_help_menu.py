"""帮助 menu: the about box shows the folders really in use; the fonts box tells what this PC has."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from core import __version__
from gui.help_menu import FontsDialog, HelpMenu, font_rows
from gui.main_window import MainWindow
from gui.settings import Settings


@pytest.fixture
def window(qtbot, tmp_path, db_path):
    window = MainWindow(Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    assert window.open_archive(str(db_path))
    return window


@pytest.fixture
def opened_urls(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def help_menu(window) -> HelpMenu:
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), HelpMenu)]
    assert len(menus) == 1 and window.menuBar().actions()[-1].menu() is menus[0]
    return menus[0]


def test_about_shows_version_and_the_open_archives_folders(window, db_path, qtbot):
    dialog = help_menu(window).show_about()
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(__version__ in text for text in texts)
    assert str(db_path) in texts and str(db_path.parent) in texts
    assert str(db_path.parent / "backups") in texts
    assert any(text.endswith("logs") for text in texts)


def test_log_folder_item_creates_and_opens_the_folder(window, tmp_path, monkeypatch, opened_urls):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "data"))
    help_menu(window).log_action.trigger()
    assert len(opened_urls) == 1 and opened_urls[0].endswith("logs")
    assert (tmp_path / "data").exists() and str(tmp_path / "data") in opened_urls[0]


def test_font_rows_name_missing_fonts_and_their_substitutes():
    rows = {family: (present, substitute)
            for family, _uses, present, substitute in font_rows({"FangSong", "SimHei"})}
    assert rows["仿宋_GB2312"] == (False, "仿宋")  # FangSong is 仿宋's English name
    assert rows["黑体"] == (True, "")
    assert rows["方正小标宋简体"][0] is False
    assert set(rows) == {"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体", "仿宋", "楷体"}


def test_fonts_dialog_lists_every_family_and_says_where_to_get_them(qtbot):
    dialog = FontsDialog({"SimHei"})
    qtbot.addWidget(dialog)
    table = dialog.table
    column = {table.item(row, 0).text(): table.item(row, 2).text() for row in range(table.rowCount())}
    assert column["黑体"] == "已安装" and column["仿宋_GB2312"] == "缺少"
    assert any("不附带任何商业字体" in label.text() for label in dialog.findChildren(QLabel))
