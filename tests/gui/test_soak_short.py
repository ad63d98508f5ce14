"""A short run of bench/bench_soak.py: the real window killed while typing, and a process killed while
saving; nothing typed more than 2 s before a kill is lost, and the archive opens intact."""
import sys

import pytest

from tests.support import ROOT


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_short_soak_loses_nothing_older_than_two_seconds(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_soak import soak
    totals = soak(rounds=1, kills=3, folder=tmp_path, seed=7)
    assert totals == {"rounds": 1, "lost": 0, "integrity": 0, "start": 0, "save_kills": 3, "torn": 0}
