"""Emitting Qt signals from Python many times must not crash the app.

PySide6 6.12.0 drops a reference to True on every emit; on Python 3.11 the app then aborts with
“bool_dealloc” after a few hundred keystrokes. requirements.txt excludes that release; this test
fails on any PySide6 that brings the bug back.
"""
from __future__ import annotations

import os
import subprocess
import sys

EMIT_MANY = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal()
    text = Signal(str)

app = QCoreApplication([])
source = Source()
before = sys.getrefcount(True)
for _ in range(20_000):  # many more than True's references at start-up
    source.changed.emit()
    source.text.emit("字")
print(sys.getrefcount(True) - before, flush=True)
"""


def test_many_signal_emits_keep_true_alive():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", EMIT_MANY], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100  # no reference lost per emit
