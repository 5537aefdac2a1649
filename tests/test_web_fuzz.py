"""The web server never crashes: every route, sent hostile or random input by a signed-in
administrator (and by nobody), answers with a refusal or a page — never a 500 — and keeps
answering afterwards. Hostile documents uploaded through the web are refused with a
Vietnamese message or ingested as text only, and a refused one stores nothing.

Routes are taken from the application's own routers, so a route added later is fuzzed too;
parameter names (path, query, form and JSON fields) come from each route's signature.
"""

from __future__ import annotations

import importlib
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.web.app import ROUTE_MODULES
from hostile_files import HOSTILE
from web_helpers import PASSWORD, form_csrf, make_app, seed, sqlite_url

UPLOAD_LIMIT = 2 * 1024 * 1024
SIGN_OUT = {("POST", "/logout"), ("DELETE", "/api/session")}
SIGN_IN_OUT = SIGN_OUT | {("POST", "/login"), ("POST", "/api/session")}
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạếềểễệóòỏõọốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ")

HOSTILE_VALUES = [
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "' OR '1'='1' --",
    "1; DROP TABLE documents; --",
    "99999999999999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "2024-13-45",
    "31/02/2024",
    "ngày 32 tháng 13 năm 2024",
    "2025-2021",
    "0000-9999",
    "\x00\x01",
    "ệ̣\u0301𝕏🙂\u202e",
    "<script>alert(1)</script>{{7*7}}",
    " ",
    "9" * 400,
    "x" * 5000,
]


@dataclass(frozen=True)
class RouteShape:
    method: str
    path: str
    path_params: tuple[str, ...]
    query: tuple[str, ...]
    form: tuple[str, ...]
    json_fields: tuple[str, ...]  # fields of a JSON body model ("" for a free-form body)
    files: tuple[str, ...]

    @property
    def writes(self) -> bool:
        return self.method in {"POST", "PUT", "PATCH", "DELETE"}


def _dependants(dependant: Any) -> Iterator[Any]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _json_fields(param: Any) -> tuple[str, ...]:
    annotation = getattr(param.field_info, "annotation", None)
    fields = getattr(annotation, "model_fields", None)
    return tuple(fields) if fields else ("",)


def route_shapes() -> list[RouteShape]:
    shapes = []
    for name in ROUTE_MODULES:
        module = importlib.import_module(f"chitieu.web.routes.{name}")
        for prefix, router in (("", module.pages), ("/api", module.api)):
            for route in router.routes:
                if not isinstance(route, APIRoute):
                    continue
                deps = list(_dependants(route.dependant))
                body = [p for d in deps for p in d.body_params]
                kinds = {p.name: type(p.field_info).__name__ for p in body}
                for method in sorted(route.methods):
                    shapes.append(RouteShape(
                        method=method,
                        path=prefix + route.path,
                        path_params=tuple(p.name for d in deps for p in d.path_params),
                        query=tuple(p.name for d in deps for p in d.query_params),
                        form=tuple(n for n, k in kinds.items() if k == "Form"),
                        json_fields=tuple(f for p in body if type(p.field_info).__name__ == "Body"
                                          for f in _json_fields(p)),
                        files=tuple(n for n, k in kinds.items() if k == "File"),
                    ))
    return shapes


ROUTES = route_shapes()
EXTRA_GETS = ["/openapi.json", "/docs", "/static/app.css", "/static/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
              "/api/nothing-here"]


