"""On a server archive: who else has this report open, and their edits showing up here.

Every POLL_S (and on every tab switch) the window, on the writer thread, refreshes its own presence row
(core.archive.presence; at most every HEARTBEAT_S unless the chapter changed), reads who else is on the
report and the revisions of the report and its chapters. The others are shown in the status bar, e.g.
「另一台电脑（党政办-2）正在编辑：二、不足和原因」. When a revision moved on since this window loaded
it, the report is read again and only what changed is shown anew: a chapter's newer text replaces it
in place — except in the chapter the clerk is typing in (the current tab, typed in since loaded, or
text still waiting to be written), where a notice says so instead; on saving, the conflict machinery
keeps her text as a version. Changed metadata or chapters added, removed or renamed reload the whole
report once nothing waits to be written. An SQLite file has one window: nothing runs.
"""
from __future__ import annotations

import socket
import time
import uuid

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel

from core.archive.presence import HEARTBEAT_S

POLL_S = 5


class PresenceWatch(QObject):
    def __init__(self, window):
        super().__init__(window)  # the window is reached through parent(): no Python reference cycle,
        # whose collection could run on the writer thread and free Qt wrappers there
        self.client = uuid.uuid4().hex
        self.who = socket.gethostname() or self.tr("未命名电脑")
        self.label = QLabel()
        self.label.setObjectName("presenceLabel")
        self.label.hide()
        window.statusBar().addWidget(self.label)
        self._told = (None, "", 0.0)  # (report id, chapter, when) last written to the presence row
        self._noticed: dict[int, int] = {}  # chapter id → the revision from elsewhere already announced
        self._busy = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self._timer.start(POLL_S * 1000)
        window.tabs.currentChanged.connect(self._on_tab_switched)
        window.installEventFilter(self)

    @property
    def window(self):
        return self.parent()

    def _on_tab_switched(self, _index: int) -> None:
        self.poll()

    def eventFilter(self, watched, event) -> bool:
        """Closing: take this window's row away at once (a killed window's row expires instead)."""
        if event.type() == QEvent.Type.Close:
            self._timer.stop()  # a poll after the window closed would find the writer thread gone
            if self.window.isVisible() and self._on_server() and not self.window.archive.read_only:
                client = self.client
                self.window.database.run_later(lambda archive: archive.leave_presence(client))
        return False

    def _on_server(self) -> bool:
        archive = self.window.archive
        return archive is not None and getattr(archive, "path", 0) is None

    def poll(self) -> None:
        if not self.window.isVisible():
            return
        self._timer.start()  # again, when closing the window was cancelled
        report_id = self.window.report_id()
        if self._busy or not self._on_server() or report_id is None:
            if not self._on_server():
                self.label.hide()
            return
        archive, chapter = self.window.archive, self._chapter_title()
        now = time.monotonic()
        report, told_chapter, told_at = self._told
        touch = not archive.read_only and (
            (report, told_chapter) != (report_id, chapter) or now - told_at >= HEARTBEAT_S)

        client, who, known = self.client, self.who, self._known_state()  # plain values: no Qt object
        # travels to the writer thread

        def work(archive):
            if touch:
                archive.touch_presence(client, who, report_id, chapter)
            state = archive.report_state(report_id)
            fresh = archive.load_report(report_id) if state != known else None
            return archive.others_present(report_id, client), fresh
        if touch:
            self._told = (report_id, chapter, now)
        self._busy = True
        self.window.database.run(work, lambda result: self._show(report_id, result, None),
                                 lambda error: self._show(report_id, None, error))

    def _chapter_title(self) -> str:
        """The chapter as its tab names it (「二、不足和原因」), "" on 基本信息/数据."""
        tabs = self.window.tabs
        return tabs.tabText(tabs.currentIndex()) if tabs.current_page() is not None else ""

    def _show(self, report_id: int, result, error) -> None:
        self._busy = False
        if error is not None or report_id != self.window.report_id():
            return  # a lost connection shows when saving; another report was opened meanwhile
        others, fresh = result
        self._show_others(others)
        if fresh is not None:
            self._take_newer(fresh)

    def _take_newer(self, fresh) -> None:
        """Show what changed elsewhere, sparing the chapter being typed in (see the module's text)."""
        tabs, autosaver = self.window.tabs, self.window.database.edits
        outline = [(c.id, c.title) for c in tabs.report.chapters]
        if fresh.revision > (tabs.report.revision or 0) or outline != [(c.id, c.title) for c in fresh.chapters]:
            if not autosaver.has_pending():
                tabs.reload()
            return
        loaded = {c.id: c.revision or 0 for c in tabs.report.chapters}
        spared = []
        for chapter in fresh.chapters:
            if chapter.revision <= loaded[chapter.id] or self._noticed.get(chapter.id) == chapter.revision:
                continue
            if self._typing_in(chapter.id):
                self._noticed[chapter.id] = chapter.revision
                spared.append(chapter.title)
            else:
                tabs.refresh_chapter(chapter)
        if spared:
            self.window.statusBar().showMessage(self.tr(
                "另一台电脑修改了“{0}”。您正在这一部分输入，屏幕上的内容没有被替换；保存时如与对方的修改冲突，"
                "您的文字会保存为历史版本，并显示较新的内容。").format("、".join(spared)), 30000)

    def _typing_in(self, chapter_id: int) -> bool:
        """Typed in since loaded, and either still on screen or not yet written."""
        tabs = self.window.tabs
        page = next((p for p in tabs.loaded_pages() if p.chapter_id == chapter_id), None)
        return page is not None and page.editor.document().isModified() and (
            page is tabs.current_page() or self.window.database.edits.has_pending())

    def _show_others(self, others) -> None:
        parts = [self._where(o.who, o.chapter) for o in others]
        self.label.setText("；".join(parts))
        self.label.setVisible(bool(parts))

    def _where(self, who: str, chapter: str) -> str:
        where = self.tr("另一个窗口") if who == self.who else self.tr("另一台电脑")  # same PC: a second window
        if chapter:
            return self.tr("{0}（{1}）正在编辑：{2}").format(where, who, chapter)
        return self.tr("{0}（{1}）也打开了此报告").format(where, who)

    def _known_state(self) -> tuple:
        """The revisions this window shows, as report_state() gives them (announced ones count as known)."""
        report = self.window.tabs.report
        return report.revision, {c.id: max(c.revision or 0, self._noticed.get(c.id, 0)) for c in report.chapters}
