"""Dashboard — a PLACEHOLDER until the evaluation engine's dashboard replaces it.

Shows what the store holds for the signed-in user: documents, figures per indicator, tasks by
status and the overdue ones. The real dashboard (targets vs actuals, verdict colours, risks)
belongs here, with the same ``require_user`` and permission filtering.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chitieu.store import models
from chitieu.web.auth import Principal, require_user
from chitieu.web.deps import db_session, render
from chitieu.web.permissions import can_view_documents
from chitieu.web.routes.indicators import indicator_groups
from chitieu.web.routes.tasks import visible_tasks
from chitieu.web.task_status import TaskStatus

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Tổng quan"])


def summary(session: Session, user: Principal) -> dict[str, object]:
    recognised, unrecognised = indicator_groups(session, user)
    tasks = visible_tasks(session, user)
    by_status = {s.value: 0 for s in TaskStatus}
    for row in tasks:
        by_status[row.status.value] += 1
    documents = session.scalar(select(func.count(models.Document.id))) if can_view_documents(user) else 0
    return {
        "documents": int(documents or 0),
        "indicators": len(recognised),
        "unrecognised_labels": len(unrecognised),
        "facts": sum(g.facts for g in recognised + unrecognised),
        "tasks": len(tasks),
        "tasks_by_status": by_status,
        "_groups": recognised[:30],
        "_overdue": [r for r in tasks if r.status == TaskStatus.OVERDUE][:20],
    }


@pages.get("/")
def dashboard_page(request: Request, user: Principal = Depends(require_user),
                   session: Session = Depends(db_session)) -> Response:
    return render(request, "dashboard.html", {"s": summary(session, user)})


@api.get("/summary", summary="Số liệu tổng quan (tạm thời)")
def api_summary(user: Principal = Depends(require_user), session: Session = Depends(db_session)) -> dict[str, object]:
    return {k: v for k, v in summary(session, user).items() if not k.startswith("_")}
