"""Builders for the Word files the import tests read: real .docx files made with python-docx, in the
styles real township reports come in. Nothing binary is committed; every file is regenerated."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

RED = RGBColor(0xE6, 0x00, 0x12)
INTRO = ("2024年，我乡坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
         "全面推进法治政府建设。现将有关情况报告如下：")
BODY = ("调整充实法治政府建设领导机构，细化领导小组成员分工，明确各成员职责，形成主要领导负责抓、"
        "分管领导具体抓的工作局面。")


def new_document() -> docx.Document:
    """A document whose Normal style is the 公文 body: 仿宋_GB2312 三号 (16 pt)."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    return document


def add_run(paragraph, text: str, size: float | None = None, bold: bool = False, red: bool = False,
            font: str | None = None):
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if red:
        run.font.color.rgb = RED
    if font:
        run.font.name = font
        run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def add_para(document, text: str = "", center: bool = False, style: str | None = None, **run_format):
    paragraph = document.add_paragraph(style=style)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        add_run(paragraph, text, **run_format)
    return paragraph


def add_list(document, levels: list[tuple[str, str]], start: int = 1) -> int:
    """A multi-level list (numFmt, lvlText per level) in numbering.xml; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 100 + len(numbering.findall(qn("w:abstractNum")))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # schema order: every abstractNum before any num
    else:
        numbering.append(abstract)
    return _add_num(numbering, abstract_id)


def restart_list(document, num_id: int, ilvl: int, start: int = 1) -> int:
    """A new numId over the same abstractNum that restarts `ilvl` (Word's “重新开始编号”)."""
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    override = f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
    return _add_num(numbering, abstract_id, override)


def _add_num(numbering, abstract_id, inner: str = "") -> int:
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/>{inner}</w:num>'))
    return num_id


def numbered(document, text: str, num_id: int, ilvl: int, **run_format):
    paragraph = add_para(document, text, **run_format)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def tiny_png() -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xe6\x00\x12"))
            + chunk(b"IEND", b""))


def add_image(document, description: str = "") -> None:
    document.add_picture(io.BytesIO(tiny_png()), width=Cm(2))
    if description:
        doc_pr = document.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
        doc_pr.set("descr", description)


def add_title(document, *lines: str) -> None:
    for line in lines:
        add_para(document, line, center=True, size=22, font="方正小标宋简体")


def add_tail(document, signature: list[str], written: str) -> None:
    add_para(document)
    for line in signature:
        add_para(document, line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_para(document, written).alignment = WD_ALIGN_PARAGRAPH.RIGHT


# --- the report styles -------------------------------------------------------------------------

def auto_numbered_report(path: Path) -> Path:
    """Word auto-numbering throughout: one multilevel list (一、/（一）/1./（1）) for chapters and
    items, a separate list for the 四、 chapter restarted with a startOverride, half-width [] in
    the 文号 and a red 版头 without “文件”."""
    document = new_document()
    add_para(document, "景毛乡人民政府", center=True, size=36, red=True, font="方正小标宋简体")
    add_para(document, "景政发[2025]第07号", center=True)
    add_title(document, "景毛乡人民政府", "关于2024年度法治政府建设情况的报告")
    add_para(document, "县人民政府：")
    add_para(document, INTRO)
    outline = add_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                                  ("decimal", "%3."), ("decimal", "（%4）")])
    numbered(document, "2024年度推进法治政府建设的主要举措和成效", outline, 0, font="黑体")
    numbered(document, "健全工作机制，扛牢政治责任。成立法治政府建设工作领导小组。", outline, 1)
    numbered(document, "落实会前学法制度。", outline, 2)
    numbered(document, "全年组织会前学法12次。", outline, 3)
    numbered(document, "开展专题培训2次。", outline, 3)
    numbered(document, "健全合法性审查机制。", outline, 2)
    numbered(document, "加强理论学习，强化政治引领。", outline, 1)
    add_para(document, BODY)
    numbered(document, "党政主要负责人履行推进法治建设第一责任人职责情况", outline, 0, font="黑体")
    add_para(document, "乡党委书记、乡长认真履行第一责任人职责，全年专题研究法治建设工作4次。")
    numbered(document, "存在的不足和原因", outline, 0, font="黑体")
    numbered(document, "执法力量不足。", outline, 1)
    numbered(document, "普法方式单一。", outline, 1)
    plans = add_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    plans = restart_list(document, plans, 0, start=4)
    numbered(document, "2025年工作打算", plans, 0, font="黑体")
    numbered(document, "加强执法队伍建设。", plans, 1)
    add_tail(document, ["景毛乡人民政府"], "2025年3月5日")
    document.save(path)
    return path


