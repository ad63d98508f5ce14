"""Shipped data is found through the import system, wherever the packages are installed."""
import json
import sys
import zipfile

from core.paths import package_folder, read_resource_text, resource_path
from core.storage import MIGRATIONS, head_revision


def test_template_is_read_as_a_package_resource():
    assert json.loads(read_resource_text("template.json"))["chapters"]
    assert resource_path("template.json").is_file()


def test_migrations_are_a_real_folder_alembic_can_use():
    assert MIGRATIONS == package_folder("core", "migrations")
    assert (MIGRATIONS / "env.py").is_file() and (MIGRATIONS / "script.py.mako").is_file()
    assert head_revision()


def test_a_folder_inside_a_zipped_package_is_copied_out(tmp_path, monkeypatch):
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped_pkg/__init__.py", "")
        z.writestr("zipped_pkg/data/versions/0001_x.py", "revision = '0001'\n")
        z.writestr("zipped_pkg/data/env.py", "# env\n")
    monkeypatch.syspath_prepend(str(archive))
    try:
        folder = package_folder("zipped_pkg", "data")
        assert (folder / "env.py").read_text() == "# env\n"
        assert [p.name for p in (folder / "versions").glob("*.py")] == ["0001_x.py"]
    finally:
        sys.modules.pop("zipped_pkg", None)
