"""Text lines of a PDF page by page (`pdftotext -bbox-layout`), normalised for comparing renders.

Qt's PDF ToUnicode map names some Noto CJK glyphs by a radical's code point (⽑ U+2F51 for 毛,
⺠ U+2EA0 for 民): NFKC folds the Kangxi radicals; the few supplement radicals are folded here."""
from __future__ import annotations

import subprocess
import unicodedata
import xml.etree.ElementTree as ET

RADICALS = str.maketrans({"⺠": "民", "⻓": "长", "⻔": "门", "⻛": "风", "⻜": "飞", "⻢": "马", "⻋": "车",
                          "⻅": "见", "⻉": "贝", "⻚": "页", "⻘": "青", "⻝": "食"})


def normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).translate(RADICALS).split())


def pdf_lines(path) -> list[list[str]]:
    """Each page's lines, top to bottom, whitespace removed."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ET.fromstring(xml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            words = [w.text or "" for w in line.iter("word")]
            top = float(line.get("yMin"))
            lines.append((round(top / 3), float(line.get("xMin")), normalise("".join(words))))
        lines.sort()
        pages.append(_merge_rows(lines))
    return pages


def _merge_rows(lines) -> list[str]:
    """pdftotext splits a printed line with a wide gap (文号 … 签发人) into two; join them by row."""
    rows: dict[int, list[str]] = {}
    for row, _x, text in lines:
        key = next((k for k in rows if abs(k - row) <= 1), row)
        rows.setdefault(key, []).append(text)
    return ["".join(parts) for _, parts in sorted(rows.items()) if "".join(parts)]