def typed_numbers_report(path: Path) -> Path:
    """Hand-typed numbers in every real form, run-in headings (sentence and bold lead), a page-split
    paragraph, a table, an image, a Chinese-numeral date, 附注 and a typed 版记."""
    document = new_document()
    add_title(document, "景毛乡2024年法治政府建设年度报告")
    add_para(document, INTRO)
    add_para(document, "一、主要措施和成效", font="黑体")
    add_para(document, "(一)健全组织机构。调整充实法治政府建设领导机构。", font="楷体_GB2312")
    heading = add_para(document, "（二）")
    add_run(heading, "强化依法决策", bold=True)
    add_run(heading, "坚持重大行政决策合法性审查，全年审查合同15份。")
    add_para(document, "1、落实法律顾问制度。聘请律师担任法律顾问。")
    add_para(document, "2．规范行政执法。推行执法全过程记录。")
    add_para(document, "(1)加强执法培训。")
    add_para(document, "（2）规范执法文书。")
    add_para(document, "一）化解矛盾纠纷。")
    add_para(document, "健全行政调解与人民调解、司法调解")
    breaker = add_para(document)
    breaker.add_run().add_break(WD_BREAK.PAGE)
    add_para(document, "相衔接的大调解联动机制，实现各类调解主体的有效互动。")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, (("项目", "件数", "同比"), ("行政调解", "36", "增长12%"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    add_image(document, "调解现场照片")
    add_para(document, "二、存在的不足", font="黑体")
    add_para(document, "一是基层法治队伍建设有待加强。二是法治宣传力度有待提升。")
    add_para(document, "三、下一步工作计划", font="黑体")
    add_para(document, "1.加强法治队伍建设。")
    add_para(document, "2.创新普法宣传方式。")
    add_tail(document, ["景毛乡人民政府"], "二〇二五年三月五日")
    add_para(document, "（此件公开发布）")
    add_para(document, "抄送：县委依法治县办，县司法局。")
    add_para(document, "景毛乡党政办公室        2025年3月6日印发")
    document.save(path)
    return path


def joint_red_head_report(path: Path) -> Path:
    """A joint-organ 红头 (two red names and “文件”), 文号 with 签发人 on the same line, 黑体 chapter
    headings without numbers, two-organ 署名 and a 版记 laid out as a table."""
    document = new_document()
    add_para(document, "中共景毛乡委员会", center=True, size=36, red=True, font="方正小标宋简体")
    add_para(document, "景毛乡人民政府文件", center=True, size=36, red=True, font="方正小标宋简体")
    number_line = add_para(document, "景发【2025】3号")
    add_run(number_line, "\t\t签发人：张 三")
    add_title(document, "中共景毛乡委员会 景毛乡人民政府", "关于2024年度法治政府建设情况的报告")
    add_para(document, "中共××县委、××县人民政府：")
    add_para(document, INTRO)
    add_para(document, "主要举措和成效", font="黑体")
    add_para(document, "（一）深学笃行习近平法治思想。乡党委理论学习中心组专题学法4次。")
    add_para(document, "（二）健全依法行政制度体系。")
    add_para(document, "主要负责人履行第一责任人职责情况", font="黑体")
    add_para(document, "乡党委书记带头述法。")
    add_para(document, "存在的不足", font="黑体")
    add_para(document, "执法力量仍显薄弱。")
    add_para(document, "下一步工作安排", font="黑体")
    add_para(document, "持续深化综合行政执法改革。")
    add_tail(document, ["中共景毛乡委员会", "景毛乡人民政府"], "2025年3月5日")
    record = document.add_table(rows=2, cols=2)
    record.rows[0].cells[0].merge(record.rows[0].cells[1]).text = "抄送：县委依法治县办。"
    record.rows[1].cells[0].text = "景毛乡党政办公室"
    record.rows[1].cells[1].text = "2025年3月6日印发"
    document.save(path)
    return path


def themed_report(path: Path) -> Path:
    """Themed headings only (黑体, no numbers, no template wording): imports with chapters unmapped."""
    document = new_document()
    add_title(document, "青山镇2023年法治政府建设工作报告")
    add_para(document, "党建引领，法治护航", font="黑体")
    add_para(document, BODY)
    add_para(document, "服务群众，化解纠纷", font="黑体")
    add_para(document, "全年调处矛盾纠纷86件，调解成功率98%。")
    document.save(path)
    return path


def long_report(path: Path, pages: int = 60) -> Path:
    """About `pages` pages of 22 lines × 28 characters, auto-numbered, for the benchmark."""
    document = new_document()
    add_title(document, "景毛乡人民政府关于2024年度法治政府建设情况的报告")
    outline = add_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                                  ("decimal", "%3.")])
    sentence = "坚持依法行政，规范权力运行，推进严格规范公正文明执法，提升群众满意度。"
    runs = 5  # one run per sentence, as Word splits a paragraph that was edited: ≈ 6.5 lines
    characters, target = 0, pages * 22 * 28
    chapter = 0
    while characters < target:
        if characters >= chapter * target / 5:
            chapter += 1
            numbered(document, f"第{chapter}部分工作情况", outline, 0, font="黑体")
        numbered(document, "健全工作机制。", outline, 1)
        for _ in range(2):
            for paragraph in (numbered(document, "落实责任。", outline, 2), add_para(document)):
                for _ in range(runs):
                    add_run(paragraph, sentence)
            characters += 2 * runs * len(sentence)
    add_tail(document, ["景毛乡人民政府"], "2025年3月5日")
    document.save(path)
    return path
