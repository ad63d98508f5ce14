"""Keys a Word/WPS user presses in the chapter editor, with the meaning they expect here.

Tab / Shift+Tab change the paragraph's level, as in Word's outline lists (正文 → （一） → 1. → （1） and back),
instead of typing a tab character the printed 公文 would show as a gap. Ctrl+I / Ctrl+U have no meaning in a
公文 (GB/T 9704 fixes every font), so they say so in the status bar rather than doing nothing. Ctrl+B is the
editor's 设为小标题 (gui/heading_actions.py) — the nearest thing to bolding a heading in Word — and only falls
through to the same message when that action is not there.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow

from core.outline import LEVELS

FORMAT_KEYS = (Qt.Key.Key_B, Qt.Key.Key_I, Qt.Key.Key_U)  # B reaches here only without 设为小标题
MESSAGE_MS = 8000


def handle_editor_key(editor, event, current_level: int) -> bool:
    """True when the key was handled here (the editor must not process it further)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    control, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not modifiers & control:  # Ctrl+Tab: tabs
        step = -1 if event.key() == Qt.Key.Key_Backtab or modifiers & shift else 1
        index = min(max(LEVELS.index(current_level) + step, 0), len(LEVELS) - 1)
        editor.set_level(LEVELS[index])
        return True
    if event.key() in FORMAT_KEYS and modifiers == control:
        window = editor.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(QCoreApplication.translate(
                "EditorKeys", "公文的字体、字号和加粗由导出时按 GB/T 9704 自动设置，这里不需要加粗、倾斜或下划线；"
                "层级用 Tab / Shift+Tab 或 Ctrl+0/2/3/4 设置，Ctrl+B 把光标之前的文字设为小标题。"), MESSAGE_MS)
        return True
    return False
