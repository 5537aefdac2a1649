"""Jinja2 filters: Vietnamese number and date formats (decimal comma, thousands dot, dd/mm/yyyy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from babel.numbers import format_decimal

from chitieu.users import ROLE_LABELS

KIND_LABELS = {"target": "Chỉ tiêu", "actual": "Kết quả", "task": "Nhiệm vụ", "table_row": "Dòng bảng đánh giá"}
COMPARATOR_SIGNS = {"=": "", "~": "khoảng ", ">": "trên ", ">=": "từ ", "<": "dưới ", "<=": "không quá ", "range": ""}


def number(value: Any) -> str:
    if value is None or value == "":
        return ""
    try:
        return str(format_decimal(float(value), locale="vi", format="#,##0.###"))
    except (TypeError, ValueError):
        return str(value)


def date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def fact_value(fact: Any) -> str:
    """``trên 5%``, ``9–10 %``, ``khoảng 2.600 tỷ đồng`` from a stored fact."""
    if fact.value is None:
        return ""
    text = number(fact.value)
    if fact.value_high is not None:
        text += "–" + number(fact.value_high)
    prefix = COMPARATOR_SIGNS.get(fact.comparator or "=", "")
    unit = f" {fact.unit}" if fact.unit else ""
    return f"{prefix}{text}{unit}"


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def percent(value: Any) -> str:
    return "" if value is None else f"{number(float(value) * 100)}%"


FILTERS: dict[str, Callable[..., Any]] = {
    "number": number,
    "vndate": date,
    "fact_value": fact_value,
    "role_label": role_label,
    "kind_label": kind_label,
    "percent": percent,
}
