"""A fresh start loads only what the first screen needs (issue 18.1): the report is shown and editable
before SQLAlchemy loads (gui/quick_start.py), and the checks' rule engine, the Word export and import,
the page model of the 版面预览, the diff and the replace load on first use."""
from __future__ import annotations

import json
import subprocess
import sys

from core.archive import Archive
from core.outline import BODY, Block
from tests.conftest import ROOT
from tests.support.gui import seed_report

# A fresh interpreter, as a clerk's start: the window shown, the archive opened, the last report shown.
START = """
import json, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QSettings
from gui.app import make_application
app = make_application()
from gui.main_window import MainWindow
from gui.settings import Settings
window = MainWindow(Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat)))
window.show()
assert window.open_archive(sys.argv[2])
for _ in range(3):
    app.processEvents()
assert window.tabs.current_editor() is not None
print(json.dumps(sorted(sys.modules)))
"""

NOT_AT_START = (
    "core.checks",  # 检查: its rules load with the panel, the export or the 基本信息 form shown
    "core.docx_export", "docx",  # 导出
    "core.importing",  # 导入 (and the date parsing of the 基本信息 form, on the first typed date)
    "core.figure_text",  # 从正文中提取数据
    "core.pages", "gui.preview_view", "gui.page_painter",  # 版面预览, 打印
    "core.report_diff", "core.replace",  # 历史版本, 替换, 年份更新
    "gui.check_panel", "gui.export_flow", "gui.import_flow",
    "PySide6.QtPrintSupport",
)


def test_a_fresh_start_leaves_what_the_first_screen_does_not_need(tmp_path):
    db = tmp_path / "archive.sqlite3"
    seed_report(db)
    with Archive(db) as archive:
        report_id = archive.list_reports()[0].id
        archive.update_report(report_id, doc_number="景发〔2025〕7号")  # the form checks it as it shows
    out = subprocess.run([sys.executable, "-c", START, str(ROOT), str(db), str(tmp_path / "settings.ini")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    assert "core.archive" in loaded  # the start did open the archive
    assert sorted(name for name in NOT_AT_START if name in loaded) == []


# A fresh interpreter, as a clerk's start through gui/quick_start.py: what is loaded the moment the report
# is on screen and editable, then the archive opening behind it.
FIRST_READ = """
import json, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QSettings, QTimer
from gui.app import make_application
app = make_application()
from gui.archive_opener import OpenPlan
from gui.main_window import MainWindow
from gui.quick_start import show_first_read
from gui.settings import Settings
window = MainWindow(Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat)))
window.show()
from pathlib import Path
assert show_first_read(window, OpenPlan(Path(sys.argv[2])), lambda: sys.exit(3))
shown = {"archive": window.archive is not None, "modules": sorted(sys.modules)}
app.processEvents()  # the first frame (the opening behind may begin in this pass: modules were taken before)
editor = window.tabs.current_editor()
shown.update(editable=[editor.isVisible(), editor.isEnabled(), not editor.isReadOnly()], text=editor.toPlainText())
def opened():
    if window.archive is not None and window.export_action.isEnabled():
        print(json.dumps({"shown": shown, "modules_after": sorted(sys.modules)}))
        app.quit()
poll = QTimer()
poll.timeout.connect(opened)
poll.start(10)
app.exec()
"""


def test_the_report_is_editable_before_sqlalchemy_loads_then_the_archive_opens_behind_it(tmp_path):
    db = tmp_path / "archive.sqlite3"
    seed_report(db)
    with Archive(db) as archive:  # text in the first chapter, the one shown
        first = archive.load_report(archive.list_reports()[0].id).chapters[0]
        archive.save_chapter(first.id, [Block(BODY, "", "今年以来，我乡坚持依法行政。")])
    out = subprocess.run([sys.executable, "-c", FIRST_READ, str(ROOT), str(db), str(tmp_path / "settings.ini")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.splitlines()[-1])
    shown = result["shown"]
    assert shown["editable"] == [True, True, True], shown["editable"]
    assert shown["text"] == "今年以来，我乡坚持依法行政。" and not shown["archive"]
    assert [m for m in shown["modules"] if m.split(".")[0] in ("sqlalchemy", "alembic")] == []
    assert sorted(name for name in NOT_AT_START if name in shown["modules"]) == []
    assert "core.archive.facade" in result["modules_after"]  # then the archive opened behind it


def test_the_lightened_pyside_import_hook_answers_as_pysides_own():
    import core.outline
    import gui.main_window
    from gui import pyside_import_hook
    pyside_import_hook.lighten()
    ours = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    for module in (gui.main_window, core.outline, json, sys):
        assert ours(module) == ours.pysides_own(module)
    assert ours(gui.main_window) and not ours(core.outline)
