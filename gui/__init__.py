"""The PySide6 window. Importing any gui module first applies the workaround below."""
from __future__ import annotations

import sys


def _make_bools_immortal() -> None:
    """Keep True and False alive whatever PySide6 does to their reference counts.

    PySide6 6.12's SignalInstance.emit() returns True without taking a reference, so every emit
    from Python code drops one reference to True. True starts with a few hundred; after that many
    emits (a few hundred keystrokes) CPython 3.11 frees True and aborts with “bool_dealloc”.
    Python 3.12+ makes True/False immortal; this gives 3.11 the same guarantee.
    tests/test_gui_signals.py shows the crash is gone.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40  # ob_refcnt is a PyObject's first field


_make_bools_immortal()
