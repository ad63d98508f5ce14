"""The CLI runs in-process: cli.main.main(argv) with stdout and stderr captured (one test in
test_cli.py starts `python main.py` as a real process, to prove the entry point works)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from cli.main import main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys):
    """cli(*args, check=True) → Result; argparse's exit on a bad command line is a return code too."""
    def run(*args, check: bool = True) -> Result:
        capsys.readouterr()  # only this command's output
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        if check:
            assert code == 0, err
        return Result(code, out, err)
    return run
