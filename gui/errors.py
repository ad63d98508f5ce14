"""Message boxes for failures and questions, in Chinese.

Every failure shown to the user says what happened and what to do; the editor keeps what was typed.
Boxes are window-modal and opened without a nested event loop, so autosave and tests keep running.
"""
from __future__ import annotations

import functools
import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from core import APP_NAME
from core.errors import AppError

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def error_text(err: BaseException) -> str:
    """The Chinese message for any exception: AppError carries its own, anything else gets advice."""
    if isinstance(err, AppError):
        return str(err)
    if isinstance(err, OSError):
        return _tr("读写文件时出错：{0}。请检查磁盘空间和文件权限后重试；您输入的内容仍保留在编辑器中。").format(
            err.strerror or err)
    return _tr("发生了意外错误（{0}）。您输入的内容仍保留在编辑器中；请重试，"
               "如果问题反复出现，请把下面的详细信息告诉技术人员。").format(type(err).__name__)


def show_error(parent: QWidget | None, err: BaseException, title: str | None = None,
               wait: bool = False):
    """Show the message; `wait` blocks until it is closed (when the app cannot go on afterwards)."""
    from PySide6.QtCore import Qt  # imported when needed: keeps start-up fast
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Warning, title or _tr(APP_NAME), error_text(err),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    if isinstance(err, AppError):
        log.warning("shown to the user: %s", err)
    else:
        log.error("unexpected error shown to the user", exc_info=err)
        box.setDetailedText("".join(traceback.format_exception(err)))
    if wait:
        box.exec()
        return box
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """A blocking yes/no question with explicit Chinese button labels; True when `yes` is chosen."""
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("questionBox")
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no or _tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def guarded(method):
    """Decorate a slot: any exception becomes a message box over `self` (or, for a controller, over its
    `window`) instead of a crash."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as err:  # noqa: BLE001 — the user gets a message, the app goes on
            parent = self if isinstance(self, QWidget) else getattr(self, "window", None)
            show_error(parent if isinstance(parent, QWidget) else None, err)
            return None
    return wrapper


def accept_cancel_buttons(dialog: QDialog, accept_label: str) -> QDialogButtonBox:
    """The button row of our dialogs: a named accept button and 取消, wired to accept/reject."""
    buttons = QDialogButtonBox()
    buttons.addButton(accept_label, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(_tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
