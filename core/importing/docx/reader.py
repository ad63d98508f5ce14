"""The document walk: paragraphs, tables, text boxes and runs of a checked .docx into SourceParagraphs
carrying the number Word shows and the font, size, bold and colour a reader sees."""
from __future__ import annotations

from dataclasses import dataclass, replace

from core.errors import ImportFailed
from core.importing.docx.container import (DOCUMENT_PART, MC, NUMBERING_PART, STYLES_PART, W, WP,
                                           parse_xml)
from core.importing.docx.numbering import Numbering, int_value
from core.importing.docx.styles import RunFormat, Styles, is_on, run_format
from core.importing.source import SourceParagraph
from core.numbering import LOOSE_NUMBER_RE

# Elements whose runs are part of the paragraph's text; deleted/moved-away text is not.
RUN_CONTAINERS = {W + t for t in ("hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple",
                                  "customXml", "moveTo", "bdo", "dir")}
W_PPR, W_PSTYLE, W_RPR, W_RSTYLE = W + "pPr", W + "pStyle", W + "rPr", W + "rStyle"
W_VAL, W_TYPE = W + "val", W + "type"
W_T, W_TAB, W_NO_BREAK_HYPHEN, MC_ALTERNATE = W + "t", W + "tab", W + "noBreakHyphen", MC + "AlternateContent"
LINE_ENDS = frozenset((W + "br", W + "cr"))
GRAPHICS = frozenset((W + "drawing", W + "pict", W + "object"))
RED_MIN, OTHER_MAX = 0xB0, 0x60
CELL_SEPARATOR = "　"
HEADING_FONTS = ("黑体", "楷体", "小标宋", "宋体-粗")


@dataclass(eq=False)  # a break is LINE_BREAK or PAGE_BREAK itself: `in BREAKS` compares identities
class _Piece:
    text: str
    fmt: RunFormat


LINE_BREAK = _Piece("\n", RunFormat())
PAGE_BREAK = _Piece("\f", RunFormat())  # also ends the line
BREAKS = (LINE_BREAK, PAGE_BREAK)


class Reader:
    def __init__(self, parts: dict[str, bytes], name: str):
        self.name = name
        self.document = parse_xml(parts[DOCUMENT_PART], DOCUMENT_PART, name)
        self.styles = Styles(parse_xml(parts[STYLES_PART], STYLES_PART, name)
                             if STYLES_PART in parts else None)
        self.numbering = Numbering(parse_xml(parts[NUMBERING_PART], NUMBERING_PART, name)
                                   if NUMBERING_PART in parts else None)
        self.paragraphs: list[SourceParagraph] = []
        self.notes: list[str] = []
        self._page_break = False  # a page break was read and no paragraph has followed it yet

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
            pieces: list[_Piece] = []
            for cell_pieces in cells:
                if any(p.text.strip() for p in cell_pieces):
                    if pieces:
                        pieces.append(_Piece(CELL_SEPARATOR, RunFormat()))
                    pieces.extend(cell_pieces)
            self._emit(pieces, "", numbering="", in_table=True)

    def _cell_text(self, cell) -> list[_Piece]:
        pieces: list[_Piece] = []
        for p in cell.iter(W + "p"):
            style_id = self._style_id(p)
            para_pieces = [piece for piece in self._runs(p, style_id) if piece not in BREAKS]
            if pieces and para_pieces:
                pieces.append(_Piece(" ", RunFormat()))
            pieces.extend(para_pieces)
        return pieces

    def _style_id(self, p, ppr=None) -> str | None:
        """The paragraph's style; `ppr`: its w:pPr when the caller has it already."""
        ppr = p.find(W_PPR) if ppr is None else ppr
        style = ppr.find(W_PSTYLE) if ppr is not None else None
        return style.get(W_VAL) if style is not None else self.styles.default_paragraph

    def _paragraph(self, p) -> None:
        ppr = p.find(W_PPR)
        style_id = self._style_id(p, ppr)
        numbering = self._numbering(ppr, style_id)
        jc = ppr.find(W + "jc") if ppr is not None else None
        if jc is None:
            jc = self.styles.paragraph_property(style_id, "jc")
        align = jc.get(W + "val", "") if jc is not None else ""
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        if outline is None:
            outline = self.styles.paragraph_property(style_id, "outlineLvl")
        if ppr is not None and is_on(ppr.find(W + "pageBreakBefore")):
            self._page_break = True
        pieces = self._runs(p, style_id)
        self._emit(pieces, align, numbering, in_table=False, outline_level=int_value(outline, None))

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
        level = int_value(ilvl, None)
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
        rpr = run.find(W_RPR)
        fmt = run_format(rpr)
        char_style = rpr.find(W_RSTYLE) if rpr is not None else None
        if char_style is not None:
            fmt = fmt.over(self.styles.format(char_style.get(W_VAL)))
        fmt = fmt.over(paragraph_format)
        for child in run:  # the tags as constants: this loop runs for every run of the document
            tag = child.tag
            if tag == W_T:
                if child.text and not fmt.hidden:
                    pieces.append(_Piece(child.text, fmt))
            elif tag == W_TAB:
                pieces.append(_Piece(" ", fmt))
            elif tag in LINE_ENDS:
                pieces.append(PAGE_BREAK if child.get(W_TYPE) == "page" else LINE_BREAK)
            elif tag == W_NO_BREAK_HYPHEN:
                pieces.append(_Piece("-", fmt))
            elif tag in GRAPHICS:
                self._graphic(child, pieces)
            elif tag == MC_ALTERNATE:
                self._alternate(child, lambda node: self._run_children(node, fmt, pieces))

    def _run_children(self, node, fmt: RunFormat, pieces: list[_Piece]) -> None:
        for child in node:
            if child.tag in GRAPHICS:
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
        near = "".join(p.text for p in pieces if p not in BREAKS).strip()
        if not near and self.paragraphs:
            near = self.paragraphs[-1].full_text
        kind = "嵌入对象" if graphic.tag == W + "object" else "图片"
        where = f"，位于“{near[-15:]}”之后" if near else "，位于文首"
        self.notes.append(f"已跳过{kind}{('“' + label + '”') if label else ''}{where}；导入只保留文字。")

    def _emit(self, pieces: list[_Piece], align: str, numbering: str, in_table: bool,
              outline_level: int | None = None) -> None:
        """One SourceParagraph per line (a manual line break starts a new one)."""
        line: list[_Piece] = []
        for piece in pieces + [LINE_BREAK]:
            if piece not in BREAKS:
                line.append(piece)
                continue
            text = "".join(p.text for p in line)
            if text.strip() or numbering:
                paragraph = _source_paragraph(line, align, numbering, in_table, outline_level)
                paragraph.page_break_before, self._page_break = self._page_break, False
                self.paragraphs.append(paragraph)
                numbering = ""
            line = []
            if piece is PAGE_BREAK:
                self._page_break = True


