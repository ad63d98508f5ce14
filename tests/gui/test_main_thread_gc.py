"""The app collects garbage on the GUI thread only (gui/main_thread_gc.py)."""
import gc

from gui.app import make_application


def test_the_application_collects_on_a_gui_thread_timer(qapp, qtbot):
    gc.enable()
    make_application()
    try:
        assert not gc.isenabled()  # no collection triggered on the writer or layout thread
        garbage = []
        garbage.append(garbage)  # a cycle only the collector frees
        before = gc.get_count()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] < before, timeout=3000)
    finally:
        gc.enable()
