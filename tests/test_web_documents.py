"""Documents on the web: upload (background ingestion), the viewer with facts highlighted in
place, and hostile input — markup in documents shown as text, bad uploads refused."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chitieu.web.highlight import Span, highlighted_html, segments
from web_helpers import (
    FINANCE_TEXT,
    Seeded,
    api_csrf,
    form_csrf,
    login,
    make_app,
    seed,
    sqlite_url,
    store_text,
)

HOSTILE = (
    "BÁO CÁO\nTình hình thực hiện <script>alert('xss')</script> năm 2026\n"
    "Thu ngân sách <img src=x onerror=alert(1)> đạt 2.650 tỷ đồng.\n"
    '"><iframe src="javascript:alert(2)"></iframe> &amp; &lt;b&gt;\n'
)


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return make_app(sqlite_url(tmp_path), tmp_path, max_upload_bytes=64 * 1024)


def upload(client: TestClient, name: str, content: bytes, via_api: bool = True) -> dict:
    headers = api_csrf(client)
    response = client.post("/api/documents", files={"file": (name, content, "application/octet-stream")}, headers=headers)
    assert response.status_code == 202, response.text
    job = response.json()
    client.app.state.ingest.wait(job["id"], timeout=120)  # type: ignore[attr-defined]
    return client.get(f"/api/jobs/{job['id']}").json()


# --- highlighting, as a pure function ------------------------------------------------------

def test_segments_cover_the_text_and_list_every_covering_fact() -> None:
    spans = [Span(1, 0, 10, "target"), Span(2, 5, 15, "actual"), Span(3, 20, 25, "task")]
    segs = segments(30, spans)
    assert [(s.start, s.end, s.fact_ids) for s in segs] == [
        (0, 5, (1,)), (5, 10, (1, 2)), (10, 15, (2,)), (15, 20, ()), (20, 25, (3,)), (25, 30, ()),
    ]


def test_spans_outside_the_text_are_clamped_or_dropped() -> None:
    segs = segments(10, [Span(1, -5, 3, "target"), Span(2, 8, 99, "actual"), Span(3, 6, 6, "task"), Span(4, 7, 2, "task")])
    assert [(s.start, s.end, s.fact_ids) for s in segs] == [(0, 3, (1,)), (3, 8, ()), (8, 10, (2,))]


def test_highlighted_html_escapes_everything_and_anchors_each_fact_once() -> None:
    text = "a <script>x</script> b & c"
    html = str(highlighted_html(text, [Span(7, 2, 20, "target"), Span(8, 2, 10, "actual")]))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert html.count('id="src-7"') == 1 and html.count('id="src-8"') == 1
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


# --- the viewer ---------------------------------------------------------------------------

def test_viewer_highlights_each_stored_fact_at_its_span(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    app = make_app(url, tmp_path)
    s: Seeded = seed(url, tmp_path)
    client = login(app, "viewer")
    page = client.get(f"/documents/{s.finance_doc}")
    assert page.status_code == 200
    marks = re.findall(r'<mark[^>]*data-facts="([^"]+)"[^>]*>([^<]*)</mark>', page.text)
    assert ("Thu ngân sách nhà nước trên địa bàn đạt 2.600 tỷ đồng") in [m[1] for m in marks]
    assert f'id="src-{s.finance_fact}"' in page.text and f'id="fact-{s.finance_fact}"' in page.text
    assert f'href="#src-{s.finance_fact}"' in page.text
    detail = client.get(f"/api/documents/{s.finance_doc}").json()
    for fact in detail["fact_list"]:
        assert detail["text"][fact["src_start"]:fact["src_end"]] == fact["src_text"]
    fact = client.get(f"/api/facts/{s.finance_fact}").json()
    assert fact["indicator"] == "NS.THU" and fact["value"] == 2600


def test_viewer_links_facts_only_to_indicators_the_user_may_open(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    app = make_app(url, tmp_path)
    s = seed(url, tmp_path)
    page = login(app, "yte").get(f"/documents/{s.finance_doc}").text
    assert 'href="/indicators/YT.BACSY"' in page and 'href="/indicators/NS.THU"' not in page


def test_unknown_document_is_404_in_vietnamese(app: FastAPI) -> None:
    client = login(app, "viewer")
    assert "Không tìm thấy tài liệu này." in client.get("/documents/999").text
    assert client.get("/api/documents/999").status_code == 404
    assert client.get("/documents/abc").status_code == 422


# --- upload -------------------------------------------------------------------------------

def test_upload_form_ingests_in_background_and_shows_progress(app: FastAPI) -> None:
    client = login(app, "planner")
    form = client.get("/documents/upload")
    response = client.post("/documents/upload", data={"csrf_token": form_csrf(form.text)},
                           files={"file": ("nghi-quyet 2026.txt", FINANCE_TEXT.encode(), "text/plain")})
    assert response.status_code == 303
    job_url = response.headers["location"]
    job_id = job_url.rsplit("/", 1)[1]
    assert "Đang" in client.get(job_url).text or "Hoàn tất" in client.get(job_url).text
    app.state.ingest.wait(job_id, timeout=120)
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["state"] == "done", job
    assert job["created"] is True and job["finished"] and job["progress"] == 1.0
    viewer = client.get(f"/documents/{job['document_id']}").text
    assert "Thu ngân sách nhà nước trên địa bàn" in viewer
    listing = client.get("/api/documents").json()
    assert [d["name"] for d in listing] == ["nghi-quyet 2026.txt"]
    assert listing[0]["uploaded_by"] == "planner"


def test_the_viewer_says_beside_a_scanned_figure_what_the_ocr_may_have_written_otherwise(app: FastAPI) -> None:
    from test_scan_figures import WRECKED, WRECKED_LIST

    client = login(app, "planner")
    table, listed = upload(client, "bieu.txt", WRECKED.encode()), upload(client, "danh_sach.txt", WRECKED_LIST.encode())
    viewer = client.get(f"/documents/{table['document_id']}").text
    assert "«6,300 tỷ đồng»: bản OCR có thể đã đọc dấu chấm phân cách hàng nghìn thành dấu phẩy" in viewer
    assert "(6.300 tỷ đồng?); cần đối chiếu bản gốc: không dùng để đánh giá" in viewer
    assert "nên đọc là «≥» theo chiều đánh giá của chỉ tiêu" in viewer and "nên đọc là «≤»" in viewer
    listing = client.get(f"/documents/{listed['document_id']}").text
    assert "bản OCR ghi «ti thiéu» trước số liệu, đọc là «tối thiểu»" in listing
    from test_restore_percent import WRECKED as INKED_REPORT

    report = upload(client, "bao_cao.txt", INKED_REPORT.encode())
    assert "bản OCR ghi «6,1296», đọc là «6,12%»" in client.get(f"/documents/{report['document_id']}").text


def test_same_content_twice_adds_nothing(app: FastAPI) -> None:
    client = login(app, "planner")
    first = upload(client, "a.txt", FINANCE_TEXT.encode())
    second = upload(client, "b.txt", FINANCE_TEXT.encode())
    assert first["document_id"] == second["document_id"] and second["created"] is False
    assert len(client.get("/api/documents").json()) == 1


def test_hostile_markup_in_a_document_is_shown_as_text(app: FastAPI) -> None:
    client = login(app, "planner")
    job = upload(client, "hostile.txt", HOSTILE.encode())
    assert job["state"] == "done", job
    page = client.get(f"/documents/{job['document_id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<iframe" not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp;amp;" in page  # a literal "&amp;" in the document stays visible as such
    search = client.get("/search", params={"q": "tinh hinh thuc hien"}).text
    assert "<script>alert" not in search


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.docx", b"day khong phai la tep docx", "Không nhận tệp"),
        ("bao-cao.pdf", b"day khong phai la tep pdf", "Không nhận tệp"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "chỉ nhận tài liệu DOCX, PDF"),
        ("rong.txt", b"", "rỗng"),
        ("nhi-phan.txt", b"\x00\x01\x02\x03" * 100, None),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, None),  # passes the first look, fails in the reader
    ],
)
def test_malformed_uploads_are_refused_with_a_message(app: FastAPI, name: str, content: bytes, message: str | None) -> None:
    client = login(app, "planner")
    response = client.post("/api/documents", files={"file": (name, content, "application/octet-stream")},
                           headers=api_csrf(client))
    if message is not None:
        assert response.status_code == 400
        assert message in response.json()["detail"]
    else:
        assert response.status_code == 202
        app.state.ingest.wait(response.json()["id"], timeout=120)
        job = client.get(f"/api/jobs/{response.json()['id']}").json()
        assert job["state"] == "failed" and job["message"].startswith("Không xử lý được")
    assert client.get("/api/documents").json() == []
    assert client.get("/").status_code == 200  # the server is still serving


def test_a_zip_bomb_docx_is_refused_and_nothing_stored(app: FastAPI) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<a>" + "A" * 40_000 + "</a>")
    client = login(app, "planner")
    response = client.post("/api/documents", files={"file": ("hong.docx", buffer.getvalue(), "application/octet-stream")},
                           headers=api_csrf(client))
    if response.status_code == 202:
        app.state.ingest.wait(response.json()["id"], timeout=120)
        assert client.get(f"/api/jobs/{response.json()['id']}").json()["state"] == "failed"
    else:
        assert response.status_code == 400
    assert client.get("/api/documents").json() == []


@pytest.mark.parametrize(("size", "status"), [(165_000, 400), (600_000, 413)])
def test_oversized_upload_is_refused(app: FastAPI, size: int, status: int) -> None:
    """Over the limit (64 KB here): refused while copying (400), or from Content-Length before
    the body is read at all when it is far over (413)."""
    client = login(app, "planner")
    big = (b"Thu ngan sach dat 2.600 ty dong.\n" * (size // 33 + 1))[:size]
    response = client.post("/api/documents", files={"file": ("lon.txt", big, "text/plain")}, headers=api_csrf(client))
    assert response.status_code == status
    assert "quá lớn" in response.json()["detail"]
    page = client.post("/documents/upload", data={"csrf_token": api_csrf(client)["X-CSRF-Token"]},
                       files={"file": ("lon.txt", big, "text/plain")})
    assert page.status_code == status and "quá lớn" in page.text
    assert client.get("/api/documents").json() == []


def test_streamed_upload_over_the_limit_without_content_length_is_refused(app: FastAPI) -> None:
    client = login(app, "planner")
    token = api_csrf(client)["X-CSRF-Token"]
    body = b"a" * (600 * 1024)

    def chunks():  # streamed: no Content-Length header, the limit is counted while reading
        boundary = b"--XyZ\r\n"
        yield boundary + b'Content-Disposition: form-data; name="file"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\n'
        for i in range(0, len(body), 8192):
            yield body[i : i + 8192]
        yield b"\r\n--XyZ--\r\n"

    response = client.post("/api/documents", content=chunks(),
                           headers={"X-CSRF-Token": token, "content-type": "multipart/form-data; boundary=XyZ"})
    assert response.status_code == 413
    assert client.get("/api/documents").json() == []


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../etc/passwd.txt", "passwd.txt"), ("C:\\Users\\a\\Báo cáo.docx", "Báo cáo.docx"),
    ("<script>.txt", "_script_.txt"), ("", "tai-lieu"), ("...", "tai-lieu"),
])
def test_upload_names_are_made_safe(raw: str, expected: str) -> None:
    from chitieu.web.uploads import safe_filename

    assert safe_filename(raw) == expected


def test_stored_upload_keeps_a_list_entry_for_every_role_that_reads_documents(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    app = make_app(url, tmp_path)
    store_text(url, tmp_path, "nq.txt", FINANCE_TEXT)
    for username in ("admin", "planner", "viewer", "taichinh"):
        page = login(app, username).get("/documents")
        assert page.status_code == 200 and "nq.txt" in page.text
    csv = login(app, "viewer").get("/api/documents?format=csv")
    assert csv.headers["content-type"].startswith("text/csv") and "nq.txt" in csv.text
