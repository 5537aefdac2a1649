"""Signing in and out, sessions and CSRF: what an anonymous visitor and a forger get."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.users import set_password
from web_helpers import PASSWORD, api_csrf, form_csrf, login, make_app, sqlite_url


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return make_app(sqlite_url(tmp_path), tmp_path)


def test_login_works_on_both_databases(db_url: str, tmp_path: Path) -> None:
    client = login(make_app(db_url, tmp_path), "viewer")
    assert client.get("/api/me").json()["username"] == "viewer"


@pytest.mark.parametrize("path", ["/", "/indicators", "/documents", "/documents/1", "/tasks", "/search?q=x", "/users", "/reports"])
def test_anonymous_pages_redirect_to_login(app: FastAPI, path: str) -> None:
    response = TestClient(app, follow_redirects=False).get(path)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/api/me", "/api/documents", "/api/tasks", "/api/search?q=x", "/api/users", "/api/indicators"])
def test_anonymous_api_is_401(app: FastAPI, path: str) -> None:
    response = TestClient(app).get(path)
    assert response.status_code == 401
    assert response.json()["detail"] == "Cần đăng nhập."


def test_login_page_is_vietnamese_and_login_works(app: FastAPI) -> None:
    client = login(app, "planner")
    me = client.get("/api/me").json()
    assert (me["username"], me["role"]) == ("planner", "planner")
    page = client.get("/")
    assert page.status_code == 200
    for label in ("Tổng quan", "Chỉ tiêu", "Tài liệu", "Nhiệm vụ", "Tìm kiếm", "Báo cáo", "Đăng xuất"):
        assert label in page.text
    assert "Người dùng</a>" not in page.text  # the accounts page is for administrators only


def test_wrong_password_is_refused_with_a_message(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    token = form_csrf(client.get("/login").text)
    response = client.post("/login", data={"username": "planner", "password": "sai-mat-khau", "csrf_token": token})
    assert response.status_code == 400
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.text
    assert client.get("/api/me").status_code == 401


def test_unknown_user_gets_the_same_message(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    token = form_csrf(client.get("/login").text)
    response = client.post("/login", data={"username": "khong-ton-tai", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 400
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.text


def test_login_without_csrf_token_is_refused(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    client.get("/login")
    response = client.post("/login", data={"username": "planner", "password": PASSWORD})
    assert response.status_code == 403
    assert "CSRF" in response.text
    assert client.get("/api/me").status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/logout", None),
        ("post", "/users", {"username": "moi", "password": PASSWORD, "role": "admin"}),
        ("patch", "/api/tasks/1", {"version": 1}),
        ("post", "/api/users", {"username": "moi", "password": PASSWORD, "role": "admin"}),
        ("delete", "/api/session", None),
    ],
)
@pytest.mark.parametrize("token", [None, "gia-mao"])
def test_state_changes_need_the_session_csrf_token(app: FastAPI, method: str, path: str, body: dict | None,
                                                   token: str | None) -> None:
    client = login(app, "admin")
    headers = {"X-CSRF-Token": token} if token else {}
    kwargs = {"json": body} if path.startswith("/api/") else {"data": body or {}}
    response = client.request(method.upper(), path, headers=headers, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 403
    with session_scope(app.state.settings.db_url) as session:
        assert session.query(models.User).filter_by(username="moi").count() == 0
    assert client.get("/api/me").status_code == 200  # still signed in


def test_a_token_from_another_session_is_refused(app: FastAPI) -> None:
    admin = login(app, "admin")
    other = login(app, "planner")
    stolen = api_csrf(other)
    response = admin.post("/api/users", json={"username": "moi", "password": PASSWORD, "role": "viewer"}, headers=stolen)
    assert response.status_code == 403


def test_logout_ends_the_session(app: FastAPI) -> None:
    client = login(app, "viewer")
    token = form_csrf(client.get("/").text)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/api/me").status_code == 401


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])
def test_login_never_redirects_off_site(app: FastAPI, target: str) -> None:
    client = TestClient(app, follow_redirects=False)
    token = form_csrf(client.get("/login").text)
    response = client.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": token, "next": target})
    assert response.headers["location"] == "/"


def test_login_returns_to_the_page_asked_for(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    token = form_csrf(client.get("/login?next=/tasks").text)
    response = client.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": token, "next": "/tasks?status=overdue"})
    assert response.headers["location"] == "/tasks?status=overdue"


def test_password_change_and_deactivation_end_existing_sessions(app: FastAPI) -> None:
    url = app.state.settings.db_url
    first, second = login(app, "viewer"), login(app, "planner")
    with session_scope(url) as session:
        set_password(session, session.query(models.User).filter_by(username="viewer").one(), "mat-khau-moi-2")
        session.query(models.User).filter_by(username="planner").one().active = False
    assert first.get("/api/me").status_code == 401
    assert second.get("/api/me").status_code == 401
    login(app, "viewer", "mat-khau-moi-2")
    client = TestClient(app, follow_redirects=False)
    token = form_csrf(client.get("/login").text)
    refused = client.post("/login", data={"username": "planner", "password": PASSWORD, "csrf_token": token})
    assert refused.status_code == 400


def test_repeated_failures_lock_the_name_for_a_while(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    token = form_csrf(client.get("/login").text)
    for _ in range(5):
        client.post("/login", data={"username": "admin", "password": "sai", "csrf_token": token})
    response = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 400
    assert "quá nhiều lần" in response.text


def test_api_login_with_json(app: FastAPI) -> None:
    client = TestClient(app)
    headers = api_csrf(client)
    assert client.post("/api/session", json={"username": "viewer", "password": "x" * 9}, headers=headers).status_code == 401
    response = client.post("/api/session", json={"username": "viewer", "password": PASSWORD}, headers=headers)
    assert response.status_code == 200
    assert response.json()["role"] == "viewer"
    assert "password_hash" not in response.text


def test_session_cookie_and_security_headers(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    response = client.get("/login")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_openapi_lists_the_api(app: FastAPI) -> None:
    spec = TestClient(app).get("/openapi.json").json()
    for path in ("/api/documents", "/api/search", "/api/tasks/{task_id}", "/api/users", "/api/indicators/{code}", "/api/jobs/{job_id}"):
        assert path in spec["paths"]
    assert not any(p.startswith("/login") for p in spec["paths"])
