"""帮助 menu: 关于 (version and where the data, backups and logs are) and 公文字体 (which of the
standard 公文 fonts this PC has, what Word/WPS uses instead, and how to get them legally).

The window gives the menu a function returning the open archive's file, so the folders shown are the
ones really in use (--db may point elsewhere than the default).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGridLayout, QHeaderView, QLabel, QMenu,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core import APP_NAME, __version__
from core.fonts import DEFAULT_FONT_SET, FONT_SETS, ROLES, FontRole, is_installed, substitute_for
from core.paths import default_db_path, log_dir
from gui.errors import show_error

ROLE_LABELS = {"body": "正文", "kai": "二级标题", "hei": "一级标题", "title": "文件标题",
               "page_number": "页码"}


def open_folder(parent: QWidget, folder: Path) -> None:
    """Show a folder in the file manager, creating it first (the log folder may not exist yet)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        show_error(parent, err, parent.tr("无法打开文件夹"))
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def closing_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox()
    buttons.addButton(dialog.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    return buttons


class HelpMenu(QMenu):
    def __init__(self, database: Callable[[], Path | None], parent: QWidget):
        super().__init__(parent.tr("帮助(&H)"), parent)
        self.database = database
        self.about_action = self._add(self.tr("关于法治年报…"), self.show_about)
        self.fonts_action = self._add(self.tr("公文字体…"), self.show_fonts)
        self.addSeparator()
        self.log_action = self._add(self.tr("打开日志文件夹"),
                                    lambda: open_folder(self.parentWidget(), log_dir()))

    def _add(self, text: str, slot) -> QAction:
        action = self.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.database() or default_db_path(), self.parentWidget())
        dialog.open()
        return dialog

    def show_fonts(self) -> FontsDialog:
        from PySide6.QtGui import QFontDatabase
        dialog = FontsDialog(set(QFontDatabase.families()), self.parentWidget())
        dialog.open()
        return dialog


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        import platform

        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import Qt  # Qt's namespace (≈10 ms of enums) loads with the dialog, not the menu

        from core.backups import backup_dir
        self.setWindowTitle(self.tr("关于法治年报"))
        title = QLabel(f"{APP_NAME}　{self.tr('版本')} {__version__}")
        title.setObjectName("startTitle")
        intro = QLabel(self.tr("乡镇法治政府建设年度报告的起草、归档与公文排版。"
                               "全部数据保存在本机，不需要联网。"))
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.folders = {
            self.tr("数据库文件"): db_path,
            self.tr("数据文件夹"): db_path.parent,
            self.tr("自动备份"): backup_dir(db_path),
            self.tr("日志文件夹"): log_dir(),
        }
        for row, (label, path) in enumerate(self.folders.items()):
            grid.addWidget(QLabel(label + self.tr("：")), row, 0)
            shown = QLabel(str(path))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(shown, row, 1)
            if path != db_path:
                button = QPushButton(self.tr("打开"))
                button.clicked.connect(lambda _checked=False, p=path: open_folder(self, p))
                grid.addWidget(button, row, 2)
        grid.setColumnStretch(1, 1)
        backups = QLabel(self.tr("每天第一次打开档案时、升级数据库结构之前自动备份，保留最近 10 份。"
                                 "换电脑时，把数据文件夹整个复制过去即可。"))
        backups.setWordWrap(True)
        backups.setObjectName("hint")
        runtime = QLabel(f"Python {platform.python_version()} · PySide6 {pyside_version} · "
                         f"{platform.system()} {platform.release()}")
        runtime.setObjectName("paneCaption")
        runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        for widget in (title, intro):
            layout.addWidget(widget)
        layout.addLayout(grid)
        for widget in (backups, runtime, closing_buttons(self)):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 42)


def font_rows(installed: set[str]) -> list[tuple[str, str, bool, str]]:
    """(family, what it is used for, installed here, what Word/WPS uses when it is missing) per family."""
    fonts: dict[str, tuple[FontRole, list[str]]] = {}
    for font_set in FONT_SETS.values():
        for role in ROLES:
            font = font_set.role(role)
            uses = fonts.setdefault(font.family, (font, []))[1]
            if ROLE_LABELS[role] not in uses:
                uses.append(ROLE_LABELS[role])
    default_families = {font.family for font in FONT_SETS[DEFAULT_FONT_SET].families()}
    rows = []
    for family, (font, uses) in fonts.items():
        used_for = "、".join(uses)
        if family not in default_families:
            sets = [s.label.split("（")[0] for s in FONT_SETS.values() if font in s.families()]
            used_for += "（" + "、".join(sets) + " 方案）"
        present = is_installed(family, installed)
        rows.append((family, used_for, present, "" if present else substitute_for(font, installed)))
    return rows


class FontsDialog(QDialog):
    def __init__(self, installed: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtCore import Qt
        self.setWindowTitle(self.tr("公文字体"))
        intro = QLabel(self.tr("GB/T 9704-2012 公文使用下列字体。导出的 Word 文件中总是写明标准字体；"
                               "本机缺少的字体，在本机的 Word/WPS 中会以右列的字体代替显示和打印，"
                               "在装有标准字体的电脑上打开即为标准样式。"))
        intro.setWordWrap(True)
        rows = font_rows(installed)
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels([self.tr("字体"), self.tr("用于"), self.tr("本机"),
                                              self.tr("缺少时 Word/WPS 改用")])
        for row, (family, uses, present, substitute) in enumerate(rows):
            cells = (family, uses, self.tr("已安装") if present else self.tr("缺少"), substitute)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == 2 and not present:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)  # no empty band
        sources = QLabel(self.tr(
            "字体受著作权保护，本软件不附带任何商业字体。请从正规渠道取得：\n"
            "· 宋体、黑体、仿宋、楷体：Windows 自带；\n"
            "· 仿宋_GB2312、楷体_GB2312、方正小标宋简体：使用本单位已购买授权的字体"
            "（如单位信息化部门统一配发的公文字体包），或向字体厂商（如方正字库）购买授权；\n"
            "· 银河麒麟、统信 UOS 电脑：可向系统厂商或单位信息化部门索取已授权的字体。\n"
            "请勿从来历不明的网站下载字体。安装方法：Windows 中右键字体文件，选“为所有用户安装”；"
            "麒麟、统信中双击字体文件安装，或复制到 ~/.local/share/fonts 文件夹。安装后重新启动法治年报。"))
        sources.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, sources, closing_buttons(self)):
            layout.addWidget(widget)
        self.resize(self.fontMetrics().horizontalAdvance("中") * 56, self.sizeHint().height())
