"""The plan's indicators and the review of phrases that matched none.

Reports and the dashboard's main table list the plan's indicators only; a phrase a document
gave with a figure and no indicator waits on the review page, with its sentence, until a
planner confirms it, merges it or dismisses it (many at once, one transaction). Database-
touching tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from chitieu.cli import app as cli_app
from chitieu.report.build import build_year_report
from chitieu.store import models
from chitieu.store.db import session_scope
from web_helpers import Seeded, api_csrf, form_csrf, login, make_app, seed, store_text

REPORT_TEXT = (
    "BÁO CÁO\nTình hình thực hiện kế hoạch năm 2026\n"
    "Cử 12 đoàn công tác đi các huyện.\n"
    "Trao 45 suất quà cho hộ khó khăn.\n"
    "Hỗ trợ 30 hộ làm nhà ở.\n"
    "Tổng số 18 xã đã hoàn thành.\n"
    "Thu ngân sách nhà nước trên địa bàn ước đạt 2.100 tỷ đồng.\n"
)
PHRASES = {
    "Cử 12 đoàn công tác": (12, "đoàn"),
    "Trao 45 suất quà": (45, "suất"),
    "Hỗ trợ 30 hộ làm nhà ở": (30, "hộ"),
}
NAMES = {
    "Cử 12 đoàn công tác": "Số đoàn công tác được cử",
    "Trao 45 suất quà": "Số suất quà được trao",
    "Hỗ trợ 30 hộ làm nhà ở": "Số hộ làm nhà ở được hỗ trợ",
}
NAMELESS = "Tổng số 18 xã"  # names nothing: stays a fact of its document


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> tuple[FastAPI, Seeded, dict[str, str]]:
    app = make_app(db_url, tmp_path)
    seeded = seed(db_url, tmp_path)
    store_text(db_url, tmp_path, "bc-2026.txt", REPORT_TEXT, [
        *((needle, "actual", None, value, unit) for needle, (value, unit) in PHRASES.items()),
        (NAMELESS, "actual", None, 18, "xã"),
        ("Thu ngân sách nhà nước trên địa bàn ước đạt 2.100 tỷ đồng", "actual", "NS.THU", 2100, "tỷ đồng"),
    ])
    with session_scope(db_url) as session:
        codes = {fact.label: fact.indicator for fact in session.query(models.Fact).filter(models.Fact.label.in_(PHRASES))}
        nameless = session.query(models.Fact).filter_by(label=NAMELESS).one()
        assert nameless.indicator is None
        names = {code: session.get_one(models.Indicator, code).name for code in codes.values()}
    assert all(code and code.startswith("new:") for code in codes.values())
    assert {label: names[code] for label, code in codes.items()} == NAMES
    return app, seeded, codes  # type: ignore[return-value]


def _dashboard_codes(client: object) -> set[str]:
    rows = client.get("/api/evaluations", params={"year": "2026"}).json()  # type: ignore[attr-defined]
    return {r["indicator"] for r in rows}


def test_dashboard_and_report_list_only_the_plans_indicators(world: tuple[FastAPI, Seeded, dict[str, str]]) -> None:
    app, _, codes = world
    client = login(app, "planner")
    assert not _dashboard_codes(client) & set(codes.values())
    assert {"NS.THU", "YT.BACSY"} <= _dashboard_codes(client)
    everything = {r["indicator"] for r in client.get("/api/evaluations", params={"year": "2026", "scope": "all"}).json()}
    assert set(codes.values()) <= everything
    page = client.get("/", params={"year": "2026"}).text
    assert "Cử 12 đoàn" not in page and "Trao 45" not in page
    assert "3 cụm từ có số liệu năm 2026 chưa gắn chỉ tiêu của kế hoạch" in page and 'href="/review"' in page
    with session_scope(app.state.settings.db_url) as session:
        report = build_year_report(session, 2026)
    names = [row.label for row in report.rows]
    assert any(name.startswith("Thu ngân sách nhà nước") for name in names)
    assert not any(name.startswith(("Cử", "Trao", "Hỗ trợ", "Tổng số", "Số đoàn")) for name in names)
    assert report.left_for_review == 3


def test_the_report_command_says_what_it_left_for_review(world: tuple[FastAPI, Seeded, dict[str, str]],
                                                        tmp_path: Path) -> None:
    app, _, _ = world
    out = tmp_path / "bao-cao.html"
    result = CliRunner().invoke(cli_app, ["report", "--year", "2026", "-o", str(out),
                                          "--db", app.state.settings.db_url])
    assert result.exit_code == 0, result.output
    assert "Không đưa vào báo cáo 3 cụm từ có số liệu năm 2026 chưa gắn chỉ tiêu" in " ".join(result.output.split())
    assert "Cử 12 đoàn" not in out.read_text(encoding="utf-8")


def test_review_page_lists_each_phrase_with_its_sentence(world: tuple[FastAPI, Seeded, dict[str, str]]) -> None:
    app, _, codes = world
    page = login(app, "planner").get("/review")
    assert page.status_code == 200
    # the resolution's forest-cover target matched nothing either: in the plan (it has a target)
    # and waiting for a planner to confirm what indicator it is
    assert "4 số liệu chưa gắn chỉ tiêu</strong> (4 cụm từ)" in page.text
    for needle in PHRASES:
        assert f'value="{codes[needle]}"' in page.text and f"<mark>{needle}</mark>" in page.text
        assert f">{NAMES[needle]}</a>" in page.text
    assert NAMELESS not in page.text
    # the whole sentence, not only the words the figure was read from
    assert "“<mark>Cử 12 đoàn công tác</mark> đi các huyện.”" in page.text
    assert "<strong>12 đoàn</strong>" in page.text and 'href="/documents/' in page.text
    assert login(app, "taichinh").get("/review").status_code == 403
    assert login(app, "taichinh").get("/api/review").status_code == 403


def test_bulk_confirm_and_dismiss(world: tuple[FastAPI, Seeded, dict[str, str]]) -> None:
    app, _, codes = world
    client = login(app, "planner")
    form = {"csrf_token": form_csrf(client.get("/review").text), "action": "dismiss",
            "codes": [codes["Cử 12 đoàn công tác"], codes["Trao 45 suất quà"]]}
    answer = client.post("/review", data=form)
    assert answer.status_code == 303
    page = client.get("/review").text
    assert "Đã bỏ qua 2 cụm từ" in page and "2 số liệu chưa gắn chỉ tiêu</strong> (2 cụm từ)" in page
    assert "Cử 12 đoàn" not in page
    # dismissed figures stay facts of their document, found by search
    assert "Cử 12 đoàn" in client.get("/search", params={"q": "đoàn công tác"}).text
    assert "Tổng số 18 xã" in client.get("/search", params={"q": "tong so 18 xa"}).text
    form = {"csrf_token": form_csrf(page), "action": "confirm", "codes": [codes["Hỗ trợ 30 hộ làm nhà ở"]]}
    client.post("/review", data=form)
    page = client.get("/review").text
    assert "Đã xác nhận 1 chỉ tiêu" in page and "1 số liệu chưa gắn chỉ tiêu</strong> (1 cụm từ)" in page
    assert codes["Hỗ trợ 30 hộ làm nhà ở"] in _dashboard_codes(client)
    assert not {codes["Cử 12 đoàn công tác"], codes["Trao 45 suất quà"]} & _dashboard_codes(client)
    with session_scope(app.state.settings.db_url) as session:
        actions = [a.action for a in session.query(models.AuditLog).filter_by(entity="indicator").order_by(models.AuditLog.id)]
    assert actions[-3:] == ["catalog.dismiss", "catalog.dismiss", "catalog.confirm"]


def test_bulk_merge_moves_the_figures(world: tuple[FastAPI, Seeded, dict[str, str]]) -> None:
    app, _, codes = world
    client = login(app, "planner")
    merged = [codes["Cử 12 đoàn công tác"], codes["Trao 45 suất quà"]]
    answer = client.post("/api/review", json={"codes": merged, "action": "merge",
                                               "into": "YT.BACSY — Số bác sỹ trên 1 vạn dân"}, headers=api_csrf(client))
    assert answer.status_code == 200, answer.text
    assert answer.json()["message"] == "Đã gộp 2 cụm từ vào chỉ tiêu “Số bác sỹ trên 1 vạn dân” (2 số liệu được chuyển)."
    with session_scope(app.state.settings.db_url) as session:
        moved = session.query(models.Fact).filter(models.Fact.label.in_(["Cử 12 đoàn công tác", "Trao 45 suất quà"]))
        assert {f.indicator for f in moved} == {"YT.BACSY"}
    pending = client.get("/api/review").json()
    assert (pending["phrase_count"], pending["figure_count"]) == (2, 2)
    assert "Hỗ trợ 30 hộ làm nhà ở." in [p["shown"][0]["sentence"] for p in pending["phrases"]]


def test_a_refused_phrase_undoes_the_whole_batch(world: tuple[FastAPI, Seeded, dict[str, str]]) -> None:
    app, _, codes = world
    client = login(app, "planner")
    page = client.get("/review").text
    form = {"csrf_token": form_csrf(page), "action": "dismiss", "codes": [codes["Hỗ trợ 30 hộ làm nhà ở"], "NS.THU"]}
    client.post("/review", data=form)
    page = client.get("/review").text
    assert "Không thực hiện được: cụm từ NS.THU không còn chờ rà soát" in page
    assert "4 số liệu chưa gắn chỉ tiêu</strong> (4 cụm từ)" in page
    bad_target = client.post("/api/review", json={"codes": [codes["Hỗ trợ 30 hộ làm nhà ở"]], "action": "merge", "into": "khong-co"},
                             headers=api_csrf(client))
    assert bad_target.status_code == 400 and "không có chỉ tiêu mã 'khong-co'" in bad_target.json()["detail"]
    nothing = client.post("/review", data={"csrf_token": form_csrf(page), "action": "confirm"})
    assert nothing.status_code == 303 and "chưa chọn cụm từ nào" in client.get("/review").text
    assert client.get("/api/review").json()["phrase_count"] == 4
