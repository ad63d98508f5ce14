"""Shared fixtures. Qt runs offscreen; every test gets its own archive file in a temp folder."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from core.archive import Archive  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples" / "jingmao-township-2024.txt"


@pytest.fixture
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"shared sample missing: {SAMPLE}")
    return SAMPLE


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "archive.sqlite3"


@pytest.fixture
def archive(db_path):
    with Archive(db_path) as opened:
        yield opened
