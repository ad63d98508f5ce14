"""The window's first read (core.archive.first_read) side by side with the Archive it stands in for: the same
list and report on an archive that uses every stored field, the text a killed process left in the WAL, None
and an untouched file whenever it cannot be sure, and SQLAlchemy never imported on the way."""
from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import subprocess
import time
import sys
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from core.archive import Archive
from core.archive.first_read import REPORT_COLUMNS, FirstRead, read_first
from core.archive.model import REPORT_FIELDS
from core.errors import AppError
from core.figures import Figure, standard_indicators
from core.outline import BANNER_ALL, Block, Organ, Report
from core.storage import BUSY_TIMEOUT_S
from tests.support import ROOT

# One worker runs them all: the archive and the killed process's files are built once, not once per worker.
pytestmark = pytest.mark.xdist_group("first_read")

COMMITTEE = Organ("中共景毛乡委员会", "景委")
GOVERNMENT = Organ("景毛乡人民政府", "景政")
CONGRESS = Organ("景毛乡人大主席团", "景人")
UNKNOWN_ID = 9999


@dataclasses.dataclass(frozen=True)
class Built:
    """A saved archive and the ids of its reports, named by what each one exercises."""
    path: Path
    rich: int  # every field set; last year's: the 2023 report with its lead organ, not the first of 2023
    other_lead: int  # no 2023 report has its lead organ: last year's is the first of 2023
    no_organs: int  # no lead organ at all: the first of 2023
    oldest: int  # 2022, and no report of 2021: no last year's
    first_2023: int
    same_lead_2023: int
    deleted: int  # in the 回收站, the lowest id of 2023 with the rich report's lead organ


LIVE = ["rich", "other_lead", "no_organs", "oldest", "first_2023", "same_lead_2023"]  # Built's live reports

# --- the archive, built through the public Archive API --------------------------------------------------

def every_field(year: int) -> dict:
    """A value for each of REPORT_FIELDS that is not its default, chosen by the field's type: a field added
    to REPORT_FIELDS is set here too (or the fixture stops, asking to be taught its type)."""
    values = {}
    for number, spec in enumerate(f for f in dataclasses.fields(Report) if f.name in REPORT_FIELDS):
        if spec.name in CONSTRAINED:
            values[spec.name] = CONSTRAINED[spec.name](year)
        elif spec.type == "str":
            values[spec.name] = f"{spec.name}：第{number}项"
        elif spec.type == "date | None":
            values[spec.name] = date(year + 1, 1, 10 + number)
        else:
            raise AssertionError(f"teach every_field() a value for {spec.name}: {spec.type}")
    return values


CONSTRAINED = {"year": lambda year: year, "status": lambda _: "issued", "banner_mode": lambda _: BANNER_ALL}


def every_level(text: str) -> list[Block]:
    return [Block(0, "", f"{text}：正文。"), Block(2, "健全工作机制。", f"{text}：二级。"),
            Block(3, "（一）", f"{text}：三级。"), Block(4, "1.", f"{text}：四级。"), Block(0, "", "")]


def fill_chapters(archive: Archive, report_id: int) -> None:
    """Blocks of every level, saved twice; an emptied chapter; a chapter added in front (highest id, first
    position), one moved and one renamed: the chapters' order is not their ids' order."""
    chapters = archive.load_report(report_id).chapters
    archive.save_chapter(chapters[0].id, every_level("初稿"))
    archive.save_chapter(chapters[0].id, every_level("定稿"))
    archive.save_chapter(chapters[1].id, every_level("举措"), title="主要举措（改）")
    archive.save_chapter(chapters[2].id, every_level("不足"))
    archive.save_chapter(chapters[2].id, [])
    added = archive.add_chapter(report_id, "附：补充情况", position=0)
    archive.save_chapter(added, [Block(0, "", "补充。")])
    archive.move_chapter(chapters[-1].id, 2)
    archive.rename_chapter(chapters[3].id, "第一责任人职责（改）")


def enter_figures(archive: Archive, report_id: int) -> None:
    """Standard figures with whole and decimal values and notes; custom ones added, one of them removed."""
    count, rate = (next(i for i in standard_indicators() if (i.unit == "%") == is_rate) for is_rate in (False, True))
    archive.set_figures(report_id, [Figure(count.key, "", "", Decimal("959"), "含补充协议"),
                                    Figure(rate.key, "", "", Decimal("97.5")),
                                    Figure("custom_1", "网格员人数", "人", Decimal("12.50"), "自报"),
                                    Figure("custom_2", "临时指标", "次", Decimal("1"))])
    archive.remove_figure(report_id, "custom_2")
    archive.set_figures(report_id, [Figure("custom_3", "法治讲座", "次", Decimal("0.25"))])


