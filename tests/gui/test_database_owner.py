"""One owner of database work in gui/ (gui/database.py): the rule read off the source, and the window
driven as a clerk would — type, then at once use a menu — to see the writes land in order."""
from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import docx
from PySide6.QtWidgets import QPushButton

from core.archive import Archive
from core.outline import BODY, Block
from tests.support.gui import (answer_next_dialog, chapter_tab, commit_text, message_boxes, seed_report,
                               settle, stored_text)

ROOT = Path(__file__).resolve().parents[2]
OWNER = "database.py"  # the one module that knows about ordering
AUTOSAVE = "autosave.py"  # its writes, started by the owner or its timers
# The archive's life (open, copy elsewhere, backup on close) happens while the writer is stopped or drained.
LIFECYCLE = "archive_session.py"
ORDERING_CALLS = {"flush", "write_and_wait", "start_writes"}
FILE_WRITES = {"backup", "backup_if_due", "save_copy_as"}


def archive_write_methods() -> set[str]:
    """The public Archive methods that write: those opening a write transaction (core/archive/*.py)."""
    names = set(FILE_WRITES)
    for source in (ROOT / "core" / "archive").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                body = ast.unparse(node)
                if "_transaction(write=" in body or "_backup_before(" in body:
                    names.add(node.name)
    return names


def violations(gui_dir: Path) -> list[str]:
    """Calls outside the owner that order writes themselves (flush …), and archive writes (on anything
    named …archive) whose receiver is not the archive the owner hands to a work function (a parameter of
    the enclosing lambda or def)."""
    writes, found = archive_write_methods(), []
    for module in sorted(gui_dir.glob("*.py")):
        if module.name == OWNER:
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.Lambda, ast.FunctionDef)))]:
            params = {a.arg for a in function.args.args} if hasattr(function, "args") else set()
            for call in _own_calls(function):
                name = call.func.attr
                receiver = call.func.value
                if name in ORDERING_CALLS and module.name != AUTOSAVE:
                    found.append(f"{module.name}:{call.lineno} .{name}()")
                elif name in writes and module.name != LIFECYCLE and "archive" in ast.unparse(receiver) \
                        and not (isinstance(receiver, ast.Name) and receiver.id in params):
                    found.append(f"{module.name}:{call.lineno} {ast.unparse(call.func)}()")
    return found


def _own_calls(function):
    """Method calls in `function` itself, not in the lambdas and defs nested in it."""
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node
        pending.extend(ast.iter_child_nodes(node))


def test_only_the_database_owner_orders_and_writes():
    assert "apply_fixes" in archive_write_methods() and "load_report" not in archive_write_methods()
    assert violations(ROOT / "gui") == []


def test_the_rule_sees_a_widget_that_flushes_and_writes(tmp_path):
    (tmp_path / "panel.py").write_text(
        "def fix(self):\n"
        "    if self.autosaver.flush():\n"
        "        self.archive.apply_fixes(1)\n"
        "    self.database.run(lambda archive: archive.apply_fixes(1))\n", encoding="utf-8")
    assert sorted(violations(tmp_path)) == ["panel.py:2 .flush()", "panel.py:3 self.archive.apply_fixes()"]


# --- the window: type, then at once a menu ---------------------------------------------------------

def test_fix_all_right_after_typing_fixes_the_typed_text(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[])
    with Archive(db_path) as archive:
        archive.update_report(report_id, doc_number="景政发【2025】7号")  # 全部修正 has something to do
    window = open_window()
    window.check_action.trigger()
    settle(qtbot, window)
    commit_text(chapter_tab(window, "measures").editor, "加强学习,提高能力。")
    window.check_panel.findChild(QPushButton, "checkFixAll").click()  # before any autosave timer fired
    settle(qtbot, window)
    assert "加强学习，提高能力。" in stored_text(db_path, report_id)  # typed, then fixed: in that order
    with Archive(db_path) as archive:
        assert archive.load_report(report_id).doc_number == "景政发〔2025〕7号"
    assert chapter_tab(window, "measures").editor.toPlainText() == "加强学习，提高能力。"
    with Archive(db_path) as archive:
        kept = archive.load_snapshot(archive.list_snapshots(report_id)[0].id)
    assert "加强学习,提高能力。" in [b.plain for c in kept.chapters for b in c.blocks]  # the version before
    assert message_boxes("errorBox") == []


