"""Old Word (.doc) and WPS (.wps) files: converted through LibreOffice when it is installed, otherwise
refused with the advice to save as .docx. The conversion tests are slow (LibreOffice starts up)."""
import shutil
import subprocess

import pytest

from tests.support import docx_fixtures as F
from core.importing.docx.convert import soffice_path
from core.errors import ImportFailed
from core.importing import import_file

needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory):
    """The joint-organ fixture saved as a real .doc by LibreOffice."""
    folder = tmp_path_factory.mktemp("doc")
    source = F.joint_red_head_report(folder / "joint.docx")
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice_path(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / "joint.doc"


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_file_is_converted_and_recognised(tmp_path, legacy_doc, suffix):
    path = tmp_path / f"往年报告{suffix}"
    shutil.copyfile(legacy_doc, path)  # a .wps from WPS is the same binary Word format
    result = import_file(path)
    report = result.report
    assert report.organ_names == ["中共景毛乡委员会", "景毛乡人民政府"]
    assert (report.doc_number, report.signer) == ("景发〔2025〕3号", "张三")
    assert [c.template_key for c in report.chapters] == [
        "intro", "measures", "first_responsibility", "shortcomings", "plans"]
    assert any("LibreOffice" in note for note in result.notes)


def test_without_libreoffice_the_user_is_told_to_save_as_docx(tmp_path, monkeypatch):
    path = tmp_path / "往年报告.doc"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(2048))
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere on PATH
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    assert "没有安装 LibreOffice" in str(caught.value) and "另存为" in str(caught.value)


@needs_soffice
def test_a_file_libreoffice_cannot_read_is_refused(tmp_path):
    path = tmp_path / "坏文件.doc"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(2048))
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    assert "另存为" in str(caught.value)
