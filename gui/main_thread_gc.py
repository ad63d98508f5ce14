"""Python's cyclic garbage collector runs on whichever thread happens to allocate when a threshold is
crossed. When that is the writer thread (gui/autosave.py) or the preview's layout thread and the garbage
holds Qt objects, their C++ destructors run off the GUI thread and Qt can crash — the helpers saw such
segfaults in the test suite. So the automatic collector is switched off and the GUI thread collects on a
timer instead, young objects often and everything now and then (the approach Anki takes).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

TICK_MS = 1000
MIDDLE_EVERY, FULL_EVERY = 10, 60  # ticks: generation 1 every 10 s, a full collection every minute


def collect_on_gui_thread(parent: QObject) -> QTimer:
    """Disable automatic collection and collect from a timer owned by `parent` (the application)."""
    gc.disable()
    ticks = [0]

    def tick() -> None:
        ticks[0] += 1
        generation = 2 if ticks[0] % FULL_EVERY == 0 else 1 if ticks[0] % MIDDLE_EVERY == 0 else 0
        gc.collect(generation)

    timer = QTimer(parent)
    timer.timeout.connect(tick)
    timer.start(TICK_MS)
    return timer
