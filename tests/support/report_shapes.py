"""Reports in the shapes real township, street and county-bureau reports come in (our own wording),
written as .txt (UTF-8 or GBK, as Notepad saves) or typed into Word the way offices type them.

Each shape is a list of (kind, text): "title" (方正小标宋 二号, centred), "chapter" (黑体), "item"
(楷体 for （一）, 仿宋 otherwise), "body" (仿宋, indented) and "right" (署名/日期, flush right).
"""
from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tests.support import docx_fixtures as F

Shape = list[tuple[str, str]]

MEASURES_2024 = "一、2024年度推进法治政府建设的主要举措和成效"
OPENING = ("2024年，青河区人民政府柳荫街道办事处坚持以习近平法治思想为指导，扎实推进依法行政。"
           "现将有关情况报告如下：")
WORK = "全年召开专题会议4次，研究解决执法协作、合同审查等问题12项。"

DISTRICT_STREET_OFFICE: Shape = [
    ("title", "青河区人民政府柳荫街道办事处关于2024年度法治政府建设情况的报告"),
    ("body", "青河区人民政府："),
    ("body", OPENING),
    ("chapter", MEASURES_2024),
    ("item", "（一）健全工作机制。成立街道法治建设领导小组，书记任组长。"),
    ("body", WORK),
    ("chapter", "二、2024年度推进法治政府建设存在的不足和原因"),
    ("body", "执法人员偏少，主要原因是编制不足。"),
    ("right", "青河区人民政府柳荫街道办事处"),
]

BARE_PLACE_TITLE: Shape = [
    ("title", "石桥镇2023年法治政府建设年度报告"),
    ("body", "2023年，石桥镇围绕县委、县政府中心工作，持续推进法治政府建设。现将有关情况报告如下："),
    ("chapter", "一、2023年度推进法治政府建设的主要举措和成效"),
    ("body", WORK),
]

NO_YEAR_TITLE: Shape = [
    ("title", "云岭乡人民政府"),
    ("title", "关于法治政府建设工作情况的报告"),
    ("body", "2025年，云岭乡认真落实上级部署，推进法治政府建设。现将有关情况报告如下："),
    ("chapter", "一、主要举措和成效"),
    ("body", WORK),
]

NO_YEAR_ANYWHERE: Shape = [
    ("title", "云岭乡人民政府关于法治政府建设工作情况的报告"),
    ("body", "一年来，全乡认真落实上级部署，推进法治政府建设。现将有关情况报告如下："),
    ("chapter", "一、主要举措和成效"),
    ("body", WORK),
]


def standalone_items(number_forms: tuple[str, str]) -> Shape:
    """Item headings on lines of their own, no end punctuation, each followed by its body text."""
    first, second = number_forms
    return [
        ("title", "石桥镇人民政府关于2024年度法治政府建设情况的报告"),
        ("body", "2024年，石桥镇坚持依法行政。现将有关情况报告如下："),
        ("chapter", MEASURES_2024),
        ("item", f"{first}夯实工作基础"),
        ("body", "成立法治建设工作专班，明确分管领导和联络员，每季度调度一次工作进展。"),
        ("item", f"{second}规范执法行为"),
        ("body", "推行执法全过程记录，全年评查案卷20卷，整改问题5个。"),
    ]


PREAMBLE_ENDS_WITH_COLON: Shape = [
    ("title", "石桥镇人民政府关于2025年度法治政府建设情况的报告"),
    ("body", "现将本镇2025年度法治政府建设情况报告如下："),
    ("chapter", "一、2025年度推进法治政府建设的主要举措和成效"),
    ("body", WORK),
]

UNNUMBERED_CHAPTERS: Shape = [
    ("title", "石桥镇人民政府关于2025年度法治政府建设情况的报告"),
    ("body", "县委、县人民政府："),
    ("body", "2025年，石桥镇坚持以习近平法治思想为指导，扎实推进法治政府建设，取得了新的进展"),
    ("chapter", "2025年推进法治政府建设的主要举措和成效"),
    ("body", WORK),
    ("chapter", "存在的不足和原因"),
    ("body", "普法形式较为单一，原因是新媒体运用不够。"),
    ("chapter", "2026年工作安排"),
    ("body", "持续开展法治宣传进村入户活动。"),
]

