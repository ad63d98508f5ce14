"""Key figures of a report (审查合同959份, 出庭应诉率100%): the standard indicators, values, changes.

The standard indicator list is data (resources/indicators.json); users add figures of their own with
custom keys. Values are Decimals, so 2.1 个百分点 stays 2.1. This module is the one place that reads
and writes a figure's number and the change against last year.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from core.errors import AppError
from core.paths import resource_path

RATE_UNIT = "%"
UNITS = ("件", "份", "次", "人", "元", RATE_UNIT)
MINUS = "−"  # U+2212, the minus sign of printed figures
_KEY = re.compile(r"^[A-Za-z0-9_\u4e00-\u9fff]{1,40}$")


@dataclass(frozen=True)
class Indicator:
    """A standard figure: its key, label and unit, and the phrases the text writes before its number."""
    key: str
    label: str
    unit: str
    phrases: tuple[str, ...] = ()
    text_units: tuple[tuple[str, int], ...] = ()  # (unit as written in the text, factor to `unit`)


@dataclass
class Figure:
    key: str
    label: str
    unit: str
    value: Decimal | None = None
    note: str = ""

    @property
    def is_rate(self) -> bool:
        return self.unit == RATE_UNIT


@dataclass(frozen=True)
class FigureComparison:
    """This year's figure beside last year's value and the change, as the table and the CLI show it."""
    figure: Figure
    previous: Decimal | None
    change: Decimal | None = field(init=False)
    change_text: str = field(init=False)

    def __post_init__(self):
        delta = difference(self.figure.value, self.previous)
        object.__setattr__(self, "change", delta)
        object.__setattr__(self, "change_text", change_text(delta, self.figure.unit))


# --- the standard list ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def standard_indicators() -> tuple[Indicator, ...]:
    with open(resource_path("indicators.json"), encoding="utf-8") as f:
        data = json.load(f)
    return tuple(Indicator(d["key"], d["label"], d["unit"], tuple(d.get("phrases", ())),
                           tuple((d.get("text_units") or {d["unit"]: 1}).items()))
                 for d in data["indicators"])


def indicator(key: str) -> Indicator | None:
    return next((i for i in standard_indicators() if i.key == key), None)


def figure_from_row(row) -> Figure:
    """A stored figure row (the ORM's or a plain one with the same names): the value is exact decimal
    text, or NULL when it was never entered."""
    return Figure(row.key, row.label, row.unit, Decimal(row.value) if row.value is not None else None, row.note)


def figure_set(stored: list[Figure]) -> list[Figure]:
    """A report's figures: every standard indicator (its stored value, or an empty slot) in the list's
    order, then the user's own figures in the order they were added."""
    by_key = {f.key: f for f in stored}
    standard = [by_key.pop(i.key) if i.key in by_key else Figure(i.key, i.label, i.unit)
                for i in standard_indicators()]
    return standard + list(by_key.values())


def custom_key(taken) -> str:
    """A key for a user's own figure: custom_1, custom_2, … (kept when the figure moves to next year)."""
    number = 1
    while f"custom_{number}" in taken:
        number += 1
    return f"custom_{number}"


def check_custom(key: str, label: str, unit: str) -> None:
    """A user's own figure: a short key (letters, digits, 汉字, _), a label and one of the units."""
    if not _KEY.match(key or ""):
        raise AppError(f"指标代码“{key}”不可用：请用不超过40个字的汉字、字母、数字或下划线。")
    if not label.strip():
        raise AppError(f"指标“{key}”没有名称，请写上名称（如“网格员人数”）。")
    if unit not in UNITS:
        raise AppError(f"单位“{unit}”不可用，请从{'、'.join(UNITS)}中选择。")


# --- numbers ---------------------------------------------------------------------------------------

def parse_value(text: str, figure: Figure) -> Decimal | None:
    """A value as typed ("959", "1,234", "95.5%", full-width digits); empty clears it. Refuses with a
    Chinese message what is not a number, a negative number or a rate above 100 %."""
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().replace(",", "").replace(" ", "")
    if cleaned.endswith(figure.unit) and figure.unit:
        cleaned = cleaned[:-len(figure.unit)]
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AppError(f"“{text}”不是数字。请为“{figure.label}”填写数字，如 12 或 95.5；"
                       "留空表示没有这项数据。") from None
    if not value.is_finite() or value < 0:
        raise AppError(f"“{figure.label}”不能是“{text}”：请填写不小于 0 的数字。")
    if figure.is_rate and value > 100:
        raise AppError(f"“{figure.label}”是比率，不能超过 100%（填写的是 {text}）。")
    return value


def format_number(value: Decimal | None) -> str:
    """959, 12.5, 35000 — no exponent, no trailing zeros; "" for no value."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: Decimal | None, unit: str) -> str:
    """With its unit: "959 份", "100%"."""
    if value is None:
        return ""
    return f"{format_number(value)}{unit}" if unit == RATE_UNIT else f"{format_number(value)} {unit}"


def difference(value: Decimal | None, previous: Decimal | None) -> Decimal | None:
    return None if value is None or previous is None else value - previous


def change_text(delta: Decimal | None, unit: str) -> str:
    """「+3 件」, 「−2.1 个百分点」 for rates, 「持平」; "" when a year has no value."""
    if delta is None:
        return ""
    if delta == 0:
        return "持平"
    sign = "+" if delta > 0 else MINUS
    return f"{sign}{format_number(abs(delta))} {'个百分点' if unit == RATE_UNIT else unit}"


def fragment(figure: Figure) -> str:
    """The figure as a sentence fragment for the text: 「审查合同959份」, 「负责人出庭应诉率100%」."""
    standard = indicator(figure.key)
    phrase = standard.phrases[0] if standard and standard.phrases and not figure.is_rate else figure.label
    return f"{phrase}{format_number(figure.value)}{figure.unit}"


def figure_to_dict(comparison: FigureComparison) -> dict:
    f = comparison.figure
    return {"key": f.key, "label": f.label, "unit": f.unit, "value": _json_number(f.value),
            "previous": _json_number(comparison.previous), "change": _json_number(comparison.change),
            "change_text": comparison.change_text, "note": f.note}


def _json_number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
