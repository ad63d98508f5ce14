"""Pasting from Word/WPS: pictures leave nothing behind, a table arrives one paragraph per row."""
from __future__ import annotations

from PySide6.QtCore import QMimeData

from core.outline import BODY, ITEM2, Block
from tests.support.gui import chapter_tab, seed_report

WORD_TABLE = """<html><body><p>2025年普法情况如下：</p>
<table border=1><tr><td><p>项目</p></td><td><p>场次</p></td><td><p>人次</p></td></tr>
<tr><td><p>普法宣传</p></td><td><p>12场</p></td><td><p>3000人次</p></td></tr>
<tr><td><p>法律<b>进村</b></p><p>（含社区）</p></td><td></td><td><p>800人次</p></td></tr></table>
<p>（一）下一步打算。继续开展。</p></body></html>"""


def paste(window, mime: QMimeData) -> list[Block]:
    editor = chapter_tab(window, "measures").editor
    editor.insertFromMimeData(mime)
    return editor.blocks()


def test_a_picture_in_the_paste_leaves_no_object_character(open_window, db_path):
    seed_report(db_path, blocks=[])
    mime = QMimeData()
    mime.setHtml('<p>活动现场如下图：<img src="data:image/png;base64,iVBORw0KGgo=">照片由司法所提供。</p>')
    blocks = paste(open_window(), mime)
    assert blocks == [Block(BODY, "", "活动现场如下图：照片由司法所提供。")]


def test_a_word_table_becomes_one_paragraph_per_row(open_window, db_path):
    seed_report(db_path, blocks=[])
    mime = QMimeData()
    mime.setHtml(WORD_TABLE)
    mime.setText("2025年普法情况如下：\r\n项目\t场次\t人次\r\n普法宣传\t12场\t3000人次\r\n法律进村\r（含社区）\t\t800人次\r\n"
                 "（一）下一步打算。继续开展。")
    blocks = paste(open_window(), mime)
    assert blocks == [Block(BODY, "", "2025年普法情况如下："), Block(BODY, "", "项目，场次，人次"),
                      Block(BODY, "", "普法宣传，12场，3000人次"), Block(BODY, "", "法律进村（含社区），800人次"),
                      Block(ITEM2, "下一步打算。", "继续开展。")]


def test_tab_separated_plain_text_is_read_as_table_rows(open_window, db_path):
    seed_report(db_path, blocks=[])
    mime = QMimeData()
    mime.setText("\t首行缩进的段落。\n普法宣传\t12场\t\u3000\n")
    blocks = paste(open_window(), mime)
    assert blocks == [Block(BODY, "", "首行缩进的段落。"), Block(BODY, "", "普法宣传，12场")]
    assert all("\t" not in b.plain for b in blocks)
