"""The dashboard (``/``): for a chosen year or term, every indicator the user may see, grouped,
with its target, latest actual (estimates marked), plan ratio and verdict; counts by verdict;
what changed since the last report; the risks the forecasts see; and the overdue tasks.

``/api/evaluations`` gives the same evaluation as JSON (the ``chitieu evaluate --json`` objects)
or CSV, with the same permission filter.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chitieu.evaluate.rules import STATUSES
from chitieu.evaluate.scope import has_target, in_plan, plan_scope
from chitieu.evaluate.tasks import TaskStatus
from chitieu.store import models
from chitieu.web.auth import Principal, require_user
from chitieu.web.deps import DB_SESSION, render
from chitieu.web.evaluation_view import (
    STATUS_CLASSES,
    changes,
    evaluation_csv_row,
    evaluation_json,
    expected_counts,
    grouped,
    risks,
    status_counts,
    visible,
    visible_rows,
)
from chitieu.web.evaluations import BadPeriodChoice, PeriodChoice, cache_of, default_choice, parse_choice
from chitieu.web.export import csv_response
from chitieu.web.permissions import can_maintain_catalogue, can_view_documents, can_view_reports
from chitieu.web.routes.tasks import visible_tasks

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Đánh giá"])

REPORT_FORMATS = (("xlsx", "Excel (XLSX)"), ("docx", "Word (DOCX)"), ("pdf", "PDF"), ("html", "HTML"), ("csv", "CSV"))


def dashboard_context(request: Request, session: Session, user: Principal, year: str | None,
                      term: str | None) -> dict[str, Any]:
    cache = cache_of(request)
    error = None
    try:
        choice = parse_choice(year, term)
    except BadPeriodChoice as exc:
        error, choice = str(exc), None
    snap = cache.snapshot(session)
    choice = choice or default_choice(snap)
    snap, evaluations, all_rows = cache.evaluate_rows(session, choice)
    mine, rows = visible_rows(user, snap.catalog, evaluations, all_rows)
    # the main table lists the plan's indicators; phrases waiting for review are counted apart
    scope = plan_scope(mine, snap.catalog)
    of_the_plan = {id(ev) for ev in scope.rows}
    keep = [i for i, ev in enumerate(mine) if id(ev) in of_the_plan]
    left_for_review = len(scope.left_for_review)
    untargeted = 0
    if choice.kind == "term":
        # an annual series with no term target (a year's report) has nothing to judge over the
        # term; listing it as "Không đánh giá" would bury the term's real verdicts
        targeted = [i for i in keep if has_target(mine[i])]
        untargeted, keep = len(keep) - len(targeted), targeted
    mine, rows = [mine[i] for i in keep], [rows[i] for i in keep]
    latest_source, changed = changes(mine, snap.catalog)
    overdue = visible_tasks(session, user, status=TaskStatus.OVERDUE.value)
    documents = session.scalar(select(func.count(models.Document.id))) if can_view_documents(user) else 0
    return {
        "choice": choice,
        "error": error,
        "years": snap.years,
        "terms": snap.terms,
        "groups": grouped(rows),
        "counts": status_counts(rows),
        "expected": expected_counts(rows),
        "total": len(rows),
        "untargeted": untargeted,
        "left_for_review": left_for_review if can_maintain_catalogue(user) else 0,
        "statuses": STATUSES,
        "status_classes": STATUS_CLASSES,
        "changes": changed,
        "latest_source": latest_source,
        "risks": risks(rows),
        "overdue": overdue,
        "documents": int(documents or 0),
        "formats": REPORT_FORMATS if can_view_reports(user) else (),
    }


@pages.get("/")
def dashboard_page(request: Request, year: str | None = None, term: str | None = None,
                   user: Principal = Depends(require_user), session: Session = DB_SESSION) -> Response:
    ctx = dashboard_context(request, session, user, year, term)
    return render(request, "dashboard.html", ctx, status_code=400 if ctx["error"] else 200)


@api.get("/summary", summary="Tổng quan: số chỉ tiêu theo đánh giá, nhiệm vụ quá hạn, tài liệu")
def api_summary(request: Request, year: str | None = None, term: str | None = None,
                user: Principal = Depends(require_user), session: Session = DB_SESSION) -> dict[str, Any]:
    ctx = dashboard_context(request, session, user, year, term)
    choice: PeriodChoice = ctx["choice"]
    return {
        "period": choice.label,
        "indicators": ctx["total"],
        "by_status": ctx["counts"],
        "at_risk": [r.code for r in ctx["risks"]],
        "changed": [c.code for c in ctx["changes"]],
        "overdue_tasks": len(ctx["overdue"]),
        "documents": ctx["documents"],
    }


@api.get("/evaluations", response_model=None, summary="Đánh giá từng chỉ tiêu cho một năm (year=2024) hoặc nhiệm kỳ (term=2021-2025)",
         responses={200: {"content": {"text/csv": {}}}, 400: {"description": "Năm hoặc nhiệm kỳ không hợp lệ"}})
def api_evaluations(request: Request, year: str | None = None, term: str | None = None, format: str = "json",
                    scope: Literal["plan", "all"] = "plan",
                    user: Principal = Depends(require_user),
                    session: Session = DB_SESSION) -> Response | list[dict[str, Any]]:
    """``scope=plan`` (the default) gives the plan's indicators, as the dashboard and the reports
    list them; ``scope=all`` adds the phrases still waiting for review."""
    cache = cache_of(request)
    choice = parse_choice(year, term) or default_choice(cache.snapshot(session))
    snap, evaluations = cache.evaluate(session, choice)
    mine = visible(user, snap.catalog, evaluations)
    if scope == "plan":
        mine = [ev for ev in mine if in_plan(ev, snap.catalog)]
    if format == "csv":
        return csv_response([evaluation_csv_row(ev, snap.catalog) for ev in mine], f"danh-gia-{choice.code}.csv")
    return [evaluation_json(ev, snap.catalog) for ev in mine]
