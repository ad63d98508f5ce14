"""The window on an archive on a PostgreSQL server (--db postgresql://…): typing reaches the server, a
read-only login opens read-only and says why, and no server URL is remembered. Skipped without
TEST_POSTGRES_URL."""
from __future__ import annotations

import pytest

from gui.main_window import MainWindow
from tests.support import pg
from tests.support.gui import chapter_tab, commit_text, seed_report, stored_text


@pytest.fixture
def server_window(qtbot, settings):
    def opener(url: str) -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        assert window.open_archive(url)
        return window
    return opener


def test_typing_in_the_window_reaches_the_server(server_window, pg_database, settings):
    seed_report(pg_database, blocks=[])
    window = server_window(pg_database)
    commit_text(chapter_tab(window, "measures").editor, "在服务器上起草的段落")
    assert window.database.write_everything()
    assert "在服务器上起草的段落" in stored_text(pg_database)
    assert settings.last_archive == ""  # a URL may carry a password: never written to the settings


def test_a_read_only_login_opens_read_only_and_says_why(server_window, pg_database):
    seed_report(pg_database)
    with pg.reader_login(pg_database) as reader:
        window = server_window(reader)
        assert window.archive.read_only
        assert window.save_label.text() == "只读：当前账号只有读取权限"
        assert chapter_tab(window, "measures").editor.isReadOnly()
        window.close()
