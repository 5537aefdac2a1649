"""A term table read from a document, stored, evaluated and written back as XLSX matches its
source table cell for cell: targets, every year's figure, the term aggregate and the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.numbers import format_decimal
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.pipeline import extract_facts, read_document
from chitieu.report import write_report
from chitieu.report.build import build_term_report
from chitieu.report.model import Report
from chitieu.report.sample import TERM_TABLE, TERM_TABLE_HEADER
from chitieu.report.xlsx import CACHED_HEADER, FIRST_DATA_ROW, HEADER_ROW
from chitieu.store.db import session_scope
from chitieu.store.documents import store_document

YEARS = ("2021", "2022", "2023", "2024", "2025")


def term_table_markdown() -> str:
    lines = [
        "**TỈNH ỦY SƠN HÀ**",
        "",
        "BÁO CÁO",
        "",
        "Kết quả thực hiện các chỉ tiêu chủ yếu nhiệm kỳ 2020-2025",
        "",
        "| " + " | ".join(TERM_TABLE_HEADER) + " |",
        "|" + "---|" * len(TERM_TABLE_HEADER),
    ]
    for numeral, name, rows in TERM_TABLE:
        lines.append(f"| {numeral} | {name} |" + " |" * (len(TERM_TABLE_HEADER) - 2))
        for row in rows:
            lines.append("| " + " | ".join(row[:-1]) + " |")
    return "\n".join(lines) + "\n"


def displayed(sheet: Worksheet, row: int, column: int, cached: int) -> str:
    cell = sheet.cell(row=row, column=column)
    value = cell.value
    if isinstance(value, str) and value.startswith("="):
        value = sheet.cell(row=row, column=cached).value
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_decimal(value, format=cell.number_format, locale="vi")
    return str(value)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("store-term")
    source = folder / "danh-gia-nhiem-ky.md"
    source.write_text(term_table_markdown(), encoding="utf-8")
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    doc = read_document(source)
    extract_facts(doc)
    assert sum(f.kind == "table_row" for f in doc.facts) == sum(len(rows) for _n, _g, rows in TERM_TABLE)
    with session_scope(url) as session:
        store_document(session, doc)
    with session_scope(url) as session:
        report = build_term_report(session, 2021, 2025)
    path = write_report(report, "xlsx", folder / "bao-cao.xlsx")
    sheet = load_workbook(Path(path))["Chỉ tiêu"]
    headers = {str(c.value): c.column for c in sheet[HEADER_ROW] if c.value}
    cached = headers[CACHED_HEADER]
    year_columns = {y: next(col for h, col in headers.items() if h.endswith(y)) for y in YEARS}
    target_column = next(col for h, col in headers.items() if h.startswith("Mục tiêu"))
    term_column = next(col for h, col in headers.items() if "nhiệm kỳ" in h)
    status_column = headers["Đánh giá theo quy tắc"]
    official_column = headers["Đánh giá của văn bản nguồn"]
    rows = []
    for r in range(FIRST_DATA_ROW, sheet.max_row + 1):
        years = {y: displayed(sheet, r, c, cached) for y, c in year_columns.items()}
        if not any(years.values()):
            continue
        rows.append(
            {
                **years,
                "target": displayed(sheet, r, target_column, cached),
                "term": displayed(sheet, r, term_column, cached),
                "status": displayed(sheet, r, status_column, cached),
                "official": displayed(sheet, r, official_column, cached),
            }
        )
    return report, rows


@pytest.mark.parametrize(
    "source", [row for _n, _g, rows in TERM_TABLE for row in rows], ids=lambda row: row[1][:40]
)
def test_every_source_row_comes_back_cell_for_cell(
    stored: tuple[Report, list[dict[str, str]]], source: tuple[str, ...]
) -> None:
    report, workbook_rows = stored
    _stt, _label, _unit, target, *years, term, status, _formula = source
    written = next((row for row in workbook_rows if [row[y] for y in YEARS] == years), None)
    assert written is not None, f"no row with the years {years}: {workbook_rows}"
    assert written["term"] == term
    assert written["target"].replace(" ", "").lstrip("=") in {
        target,
        target.replace(">", "> ").replace(" ", ""),
    }
    assert written["official"] == status  # the province's own verdict, beside the rule's
    if written["status"] != status:
        # where the province's verdict differs from the rule, the row says why, by the rule
        row = next(
            r
            for r in report.rows
            if r.values.get("2021") is not None
            and r.status == written["status"]
            and r.official_status == status
        )
        assert row.disagreement.startswith(f"Văn bản đánh giá «{status}», theo quy tắc «{row.status}»: ")
        assert row.disagreement in row.note
        assert any(row.label in finding.text for finding in report.findings), report.findings
