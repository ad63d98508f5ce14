"""Qt's own texts that qtbase_zh_CN.qm does not translate.

The non-native QFileDialog (Kylin/UOS without a portal, tests) labels two fields with strings that
gained an accelerator in Qt 6 (「&Look in:」, 「Files of &type:」); the shipped Chinese catalog still has
them without it, so the clerk saw English there (issue 12.6). This translator supplies those few.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class MissingQtTexts(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D102 — Qt's signature
        return MISSING.get((context, source_text))  # None: not ours, Qt asks the next catalog

    def isEmpty(self) -> bool:
        return False
