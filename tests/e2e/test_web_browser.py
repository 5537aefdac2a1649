"""End to end in a real browser: sign in, upload a document and see its facts, follow a fact to
its sentence and back, be refused another department's indicator, hostile markup stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LiveServer, screenshot, sign_in, upload_and_open
from web_helpers import FINANCE_TEXT, PASSWORD, store_text

pytestmark = pytest.mark.slow


def test_sign_in_and_dashboard(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto("/tasks")
    assert "/login?next=" in page.url
    page.fill("input[name=username]", "planner")
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("button[type=submit]")
    assert page.locator(".flash-error").inner_text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/tasks")
    assert page.locator("tr.status-overdue").count() == 1
    page.click("nav >> text=Tổng quan")
    assert page.locator("h1").inner_text().startswith("Tổng quan")
    screenshot(page, "dashboard")


def test_upload_a_document_and_see_it(page, live_server: LiveServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "planner")
    source = tmp_path / "ke-hoach-2026.txt"
    source.write_text(FINANCE_TEXT.replace("2026", "2027"), encoding="utf-8")
    upload_and_open(page, source, progress_screenshot="upload-progress")
    assert "Thu ngân sách nhà nước trên địa bàn đạt 2.600 tỷ đồng" in page.locator("#doc-text").inner_text()
    marks = page.locator("#doc-text mark.fact")
    if marks.count():  # facts exist once extractors find them: every mark is clickable to its record
        marks.first.click()
        assert page.locator(".fact-record.selected").count() >= 1
    screenshot(page, "document-upload-viewer")


def test_a_wrecked_scan_is_shown_restored_with_the_original_on_hover(page, live_server: LiveServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_restore_reading import WRECKED

    sign_in(page, "planner")
    source = tmp_path / "bao-cao-ocr.txt"
    source.write_text(WRECKED, encoding="utf-8")
    upload_and_open(page, source)
    assert page.locator("#restored-note").is_visible()
    assert "Tỷ lệ hộ nghèo giảm 4,5% so với năm trước" in page.locator("#doc-text").inner_text()
    word = page.locator("#doc-text .restored", has_text="nghèo").first
    word.hover()
    assert word.get_attribute("title") == "Bản gốc: nghéo"
    assert "Tỷ lệ hộ nghèo" in page.locator("#facts").inner_text()  # the fact's name, with its marks
    screenshot(page, "document-viewer-restored")


def test_fact_highlights_link_both_ways(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "viewer")
    page.goto("/documents")
    page.click(f"#documents a[href='/documents/{live_server.seeded.finance_doc}']")
    page.wait_for_selector("#doc-text mark.fact")
    mark = page.locator("#doc-text mark.fact", has_text="2.600 tỷ đồng")
    mark.click()
    selected = page.locator(".fact-record.selected")
    assert selected.count() == 1 and "Thu ngân sách" in selected.inner_text()
    other = page.locator(".fact-record", has_text="13,5").locator("a.goto")
    other.click()
    assert "13,5" in page.locator("#doc-text mark.fact.selected").first.inner_text()
    assert page.url.endswith("#src-" + other.get_attribute("data-goto"))
    screenshot(page, "document-viewer")


def test_reporter_is_refused_another_departments_indicator(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "yte")
    response = page.goto("/indicators/NS.THU")
    assert response.status == 403
    assert "Không có quyền truy cập" in page.locator("h1").inner_text()
    assert "2.600" not in page.content()
    ok = page.goto("/indicators/YT.BACSY")
    assert ok.status == 200 and "13,1" in page.locator("main").inner_text()
    page.goto("/indicators/NS.THU")
    screenshot(page, "refused-indicator")


def test_hostile_markup_never_runs(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = "BÁO CÁO\n<script>alert('tai-lieu')</script>\n<img src=x onerror=\"alert('anh')\"> đạt 99%\n"
    doc_id = store_text(live_server.db_url, live_server.tmp, "doc-hai.txt", hostile,
                        [("<img src=x onerror=\"alert('anh')\"> đạt 99%", "actual", None, 99, "%")])
    sign_in(page, "planner")
    page.goto(f"/documents/{doc_id}")
    text = page.locator("#doc-text").inner_text()
    assert "<script>alert('tai-lieu')</script>" in text
    page.locator("#doc-text mark.fact").first.click()
    page.goto("/search?q=" + "<script>alert('tim')</script>")
    page.goto("/tasks")
    row = page.locator("tr:has(form[action$='/progress'])").first
    row_id = row.get_attribute("id")
    row.locator("details summary").click()
    row.locator("textarea[name=note]").fill("<img src=y onerror=\"alert('ghi-chu')\">")
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    page.wait_for_selector(".flash-success")
    assert "<img src=y onerror=" in page.locator(f"#{row_id} .note").inner_text()
    assert dialogs == []


def test_review_phrases_in_bulk(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    text = "BÁO CÁO\nCử 27 bác sĩ đi đào tạo chuyên khoa.\nTrao 45 suất quà cho hộ nghèo.\n"
    store_text(live_server.db_url, live_server.tmp, "bc-ra-soat.txt", text, [
        ("Cử 27 bác sĩ", "actual", None, 27, "bác sĩ"), ("Trao 45 suất quà", "actual", None, 45, "suất")])
    sign_in(page, "planner")
    page.click("nav >> text=Rà soát")
    assert "chưa gắn chỉ tiêu" in page.locator("#review-count").inner_text()
    assert "Cử 27 bác sĩ đi đào tạo chuyên khoa." in page.locator("#review").inner_text()
    boxes = page.locator("#review input[name=codes]")
    page.check("#review-all")
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.uncheck("#review-all")
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    for needle in ("Cử 27 bác sĩ", "Trao 45 suất quà"):
        page.locator("#review tr", has_text=needle).locator("input[name=codes]").check()
    page.select_option("select[name=action]", "dismiss")
    screenshot(page, "review")
    with page.expect_navigation():
        page.click("#review-form button[type=submit]")
    assert "Đã bỏ qua 2 cụm từ" in page.locator(".flash-success").inner_text()
    assert "Cử 27 bác sĩ" not in page.locator("main").inner_text()
