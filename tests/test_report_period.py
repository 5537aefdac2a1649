"""An in-year period report (9 tháng) goes through every writer with its ratios and estimates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_document
from openpyxl import load_workbook

from chitieu.report import FORMATS, Column, Group, Report, Row, Target, write_report
from chitieu.report.narrative import row_narrative
from chitieu.report.xlsx import CACHED_HEADER, FIRST_DATA_ROW, HEADER_ROW


def nine_months() -> Report:
    columns = [
        Column("plan", "Kế hoạch năm 2024", "target"),
        Column("2023-9M", "Thực hiện 9 tháng năm 2023", "value"),
        Column("2024-9M", "Ước thực hiện 9 tháng năm 2024", "value", estimate=True),
        Column("plan_ratio", "So với kế hoạch (%)", "ratio"),
        Column("yoy", "So với cùng kỳ (%)", "ratio"),
        Column("status", "Đánh giá", "status"),
    ]
    grain = Row("1", "Sản lượng lương thực có hạt", "tấn", target=Target(225797),
                values={"2023-9M": 124120, "2024-9M": 125797, "plan_ratio": 55.7, "yoy": 101.4},
                status="Chưa có số liệu", outlook="on_track")
    revenue = Row("2", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", target=Target(2450),
                  values={"2023-9M": 1790.5, "2024-9M": 1811.6, "plan_ratio": 73.9, "yoy": 101.2},
                  status="Chưa có số liệu", outlook="at_risk")
    return Report(kind="period", title="Tình hình kinh tế - xã hội 9 tháng năm 2024", period_label="9 tháng năm 2024",
                  columns=columns, groups=[Group("I", "Kinh tế", [grain, revenue])], number="215/BC-UBND",
                  date=dt.date(2024, 9, 20))


def test_period_sentence_uses_the_plan_ratio_column() -> None:
    report = nine_months()
    assert row_narrative(report.groups[0].rows[0], report) == (
        "Sản lượng lương thực có hạt 9 tháng năm 2024 ước đạt 125.797 tấn, bằng 55,7% kế hoạch, "
        "tăng 1.677 tấn so với 9 tháng năm 2023; mục tiêu 225.797 tấn, chưa có số liệu để đánh giá."
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_a_period_report(tmp_path: Path, fmt: str) -> None:
    path = write_report(nine_months(), fmt, tmp_path / f"9-thang.{fmt}")
    assert path.stat().st_size > 500


def test_period_workbook_has_ratio_columns_and_no_aggregate(tmp_path: Path) -> None:
    sheet = load_workbook(write_report(nine_months(), "xlsx", tmp_path / "a.xlsx"))["Chỉ tiêu"]
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert CACHED_HEADER not in headers
    grain = [c.value for c in sheet[FIRST_DATA_ROW + 1]][:9]
    assert grain == ["1", "Sản lượng lương thực có hạt", "tấn", 225797, 124120, 125797, 55.7, 101.4, "Chưa có số liệu"]
    assert sheet.cell(row=FIRST_DATA_ROW + 1, column=7).number_format == "#,##0.0"
    assert sheet.cell(row=FIRST_DATA_ROW + 1, column=6).font.italic


def test_period_docx_and_pdf_carry_the_numbers(tmp_path: Path) -> None:
    document = open_document(str(write_report(nine_months(), "docx", tmp_path / "a.docx")))
    row = [c.text for c in document.tables[2].rows[2].cells]
    assert row[3:8] == ["225.797", "124.120", "125.797", "55,7", "101,4"]
    with pdfplumber.open(write_report(nine_months(), "pdf", tmp_path / "a.pdf")) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Số: 215/BC-UBND" in text and "1.811,6" in text
    assert "Các chỉ tiêu có nguy cơ không đạt kế hoạch" in text
