"""PySide6 puts a hook on every import that follows its own: for its opt-in `from __feature__ import …`
switches it asks of each newly imported module whether its source mentions "PySide6", through
inspect.getsource — which looks through all of sys.modules on every call. Over the ≈400 modules our
start imports after Qt (SQLAlchemy's among them) that came to ≈40 ms. `lighten()` gives the hook the same
answer from the module's file, read directly; anything else (no .py file, an unreadable one) still goes
to PySide's own test. Nothing changes when a PySide6 version lacks the hook.
"""
from __future__ import annotations

import sys


def lighten() -> None:
    """Call once PySide6.QtCore is imported, before the application's own modules are."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or hasattr(original, "pysides_own"):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not (isinstance(path, str) and path.endswith(".py")):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.pysides_own = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
