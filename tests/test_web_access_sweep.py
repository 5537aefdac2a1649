"""Every route of the application, tried by a viewer and by a reporter of another department.

Instead of trusting a list of URLs, the routes are taken from the application itself, so a
route added later is tried too. A viewer changes nothing anywhere; a reporter of Sở Tài chính
neither reads nor changes what belongs to Sở Y tế (indicator YT.BACSY, task 2). "Nothing
changed" is checked in the database, not only in status codes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from chitieu.store import models
from chitieu.store.db import session_scope
from evaluation_world import World, build_world
from web_helpers import api_csrf, login, sqlite_url

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
SIGN_IN_OUT = {"/login", "/logout", "/api/session"}
REFUSED = {400, 401, 403, 404, 405, 409, 413, 422}


@pytest.fixture
def world(tmp_path: Path) -> World:
    w = build_world(sqlite_url(tmp_path), tmp_path)
    health = login(w.app, "yte")  # Sở Y tế has a figure and an attachment of its own
    health.post("/api/entries", json={"indicator": "YT.BACSY", "period": "năm 2025", "value": "13,2"},
                headers=api_csrf(health))
    return w


def _state(url: str) -> tuple[Any, ...]:
    """Everything a change could touch."""
    with session_scope(url) as s:
        return (
            s.scalar(select(func.count(models.Document.id))), s.scalar(select(func.count(models.Fact.id))),
            tuple(s.execute(select(models.Entry.id, models.Entry.value, models.Entry.version)).all()),
            tuple(s.execute(select(models.Task.id, models.Task.version, models.Task.completed_on)).all()),
            tuple(s.execute(select(models.User.username, models.User.role, models.User.active)).all()),
            tuple(s.execute(select(models.Indicator.code, models.Indicator.name, models.Indicator.agency,
                                   models.Indicator.merged_into)).all()),
            s.scalar(select(func.max(models.AuditLog.id))),
        )


def _fill(path: str, world: World, entry_id: int) -> str:
    values = {"code": "YT.BACSY", "task_id": str(world.seeded.health_task), "doc_id": str(world.seeded.health_doc),
              "user_id": "1", "entry_id": str(entry_id), "job_id": "x", "fact_id": str(world.seeded.finance_fact)}
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values.get(m.group(1), "1"), path)


BODY = {"indicator": "YT.BACSY", "period": "năm 2026", "value": "13,9", "version": 1, "note": "x", "done": "1",
        "action": "rename", "name": "Tên khác", "into": "NS.THU", "agency": "Sở Tài chính",
        "username": "ke-gian", "password": "x" * 12, "role": "admin", "active": True, "completed_on": None}


def _routes(_client: TestClient) -> list[tuple[str, set[str]]]:
    """Every route of every area the application registers (``chitieu.web.app.ROUTE_MODULES``)."""
    import importlib

    from chitieu.web.app import ROUTE_MODULES

    out = []
    for name in ROUTE_MODULES:
        module = importlib.import_module(f"chitieu.web.routes.{name}")
        for prefix, router in (("", module.pages), ("/api", module.api)):
            for route in router.routes:
                if isinstance(route, APIRoute):
                    out.append((prefix + route.path, set(route.methods)))
    return out


def _try_every_write(client: TestClient, world: World, entry_id: int) -> list[str]:
    token = api_csrf(client)["X-CSRF-Token"]
    accepted: list[str] = []
    tried = 0
    for route_path, methods in _routes(client):
        for method in sorted(methods & WRITE_METHODS):
            if route_path in SIGN_IN_OUT:
                continue
            path = _fill(route_path, world, entry_id)
            tried += 1
            if path.startswith("/api/"):
                response = client.request(method, path, json=BODY, headers={"X-CSRF-Token": token})
            else:
                form = {k: str(v) for k, v in BODY.items() if v is not None} | {"csrf_token": token}
                response = client.request(method, path, data=form)
            if response.status_code not in REFUSED:
                accepted.append(f"{method} {path} → {response.status_code}")
    assert tried >= 10, "the application's write routes were not found"
    return accepted


def _entry_id(world: World) -> int:
    with session_scope(world.url) as s:
        return int(s.scalar(select(models.Entry.id).where(models.Entry.indicator == "YT.BACSY")))


def test_a_viewer_changes_nothing_on_any_route(world: World) -> None:
    before = _state(world.url)
    accepted = _try_every_write(login(world.app, "viewer"), world, _entry_id(world))
    assert accepted == []
    assert _state(world.url) == before


def test_a_reporter_changes_nothing_of_another_department(world: World) -> None:
    before = _state(world.url)
    accepted = _try_every_write(login(world.app, "taichinh"), world, _entry_id(world))
    assert accepted == []
    assert _state(world.url) == before


def test_a_reporter_reads_nothing_of_another_departments_indicator(world: World) -> None:
    client = login(world.app, "taichinh")
    entry_id = _entry_id(world)
    tried = 0
    for route_path, methods in _routes(client):
        if "GET" not in methods or "{" not in route_path or "doc_id" in route_path or "fact_id" in route_path:
            continue  # documents are the province's published papers: every role reads them
        tried += 1
        path = _fill(route_path, world, entry_id)
        response = client.get(path)
        assert response.status_code in {403, 404}, path
        assert "13,2" not in response.text and "13.2" not in response.text, path
    assert tried >= 5
    for path in ("/api/evaluations?year=2026", "/api/evaluations?year=2025&format=csv", "/api/indicators",
                 "/api/entries", "/api/entries?indicator=YT.BACSY", "/api/summary?year=2026", "/",
                 "/?year=2025", "/indicators", "/entries", "/entries/new"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "YT.BACSY" not in response.text and "Số bác sỹ" not in response.text, path
    assert client.get("/api/facts?indicator=YT.BACSY").status_code == 403
    assert client.get("/entries/new?indicator=YT.BACSY").status_code == 403
