"""Low-level WordprocessingML: runs with explicit East-Asian fonts, paragraphs with properties in
schema order, and the fixes python-docx's default template needs (US Letter, theme fonts, ja-JP)."""
from __future__ import annotations

import copy
import functools

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.parser import oxml_parser, parse_xml
from lxml import etree
from docx.oxml.ns import qn

from core.fonts import LATIN_FONT, FontSet
from core.pages import geometry
from core.pages.flow import Border, RunStyle

LANG_ZH = "zh-CN"
# The Unicode ranges and code page a GB2312 Chinese font declares (as FangSong/SimSun do), so Word
# picks a Chinese substitute for a missing font rather than a Japanese one.
CJK_FONT_SIGNATURE = {"usb0": "00000001", "usb1": "080E0000", "usb2": "00000010", "usb3": "00000000",
                      "csb0": "00040000", "csb1": "00000000"}


def el(tag: str, **attrs) -> OxmlElement:
    """An element through python-docx's parser (so it gets the oxml classes), without parsing text."""
    return oxml_parser.makeelement(qn(tag), {qn(f"w:{k}"): str(v) for k, v in attrs.items()})


def rfonts(family: str, latin: str = LATIN_FONT) -> OxmlElement:
    """ascii/cs Latin; hAnsi = eastAsia so that — “ ” … use the Chinese font, never Times New Roman."""
    return el("w:rFonts", ascii=latin, hAnsi=family, eastAsia=family, cs=latin, hint="eastAsia")


def run_properties(style: RunStyle, fonts: FontSet) -> OxmlElement:
    return copy.deepcopy(_run_properties(style, fonts))  # copying a cached element is ~10× faster


@functools.lru_cache(maxsize=128)
def _run_properties(style: RunStyle, fonts: FontSet) -> OxmlElement:
    family = fonts.role(style.font).family
    rpr = el("w:rPr")
    rpr.append(rfonts(family, family if style.latin_in_cjk_font else LATIN_FONT))
    if style.color:
        rpr.append(el("w:color", val=style.color))
    if style.condense_tw:
        rpr.append(el("w:spacing", val=style.condense_tw))
    half_points = round(style.size_pt * 2)
    rpr.append(el("w:sz", val=half_points))
    rpr.append(el("w:szCs", val=half_points))
    return rpr


