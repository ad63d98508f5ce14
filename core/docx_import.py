"""Word import: read a .docx into SourceParagraphs with formatting hints; .doc/.wps via LibreOffice.

The file is checked before anything parses it (size, container type, zip bomb) and its XML is parsed
here with a hardened lxml parser — no DTD, no entity expansion, no network, libxml2's depth limit —
so python-docx never touches an imported file. Styles and Word's auto-numbering are resolved so each
paragraph carries the number Word shows and the font, size, bold and colour a reader sees.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from core.errors import ImportFailed
from core.outline import chinese_numeral
from core.recognize import SourceParagraph

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_PART_BYTES = 64 * MB  # uncompressed size of one XML part we read
MAX_DECLARED_BYTES = 512 * MB  # all members together, as the zip declares them
MAX_RATIO = 200  # deflate on real XML gives 5–30; zip bombs give ~1000
RATIO_CHECK_FROM = MB  # tiny members may compress absurdly well without harm
MAX_MEMBERS = 10000
CONVERT_TIMEOUT_S = 120
CHUNK = MB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"

# Elements whose runs are part of the paragraph's text; deleted/moved-away text is not.
RUN_CONTAINERS = {W + t for t in ("hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple",
                                  "customXml", "moveTo", "bdo", "dir")}
RED_MIN, OTHER_MAX = 0xB0, 0x60
CELL_SEPARATOR = "　"
HEADING_FONTS = ("黑体", "楷体", "小标宋", "宋体-粗")
TYPED_NUMBER_RE = re.compile(r"[（(]?\s*[一二三四五六七八九十\d]{1,3}\s*[）)、.．]?")


def read_word_paragraphs(path: Path) -> tuple[list[SourceParagraph], list[str]]:
    """Paragraphs of a .docx (a .doc/.wps is converted first) and notes on what was skipped."""
    path = Path(path)
    if path.suffix.lower() in (".doc", ".wps") and _container_kind(path, path.name) != "zip":
        with _converted_to_docx(path) as converted:
            paragraphs, notes = _read_docx(converted, path.name)
        return paragraphs, [f"“{path.name}”已通过 LibreOffice 转换为 .docx 后导入，请仔细核对格式。"] + notes
    return _read_docx(path, path.name)


def _read_docx(path: Path, name: str) -> tuple[list[SourceParagraph], list[str]]:
    kind = _container_kind(path, name)
    if kind == "ole":
        raise ImportFailed(_ole_message(path, name))
    if kind != "zip":
        raise ImportFailed(f"“{name}”不是有效的 Word 文档（.docx），可能已损坏或只是改了扩展名。"
                           "请在 Word/WPS 中打开后“另存为”.docx 再导入；未导入任何内容。")
    return _Reader(_read_parts(path, name), name).read()


# --- the container: size, type, zip bomb ----------------------------------------------------

def _container_kind(path: Path, name: str) -> str:
    """"zip", "ole" (old Word or an encrypted .docx) or "other"; refuses files over MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFailed(f"“{name}”有 {size // MB} MB，超过 {MAX_FILE_BYTES // MB} MB 的上限，"
                           "不像一份年度报告。请删去其中的大图片后另存再导入；未导入任何内容。")
    with open(path, "rb") as f:
        head = f.read(8)
    if head == OLE_MAGIC:
        return "ole"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    return "other"


def _ole_message(path: Path, name: str) -> str:
    """An OLE container named .docx: a password-protected .docx, or an old .doc renamed."""
    with open(path, "rb") as f:
        data = f.read(MAX_FILE_BYTES)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (f"“{name}”设置了打开密码，无法读取。请在 Word/WPS 中打开，取消密码（文件→信息→保护文档）"
                "后另存为 .docx 再导入；未导入任何内容。")
    return (f"“{name}”实际是旧版 Word（.doc）格式，只是扩展名写成了 .docx。请把扩展名改回 .doc 导入，"
            "或在 Word/WPS 中“另存为”.docx 后再导入；未导入任何内容。")


