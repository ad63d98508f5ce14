"""Starting again after working on the server: the window goes back to the server — with the keyring's
password at once, else asking only for the password in the prefilled login dialog; cancelled, it opens
the local archive and says so, and never makes a new archive without asking. Needs the test server."""
from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from gui.main_window import MainWindow
from gui.quick_start import start
from gui.server_connect import ServerDialog, ServerLogin, connect_to_server
from tests.gui.test_server_connect import fill, memory_keyring, no_keyring  # noqa: F401 — fixtures
from tests.support.gui import answer_next_dialog, message_boxes, seed_report


@pytest.fixture
def local_data(tmp_path, monkeypatch):
    """The user data folder of this test: the local archive lives here (or does not exist yet)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("APPDATA", str(folder))
    from core.paths import default_db_path
    return default_db_path()


def _worked_on_the_server(qtbot, settings, pg_database, local_data, keep: bool) -> None:
    """Yesterday: connected through 文件 ▸ 连接到单位服务器… (from a file elsewhere), then closed the window."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.open_archive(str(local_data.parent.parent.parent / "elsewhere.sqlite3"))
    answer_next_dialog(then=lambda dialog: (fill(dialog, pg_database, keep=keep), dialog.try_login()))
    assert connect_to_server(window)
    window.close()


def _start_again(qtbot, settings) -> tuple[MainWindow, list]:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    failed: list = []
    start(window, None, lambda: failed.append(True))
    return window, failed


def _on_server(window) -> bool:
    return window.archive is not None and window.archive.path is None


@pytest.mark.usefixtures("memory_keyring")
def test_with_the_password_in_the_keyring_the_window_goes_back_to_the_server(qtbot, settings, pg_database,
                                                                            local_data):
    seed_report(pg_database)
    _worked_on_the_server(qtbot, settings, pg_database, local_data, keep=True)
    window, failed = _start_again(qtbot, settings)
    qtbot.waitUntil(lambda: _on_server(window), timeout=10000)
    assert not failed and window.tabs.report is not None


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_only_the_password_is_asked(qtbot, settings, pg_database, local_data):
    seed_report(pg_database)
    _worked_on_the_server(qtbot, settings, pg_database, local_data, keep=False)
    asked = {}

    def type_password(dialog: ServerDialog):
        asked.update(login=dialog.login(), password=dialog.password.text(),
                     focus=dialog.focusWidget() is dialog.password)
        dialog.password.setText(make_url(pg_database).password)
        dialog.try_login()
    answer_next_dialog(then=type_password)
    window, failed = _start_again(qtbot, settings)
    qtbot.waitUntil(lambda: _on_server(window), timeout=10000)
    url = make_url(pg_database)
    assert asked == {"login": ServerLogin(url.host, url.port, url.database, url.username), "password": "",
                     "focus": True}
    assert not failed and not local_data.exists()  # no local archive was made on the way


@pytest.mark.usefixtures("no_keyring")
def test_cancelling_opens_the_local_archive_and_says_so(qtbot, settings, pg_database, local_data):
    seed_report(local_data, 2023)
    _worked_on_the_server(qtbot, settings, pg_database, local_data, keep=False)
    answer_next_dialog(then=lambda dialog: dialog.reject())
    window, failed = _start_again(qtbot, settings)
    qtbot.waitUntil(lambda: "没有连接单位服务器" in window.statusBar().currentMessage(), timeout=10000)
    qtbot.waitUntil(lambda: window.archive is not None, timeout=10000)  # opened behind the first read
    assert window.archive.path == local_data and not failed
    assert [r.year for r in window.archive.list_reports()] == [2023]


@pytest.mark.usefixtures("no_keyring")
def test_cancelling_without_a_local_archive_asks_before_making_one(qtbot, settings, pg_database, local_data):
    _worked_on_the_server(qtbot, settings, pg_database, local_data, keep=False)
    answer_next_dialog(then=lambda dialog: (dialog.reject(), answer_next_dialog("退出")))
    window, failed = _start_again(qtbot, settings)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert window.archive is None and not local_data.exists()
    assert message_boxes("errorBox") == []