def test_rename_right_after_typing_keeps_both_and_later_typing_too(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "other").editor
    commit_text(editor, "无。")
    answer_next_dialog(text="其他事项")
    window.rename_chapter_action.trigger()
    commit_text(editor, "另附说明。")  # typed while the rename is queued: saved after it, no conflict
    assert window.database.write_everything()
    settle(qtbot, window)
    with Archive(db_path) as archive:
        chapter = archive.load_report(report_id).chapters[-1]
    assert chapter.title == "其他事项" and chapter.blocks[0].plain == "无。另附说明。"
    assert window.tabs.current_page().chapter.title == "其他事项"
    assert message_boxes("errorBox") == []


def test_export_right_after_typing_exports_the_typed_text(open_window, db_path, qtbot, tmp_path, monkeypatch):
    from gui.export_confirm import EXPORT
    from gui.export_flow import ExportFlow
    target = tmp_path / "报告.docx"  # the flow's two questions answered as the clerk would
    monkeypatch.setattr(ExportFlow, "confirm_export", lambda self, errors, missing: EXPORT)
    monkeypatch.setattr(ExportFlow, "choose_target", lambda self, report: (target, "red", False, False))
    seed_report(db_path, blocks=[Block(BODY, "", "第一段。")])
    window = open_window()
    commit_text(chapter_tab(window, "other").editor, "刚写的一句。")
    window.export_action.trigger()  # 导出 Word before any autosave timer fired
    settle(qtbot, window)
    assert "刚写的一句。" in "".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "刚写的一句。" in stored_text(db_path)
    assert message_boxes("errorBox") == []


def test_an_operation_behind_unsaved_text_does_not_run_and_the_text_stays(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[])
    window = open_window()
    editor = chapter_tab(window, "other").editor
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file: the typed text cannot be written
    try:
        commit_text(editor, "锁住时写的。")
        answer_next_dialog(text="其他事项")
        window.rename_chapter_action.trigger()
        qtbot.waitUntil(lambda: any("没有执行" in b.text() for b in message_boxes("errorBox")), timeout=20000)
        assert window.database.edits.has_pending()
        assert editor.toPlainText() == "锁住时写的。"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert window.database.write_everything()
    with Archive(db_path) as archive:
        chapter = archive.load_report(report_id).chapters[-1]
    assert chapter.blocks[0].plain == "锁住时写的。" and chapter.title != "其他事项"  # the rename did not run


def test_a_failing_operation_says_why_in_chinese_and_the_typed_text_is_kept(open_window, db_path, qtbot):
    report_id = seed_report(db_path, blocks=[])
    window = open_window()
    other = chapter_tab(window, "other")
    typed = chapter_tab(window, "measures").editor
    commit_text(typed, "刚写的一句。")
    with Archive(db_path) as archive:  # another window removes the chapter about to be renamed
        archive.remove_chapter(other.chapter_id)
    window.tabs.setCurrentWidget(other)
    answer_next_dialog(text="其他事项")
    window.rename_chapter_action.trigger()
    qtbot.waitUntil(lambda: any("不存在" in b.text() for b in message_boxes("errorBox")), timeout=20000)
    assert typed.toPlainText() == "刚写的一句。"
    assert window.database.write_everything()
    assert "刚写的一句。" in stored_text(db_path, report_id)


def test_quitting_writes_what_was_typed_through_the_owner(open_window, db_path):
    from PySide6.QtWidgets import QApplication
    seed_report(db_path, blocks=[])
    window = open_window()
    commit_text(chapter_tab(window, "other").editor, "退出前写的。")
    assert window.database.edits.has_pending()
    QApplication.instance().aboutToQuit.emit()  # what quitting (and the session manager's logoff) does
    assert not window.database.edits.has_pending()
    assert "退出前写的。" in stored_text(db_path)