def add_run(paragraph, text: str, style: RunStyle, fonts: FontSet) -> None:
    """A run per text piece; tabs and line breaks become w:tab / w:br."""
    run = el("w:r")
    run.append(run_properties(style, fonts))
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(el("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                run.append(el("w:tab"))
            if piece:
                t = el("w:t")
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                run.append(t)
    paragraph.append(run)


def add_page_field(paragraph, style: RunStyle, fonts: FontSet) -> None:
    field = el("w:fldSimple", instr=" PAGE ")
    add_run(field, "1", style, fonts)
    paragraph.append(field)


def paragraph_properties(**props) -> OxmlElement:
    return copy.deepcopy(_paragraph_properties(**props))


@functools.lru_cache(maxsize=256)
def _paragraph_properties(*, jc: str = "both", first_line_chars: int = 0, left: int = 0, right: int = 0,
                          hanging: int = 0, line: int = geometry.LINE_PITCH, before: int = 0,
                          keep_next: bool = False, keep_lines: bool = False,
                          page_break_before: bool = False, border: Border | None = None,
                          tabs: tuple[tuple[str, int], ...] = (), snap: bool = True,
                          outline_level: int | None = None) -> OxmlElement:
    """pPr with children in CT_PPr schema order."""
    ppr = el("w:pPr")
    if keep_next:
        ppr.append(el("w:keepNext"))
    if keep_lines:
        ppr.append(el("w:keepLines"))
    if page_break_before:
        ppr.append(el("w:pageBreakBefore"))
    if border:
        borders = el("w:pBdr")
        borders.append(el(f"w:{border.side}", val="single", sz=border.size_eighths,
                          space=border.space_pt, color=border.color))
        ppr.append(borders)
    if tabs:
        tab_list = el("w:tabs")
        for kind, pos in tabs:
            tab_list.append(el("w:tab", val=kind, pos=pos))
        ppr.append(tab_list)
    if not snap:
        ppr.append(el("w:snapToGrid", val=0))
    ppr.append(el("w:spacing", before=before, after=0, line=line, lineRule="exact"))
    indent = el("w:ind", left=left, right=right)
    if first_line_chars:  # Word counts 字 in ems of 3号: state the same in twips for other readers
        indent.set(qn("w:firstLineChars"), str(first_line_chars * 100))
        indent.set(qn("w:firstLine"), str(first_line_chars * geometry.BODY_PT * geometry.TWIPS_PER_PT))
    if hanging:
        indent.set(qn("w:hanging"), str(hanging))
    ppr.append(indent)
    ppr.append(el("w:jc", val=jc))
    if outline_level is not None:
        ppr.append(el("w:outlineLvl", val=outline_level))
    return ppr


# --- package set-up -------------------------------------------------------------------------------

def setup_package(document, fonts: FontSet) -> None:
    _set_doc_defaults(document, fonts)
    _strip_theme_fonts(document)
    _set_settings(document)
    _declare_fonts(document, fonts)
    _drop_template_thumbnail(document)


def _set_doc_defaults(document, fonts: FontSet) -> None:
    """Body font and size (16 pt: the grid is computed from it), exact 28.95 pt lines, zh-CN. The
    condensing stays in the body runs: banner, title, 版记 and page number runs must not inherit it."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = run_properties(RunStyle(condense_tw=0), fonts)
    rpr.append(el("w:lang", val="en-US", eastAsia=LANG_ZH, bidi="ar-SA"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    rpr_default.append(rpr)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    for child in list(ppr_default):
        ppr_default.remove(child)
    ppr = el("w:pPr")
    # Widow/orphan control everywhere (the page model assumes it); 禁则 on; the space between Chinese
    # and Latin/digits on, as Word's zh-CN default and as LibreOffice always sets it (core.pages.metrics).
    for tag, value in (("w:widowControl", 1), ("w:kinsoku", 1), ("w:overflowPunct", 1),
                       ("w:autoSpaceDE", 1), ("w:autoSpaceDN", 1)):
        ppr.append(el(tag, val=value))
    ppr.append(el("w:spacing", before=0, after=0, line=geometry.LINE_PITCH, lineRule="exact"))
    ppr_default.append(ppr)


def _strip_theme_fonts(document) -> None:
    """Every *Theme font attribute in the styles would resolve through themeFontLang."""
    theme_attrs = [qn(f"w:{a}Theme") for a in ("ascii", "hAnsi", "eastAsia", "cs")]
    for rfont in document.styles.element.iter(qn("w:rFonts")):
        for attr in theme_attrs:
            rfont.attrib.pop(attr, None)
    for lang in document.styles.element.iter(qn("w:lang")):
        if lang.get(qn("w:eastAsia")):
            lang.set(qn("w:eastAsia"), LANG_ZH)
    _drop_part(document, "stylesWithEffects")


def _set_settings(document) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), LANG_ZH)


def _declare_fonts(document, fonts: FontSet) -> None:
    """fontTable entries: each family with its fallback as altName and a GB2312 signature."""
    table_part = _related_part(document, "fontTable")
    if table_part is None:
        return
    table = parse_xml(table_part.blob)
    declared = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    for font in fonts.families():
        if font.family in declared:
            continue
        entry = el("w:font", name=font.family)
        entry.append(el("w:altName", val=font.fallbacks[0]))
        entry.append(el("w:charset", val="86"))
        entry.append(el("w:family", val="modern" if font.family in ("宋体",) else "auto"))
        entry.append(el("w:pitch", val="variable"))
        entry.append(el("w:sig", **CJK_FONT_SIGNATURE))
        table.append(entry)
    table_part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _related_part(document, name: str):
    for rel in document.part.rels.values():
        if not rel.is_external and rel.target_part.partname.endswith(f"/{name}.xml"):
            return rel.target_part
    return None


def _drop_part(document, name: str) -> None:
    for rel_id, rel in list(document.part.rels.items()):
        if not rel.is_external and rel.target_part.partname.endswith(f"/{name}.xml"):
            document.part.drop_rel(rel_id)


def _drop_template_thumbnail(document) -> None:
    """The default template ships a thumbnail of an empty English page."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
