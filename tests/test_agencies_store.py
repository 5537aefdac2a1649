"""Users keep the province's bodies: a new name or alias re-maps the tasks already stored."""

from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.pipeline import extract_facts, read_document
from chitieu.store import models
from chitieu.store.agencies import AgencyError, add_agency, list_agencies
from chitieu.store.db import session_scope
from chitieu.store.documents import store_document

PLAN = """ỦY BAN NHÂN DÂN
TỈNH SƠN HÀ
KẾ HOẠCH
Triển khai nhiệm vụ phát triển kinh tế - xã hội năm 2026
B. NỘI DUNG
I. NHIỆM VỤ CHỦ YẾU
1. Phát triển nông nghiệp
a) Ban Quản lý rừng đặc dụng chủ trì, phối hợp với Sở Tài chính rà soát diện tích rừng, hoàn thành trước ngày 30/6/2026.
"""


def test_an_alias_added_by_a_user_renames_stored_and_future_tasks(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN, encoding="utf-8")
    doc = read_document(plan)
    extract_facts(doc)
    with session_scope(url) as session:
        store_document(session, doc)
        [task] = [t for t in session.scalars(select(models.Task)) if t.code.endswith("1.a")]
        assert any("Ban Quản lý rừng" in lead for lead in task.lead)
        written = task.lead[0]
    with session_scope(url) as session:
        changed = add_agency(session, "Ban Quản lý Rừng đặc dụng Sơn Hà", "BQL RĐD", (written,))
        assert changed == 1
    with session_scope(url) as session:
        [task] = [t for t in session.scalars(select(models.Task)) if t.code.endswith("1.a")]
        assert task.lead == ["Ban Quản lý Rừng đặc dụng Sơn Hà"]
        names = [entry.name for entry in list_agencies(session)]
        assert "Ban Quản lý Rừng đặc dụng Sơn Hà" in names and "Sở Tài chính" in names


def test_an_alias_cannot_belong_to_two_bodies(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with session_scope(url) as session:
        add_agency(session, "Ban A", aliases=("BA",))
    try:
        with session_scope(url) as session:
            add_agency(session, "Ban B", aliases=("BA",))
    except AgencyError as exc:
        assert "Ban A" in str(exc)
    else:
        raise AssertionError("a duplicated alias was accepted")


def test_cli(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    runner = CliRunner()
    added = runner.invoke(app, ["agency", "add", "Sở Khoa học và Công nghệ", "--alias", "Sở KH&CN", "--db", db])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["agency", "list", "--db", db])
    assert listed.exit_code == 0 and "Sở KH&CN" in listed.output
