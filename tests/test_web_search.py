"""Search through the web application, on SQLite and PostgreSQL: accents ignored, markup and
SQL in a query are text, results respect what the user may see."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from web_helpers import Seeded, login, make_app, seed


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> tuple[FastAPI, Seeded]:
    app = make_app(db_url, tmp_path)
    return app, seed(db_url, tmp_path)


def test_search_page_finds_without_accents_and_marks_the_words(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    page = login(app, "viewer").get("/search", params={"q": "che phu rung"}).text
    assert f'href="/documents/{s.finance_doc}"' in page
    assert "<mark>che phủ rừng</mark>" in page.replace("<mark>che</mark> <mark>phủ</mark> <mark>rừng</mark>", "<mark>che phủ rừng</mark>")


def test_search_api_returns_documents_and_indicators(world: tuple[FastAPI, Seeded]) -> None:
    app, s = world
    body = login(app, "planner").get("/api/search", params={"q": "THU NGAN SACH"}).json()
    assert s.finance_doc in [d["document_id"] for d in body["documents"]]
    assert [i["code"] for i in body["indicators"]] == ["NS.THU"]
    assert body["tokens"] == ["thu", "ngan", "sach"]


def test_reporters_do_not_find_other_agencies_indicators(world: tuple[FastAPI, Seeded]) -> None:
    app, _ = world
    assert login(app, "yte").get("/api/search", params={"q": "thu ngan sach"}).json()["indicators"] == []
    assert [i["code"] for i in login(app, "yte").get("/api/search", params={"q": "bac sy"}).json()["indicators"]] == ["YT.BACSY"]


@pytest.mark.parametrize("query", ["' OR '1'='1", "1; DROP TABLE documents; --", "<script>alert(1)</script>",
                                   "rung\" OR \"a", "NEAR(a b)", "*", "%", "a" * 500])
def test_hostile_queries_are_just_text(world: tuple[FastAPI, Seeded], query: str) -> None:
    app, s = world
    client = login(app, "viewer")
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert client.get("/api/search", params={"q": query}).status_code == 200
    assert client.get(f"/api/documents/{s.finance_doc}").status_code == 200  # nothing was dropped