def _read_parts(path: Path, name: str) -> dict[str, bytes]:
    """The XML parts we need, decompressed with every size checked first and capped while reading."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members, name)
            by_name = {m.filename: m for m in members}
            if DOCUMENT_PART not in by_name:
                raise ImportFailed(f"“{name}”是压缩包，但里面没有 Word 正文（{DOCUMENT_PART}），"
                                   "不是 Word 文档。请选择 .docx 报告文件；未导入任何内容。")
            return {part: _read_member(archive, by_name[part], name)
                    for part in (DOCUMENT_PART, STYLES_PART, NUMBERING_PART) if part in by_name}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as err:
        raise ImportFailed(f"“{name}”已损坏或加密，无法解压（{err}）。请在 Word/WPS 中打开并另存为 .docx "
                           "后再导入；未导入任何内容。") from err


def _bomb(name: str) -> ImportFailed:
    return ImportFailed(f"“{name}”解压后异常庞大（疑似“压缩炸弹”），为保护电脑已停止读取。"
                        "请确认文件来源，在 Word/WPS 中另存为 .docx 后再导入；未导入任何内容。")


def _check_members(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise _bomb(name)
    if sum(m.file_size for m in members) > MAX_DECLARED_BYTES:
        raise _bomb(name)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM and ratio > MAX_RATIO:
            raise _bomb(name)


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> bytes:
    """Stream-decompress one member, never holding more than its declared size or MAX_PART_BYTES."""
    if member.file_size > MAX_PART_BYTES:
        raise _bomb(name)
    cap = member.file_size
    chunks, total = [], 0
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > cap:
                raise _bomb(name)
            chunks.append(chunk)
    return b"".join(chunks)


# --- hardened XML ---------------------------------------------------------------------------

def _parse_xml(data: bytes, part: str, name: str) -> etree._Element:
    # Word never writes a DOCTYPE (and markup in text is escaped), so refuse one before parsing;
    # the docinfo check below catches encodings this byte search cannot see.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _doctype_refused(name, part)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        if "entity" in str(err).lower():
            raise _doctype_refused(name, part) from err
        if "depth" in str(err).lower():
            raise ImportFailed(f"“{name}”的内容（{part}）嵌套层数异常多，不是正常的 Word 文档，已拒绝读取。"
                               "请在 Word/WPS 中另存为 .docx 后再导入；未导入任何内容。") from err
        raise ImportFailed(f"“{name}”的内容（{part}）已损坏，无法读取（{err}）。请在 Word/WPS 中打开并"
                           "另存为 .docx 后再导入；未导入任何内容。") from err
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise _doctype_refused(name, part)
    return root


def _doctype_refused(name: str, part: str) -> ImportFailed:
    return ImportFailed(f"“{name}”的内容（{part}）含有文档类型/实体声明（DOCTYPE），Word 不会这样保存，"
                        "可能是恶意构造的文件，已拒绝读取；未导入任何内容。")


# --- .doc / .wps through LibreOffice --------------------------------------------------------

def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def _converted_to_docx(path: Path):
    """Convert with a private LibreOffice profile in a temp dir; yields the .docx, removes it after."""
    soffice = soffice_path()
    if soffice is None:
        raise ImportFailed(f"“{path.name}”是 {path.suffix.lower()} 格式，本机没有安装 LibreOffice，无法转换。"
                           "请在 Word/WPS 中打开，“另存为”.docx 后再导入；未导入任何内容。")
    with tempfile.TemporaryDirectory(prefix="fzbg-convert-") as tmp:
        work = Path(tmp)
        source = work / ("source" + path.suffix.lower())  # ASCII name: no quoting or encoding trouble
        shutil.copyfile(path, source)
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", "docx", "--outdir", str(work / "out"),
                   str(source)]
        _run_with_timeout(command, path)
        converted = work / "out" / "source.docx"
        if not converted.exists():
            raise ImportFailed(f"LibreOffice 无法转换“{path.name}”（文件可能受密码保护或已损坏）。"
                               "请在 Word/WPS 中打开，“另存为”.docx 后再导入；未导入任何内容。")
        yield converted


def _run_with_timeout(command: list[str], path: Path) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        process.wait(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ImportFailed(f"转换“{path.name}”超过 {CONVERT_TIMEOUT_S} 秒仍未完成，已停止。"
                           "请在 Word/WPS 中“另存为”.docx 后再导入；未导入任何内容。") from None


def _kill_group(process: subprocess.Popen) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, 9)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()


# --- styles ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunFormat:
    size_pt: float | None = None
    bold: bool | None = None
    red: bool | None = None
    font: str | None = None
    hidden: bool | None = None

    def over(self, base: "RunFormat") -> "RunFormat":
        """This format with unset fields taken from `base`."""
        return RunFormat(*(mine if mine is not None else theirs
                           for mine, theirs in zip(self.astuple(), base.astuple())))

    def astuple(self) -> tuple:
        return self.size_pt, self.bold, self.red, self.font, self.hidden


def _on(element) -> bool | None:
    if element is None:
        return None
    return element.get(W + "val", "true") not in ("0", "false", "off", "none")


def _is_red(color: str | None) -> bool | None:
    if not color:
        return None
    try:
        value = int(color, 16)
    except ValueError:
        return False
    r, g, b = value >> 16, (value >> 8) & 0xFF, value & 0xFF
    return r >= RED_MIN and g < OTHER_MAX and b < OTHER_MAX


def run_format(rpr) -> RunFormat:
    if rpr is None:
        return RunFormat()
    size = rpr.find(W + "sz")
    fonts = rpr.find(W + "rFonts")
    color = rpr.find(W + "color")
    try:
        size_pt = int(size.get(W + "val")) / 2 if size is not None else None
    except (TypeError, ValueError):
        size_pt = None
    return RunFormat(size_pt=size_pt, bold=_on(rpr.find(W + "b")),
                     red=_is_red(color.get(W + "val")) if color is not None else None,
                     font=fonts.get(W + "eastAsia") if fonts is not None else None,
                     hidden=_on(rpr.find(W + "vanish")))


@dataclass
class _Style:
    based_on: str | None
    ppr: object
    rpr: object


class Styles:
    """Paragraph and character styles with basedOn inheritance, resolved once per style."""

    def __init__(self, root):
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.defaults = RunFormat()
        self._formats: dict[str | None, RunFormat] = {}
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = run_format(defaults)
        for style in root.iter(W + "style"):
            style_id = style.get(W + "styleId")
            based = style.find(W + "basedOn")
            self.styles[style_id] = _Style(based.get(W + "val") if based is not None else None,
                                           style.find(W + "pPr"), style.find(W + "rPr"))
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_paragraph = style_id

    def chain(self, style_id: str | None):
        """The style and its ancestors, nearest first (cycles cut)."""
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def format(self, style_id: str | None) -> RunFormat:
        if style_id not in self._formats:
            result = RunFormat()
            for style in self.chain(style_id):
                result = result.over(run_format(style.rpr))
            self._formats[style_id] = result
        return self._formats[style_id]

    def paragraph_property(self, style_id: str | None, tag: str):
        """The nearest pPr child `tag` in the paragraph style's chain."""
        for style in self.chain(style_id or self.default_paragraph):
            if style.ppr is not None and (found := style.ppr.find(W + tag)) is not None:
                return found
        return None


