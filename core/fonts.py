"""Font sets for the 公文 export and a Qt-free scan of the fonts installed on this PC.

A font set names, for each typographic role, the family the document asks for and the families
Word/WPS should fall back to (written into the document's font table). Offices differ: many use the
_GB2312 faces, others the 仿宋/楷体 that ship with Windows — so the set is a setting.
"""
from __future__ import annotations

import functools
import os
import shutil
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from core.errors import AppError
from core.export_options import DEFAULT_FONT_SET  # noqa: F401 (re-exported; the default lives there)

ROLES = ("body", "kai", "hei", "title", "page_number")
LATIN_FONT = "Times New Roman"  # digits and Latin letters in body text (ascii/cs slots)
DEFAULT_SUBSTITUTE = "系统默认中文字体"  # what we can promise when no fallback is installed either

# Names a family is known by: the Chinese name Word writes, the English name Windows' registry
# and most font files carry, and the names of common look-alikes' files.
ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "仿宋": ("FangSong", "STFangsong", "华文仿宋"),
    "楷体": ("KaiTi", "STKaiti", "华文楷体"),
    "黑体": ("SimHei", "STHeiti", "华文黑体"),
    "宋体": ("SimSun", "STSong", "华文宋体"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
}


@dataclass(frozen=True)
class FontRole:
    family: str
    fallbacks: tuple[str, ...]


@dataclass(frozen=True)
class FontSet:
    name: str
    label: str
    body: FontRole
    kai: FontRole
    hei: FontRole
    title: FontRole
    page_number: FontRole

    def role(self, role: str) -> FontRole:
        if role not in ROLES:
            raise KeyError(role)
        return getattr(self, role)

    def families(self) -> list[FontRole]:
        """Each distinct family once, in role order."""
        seen, roles = set(), []
        for role in ROLES:
            font = self.role(role)
            if font.family not in seen:
                seen.add(font.family)
                roles.append(font)
        return roles


_SONG = FontRole("宋体", ("SimSun",))
_HEI = FontRole("黑体", ("SimHei", "宋体"))
_TITLE = FontRole("方正小标宋简体", ("方正小标宋_GBK", "宋体"))

FONT_SETS: dict[str, FontSet] = {
    "gb2312": FontSet(
        name="gb2312", label="仿宋_GB2312 / 楷体_GB2312（常见公文字体）",
        body=FontRole("仿宋_GB2312", ("仿宋", "FangSong", "宋体")),
        kai=FontRole("楷体_GB2312", ("楷体", "KaiTi", "宋体")),
        hei=_HEI, title=_TITLE, page_number=_SONG),
    "plain": FontSet(
        name="plain", label="仿宋 / 楷体（Windows 自带字体）",
        body=FontRole("仿宋", ("FangSong", "宋体")),
        kai=FontRole("楷体", ("KaiTi", "宋体")),
        hei=_HEI, title=_TITLE, page_number=_SONG),
}


def font_set(name: str) -> FontSet:
    try:
        return FONT_SETS[name]
    except KeyError:
        known = "、".join(FONT_SETS)
        raise AppError(f"未知的字体方案「{name}」。可选：{known}。") from None


def _known_as(family: str) -> set[str]:
    return {n.casefold() for n in (family, *ALIASES.get(family, ()))}


def is_installed(family: str, installed: set[str]) -> bool:
    folded = {name.casefold() for name in installed}
    return bool(_known_as(family) & folded)


def substitute_for(font: FontRole, installed: set[str]) -> str:
    """The family Word/WPS will use instead: the first declared fallback present on this PC."""
    for fallback in font.fallbacks:
        if is_installed(fallback, installed):
            return fallback
    return DEFAULT_SUBSTITUTE


def missing_fonts(fonts: FontSet | str, installed: set[str]) -> list[tuple[str, str]]:
    """(missing family, what Word/WPS will use instead) for each family of the set not installed."""
    chosen = font_set(fonts) if isinstance(fonts, str) else fonts
    return [(font.family, substitute_for(font, installed))
            for font in chosen.families() if not is_installed(font.family, installed)]


# --- scanning installed fonts (no Qt) -------------------------------------------------------------

FC_LIST_TIMEOUT = 10  # seconds; a broken fontconfig cache must not hang the export
MAX_FONT_FILES = 5000
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


@functools.lru_cache(maxsize=1)
def installed_font_families() -> frozenset[str]:
    """Every family name this PC knows, Chinese and English names alike. Never raises."""
    families: set[str] = set()
    if shutil.which("fc-list"):
        families |= _fc_list_families()
    if sys.platform == "win32":
        families |= _windows_registry_families()
    if not families:
        for folder in _font_dirs():
            families |= _scan_font_dir(folder)
    return frozenset(families)


def _fc_list_families() -> set[str]:
    import subprocess  # only when the fonts are looked up, not when the window starts
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                             encoding="utf-8", errors="replace", timeout=FC_LIST_TIMEOUT).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    # One line per face; a face with localised names lists them comma-separated.
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def _windows_registry_families() -> set[str]:
    """Value names such as 'SimSun & NSimSun (TrueType)' in the machine and per-user font keys."""
    if sys.platform != "win32":  # also tells the type checker that winreg is Windows-only
        return set()
    try:
        import winreg
    except ImportError:
        return set()
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    names: set[str] = set()
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, key_path) as key:
                for index in range(winreg.QueryInfoKey(key)[1]):
                    value_name = winreg.EnumValue(key, index)[0]
                    base = value_name.split(" (")[0]
                    names.update(part.strip() for part in base.split("&") if part.strip())
        except OSError:
            continue
    return names


def _font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts",
            home / ".fonts"]


def _scan_font_dir(folder: Path) -> set[str]:
    families: set[str] = set()
    try:
        files = (p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
        for count, path in enumerate(files):
            if count >= MAX_FONT_FILES:
                break
            families |= font_file_families(path)
    except OSError:
        pass
    return families


def font_file_families(path: Path) -> set[str]:
    """Family names (name IDs 1 and 16, every language) from a TrueType/OpenType file or collection."""
    try:
        with open(path, "rb") as f:
            data = f.read(4)
            offsets = [0]
            if data == b"ttcf":
                f.seek(8)
                count = struct.unpack(">I", f.read(4))[0]
                offsets = list(struct.unpack(f">{min(count, 64)}I", f.read(4 * min(count, 64))))
            names: set[str] = set()
            for offset in offsets:
                names |= _face_families(f, offset)
            return names
    except (OSError, struct.error, ValueError):
        return set()


def _face_families(f, offset: int) -> set[str]:
    f.seek(offset + 4)
    num_tables = struct.unpack(">H", f.read(2))[0]
    f.seek(offset + 12)
    for _ in range(min(num_tables, 100)):
        tag, _checksum, table_offset, _length = struct.unpack(">4sIII", f.read(16))
        if tag == b"name":
            return _name_table_families(f, table_offset)
    return set()


def _name_table_families(f, table_offset: int) -> set[str]:
    f.seek(table_offset)
    _format, count, strings_offset = struct.unpack(">HHH", f.read(6))
    records = [struct.unpack(">HHHHHH", f.read(12)) for _ in range(min(count, 1000))]
    names = set()
    for platform, _encoding, _language, name_id, length, offset in records:
        if name_id not in (1, 16):
            continue
        f.seek(table_offset + strings_offset + offset)
        raw = f.read(length)
        text = raw.decode("utf-16-be", "ignore") if platform in (0, 3) else raw.decode("latin-1")
        if text.strip():
            names.add(text.strip())
    return names
