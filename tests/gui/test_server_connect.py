"""文件 ▸ 连接到单位服务器… against the real test server: a wrong password is explained and changes nothing,
a good login switches the window to the server's archive, the password never reaches the settings and
sits in the OS keyring only when one exists. Skipped without TEST_POSTGRES_URL."""
from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlalchemy.engine import make_url

from gui.main_window import MainWindow
from gui.server_connect import KEYRING_SERVICE, ServerDialog, ServerLogin, connect_to_server
from tests.support.gui import answer_next_dialog, seed_report


class MemoryKeyring(KeyringBackend):
    """A keyring backend that lives in memory: the `keyring` package's own extension point."""
    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def file_window(qtbot, settings, db_path):
    seed_report(db_path)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_archive(str(db_path))
    return window


def fill(dialog: ServerDialog, url: str, password: str | None = None, keep: bool = False) -> None:
    parts = make_url(url)
    dialog.host.setText(parts.host)
    dialog.port.setValue(parts.port or 5432)
    dialog.database.setText(parts.database)
    dialog.user.setText(parts.username)
    dialog.password.setText(parts.password if password is None else password)
    dialog.keep.setChecked(keep)


def test_a_wrong_password_is_explained_and_the_window_keeps_its_archive(file_window, pg_database, db_path,
                                                                        no_keyring):
    dialog = ServerDialog(ServerLogin(), file_window)
    fill(dialog, pg_database, password="falsch")
    dialog.try_login()
    assert dialog.archive is None and dialog.result() != ServerDialog.DialogCode.Accepted
    assert "或密码不对" in dialog.error.text()
    assert file_window.archive.path == db_path


def test_connecting_switches_the_window_and_keeps_no_password_in_settings(file_window, pg_database, settings,
                                                                          memory_keyring):
    seed_report(pg_database, year=2023)
    password = make_url(pg_database).password
    answer_next_dialog(then=lambda d: (fill(d, pg_database, keep=True), d.try_login()))
    assert connect_to_server(file_window)
    assert file_window.archive.path is None and file_window.archive.location.endswith(make_url(pg_database).database)
    assert [r.year for r in file_window.archive.list_reports()] == [2023]
    assert file_window.report_id() is not None
    remembered = ServerLogin.remembered(settings)
    assert remembered.database == make_url(pg_database).database
    settings.sync()
    stored = {key: str(settings.qsettings.value(key)) for key in settings.qsettings.allKeys()}
    assert not any(password in value for value in stored.values())
    assert memory_keyring.passwords == {(KEYRING_SERVICE, remembered.key): password}
    assert ServerDialog(remembered, file_window).password.text() == password  # filled in next time


def test_without_a_keyring_the_password_is_asked_again(file_window, pg_database, settings, no_keyring):
    answer_next_dialog(then=lambda d: (fill(d, pg_database, keep=True), d.try_login()))
    assert connect_to_server(file_window)
    dialog = ServerDialog(ServerLogin.remembered(settings), file_window)
    assert dialog.host.text() == make_url(pg_database).host and dialog.password.text() == ""
    assert not dialog.keep.isEnabled()
