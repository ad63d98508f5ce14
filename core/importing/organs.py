"""Chinese organ names: their shapes, how names written side by side are told apart, how a bare place
name is completed, and where else a report names its issuing organ (file name, first paragraph).

A complete name is a place followed by an organ ending: 景毛乡人民政府, 中共景毛乡委员会,
长延堡街道办事处, 古丈县司法局, 某某街道党工委. 「X区人民政府Y街道办事处」 is one organ (the street
office of that district), not two.
"""
from __future__ import annotations

import re

# Organ endings, longest first where one ends another.
ENDINGS = ("街道办事处", "人民政府", "工作委员会", "管理委员会", "委员会", "党工委", "管委会", "办事处", "党委",
           "政府", "办公室", "局")
PARTY_PREFIXES = ("中共", "中国共产党")
PARTY_SHORT_ENDING = "委"  # 中共某某县委 is the short form of 中共某某县委员会
ATTACHED = ("办公室", "办事处")  # 县人民政府办公室: a department of the organ before it
MIN_PLACE = 2  # characters before the ending: 某县 + 司法局 … ; 人民政府 alone names nothing
# A bare place and the organ a report of that place is issued by.
PLACE_ORGANS = (("街道", "办事处"), ("乡", "人民政府"), ("镇", "人民政府"), ("县", "人民政府"),
                ("区", "人民政府"), ("市", "人民政府"), ("旗", "人民政府"))
# How the organs named in a 主送 line end: full names and the short forms in use (县委、县政府、依法治县办).
RECIPIENT_ENDINGS = ENDINGS + ("委", "办", "常委会", "部门", "单位", "组", "部", "处", "院", "厅", "中心",
                               "乡", "镇", "街道")
SEPARATORS = re.compile(r"[\s、，,；;]+")
HAN = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年度?")
# In running text: a name starting after a boundary (punctuation, a year, 现将) and ending in an
# organ ending or, failing that, a place ending. Bounded, so a search is linear in the text.
_BOUNDARY = r"(?:现将|由|^|[，,。；;：:、\s（(“]|年(?:度|以来)?|以来|一年来)"
# In running text only the formal endings: 「提高行政效率和政府公信力」 names no organ.
_ORGAN_IN_TEXT = re.compile(_BOUNDARY + r"([\u4e00-\u9fff]{2,14}?(?:"
                            + "|".join(e for e in ENDINGS if e not in ("政府", "办公室")) + r"))")
# A bare place only where it is the subject: at the start, after the opening year, or after 现将.
_SUBJECT = r"(?:现将|^|(?:\d{4}\s*年(?:度|以来)?|一年来|今年以来|过去一年)[，,]\s*)"
_PLACE_IN_TEXT = re.compile(_SUBJECT + r"([\u4e00-\u9fff]{2,8}?(?:街道|乡|镇|县|区))")
NOT_A_PLACE = "我本全各该在此其对乡镇县市区省"  # 我镇、全乡、各街道、乡党委、县政府 … name no particular place
NOT_AN_ORGAN = ("法治", "建设")  # 法治政府 is what the report is about, not who writes it
FUNCTION_CHARACTERS = re.compile("[的了和与及把被是有等得不着过]|.于")  # a phrase, not a place: 得益于县…
NO_COMPLETION = ("开发区", "开区", "园区", "新区", "试验区", "示范区")  # run by a 管委会, whose name varies


def _ending_at(text: str, i: int, party: bool) -> str:
    for ending in ENDINGS:
        if text.startswith(ending, i):
            return ending
    return PARTY_SHORT_ENDING if party and text.startswith(PARTY_SHORT_ENDING, i) else ""


def _pieces(chunk: str) -> list[str]:
    """A run without separators cut after each organ ending: 中共甲乡委员会甲乡人民政府 → two."""
    pieces, start, i = [], 0, 0
    while i < len(chunk):
        ending = _ending_at(chunk, i, chunk.startswith(PARTY_PREFIXES, start))
        if ending and i - start >= MIN_PLACE - (1 if ending == PARTY_SHORT_ENDING else 0):
            i += len(ending)
            pieces.append(chunk[start:i])
            start = i
        else:
            i += 1
    if start < len(chunk):
        pieces.append(chunk[start:])
    return _joined(pieces)


