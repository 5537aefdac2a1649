"""Term aggregates of annual values, as numbers and as spreadsheet formulas.

The province's own term tables follow these rules exactly (see DOMAIN): compound average for
growth rates, arithmetic mean for yearly flows, sum for cumulative quantities, last year for
levels. The evaluation engine decides which rule a row follows; the XLSX writer turns that rule
into a live formula so a planner who corrects one year sees the aggregate move, and this module
computes the same number so a reader without recalculation still sees it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from chitieu.report.model import AggregateFormula

FORMULA_NAMES: dict[str, str] = {
    "cagr": "bình quân tăng trưởng kép",
    "mean": "bình quân các năm",
    "sum": "tổng các năm",
    "last": "giá trị năm cuối",
}


def compute_aggregate(formula: AggregateFormula, values: Sequence[float | None]) -> float | None:
    """The aggregate of the present values (None where there is none).

    CAGR of annual growth rates in percent: ((Π(1 + rᵢ/100))^(1/n) − 1) × 100, e.g.
    4,20; 8,24; −3,42; 10,52; 8,00 → 5,39.
    """
    present = [v for v in values if v is not None]
    if not present:
        return None
    if formula == "cagr":
        product = math.prod(1 + v / 100 for v in present)
        if product <= 0:
            return None
        return (product ** (1 / len(present)) - 1) * 100
    if formula == "mean":
        return sum(present) / len(present)
    if formula == "sum":
        return sum(present)
    if formula == "last":
        return present[-1]
    raise ValueError(f"unknown aggregate formula {formula!r}")


def excel_formula(formula: AggregateFormula, cells: Sequence[str], contiguous_range: str | None = None) -> str:
    """A spreadsheet formula over `cells` (A1 references of the present values).

    `contiguous_range` (e.g. "E5:I5") is used for AVERAGE/SUM when the cells form one range,
    which is what a person would type.
    """
    if not cells:
        raise ValueError("a formula needs at least one cell")
    if formula == "cagr":
        product = "*".join(f"(1+{cell}/100)" for cell in cells)
        return f"=(({product})^(1/{len(cells)})-1)*100"
    if formula in ("mean", "sum"):
        function = "AVERAGE" if formula == "mean" else "SUM"
        return f"={function}({contiguous_range or ','.join(cells)})"
    if formula == "last":
        return f"={cells[-1]}"
    raise ValueError(f"unknown aggregate formula {formula!r}")
