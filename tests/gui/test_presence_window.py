"""Two windows on one server archive (the real test server): each shows who else is in the report and in
which chapter, and one's typing appears in the other after a poll. Skipped without TEST_POSTGRES_URL."""
from __future__ import annotations

from core.archive import Archive
from core.outline import BODY, Block
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


def test_others_edits_replace_only_chapters_not_being_typed_in(qtbot, open_window, pg_database):
    seed_report(pg_database, blocks=[])
    window = open_window(pg_database)
    polled(qtbot, window)
    measures = chapter_tab(window, "measures")
    editor = measures.editor
    commit_text(editor, "本机正在写的段落")
    assert window.database.write_everything()
    with Archive(pg_database) as other:  # another PC writes both this chapter and another one
        report = other.load_report(window.report_id())
        for chapter in report.chapters:
            if chapter.template_key in ("measures", "shortcomings"):
                other.save_chapter(chapter.id, [Block(BODY, "", f"另一台电脑写的{chapter.template_key}")],
                                   revision=chapter.revision)
    polled(qtbot, window)

    shortcomings = next(p for p in window.tabs.pages() if p.chapter.template_key == "shortcomings")
    assert shortcomings.editor.toPlainText() == "另一台电脑写的shortcomings"
    assert window.tabs.current_page() is measures and measures.editor is editor  # not rebuilt under her
    assert editor.toPlainText() == "本机正在写的段落"
    assert window.statusBar().currentMessage().startswith(
        f"另一台电脑修改了“{measures.chapter.title}”。您正在这一部分输入")
    polled(qtbot, window)  # announced once, not rebuilt on the next poll either
    assert measures.editor is editor

    commit_text(editor, "，接着写")  # her next save meets the other PC's text: hers is kept as a version
    window.database.write_everything()
    qtbot.waitUntil(lambda: "另一台电脑写的measures" in chapter_tab(window, "measures").editor.toPlainText(),
                    timeout=5000)
    with Archive(pg_database) as archive:
        kept = [archive.load_snapshot(s.id) for s in archive.list_snapshots(window.report_id())]
    assert any("本机正在写的段落，接着写" in b.text for r in kept for c in r.chapters for b in c.blocks)
