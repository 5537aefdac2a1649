"""Roles, tried from outside: no page or API call shows or changes what a role does not allow.

Users: admin, planner, viewer, and two department reporters — ``taichinh`` (Sở Tài chính, owns
indicator NS.THU and leads task 1, supports task 3) and ``yte`` (Sở Y tế, owns YT.BACSY and leads
tasks 2 and 3).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from chitieu.web.ownership import IndicatorRef
from chitieu.web.permissions import (
    Principal,
    agency_key,
    can_edit_indicator,
    can_edit_task,
    can_manage_users,
    can_upload_document,
    can_view_indicator,
    can_view_task,
)
from web_helpers import FINANCE, HEALTH, Seeded, api_csrf, login, make_app, seed, sqlite_url


@pytest.fixture
def world(tmp_path: Path) -> tuple[FastAPI, Seeded]:
    url = sqlite_url(tmp_path)
    app = make_app(url, tmp_path)
    return app, seed(url, tmp_path)


# --- the rules themselves -----------------------------------------------------------------

def _user(role: str, agency: str | None = None) -> Principal:
    return Principal(id=1, username="u", role=role, agency=agency,
                     agency_keys=frozenset({agency_key(agency)}) if agency else frozenset())


FIN_IND = IndicatorRef("NS.THU", "Thu ngân sách", FINANCE)
ORPHAN = IndicatorRef("X", "Chưa rõ cơ quan", None)


@pytest.mark.parametrize(
    ("role", "agency", "view", "edit"),
    [
        ("admin", None, True, True),
        ("planner", None, True, True),
        ("viewer", None, True, False),
        ("reporter", FINANCE, True, True),
        ("reporter", "SỞ TÀI CHÍNH", True, True),  # agency names compare folded
        ("reporter", "So Tai chinh", True, True),
        ("reporter", HEALTH, False, False),
        ("reporter", None, False, False),
    ],
)
def test_indicator_rules(role: str, agency: str | None, view: bool, edit: bool) -> None:
    user = _user(role, agency)
    assert can_view_indicator(user, FIN_IND) is view
    assert can_edit_indicator(user, FIN_IND) is edit


def test_nobody_reports_an_indicator_without_agency() -> None:
    assert not can_view_indicator(_user("reporter", FINANCE), ORPHAN)
    assert can_view_indicator(_user("viewer"), ORPHAN)


class _Task:
    def __init__(self, lead: list[str], support: list[str]) -> None:
        self.lead, self.support = lead, support


@pytest.mark.parametrize(
    ("role", "agency", "lead", "support", "view", "edit"),
    [
        ("reporter", FINANCE, [FINANCE], [], True, True),
        ("reporter", FINANCE, [HEALTH], [FINANCE], True, False),  # supporting agency sees, lead updates
        ("reporter", FINANCE, [HEALTH], [], False, False),
        ("reporter", FINANCE, ["Sở Tài chính", "Sở Y tế"], [], True, True),
        ("viewer", None, [FINANCE], [], True, False),
        ("planner", None, [FINANCE], [], True, True),
    ],
)
def test_task_rules(role: str, agency: str | None, lead: list[str], support: list[str], view: bool, edit: bool) -> None:
    user, task = _user(role, agency), _Task(lead, support)
    assert can_view_task(user, task) is view
    assert can_edit_task(user, task) is edit


@pytest.mark.parametrize(("role", "users", "upload"), [("admin", True, True), ("planner", False, True),
                                                        ("reporter", False, False), ("viewer", False, False)])
def test_account_and_upload_rules(role: str, users: bool, upload: bool) -> None:
    user = _user(role, FINANCE if role == "reporter" else None)
    assert can_manage_users(user) is users
    assert can_upload_document(user) is upload


# --- the same rules through pages and API -------------------------------------------------

@pytest.mark.parametrize(
    ("username", "expected"),
    [("admin", 200), ("planner", 403), ("viewer", 403), ("taichinh", 403), ("yte", 403)],
)
@pytest.mark.parametrize("path", ["/users", "/api/users", "/api/users?format=csv"])
def test_only_administrators_see_accounts(world: tuple[FastAPI, Seeded], username: str, expected: int, path: str) -> None:
    response = login(world[0], username).get(path)
    assert response.status_code == expected
    if expected == 403:
        other = "taichinh" if username == "yte" else "yte"
        assert "password" not in response.text and other not in response.text


@pytest.mark.parametrize("username", ["planner", "viewer", "taichinh"])
def test_non_administrators_cannot_create_or_promote_accounts(world: tuple[FastAPI, Seeded], username: str) -> None:
    client = login(world[0], username)
    headers = api_csrf(client)
    created = client.post("/api/users", json={"username": "ke-gian", "password": "x" * 12, "role": "admin"}, headers=headers)
    promoted = client.patch("/api/users/1", json={"role": "admin", "active": True}, headers=headers)
    assert (created.status_code, promoted.status_code) == (403, 403)
    assert login(world[0], "admin").get("/api/users").json()[0]["username"] == "admin"


@pytest.mark.parametrize(
    ("username", "code", "expected"),
    [
        ("taichinh", "NS.THU", 200), ("taichinh", "YT.BACSY", 403),
        ("yte", "YT.BACSY", 200), ("yte", "NS.THU", 403),
        ("viewer", "NS.THU", 200), ("planner", "YT.BACSY", 200),
        ("taichinh", "KHONG.CO", 403),
    ],
)
@pytest.mark.parametrize("prefix", ["/indicators/", "/api/indicators/"])
def test_reporters_see_only_their_agencys_indicators(world: tuple[FastAPI, Seeded], username: str, code: str,
                                                     expected: int, prefix: str) -> None:
    response = login(world[0], username).get(prefix + code)
    assert response.status_code == expected
    if expected == 403:
        assert "2.600" not in response.text and "13,1" not in response.text
        assert "không có quyền" in response.text.lower() or "Không có quyền" in response.text


def test_indicator_lists_are_filtered_by_agency(world: tuple[FastAPI, Seeded]) -> None:
    app, _ = world
    codes = {g["code"] for g in login(app, "yte").get("/api/indicators").json()}
    assert codes == {"YT.BACSY"}
    planner = login(app, "planner").get("/api/indicators").json()
    # the third: the unrecognised "che phủ rừng" (no code, or a new unconfirmed one), whose agency nobody knows
    assert {"NS.THU", "YT.BACSY"} < {g["code"] for g in planner} and len(planner) == 3
    page = login(app, "taichinh").get("/indicators").text
    assert "Thu ngân sách nhà nước" in page and "Số bác sỹ trên 1 vạn dân" not in page
    dashboard = login(app, "taichinh").get("/").text
    assert "Số bác sỹ trên 1 vạn dân" not in dashboard


@pytest.mark.parametrize(("username", "expected"), [("admin", 200), ("planner", 200), ("viewer", 403), ("taichinh", 403)])
def test_only_planners_upload(world: tuple[FastAPI, Seeded], username: str, expected: int) -> None:
    client = login(world[0], username)
    assert client.get("/documents/upload").status_code == expected
    response = client.post("/api/documents", files={"file": ("a.txt", "Văn bản".encode(), "text/plain")},
                           headers=api_csrf(client))
    assert response.status_code == (202 if expected == 200 else 403)


def test_reporters_see_only_tasks_of_their_agency(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    finance = {t["id"]: t for t in login(app, "taichinh").get("/api/tasks").json()}
    assert set(finance) == {s.finance_task, s.shared_task}
    assert finance[s.finance_task]["can_edit"] and not finance[s.shared_task]["can_edit"]
    health = {t["id"] for t in login(app, "yte").get("/api/tasks").json()}
    assert health == {s.health_task, s.shared_task}
    assert len(login(app, "viewer").get("/api/tasks").json()) == 3
    page = login(app, "taichinh").get("/tasks").text
    assert f'id="task-{s.health_task}"' not in page and f'id="task-{s.finance_task}"' in page


@pytest.mark.parametrize(
    ("username", "task", "expected"),
    [("taichinh", "finance_task", 200), ("taichinh", "shared_task", 403), ("taichinh", "health_task", 404),
     ("viewer", "finance_task", 403), ("yte", "shared_task", 200), ("planner", "health_task", 200)],
)
def test_only_the_lead_agency_updates_a_task(world: tuple[FastAPI, Seeded], username: str, task: str, expected: int) -> None:
    app, s = world
    client = login(app, username)
    task_id = getattr(s, task)
    response = client.patch(f"/api/tasks/{task_id}", json={"version": 1, "note": "đã làm"}, headers=api_csrf(client))
    assert response.status_code == expected
    form = client.post(f"/tasks/{task_id}/progress", data={"version": 1, "note": "qua biểu mẫu",
                                                           "csrf_token": api_csrf(client)["X-CSRF-Token"]})
    assert form.status_code == (303 if expected == 200 else expected)
    notes = {t["id"]: t["progress_note"] for t in login(app, "planner").get("/api/tasks").json()}
    assert (notes[task_id] is not None) is (expected == 200)
