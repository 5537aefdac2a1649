"""Scoring ``table_row`` facts against a hand-read term-evaluation table (``tests/gold/term_table_*.json``).

A gold row is found when some fact agrees with it on at least three of its figure cells (the
target, the years, the term): rows are matched by what they say, never by where the page puts
them, so a row read with a wrong name still counts as found and its name is scored apart.
Every cell of every gold row is scored — the target, each year, the term figure and the
document's verdict — an unfound row's cells all count as wrong; a cell the scan does not let
us read ("?") is not scored. Shared by the tests and ``benchmarks/term_tables.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from chitieu.report.model import Report, Row

UNREADABLE = "?"
REACHED = {"Vượt": "reached", "Đạt": "reached", "Không đạt": "missed", "Không đánh giá": "none"}


def gold_value(cell: str | None) -> float | None:
    """The figure a gold cell writes ("2.067,7" → 2067.7, "<15" → 15, "9-10" → 9); None if empty."""
    if cell is None:
        return None
    body = cell.lstrip("<>≤≥").split("-")[0] if re.match(r"^[<>≤≥]?\d", cell) else cell
    return float(body.replace(".", "").replace(",", "."))


@dataclass
class RowScore:
    rows: int = 0
    found: int = 0
    facts: int = 0
    cells: int = 0
    cells_right: int = 0
    codes: int = 0
    codes_right: int = 0
    verdicts: int = 0
    verdicts_agreeing: int = 0
    missed: list[str] = field(default_factory=list)
    wrong_cells: list[str] = field(default_factory=list)
    wrong_codes: list[str] = field(default_factory=list)
    disagreeing: list[str] = field(default_factory=list)

    @property
    def row_recall(self) -> float:
        return _share(self.found, self.rows)

    @property
    def row_precision(self) -> float:
        return _share(self.found, self.facts)

    @property
    def cell_accuracy(self) -> float:
        return _share(self.cells_right, self.cells)

    @property
    def code_accuracy(self) -> float:
        return _share(self.codes_right, self.codes)

    @property
    def verdict_agreement(self) -> float:
        return _share(self.verdicts_agreeing, self.verdicts)

    def line(self) -> str:
        return (
            f"rows {self.found}/{self.rows} (recall {self.row_recall:.3f}, precision {self.row_precision:.3f}), "
            f"cells {self.cells_right}/{self.cells} ({self.cell_accuracy:.3f}), "
            f"codes {self.codes_right}/{self.codes}, verdicts agreeing {self.verdicts_agreeing}/{self.verdicts}"
        )


class TableRow(Protocol):
    """What the scorer reads of a row: a ``table_row`` fact, or a report's row (``ReportedRow``)."""

    @property
    def indicator(self) -> str | None: ...

    @property
    def extra(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ReportedRow:
    """A report's row as the scorer reads a fact: the figures the report prints, its two verdicts."""

    indicator: str | None
    extra: dict[str, Any]
    row: Row


def reported_rows(report: Report) -> list[ReportedRow]:
    """Every row of ``report``'s appendix, scored like the document's own rows.

    A bound cell (">80") counts by its figure, as the gold writes it; the term cell is the
    report's own aggregate (the document's term figure is scored on the document's facts).
    """
    out = []
    for row in report.rows:
        annual = {}
        for key, value in row.values.items():
            text = row.value_texts.get(key)
            annual[key] = gold_value(text) if text else value
        term = gold_value(row.aggregate_text) if row.aggregate_text else row.aggregate
        target = {"value": row.target.value if row.target else None}
        out.append(
            ReportedRow(
                row.indicator_code,
                {
                    "target": target,
                    "annual": annual,
                    "term_value": term,
                    "official_status": row.official_status,
                    "computed_status": row.status,
                    "rule": row.rule,
                },
                row,
            )
        )
    return out


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _cells_of(fact: TableRow, years: list[int]) -> list[float | None]:
    extra = fact.extra
    annual = extra.get("annual") or {}
    return [(extra.get("target") or {}).get("value"), *(annual.get(str(y)) for y in years), extra.get("term_value")]


def _gold_cells(row: dict[str, Any]) -> list[str | None]:
    return [row["target"], *row["years"], row["term"]]


def _same(found: float | None, gold: str | None) -> bool:
    if gold == UNREADABLE:
        return False
    expected = gold_value(gold)
    if expected is None or found is None:
        return expected is None and found is None
    return abs(found - expected) < 1e-6


def _agreement(fact: TableRow, row: dict[str, Any], years: list[int]) -> int:
    cells = _cells_of(fact, years)
    return sum(
        1 for got, want in zip(cells, _gold_cells(row), strict=True) if want not in (None, UNREADABLE) and _same(got, want)
    )


def _figure_free(row: dict[str, Any]) -> bool:
    return all(c is None for c in _gold_cells(row))


def score_table(facts: Sequence[TableRow], gold: dict[str, Any]) -> RowScore:
    """How well ``facts`` (a document's ``table_row`` facts) read the gold table."""
    years: list[int] = gold["years"]
    rows: list[dict[str, Any]] = gold["rows"]
    result = RowScore(rows=len(rows), facts=len(facts))
    pairs = sorted(
        (
            (-_agreement(fact, row, years), r, f)
            for r, row in enumerate(rows)
            for f, fact in enumerate(facts)
            if not _figure_free(row)
        ),
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for negative, r, f in pairs:
        if -negative >= 3 and r not in match and f not in used:
            match[r] = f
            used.add(f)
    for r, row in enumerate(rows):
        if _figure_free(row):
            # a group row judged on its own ("Cơ cấu kinh tế … Không đạt"): found by its indicator
            f = next((i for i, fact in enumerate(facts) if i not in used and fact.indicator == row["code"]), None)
            if f is not None:
                match[r] = f
                used.add(f)
    for r, row in enumerate(rows):
        fact = facts[match[r]] if r in match else None
        if fact is None:
            result.missed.append(row["label"])
        else:
            result.found += 1
        wanted = [*_gold_cells(row)]
        got = _cells_of(fact, years) if fact is not None else [None] * len(wanted)
        names = ["target", *map(str, years), "term"]
        for name, want, value in zip(names, wanted, got, strict=True):
            if want == UNREADABLE:
                continue
            result.cells += 1
            if fact is not None and _same(value, want):
                result.cells_right += 1
            else:
                result.wrong_cells.append(f"{row['label']} {name}: {value} for {want}")
        result.cells += 1
        official = fact.extra.get("official_status") if fact is not None else None
        if fact is not None and official == row["verdict"]:
            result.cells_right += 1
        else:
            result.wrong_cells.append(f"{row['label']} verdict: {official} for {row['verdict']}")
        if fact is not None and row["code"]:
            result.codes += 1
            if fact.indicator == row["code"]:
                result.codes_right += 1
            else:
                result.wrong_codes.append(f"{row['label']}: {fact.indicator}")
        if fact is not None and row["consistent"] and row["verdict"] in REACHED:
            result.verdicts += 1
            computed = fact.extra.get("computed_status")
            if REACHED.get(computed or "") == REACHED[row["verdict"]]:
                result.verdicts_agreeing += 1
            else:
                result.disagreeing.append(f"{row['label']}: {computed} ({fact.extra.get('rule')}) for {row['verdict']}")
    return result


_WRITTEN_FIGURE = re.compile(r"\d(?:[\d.,]*\d)?")


def cells_in_text(text: str, gold: dict[str, Any]) -> tuple[int, int]:
    """How many of the gold's figure cells a text still writes anywhere, of how many there are.

    The most a reader can recover from a wreck: a figure OCR lost ("3,96" gone from its row) or
    misread ("11.698" for "11.690") is in no reading of the text. Verdict cells are left out.
    """
    written = set(_WRITTEN_FIGURE.findall(text))
    present = total = 0
    for row in gold["rows"]:
        for cell in _gold_cells(row):
            if cell is None or cell == UNREADABLE:
                continue
            total += 1
            present += cell.lstrip("<>≤≥") in written or all(part in written for part in cell.lstrip("<>≤≥").split("-"))
    return present, total