def build(path: Path) -> Built:
    with Archive(path, daily_backup=False) as archive:
        oldest = archive.new_report(2022, [GOVERNMENT])
        deleted = archive.new_report(2023, [COMMITTEE])
        first_2023 = archive.new_report(2023, [GOVERNMENT, COMMITTEE])
        same_lead_2023 = archive.new_report(2023, [COMMITTEE, GOVERNMENT])
        fill_chapters(archive, same_lead_2023)
        enter_figures(archive, same_lead_2023)
        rich = archive.new_report(2024, [COMMITTEE])
        # The lead organ is not the oldest organ: links in their positions' order, not the organs' ids'.
        archive.update_report(rich, **every_field(2024), organs=[COMMITTEE, CONGRESS, GOVERNMENT])
        fill_chapters(archive, rich)
        enter_figures(archive, rich)
        other_lead = archive.new_report(2024, [CONGRESS])
        no_organs = archive.new_report(2024)
        archive.delete_report(deleted)
        archive.delete_report(archive.new_report(2021, [GOVERNMENT]))
    return Built(path, rich, other_lead, no_organs, oldest, first_2023, same_lead_2023, deleted)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    return build(tmp_path_factory.mktemp("first-read") / "archive.sqlite3")


def copy_of(built: Built, folder: Path) -> Path:
    """A copy of the built archive (closed: its -wal is checkpointed and gone) for a test that changes it."""
    return Path(shutil.copy(built.path, folder / "archive.sqlite3"))


def as_the_archive_gives(path: Path, last_report_id: int | None) -> FirstRead:
    """What the window shows when it opens the archive itself: the list, the 回收站, and the report open last
    time (when it is still live) or else the newest, loaded for editing."""
    with Archive(path, daily_backup=False) as archive:
        live = archive.list_reports()
        ids = [r.id for r in live]
        shown = last_report_id if last_report_id in ids else ids[0]
        return FirstRead(live, archive.list_reports(deleted=True), archive.load_for_editing(shown))


# --- side by side with the Archive ----------------------------------------------------------------------

def test_the_built_archive_exercises_what_the_first_read_maps(built):
    with Archive(built.path, daily_backup=False) as archive:
        rich = archive.load_report(built.rich)
        assert {n for n in REPORT_FIELDS if getattr(rich, n) == getattr(Report(year=0), n)} == set()
        assert [o.short_name for o in rich.organs] == ["景委", "景人", "景政"]
        assert [c.id for c in rich.chapters] != sorted(c.id for c in rich.chapters)
        assert {b.level for c in rich.chapters for b in c.blocks} == {0, 2, 3, 4}
        assert any(not c.blocks for c in rich.chapters) and len({c.revision for c in rich.chapters}) > 2
        assert {f.key: f.value for f in rich.figures if f.value is not None and f.value != f.value.to_integral()}
        assert "custom_3" in {f.key for f in rich.figures} - {i.key for i in standard_indicators()}
        assert archive.previous_report(built.rich).id == built.same_lead_2023 != built.first_2023
        assert archive.previous_report(built.other_lead).id == built.first_2023
        assert archive.previous_report(built.no_organs).id == built.first_2023
        assert archive.previous_report(built.oldest) is None
        assert {getattr(built, name) for name in LIVE} == {r.id for r in archive.list_reports()}
        assert len(archive.list_reports(deleted=True)) == 2


@pytest.mark.parametrize("last", [*LIVE, "deleted", "unknown", None])
def test_the_first_read_gives_what_the_archive_gives(built, last):
    last_report_id = UNKNOWN_ID if last == "unknown" else getattr(built, last) if last else None
    assert read_first(built.path, last_report_id) == as_the_archive_gives(built.path, last_report_id)


# Every column of the tables the first read maps, as it maps them today. A column added to one of them
# must be mapped on both paths (core.archive.model, core.figures) and set by build() above: add it here then.
MAPPED_COLUMNS = {
    "reports": set(REPORT_COLUMNS),
    "report_organs": {"report_id", "position", "organ_id"},
    "organs": {"id", "name", "short_name"},
    "chapters": {"id", "report_id", "position", "template_key", "title", "revision"},
    "blocks": {"id", "chapter_id", "position", "level", "heading", "text"},
    "figures": {"id", "report_id", "position", "key", "label", "unit", "value", "note"},
}


