"""Reports page — a PLACEHOLDER: the reports engine (``chitieu.report``) will list its downloads here.

Until then the page says how to produce a report from the command line.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import render
from chitieu.web.permissions import can_view_reports

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Báo cáo"])


@pages.get("/reports")
def reports_page(request: Request, user: Principal = Depends(require_user)) -> Response:
    if not can_view_reports(user):
        raise Forbidden("Bạn không có quyền xem báo cáo tổng hợp.")
    return render(request, "reports.html", {})
