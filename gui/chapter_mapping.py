"""部分 ▸ 对应规定内容…: which of the mandated contents the current chapter stands for.

An imported chapter named by theme (「加强组织领导，构建依法治镇工作新格局」) may hold 主要举措和成效
without saying so; the check looks for the contents by this mapping, so the clerk can set or clear it.
"""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QDialog, QLabel, QRadioButton, QVBoxLayout, QWidget

from core.outline import Chapter, INTRO_KEY, chapter_numbers
from core.template import template_chapters
from gui.errors import accept_cancel_buttons, show_error


class ChapterMappingDialog(QDialog):
    """One choice per mandated content, plus 导语 and 不对应; a content held by another chapter says so."""

    def __init__(self, chapter: Chapter, chapters: list[Chapter], year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chapterMapping")
        self.setWindowTitle(self.tr("对应规定内容"))
        numbers = dict(zip((c.id for c in chapters), chapter_numbers(chapters)))
        holders = {c.template_key: c for c in chapters if c.template_key and c.id != chapter.id}
        question = QLabel(self.tr("“{0}”对应规定的哪一项内容？检查按此判断五项规定内容是否齐全。")
                          .format(numbers.get(chapter.id, "") + chapter.title))
        question.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        self._group = QButtonGroup(self)
        self._keys: list[str | None] = []
        choices = [(t.key, t.title_for(year)) for t in template_chapters() if t.key != INTRO_KEY]
        choices += [(INTRO_KEY, self.tr("导语（不编序号）")), (None, self.tr("不对应规定内容（作为单独部分）"))]
        for key, label in choices:
            holder = holders.get(key) if key else None
            if holder is not None:
                label += self.tr("（现为“{0}”，将改到本部分）").format(numbers.get(holder.id, "") + holder.title[:12])
            button = QRadioButton(label)
            button.setObjectName(f"mapping_{key or 'none'}")
            button.setChecked(key == chapter.template_key)
            self._group.addButton(button, len(self._keys))
            self._keys.append(key)
            layout.addWidget(button)
        layout.addWidget(accept_cancel_buttons(self, self.tr("确定")))

    def choice(self) -> str | None:
        checked = self._group.checkedId()
        return self._keys[checked] if checked >= 0 else None


def map_current_chapter(reports) -> None:
    """部分 ▸ 对应规定内容…: ask for the current chapter (of gui/report_controller.py's `reports`), store the
    choice, show the result."""
    try:
        _map(reports)
    except Exception as err:  # noqa: BLE001 — the user gets a message, the app goes on
        show_error(reports.window, err)


def _map(reports) -> None:
    tabs = reports.tabs
    page = tabs.current_page()
    if page is None:
        return
    dialog = ChapterMappingDialog(page.chapter, tabs.chapters(), tabs.report.year, reports.window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice() == page.chapter.template_key:
        return
    chapter_id, key = page.chapter_id, dialog.choice()

    def show(_none) -> None:
        tabs.reload(chapter_id)
        reports.refresh_check_panel()
    reports.database.run(lambda archive: archive.set_chapter_template_key(chapter_id, key), show)
