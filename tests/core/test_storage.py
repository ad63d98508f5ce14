"""Opening the archive: migrations, backups, and refusal of files that are not ours — unchanged."""
import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest

from core import backups, storage
from core.archive import Archive
from core.errors import ArchiveOpenError, CorruptArchiveError
from core.outline import Organ


def test_new_archive_is_migrated_to_head_with_wal_and_foreign_keys(db_path):
    with Archive(db_path):
        pass
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == storage.head_revision()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


@pytest.mark.sqlite_only
def test_foreign_keys_are_enforced(archive):
    report_id = archive.new_report(2024)
    with archive._transaction() as s:  # the facade's own session: checking its connection settings
        assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert report_id


def test_orm_models_match_the_migrations(db_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine
    from core.schema import Base

    with Archive(db_path):
        pass
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_name": lambda name, type_, _p: not (type_ == "table" and
                                                         name.startswith("block_search"))})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_reopen_keeps_data_and_takes_one_daily_backup(db_path):
    with Archive(db_path) as archive:
        archive.new_report(2024, organs=[Organ("甲乡人民政府")])
    for _ in range(2):
        with Archive(db_path) as archive:
            assert [r.year for r in archive.list_reports()] == [2024]
    found = backups.list_backups(db_path)
    assert len(found) == 1 and "daily" in found[0].name
    restored = sqlite3.connect(found[0])
    assert restored.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    restored.close()


def test_upgrade_takes_a_backup_first_and_keeps_the_data(db_path, tmp_path, monkeypatch):
    with Archive(db_path) as archive:
        archive.new_report(2024, organs=[Organ("甲乡人民政府")])
    for old in backups.list_backups(db_path):
        old.unlink()
    migrations = tmp_path / "migrations"
    shutil.copytree(storage.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    head = storage.head_revision()
    following = f"{int(head) + 1:04d}"
    (migrations / "versions" / f"{following}_add_organ_phone.py").write_text(
        NEXT_MIGRATION.format(revision=following, down=head), encoding="utf-8")
    monkeypatch.setattr(storage, "MIGRATIONS", migrations)
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == following
    assert "phone" in [row[1] for row in conn.execute("PRAGMA table_info(organs)")]
    conn.close()
    found = backups.list_backups(db_path)
    assert [b.name.split("-", 3)[-1] for b in found] == [f"before-migration-{head}.sqlite3"]
    backup = sqlite3.connect(found[0])
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    backup.close()


NEXT_MIGRATION = '''
from alembic import op
import sqlalchemy as sa

revision = "{revision}"
down_revision = "{down}"


def upgrade():
    with op.batch_alter_table("organs") as batch:
        batch.add_column(sa.Column("phone", sa.String(20), nullable=True))
'''


def _execute(path, statement):
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


def _assert_refused_untouched(path, message):
    before = path.read_bytes()
    with pytest.raises(ArchiveOpenError, match=message):
        Archive(path)
    assert path.read_bytes() == before


def test_newer_schema_is_refused_and_not_touched(db_path):
    with Archive(db_path):
        pass
    _execute(db_path, "UPDATE alembic_version SET version_num = '9999'")
    _assert_refused_untouched(db_path, "更新版本")


def test_not_a_database_is_refused_and_not_touched(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 this is a zip, not sqlite" * 10)
    _assert_refused_untouched(path, "不是法治年报的数据库")


def test_someone_elses_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    _execute(path, "CREATE TABLE customers (id INTEGER)")
    _assert_refused_untouched(path, "其他程序")


def test_corrupt_file_is_refused_with_the_newest_backup_offered(db_path):
    with Archive(db_path) as archive:
        archive.new_report(2024)
    with Archive(db_path):
        pass  # the daily backup exists now
    data = bytearray(db_path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # overwrite a b-tree page
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptArchiveError) as caught:
        Archive(db_path)
    assert caught.value.backup_path is not None
    assert "restore-backup" in caught.value.message
    kept = backups.restore_backup(db_path, caught.value.backup_path)
    assert kept.exists()
    with Archive(db_path) as archive:
        assert [r.year for r in archive.list_reports()] == [2024]


def test_truncated_file_is_refused(db_path):
    with Archive(db_path) as archive:
        archive.new_report(2024)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ArchiveOpenError):
        Archive(db_path)


def test_read_only_location_is_refused(read_only_folder):
    _folder, make_read_only = read_only_folder
    folder = make_read_only()
    with pytest.raises(ArchiveOpenError, match="不可写"):
        Archive(folder / "archive.sqlite3")
    assert list(folder.iterdir()) == []


def test_read_only_file_is_refused_and_not_touched(read_only_folder):
    folder, make_read_only = read_only_folder
    with Archive(folder / "archive.sqlite3") as archive:
        archive.new_report(2024)
    make_read_only()
    _assert_refused_untouched(folder / "archive.sqlite3", "只读")


def test_folder_that_cannot_be_created_is_explained(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ArchiveOpenError, match="无法创建文件夹"):
        Archive(blocker / "archive.sqlite3")


def test_backups_keep_the_newest_few_and_one_a_month_for_a_year(db_path):
    with Archive(db_path):
        pass
    folder = backups.backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    now = datetime(2025, 3, 15, 12, 0)
    stamps = [datetime(2023, 12, 1) + timedelta(days=7 * i) for i in range(66)]  # weekly until 2025-03
    for when in stamps:
        (folder / f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-daily.sqlite3").write_bytes(b"x")
    backups.rotate(db_path, now)
    kept = [backups.backup_time(p) for p in backups.list_backups(db_path)]
    assert kept[-backups.RECENT_KEPT:] == stamps[-backups.RECENT_KEPT:]
    older = kept[:-backups.RECENT_KEPT]
    months = [(w.year, w.month) for w in older]
    assert len(months) == len(set(months))  # one a month
    assert min(months) == (2024, 4)  # within the last twelve months (2024-04 … 2025-03)
    assert all(max(s for s in stamps if (s.year, s.month) == m) in older for m in months)  # the newest of each


def test_network_file_systems_are_recognised(tmp_path):
    from core.archive_lock import on_network
    mounts = ("/dev/sda1 / ext4 rw 0 0\n//server/share /mnt/share cifs rw 0 0\n"
              "nas:/export /home/clerk/nas nfs4 rw 0 0\n")
    from pathlib import Path
    assert on_network(Path("/mnt/share/年报/archive.sqlite3"), mounts)
    assert on_network(Path("/home/clerk/nas/archive.sqlite3"), mounts)
    assert not on_network(Path("/home/clerk/archive.sqlite3"), mounts)
    assert not on_network(Path("/mnt/shared-local/archive.sqlite3"), mounts)


def test_an_archive_locked_by_another_program_is_said_to_be_in_use_not_damaged(db_path):
    with Archive(db_path) as archive:
        archive.new_report(2024)
    holder = sqlite3.connect(db_path)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE reports SET note = note")
        with pytest.raises(ArchiveOpenError) as refused:
            storage.check_ours(db_path, busy_timeout_s=0.1)
    finally:
        holder.rollback()
        holder.close()
    assert not isinstance(refused.value, CorruptArchiveError)
    assert "正被另一个程序独占使用" in str(refused.value) and "已损坏" not in str(refused.value)
