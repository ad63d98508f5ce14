"""Preview, print and PDF speed (issue 11.5), beside baselines in the same run (this machine is noisy).

- pages ready after a change: a 10-page report with one paragraph changed, laid out with every page's
  lines built (what the preview's worker does after a typing pause) — target ≤ 300 ms; baseline: the
  .docx export of the same report (which needs only the page breaks).
- PDF of ten times the sample (`gui.pdf_export.pdf_bytes`) — target ≤ 1 s; baseline: its layout alone.
- typing with the preview open: 200 committed strings in a chapter editor of the real window, with
  the 版面预览 dock closed, then open (its layouts running on the worker thread) — target ≤ 1.5×.

    python bench/bench_preview.py
"""
from __future__ import annotations

import copy
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from core.docx_export.build import build_document  # noqa: E402
from core.fonts import font_set  # noqa: E402
from bench_result import emit, row  # noqa: E402
from gui.pdf_export import ensure_gui_application, pdf_bytes  # noqa: E402
from gui.preview_view import build_layout  # noqa: E402
from tests.support.generated import long_cases  # noqa: E402
from tests.support.reports import sample_report  # noqa: E402


def median_ms(work, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def docx_bytes(report) -> None:
    build_document(report, "red", font_set("gb2312")).save(io.BytesIO())


_edits = iter(range(10**6))


def changed(report):
    """The report after one more character typed into its last paragraph (a fresh one each call)."""
    edited = copy.deepcopy(report)
    block = edited.chapters[-1].blocks[-1]
    block.text += str(next(_edits))
    return edited


def ten_samples():
    report = sample_report()
    big = copy.deepcopy(report)
    big.chapters = [copy.deepcopy(c) for _ in range(10) for c in report.chapters]
    return big


def typing_ms(window, qtbot_like, strokes: int = 200) -> float:
    from PySide6.QtWidgets import QApplication
    from tests.support.gui import commit_text
    page = window.tabs.pages()[1]
    window.tabs.setCurrentWidget(page)
    editor = page.editor
    started = time.perf_counter()
    for _ in range(strokes):
        commit_text(editor, "字")
        QApplication.processEvents()
    return (time.perf_counter() - started) * 1000 / strokes


def bench_typing() -> tuple[float, float]:
    from PySide6.QtCore import QSettings
    from core.archive import Archive
    from gui.main_window import MainWindow
    from gui.settings import Settings
    folder = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    db = folder / "a.sqlite3"
    with Archive(db) as archive:
        archive.create_report(ten_samples())
    window = MainWindow(Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    window.open_archive(str(db))
    closed = typing_ms(window, None)
    window.preview.dock.toggleViewAction().trigger()
    opened = typing_ms(window, None)
    window.close()
    return closed, opened


def main() -> None:
    ensure_gui_application()
    ten_pages = next(c.report for c in long_cases() if len(build_layout(c.report, "red").pages) == 10)
    layout_ms = median_ms(lambda: build_layout(changed(ten_pages), "red"))
    docx_ms = median_ms(lambda: docx_bytes(ten_pages))
    print(f"10-page report, pages with lines ready: {layout_ms:.0f} ms (target ≤ 300) · "
          f"baseline .docx export of it: {docx_ms:.0f} ms")
    big = ten_samples()
    big_layout = build_layout(big, "red")
    pdf_ms = median_ms(lambda: pdf_bytes(build_layout(big, "red")), runs=3)
    lay_ms = median_ms(lambda: build_layout(big, "red"), runs=3)
    print(f"PDF of ten times the sample ({len(big_layout.pages)} pages): {pdf_ms:.0f} ms (target ≤ 1000) · "
          f"baseline its layout alone: {lay_ms:.0f} ms")
    closed, opened = bench_typing()
    print(f"typing (per committed string, 10× sample): preview closed {closed:.2f} ms · open {opened:.2f} ms "
          f"· ratio {opened / closed:.2f} (target ≤ 1.5)")
    emit("bench_preview", [
        row("10-page preview layout", layout_ms, "ms", ".docx export of it", docx_ms, "≤ 300 ms", layout_ms <= 300),
        row(f"PDF, {len(big_layout.pages)} pages", pdf_ms, "ms", "its layout alone", lay_ms, "≤ 1000 ms",
            pdf_ms <= 1000),
        row("typing with the preview open", opened, "ms", "preview closed", closed, "≤ 1.5×",
            opened <= 1.5 * closed)])


if __name__ == "__main__":
    main()
