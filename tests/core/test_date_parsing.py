"""Dates as clerks type them and as reports print them, through the one parser core has."""
from datetime import date

import pytest

from core.importing.recognize import parse_date


@pytest.mark.parametrize("text", ["2026年1月22日", "2026年01月22日", " 2026 年 1 月 22 日", "二〇二六年一月二十二日",
                                  "2026-1-22", "2026.1.22", "2026/01/22", "２０２６．１．２２"])
def test_the_ways_a_date_is_written(text):
    assert parse_date(text) == date(2026, 1, 22)


@pytest.mark.parametrize("text", ["", "明年春天", "2026年1月", "2026-2-30", "2026-13-1", "26-1-22", "2026-1-22-3"])
def test_what_is_not_a_date(text):
    assert parse_date(text) is None
