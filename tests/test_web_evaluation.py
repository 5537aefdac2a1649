"""The evaluation pages as users see them: dashboard, indicator page, reports and the JSON API.

World: ``evaluation_world`` (NS.THU and TL.CHEPHU of Sở Tài chính, YT.BACSY of Sở Y tế, figures
for 2025 and 2026, one overdue task of Sở Y tế). Runs on SQLite and PostgreSQL where marked.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import unquote

import docx
import openpyxl
import pytest
from fastapi.testclient import TestClient

from evaluation_world import World, build_world, nine_months, store_facts
from web_helpers import api_csrf, login, sqlite_url


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(sqlite_url(tmp_path), tmp_path)


def _evaluations(client: TestClient, query: str = "year=2026") -> dict[str, dict]:
    response = client.get(f"/api/evaluations?{query}")
    assert response.status_code == 200, response.text
    return {e["indicator"]: e for e in response.json()}


def _stat(html: str, status: str) -> int:
    match = re.search(rf'data-status="{status}">([\d.]+)<', html)
    assert match, f"no count for {status}"
    return int(match.group(1).replace(".", ""))


# --- dashboard ----------------------------------------------------------------------------

def test_dashboard_counts_every_verdict_on_both_databases(db_url: str, tmp_path: Path) -> None:
    w = build_world(db_url, tmp_path)
    planner = login(w.app, "planner")
    page = planner.get("/?year=2026")
    assert page.status_code == 200
    html = page.text
    # YT.BACSY 13,1 (estimate) < 13,5 → Không đạt; NS.THU, TL.CHEPHU and the forest-cover phrase have no result
    assert _stat(html, "Không đạt") == 1
    assert _stat(html, "Chưa có số liệu") == 3
    assert _stat(html, "Vượt") == 0 and _stat(html, "Đạt") == 0
    assert "năm 2026" in html and "Số bác sỹ trên 1 vạn dân" in html
    summary = planner.get("/api/summary?year=2026").json()
    assert summary["by_status"]["Không đạt"] == 1 and summary["indicators"] == 4
    assert summary["overdue_tasks"] == 1


def test_dashboard_groups_indicators_by_catalogue_group(world: World) -> None:
    html = login(world.app, "planner").get("/?year=2026").text
    assert html.index("Môi trường") < html.index("Tỷ lệ che phủ rừng")
    groups = re.findall(r'<tr class="group-row"><th colspan="6">([^<]+)<', html)
    assert "Môi trường " in groups


def test_reporter_dashboard_shows_only_its_agency(world: World) -> None:
    finance = login(world.app, "taichinh")
    html = finance.get("/?year=2026").text
    assert "Thu ngân sách nhà nước trên địa bàn" in html and "Tỷ lệ che phủ rừng" in html
    assert "Số bác sỹ" not in html
    assert "Nâng cao chất lượng khám chữa bệnh" not in html  # Sở Y tế's overdue task
    assert set(_evaluations(finance)) == {"NS.THU", "TL.CHEPHU"}
    health = login(world.app, "yte")
    assert "Nâng cao chất lượng khám chữa bệnh" in health.get("/?year=2026").text
    assert set(_evaluations(health)) == {"YT.BACSY"}


def test_an_entry_changes_the_dashboard_at_once(db_url: str, tmp_path: Path) -> None:
    w = build_world(db_url, tmp_path)
    finance = login(w.app, "taichinh")
    before = finance.get("/?year=2026").text  # evaluated and cached before the entry
    assert _stat(before, "Vượt") == 0
    response = finance.post("/api/entries", json={"indicator": "NS.THU", "period": "năm 2026", "value": "2.750,5",
                                                  "unit": "tỷ đồng"}, headers=api_csrf(finance))
    assert response.status_code == 201, response.text
    after = finance.get("/?year=2026").text
    assert _stat(after, "Vượt") == 1
    row = _evaluations(finance)["NS.THU"]
    assert (row["status"], row["actual"]["value"], row["actual"]["estimate"]) == ("Vượt", 2750.5, False)
    changes = after[after.index('id="changes"'):after.index('id="risks"')]
    assert "2.750,5 tỷ đồng" in changes and "nhập tay" in changes


def test_changes_compare_the_newest_document_with_the_previous_figure(world: World, tmp_path: Path) -> None:
    store_facts(world.url, tmp_path, "bc-2026-9t.txt", "BÁO CÁO\nThu ngân sách 9 tháng ước đạt 1.950 tỷ đồng.\n",
                [("Thu ngân sách 9 tháng ước đạt 1.950 tỷ đồng", "actual", "NS.THU", 1950, "tỷ đồng",
                  nine_months(2026), True)])
    store_facts(world.url, tmp_path, "bc-2026-9t-b.txt", "BÁO CÁO\nThu ngân sách 9 tháng đạt 2.010 tỷ đồng.\n",
                [("Thu ngân sách 9 tháng đạt 2.010 tỷ đồng", "actual", "NS.THU", 2010, "tỷ đồng",
                  nine_months(2026), False)])
    html = login(world.app, "planner").get("/?year=2026").text
    changes = html[html.index('id="changes"'):html.index('id="risks"')]
    assert "bc-2026-9t-b.txt" in changes
    assert "1.950 tỷ đồng" in changes and "2.010 tỷ đồng" in changes and "+60" in changes


def test_forecast_risks_are_listed(world: World, tmp_path: Path) -> None:
    # 1.000 of 2.600 after nine months, accumulating evenly → about 1.333 at year end: hard to reach
    store_facts(world.url, tmp_path, "bc-9t.txt", "BÁO CÁO\nThu ngân sách 9 tháng đạt 1.000 tỷ đồng.\n",
                [("Thu ngân sách 9 tháng đạt 1.000 tỷ đồng", "actual", "NS.THU", 1000, "tỷ đồng", nine_months(2026), False)])
    client = login(world.app, "planner")
    row = _evaluations(client)["NS.THU"]
    assert row["forecast"]["label"] == "khó đạt" and row["provisional"]
    html = client.get("/?year=2026").text
    risks = html[html.index('id="risks"'):html.index('id="overdue"')]
    assert "Thu ngân sách nhà nước trên địa bàn" in risks and "khó đạt" in risks
    assert "NS.THU" in client.get("/api/summary?year=2026").json()["at_risk"]


def test_term_view_and_bad_period_messages(world: World) -> None:
    client = login(world.app, "planner")
    assert client.get("/?term=2021-2025").status_code == 200
    bad = client.get("/api/evaluations?term=2025-2021")
    assert bad.status_code == 400 and "Nhiệm kỳ không hợp lệ" in bad.json()["detail"]
    page = client.get("/?year=abc")
    assert page.status_code == 400 and "Năm không hợp lệ: «abc»" in page.text


def test_evaluations_export_as_csv_with_bom(world: World) -> None:
    response = login(world.app, "planner").get("/api/evaluations?year=2026&format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["chi_tieu"] for r in rows} >= {"NS.THU", "YT.BACSY"}
    assert next(r for r in rows if r["chi_tieu"] == "YT.BACSY")["danh_gia"] == "Không đạt"


# --- indicator page ---------------------------------------------------------------------------

def test_indicator_page_shows_series_figures_sources_and_rules(world: World, tmp_path: Path) -> None:
    from chitieu.extract.facts import Period

    store_facts(world.url, tmp_path, "bc-2024.txt", "BÁO CÁO\nSố bác sỹ năm 2024 ước đạt 12,8.\n",
                [("Số bác sỹ năm 2024 ước đạt 12,8", "actual", "YT.BACSY", 12.8, "bác sỹ/1 vạn dân",
                  Period.year(2024), True)])
    html = login(world.app, "planner").get("/indicators/YT.BACSY").text
    assert "<svg" in html and "series-chart" in html and "Mục tiêu" in html
    assert 'class="bar estimate"' in html  # the 2024 estimate is hatched
    assert html.count('class="bar') == 3  # 2024, 2025, 2026
    assert "13,1" in html and "13,5" in html and "13" in html
    assert f'/documents/{world.seeded.health_doc}#src-' in html  # the exact sentence
    assert f'/documents/{world.report_2025}#src-' in html
    assert "Không đạt" in html and "Quy tắc đánh giá" in html
    assert "bc-yte.txt" in html and "bc-2025.txt" in html


def test_indicator_api_gives_catalogue_figures_and_yearly_evaluations(world: World) -> None:
    body = login(world.app, "viewer").get("/api/indicators/NS.THU").json()
    assert body["agency"] == "Sở Tài chính" and body["unit"] == "tỷ đồng"
    assert {e["period"]["label"] for e in body["evaluations"]} == {"năm 2025", "năm 2026"}
    assert next(e for e in body["evaluations"] if e["period"]["label"] == "năm 2025")["status"] == "Vượt"
    assert any(f["value"] == 2480 for f in body["fact_list"])


def test_unknown_indicator_is_404_for_planners(world: World) -> None:
    assert login(world.app, "planner").get("/indicators/KHONG.CO").status_code == 404


def test_planner_renames_and_the_audit_trail_keeps_it(world: World) -> None:
    client = login(world.app, "planner")
    token = api_csrf(client)["X-CSRF-Token"]
    response = client.post("/indicators/NS.THU/catalog", data={"action": "rename", "name": "Tổng thu NSNN trên địa bàn",
                                                               "csrf_token": token})
    assert response.status_code == 303
    html = client.get("/indicators/NS.THU").text
    assert '<h1 id="indicator-name">Tổng thu NSNN trên địa bàn</h1>' in html
    audit = html[html.index('id="audit"'):]
    assert "Đổi tên" in audit and "planner" in audit and "Thu ngân sách nhà nước trên địa bàn" in audit
    assert "Tổng thu NSNN trên địa bàn" in client.get("/?year=2026").text  # dashboards use the new name


def test_planner_sets_the_agency_which_moves_the_indicator_between_reporters(world: World) -> None:
    client = login(world.app, "planner")
    token = api_csrf(client)["X-CSRF-Token"]
    client.post("/indicators/TL.CHEPHU/catalog", data={"action": "agency", "agency": "Sở Y tế", "csrf_token": token})
    assert login(world.app, "yte").get("/indicators/TL.CHEPHU").status_code == 200
    assert login(world.app, "taichinh").get("/indicators/TL.CHEPHU").status_code == 403


def test_merge_moves_figures_and_redirects(world: World) -> None:
    client = login(world.app, "planner")
    token = api_csrf(client)["X-CSRF-Token"]
    codes = [g["code"] for g in client.get("/api/indicators").json() if g["code"] and g["code"].startswith("new:")]
    assert codes, "the forest-cover phrase is registered as a new indicator"
    response = client.post(f"/indicators/{codes[0]}/catalog",
                           data={"action": "merge", "into": "TL.CHEPHU", "csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/indicators/TL.CHEPHU"
    body = client.get("/api/indicators/TL.CHEPHU").json()
    assert any(f["value"] == 53.2 for f in body["fact_list"])


def test_bad_catalogue_change_is_a_message_not_an_error(world: World) -> None:
    client = login(world.app, "planner")
    token = api_csrf(client)["X-CSRF-Token"]
    client.post("/indicators/NS.THU/catalog", data={"action": "merge", "into": "NS.THU", "csrf_token": token})
    assert "Không thực hiện được" in client.get("/indicators/NS.THU").text


# --- reports ----------------------------------------------------------------------------------

def _disposition_name(response) -> str:  # type: ignore[no-untyped-def]
    header = response.headers["content-disposition"]
    assert header.startswith("attachment;")
    return unquote(header.split("filename*=UTF-8''", 1)[1])


def test_report_downloads_open_in_their_programs(world: World) -> None:
    client = login(world.app, "viewer")
    xlsx = client.get("/reports/download?year=2025&format=xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    assert _disposition_name(xlsx) == "Báo cáo kết quả thực hiện chỉ tiêu năm 2025.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("Thu ngân sách" in c for c in cells)
    word = client.get("/api/reports?year=2025&format=docx")
    assert word.status_code == 200 and "wordprocessingml" in word.headers["content-type"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "năm 2025" in text
    # no term target and no full years stored: nothing to sign, so no file
    assert client.get("/api/reports?term=2021-2025&format=docx").status_code == 400
    table = client.get("/reports/download?period=2026-9M&format=csv")
    assert table.status_code == 200 and "9 tháng năm 2026" in _disposition_name(table)
    html = client.get("/reports/download?year=2025&format=html")
    assert html.status_code == 200 and "Thu ngân sách" in html.text
    assert client.get("/reports/download?year=2025&format=exe").status_code == 400


def test_pdf_report_download(world: World) -> None:
    pdf = login(world.app, "planner").get("/reports/download?year=2025&format=pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_reports_page_links_every_format(world: World) -> None:
    html = login(world.app, "planner").get("/reports?year=2025").text
    for fmt in ("xlsx", "docx", "pdf", "html", "csv"):
        assert f"/reports/download?year=2025&amp;format={fmt}" in html
    assert "Thu ngân sách nhà nước trên địa bàn" in html


def test_a_year_with_nothing_to_report_offers_no_empty_file(world: World) -> None:
    client = login(world.app, "planner")
    page = client.get("/reports?year=2019").text
    assert 'id="nothing-to-report"' in page and "/reports/download?year=2019" not in page
    for path in ("/reports/download?year=2019&format=docx", "/api/reports?year=2019&format=xlsx"):
        refused = client.get(path)
        assert refused.status_code == 400 and "content-disposition" not in refused.headers
        assert "chưa có chỉ tiêu nào cho năm 2019" in refused.text


@pytest.mark.parametrize("path", ["/reports", "/reports/download?year=2025&format=xlsx", "/api/reports?year=2025"])
def test_reporters_cannot_download_province_reports(world: World, path: str) -> None:
    assert login(world.app, "taichinh").get(path).status_code == 403


def test_openapi_documents_the_evaluation_api(world: World) -> None:
    paths = TestClient(world.app).get("/openapi.json").json()["paths"]
    for path in ("/api/evaluations", "/api/summary", "/api/indicators", "/api/indicators/{code}", "/api/entries",
                 "/api/facts", "/api/reports"):
        assert path in paths, path
    assert "post" in paths["/api/entries"] and "409" in paths["/api/entries"]["post"]["responses"]
