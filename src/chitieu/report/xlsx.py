"""The appendix table as an Excel workbook a planning office can keep working in.

Numbers are numeric cells with number formats (Excel shows them with the reader's locale, so a
Vietnamese Windows shows 1.234,5); aggregates are live formulas of the yearly cells. openpyxl
cannot store a formula's cached result, so the workbook asks for a full recalculation on load
and keeps the computed value in a column right of the printed table ("Giá trị tính sẵn"),
which tools reading the file without a spreadsheet engine can use.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.report.formulas import FORMULA_NAMES, compute_aggregate, excel_formula
from chitieu.report.model import TASK_STATUSES, Column, Report, Row, SourceRef
from chitieu.report.numbers import decimals_needed, excel_number_format, roman
from chitieu.report.tasks import agencies_with_tasks, task_counts_by_agency

FONT_NAME = "Times New Roman"
TABLE_SHEET = "Chỉ tiêu"
TASK_SHEET = "Nhiệm vụ"
SOURCE_SHEET = "Nguồn"
HEADER_ROW = 4
FIRST_DATA_ROW = HEADER_ROW + 1
FIXED_HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính")
CACHED_HEADER = "Giá trị tính sẵn"

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def _font(bold: bool = False, italic: bool = False, size: float = 12) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color="000000")


def write_xlsx(report: Report, path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = TABLE_SHEET
    _write_table(sheet, report)
    _write_tasks(workbook.create_sheet(TASK_SHEET), report)
    _write_sources(workbook.create_sheet(SOURCE_SHEET), report)
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    path = Path(path)
    workbook.save(path)
    return path


def column_layout(report: Report) -> dict[str, int]:
    """1-based sheet column of each report column key (after STT, Chỉ tiêu, Đơn vị tính)."""
    return {column.key: len(FIXED_HEADERS) + 1 + index for index, column in enumerate(report.columns)}


def _title_rows(sheet: Worksheet, last_column: int, title: str, subtitle: str) -> None:
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_column)
    top = sheet.cell(row=1, column=1, value=title)
    top.font = _font(bold=True, size=13)
    top.alignment = _CENTER
    sub = sheet.cell(row=2, column=1, value=subtitle)
    sub.font = _font(italic=True)
    sub.alignment = _CENTER
    sheet.row_dimensions[1].height = 36


def _header_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row=row, column=column, value=text)
    cell.font = _font(bold=True)
    cell.alignment = _CENTER
    cell.border = BORDER


def _write_table(sheet: Worksheet, report: Report) -> None:
    layout = column_layout(report)
    last = len(FIXED_HEADERS) + len(report.columns)
    cached_column = last + 2 if _has_aggregate(report) else None
    _title_rows(sheet, last, report.appendix_heading(), report.reference_line())
    for index, header in enumerate(FIXED_HEADERS, start=1):
        _header_cell(sheet, HEADER_ROW, index, header)
    for column in report.columns:
        _header_cell(sheet, HEADER_ROW, layout[column.key], column.header)
    if cached_column is not None:
        cell = sheet.cell(row=HEADER_ROW, column=cached_column, value=CACHED_HEADER)
        cell.font = _font(bold=True, italic=True)
        cell.alignment = _CENTER
    sheet.row_dimensions[HEADER_ROW].height = 48

    row_number = FIRST_DATA_ROW
    for group in report.groups:
        _group_row(sheet, row_number, last, group.roman, group.name)
        row_number += 1
        for row in group.rows:
            _data_row(sheet, row_number, report, row, layout, cached_column)
            row_number += 1

    widths = {1: 6, 2: 46, 3: 12}
    for column in report.columns:
        widths[layout[column.key]] = {"status": 14, "official": 14, "note": 24, "target": 13}.get(column.kind, 11)
    if cached_column is not None:
        widths[cached_column] = 14
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = width

    sheet.freeze_panes = f"{get_column_letter(len(FIXED_HEADERS) + 1)}{FIRST_DATA_ROW}"
    _print_setup(sheet, f"A1:{get_column_letter(last)}{max(row_number - 1, HEADER_ROW)}")


def _has_aggregate(report: Report) -> bool:
    return any(column.kind == "aggregate" for column in report.columns)


def _group_row(sheet: Worksheet, row: int, last_column: int, roman: str, name: str) -> None:
    numeral = sheet.cell(row=row, column=1, value=roman)
    numeral.font = _font(bold=True)
    numeral.alignment = _CENTER
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_column)
    label = sheet.cell(row=row, column=2, value=name)
    label.font = _font(bold=True)
    label.alignment = _LEFT
    for column in range(1, last_column + 1):
        sheet.cell(row=row, column=column).border = BORDER


def _numeric(cell: Cell, value: float, decimals: int, italic: bool = False) -> None:
    cell.value = float(value)
    cell.number_format = excel_number_format(decimals)
    cell.alignment = _RIGHT
    cell.font = _font(italic=italic)


def _text(cell: Cell, value: str, align: Alignment = _CENTER, italic: bool = False) -> None:
    cell.value = value
    cell.alignment = align
    cell.font = _font(italic=italic)


def _data_row(
    sheet: Worksheet, number: int, report: Report, row: Row, layout: dict[str, int], cached: int | None
) -> None:
    decimals = report.decimals_of(row)
    _text(sheet.cell(row=number, column=1), row.stt)
    _text(sheet.cell(row=number, column=2), row.label, _LEFT)
    _text(sheet.cell(row=number, column=3), row.unit)
    for column in report.columns:
        cell = sheet.cell(row=number, column=layout[column.key])
        _fill_cell(cell, report, row, column, layout, number, decimals)
    for index in range(1, len(FIXED_HEADERS) + len(report.columns) + 1):
        sheet.cell(row=number, column=index).border = BORDER
    if cached is not None:
        value = cached_aggregate(report, row)
        if value is not None:
            _numeric(sheet.cell(row=number, column=cached), value, decimals, italic=True)


def cached_aggregate(report: Report, row: Row) -> float | None:
    """The aggregate a reader sees without recalculation: the engine's, else the rule's own."""
    if row.aggregate is not None:
        return row.aggregate
    if row.aggregate_formula is None or row.aggregate_text:
        return None
    if any(c.key in row.value_texts for c in report.aggregate_columns()):
        return None  # a bound ("<15") among the years: no arithmetic can stand for the document's text
    return compute_aggregate(row.aggregate_formula, [row.values.get(c.key) for c in report.aggregate_columns()])


def _fill_cell(
    cell: Cell, report: Report, row: Row, column: Column, layout: dict[str, int], number: int, decimals: int
) -> None:
    if column.kind == "target":
        target = row.target
        plain = target is not None and target.value is not None and target.value_high is None
        if plain and target is not None and target.value is not None and (target.comparator in (None, "=")):
            _numeric(cell, target.value, decimals_needed([target.value]))
        else:
            _text(cell, row.target_display())
    elif column.kind in ("value", "ratio"):
        italic = row.is_estimate(column)
        if column.key in row.value_texts:
            _text(cell, row.value_texts[column.key], _RIGHT, italic=italic)
        elif (value := row.values.get(column.key)) is not None:
            _numeric(cell, value, decimals if column.kind == "value" else 1, italic=italic)
    elif column.kind == "aggregate":
        _fill_aggregate(cell, report, row, layout, number, decimals)
    elif column.kind == "status":
        _text(cell, row.status_text)
    elif column.kind == "official":
        _text(cell, row.official_status or "")
    else:
        _text(cell, row.note, _LEFT)


def _fill_aggregate(
    cell: Cell, report: Report, row: Row, layout: dict[str, int], number: int, decimals: int
) -> None:
    italic = any(row.is_estimate(c) for c in report.aggregate_columns())
    if row.aggregate_text:
        _text(cell, row.aggregate_text, _RIGHT, italic=italic)
        return
    formula = aggregate_formula_for(report, row, layout, number)
    if formula is not None:
        cell.value = formula
        cell.number_format = excel_number_format(decimals)
        cell.alignment = _RIGHT
        cell.font = _font(italic=italic)
    elif row.aggregate is not None:
        _numeric(cell, row.aggregate, decimals, italic=italic)


def aggregate_formula_for(report: Report, row: Row, layout: dict[str, int], number: int) -> str | None:
    """The aggregate formula of a row at sheet row `number`, or None when it cannot be one.

    A year whose cell is a bound ("<15") cannot enter arithmetic, so such a row keeps the
    engine's number instead of a formula.
    """
    if row.aggregate_formula is None:
        return None
    columns = report.aggregate_columns()
    if any(c.key in row.value_texts for c in columns):
        return None
    present = [c for c in columns if row.values.get(c.key) is not None]
    if not present:
        return None
    cells = [f"{get_column_letter(layout[c.key])}{number}" for c in present]
    indexes = [layout[c.key] for c in present]
    contiguous = None
    if indexes == list(range(indexes[0], indexes[0] + len(indexes))):
        contiguous = f"{cells[0]}:{cells[-1]}" if len(cells) > 1 else cells[0]
    return excel_formula(row.aggregate_formula, cells, contiguous)


def _print_setup(sheet: Worksheet, area: str, header_rows: str = f"{HEADER_ROW}:{HEADER_ROW}") -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.print_area = area
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = 0.6
    sheet.page_margins.right = 0.4
    sheet.page_margins.top = 0.8
    sheet.page_margins.bottom = 0.6
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.font = f"{FONT_NAME},Regular"


TASK_HEADERS = ("STT", "Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành", "Tình trạng", "Ghi chú")


def _write_tasks(sheet: Worksheet, report: Report) -> None:
    last = len(TASK_HEADERS)
    _title_rows(sheet, last, "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", report.period_label)
    for index, header in enumerate(TASK_HEADERS, start=1):
        _header_cell(sheet, HEADER_ROW, index, header)
    number = FIRST_DATA_ROW
    for group_index, (agency, tasks) in enumerate(agencies_with_tasks(report.tasks), start=1):
        _group_row(sheet, number, last, roman(group_index), agency)
        number += 1
        for index, task in enumerate(tasks, start=1):
            values: list[object] = [
                str(index), task.id, task.title, task.agency, task.deadline, task.completed_on, task.status, task.note,
            ]
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=number, column=column, value=value)
                cell.font = _font()
                cell.border = BORDER
                cell.alignment = _LEFT if column in (3, 4, 8) else _CENTER
                if column in (5, 6) and value is not None:
                    cell.number_format = "DD/MM/YYYY"
            number += 1
    number = _task_summary(sheet, report, number + 1)
    for index, width in enumerate((6, 10, 60, 28, 12, 14, 22, 24), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    _print_setup(sheet, f"A1:{get_column_letter(last)}{max(number - 1, HEADER_ROW)}")


def _task_summary(sheet: Worksheet, report: Report, start: int) -> int:
    counts = task_counts_by_agency(report.tasks)
    if not counts:
        return start
    title = sheet.cell(row=start, column=3, value="Tổng hợp theo cơ quan chủ trì")
    title.font = _font(bold=True)
    headers = ["Cơ quan chủ trì", *TASK_STATUSES, "Tổng số"]
    row = start + 1
    for offset, header in enumerate(headers):
        _header_cell(sheet, row, 3 + offset, header)
    for agency, by_status in counts.items():
        row += 1
        cells = [agency, *(by_status.get(s, 0) for s in TASK_STATUSES)]
        for offset, value in enumerate(cells):
            cell = sheet.cell(row=row, column=3 + offset, value=value)
            cell.font = _font()
            cell.border = BORDER
            cell.alignment = _LEFT if offset == 0 else _RIGHT
        first, last = get_column_letter(4), get_column_letter(3 + len(TASK_STATUSES))
        total = sheet.cell(row=row, column=3 + len(cells), value=f"=SUM({first}{row}:{last}{row})")
        total.font = _font(bold=True)
        total.border = BORDER
    return row + 1


SOURCE_HEADERS = ("STT", "Mã chỉ tiêu", "Chỉ tiêu", "Văn bản", "Trích dẫn", "Cách tính, đánh giá")


def _write_sources(sheet: Worksheet, report: Report) -> None:
    last = len(SOURCE_HEADERS)
    _title_rows(sheet, last, "NGUỒN SỐ LIỆU VÀ CÁCH ĐÁNH GIÁ", report.period_label)
    for index, header in enumerate(SOURCE_HEADERS, start=1):
        _header_cell(sheet, HEADER_ROW, index, header)
    number = FIRST_DATA_ROW
    for row in report.rows:
        rule = row.rule
        if row.aggregate_formula and not rule:
            rule = f"Giá trị cả kỳ: {FORMULA_NAMES[row.aggregate_formula]}"
        references: list[SourceRef | None] = [*row.sources] or [None]
        for reference in references:
            values = [
                row.stt,
                row.indicator_code or "",
                row.label,
                reference.document if reference else "",
                reference.text if reference else "",
                rule,
            ]
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=number, column=column, value=value)
                cell.font = _font(italic=column == 5)
                cell.alignment = _LEFT if column > 1 else _CENTER
                cell.border = BORDER
            number += 1
    for index, width in enumerate((6, 14, 40, 30, 70, 40), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    _print_setup(sheet, f"A1:{get_column_letter(last)}{max(number - 1, HEADER_ROW)}")
