"""Soak: random SIGKILLs while typing through the real window, and while saving.

Each window round starts the real window (offscreen Qt) on one archive that lives through all rounds,
types committed input-method words into a chapter — steadily (a word every 0.3–0.7 s) or in bursts (five
quick words, then a pause of 1–3 s) — and kills the process with SIGKILL at a random moment 2.5–6 s
after typing began. Then it opens the archive as the next start would and counts:

- characters lost that were typed more than 2 s before the kill (the promise: 0),
- integrity-check failures (PRAGMA quick_check when opening), and start failures (the archive does not open).

The save loop kills a process that saves a chapter over and over (two versions in turn) at random moments
and counts chapters found neither before nor after a save.

    python bench/bench_soak.py [--rounds 50] [--save-kills 100]
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench_result import emit, row  # noqa: E402

PROMISE_S = 2.0

TYPIST = r"""
import random, sys, time
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QSettings, QTimer
from gui.app import make_application
from gui.main_window import MainWindow
from gui.settings import Settings
from tests.support.gui import commit_text

app = make_application()
window = MainWindow(Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat)))
window.show()
rng = random.Random(int(sys.argv[4]))
bursty, prefix = sys.argv[5] == "bursty", sys.argv[6]
state = {"n": 0}

def start():
    assert window.open_archive(sys.argv[1])
    page = next(p for p in window.tabs.pages() if p.chapter.template_key == "measures")
    window.tabs.setCurrentWidget(page)
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    state["editor"] = page.editor
    print("START", time.time(), flush=True)
    type_word()

def type_word():
    state["n"] += 1
    word = f"{prefix}-{state['n']}。"
    commit_text(state["editor"], word)
    print("WORD", time.time(), word, flush=True)
    if bursty:
        delay = 0.05 if state["n"] % 5 else rng.uniform(1.0, 3.0)
    else:
        delay = rng.uniform(0.3, 0.7)
    QTimer.singleShot(int(delay * 1000), type_word)

QTimer.singleShot(0, start)
app.exec()
"""

SAVER = r"""
import sys
sys.path.insert(0, sys.argv[2])
from core.archive import Archive
from core.outline import Block
chapter_id = int(sys.argv[3])
versions = [[Block(0, "", f"甲{i}" + "规范行政执法行为。" * 20) for i in range(10)],
            [Block(2, f"乙{i}。", "推进政务公开。" * 20) for i in range(14)]]
with Archive(sys.argv[1]) as archive:
    print("SAVING", flush=True)
    for i in range(10 ** 6):
        archive.save_chapter(chapter_id, versions[i % 2])
"""


def window_round(db: Path, folder: Path, seed: int, rhythm: str) -> tuple[int, int, int]:
    """(characters lost that were older than the promise, integrity failures, start failures)."""
    from core.archive import Archive
    from core.errors import CorruptArchiveError
    rng = random.Random(seed)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", TYPIST, str(db), str(ROOT), str(folder / "s.ini"),
                              str(seed), rhythm, f"第{seed}轮"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    typed, kill_at = [], None
    try:
        for line in child.stdout:
            kind, at, *rest = line.split()
            if kind == "START":
                kill_at = float(at) + rng.uniform(2.5, 6.0)
            elif kind == "WORD":
                typed.append((float(at), rest[0]))
            if kill_at is not None and time.time() >= kill_at - 0.05:
                break
        time.sleep(max(0.0, kill_at - time.time()) if kill_at else 0)
        killed = time.time()
        child.send_signal(signal.SIGKILL)
        for line in child.stdout:  # words written before the kill took effect
            if line.startswith("WORD"):
                _, at, word = line.split()
                typed.append((float(at), word))
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    try:
        with Archive(db) as archive:
            report = archive.load_report(archive.list_reports()[0].id)
    except CorruptArchiveError:
        return 0, 1, 1
    except Exception:  # noqa: BLE001 — counted, the soak goes on
        return 0, 0, 1
    stored = "".join(b.plain for c in report.chapters for b in c.blocks)
    lost = sum(len(word) for at, word in typed if killed - at > PROMISE_S and word not in stored)
    return lost, 0, 0


def save_kills(db: Path, kills: int, seed: int) -> int:
    """Chapters found torn (neither version) after SIGKILLs during saves."""
    from core.archive import Archive
    with Archive(db) as archive:
        chapter_id = archive.load_report(archive.list_reports()[0].id).chapters[5].id
    rng, torn = random.Random(seed), 0
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(db), str(ROOT), str(chapter_id)],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        child.stdout.readline()
        time.sleep(rng.uniform(0, 0.2))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        with Archive(db) as archive:
            blocks = next(c.blocks for c in archive.load_report(archive.list_reports()[0].id).chapters
                          if c.id == chapter_id)
        torn += len(blocks) not in (0, 10, 14)
    return torn


def soak(rounds: int, kills: int, folder: Path, seed: int = 1) -> dict:
    from core.archive import Archive
    db = folder / "archive.sqlite3"
    with Archive(db) as archive:
        archive.new_report(2024)
    totals = {"rounds": 0, "lost": 0, "integrity": 0, "start": 0}
    for n in range(rounds):
        lost, integrity, start = window_round(db, folder, seed + n, "bursty" if n % 2 else "steady")
        totals["rounds"] += 1
        totals["lost"] += lost
        totals["integrity"] += integrity
        totals["start"] += start
    totals["save_kills"] = kills
    totals["torn"] = save_kills(db, kills, seed) if kills else 0
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--save-kills", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        t = soak(args.rounds, args.save_kills, Path(tmp))
    print(f"window rounds {t['rounds']} (steady and bursty typing, SIGKILL 2.5–6 s in): characters lost that "
          f"were typed more than {PROMISE_S:.0f} s before the kill: {t['lost']} (must be 0); integrity-check "
          f"failures: {t['integrity']}; start failures: {t['start']}")
    print(f"kills during saves {t['save_kills']}: chapters torn: {t['torn']} (must be 0) "
          f"— {time.perf_counter() - began:.0f} s")
    emit("bench_soak", [row(f"characters lost, {t['rounds']} killed windows", t["lost"], "chars", goal="0",
                            met=t["lost"] == 0),
                        row(f"chapters torn, {t['save_kills']} kills in saves", t["torn"], "chapters", goal="0",
                            met=t["torn"] == 0)])


if __name__ == "__main__":
    main()