REPEATED_CHAPTER_NUMBER: Shape = [
    ("title", "石桥镇人民政府关于2025年度法治政府建设情况的报告"),
    ("body", "2025年，石桥镇扎实推进法治政府建设。现将有关情况报告如下："),
    ("chapter", "一、2025年度推进法治政府建设的主要举措和成效"),
    ("body", WORK),
    ("chapter", "一、2025年度推进法治政府建设存在的不足和原因"),
    ("body", "执法人员偏少，原因是编制不足。"),
    ("chapter", "三、2026年度推进法治政府建设的主要安排"),
    ("item", "（一）加强执法队伍建设。"),
    ("item", "（三）创新普法宣传方式。"),
]

ITEMS_NUMBERED_LIKE_CHAPTERS: Shape = [
    ("title", "石桥镇人民政府关于2025年度法治政府建设情况的报告"),
    ("body", "2025年，石桥镇扎实推进法治政府建设。现将有关情况报告如下："),
    ("chapter", "一、2025年度推进法治政府建设的主要举措和成效"),
    ("chapter", "一、强化组织领导"),
    ("body", WORK),
    ("chapter", "二、规范执法行为"),
    ("body", "推行执法全过程记录，全年评查案卷20卷。"),
    ("chapter", "二、2025年度推进法治政府建设存在的不足和原因"),
    ("body", "执法人员偏少，原因是编制不足。"),
]

THEMATIC_CHAPTERS: Shape = [
    ("title", "石桥镇人民政府关于2025年度法治政府建设情况的报告"),
    ("body", "2025年，石桥镇扎实推进法治政府建设。现将有关情况报告如下："),
    ("chapter", "一、加强组织领导，构建依法治镇工作新格局"),
    ("item", "（一）健全领导体制。调整法治建设领导小组，镇长任组长。"),
    ("item", "（二）落实学法制度。班子会前学法10次，组织执法人员培训2期。"),
    ("item", "（三）严格合法性审查。重大决策和合同全部经法律顾问审查。"),
    ("chapter", "二、正视短板弱项，找准努力方向"),
    ("body", "一是普法方式有待创新；二是执法力量薄弱，原因是人员不足。"),
]


def with_signature(lines: list[str], dated: bool) -> Shape:
    """A short report ending with a 落款 (one or two organ names), a date or not, then 附注."""
    shape: Shape = [
        ("title", f"{' '.join(lines)}关于2024年度法治政府建设情况的报告"),
        ("body", "2024年，石桥镇扎实推进法治政府建设。现将有关情况报告如下："),
        ("chapter", MEASURES_2024),
        ("body", WORK),
        ("chapter", "二、其他需要报告的情况"),
        ("body", "无"),
    ]
    shape += [("right", name) for name in lines]
    if dated:
        shape.append(("right", "2025年1月20日"))
    shape.append(("body", "（此件公开发布）"))
    return shape


def write_text(shape: Shape, path: Path, encoding: str = "utf-8") -> Path:
    newline = "\r\n" if encoding == "gbk" else "\n"
    path.write_bytes(newline.join(text for _, text in shape).encode(encoding))
    return path


def write_docx(shape: Shape, path: Path) -> Path:
    document = F.new_document()
    for kind, text in shape:
        if kind == "title":
            F.add_title(document, text)
        elif kind == "chapter":
            F.add_para(document, text, font="黑体")
        elif kind == "item" and text.startswith("（"):
            head, dot, rest = text.partition("。")
            paragraph = F.add_para(document, head + dot, font="楷体_GB2312")
            if rest:
                F.add_run(paragraph, rest)
        elif kind == "right":
            F.add_para(document, text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            F.add_para(document, text).paragraph_format.first_line_indent = Pt(32)
    document.save(path)
    return path


def write(shape: Shape, path_without_suffix: Path, form: str) -> Path:
    """form: "utf-8", "gbk" (.txt) or "docx"."""
    if form == "docx":
        return write_docx(shape, path_without_suffix.with_suffix(".docx"))
    return write_text(shape, path_without_suffix.with_suffix(".txt"), form)
