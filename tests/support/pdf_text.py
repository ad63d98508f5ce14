"""Text lines of a PDF page by page (`pdftotext -bbox-layout`), normalised for comparing renders.

A PDF's ToUnicode map may name a CJK glyph by a radical's code point (⽑ U+2F51 for 毛, ⺠ U+2EA0
for 民; ours are fixed by gui.pdf_export.unify_radicals, LibreOffice's may not be): both are folded."""
from __future__ import annotations

import subprocess
import unicodedata
import xml.etree.ElementTree as ET

from gui.pdf_export import SUPPLEMENT_RADICALS

RADICALS = str.maketrans(SUPPLEMENT_RADICALS)


def normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).translate(RADICALS).split())


def pdf_lines(path) -> list[list[str]]:
    """Each page's lines, top to bottom, whitespace removed."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ET.fromstring(xml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    pages = []
    for page in root.iter("page"):
        boxes = [(float(line.get("yMin")), float(line.get("yMax")), float(line.get("xMin")),
                  normalise("".join(w.text or "" for w in line.iter("word")))) for line in page.iter("line")]
        pages.append(_rows(sorted(boxes)))
    return pages


def _rows(boxes) -> list[str]:
    """pdftotext splits a printed line with a wide gap (文号 … 签发人, 印发机关 … 印发日期) in two, at
    heights that differ by font: boxes overlapping by half their height are one printed line."""
    rows: list[list] = []  # [top, bottom, [(x, text)]]
    for top, bottom, x, text in boxes:
        row = rows[-1] if rows else None
        if row and min(bottom, row[1]) - max(top, row[0]) > (bottom - top) / 2:
            row[1] = max(row[1], bottom)
            row[2].append((x, text))
        else:
            rows.append([top, bottom, [(x, text)]])
    joined = ("".join(text for _, text in sorted(parts)) for _, _, parts in rows)
    return [text for text in joined if text]
