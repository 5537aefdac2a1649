"""Term (five-year) figures from annual ones, with the computation spelled out.

The province's own term table follows these rules exactly (checked on its numbers, DOMAIN):
growth rates compound, per-year flows average, cumulative quantities add up, levels take the
last year. Each function returns the value and the Vietnamese account shown beside verdicts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from chitieu.extract.quantities import format_number

CAGR = "cagr"
MEAN = "mean"
SUM = "sum"
LAST = "last"
RULES = (CAGR, MEAN, SUM, LAST)

RULE_NAMES = {
    CAGR: "bình quân tăng trưởng kép",
    MEAN: "trung bình cộng các năm",
    SUM: "cộng dồn các năm",
    LAST: "giá trị năm cuối",
}


@dataclass(frozen=True)
class Aggregate:
    value: float | None
    rule: str  # one of RULES
    computation: str  # e.g. "((1+4,20%)×(1+8,24%)×…)^(1/5) − 1 = 5,39%"
    years: tuple[int, ...]


def aggregate(values: Mapping[int, float | None], rule: str, decimals: int = 2) -> Aggregate:
    """Aggregate annual ``values`` ({year: value}) by ``rule``; missing years are reported."""
    if rule not in RULES:
        raise ValueError(f"unknown aggregation rule {rule!r}")
    years = tuple(sorted(y for y, v in values.items() if v is not None))
    series = [float(values[y]) for y in years]  # type: ignore[arg-type]
    missing = sorted(y for y, v in values.items() if v is None)
    note = f" (thiếu năm {', '.join(map(str, missing))})" if missing else ""
    if not series:
        return Aggregate(None, rule, f"{RULE_NAMES[rule]}: chưa có số liệu năm nào", years)
    if rule == CAGR and any(r <= -100 for r in series):
        # a fall of the whole or more in one year cannot be compounded: a misread figure
        impossible = "; ".join(f"{y}: {format_number(v)}%" for y, v in zip(years, series, strict=True) if v <= -100)
        return Aggregate(None, rule, f"{RULE_NAMES[rule]}: không tính được, tốc độ giảm từ 100% trở lên ({impossible})", years)
    if rule == CAGR:
        value = compound_growth(series)
        terms = "×".join(f"(1{'+' if r >= 0 else '−'}{format_number(abs(r))}%)" for r in series)
        text = f"({terms})^(1/{len(series)}) − 1 = {format_number(round(value, decimals))}%"
    elif rule == MEAN:
        value = sum(series) / len(series)
        text = f"({' + '.join(format_number(v) for v in series)}) / {len(series)} = {format_number(round(value, decimals))}"
    elif rule == SUM:
        value = sum(series)
        text = f"{' + '.join(format_number(v) for v in series)} = {format_number(round(value, decimals))}"
    else:
        value = series[-1]
        text = f"giá trị năm {years[-1]} = {format_number(value)}"
    return Aggregate(round(value, decimals), rule, f"{RULE_NAMES[rule]}: {text}{note}", years)


def compound_growth(rates_percent: list[float]) -> float:
    """Compound average of annual growth rates in percent: (Π(1+rᵢ))^(1/n) − 1.

    4,20; 8,24; −3,42; 10,52; 8,00 → 5,39 (%/năm), as in the province's own table.
    """
    if not rates_percent:
        raise ValueError("no rates")
    product = math.prod(1 + r / 100 for r in rates_percent)
    if product <= 0:
        raise ValueError("growth product is not positive")
    return (product ** (1 / len(rates_percent)) - 1) * 100


def required_growth(current: float, target: float, years_left: int) -> float | None:
    """Annual compound growth (in %) still needed to move a level from ``current`` to ``target``."""
    if years_left <= 0 or current <= 0 or target <= 0:
        return None
    return ((target / current) ** (1 / years_left) - 1) * 100


def required_average_rate(achieved_rates: list[float], target_rate: float, total_years: int) -> float | None:
    """Growth rate needed in each remaining year so the term's compound average reaches ``target_rate``."""
    left = total_years - len(achieved_rates)
    if left <= 0:
        return None
    needed_product = (1 + target_rate / 100) ** total_years
    achieved = math.prod(1 + r / 100 for r in achieved_rates)
    if achieved <= 0:
        return None
    return ((needed_product / achieved) ** (1 / left) - 1) * 100
