"""The tasks of the plans: a tree per plan, filters by agency, deadline and status, and progress
updates by the agencies that lead them (optimistic locking on ``Task.version``, audit trail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from chitieu.errors import ChitieuError
from chitieu.evaluate.tasks import TASK_STATUS_LABELS, TaskStatus, task_status
from chitieu.store import models
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import DB_SESSION, flash, render
from chitieu.web.export import csv_response
from chitieu.web.permissions import agency_key, can_edit_task, can_view_task
from chitieu.web.schemas import TaskOut, TaskProgressIn

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Nhiệm vụ"])

MAX_NOTE = 4000
CONFLICT_MESSAGE = ("Nhiệm vụ này vừa được người khác cập nhật. Hãy tải lại trang, xem nội dung mới rồi nhập lại; "
                    "thay đổi của bạn chưa được lưu.")


@dataclass
class TaskRow:
    task: models.Task
    depth: int
    status: TaskStatus
    can_edit: bool
    is_group: bool = False  # a heading of the plan ("I. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU") that only groups tasks

    def to_out(self) -> TaskOut:
        t = self.task
        return TaskOut(
            id=t.id, document_id=t.document_id, code=t.code, parent_code=t.parent_code, depth=self.depth,
            title=t.title, lead=list(t.lead or []), support=list(t.support or []), deadline=t.deadline,
            completed_on=t.completed_on, status=self.status.value, status_label=self.status.label,
            progress_note=t.progress_note, updated_by=t.updated_by, updated_at=t.updated_at, version=t.version,
            can_edit=self.can_edit,
        )


def _depths(tasks: list[models.Task]) -> dict[int, int]:
    """Depth of each task in its plan's tree, following ``parent_code`` (cycles cut)."""
    by_code = {(t.document_id, t.code): t for t in tasks}
    depths: dict[int, int] = {}
    for task in tasks:
        depth, seen, current = 0, {task.code}, task
        while current.parent_code and (current.document_id, current.parent_code) in by_code and current.parent_code not in seen:
            seen.add(current.parent_code)
            current = by_code[(current.document_id, current.parent_code)]
            depth += 1
        depths[task.id] = depth
    return depths


def _matches_agency(task: models.Task, key: str) -> bool:
    return any(isinstance(n, str) and key in agency_key(n) for n in [*(task.lead or []), *(task.support or [])])


def visible_tasks(
    session: Session,
    user: Principal,
    document_id: int | None = None,
    agency: str | None = None,
    status: str | None = None,
    today: dt.date | None = None,
) -> list[TaskRow]:
    """Tasks the user may see, in plan order, optionally filtered."""
    today = today or dt.date.today()
    query = select(models.Task).order_by(models.Task.document_id, models.Task.src_start, models.Task.id)
    if document_id is not None:
        query = query.where(models.Task.document_id == document_id)
    tasks = list(session.scalars(query))
    depths = _depths(tasks)
    parents = {(t.document_id, t.parent_code) for t in tasks if t.parent_code}
    key = agency_key(agency)
    rows = []
    for task in tasks:
        if not can_view_task(user, task) or (key and not _matches_agency(task, key)):
            continue
        state = task_status(task.deadline, task.completed_on, today)
        group = _is_group(task, parents)
        if status and (group or state.value != status):
            continue
        rows.append(TaskRow(task, depths.get(task.id, 0), state, can_edit_task(user, task) and not group, group))
    return rows


def _is_group(task: models.Task, parents: set[tuple[int, str]]) -> bool:
    """A heading that only groups the tasks under it: it has children, and no agency, deadline or
    progress of its own, so it has no status to track (counting it would swell "đang thực hiện")."""
    return ((task.document_id, task.code) in parents and not task.lead and task.deadline is None
            and task.completed_on is None and not task.progress_note)


