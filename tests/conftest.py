"""Shared fixtures. Qt runs offscreen; every test gets its own archive file in a temp folder."""
import atexit
import gc
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The user data folder (default archive, log file) of a test run is a temp folder, never the real one.
_USER_DATA = tempfile.mkdtemp(prefix="fazhi-tests-")
os.environ["XDG_DATA_HOME"] = os.environ["APPDATA"] = _USER_DATA
atexit.register(shutil.rmtree, _USER_DATA, ignore_errors=True)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from core.archive import Archive  # noqa: E402
from tests.support import SAMPLE  # noqa: E402


# --- How the suite runs: workers and garbage collection --------------------------------------------
# setup.cfg runs the tests on pytest-xdist workers (`-n auto --dist loadgroup`).

def pytest_xdist_auto_num_workers(config):
    """One worker more than cores: about a quarter of the suite's time is spent waiting (windows killed
    after 2 s, a locked database's 5 s timeout, LibreOffice and PostgreSQL working in other processes),
    and a third worker fills those waits (measured on 2 cores: 53 s against 60 s with two)."""
    return (os.cpu_count() or 1) + 1


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(items):
    """The tests on the shared LibreOffice render (tests.support.render) all go to one worker, so the
    ~15 s render happens once, not once per worker."""
    for item in items:
        if item.get_closest_marker("render"):
            item.add_marker(pytest.mark.xdist_group("render"))


def pytest_collection_finish(session):
    """Everything imported so far lives for the whole run: freeze it, so that no collection walks it
    again (full collections of the whole heap took ~5 s of a run)."""
    gc.collect()
    gc.freeze()


_tests_run = [0]


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    """As the app does (gui/main_thread_gc.py): no automatic collection, which can run on the writer
    thread, the preview's layout thread or xdist's I/O thread and free Qt objects there (a crash).
    A test's garbage is collected here, on the main thread, after its teardown: the young generation
    (all the test made) after each test, older ones now and then."""
    gc.disable()
    yield
    _tests_run[0] += 1
    gc.collect(2 if _tests_run[0] % 100 == 0 else 1 if _tests_run[0] % 10 == 0 else 0)


@pytest.fixture
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"shared sample missing: {SAMPLE}")
    return SAMPLE


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "archive.sqlite3"


@pytest.fixture
def archive(db_url):
    with Archive(db_url) as opened:
        yield opened


# --- SQLite and PostgreSQL -----------------------------------------------------------------------
# Tests that use `db_url` (or `archive`) run once on an SQLite file and once on a fresh database of the
# PostgreSQL server named by TEST_POSTGRES_URL (.ci/run starts one with .ci/postgres.sh). Window tests
# and tests marked sqlite_only run on SQLite alone.

def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file itself (PRAGMAs, file copies)")


def pytest_generate_tests(metafunc):
    if "db_backend" in metafunc.fixturenames:
        sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") or \
            "gui" in Path(str(metafunc.definition.fspath)).parent.name
        metafunc.parametrize("db_backend", ["sqlite"] if sqlite_only else ["sqlite", "postgresql"],
                             indirect=True)


@pytest.fixture
def db_backend(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_url(db_backend, db_path, request) -> str:
    """Where the test's archive lives: an SQLite file, or a postgresql:// URL of a fresh database."""
    if db_backend == "sqlite":
        return str(db_path)
    return request.getfixturevalue("pg_database")


@pytest.fixture(scope="session")
def pg_server():
    """The test server: (admin URL, template database already migrated to head)."""
    from tests.support import pg
    return pg.server_or_skip()


@pytest.fixture
def pg_database(pg_server):
    """A fresh archive database on the test server (a copy of the migrated template), dropped after."""
    from tests.support import pg
    with pg.fresh_database(pg_server) as url:
        yield url


@pytest.fixture
def read_only_folder(tmp_path):
    """make_read_only(folder): a folder nobody can write to, not even root.

    Root ignores permission bits, so for root the folder is a tmpfs remounted read-only."""
    folder = tmp_path / "locked"
    folder.mkdir()
    as_root = os.access(folder, os.W_OK) and hasattr(os, "geteuid") and os.geteuid() == 0
    mounted = as_root and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                                         capture_output=True).returncode == 0
    if as_root and not mounted:
        pytest.skip("running as root without permission to mount a read-only file system")

    def make_read_only():
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
        else:
            for path in folder.rglob("*"):
                path.chmod(0o400)
            folder.chmod(0o500)
        assert not os.access(folder, os.W_OK)
        return folder

    yield folder, make_read_only
    if mounted:
        subprocess.run(["umount", str(folder)], capture_output=True)
    else:
        folder.chmod(0o700)
        for path in folder.rglob("*"):
            path.chmod(0o600)


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB file system to fill up: a tmpfs mounted as root; skipped where that is not possible."""
    folder = tmp_path / "small"
    folder.mkdir()
    if not (hasattr(os, "geteuid") and os.geteuid() == 0) or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("needs root to mount a small tmpfs")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill_disk(folder: Path, leave_bytes: int) -> Path:
    """Fill the file system of `folder` until about leave_bytes are free; returns the filler file."""
    filler = folder / "filler"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, free - leave_bytes))
    return filler
