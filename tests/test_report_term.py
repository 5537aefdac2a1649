"""A term table regenerated as XLSX reads exactly like its source table, cell for cell.

The source is a term-evaluation table as provinces print it (chitieu.report.sample.TERM_TABLE,
text cells with Vietnamese separators). The workbook must hold real numbers whose number
formats display those same strings, and live formulas for the term aggregates that compute the
table's own "Ước cả nhiệm kỳ" column (GRDP 4,20; 8,24; −3,42; 10,52; 8,00 → 5,39).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.report import write_report
from chitieu.report.formulas import compute_aggregate
from chitieu.report.sample import TERM_TABLE, TERM_TABLE_HEADER, parse_vn_number, report_from_term_table
from chitieu.report.xlsx import CACHED_HEADER, FIRST_DATA_ROW, HEADER_ROW

AGGREGATE_COLUMN = TERM_TABLE_HEADER.index("Ước cả nhiệm kỳ") + 1


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Worksheet:
    path = write_report(report_from_term_table(), "xlsx", tmp_path_factory.mktemp("term") / "nhiem-ky.xlsx")
    return load_workbook(path)["Chỉ tiêu"]


def _cached_column(sheet: Worksheet) -> int:
    for cell in sheet[HEADER_ROW]:
        if cell.value == CACHED_HEADER:
            return cell.column
    raise AssertionError("no column with the computed aggregates")


def displayed(sheet: Worksheet, cell: Cell) -> str:
    """What a spreadsheet shows in a Vietnamese locale: numbers through their own number format."""
    value = cell.value
    if isinstance(value, str) and value.startswith("="):
        value = sheet.cell(row=cell.row, column=_cached_column(sheet)).value
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return format_decimal(value, format=cell.number_format, locale="vi")
    return str(value)


def source_rows() -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for numeral, name, indicators in TERM_TABLE:
        rows.append((numeral, name))
        rows.extend(tuple(indicator[:-1]) for indicator in indicators)
    return rows


def test_header_row_is_the_source_header(sheet: Worksheet) -> None:
    headers = [cell.value for cell in sheet[HEADER_ROW]][: len(TERM_TABLE_HEADER)]
    assert headers == list(TERM_TABLE_HEADER)


def test_every_cell_displays_as_in_the_source_table(sheet: Worksheet) -> None:
    for offset, source in enumerate(source_rows()):
        row = FIRST_DATA_ROW + offset
        if len(source) == 2:  # a group heading: numeral in A, the name merged across the rest
            assert sheet.cell(row=row, column=1).value == source[0]
            assert sheet.cell(row=row, column=2).value == source[1]
            continue
        shown = [displayed(sheet, sheet.cell(row=row, column=c)) for c in range(1, len(source) + 1)]
        assert shown == list(source), f"row {row}"


def test_numbers_are_numeric_cells_not_text(sheet: Worksheet) -> None:
    year_columns = range(5, 10)
    checked = 0
    for offset, source in enumerate(source_rows()):
        if len(source) == 2:
            continue
        for column in year_columns:
            text = source[column - 1]
            cell = sheet.cell(row=FIRST_DATA_ROW + offset, column=column)
            if text.startswith(("<", ">")):
                assert cell.value == text
                continue
            assert isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
            assert cell.value == pytest.approx(parse_vn_number(text))
            assert cell.number_format.startswith("#,##0")
            checked += 1
    assert checked == 49


def _evaluate(formula: str, sheet: Worksheet) -> float:
    """Evaluate the few spreadsheet forms the writer emits (+ - * / ^, AVERAGE, SUM, references)."""

    def expand(match: re.Match[str]) -> str:
        low_col, low_row, high_col, high_row = range_boundaries(match.group(0))
        cells = [f"{get_column_letter(c)}{r}" for r in range(low_row, high_row + 1) for c in range(low_col, high_col + 1)]
        return ",".join(cells)

    expression = re.sub(r"[A-Z]+\d+:[A-Z]+\d+", expand, formula.lstrip("="))
    expression = re.sub(r"\b([A-Z]+\d+)\b", lambda m: repr(float(sheet[m.group(1)].value)), expression)
    expression = expression.replace("^", "**").replace("AVERAGE(", "_mean(").replace("SUM(", "_sum(")
    namespace = {"_mean": lambda *v: sum(v) / len(v), "_sum": lambda *v: sum(v), "__builtins__": {}}
    return float(eval(expression, namespace))


FORMULA_ROWS = [
    (offset, source)
    for offset, source in enumerate(source_rows())
    if len(source) > 2 and not source[AGGREGATE_COLUMN - 1].startswith(("<", ">"))
]


@pytest.mark.parametrize(("offset", "source"), FORMULA_ROWS, ids=[s[1][:40] for _, s in FORMULA_ROWS])
def test_aggregate_is_a_formula_that_computes_the_source_term_value(
    sheet: Worksheet, offset: int, source: tuple[str, ...]
) -> None:
    cell = sheet.cell(row=FIRST_DATA_ROW + offset, column=AGGREGATE_COLUMN)
    assert isinstance(cell.value, str) and cell.value.startswith("=")
    expected = source[AGGREGATE_COLUMN - 1]
    computed = _evaluate(cell.value, sheet)
    decimals = len(expected.split(",")[1]) if "," in expected else 0
    assert format_decimal(round(computed, decimals), format=cell.number_format, locale="vi") == expected


def test_grdp_growth_is_a_compound_average_formula(sheet: Worksheet) -> None:
    cell = sheet.cell(row=FIRST_DATA_ROW + 1, column=AGGREGATE_COLUMN)
    assert cell.value == "=(((1+E6/100)*(1+F6/100)*(1+G6/100)*(1+H6/100)*(1+I6/100))^(1/5)-1)*100"
    assert _evaluate(cell.value, sheet) == pytest.approx(5.3905, abs=1e-4)


def test_sum_and_mean_use_ranges_a_person_would_type(sheet: Worksheet) -> None:
    formulas = {sheet.cell(row=FIRST_DATA_ROW + o, column=2).value: sheet.cell(row=FIRST_DATA_ROW + o,
                column=AGGREGATE_COLUMN).value for o, _ in FORMULA_ROWS}
    assert formulas["Diện tích trồng chè mới cả giai đoạn"] == "=SUM(E8:I8)"
    assert formulas["Số lao động được giải quyết việc làm mỗi năm"] == "=AVERAGE(E12:I12)"
    assert formulas["Tỷ lệ che phủ rừng"] == "=I17"


def test_a_bound_cell_keeps_its_text_and_no_formula(sheet: Worksheet) -> None:
    offset = next(o for o, s in enumerate(source_rows()) if s[1].startswith("Tỷ lệ trẻ em dưới 5 tuổi"))
    row = FIRST_DATA_ROW + offset
    assert sheet.cell(row=row, column=9).value == "<15"
    assert sheet.cell(row=row, column=AGGREGATE_COLUMN).value == "<15"
    assert sheet.cell(row=row, column=_cached_column(sheet)).value is None


@pytest.mark.parametrize(("offset", "source"), FORMULA_ROWS, ids=[s[1][:40] for _, s in FORMULA_ROWS])
def test_the_rules_reproduce_the_tables_own_aggregates(offset: int, source: tuple[str, ...]) -> None:
    formula = next(ind[-1] for _, _, rows in TERM_TABLE for ind in rows if ind[1] == source[1])
    years = [parse_vn_number(text) for text in source[4:9]]
    expected = parse_vn_number(source[AGGREGATE_COLUMN - 1])
    computed = compute_aggregate(formula, years)  # type: ignore[arg-type]
    assert computed is not None
    decimals = len(source[AGGREGATE_COLUMN - 1].split(",")[1]) if "," in source[AGGREGATE_COLUMN - 1] else 0
    assert math.isclose(round(computed + 1e-9, decimals), expected, abs_tol=1e-9)


def test_workbook_round_trips_from_disk(tmp_path: Path) -> None:
    path = write_report(report_from_term_table(), "xlsx", tmp_path / "a.xlsx")
    assert load_workbook(path).sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Nguồn"]
