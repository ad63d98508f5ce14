"""Draw the pages of a core.pages PageLayout with QPainter: one painter for the 版面预览 view, the
printout and the PDF, so all three show the same lines at the same places.

The painter works in twips (1/20 pt) from the paper's top-left corner, the page model's unit: the
caller's painter is scaled by `device units per twip` and fonts get a pixel size of size_pt × 20, so
text keeps its true size on any device (screen, printer, PDF). Each span is drawn at its own x and
stretched (character by character) to the width the model gave it (the .docx condenses body characters to
15.75 pt in the same way); a justified line spreads its remaining space over its characters.
"""
from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen

from core import fonts as font_sets
from core.pages import Line, Page
from core.pages.geometry import PAGE_H, PAGE_W, TWIPS_PER_PT

PAGE_RECT = QRectF(0, 0, PAGE_W, PAGE_H)
# Installed look-alikes for a family this PC lacks: serif faces for 仿宋/楷体/宋体/小标宋, sans for 黑体.
SERIF_SUBSTITUTES = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "AR PL UMing CN")
SANS_SUBSTITUTES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei")
LATIN_SUBSTITUTES = (font_sets.LATIN_FONT, "Liberation Serif", "Tinos", "DejaVu Serif")


@functools.lru_cache(maxsize=None)
def _installed() -> frozenset[str]:
    return frozenset(QFontDatabase.families())


def _first_installed(candidates) -> str | None:
    installed = _installed()
    return next((name for name in candidates if font_sets.is_installed(name, installed)), None)


@functools.lru_cache(maxsize=None)
def resolve_family(font_set_name: str, role: str) -> tuple[str, str | None]:
    """(family to draw with, the missing family it stands in for or None) for a role of a font set."""
    role_font = font_sets.font_set(font_set_name).role(role)
    chosen = _first_installed((role_font.family, *role_font.fallbacks))
    if chosen == role_font.family:
        return chosen, None
    if chosen is None:
        chosen = _first_installed(SANS_SUBSTITUTES if role == "hei" else SERIF_SUBSTITUTES) or ""
    return chosen, role_font.family


def font_warnings(font_set_name: str) -> list[str]:
    """One line naming the set's families this PC lacks and what is drawn instead."""
    pairs = dict(reversed(resolve_family(font_set_name, role)) for role in font_sets.ROLES)
    pairs.pop(None, None)
    if not pairs:
        return []
    missing = "、".join(pairs)
    instead = "、".join(dict.fromkeys(name or "系统默认字体" for name in pairs.values()))
    return [f"本机缺少公文字体 {missing}，页面改用 {instead} 显示；行和页的位置不变，"
            "字形以装有这些字体的电脑为准。"]


@functools.lru_cache(maxsize=None)
def qfont(font_set_name: str, role: str, size_pt: float) -> QFont:
    """A font sized in twips: digits and Latin letters in the Latin face, as the .docx asks."""
    family = resolve_family(font_set_name, role)[0]
    latin = _first_installed(LATIN_SUBSTITUTES)
    font = QFont()
    font.setFamilies([name for name in (latin, family) if name] if role != "hei" else [family])
    font.setPixelSize(max(1, round(size_pt * TWIPS_PER_PT)))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(False)
    return font


@functools.lru_cache(maxsize=8192)
def _advance(font_set_name: str, role: str, size_pt: float, char: str) -> float:
    return QFontMetricsF(qfont(font_set_name, role, size_pt)).horizontalAdvance(char)


class PagePainter:
    """Paints pages of one layout with one font set. `paint(painter, page)` expects the painter's
    origin at the paper's top-left corner and its scale set by `scale_to(painter, device_dpi)`."""

    def __init__(self, font_set_name: str = font_sets.DEFAULT_FONT_SET):
        self.font_set_name = font_set_name if font_set_name in font_sets.FONT_SETS \
            else font_sets.DEFAULT_FONT_SET

    @staticmethod
    def scale_to(painter: QPainter, device_dpi: float) -> None:
        scale = device_dpi / (72 * TWIPS_PER_PT)
        painter.scale(scale, scale)

    def warnings(self) -> list[str]:
        return font_warnings(self.font_set_name)

    def paint(self, painter: QPainter, page: Page, *, paper: bool = True) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if paper:
            painter.fillRect(PAGE_RECT, Qt.GlobalColor.white)
        for shape in page.shapes:
            pen = QPen(QColor("#" + shape.color), shape.thickness)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(shape.x0, shape.y), QPointF(shape.x1, shape.y))
        for line in page.lines:
            self._paint_line(painter, line)
        if page.footer is not None and page.numbered:
            self._paint_line(painter, page.footer)
        painter.restore()

    def _paint_line(self, painter: QPainter, line: Line) -> None:
        spans = [span for span in line.spans if span.text]
        if not spans:
            return
        gap = 0.0  # extra space after each character of a justified line
        if line.justify:
            chars = sum(len(span.text) for span in spans)
            room = line.x + line.width - (spans[-1].x + spans[-1].width)
            gap = max(0.0, room / max(1, chars - 1))
        shift = 0.0
        for span in spans:
            shift = self._paint_span(painter, span, line.baseline, shift, gap)

    def _paint_span(self, painter: QPainter, span, baseline: int, shift: float, gap: float) -> float:
        """Character by character: a letter-spacing on the font would be scaled differently by each
        device (PDF, printer, screen), explicit positions are not."""
        painter.setFont(qfont(self.font_set_name, span.font, span.size_pt))
        painter.setPen(QColor("#" + span.color) if span.color else Qt.GlobalColor.black)
        advances = [_advance(self.font_set_name, span.font, span.size_pt, char) for char in span.text]
        spacing = (span.width - sum(advances)) / len(advances) + gap
        x = span.x + shift
        for char, advance in zip(span.text, advances):
            painter.drawText(QPointF(x, baseline), char)
            x += advance + spacing
        return shift + gap * len(advances)
