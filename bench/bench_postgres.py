"""The archive on a PostgreSQL server against the same archive in an SQLite file, in the same run.

The full-size archive of bench_archive.py (30 years × 3 organs of ≈8,000-character reports) is built
in SQLite and moved to a fresh database on the server with `copy`; then the window's two hot paths
are timed on both: open a report (load_for_editing: the report, last year's, the organs) and save one
edited chapter (with its revision, as the autosave does). Goals on a localhost server: open ≤ 50 ms,
save ≤ 30 ms. Prints the server's fsync/synchronous_commit, which decide what a save costs.

    python bench/bench_postgres.py [--url postgresql://user:pw@127.0.0.1:5432/postgres]

--url (default: $TEST_POSTGRES_URL) is a login that may create databases; `bench_postgres` is
created on it, replaced if it exists.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import make_url  # noqa: E402

from bench.bench_archive import build_archive, timed  # noqa: E402
from bench.bench_result import emit, row  # noqa: E402
from core.archive import Archive  # noqa: E402
from core.archive.transfer import copy_archive, describe  # noqa: E402
from core.outline import BODY, Block  # noqa: E402

DATABASE = "bench_postgres"
GOALS_MS = {"open a report": 50, "save a chapter": 30}


def fresh_database(admin_url: str) -> str:
    import psycopg
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
        settings = [conn.execute(f"SHOW {name}").fetchone()[0] for name in ("fsync", "synchronous_commit")]
    print(f"server: fsync={settings[0]}, synchronous_commit={settings[1]}")
    return make_url(admin_url).set(database=DATABASE).render_as_string(hide_password=False)


def measure(location: str) -> dict[str, float]:
    with Archive(location, daily_backup=False) as archive:
        summaries = archive.list_reports()
        report_id = summaries[len(summaries) // 2].id
        chapter = archive.load_report(report_id).chapters[1]
        revision = [chapter.revision]
        edited = list(chapter.blocks)

        def save():
            edited[-1] = Block(BODY, "", edited[-1].text + "改")
            revision[0] = archive.save_chapter(chapter.id, edited, revision=revision[0], report_id=report_id)

        return {"open a report": timed(lambda: archive.load_for_editing(report_id), runs=25),
                "save a chapter": timed(save, runs=25)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("TEST_POSTGRES_URL"),
                        help="an admin login on the server (default: $TEST_POSTGRES_URL)")
    args = parser.parse_args()
    if not args.url:
        parser.error("no server: give --url or set TEST_POSTGRES_URL (bash .ci/postgres.sh start)")
    folder = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    db = folder / "archive.sqlite3"
    start = time.perf_counter()
    build_archive(db).close()
    server = fresh_database(args.url)
    start_copy = time.perf_counter()
    with Archive(db, read_only=True, daily_backup=False) as source, Archive(server) as target:
        copied = copy_archive(source, target)
    print(f"built in SQLite in {start_copy - start:.1f} s; copied to the server in "
          f"{time.perf_counter() - start_copy:.1f} s: {describe(copied)}")
    pg8000 = server.replace("postgresql://", "postgresql+pg8000://", 1)
    results = {"SQLite file": measure(str(db)), "PostgreSQL (psycopg)": measure(server),
               "PostgreSQL (pg8000)": measure(pg8000)}
    print(f"{'median ms':<16}" + "".join(f"{name:>22}" for name in results) + f"{'goal (server)':>16}")
    for operation, goal in GOALS_MS.items():
        print(f"{operation:<16}" + "".join(f"{r[operation]:>22.1f}" for r in results.values())
              + f"{'≤ ' + str(goal):>16}")
    emit("bench_postgres", [row(f"{operation} ({name})", r[operation], "ms", "SQLite file",
                                results["SQLite file"][operation], f"≤ {goal} ms", r[operation] <= goal)
                            for operation, goal in GOALS_MS.items() for name, r in results.items()
                            if name != "SQLite file"])


if __name__ == "__main__":
    main()
