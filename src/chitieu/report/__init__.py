"""Reports: the appendix table, narrative, charts and tasks in XLSX, DOCX, HTML, PDF and CSV.

Build a `Report` (chitieu.report.model: plain dataclasses, no database) and call
`write_report(report, fmt, path)`. The evaluation engine builds the Report from the store; the
writers only render it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chitieu.errors import ChitieuError
from chitieu.report.model import (
    Column,
    Finding,
    Group,
    Report,
    Row,
    Signature,
    SourceRef,
    SummarySection,
    Target,
    TaskRow,
)

FORMATS = ("xlsx", "docx", "html", "pdf", "csv")

__all__ = [
    "FORMATS",
    "Column",
    "Finding",
    "Group",
    "Report",
    "Row",
    "Signature",
    "SourceRef",
    "SummarySection",
    "Target",
    "TaskRow",
    "UnknownReportFormat",
    "write_report",
]


class UnknownReportFormat(ChitieuError):
    """The requested report format is not one the product writes."""


def _writer(fmt: str) -> Callable[[Report, Path], Path]:
    # Imported lazily: each writer pulls in a heavy library (openpyxl, python-docx, WeasyPrint).
    if fmt == "xlsx":
        from chitieu.report.xlsx import write_xlsx

        return write_xlsx
    if fmt == "docx":
        from chitieu.report.docx import write_docx

        return write_docx
    if fmt == "html":
        from chitieu.report.html import write_html

        return write_html
    if fmt == "pdf":
        from chitieu.report.pdf import write_pdf

        return write_pdf
    if fmt == "csv":
        from chitieu.report.csv import write_csv

        return write_csv
    raise UnknownReportFormat(f"Định dạng báo cáo không hỗ trợ: «{fmt}» (chọn một trong: {', '.join(FORMATS)}).")


def write_report(report: Report, fmt: str, path: Path) -> Path:
    """Write `report` as `fmt` (xlsx, docx, html, pdf, csv) to `path`; returns the path written."""
    writer = _writer(fmt.lower().lstrip("."))
    path = Path(path)
    if not path.parent.exists():
        raise ChitieuError(f"Thư mục không tồn tại: {path.parent}")
    return writer(report, path)
