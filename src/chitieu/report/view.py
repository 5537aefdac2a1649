"""The appendix table as display cells: the text every non-spreadsheet writer shows.

DOCX, HTML, PDF and CSV all print the same cells (Vietnamese separators, estimates flagged,
bounds such as "<15" kept as written); only the XLSX keeps numbers as numbers. One function
decides each cell so the formats cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chitieu.report.model import Column, Report, Row
from chitieu.report.numbers import format_number

FIXED_HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính")
NUMERIC_KINDS = frozenset({"value", "ratio", "aggregate"})


@dataclass(frozen=True)
class CellView:
    text: str
    numeric: bool = False
    estimate: bool = False
    value: float | None = None  # the number behind the text, for machine formats


@dataclass
class RowView:
    row: Row
    cells: list[CellView]


@dataclass
class GroupView:
    roman: str
    name: str
    rows: list[RowView] = field(default_factory=list)


def cell_view(report: Report, row: Row, column: Column) -> CellView:
    """One appendix cell: Vietnamese-formatted text, whether it is numeric and an estimate."""
    decimals = report.decimals_of(row)
    if column.kind == "target":
        target = row.target
        plain = target is not None and target.value_high is None and target.comparator in (None, "=")
        return CellView(row.target_display(), value=target.value if (plain and target) else None)
    if column.kind in ("value", "ratio"):
        estimate = row.is_estimate(column)
        if column.key in row.value_texts:
            return CellView(row.value_texts[column.key], True, estimate)
        value = row.values.get(column.key)
        if value is None:
            return CellView("", True, estimate)
        shown = format_number(value, decimals if column.kind == "value" else 1)
        return CellView(shown, True, estimate, value)
    if column.kind == "aggregate":
        estimate = any(row.is_estimate(c) for c in report.aggregate_columns())
        if row.aggregate_text:
            return CellView(row.aggregate_text, True, estimate)
        if row.aggregate is None:
            return CellView("", True, estimate)
        return CellView(format_number(row.aggregate, decimals), True, estimate, row.aggregate)
    if column.kind == "status":
        return CellView(row.status_text)
    if column.kind == "official":
        return CellView(row.official_status or "")
    return CellView(row.note)


def table_view(report: Report) -> list[GroupView]:
    """Every group with its rows' cells, in report order."""
    views = []
    for group in report.groups:
        view = GroupView(group.roman, group.name)
        for row in group.rows:
            view.rows.append(RowView(row, [cell_view(report, row, column) for column in report.columns]))
        views.append(view)
    return views


def headers(report: Report) -> list[str]:
    return [*FIXED_HEADERS, *(column.header for column in report.columns)]
