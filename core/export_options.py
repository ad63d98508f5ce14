"""What the clerk chooses when printing a report, in one place: the variant and the font set.

Light on purpose (no python-docx): the window's preferences read the defaults at start-up.
The export (core/docx_export) builds each variant; the font sets themselves are in core/fonts.py.
"""
from __future__ import annotations

# Variant → its name in the window, the CLI's help and the automatic snapshot's label.
VARIANT_LABELS = {"red": "红头文件", "plain": "无版头", "web": "网上公开版"}
VARIANTS = tuple(VARIANT_LABELS)
DEFAULT_VARIANT = "red"

DEFAULT_FONT_SET = "gb2312"  # a key of core.fonts.FONT_SETS


def variants_help() -> str:
    """「red：红头文件；plain：无版头；web：网上公开版」 for help texts and messages."""
    return "；".join(f"{name}：{label}" for name, label in VARIANT_LABELS.items())
