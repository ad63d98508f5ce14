"""`export --figures-table`: the 附件 「主要数据对照表」 with last year's values, in the PDF and the .docx."""
import shutil
import subprocess

import docx
import pytest

from main import main
from tests.support.pdf_text import normalise

pytestmark = pytest.mark.sqlite_only  # the CLI is given the SQLite file by path


@pytest.fixture
def two_years(db_path, capsys):
    for args in (["new", "--year", "2024"], ["figures", "2024", "--set", "contracts_reviewed=950"],
                 ["new", "--year", "2025", "--from-year", "2024"],
                 ["figures", "2025", "--set", "contracts_reviewed=959", "--set", "head_appearance_rate=95"]):
        assert main([*args, "--db", str(db_path)]) == 0
    capsys.readouterr()
    return db_path


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_carries_the_table_with_last_years_values(two_years, tmp_path):
    target = tmp_path / "年报.pdf"
    assert main(["export", "2025", "--out", str(target), "--figures-table", "--db", str(two_years)]) == 0
    text = normalise(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout)
    assert "附件:主要数据对照表" in text  # NFKC: the full-width colon folded
    for cell in ("指标", "本年", "上年", "增减", "合法性审查合同", "959份", "950份", "+9份", "负责人出庭应诉率", "95%"):
        assert cell in text
    assert "行政复议案件" not in text  # no value in either year


def test_docx_has_the_attachment_only_when_asked(two_years, tmp_path):
    plain, attached = tmp_path / "无附件.docx", tmp_path / "附件.docx"
    assert main(["export", "2025", "--out", str(plain), "--db", str(two_years)]) == 0
    assert main(["export", "2025", "--out", str(attached), "--figures-table", "--db", str(two_years)]) == 0
    assert "主要数据对照表" not in [p.text for p in docx.Document(str(plain)).paragraphs]
    document = docx.Document(str(attached))
    assert "主要数据对照表" in [p.text for p in document.paragraphs]
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[1] == ["合法性审查合同", "959份", "950份", "+9份"]
    assert rows[2] == ["负责人出庭应诉率", "95%", "—", "—"]
