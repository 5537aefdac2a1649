"""Decimal commas a scan lost in a table row, put back only where the row itself proves them.

A scanned term table loses commas cell by cell: "83,33" comes out "8333", "103,2" comes out
"1032", "−10,6" comes out "−106". A row gives three proofs no sentence has:

* the unit and the words: a share cannot pass the whole (8333 among shares of 80 is 83,33);
* the kind of figure: a yearly growth rate cannot fall by 100% or more (−106 is −10,6);
* its own term figure: the years must compound (or add up, or average) to the figure the row
  states for the whole term. Of the readings a comma allows, the one that brings the years back
  to that figure is the one the page printed: with 1032 read 103,2 the five rates of tourist
  arrivals compound to the stated 33,4; read 10,32 they give 18,7.

A figure is doubted as :func:`chitieu.extract.plausibility.lost_decimal_comma` doubts any figure
(out of its unit's range, or ten times its row); the readings of every doubted cell are tried
together against the term figure. Where the term figure settles them, or only one reading is
left, the cell is put back and says so (``"1032 → 103,2 …"``); where neither does, the likeliest
reading is taken and the row says it needs the page checked, and no verdict is drawn from it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chitieu.evaluate.aggregate import aggregate
from chitieu.extract.plausibility import comma_readings, lost_decimal_comma
from chitieu.extract.quantities import format_number

if TYPE_CHECKING:
    from chitieu.extract.tables import CellValue

__all__ = ["CommaRepair", "put_back_commas"]

TERM_TOLERANCE = 0.02  # relative agreement of the years' aggregate with the stated term figure
_MAX_DOUBTED = 4  # more doubted cells than this in one row: the row is not a row of figures
_GROWTH = "cagr"


@dataclass(frozen=True)
class CommaRepair:
    key: str  # "target", "term" or the year
    written: str
    value: float
    proven: bool  # by the term figure, or the only reading left

    def note(self) -> str:
        how = "khớp số cả giai đoạn" if self.proven else "theo các số cùng dòng, cần đối chiếu bản gốc"
        return f"{self.written} → {format_number(self.value)} ({how})"


def _bare(cell: CellValue) -> bool:
    """Written with digits alone (no comma, no dot, no bound): the only way a comma is lost."""
    return cell.value is not None and cell.comparator == "=" and bool(re.fullmatch(r"[-−–]?\d{2,}", cell.text.strip()))


def _readings(cell: CellValue, others: list[float], unit: str | None, share: bool, aggregation: str) -> list[float]:
    assert cell.value is not None
    sign = -1.0 if cell.value < 0 else 1.0
    if sign < 0 and aggregation == _GROWTH and cell.value <= -100:
        return [sign * r for r in comma_readings(abs(cell.value))]
    doubt = lost_decimal_comma(abs(cell.value), unit, share=share, neighbours=others)
    return [sign * r for r in doubt.readings] if doubt is not None else []


def put_back_commas(
    cells: dict[str, CellValue], aggregation: str, unit: str | None, share: bool
) -> tuple[dict[str, CellValue], list[CommaRepair]]:
    """``cells`` with the lost commas the row proves put back, and what was put back."""
    from chitieu.extract.tables import CellValue

    doubted: dict[str, list[float]] = {}
    for key, cell in cells.items():
        if not _bare(cell):
            continue
        others = [c.value for k, c in cells.items() if k != key and c.value is not None and not _bare(c)]
        if len(others) < 2:
            others = [c.value for k, c in cells.items() if k != key and c.value is not None]
        readings = _readings(cell, others, unit, share, aggregation)
        if readings:
            doubted[key] = readings
    if not doubted or len(doubted) > _MAX_DOUBTED:
        return cells, []
    chosen, proven = _settled_by_term(cells, doubted, aggregation)
    out = dict(cells)
    repairs = []
    for key, value in chosen.items():
        cell = cells[key]
        repair = CommaRepair(key, cell.text, value, proven or len(doubted[key]) == 1)
        out[key] = CellValue(value, None, cell.comparator, cell.text, repair.note())
        repairs.append(repair)
    return out, repairs


def _settled_by_term(
    cells: dict[str, CellValue], doubted: dict[str, list[float]], aggregation: str
) -> tuple[dict[str, float], bool]:
    """The readings that bring the years to the stated term figure, else each cell's likeliest."""
    likeliest = {key: readings[0] for key, readings in doubted.items()}
    term = cells.get("term")
    stated = term.value if term is not None and "term" not in doubted else None
    years = {int(k): c.value for k, c in cells.items() if k.isdigit()}
    if stated is None or not years or any(v is None for v in years.values()):
        return likeliest, False
    keys = list(doubted)
    best: tuple[float, dict[str, float]] | None = None
    for combination in itertools.product(*(doubted[k] for k in keys)):
        trial = dict(zip(keys, combination, strict=True))
        values = {y: trial.get(str(y), v) for y, v in years.items()}
        result = aggregate(values, aggregation).value
        if result is None:
            continue
        miss = abs(result - stated) / max(abs(stated), 1.0)
        if best is None or miss < best[0]:
            best = (miss, trial)
    if best is None or best[0] > TERM_TOLERANCE:
        return likeliest, False
    return {**likeliest, **best[1]}, True
