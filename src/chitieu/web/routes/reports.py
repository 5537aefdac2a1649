"""Reports: the evaluation of a year, a term or an in-year period, shown and downloadable in every
format the report writers produce (XLSX, DOCX, PDF, HTML, CSV), with a Vietnamese file name.

The file is built on request (``chitieu.report.build`` then ``write_report`` into a temporary
folder) from what is stored at that moment, so a download always matches the page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from chitieu.report import FORMATS, Report, write_report
from chitieu.report.build import build_term_report, build_year_report, require_indicators
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import DB_SESSION, render
from chitieu.web.evaluation_view import expected_counts, grouped, status_counts, visible_rows
from chitieu.web.evaluations import BadPeriodChoice, PeriodChoice, cache_of, default_choice, parse_choice
from chitieu.web.permissions import can_view_reports
from chitieu.web.routes.dashboard import REPORT_FORMATS
from chitieu.web.routes.entries import content_disposition

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Báo cáo"])

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


def _require_reports(user: Principal) -> None:
    if not can_view_reports(user):
        raise Forbidden("Bạn không có quyền xem báo cáo tổng hợp.")


def build_report(session: Session, choice: PeriodChoice) -> Report:

    if choice.kind == "term":
        return build_term_report(session, choice.first, choice.last)
    report = build_year_report(session, choice.last)
    if choice.kind == "period":
        report.kind = "period"
        report.title = f"Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội {choice.label}"
        report.period_label = choice.label
    return report


def report_file(session: Session, choice: PeriodChoice, fmt: str) -> tuple[bytes, str]:
    """The report's bytes and its file name ("Báo cáo kết quả thực hiện chỉ tiêu năm 2024.xlsx")."""
    if fmt not in FORMATS:
        raise HTTPException(400, f"Định dạng không hỗ trợ: «{fmt[:20]}» (chọn một trong: {', '.join(FORMATS)}).")
    report = require_indicators(build_report(session, choice), "cơ sở dữ liệu", "trang “Tài liệu” → “Tải tài liệu lên”")
    with tempfile.TemporaryDirectory(prefix="chitieu-report-") as folder:
        path = write_report(report, fmt, Path(folder) / f"bao-cao.{fmt}")
        data = path.read_bytes()
    return data, f"Báo cáo kết quả thực hiện chỉ tiêu {choice.label}.{fmt}"


def _choice(request: Request, session: Session, year: str | None, term: str | None,
            period: str | None) -> tuple[PeriodChoice, str | None]:
    try:
        choice = parse_choice(year, term, period)
        error = None
    except BadPeriodChoice as exc:
        choice, error = None, str(exc)
    return choice or default_choice(cache_of(request).snapshot(session)), error


@pages.get("/reports")
def reports_page(request: Request, year: str | None = None, term: str | None = None, period: str | None = None,
                 user: Principal = Depends(require_user), session: Session = DB_SESSION) -> Response:
    _require_reports(user)
    choice, error = _choice(request, session, year, term, period)
    cache = cache_of(request)
    snap, evaluations, all_rows = cache.evaluate_rows(session, choice)
    _mine, rows = visible_rows(user, snap.catalog, evaluations, all_rows)
    ctx: dict[str, Any] = {
        "choice": choice, "error": error, "years": snap.years, "terms": snap.terms,
        "groups": grouped(rows), "counts": status_counts(rows), "expected": expected_counts(rows), "total": len(rows), "formats": REPORT_FORMATS,
        "months": (3, 6, 9),
    }
    return render(request, "reports.html", ctx, status_code=400 if error else 200)


def _download(request: Request, session: Session, user: Principal, year: str | None, term: str | None,
              period: str | None, format: str) -> Response:
    _require_reports(user)
    choice = parse_choice(year, term, period) or default_choice(cache_of(request).snapshot(session))
    data, name = report_file(session, choice, format.lower())
    return Response(data, media_type=CONTENT_TYPES[format.lower()],
                    headers={"content-disposition": content_disposition(name), "cache-control": "no-store"})


@pages.get("/reports/download")
def report_download(request: Request, format: str = "xlsx", year: str | None = None, term: str | None = None,
                    period: str | None = None, user: Principal = Depends(require_user),
                    session: Session = DB_SESSION) -> Response:
    return _download(request, session, user, year, term, period, format)


@api.get("/reports", summary="Tải báo cáo (format=xlsx|docx|pdf|html|csv; year=2024 | term=2021-2025 | period=2024-9M)",
         responses={200: {"content": {t: {} for t in CONTENT_TYPES.values()}}})
def api_report(request: Request, format: str = "xlsx", year: str | None = None, term: str | None = None,
               period: str | None = None, user: Principal = Depends(require_user),
               session: Session = DB_SESSION) -> Response:
    return _download(request, session, user, year, term, period, format)