def update_task_progress(
    session: Session,
    user: Principal,
    task_id: int,
    version: int,
    completed_on: dt.date | None,
    note: str | None,
    today: dt.date | None = None,
) -> models.Task:
    """Record progress on a task, or raise: 404 unknown, 403 not allowed, 409 changed meanwhile."""
    today = today or dt.date.today()
    task = session.get(models.Task, task_id)
    if task is None or not can_view_task(user, task):
        raise HTTPException(404, "Không tìm thấy nhiệm vụ này.")
    if not can_edit_task(user, task):
        raise Forbidden("Bạn không có quyền cập nhật nhiệm vụ này (chỉ cơ quan chủ trì được cập nhật).")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise ChitieuError(f"Ghi chú dài quá {MAX_NOTE} ký tự.")
    if completed_on is not None and completed_on > today:
        raise ChitieuError("Ngày hoàn thành không được sau ngày hôm nay.")
    before = {"completed_on": task.completed_on.isoformat() if task.completed_on else None,
              "progress_note": task.progress_note, "version": task.version}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    result = session.execute(
        update(models.Task)
        .where(models.Task.id == task_id, models.Task.version == version)
        .values(completed_on=completed_on, progress_note=note, updated_by=user.username, updated_at=now,
                version=models.Task.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise HTTPException(409, CONFLICT_MESSAGE)
    session.refresh(task)
    session.add(models.AuditLog(
        username=user.username, action="update_progress", entity="task", entity_id=str(task.id), before=before,
        after={"completed_on": completed_on.isoformat() if completed_on else None, "progress_note": note,
               "version": task.version},
    ))
    return task


def _plans(session: Session) -> list[tuple[int, str]]:
    rows = session.execute(
        select(models.Document.id, models.Document.name, models.Document.number, models.Document.title)
        .where(models.Document.id.in_(select(models.Task.document_id).distinct())).order_by(models.Document.id)
    ).all()
    return [(r[0], " – ".join(x for x in (r[2], r[3] or r[1]) if x)) for r in rows]


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@pages.get("/tasks")
def tasks_page(request: Request, document: str | None = None, agency: str | None = None, status: str | None = None,
               user: Principal = Depends(require_user), session: Session = DB_SESSION) -> Response:
    status = status if status in {s.value for s in TaskStatus} else None
    rows = visible_tasks(session, user, _int_or_none(document), agency, status)
    counts: dict[str, int] = {s.value: 0 for s in TaskStatus}
    for row in visible_tasks(session, user, _int_or_none(document), agency):
        if not row.is_group:
            counts[row.status.value] += 1
    agencies = sorted({n for r in visible_tasks(session, user) for n in r.task.lead or [] if isinstance(n, str)},
                      key=str.lower)
    return render(request, "tasks.html", {
        "rows": rows, "plans": _plans(session), "agencies": agencies, "counts": counts,
        "statuses": TASK_STATUS_LABELS, "filters": {"document": document or "", "agency": agency or "", "status": status or ""},
        "today": dt.date.today(),
    })


@pages.post("/tasks/{task_id}/progress")
def task_progress_form(
    task_id: int,
    request: Request,
    version: int = Form(...),
    done: str | None = Form(None),
    completed_on: str | None = Form(None),
    note: str | None = Form(None),
    back: str = Form("/tasks"),
    user: Principal = Depends(require_user),
    session: Session = DB_SESSION,
) -> Response:
    from chitieu.web.routes.auth import safe_next

    target = safe_next(back) + f"#task-{task_id}"
    date: dt.date | None = None
    if done:
        try:
            date = dt.date.fromisoformat(completed_on) if completed_on else dt.date.today()
        except ValueError:
            flash(request, "Ngày hoàn thành không hợp lệ (dạng ngày/tháng/năm).", "error")
            return RedirectResponse(target, status_code=303)
    try:
        update_task_progress(session, user, task_id, version, date, note)
    except ChitieuError as exc:
        flash(request, str(exc), "error")
    except HTTPException as exc:
        if exc.status_code != 409:
            raise
        flash(request, str(exc.detail), "error")
    else:
        flash(request, "Đã cập nhật tiến độ nhiệm vụ.", "success")
    return RedirectResponse(target, status_code=303)


@api.get("/tasks", response_model=list[TaskOut], summary="Nhiệm vụ (lọc theo kế hoạch, cơ quan, tình trạng)",
         responses={200: {"content": {"text/csv": {}}}})
def api_tasks(document_id: int | None = None, agency: str | None = None, status: TaskStatus | None = None,
              format: str = "json", user: Principal = Depends(require_user),
              session: Session = DB_SESSION) -> Response | list[TaskOut]:
    rows = [r.to_out() for r in visible_tasks(session, user, document_id, agency, status.value if status else None)]
    if format == "csv":
        return csv_response([r.model_dump() for r in rows], "nhiem-vu.csv")
    return rows


@api.patch("/tasks/{task_id}", response_model=TaskOut, summary="Cập nhật tiến độ nhiệm vụ",
           responses={403: {"description": "Không có quyền"}, 409: {"description": "Đã bị người khác cập nhật"}})
def api_task_progress(task_id: int, body: TaskProgressIn, user: Principal = Depends(require_user),
                      session: Session = DB_SESSION) -> TaskOut:
    task = update_task_progress(session, user, task_id, body.version, body.completed_on, body.note)
    state = task_status(task.deadline, task.completed_on, dt.date.today())
    return TaskRow(task, 0, state, can_edit_task(user, task)).to_out()