def _joined(pieces: list[str]) -> list[str]:
    """Rejoin what belongs together: 区人民政府 + 某街道办事处, 县人民政府 + 办公室."""
    names: list[str] = []
    for piece in pieces:
        if names and (piece in ATTACHED or (piece.endswith("街道办事处") and names[-1].endswith("人民政府"))):
            names[-1] += piece
        else:
            names.append(piece)
    return names


def split_organs(text: str) -> list[str]:
    """Organ names in a title's head, a 版头, a 署名 or a 主送 line, in order."""
    return [name for chunk in SEPARATORS.split(text.strip().rstrip("：:")) if chunk
            for name in _pieces(chunk)]


def is_organ(name: str) -> bool:
    """A complete organ name: a place of two characters or more, then an organ ending."""
    if name.startswith(PARTY_PREFIXES) and name.endswith(PARTY_SHORT_ENDING):
        return len(name) > 3
    ending = max((e for e in ENDINGS if name.endswith(e)), key=len, default="")
    return bool(ending) and len(name) - len(ending) >= MIN_PLACE


def completed(place: str) -> str | None:
    """The organ a bare place name stands for: 某镇 → 某镇人民政府, 某街道 → 某街道办事处; None if unsure."""
    if not HAN.search(place) or is_organ(place):
        return None
    if place.endswith(NO_COMPLETION):
        return None
    for ending, organ in PLACE_ORGANS:
        if place.endswith(ending) and len(place) > len(ending):
            return place + organ
    return None


def is_organ_line(text: str) -> bool:
    """A line of nothing but complete organ names (a 署名 without its date)."""
    names = split_organs(text)
    return bool(names) and all(is_organ(n) for n in names)


def is_recipients_line(text: str) -> bool:
    """A 主送 line: organ names (full or in their short forms) ending in a colon, nothing else."""
    text = text.strip()
    if not text.endswith(("：", ":")) or len(text) > 80 or re.search(r"[。！？；!?;]", text):
        return False
    names = [n for n in SEPARATORS.split(text[:-1]) if n]
    return bool(names) and all(n.endswith(RECIPIENT_ENDINGS) and len(n) >= 2 for n in names)


def title_head(title: str) -> str:
    """The part of a report title that names who reports: before 关于, before the year, before the
    subject (法治…), or — in 「2020年某区法治政府建设情况报告」 — between the year and the subject."""
    if "关于" in title:
        return title.split("关于")[0].strip()
    year = _YEAR.search(title)
    head = title[:year.start()] if year else title.split("法治")[0] if "法治" in title else ""
    if not head.strip() and year:
        rest = title[year.end():]
        head = rest.split("法治")[0] if "法治" in rest else ""
    return head.strip()


def file_name_head(stem: str) -> str:
    """title_head of a file name, after what people put around it (序号, “附件1：”, “（定稿）”)."""
    stem = re.sub(r"^\s*(?:附件\s*\d*|\d{1,3}(?!\d))\s*[-_.、：:\s]+", "", stem)
    stem = re.sub(r"^[^\w]+", "", stem)
    stem = re.sub(r"[（(【\[][^）)】\]]*[）)】\]]$", "", stem)
    return title_head(stem)


def organ_in_text(text: str) -> str | None:
    """The first organ a paragraph names in full, or the place that is its subject: 「2024年，某街道
    坚持……」 → 某街道. 我镇、全乡、县政府 name nobody in particular."""
    found = [match for pattern in (_ORGAN_IN_TEXT, _PLACE_IN_TEXT) for match in pattern.finditer(text)
             if _names_someone(match.group(1), pattern is _ORGAN_IN_TEXT)]
    if not found:
        return None
    first = min(found, key=lambda m: (m.start(1), -len(m.group(1))))
    return first.group(1)


def _names_someone(name: str, as_organ: bool) -> bool:
    if name[0] in NOT_A_PLACE or any(word in name for word in NOT_AN_ORGAN) or FUNCTION_CHARACTERS.search(name):
        return False
    return is_organ(name) if as_organ else True


def year_of(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None
