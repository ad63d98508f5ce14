"""`python main.py export REPORT --out F.pdf` (issue 11.3): A4 pages of the page model, fonts
embedded, title and organ in the metadata, atomic and never over a read-only file."""
import shutil
import stat
import subprocess

import pytest

from core.pages import layout_report
from main import main
from tests.support.pdf_text import normalise
from tests.support.reports import sample_report

pytestmark = [pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils missing"),
              pytest.mark.sqlite_only]  # about the PDF file; the CLI is given the SQLite file by path


def _pdfinfo(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def test_pdf_export_writes_the_model_pages_on_a4_with_embedded_fonts(archive, db_path, tmp_path, capsys):
    report = sample_report()
    report_id = archive.create_report(report)
    target = tmp_path / "年报.pdf"
    assert main(["export", str(report_id), "--out", str(target), "--db", str(db_path)]) == 0
    info = _pdfinfo(target)
    assert int(info["Pages"]) == len(layout_report(report, "red").pages)
    assert info["Page size"].startswith("595") and "A4" in info["Page size"]
    assert info["Title"] == report.title and info["Author"] == "、".join(report.organ_names)
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # the emb column
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    # Qt's ToUnicode names glyphs shared with a radical by the radical (⽑ for 毛): we point them back
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
    text = normalise(text)
    assert report.title.replace(" ", "") in text and "—1—" in text
    assert f"{info['Pages']} 页" in capsys.readouterr().out


def test_format_option_and_suffix_must_agree(archive, db_path, tmp_path, capsys):
    report_id = archive.create_report(sample_report())
    target = tmp_path / "年报.docx"
    assert main(["export", str(report_id), "--out", str(target), "--format", "pdf", "--db", str(db_path)]) == 1
    assert ".pdf" in capsys.readouterr().err and not target.exists()
    target = tmp_path / "年报.txt"
    assert main(["export", str(report_id), "--out", str(target), "--db", str(db_path)]) == 1
    assert not target.exists()


def test_a_read_only_pdf_is_never_replaced(archive, db_path, tmp_path, capsys):
    report_id = archive.create_report(sample_report())
    target = tmp_path / "out" / "只读.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    target.chmod(0o444)
    assert main(["export", str(report_id), "--out", str(target), "--force", "--db", str(db_path)]) == 1
    assert "只读" in capsys.readouterr().err
    assert target.read_bytes() == b"old" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in target.parent.iterdir()] == ["只读.pdf"]


def test_an_existing_pdf_is_kept_without_force(archive, db_path, tmp_path, capsys):
    report_id = archive.create_report(sample_report())
    target = tmp_path / "年报.pdf"
    target.write_bytes(b"old")
    assert main(["export", str(report_id), "--out", str(target), "--db", str(db_path)]) == 1
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()
                                               if p.suffix == ".tmp"] == []
