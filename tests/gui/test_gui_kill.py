"""The autosave promise, for real: a window process killed with SIGKILL 2 s after typing loses nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from core.archive import Archive
from tests.support import ROOT
from core.outline import Block


# The child starts the real window on the temp db, types into a chapter (keys and a committed
# input-method string), says TYPED, and keeps running until it is killed.
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from gui.app import make_application
from gui.main_window import MainWindow
from gui.settings import Settings
from tests.support.gui import commit_text

app = make_application()
window = MainWindow(Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat)))
window.show()

def type_text():
    assert window.open_archive(sys.argv[1])
    page = next(p for p in window.tabs.pages() if p.chapter.template_key == "measures")
    window.tabs.setCurrentWidget(page)
    page.editor.setFocus()
    commit_text(page.editor, "（一）")
    commit_text(page.editor, "被强制结束前输入的文字。")
    QTest.keyClicks(page.editor, "abc")
    print("TYPED", flush=True)

QTimer.singleShot(0, type_text)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_text_typed_2s_before_sigkill_is_in_the_database(db_path, tmp_path):
    with Archive(db_path) as archive:
        archive.new_report(2024)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path), str(ROOT), str(tmp_path / "s.ini")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = child.stdout.readline()
        assert line.strip() == "TYPED", child.stderr.read()
        time.sleep(2.0)
        assert child.poll() is None, "the window process must still be running when it is killed"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    with Archive(db_path) as archive:
        report = archive.load_report(archive.list_reports()[0].id)
    measures = next(c for c in report.chapters if c.template_key == "measures")
    assert measures.blocks == [Block(2, "被强制结束前输入的文字。", "abc")]


# The child types one word every 0.6 s (never pausing long enough for a plain debounce), printing the
# moment each word went in; it is killed 0.5 s after the last one.
STEADY_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QSettings, QTimer
from gui.app import make_application
from gui.main_window import MainWindow
from gui.settings import Settings
from tests.support.gui import commit_text

app = make_application()
window = MainWindow(Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat)))
window.show()
words = sys.argv[4].split()
state = {}

def start():
    assert window.open_archive(sys.argv[1])
    page = next(p for p in window.tabs.pages() if p.chapter.template_key == "measures")
    window.tabs.setCurrentWidget(page)
    page.editor.setFocus()
    state["editor"] = page.editor
    timer.start(600)
    type_word()

def type_word():
    if not words:
        timer.stop()
        print("DONE", flush=True)
        return
    commit_text(state["editor"], words.pop(0))
    print("WORD", time.time(), flush=True)

timer = QTimer()
timer.timeout.connect(type_word)
QTimer.singleShot(0, start)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_steady_typing_is_saved_within_2s_even_without_a_pause(db_path, tmp_path):
    with Archive(db_path) as archive:
        archive.new_report(2024)
    words = [f"第{n}句。" for n in range(1, 7)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", STEADY_CHILD, str(db_path), str(ROOT),
                              str(tmp_path / "s.ini"), " ".join(words)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    typed_at = []
    try:
        for line in child.stdout:
            if line.startswith("WORD"):
                typed_at.append(float(line.split()[1]))
            elif line.startswith("DONE"):
                break
        assert len(typed_at) == len(words), child.stderr.read()
        time.sleep(max(0.0, typed_at[-1] + 0.5 - time.time()))
        killed_at = time.time()
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    with Archive(db_path) as archive:
        report = archive.load_report(archive.list_reports()[0].id)
    stored = "".join(b.plain for c in report.chapters for b in c.blocks)
    old_enough = [word for word, at in zip(words, typed_at) if killed_at - at > 2.0]
    assert len(old_enough) >= 3
    assert [w for w in old_enough if w not in stored] == []