class Session:
    """An administrator's signed-in client that signs in again if a request ended the session."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.client = TestClient(app, follow_redirects=False, raise_server_exceptions=False)
        self.token = ""
        self.sign_in()

    def sign_in(self) -> None:
        page = self.client.get("/login")
        response = self.client.post("/login", data={"username": "admin", "password": PASSWORD,
                                                    "csrf_token": form_csrf(page.text), "next": "/"})
        assert response.status_code == 303, response.text
        self.token = self.client.get("/api/csrf-token").json()["csrf_token"]

    def ensure(self) -> None:
        if self.client.get("/api/me").status_code != 200:
            self.sign_in()


def _fill_path(shape: RouteShape, value: str, encode: bool = True) -> str:
    segment = quote(value, safe="") if encode else value
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda _m: segment, shape.path)


def send(session: Session, shape: RouteShape, value: str, *, csrf: bool = True, encode: bool = True,
         raw_body: bytes | None = None, content_type: str | None = None) -> int:
    """One request to ``shape`` with ``value`` in every parameter; returns the status."""
    client = session.client
    url = _fill_path(shape, value, encode)
    params = {name: value for name in shape.query}
    headers = {"X-CSRF-Token": session.token} if csrf and shape.writes else {}
    if content_type:
        headers["Content-Type"] = content_type
    kwargs: dict[str, Any] = {"params": params, "headers": headers}
    if raw_body is not None:
        kwargs["content"] = raw_body
    elif shape.files:
        kwargs["files"] = {name: (f"{value[:40]}.txt", value.encode("utf-8", "replace"), "text/plain")
                           for name in shape.files}
        kwargs["data"] = {name: value for name in shape.form}
    elif shape.form:
        kwargs["data"] = {name: value for name in shape.form}
    elif shape.json_fields:
        kwargs["json"] = value if shape.json_fields == ("",) else {name: value for name in shape.json_fields}
    response = client.request(shape.method, url, **kwargs)
    if (shape.method, shape.path) in SIGN_OUT:
        session.ensure()
    return response.status_code


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    tmp = tmp_path_factory.mktemp("web-fuzz")
    url = sqlite_url(tmp)
    application = make_app(url, tmp, max_upload_bytes=UPLOAD_LIMIT)
    seed(url, tmp)
    return application


@pytest.fixture(scope="module")
def admin(app: FastAPI) -> Session:
    return Session(app)


def test_routes_are_found() -> None:
    paths = {(s.method, s.path) for s in ROUTES}
    assert ("POST", "/api/documents") in paths and ("PATCH", "/api/tasks/{task_id}") in paths
    assert len(ROUTES) >= 40


@pytest.mark.parametrize("shape", ROUTES, ids=lambda s: f"{s.method} {s.path}")
def test_every_route_refuses_hostile_values_without_crashing(admin: Session, shape: RouteShape) -> None:
    crashes = []
    # signing in and out costs a password hash each time: a few values are enough there
    values = HOSTILE_VALUES[::4] if (shape.method, shape.path) in SIGN_IN_OUT else HOSTILE_VALUES
    for value in values:
        raw = shape.path_params and ("/" in value or "%" in value)  # also sent unencoded: "../" in the path
        for encode in (True, False) if raw else (True,):
            status = send(admin, shape, value, encode=encode)
            if status >= 500:
                crashes.append((value[:40], encode, status))
    admin.ensure()
    assert crashes == []
    assert admin.client.get("/").status_code == 200


WRITE_ROUTES = [s for s in ROUTES if s.writes]
MALFORMED_BODIES = [
    (b"", None),
    (b"{", "application/json"),
    (b'{"value": ' * 5000, "application/json"),
    (b"[1, 2, 3]", "application/json"),
    ('"chuỗi"'.encode(), "application/json"),
    (b"null", "application/json"),
    (b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>", "application/xml"),
    (b"a=1&a=2&csrf_token=&" + b"b=" + b"x" * 200_000, "application/x-www-form-urlencoded"),
    (b"--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nkhong ket thuc", "multipart/form-data; boundary=xyz"),
    (b"\xff\xfe\x00garbage", "multipart/form-data"),
    (b"x" * (UPLOAD_LIMIT + 512 * 1024), "application/octet-stream"),
]


@pytest.mark.parametrize("shape", WRITE_ROUTES, ids=lambda s: f"{s.method} {s.path}")
def test_malformed_bodies_and_missing_csrf_are_refused(admin: Session, shape: RouteShape) -> None:
    statuses = []
    for body, content_type in MALFORMED_BODIES:
        statuses.append(send(admin, shape, "1", raw_body=body, content_type=content_type))
        statuses.append(send(admin, shape, "1", raw_body=body, content_type=content_type, csrf=False))
    without_token = send(admin, shape, "1", csrf=False)
    admin.ensure()
    assert all(s < 500 for s in statuses), statuses
    if (shape.method, shape.path) not in {("POST", "/login"), ("POST", "/api/session")}:
        assert without_token == 403  # no CSRF token, no change


def test_anonymous_requests_never_crash(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False, raise_server_exceptions=False)
    crashes = [(s.method, s.path, status) for s in ROUTES for value in ("1", HOSTILE_VALUES[0], HOSTILE_VALUES[2])
               if (status := client.request(s.method, _fill_path(s, value),
                                            params={n: value for n in s.query}).status_code) >= 500]
    crashes += [(path, status) for path in EXTRA_GETS if (status := client.get(path).status_code) >= 500]
    assert crashes == []
    assert "root:x:0" not in client.get("/static/../../../../etc/passwd").text


READ_ROUTES = [s for s in ROUTES if s.method == "GET"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(READ_ROUTES), value=st.text(max_size=60), extra=st.dictionaries(
    st.sampled_from(["year", "term", "period", "format", "q", "status", "page", "next", "indicator"]),
    st.one_of(st.text(max_size=30), st.integers(-(10**30), 10**30).map(str)), max_size=3))
def test_random_reads_never_crash(admin: Session, shape: RouteShape, value: str, extra: dict[str, str]) -> None:
    url = _fill_path(shape, value)
    response = admin.client.get(url, params={**{n: value for n in shape.query}, **extra})
    assert response.status_code < 500, (url, response.status_code)


# --- hostile documents through the upload --------------------------------------------------


def _counts(app: FastAPI) -> tuple[int, int, int]:
    with session_scope(app.state.settings.db_url) as s:
        return (s.scalar(select(func.count(models.Document.id))) or 0, s.scalar(select(func.count(models.Fact.id))) or 0,
                s.scalar(select(func.count(models.Task.id))) or 0)


@pytest.fixture(scope="module")
def hostile_uploads(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Path], socket.socket]]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    d = tmp_path_factory.mktemp("hostile-uploads")
    yield {name: case.make(d, sock.getsockname()[1]) for name, case in HOSTILE.items()}, sock
    sock.close()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_upload_is_refused_in_vietnamese_or_stored_as_text(
    app: FastAPI, admin: Session, hostile_uploads: tuple[dict[str, Path], socket.socket], case: str
) -> None:
    files, listener = hostile_uploads
    path = files[case]
    before = _counts(app)
    response = admin.client.post("/api/documents", headers={"X-CSRF-Token": admin.token},
                                 files={"file": (path.name, path.read_bytes(), "application/octet-stream")})
    assert response.status_code in {202, 400, 413}, response.text
    if response.status_code == 202:
        job = app.state.ingest.wait(response.json()["id"], timeout=120)
        assert job is not None and job.state.finished
        message = job.message
        refused = job.state.value == "failed"
    else:
        message = response.json()["detail"]
        refused = True
    assert VIETNAMESE_MARKS & set(message.lower()), message
    if refused:
        assert _counts(app) == before
        assert HOSTILE[case].refused_with is not None or path.stat().st_size > UPLOAD_LIMIT, message
    else:
        assert _counts(app)[0] == before[0] + 1
        stored = admin.client.get(f"/api/documents/{job.document_id}").json()
        assert "root:x:0" not in str(stored)
    with pytest.raises(BlockingIOError):
        listener.accept()  # nothing was fetched from the network
    assert admin.client.get("/").status_code == 200
