"""`pip install .` gives a working `fazhi-nianbao` that finds its data without the checkout.

The wheel is built from a copy of the sources (so the checkout gets no build/ folder) and installed
into a venv that borrows this Python's libraries (no download); everything then runs in a folder
where the checkout is not importable.
"""
import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.support import ROOT

SOURCES = ("core", "gui", "cli", "resources", "setup.cfg", "pyproject.toml", "requirements.txt", "README.md")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("installed")
    source = tmp / "source"
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        kwargs = {"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / name).is_dir() else {}
        copy(ROOT / name, source / name, **kwargs)
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, source],
                           capture_output=True, text=True, check=False)
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here (setuptools ≥ 64 and wheel): {built.stderr[-300:]}")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv],
                   check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    wheel = next(wheels.glob("*.whl"))
    subprocess.run([*pip, "--python", python, "install", "--no-deps", wheel], check=True, capture_output=True)
    return python, wheel, tmp


def test_wheel_carries_migrations_and_resources(installed):
    _python, wheel, _tmp = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"core/migrations/env.py", "core/migrations/script.py.mako", "resources/template.json",
            "resources/icons/fazhi-nianbao.svg"} <= names
    assert any(n.startswith("core/migrations/versions/0001") for n in names)
    assert not any(n.startswith("tests/") for n in names)


def test_installed_command_imports_lists_and_exports_from_any_folder(installed, sample_path):
    python, _wheel, tmp = installed
    work = tmp / "elsewhere"
    work.mkdir()
    script = venv_script(python)

    def run(*args):
        result = subprocess.run([script, *map(str, args)], cwd=work, capture_output=True, text=True,
                                encoding="utf-8", timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert run("--version").strip().endswith(__import__("core").__version__)
    run("import", sample_path, "--db", "a.sqlite3")
    assert [r["year"] for r in json.loads(run("list", "--json", "--db", "a.sqlite3"))] == [2024]
    run("export", "2024", "--out", "r.docx", "--db", "a.sqlite3")
    assert zipfile.is_zipfile(work / "r.docx")
    located = subprocess.run([python, "-c", "import core; print(core.__file__)"], cwd=work,
                             capture_output=True, text=True, check=True).stdout
    assert str(ROOT) not in located


def venv_script(python):
    name = "fazhi-nianbao.exe" if sys.platform == "win32" else "fazhi-nianbao"
    return python.parent / name
