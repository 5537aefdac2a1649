"""HTML (the web application's templates), PDF printed from it, and CSV for other programs.

The PDF test also renders page 1 to `test-output/report-page-1.png` for a person to look at.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from chitieu.report import write_report
from chitieu.report.html import render_html, report_context, template_environment
from chitieu.report.sample import report_from_term_table

OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
TITLE = "Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội nhiệm kỳ 2020-2025"


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(report_from_term_table(), "pdf", tmp_path_factory.mktemp("p") / "bao-cao.pdf")


def test_html_is_a_standalone_vietnamese_document() -> None:
    html = render_html(report_from_term_table())
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "Số: 05/BC-UBND" in html and "Lai Châu, ngày 08 tháng 09 năm 2025" in html
    assert "<td class=\"num\">-3,42</td>" in html and "<td class=\"num estimate\">8,00</td>" in html
    assert "<td class=\"num\">5,39</td>" not in html  # the term value rests on an estimate: italic
    assert "<td class=\"num estimate\">5,39</td>" in html
    assert html.count("data:image/svg+xml;base64,") == 3
    assert "- Lưu: VT, TH." in html


def test_partials_render_alone_for_the_web_application() -> None:
    environment = template_environment()
    context = report_context(report_from_term_table(), charts=False)
    table = environment.get_template("report/_table.html").render(**context)
    assert table.count("<tr class=\"group\">") == 3 and len(re.findall(r"<th[ >]", table)) == 11 and table.count("<th class=\"label\">") == 1
    assert "Tỷ lệ che phủ rừng" in table
    assert "vn_number" in environment.filters and environment.filters["vn_number"](1234.5) == "1.234,5"


def test_pdf_has_title_header_block_and_appendix(pdf_path: Path) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        first = pdf.pages[0]
        text = first.extract_text()
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
        assert TITLE in " ".join(text.split("\n"))
        assert first.width < first.height
        appendix = [p for p in pdf.pages if "(Kèm theo Báo cáo số" in (p.extract_text() or "")]
        assert appendix and appendix[0].width > appendix[0].height  # landscape
        table_text = appendix[0].extract_text()
        assert "5,39" in table_text and "2.719" in table_text and "-3,42" in table_text
        fonts = {c["fontname"] for c in first.chars}
        assert all(("Serif" in f or "Times" in f) for f in fonts), fonts
        assert 3 <= len(pdf.pages) <= 8


def test_pdf_numbers_pages_from_the_second(pdf_path: Path) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        def top_text(page: pdfplumber.page.Page) -> str:
            return (page.crop((0, 0, page.width, 20 * 72 / 25.4)).extract_text() or "").strip()

        assert top_text(pdf.pages[0]) == ""
        assert [top_text(p) for p in pdf.pages[1:]] == [str(n) for n in range(2, len(pdf.pages) + 1)]


def test_first_pdf_page_renders_to_png_for_review(pdf_path: Path) -> None:
    OUTPUT.mkdir(exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf_path))
    image = document[0].render(scale=1.5).to_pil()
    target = OUTPUT / "report-page-1.png"
    image.save(target)
    assert abs(image.width - 210 / 25.4 * 72 * 1.5) <= 2  # an A4 portrait page
    # the page is not blank: dark pixels of text
    histogram = image.convert("L").histogram()
    assert sum(histogram[:100]) > 5000
    assert target.stat().st_size > 10_000


def test_csv_opens_in_excel_with_vietnamese_and_keeps_numbers_exact(tmp_path: Path) -> None:
    path = write_report(report_from_term_table(), "csv", tmp_path / "bang.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu Nghị quyết"]
    assert rows[0][-2:] == ["Mã chỉ tiêu", "Số ước"]
    assert rows[1][:2] == ["I", "Kinh tế"]
    assert rows[2][:11] == ["1", "Tốc độ tăng trưởng kinh tế (GRDP) bình quân", "%/năm", "9-10",
                            "4.2", "8.24", "-3.42", "10.52", "8", "5.39", "Không đạt"]
    assert rows[2][-1] == "Ước 2025; Ước cả nhiệm kỳ"
    tea = next(r for r in rows if r[1] == "Diện tích trồng chè mới cả giai đoạn")
    assert tea[3] == "2400" and tea[9] == "2719"
    stunting = next(r for r in rows if r[1].startswith("Tỷ lệ trẻ em dưới 5 tuổi"))
    assert stunting[8:10] == ["<15", "<15"]
