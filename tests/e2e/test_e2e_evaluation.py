"""End to end in a real browser, the evaluation side: a planner uploads a plan and sees its facts
highlighted, opens an indicator; a department's reporter enters an actual and sees the dashboard
change, is refused another department's indicator; a planner downloads the XLSX report.

Screenshots: ``evaluation-dashboard``, ``evaluation-indicator``, ``evaluation-document-viewer``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from chitieu.extract.facts import Period
from conftest import LiveServer, screenshot, sign_in, upload_and_open
from evaluation_world import store_facts

pytestmark = pytest.mark.slow

PLAN_2027 = (
    "NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2027\n"
    "Các chỉ tiêu chủ yếu:\n"
    "(1) Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5%.\n"
    "(2) Tỷ lệ che phủ rừng đạt 54%.\n"
    "(3) Thu ngân sách nhà nước trên địa bàn đạt 2.900 tỷ đồng.\n"
    "Ghi chú: <script>alert('x')</script>\n"
)


@pytest.fixture(scope="module")
def history(live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> LiveServer:
    """A 2025 result for the finance and health indicators, so charts have more than one year."""
    tmp = tmp_path_factory.mktemp("e2e-history")
    store_facts(live_server.db_url, tmp, "bc-2025.txt",
                "BÁO CÁO\nThu ngân sách năm 2025 đạt 2.480 tỷ đồng.\nSố bác sỹ năm 2025 ước đạt 13,0.\n",
                [("Thu ngân sách năm 2025 đạt 2.480 tỷ đồng", "actual", "NS.THU", 2480, "tỷ đồng", Period.year(2025), False),
                 ("Số bác sỹ năm 2025 ước đạt 13,0", "actual", "YT.BACSY", 13.0, "bác sỹ/1 vạn dân", Period.year(2025), True)])
    store_facts(live_server.db_url, tmp, "nq-2025.txt", "NGHỊ QUYẾT\nThu ngân sách năm 2025 đạt 2.400 tỷ đồng.\n",
                [("Thu ngân sách năm 2025 đạt 2.400 tỷ đồng", "target", "NS.THU", 2400, "tỷ đồng", Period.year(2025), False)])
    return live_server


def test_upload_shows_facts_highlighted_and_escapes_markup(page, history: LiveServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "planner")
    source = tmp_path / "nghi-quyet-2027.txt"
    source.write_text(PLAN_2027, encoding="utf-8")
    upload_and_open(page, source)
    marks = page.locator("#doc-text mark.fact")
    assert marks.count() >= 3  # the three targets read by the real extractors
    assert "<script>alert('x')</script>" in page.locator("#doc-text").inner_text()  # shown as text
    assert page.locator("#doc-text script").count() == 0
    marks.nth(1).click()
    assert page.locator(".fact-record.selected").count() >= 1
    screenshot(page, "evaluation-document-viewer")


def test_indicator_page_has_chart_and_sources(page, history: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "planner")
    page.goto("/indicators/NS.THU")
    assert page.locator("svg.series-chart rect.bar").count() >= 1
    assert page.locator("#verdicts").get_by_text("Vượt").count() >= 1  # 2025: 2.480 over 2.400
    page.locator("#figures a.source-link").first.click()
    page.wait_for_selector("#doc-text mark.fact.selected")
    page.go_back()
    page.wait_for_selector("svg.series-chart")
    screenshot(page, "evaluation-indicator")


def test_reporter_enters_an_actual_and_the_dashboard_changes(page, history: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "taichinh")
    page.goto("/?year=2026")
    assert page.locator('[data-status="Vượt"]').inner_text() == "0"
    page.goto("/indicators/NS.THU")
    page.click("text=Nhập số liệu thực hiện")
    page.fill("input[name=period]", "năm 2026")
    page.fill("input[name=value]", "2.750,5")
    page.fill("textarea[name=note]", "Số liệu của Sở Tài chính <b>đậm</b>")
    page.click("#entry-form button[type=submit]")
    page.wait_for_selector(".flash-success")
    assert "2.750,5 tỷ đồng" in page.locator(".flash-success").inner_text()
    page.goto("/?year=2026")
    assert page.locator('[data-status="Vượt"]').inner_text() == "1"
    assert "2.750,5 tỷ đồng" in page.locator("#changes").inner_text()
    assert page.locator("tr.eval-row[data-code='NS.THU'] .status").inner_text() == "Vượt"
    screenshot(page, "evaluation-dashboard")


def test_reporter_is_refused_another_departments_indicator(page, history: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "taichinh")
    response = page.goto("/indicators/YT.BACSY")
    assert response is not None and response.status == 403
    assert "Không có quyền" in page.locator("h1").inner_text()
    assert "13,0" not in page.content()


def test_planner_downloads_the_xlsx_report(page, history: LiveServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "planner")
    page.goto("/?year=2025")
    with page.expect_download() as info:
        page.click("#downloads a[data-format=xlsx]")
    download = info.value
    assert re.fullmatch(r"Báo cáo kết quả thực hiện chỉ tiêu năm 2025\.xlsx", download.suggested_filename)
    target = tmp_path / "bao-cao.xlsx"
    download.save_as(str(target))
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    text = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "Thu ngân sách" in text
