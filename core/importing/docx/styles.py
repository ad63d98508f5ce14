"""Word styles: run formatting (size, bold, red, East Asian font, hidden) with basedOn inheritance."""
from __future__ import annotations

from dataclasses import dataclass

from core.importing.docx.container import W

RED_MIN, OTHER_MAX = 0xB0, 0x60


@dataclass(frozen=True)
class RunFormat:
    size_pt: float | None = None
    bold: bool | None = None
    red: bool | None = None
    font: str | None = None
    hidden: bool | None = None

    def over(self, base: "RunFormat") -> "RunFormat":
        """This format with unset fields taken from `base`."""
        if self is UNSET or self == UNSET:  # most runs set nothing of their own: no new object per run
            return base
        if base is UNSET:
            return self
        return RunFormat(*(mine if mine is not None else theirs
                           for mine, theirs in zip(self.astuple(), base.astuple())))

    def astuple(self) -> tuple:
        return self.size_pt, self.bold, self.red, self.font, self.hidden


UNSET = RunFormat()


def is_on(element) -> bool | None:
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
        return UNSET
    size = rpr.find(W + "sz")
    fonts = rpr.find(W + "rFonts")
    color = rpr.find(W + "color")
    try:
        size_pt = int(size.get(W + "val")) / 2 if size is not None else None
    except (TypeError, ValueError):
        size_pt = None
    return RunFormat(size_pt=size_pt, bold=is_on(rpr.find(W + "b")),
                     red=_is_red(color.get(W + "val")) if color is not None else None,
                     font=fonts.get(W + "eastAsia") if fonts is not None else None,
                     hidden=is_on(rpr.find(W + "vanish")))


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
