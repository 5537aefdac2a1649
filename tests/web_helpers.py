"""Building blocks of the web tests: an application on a real database, users of every role,
a signed-in client (through the login form, with its CSRF token), stored documents and tasks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from chitieu.extract.facts import Fact, Period, Source
from chitieu.pipeline import extract_facts, read_document
from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.store.documents import store_document
from chitieu.users import hash_password
from chitieu.web.app import create_app

PASSWORD = "mat-khau-dai-1"
FINANCE = "Sở Tài chính"
HEALTH = "Sở Y tế"
USERS = {
    "admin": ("admin", None),
    "planner": ("planner", None),
    "viewer": ("viewer", None),
    "taichinh": ("reporter", FINANCE),
    "yte": ("reporter", HEALTH),
}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@lru_cache(maxsize=1)
def password_hash() -> str:
    """One Argon2 hash of ``PASSWORD`` for every test user (hashing costs ~0.1 s each time)."""
    return hash_password(PASSWORD)


def make_app(db_url: str, tmp_path: Path, max_upload_bytes: int | None = None) -> FastAPI:
    app = create_app(db_url, secret_key="k" * 48, data_dir=tmp_path / "data", max_upload_bytes=max_upload_bytes)
    with session_scope(db_url) as session:
        for username, (role, agency) in USERS.items():
            session.add(models.User(username=username, password_hash=password_hash(), role=role, agency=agency,
                                    full_name=f"Người dùng {username}", active=True))
    return app


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.sqlite3'}"


def form_csrf(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


def login(app: FastAPI, username: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    page = client.get("/login")
    response = client.post("/login", data={"username": username, "password": password,
                                           "csrf_token": form_csrf(page.text), "next": "/"})
    assert response.status_code == 303, response.text
    return client


def api_csrf(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/csrf-token").json()["csrf_token"]}


@dataclass
class Seeded:
    finance_doc: int
    health_doc: int
    plan_doc: int
    finance_task: int
    health_task: int
    shared_task: int
    finance_fact: int


FINANCE_TEXT = (
    "NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2026\n"
    "(1) Thu ngân sách nhà nước trên địa bàn đạt 2.600 tỷ đồng.\n"
    "(2) Tỷ lệ che phủ rừng đạt 53,2%.\n"
    "(3) Số bác sỹ đạt 13,5 bác sỹ/1 vạn dân.\n"
)
PLAN_TEXT = (
    "KẾ HOẠCH\nThực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026\n"
    "1. Tăng cường quản lý thu ngân sách.\n2. Nâng cao chất lượng khám chữa bệnh.\n"
    "3. Rà soát hạ tầng y tế cơ sở.\n"
)


def _fact(doc_text: str, name: str, needle: str, kind: str, code: str | None, value: float | None, unit: str) -> Fact:
    start = doc_text.index(needle)
    return Fact(kind=kind, label=needle, indicator=code, value=value, unit=unit,  # type: ignore[arg-type]
                comparator="=", period=Period.year(2026),
                source=Source(name, start, start + len(needle), needle))


def store_text(db_url: str, tmp_path: Path, name: str, text: str,
               facts: list[tuple[str, str, str | None, float | None, str]] = ()) -> int:  # type: ignore[assignment]
    """Store ``text`` as a document through the real pipeline, with the given facts attached."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    doc.facts = [_fact(doc.text, name, needle, kind, code, value, unit) for needle, kind, code, value, unit in facts]
    with session_scope(db_url) as session:
        return store_document(session, doc, uploaded_by="planner").document_id


def store_extracted(db_url: str, tmp_path: Path, name: str, text: str) -> None:
    """Store ``text`` as a document with the facts the real extraction finds in it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    doc.facts = extract_facts(doc)
    with session_scope(db_url) as session:
        store_document(session, doc)


def seed(db_url: str, tmp_path: Path) -> Seeded:
    """Indicators of two departments, their facts, and a plan whose tasks they lead."""
    with session_scope(db_url) as session:
        session.add(models.Indicator(code="NS.THU", name="Thu ngân sách nhà nước trên địa bàn", unit="tỷ đồng",
                                     agency=FINANCE, aliases=["thu NSNN"]))
        session.add(models.Indicator(code="YT.BACSY", name="Số bác sỹ trên 1 vạn dân", unit="bác sỹ/1 vạn dân",
                                     agency=HEALTH, aliases=[]))
    finance_doc = store_text(db_url, tmp_path, "nq-2026.txt", FINANCE_TEXT, [
        ("Thu ngân sách nhà nước trên địa bàn đạt 2.600 tỷ đồng", "target", "NS.THU", 2600, "tỷ đồng"),
        ("Số bác sỹ đạt 13,5 bác sỹ/1 vạn dân", "target", "YT.BACSY", 13.5, "bác sỹ/1 vạn dân"),
        ("Tỷ lệ che phủ rừng đạt 53,2%", "target", None, 53.2, "%"),
    ])
    health_doc = store_text(db_url, tmp_path, "bc-yte.txt", "BÁO CÁO\nSố bác sỹ ước đạt 13,1 bác sỹ/1 vạn dân.\n", [
        ("Số bác sỹ ước đạt 13,1 bác sỹ/1 vạn dân", "actual", "YT.BACSY", 13.1, "bác sỹ/1 vạn dân"),
    ])
    plan_doc = store_text(db_url, tmp_path, "kh-2026.txt", PLAN_TEXT)
    today = dt.date.today()
    with session_scope(db_url) as session:
        tasks = [
            models.Task(document_id=plan_doc, code="1", title="Tăng cường quản lý thu ngân sách.", lead=[FINANCE],
                        support=["Cục Thuế tỉnh"], deadline=today + dt.timedelta(days=30), src_start=0, src_end=10),
            models.Task(document_id=plan_doc, code="2", title="Nâng cao chất lượng khám chữa bệnh.", lead=[HEALTH],
                        support=[], deadline=today - dt.timedelta(days=10), src_start=11, src_end=20),
            models.Task(document_id=plan_doc, code="3", title="Rà soát hạ tầng y tế cơ sở.", lead=[HEALTH],
                        support=["sở tài chính"], deadline=None, src_start=21, src_end=30),
        ]
        session.add_all(tasks)
        session.flush()
        fact_id = session.query(models.Fact.id).filter(models.Fact.indicator == "NS.THU").scalar()
        return Seeded(finance_doc, health_doc, plan_doc, tasks[0].id, tasks[1].id, tasks[2].id, fact_id)
