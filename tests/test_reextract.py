"""Stored documents are read again after the catalogue changes; task progress survives."""

from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.pipeline import extract_facts, read_document
from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.store.documents import store_document
from chitieu.store.reextract import reextract_document
from web_helpers import form_csrf, login, make_app, sqlite_url

RESOLUTION = (
    "NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2026\n"
    "Các chỉ tiêu chủ yếu\n"
    "(1) Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5%; tỷ lệ che phủ rừng đạt 53,2%.\n"
    "(2) Số hợp tác xã kiểu mới thành lập mới đạt 40 hợp tác xã.\n"
)


def store(url: str, tmp_path: Path, text: str, name: str) -> int:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    extract_facts(doc)
    with session_scope(url) as session:
        return store_document(session, doc).document_id


def facts_of(url: str, doc_id: int) -> list[tuple[str, str | None, float | None, int, int]]:
    with session_scope(url) as session:
        rows = session.scalars(select(models.Fact).where(models.Fact.document_id == doc_id).order_by(models.Fact.src_start))
        return [(f.kind, f.indicator, f.value, f.src_start, f.src_end) for f in rows]


def test_reextraction_reproduces_the_facts_with_the_same_spans(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    doc_id = store(url, tmp_path, RESOLUTION, "nq.txt")
    before = facts_of(url, doc_id)
    assert any(code == "forest_cover" for _k, code, *_ in before)
    with session_scope(url) as session:
        done = reextract_document(session, doc_id)
    assert done.before == done.after == len(before)
    assert facts_of(url, doc_id) == before


def test_task_progress_survives_reextraction(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    plan = (
        "KẾ HOẠCH\nTriển khai nhiệm vụ năm 2026\nB. NỘI DUNG\nI. NHIỆM VỤ\n"
        "1. Sở Tài chính chủ trì rà soát nguồn thu, hoàn thành trước ngày 30/6/2026.\n"
        "2. Sở Y tế chủ trì nâng cao chất lượng khám chữa bệnh, hoàn thành trước ngày 30/9/2026.\n"
    )
    doc_id = store(url, tmp_path, plan, "kh.txt")
    with session_scope(url) as session:
        task = session.scalars(select(models.Task).where(models.Task.document_id == doc_id)).first()
        assert task is not None
        task.progress_note = "đã hoàn thành rà soát"
        code = task.code
    with session_scope(url) as session:
        reextract_document(session, doc_id)
    with session_scope(url) as session:
        task = session.scalar(select(models.Task).where(models.Task.document_id == doc_id, models.Task.code == code))
        assert task is not None and task.progress_note == "đã hoàn thành rà soát"
        assert session.scalar(select(func.count()).select_from(models.Task)) >= 2


def test_cli_and_web(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    web = make_app(url, tmp_path)
    doc_id = store(url, tmp_path, RESOLUTION, "nq.txt")
    result = CliRunner().invoke(app, ["reextract", str(doc_id), "--db", url])
    assert result.exit_code == 0, result.output
    assert "Đã trích xuất lại" in result.output
    planner = login(web, "planner")
    page = planner.get(f"/documents/{doc_id}")
    assert "Trích xuất lại" in page.text
    response = planner.post(f"/documents/{doc_id}/reextract", data={"csrf_token": form_csrf(page.text)})
    assert response.status_code == 303
    viewer = login(web, "viewer")
    page = viewer.get(f"/documents/{doc_id}")
    assert "Trích xuất lại" not in page.text
    refused = viewer.post(f"/documents/{doc_id}/reextract", data={"csrf_token": form_csrf(page.text)})
    assert refused.status_code == 403
