"""The layering rules of ARCHITECTURE.md: core/ is pure Python and never imports Qt, gui or cli; cli/ uses
core/ and reaches Qt only through gui.app (the window) and gui.pdf_export (.pdf); gui/ never reaches the
database but through core/; only the Archive facade opens sessions."""
import ast
from pathlib import Path

from tests.support import ROOT


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _python_files(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def _offenders(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {str(p.relative_to(ROOT)): sorted(n for n in _imports(p) if n.split(".")[0] in forbidden)
             for p in _python_files(folder)}
    return {path: names for path, names in found.items() if names}


def test_core_never_imports_qt_gui_or_cli():
    assert _offenders("core", ("PySide6", "shiboken6", "gui", "cli")) == {}


def test_cli_uses_core_and_reaches_qt_only_through_gui_app_and_the_pdf_writer():
    assert _offenders("cli", ("PySide6", "shiboken6", "gui")) == {"cli/main.py": ["gui.app"],
                                                                  "cli/export.py": ["gui.pdf_export"]}


def test_gui_never_imports_the_cli():
    assert _offenders("gui", ("cli",)) == {}


def test_nothing_outside_core_touches_sqlalchemy():
    files = _python_files("gui") + _python_files("cli") + [ROOT / "main.py"]
    offenders = [str(p.relative_to(ROOT)) for p in files
                 if any(n.split(".")[0] in ("sqlalchemy", "alembic", "sqlite3") for n in _imports(p))]
    assert offenders == []


def test_only_the_archive_facade_opens_sessions():
    users = [str(p.relative_to(ROOT)) for p in _python_files("core")
             if "sessionmaker" in p.read_text(encoding="utf-8")]
    assert users == ["core/archive/facade.py"]
