"""The XLSX appendix is a working spreadsheet: numbers, formats, frozen header, print setup, sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from chitieu.report import SourceRef, TaskRow, write_report
from chitieu.report.sample import report_from_term_table, synthetic_report
from chitieu.report.xlsx import FIRST_DATA_ROW, HEADER_ROW

TASKS = [
    TaskRow("I.1.a", "Rà soát quy hoạch vùng chè", "Sở Nông nghiệp và Môi trường", dt.date(2025, 3, 31),
            "Hoàn thành đúng hạn", completed_on=dt.date(2025, 3, 20)),
    TaskRow("I.2", "Trình đề án phát triển du lịch", "Sở Văn hóa, Thể thao và Du lịch", dt.date(2025, 6, 30),
            "Quá hạn chưa hoàn thành"),
    TaskRow("II.1", "Báo cáo tiến độ giải ngân", "Sở Tài chính", None, "Đang thực hiện trong hạn"),
    TaskRow("I.1.b", "Tổng kết mô hình chè sạch", "Sở Nông nghiệp và Môi trường", dt.date(2025, 2, 15),
            "Hoàn thành quá hạn", completed_on=dt.date(2025, 3, 1)),
]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    report = report_from_term_table()
    report.tasks = list(TASKS)
    report.groups[0].rows[0].sources = [
        SourceRef("bao-cao-chinh-tri.pdf", "tăng trưởng kinh tế bình quân ước đạt 5,39%/năm")
    ]
    report.groups[0].rows[0].rule = "Bình quân tăng trưởng kép của 5 năm; mục tiêu khoảng 9-10%: dưới cận dưới là Không đạt"
    return load_workbook(write_report(report, "xlsx", tmp_path_factory.mktemp("x") / "bang.xlsx"))


def test_sheets_are_table_tasks_and_sources(workbook: Workbook) -> None:
    assert workbook.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Nguồn"]


def test_title_rows_name_the_appendix_and_the_report(workbook: Workbook) -> None:
    sheet = workbook["Chỉ tiêu"]
    assert sheet["A1"].value == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI NHIỆM KỲ 2020-2025"
    assert sheet["A2"].value == "(Kèm theo Báo cáo số 05/BC-UBND ngày 08/09/2025 của Ủy ban nhân dân tỉnh Lai Châu)"
    assert sheet["A1"].font.bold


def test_header_is_frozen_with_the_indicator_columns(workbook: Workbook) -> None:
    assert workbook["Chỉ tiêu"].freeze_panes == f"D{FIRST_DATA_ROW}"


def test_group_rows_are_merged_across_the_table(workbook: Workbook) -> None:
    sheet = workbook["Chỉ tiêu"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"B{FIRST_DATA_ROW}:K{FIRST_DATA_ROW}" in merged  # I. Kinh tế
    assert "B11:K11" in merged and "B16:K16" in merged
    assert sheet[f"A{FIRST_DATA_ROW}"].value == "I" and sheet[f"B{FIRST_DATA_ROW}"].font.bold


@pytest.mark.parametrize(("cell", "number_format"), [("E6", "#,##0.00"), ("E7", "#,##0.0"), ("E8", "#,##0"),
                                                     ("D8", "#,##0"), ("E9", "#,##0.0"), ("J6", "#,##0.00")])
def test_number_formats_follow_the_decimals_the_table_prints(workbook: Workbook, cell: str, number_format: str) -> None:
    assert workbook["Chỉ tiêu"][cell].number_format == number_format


def test_estimate_column_is_marked_in_header_and_italic(workbook: Workbook) -> None:
    sheet = workbook["Chỉ tiêu"]
    assert sheet[f"I{HEADER_ROW}"].value == "Ước 2025"
    assert sheet["I6"].font.italic and not sheet["H6"].font.italic
    assert sheet["J6"].font.italic  # the term value rests on the estimate


def test_print_setup_is_a4_landscape_fit_to_width_with_repeated_header(workbook: Workbook) -> None:
    sheet = workbook["Chỉ tiêu"]
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.print_area == "'Chỉ tiêu'!$A$1:$K$17"  # the computed-value column stays unprinted


def test_workbook_asks_spreadsheets_to_recalculate_on_open(workbook: Workbook) -> None:
    assert workbook.calculation.fullCalcOnLoad


def test_fonts_are_times_new_roman(workbook: Workbook) -> None:
    sheet = workbook["Chỉ tiêu"]
    for row in sheet.iter_rows(min_row=1, max_row=17, max_col=11):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "Times New Roman", cell.coordinate


def test_task_sheet_groups_tasks_by_agency_with_real_dates(workbook: Workbook) -> None:
    sheet = workbook["Nhiệm vụ"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_col=8)]
    assert rows[0][:2] == ["I", "Sở Nông nghiệp và Môi trường"]
    assert [r[1] for r in rows[1:3]] == ["I.1.b", "I.1.a"]  # earlier deadline first
    assert isinstance(rows[1][4], dt.datetime) and sheet.cell(row=FIRST_DATA_ROW + 1, column=5).number_format == "DD/MM/YYYY"
    statuses = {r[6] for r in rows if r[6]}
    assert {"Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Quá hạn chưa hoàn thành",
            "Đang thực hiện trong hạn"} <= statuses


def test_task_sheet_has_a_count_per_agency_with_a_sum_formula(workbook: Workbook) -> None:
    sheet = workbook["Nhiệm vụ"]
    values = [[c.value for c in r] for r in sheet.iter_rows(min_col=3, max_col=8)]
    agriculture = next(r for r in values if r[0] == "Sở Nông nghiệp và Môi trường" and isinstance(r[1], int))
    assert agriculture[1:5] == [1, 1, 0, 0]
    assert str(agriculture[5]).startswith("=SUM(")


def test_source_sheet_keeps_the_span_and_the_rule(workbook: Workbook) -> None:
    sheet = workbook["Nguồn"]
    first = [c.value for c in sheet[FIRST_DATA_ROW]]
    assert first[3] == "bao-cao-chinh-tri.pdf"
    assert first[4] == "tăng trưởng kinh tế bình quân ước đạt 5,39%/năm"
    assert "Bình quân tăng trưởng kép" in first[5]
    assert sheet.max_row == FIRST_DATA_ROW + 9  # one line per indicator without sources


def test_large_report_keeps_every_indicator(tmp_path: Path) -> None:
    report = synthetic_report(120)
    sheet = load_workbook(write_report(report, "xlsx", tmp_path / "big.xlsx"))["Chỉ tiêu"]
    codes = [c.value for c in sheet["A"][FIRST_DATA_ROW - 1:] if c.value]
    assert len(codes) == 120 + len(report.groups)
