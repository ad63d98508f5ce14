"""部分 ▸ 新增/重命名/上移/下移/删除: the report's chapters as a structure, for gui/report_tabs.py.

Each change is one Archive call queued on gui/database.py's Database behind the typed text; the tabs
show the stored report once it is done (a move shows at once: the tab bar has already moved).
"""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit

from gui.database import user_operation
from gui.errors import ask, show_error

FIXED_TABS = 2  # 基本信息 and 数据 come before the chapters and stay there


class ChapterStructure:
    """Mixed into ReportTabs (a QTabWidget with `database`, `report`, pages and reload())."""

    @user_operation("新增部分")
    def add_chapter(self) -> None:
        """A deleted mandated part is offered first (in its place, with its template); else a free title."""
        from core.template import missing_chapters, template_position
        missing = missing_chapters(self.report.chapters)
        if missing:
            other = self.tr("其他部分（自拟标题）…")
            titles = [t.title_for(self.report.year) for t in missing]
            choice, ok = QInputDialog.getItem(self, self.tr("新增部分"), self.tr("缺少以下规定部分，可恢复："),
                                              titles + [other], 0, False)
            if not ok:
                return
            if choice != other:
                chosen = missing[titles.index(choice)]
                self._add(choice, chosen.key, template_position(self.report.chapters, chosen.key))
                return
        title, ok = QInputDialog.getText(self, self.tr("新增部分"), self.tr("部分标题："),
                                         QLineEdit.EchoMode.Normal, self.tr("其他需要报告的情况"))
        if not ok or not title.strip():
            return
        index = self.currentIndex()
        chapters = self.count() - FIXED_TABS  # just after the current chapter, or at the end
        self._add(title.strip(), None, index - FIXED_TABS + 1 if index >= FIXED_TABS else chapters)

    def _add(self, title: str, template_key: str | None, position: int) -> None:
        """Store the new chapter, then show the report with it."""
        report_id = self.report.id
        self.database.run(lambda archive: archive.add_chapter(report_id, title, template_key, position),
                          self._reload_report(report_id))

    def _reload_report(self, report_id: int):
        """done() of an operation: show the stored report again (at a chapter), unless another opened."""
        def done(chapter_id=None):
            if self.report is not None and self.report.id == report_id:
                self.reload(chapter_id)
        return done

    @user_operation("重命名部分")
    def rename_chapter(self) -> None:
        page = self.current_page()
        if page is None:
            return
        title, ok = QInputDialog.getText(self, self.tr("重命名部分"), self.tr("部分标题："),
                                         QLineEdit.EchoMode.Normal, page.chapter.title)
        title = title.strip()
        if not ok or not title or title == page.chapter.title:
            return
        chapter = page.chapter

        def rename(archive):  # the revision moves on the writer thread, before the next save of the text
            chapter.revision = archive.rename_chapter(chapter.id, title)
        self.database.run(rename, lambda _none: self._show_title(chapter.id, title))

    def _show_title(self, chapter_id: int, title: str) -> None:
        page = self.page_for(chapter_id)
        if page is not None:
            page.set_title(title)
            self._relabel()

    def move_chapter(self, delta: int) -> None:
        """上移 (-1) / 下移 (+1) the current chapter."""
        page = self.current_page()
        if page is None:
            return
        index = self.indexOf(page)
        target = index + delta
        if not FIXED_TABS <= target < self.count():
            return
        self.tabBar().moveTab(index, target)  # _on_tab_moved stores the order

    def _on_tab_moved(self, from_index: int, to_index: int) -> None:
        if self._relocating:
            return
        if min(from_index, to_index) < FIXED_TABS:  # 基本信息 and 数据 stay first
            self._relocating = True
            self.tabBar().moveTab(to_index, from_index)
            self._relocating = False
            return
        chapter_id, position = self.widget(to_index).chapter.id, to_index - FIXED_TABS
        self._relabel()
        self.database.run(lambda archive: archive.move_chapter(chapter_id, position),
                          failed=lambda error: self._show_stored_order(error))

    def _show_stored_order(self, error: Exception) -> None:
        show_error(self, error)
        self.reload()

    @user_operation("删除部分")
    def remove_chapter(self) -> None:
        page = self.current_page()
        if page is None:
            return
        question = self.tr("确定删除“{0}”吗？\n\n删除前的全文会自动保存为一个历史版本，可在“历史版本”中恢复。")
        if not ask(self, self.tr("删除部分"), question.format(page.chapter.title), self.tr("删除")):
            return
        chapter_id, shown_again = page.chapter_id, self._reload_report(self.report.id)
        self.database.run(lambda archive: archive.remove_chapter(chapter_id),
                          lambda _snapshot: shown_again(-1))
