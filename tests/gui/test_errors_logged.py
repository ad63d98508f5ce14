"""An unexpected error shown in the window is also logged with its traceback; a known one by its message."""
import logging

from core.errors import AppError
from gui.errors import show_error


def test_unexpected_errors_shown_in_the_window_are_logged(qtbot, caplog):
    caplog.set_level(logging.WARNING)
    try:
        raise RuntimeError("模拟的内部错误")
    except RuntimeError as err:
        box = show_error(None, err)
    box.close()
    record = next(r for r in caplog.records if r.name == "gui.errors")
    assert record.levelno == logging.ERROR and record.exc_info[1].args == ("模拟的内部错误",)
    caplog.clear()
    show_error(None, AppError("磁盘已满。")).close()
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "shown to the user: 磁盘已满。")]