# --- numbering ------------------------------------------------------------------------------

CN_LEGAL = str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")
CN_DIGIT = "〇一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    """A list counter as Word shows it in numFmt `fmt`."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting"):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(n).translate(CN_LEGAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGIT[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac") and n <= 10:
        return HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: 0 never; k restarts after any level < k; None: default
    legal: bool = False
    style: str | None = None


def _int(element, default: int | None) -> int | None:
    try:
        return int(element.get(W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _level(lvl) -> Level:
    fmt = lvl.find(W + "numFmt")
    text = lvl.find(W + "lvlText")
    style = lvl.find(W + "pStyle")
    return Level(start=_int(lvl.find(W + "start"), 1),
                 fmt=fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                 text=text.get(W + "val", "") if text is not None else "",
                 restart=_int(lvl.find(W + "lvlRestart"), None),
                 legal=_on(lvl.find(W + "isLgl")) or False,
                 style=style.get(W + "val") if style is not None else None)


@dataclass
class _Num:
    abstract_id: str
    levels: dict[int, Level]
    start_overrides: dict[int, int]


class Numbering:
    """Word's list numbering: counters run per abstractNum (shared by its numIds, as in Word); a numId
    with a startOverride restarts its level where it first appears."""

    def __init__(self, root):
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        if root is None:
            return
        abstracts = {abstract.get(W + "abstractNumId"): {_int_attr(lvl, "ilvl"): _level(lvl)
                                                         for lvl in abstract.findall(W + "lvl")}
                     for abstract in root.findall(W + "abstractNum")}
        for num in root.findall(W + "num"):
            abstract_id = num.find(W + "abstractNumId")
            abstract_id = abstract_id.get(W + "val") if abstract_id is not None else None
            levels = dict(abstracts.get(abstract_id, {}))
            overrides = {}
            for override in num.findall(W + "lvlOverride"):
                ilvl = _int_attr(override, "ilvl")
                if (lvl := override.find(W + "lvl")) is not None:
                    levels[ilvl] = _level(lvl)
                if (start := override.find(W + "startOverride")) is not None:
                    overrides[ilvl] = _int(start, 1)
            self.nums[num.get(W + "numId")] = _Num(abstract_id, levels, overrides)

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        num = self.nums.get(num_id)
        if num and style_id:
            for ilvl, level in num.levels.items():
                if level.style == style_id:
                    return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter for this paragraph and return the number Word shows, e.g. "（二）"."""
        num = self.nums.get(num_id)
        if num is None or ilvl not in num.levels:
            return ""
        counters = self.counters.setdefault(num.abstract_id, {})
        if ilvl in num.start_overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = num.start_overrides[ilvl] - 1
        counters[ilvl] = counters.get(ilvl, num.levels[ilvl].start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = num.levels[deeper].restart if deeper in num.levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        level = num.levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder in text:
                shown = num.levels.get(k, Level())
                value = counters.get(k, shown.start)
                fmt = "decimal" if level.legal and k != ilvl else shown.fmt
                text = text.replace(placeholder, format_counter(value, fmt))
        return text.strip()


def _int_attr(element, name: str) -> int:
    try:
        return int(element.get(W + name, "0"))
    except ValueError:
        return 0


# --- the document walk ----------------------------------------------------------------------

@dataclass
class _Piece:
    text: str
    fmt: RunFormat


LINE_BREAK = _Piece("\n", RunFormat())


class _Reader:
    def __init__(self, parts: dict[str, bytes], name: str):
        self.name = name
        self.document = _parse_xml(parts[DOCUMENT_PART], DOCUMENT_PART, name)
        self.styles = Styles(_parse_xml(parts[STYLES_PART], STYLES_PART, name)
                             if STYLES_PART in parts else None)
        self.numbering = Numbering(_parse_xml(parts[NUMBERING_PART], NUMBERING_PART, name)
                                   if NUMBERING_PART in parts else None)
        self.paragraphs: list[SourceParagraph] = []
        self.notes: list[str] = []

    def read(self) -> tuple[list[SourceParagraph], list[str]]:
        body = self.document.find(W + "body")
        if body is None:
            raise ImportFailed(f"“{self.name}”里没有 Word 正文，不是有效的 Word 文档；未导入任何内容。")
        self._block_content(body)
        return self.paragraphs, self.notes

    def _block_content(self, parent) -> None:
        for child in parent:
            if child.tag == W + "p":
                self._paragraph(child)
            elif child.tag == W + "tbl":
                self._table(child)
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                self._block_content(child)

    def _table(self, table) -> None:
        for row in table.iter(W + "tr"):
            if row.getparent() is not table:  # nested tables are read as part of their cell
                continue
            cells = [self._cell_text(cell) for cell in row.findall(W + "tc")]
            pieces = []
            for cell_pieces in cells:
                if any(p.text.strip() for p in cell_pieces):
                    if pieces:
                        pieces.append(_Piece(CELL_SEPARATOR, RunFormat()))
                    pieces.extend(cell_pieces)
            self._emit(pieces, centered=False, numbering="", in_table=True)

    def _cell_text(self, cell) -> list[_Piece]:
        pieces = []
        for p in cell.iter(W + "p"):
            style_id = self._style_id(p)
            para_pieces = [piece for piece in self._runs(p, style_id) if piece is not LINE_BREAK]
            if pieces and para_pieces:
                pieces.append(_Piece(" ", RunFormat()))
            pieces.extend(para_pieces)
        return pieces

    def _style_id(self, p) -> str | None:
        style = p.find(f"{W}pPr/{W}pStyle")
        return style.get(W + "val") if style is not None else self.styles.default_paragraph

    def _paragraph(self, p) -> None:
        style_id = self._style_id(p)
        ppr = p.find(W + "pPr")
        numbering = self._numbering(ppr, style_id)
        jc = ppr.find(W + "jc") if ppr is not None else None
        if jc is None:
            jc = self.styles.paragraph_property(style_id, "jc")
        centered = jc is not None and jc.get(W + "val") == "center"
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        if outline is None:
            outline = self.styles.paragraph_property(style_id, "outlineLvl")
        pieces = self._runs(p, style_id)
        self._emit(pieces, centered, numbering, in_table=False, outline_level=_int(outline, None))

    def _numbering(self, ppr, style_id: str | None) -> str:
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        if num_pr is None:
            num_pr = self.styles.paragraph_property(style_id, "numPr")
        if num_pr is None:
            return ""
        num_id = num_pr.find(W + "numId")
        if num_id is None and ppr is not None and ppr.find(W + "numPr") is num_pr:
            style_num = self.styles.paragraph_property(style_id, "numPr")
            num_id = style_num.find(W + "numId") if style_num is not None else None
        num_id = num_id.get(W + "val") if num_id is not None else None
        if not num_id or num_id == "0":
            return ""
        ilvl = num_pr.find(W + "ilvl")
        level = _int(ilvl, None)
        if level is None:
            level = self.numbering.level_for_style(num_id, style_id)
        return self.numbering.label(num_id, level)

    def _runs(self, parent, style_id: str | None) -> list[_Piece]:
        """Text pieces of a paragraph in order, with their formatting; LINE_BREAK marks a w:br."""
        pieces: list[_Piece] = []
        paragraph_format = self.styles.format(style_id).over(self.styles.defaults)
        self._collect(parent, paragraph_format, pieces)
        return pieces

    def _collect(self, parent, paragraph_format: RunFormat, pieces: list[_Piece]) -> None:
        for child in parent:
            if child.tag == W + "r":
                self._run(child, paragraph_format, pieces)
            elif child.tag in RUN_CONTAINERS:
                self._collect(child, paragraph_format, pieces)
            elif child.tag == MC + "AlternateContent":
                self._alternate(child, lambda node: self._collect(node, paragraph_format, pieces))

    def _run(self, run, paragraph_format: RunFormat, pieces: list[_Piece]) -> None:
        rpr = run.find(W + "rPr")
        fmt = run_format(rpr)
        char_style = rpr.find(W + "rStyle") if rpr is not None else None
        if char_style is not None:
            fmt = fmt.over(self.styles.format(char_style.get(W + "val")))
        fmt = fmt.over(paragraph_format)
        for child in run:
            tag = child.tag
            if tag == W + "t":
                if child.text and not fmt.hidden:
                    pieces.append(_Piece(child.text, fmt))
            elif tag == W + "tab":
                pieces.append(_Piece(" ", fmt))
            elif tag in (W + "br", W + "cr"):
                pieces.append(LINE_BREAK)
            elif tag == W + "noBreakHyphen":
                pieces.append(_Piece("-", fmt))
            elif tag in (W + "drawing", W + "pict", W + "object"):
                self._graphic(child, pieces)
            elif tag == MC + "AlternateContent":
                self._alternate(child, lambda node: self._run_children(node, fmt, pieces))

    def _run_children(self, node, fmt: RunFormat, pieces: list[_Piece]) -> None:
        for child in node:
            if child.tag in (W + "drawing", W + "pict", W + "object"):
                self._graphic(child, pieces)

    @staticmethod
    def _alternate(element, handle) -> None:
        """mc:AlternateContent holds the same content twice; read the first choice only."""
        choice = element.find(MC + "Choice")
        handle(choice if choice is not None else element.find(MC + "Fallback"))

    def _graphic(self, graphic, pieces: list[_Piece]) -> None:
        """Text boxes give their paragraphs (a 版头 is often one); pictures are skipped and listed."""
        boxes = [box for box in graphic.iter(W + "txbxContent")]
        if boxes:
            for box in boxes:
                self._block_content(box)
            return
        described = next((d for d in graphic.iter(WP + "docPr")), None)
        label = ""
        if described is not None:
            label = described.get("descr") or described.get("name") or ""
        near = "".join(p.text for p in pieces if p is not LINE_BREAK).strip()
        if not near and self.paragraphs:
            near = self.paragraphs[-1].full_text
        kind = "嵌入对象" if graphic.tag == W + "object" else "图片"
        where = f"，位于“{near[-15:]}”之后" if near else "，位于文首"
        self.notes.append(f"已跳过{kind}{('“' + label + '”') if label else ''}{where}；导入只保留文字。")

    def _emit(self, pieces: list[_Piece], centered: bool, numbering: str, in_table: bool,
              outline_level: int | None = None) -> None:
        """One SourceParagraph per line (a manual line break starts a new one)."""
        line: list[_Piece] = []
        for piece in pieces + [LINE_BREAK]:
            if piece is not LINE_BREAK:
                line.append(piece)
                continue
            text = "".join(p.text for p in line)
            if text.strip() or numbering:
                self.paragraphs.append(_source_paragraph(line, centered, numbering, in_table, outline_level))
                numbering = ""
            line = []


def _dominant(pieces: list[_Piece]) -> RunFormat:
    weights: dict[RunFormat, int] = {}
    for piece in pieces:
        weight = len(piece.text.strip())
        if weight:
            weights[piece.fmt] = weights.get(piece.fmt, 0) + weight
    return max(weights, key=weights.get) if weights else RunFormat()


def _lead_length(pieces: list[_Piece]) -> int:
    """Characters at the start set apart by bold or a heading font: a run-in heading."""
    groups: list[list] = []  # [bold, font, text]; whitespace joins the group before it
    for piece in pieces:
        key = [bool(piece.fmt.bold), piece.fmt.font or ""]
        if groups and (groups[-1][:2] == key or not piece.text.strip()):
            groups[-1][2] += piece.text
        else:
            groups.append(key + [piece.text])
    if len(groups) < 2:
        return 0
    typed_number = ""
    if len(groups) > 2 and TYPED_NUMBER_RE.fullmatch(groups[0][2].strip()):
        typed_number = groups.pop(0)[2]  # “（二）” typed plain before a bold heading
    lead_bold, lead_font, lead_text = groups[0]
    rest = _dominant([_Piece(g[2], RunFormat(bold=g[0], font=g[1])) for g in groups[1:]])
    emphasised = (lead_bold and not rest.bold) or (
        lead_font != (rest.font or "") and any(f in lead_font for f in HEADING_FONTS))
    return len(typed_number) + len(lead_text) if emphasised else 0


def _source_paragraph(pieces: list[_Piece], centered: bool, numbering: str, in_table: bool,
                      outline_level: int | None) -> SourceParagraph:
    while pieces and not pieces[0].text.strip():
        pieces = pieces[1:]
    if pieces:
        pieces = [replace(pieces[0], text=pieces[0].text.lstrip())] + pieces[1:]
    fmt = _dominant(pieces)
    text = "".join(p.text for p in pieces).strip()
    lead = _lead_length(pieces)
    return SourceParagraph(text, centered=centered, font_size_pt=fmt.size_pt, bold=bool(fmt.bold),
                           red=bool(fmt.red), font_name=fmt.font or "", numbering=numbering,
                           in_table=in_table, outline_level=outline_level,
                           heading_chars=lead if 0 < lead < len(text) else 0)

