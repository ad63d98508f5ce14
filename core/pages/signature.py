"""The 落款: 署名 and 成文日期 as GB/T 9704-2012 7.3.5 places them.

Sealed (7.3.5.1, the printed variants): the date 4 字 from the right; a single 署名 centred over it;
joint organs side by side on one line (as the standard's figure for 联合行文 with seals), the last one
centred over the date and each seal over its own name, seals not touching. Unsealed (7.3.5.2, the web
version): the 署名 2 字 from the right and the date's first character 2 字 right of the 署名's; joint
organs stacked, the lead organ first.

Every line of the block keeps with the next, so the block never splits; which body lines travel with
it to a new page is decided on the laid-out pages (core.pages.layout).
"""
from __future__ import annotations

from core.outline import Report, format_date
from core.pages.flow import BODY_STYLE, DATE, SIGNATURE, Para, Run, Source, blank
from core.pages.geometry import CHAR_W, TEXT_W
from core.pages.metrics import text_width

SEALED_GAP, UNSEALED_GAP = 2, 1  # blank lines between the body and the 署名
SEAL_PITCH_CHARS = 8  # a 42 mm seal is 7.6 字 across: centres 8 字 apart never touch
NAME_GAP_CHARS = 2
ROW_GAP = 3  # blank lines between rows of seals (a seal is about four lines high)


def width(text: str) -> int:
    return text_width(text, BODY_STYLE.size_tw, BODY_STYLE.condense_tw)


def paragraphs(report: Report, sealed: bool, gap: int | None = None) -> list[Para]:
    names, date_text = [n for n in report.signature_lines if n.strip()], format_date(report.written_date)
    if not names and not date_text:
        return []
    gap = (SEALED_GAP if sealed else UNSEALED_GAP) if gap is None else gap
    if sealed:
        rows, date = sealed_layout(names, date_text)
    else:
        rows, date = unsealed_layout(names, date_text)
    items = [blank(keep_next=True) for _ in range(gap)] + rows
    if date:
        items.append(date)
    items[-1].keep_next = False
    return items


def _name_para(runs_text: str, **props) -> Para:
    return Para(SIGNATURE, [Run(runs_text, role=SIGNATURE)], keep_next=True, source=Source("organs"),
                **props)


def _date_para(date_text: str, right: int) -> Para | None:
    if not date_text:
        return None
    return Para(DATE, [Run(date_text, role=DATE)], jc="right", right=right, keep_next=True,
                source=Source("written_date"))


def sealed_layout(names: list[str], date_text: str) -> tuple[list[Para], Para | None]:
    date_right = 4 * CHAR_W
    if not names:
        return [], _date_para(date_text, date_right)
    date_w = width(date_text) if date_text else width(names[-1])
    last_centre = TEXT_W - date_right - date_w // 2
    if len(names) == 1:
        right = max(0, date_right + (date_w - width(names[0])) // 2)
        return [_name_para(names[0], jc="right", right=right)], _date_para(date_text, date_right)
    widest = max(width(n) for n in names)
    pitch = max(widest + NAME_GAP_CHARS * CHAR_W, SEAL_PITCH_CHARS * CHAR_W)
    per_row = max(1, min(len(names), (last_centre - widest // 2) // pitch + 1))
    rows: list[Para] = []
    for start in range(0, len(names), per_row):
        if rows:
            rows += [blank(keep_next=True) for _ in range(ROW_GAP)]
        row = names[start:start + per_row]
        centres = [last_centre - (len(row) - 1 - i) * pitch for i in range(len(row))]
        rows.append(_name_para("\t" + "\t".join(row), jc="left",
                               tabs=tuple(("center", c) for c in centres)))
    return rows, _date_para(date_text, date_right)


def unsealed_layout(names: list[str], date_text: str) -> tuple[list[Para], Para | None]:
    """With Ws, Wd the widths of the widest 署名 and of the date: Wd ≤ Ws → 署名 2 字 from the right,
    the date (Ws − Wd) from it; Wd > Ws → the date 2 字 from the right, the 署名 (4 字 + Wd − Ws)."""
    name_w = max((width(n) for n in names), default=0)
    date_w = width(date_text)
    if date_w <= name_w:
        date_right, name_right = name_w - date_w, 2 * CHAR_W
    else:
        date_right, name_right = 2 * CHAR_W, 4 * CHAR_W + date_w - name_w
    rows = [_name_para(n, jc="right", right=name_right + name_w - width(n)) for n in names]
    return rows, _date_para(date_text, date_right)
