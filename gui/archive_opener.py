"""Before the window opens an archive: is it missing although it existed, is another window editing
it, does it live on a network share? Each question is asked in plain Chinese; nothing is created,
replaced or opened for writing behind the clerk's back.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.archive_lock import on_network, read_owner
from core.locations import is_server_url
from core.paths import default_db_path


@dataclass(frozen=True)
class OpenPlan:
    path: Path | str  # str: a server URL (core.locations)
    read_only: bool = False
    new_over_backups: bool = False


def _tr(text: str) -> str:
    return QCoreApplication.translate("archive_opener", text)


def plan_opening(parent: QWidget, db_path: str | None, remembered: str) -> OpenPlan | None:
    """How to open db_path (or the default archive, or the server the window was on last time: see
    gui/server_connect.py's server_at_start); None when the clerk chose to quit."""
    settings = getattr(parent, "settings", None)
    if settings is not None and db_path is not None and not is_server_url(db_path):
        settings.last_on_server = False  # a file named on the command line: the next start opens a file
    elif settings is not None and (db_path is not None or settings.last_on_server):
        from gui.server_connect import server_at_start
        go_on, db_path = server_at_start(parent, db_path)
        if not go_on:
            return None
    if is_server_url(db_path):  # a server archive: no file to find, lock or restore
        return OpenPlan(db_path)
    path = Path(db_path) if db_path else default_db_path()
    plan = OpenPlan(path)
    if not (path.exists() and path.stat().st_size > 0):
        plan = _missing(parent, path, remembered)
        if plan is None:
            return None
    owner = read_owner(plan.path)
    if owner is not None:
        return _held_elsewhere(parent, plan.path, owner)
    return plan


def _choose(parent: QWidget, object_name: str, title: str, text: str, choices: list[str]) -> int:
    """A question with named buttons; the index of the chosen one (the last one is the way out)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(object_name)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole if i < len(choices) - 1
                             else QMessageBox.ButtonRole.RejectRole) for i, label in enumerate(choices)]
    box.setDefaultButton(buttons[0])
    box.exec()
    return buttons.index(box.clickedButton()) if box.clickedButton() in buttons else len(choices) - 1


def _missing(parent: QWidget, path: Path, remembered: str) -> OpenPlan | None:
    """A missing archive becomes a new empty one only on a true first start."""
    from core import backups
    found = backups.list_backups(path)
    known = remembered and Path(remembered) == path
    if not found and not known:
        return OpenPlan(path)
    lines = [_tr("找不到档案文件：\n{0}").format(path)]
    if known:
        lines.append(_tr("上次就是在这里打开的档案。它可能被删除、移走或改了名。"))
    if found:
        lines.append(_tr("备份文件夹中有 {0} 份备份，最近一份是 {1}（{2}）。").format(
            len(found), backups.time_label(found[-1]), backups.reason_label(found[-1])))
    lines.append(_tr("为免丢失报告，没有自动新建空档案。"))
    choices = ([_tr("用最近的备份恢复")] if found else []) + [_tr("查找档案…"), _tr("新建空档案"), _tr("退出")]
    chosen = choices[_choose(parent, "missingArchive", _tr("找不到档案"), "\n\n".join(lines), choices)]
    if chosen == _tr("用最近的备份恢复"):
        backups.restore_backup(path, found[-1])
        return OpenPlan(path)
    if chosen == _tr("查找档案…"):
        other, _ = QFileDialog.getOpenFileName(parent, _tr("查找档案"), str(path.parent),
                                               _tr("法治年报档案 (*.sqlite3);;所有文件 (*)"))
        return OpenPlan(Path(other)) if other else None
    if chosen == _tr("新建空档案"):
        return OpenPlan(path, new_over_backups=True)
    return None


def _held_elsewhere(parent: QWidget, path: Path, owner) -> OpenPlan | None:
    text = _tr("档案 {0} 已在{1}中打开。\n\n两个窗口同时修改同一份档案时，后保存的内容不会覆盖先保存的，"
               "而是另存为历史版本，容易混乱。建议切换到已打开的窗口；也可以只读打开，只看不改。").format(
        path, owner.describe())
    choices = ([_tr("切换到已打开的窗口")] if owner.on_this_computer else []) + [_tr("只读打开"), _tr("退出")]
    chosen = choices[_choose(parent, "archiveInUse", _tr("档案正在使用"), text, choices)]
    if chosen == _tr("切换到已打开的窗口"):
        from gui.single_instance import ask_to_raise  # QtNetwork: only to reach the other window
        if not ask_to_raise(path):
            QMessageBox.information(parent, _tr("档案正在使用"),
                                    _tr("没能切换到那个窗口，请在任务栏中找到它。"))
        return None
    if chosen == _tr("只读打开"):
        return OpenPlan(path, read_only=True)
    return None


def warn_if_on_network(parent: QWidget, path: Path | str) -> None:
    if not is_server_url(path) and on_network(Path(path)):
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("档案在网络位置"), _tr(
            "档案 {0} 位于网络共享文件夹中。\n\nSQLite 数据库放在网络文件系统上可能损坏（它的预写日志 WAL 不支持网络"
            "文件系统），也无法可靠地阻止两台电脑同时修改。建议把档案放在本机硬盘上，需要共享时用“文件 ▸ 备份与恢复 ▸ "
            "备份到…”复制一份。").format(path), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("networkWarning")
        box.open()
