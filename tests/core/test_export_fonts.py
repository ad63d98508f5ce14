"""core.fonts: the font sets, the missing-font report and the Qt-free scan of installed fonts."""
import shutil
from pathlib import Path

import pytest

from core import fonts
from core.errors import AppError

WINDOWS_OFFICE_PC = {"FangSong", "KaiTi", "SimHei", "SimSun", "Times New Roman"}


def test_both_sets_cover_every_role():
    for name in ("gb2312", "plain"):
        chosen = fonts.font_set(name)
        assert [chosen.role(r).family for r in fonts.ROLES][2:] == ["黑体", "方正小标宋简体", "宋体"]
        assert all(chosen.role(r).fallbacks for r in fonts.ROLES)
    assert fonts.font_set("gb2312").body.family == "仿宋_GB2312"
    assert fonts.font_set("plain").kai.family == "楷体"


def test_unknown_set_is_a_clear_error():
    with pytest.raises(AppError, match="未知的字体方案"):
        fonts.font_set("comic")


def test_missing_fonts_names_the_substitute_word_will_use():
    assert fonts.missing_fonts("gb2312", WINDOWS_OFFICE_PC) == [
        ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")]
    assert fonts.missing_fonts("plain", WINDOWS_OFFICE_PC) == [("方正小标宋简体", "宋体")]


def test_chinese_and_english_names_both_count_as_installed():
    full = {"仿宋_GB2312", "KaiTi_GB2312", "黑体", "FZXiaoBiaoSong-B05S", "simsun"}
    assert fonts.missing_fonts(fonts.font_set("gb2312"), full) == []


def test_nothing_installed_promises_no_particular_font():
    assert set(dict(fonts.missing_fonts("plain", set())).values()) == {fonts.DEFAULT_SUBSTITUTE}


def test_installed_scan_agrees_with_the_font_files():
    installed = fonts.installed_font_families()
    assert isinstance(installed, frozenset)
    cjk = sorted(Path("/usr/share/fonts").rglob("NotoSerifCJK*.ttc"))
    if not cjk or not shutil.which("fc-list"):
        pytest.skip("needs fonts-noto-cjk and fontconfig")
    from_file = fonts.font_file_families(cjk[0])
    assert "Noto Serif CJK SC" in from_file
    assert "Noto Serif CJK SC" in installed


def test_unreadable_font_file_gives_no_names(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00garbage")
    assert fonts.font_file_families(broken) == set()
    assert fonts._scan_font_dir(tmp_path / "absent") == set()
