"""Tasks: status from deadline and completion, progress updates with optimistic locking and an
audit trail, notes shown as text. Database-touching tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi import FastAPI

from chitieu.evaluate.tasks import TaskStatus, task_status
from chitieu.store import models
from chitieu.store.db import session_scope
from web_helpers import Seeded, api_csrf, form_csrf, login, make_app, seed

D = dt.date
TODAY = D(2026, 6, 15)


@pytest.mark.parametrize(
    ("deadline", "completed", "expected", "label"),
    [
        (D(2026, 6, 30), D(2026, 6, 1), TaskStatus.DONE_ON_TIME, "Hoàn thành đúng hạn"),
        (D(2026, 6, 1), D(2026, 6, 1), TaskStatus.DONE_ON_TIME, "Hoàn thành đúng hạn"),  # on the day is on time
        (D(2026, 6, 1), D(2026, 6, 2), TaskStatus.DONE_LATE, "Hoàn thành quá hạn"),
        (None, D(2026, 6, 2), TaskStatus.DONE_ON_TIME, "Hoàn thành đúng hạn"),
        (D(2026, 6, 15), None, TaskStatus.IN_PROGRESS, "Đang thực hiện trong hạn"),
        (None, None, TaskStatus.IN_PROGRESS, "Đang thực hiện trong hạn"),
        (D(2026, 6, 14), None, TaskStatus.OVERDUE, "Quá hạn chưa hoàn thành"),
    ],
)
def test_task_status(deadline: D | None, completed: D | None, expected: TaskStatus, label: str) -> None:
    status = task_status(deadline, completed, TODAY)
    assert status is expected and status.label == label


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> tuple[FastAPI, Seeded]:
    app = make_app(db_url, tmp_path)
    return app, seed(db_url, tmp_path)


def test_tasks_page_shows_status_and_highlights_overdue(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    page = login(app, "planner").get("/tasks").text
    assert f'id="task-{s.health_task}" class="status-overdue"' in page
    assert "Quá hạn chưa hoàn thành" in page and "Đang thực hiện trong hạn" in page
    overdue = login(app, "planner").get("/api/tasks", params={"status": "overdue"}).json()
    assert [t["id"] for t in overdue] == [s.health_task]
    by_agency = login(app, "planner").get("/tasks", params={"agency": "so y te"}).text
    assert f'id="task-{s.finance_task}"' not in by_agency and f'id="task-{s.health_task}"' in by_agency


def test_reporter_completes_own_task_and_the_change_is_audited(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    client = login(app, "taichinh")
    note = "Đã hoàn thành <script>alert('x')</script> & nộp báo cáo"
    today = dt.date.today()
    response = client.patch(f"/api/tasks/{s.finance_task}", json={"version": 1, "completed_on": today.isoformat(), "note": note},
                            headers=api_csrf(client))
    assert response.status_code == 200, response.text
    task = response.json()
    assert (task["version"], task["status"], task["progress_note"], task["updated_by"]) == (2, "done_on_time", note, "taichinh")
    page = client.get("/tasks").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; nộp" in page
    with session_scope(app.state.settings.db_url) as session:
        entry = session.query(models.AuditLog).filter_by(entity="task", entity_id=str(s.finance_task)).one()
        assert entry.username == "taichinh" and entry.before["version"] == 1 and entry.after["progress_note"] == note


class _NoteAtResponseStart:
    """Reads the task's note from a connection of its own the moment the response starts: what a
    browser following the redirect would see."""

    seen: list[str | None] = []

    def __init__(self, app: object, db_url: str, task_id: int) -> None:
        self.app, self.db_url, self.task_id = app, db_url, task_id

    async def __call__(self, scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        async def watching(message: dict) -> None:  # type: ignore[type-arg]
            writes = scope["method"] in ("POST", "PATCH") and "/tasks/" in scope["path"]
            if message["type"] == "http.response.start" and writes:
                with session_scope(self.db_url) as session:
                    self.seen.append(session.get(models.Task, self.task_id).progress_note)  # type: ignore[union-attr]
            await send(message)  # type: ignore[operator]

        await self.app(scope, receive, watching)  # type: ignore[operator]


def test_a_saved_note_is_committed_before_the_answer_leaves(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    _NoteAtResponseStart.seen = []
    app.add_middleware(_NoteAtResponseStart, db_url=app.state.settings.db_url, task_id=s.finance_task)
    client = login(app, "taichinh")
    page = client.get("/tasks").text
    form = {"csrf_token": form_csrf(page), "version": "1", "note": "đã gửi dự thảo", "back": "/tasks"}
    assert client.post(f"/tasks/{s.finance_task}/progress", data=form).status_code == 303
    response = client.patch(f"/api/tasks/{s.finance_task}", json={"version": 2, "note": "đã trình ký"},
                            headers=api_csrf(client))
    assert response.status_code == 200
    assert _NoteAtResponseStart.seen == ["đã gửi dự thảo", "đã trình ký"]


def test_a_stale_version_is_refused_and_nothing_is_lost(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    first, second = login(app, "taichinh"), login(app, "planner")
    ok = first.patch(f"/api/tasks/{s.finance_task}", json={"version": 1, "note": "bản thứ nhất"}, headers=api_csrf(first))
    assert ok.status_code == 200
    stale = second.patch(f"/api/tasks/{s.finance_task}", json={"version": 1, "note": "bản thứ hai"}, headers=api_csrf(second))
    assert stale.status_code == 409
    assert "vừa được người khác cập nhật" in stale.json()["detail"]
    current = {t["id"]: t for t in second.get("/api/tasks").json()}[s.finance_task]
    assert (current["progress_note"], current["version"]) == ("bản thứ nhất", 2)
    form = second.post(f"/tasks/{s.finance_task}/progress",
                       data={"version": 1, "note": "qua biểu mẫu", "csrf_token": api_csrf(second)["X-CSRF-Token"]})
    assert form.status_code == 303
    assert "vừa được người khác cập nhật" in second.get(form.headers["location"].split("#")[0]).text


def test_reopening_a_task_and_invalid_dates(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    client = login(app, "yte")
    headers = api_csrf(client)
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    refused = client.patch(f"/api/tasks/{s.health_task}", json={"version": 1, "completed_on": future}, headers=headers)
    assert refused.status_code == 400 and "sau ngày hôm nay" in refused.json()["detail"]
    late = client.patch(f"/api/tasks/{s.health_task}", json={"version": 1, "completed_on": dt.date.today().isoformat()},
                        headers=headers).json()
    assert late["status"] == "done_late"
    reopened = client.patch(f"/api/tasks/{s.health_task}", json={"version": 2, "completed_on": None}, headers=headers).json()
    assert reopened["status"] == "overdue" and reopened["version"] == 3
    garbage = client.patch(f"/api/tasks/{s.health_task}", json={"version": "x"}, headers=headers)
    assert garbage.status_code == 422 and "không hợp lệ" in garbage.json()["detail"]


def test_tasks_export_as_csv(world: tuple[FastAPI, Seeded]) -> None:
    app, _ = world
    response = login(app, "viewer").get("/api/tasks?format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("id,document_id,code") and len(lines) == 4