def _dominant(pieces: list[_Piece]) -> RunFormat:
    weights: dict[RunFormat, int] = {}
    for piece in pieces:
        weight = len(piece.text.strip())
        if weight:
            weights[piece.fmt] = weights.get(piece.fmt, 0) + weight
    return max(weights, key=weights.__getitem__) if weights else RunFormat()


def _lead_length(pieces: list[_Piece]) -> int:
    """Characters at the start set apart by bold or a heading font: a run-in heading."""
    runs: list[list] = []  # [bold, font, [texts]]; whitespace joins the group before it
    for piece in pieces:
        key = [bool(piece.fmt.bold), piece.fmt.font or ""]
        if runs and (runs[-1][:2] == key or not piece.text.strip()):
            runs[-1][2].append(piece.text)
        else:
            runs.append(key + [[piece.text]])
    groups = [[bold, font, "".join(texts)] for bold, font, texts in runs]
    if len(groups) < 2:
        return 0
    typed_number = ""
    if len(groups) > 2 and LOOSE_NUMBER_RE.fullmatch(groups[0][2].strip()):
        typed_number = groups.pop(0)[2]  # “（二）” typed plain before a bold heading
    lead_bold, lead_font, lead_text = groups[0]
    rest = _dominant([_Piece(g[2], RunFormat(bold=g[0], font=g[1])) for g in groups[1:]])
    emphasised = (lead_bold and not rest.bold) or (
        lead_font != (rest.font or "") and any(f in lead_font for f in HEADING_FONTS))
    return len(typed_number) + len(lead_text) if emphasised else 0


def _source_paragraph(pieces: list[_Piece], align: str, numbering: str, in_table: bool,
                      outline_level: int | None) -> SourceParagraph:
    while pieces and not pieces[0].text.strip():
        pieces = pieces[1:]
    if pieces:
        pieces = [replace(pieces[0], text=pieces[0].text.lstrip())] + pieces[1:]
    fmt = _dominant(pieces)
    text = "".join(p.text for p in pieces).strip()
    lead = _lead_length(pieces)
    return SourceParagraph(text, centered=align == "center", aligned_right=align in ("right", "end"),
                           font_size_pt=fmt.size_pt, bold=bool(fmt.bold),
                           red=bool(fmt.red), font_name=fmt.font or "", numbering=numbering,
                           in_table=in_table, outline_level=outline_level,
                           heading_chars=lead if 0 < lead < len(text) else 0)
