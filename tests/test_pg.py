"""The store on both databases: migrations, storing a document, full-text search.

Runs once on SQLite and once on a real PostgreSQL server started by the test setup.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from chitieu.pipeline import extract_facts, read_document
from chitieu.store import models
from chitieu.store.db import get_engine, session_scope
from chitieu.store.documents import store_document
from chitieu.web.search import search

FOREST = (
    "NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2026\n"
    "Tỷ lệ che phủ rừng đạt 53,2%; thu ngân sách nhà nước trên địa bàn đạt 2.600 tỷ đồng.\n"
    "Đảng bộ tỉnh lãnh đạo thực hiện đạt và vượt các chỉ tiêu.\n"
)


def _store(url: str, tmp_path: Path, name: str, content: str) -> int:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    doc = read_document(path)
    extract_facts(doc)
    with session_scope(url) as session:
        return store_document(session, doc).document_id


def test_migrations_create_every_table(db_url: str) -> None:
    engine = get_engine(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "facts", "tasks", "users", "audit_log", "indicators", "entries", "agencies"} <= tables
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() >= "0002"


def test_migrations_apply_twice_without_change(db_url: str) -> None:
    from chitieu.store.migrate import upgrade

    engine = get_engine(db_url)
    upgrade(engine)
    upgrade(engine)


def test_store_document_is_idempotent(db_url: str, tmp_path: Path) -> None:
    first = _store(db_url, tmp_path, "nq.txt", FOREST)
    again = _store(db_url, tmp_path, "nq-copy.txt", FOREST)
    assert first == again
    with session_scope(db_url) as session:
        assert session.scalar(select(models.Document).where(models.Document.id == first)) is not None
        assert len(session.scalars(select(models.Document)).all()) == 1


@pytest.mark.parametrize(
    "query",
    ["che phu rung", "che phủ rừng", "CHE PHU RUNG", "dang bo tinh", "Đảng bộ", "ngan sach", "vuot", "che phu ru"],
)
def test_search_is_accent_and_case_insensitive(db_url: str, tmp_path: Path, query: str) -> None:
    doc_id = _store(db_url, tmp_path, "nq.txt", FOREST)
    _store(db_url, tmp_path, "other.txt", "Báo cáo tình hình giao thông nông thôn năm 2026.\n")
    with session_scope(db_url) as session:
        hits = search(session, query).documents
    assert [hit.document_id for hit in hits] == [doc_id]
    assert any(part.highlighted for part in hits[0].snippet)


@pytest.mark.parametrize(
    "query",
    ["' OR 1=1 --", "\"; DROP TABLE documents; --", "rung OR ngân", "NEAR(che rung)", "che*", "a:b", "(((", "^", "\\", "%_%"],
)
def test_search_treats_sql_and_fts_syntax_as_text(db_url: str, tmp_path: Path, query: str) -> None:
    _store(db_url, tmp_path, "nq.txt", FOREST)
    with session_scope(db_url) as session:
        results = search(session, query)
        assert session.scalar(select(models.Document.id)) is not None  # the table is still there
    for hit in results.documents:
        assert hit.title


def test_search_finds_nothing_for_absent_words(db_url: str, tmp_path: Path) -> None:
    _store(db_url, tmp_path, "nq.txt", FOREST)
    with session_scope(db_url) as session:
        assert search(session, "tàu vũ trụ").documents == []
        assert search(session, "   ").documents == []


def test_search_follows_deleted_and_changed_documents(db_url: str, tmp_path: Path) -> None:
    doc_id = _store(db_url, tmp_path, "nq.txt", FOREST)
    with session_scope(db_url) as session:
        row = session.get_one(models.Document, doc_id)
        row.text, row.title = "Văn bản thay thế về thủy lợi.", "Văn bản thay thế"
    with session_scope(db_url) as session:
        assert search(session, "che phu rung").documents == []
        assert [h.document_id for h in search(session, "thuy loi").documents] == [doc_id]
        session.delete(session.get_one(models.Document, doc_id))
    with session_scope(db_url) as session:
        assert search(session, "thuy loi").documents == []


def test_search_finds_indicators_by_folded_name_and_alias(db_url: str) -> None:
    with session_scope(db_url) as session:
        session.add(models.Indicator(code="MT.CHE_PHU_RUNG", name="Tỷ lệ che phủ rừng", unit="%",
                                     aliases=["độ che phủ của rừng"], agency="Sở Nông nghiệp và Môi trường"))
        session.add(models.Indicator(code="KT.GRDP", name="Tốc độ tăng trưởng GRDP", unit="%", aliases=[]))
    with session_scope(db_url) as session:
        assert [h.code for h in search(session, "che phu").indicators] == ["MT.CHE_PHU_RUNG"]
        assert [h.code for h in search(session, "do che phu cua").indicators] == ["MT.CHE_PHU_RUNG"]
        assert [h.code for h in search(session, "tang truong").indicators] == ["KT.GRDP"]
