"""Vietnamese quantity grammar. (stub: being built)"""

from __future__ import annotations


def format_number(value: float, decimals: int | None = None) -> str:
    return str(value)
