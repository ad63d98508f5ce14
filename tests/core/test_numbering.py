"""The numbering module: every level's printed number reads back as that level, in every typed form."""
import pytest

from core.numbering import (BODY, CHAPTER, ITEM2, ITEM3, ITEM4, format_number, item_prefix,
                            starts_with_number, typed_number)


@pytest.mark.parametrize("level", [CHAPTER, ITEM2, ITEM3, ITEM4])
@pytest.mark.parametrize("n", [1, 9, 10, 12, 21])
def test_a_printed_number_reads_back_as_its_level(level, n):
    number = format_number(level, n)
    assert typed_number(number + "健全工作机制") == (level, len(number))


@pytest.mark.parametrize("text, level, length", [
    ("一、推进法治", CHAPTER, 2), ("三 . 推进", CHAPTER, 4), ("(一)健全", ITEM2, 3), ("一）健全", ITEM2, 2),
    ("（ 二 ） 健全", ITEM2, 6), ("1、夯实", ITEM3, 2), ("１．夯实", ITEM3, 2), ("(1) 落实", ITEM4, 4),
])
def test_typed_forms_of_real_reports(text, level, length):
    assert typed_number(text) == (level, length)


def test_what_is_not_a_number():
    assert typed_number("2024年，我乡…") is None  # a year, not 1./2.
    assert typed_number("1.5万元用于…") is None
    assert item_prefix("一、推进") is None  # chapters are not items
    assert not starts_with_number("（一）")  # a number alone has no content
    assert format_number(BODY, 3) == ""