def test_every_stored_column_is_one_the_first_read_knows(built):
    with closing(sqlite3.connect(f"{built.path.as_uri()}?mode=ro", uri=True)) as conn:
        stored = {table: {row[1] for row in conn.execute(f"PRAGMA table_info({table})")} for table in MAPPED_COLUMNS}
    assert stored == MAPPED_COLUMNS


# --- text a killed process left in the WAL ----------------------------------------------------------

KILLED_TEXT = "被强行结束前保存的一段文字。"
SAVE_AND_DIE = """
import os, sys
from core.archive import Archive
from core.outline import Block
archive = Archive(sys.argv[1], daily_backup=False)
report = archive.load_report(int(sys.argv[2]))
archive.save_chapter(report.chapters[1].id, [Block(0, "", sys.argv[3])], title="强行结束前的标题")
archive.update_report(report.id, signer="强行结束前的签发人")
os._exit(0)  # as a kill does: no close, no checkpoint, the commits stay in the -wal
"""


@pytest.fixture(scope="module")
def killed(built, tmp_path_factory) -> Path:
    """A folder with the built archive's copy that a killed process saved into: the file, its -wal, its -shm."""
    path = copy_of(built, tmp_path_factory.mktemp("killed"))
    subprocess.run([sys.executable, "-c", SAVE_AND_DIE, str(path), str(built.rich), KILLED_TEXT], cwd=ROOT,
                   check=True, timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 0 and Path(f"{path}-shm").exists()
    return path.parent


def files_left_by_the_kill(killed: Path, folder: Path, *suffixes: str) -> Path:
    for suffix in ("", *suffixes):
        shutil.copy(killed / f"archive.sqlite3{suffix}", folder)
    return folder / "archive.sqlite3"


def chapter_text(first: FirstRead) -> str:
    return first.view.report.chapters[1].blocks[0].text


def test_the_main_file_alone_does_not_hold_what_the_killed_process_saved(built, killed, tmp_path):
    """The premise of the tests below: the saved text is only in the -wal."""
    path = files_left_by_the_kill(killed, tmp_path)
    assert chapter_text(as_the_archive_gives(path, built.rich)) != KILLED_TEXT


def test_text_a_killed_process_left_in_the_wal_is_read_as_the_archive_reads_it(built, killed, tmp_path):
    path = files_left_by_the_kill(killed, tmp_path, "-wal", "-shm")
    before = folder_state(tmp_path)
    first = read_first(path, built.rich)
    after = folder_state(tmp_path)
    for name in ("archive.sqlite3", "archive.sqlite3-wal"):  # read, not checkpointed: nothing written
        assert after[name] == before[name]
    assert first is not None and chapter_text(first) == KILLED_TEXT
    assert first.view.report.signer == "强行结束前的签发人"
    assert first == as_the_archive_gives(path, built.rich)  # revisions included


def test_a_wal_without_its_shm_is_still_read(built, killed, tmp_path):
    """A -shm removed (e.g. by a clean-up tool) while the -wal stays: SQLite rebuilds the index from the -wal,
    so the first read shows the saved text, not the older text of the main file."""
    path = files_left_by_the_kill(killed, tmp_path, "-wal")
    first = read_first(path, built.rich)
    assert first is not None and chapter_text(first) == KILLED_TEXT
    assert first == as_the_archive_gives(path, built.rich)


# --- None, and nothing changed, whenever the first read cannot be sure -------------------------------

def _missing(path: Path, built: Built) -> None:
    pass


def _empty(path: Path, built: Built) -> None:
    path.write_bytes(b"")


def _text(path: Path, built: Built) -> None:
    path.write_text("2024年度法治政府建设情况报告\n", encoding="utf-8")


def _truncated(path: Path, built: Built) -> None:
    data = copy_of(built, path.parent).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _someone_elses(path: Path, built: Built) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('张三')")


def _someone_elses_in_wal_mode(path: Path, built: Built) -> None:
    _someone_elses(path, built)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")


def _older_schema(path: Path, built: Built) -> None:
    """As the version before migration 0004 left it: a migration is due before anything is shown."""
    with closing(sqlite3.connect(copy_of(built, path.parent))) as conn, conn:
        conn.execute("DROP TABLE presence")
        conn.execute("UPDATE alembic_version SET version_num = '0003'")


def _newer_schema(path: Path, built: Built) -> None:
    with closing(sqlite3.connect(copy_of(built, path.parent))) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")


def _only_deleted_reports(path: Path, built: Built) -> None:
    with Archive(path, daily_backup=False) as archive:
        archive.delete_report(archive.new_report(2024, [GOVERNMENT]))


def _no_report_yet(path: Path, built: Built) -> None:
    with Archive(path, daily_backup=False):
        pass


def _a_date_stored_as_a_number(path: Path, built: Built) -> None:
    """Values another program wrote that the mapping cannot take (the Archive fails to load them too)."""
    with closing(sqlite3.connect(copy_of(built, path.parent))) as conn, conn:
        conn.execute("UPDATE reports SET written_date = 20250105")


def _a_figure_that_is_not_a_number(path: Path, built: Built) -> None:
    with closing(sqlite3.connect(copy_of(built, path.parent))) as conn, conn:
        conn.execute("UPDATE figures SET value = '九百五十九' WHERE value IS NOT NULL")


UNSURE = [_missing, _empty, _text, _truncated, _someone_elses, _someone_elses_in_wal_mode, _older_schema,
          _newer_schema, _only_deleted_reports, _no_report_yet, _a_date_stored_as_a_number,
          _a_figure_that_is_not_a_number]


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def in_wal_mode(state: dict[str, tuple[bytes, int]]) -> bool:
    """The file's header says WAL (file format versions 2, 2)."""
    data = state.get("archive.sqlite3", (b"", 0))[0]
    return data.startswith(b"SQLite format 3\x00") and data[18:20] == b"\x02\x02"


SHARED_MEMORY = {"archive.sqlite3-wal", "archive.sqlite3-shm"}


@pytest.mark.parametrize("make", UNSURE, ids=[f.__name__.strip("_") for f in UNSURE])
def test_none_and_nothing_changed_when_the_first_read_cannot_be_sure(built, make, tmp_path):
    path = tmp_path / "archive.sqlite3"
    make(path, built)
    before = folder_state(tmp_path)
    assert read_first(path, built.rich) is None
    after = folder_state(tmp_path)
    assert {name: after.get(name) for name in before} == before  # bytes and times
    # Beside a WAL-mode file SQLite leaves its empty -wal and its -shm index: a read-only connection cannot
    # remove them when it closes last (the Archive's own check of the file leaves them too, and the Archive
    # opened next removes them). They hold nothing; no -journal, nothing else.
    left = set(after) - set(before)
    assert left == (SHARED_MEMORY if in_wal_mode(before) else set())
    assert all(after[name][0] == b"" for name in left if name.endswith("-wal"))


@pytest.mark.parametrize("index_left", [False, True], ids=["clean", "with_shm_left"])
def test_none_for_an_archive_in_a_write_protected_folder(built, read_only_folder, index_left):
    """The Archive refuses to open it for writing (core.storage): nothing may be shown as editable first —
    also when an earlier read left the -shm index beside it (then SQLite itself can read the file)."""
    folder, make_read_only = read_only_folder
    path = copy_of(built, folder)
    if index_left:
        assert read_first(path, built.rich) is not None and Path(f"{path}-shm").exists()
    make_read_only()
    with pytest.raises(AppError):
        Archive(path, daily_backup=False)
    assert read_first(path, built.rich) is None


# --- SQLAlchemy stays unloaded ---------------------------------------------------------------------

def test_the_first_read_does_not_import_sqlalchemy(built, tmp_path):
    code = ("import sys; from pathlib import Path; from core.archive.first_read import read_first; "
            "first = read_first(Path(sys.argv[1]), int(sys.argv[2])); "
            "print(first.view.report.id, sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}))")
    done = subprocess.run([sys.executable, "-c", code, str(copy_of(built, tmp_path)), str(built.rich)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == [str(built.rich), "[]"], done.stderr


def test_none_at_once_while_another_program_holds_the_file_locked(built, tmp_path):
    """Another program writing with an exclusive lock: the usual opening waits for it, not the frame."""
    path = copy_of(built, tmp_path)
    holder = sqlite3.connect(path)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE reports SET note = note")
        began = time.monotonic()
        assert read_first(path, None) is None
        assert time.monotonic() - began < BUSY_TIMEOUT_S  # not the default 5 s of a busy file
    finally:
        holder.rollback()
        holder.close()
    assert read_first(path, None) is not None  # free again: read as usual
