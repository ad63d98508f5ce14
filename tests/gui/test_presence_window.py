"""Two windows on one server archive (the real test server): each shows who else is in the report and in
which chapter, and one's typing appears in the other after a poll. Skipped without TEST_POSTGRES_URL."""
from __future__ import annotations

from core.archive import Archive
from tests.support.gui import chapter_tab, commit_text, seed_report


def polled(qtbot, window) -> None:
    """One presence round, waited for (the timer would do it within POLL_S)."""
    qtbot.waitUntil(lambda: not window.presence._busy, timeout=5000)  # a tab switch may have started one
    window.presence.poll()
    qtbot.waitUntil(lambda: not window.presence._busy, timeout=5000)


def test_two_windows_see_each_other_and_each_others_text(qtbot, open_window, pg_database):
    seed_report(pg_database, blocks=[])
    one, two = open_window(pg_database), open_window(pg_database)
    one.presence.who, two.presence.who = "党政办-1", "党政办-2"
    measures = chapter_tab(one, "measures")
    polled(qtbot, one)
    chapter_tab(two, "shortcomings")
    polled(qtbot, two)
    polled(qtbot, one)
    assert one.presence.label.text() == "另一台电脑（党政办-2）正在编辑：二、不足和原因"
    assert two.presence.label.text() == "另一台电脑（党政办-1）正在编辑：一、主要举措和成效"

    commit_text(measures.editor, "第一台电脑写的段落")
    assert one.database.write_everything()
    polled(qtbot, two)
    assert "第一台电脑写的段落" in chapter_tab(two, "measures").editor.toPlainText()

    two.close()  # a closed window leaves at once, without waiting for its row to expire
    assert two.database is None or two.database.write_everything()
    polled(qtbot, one)
    assert one.presence.label.isHidden()


def test_on_an_sqlite_file_nothing_is_shown_or_written(qtbot, open_window, db_path):
    seed_report(db_path)
    window = open_window()
    polled(qtbot, window)
    assert window.presence.label.isHidden()
    with Archive(db_path) as archive:
        assert archive.others_present(archive.list_reports()[0].id, "someone else") == []
