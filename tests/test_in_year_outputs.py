"""A November-style store — a resolution and a nine-month report — in every output a planner reads.

The nine-month report gives the revenue's figure so far and its own "ước thực hiện cả năm"; the
grain figure so far only (the product projects the year); forest cover and poverty are rates (not
scaled by the months). Every output must name the period of each figure, say how the year's
estimate was made, print each verdict on an estimate as "dự kiến …", and never put a
nine-month figure next to a final verdict. Then the year's official figure arrives and the
revenue's verdict becomes final.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from typer.testing import CliRunner

from chitieu.cli import app as cli_app
from chitieu.report import write_report
from chitieu.report.cli import build
from web_helpers import login, make_app, store_extracted

RESOLUTION = """HỘI ĐỒNG NHÂN DÂN TỈNH SƠN HÀ
NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2024
Điều 1. Các chỉ tiêu chủ yếu năm 2024
1. Thu ngân sách nhà nước trên địa bàn đạt 2.600 tỷ đồng.
2. Tổng sản lượng lương thực có hạt đạt 230 nghìn tấn.
3. Tỷ lệ che phủ rừng đạt 52,5%.
4. Tỷ lệ hộ nghèo giảm còn dưới 15%.
"""

NINE_MONTHS = """ỦY BAN NHÂN DÂN TỈNH SƠN HÀ
BÁO CÁO
Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 9 tháng năm 2024
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Thu ngân sách nhà nước trên địa bàn 9 tháng ước đạt 1.980 tỷ đồng, bằng 76,2% kế hoạch; ước thực \
hiện cả năm đạt 2.650 tỷ đồng, vượt 1,9% kế hoạch.
2. Tổng sản lượng lương thực có hạt 9 tháng đạt 131,2 nghìn tấn, bằng 57% kế hoạch.
3. Tỷ lệ che phủ rừng 9 tháng năm 2024 đạt 52,4%.
4. Tỷ lệ hộ nghèo 9 tháng năm 2024 còn 15,8%.
"""

ANNUAL = """ỦY BAN NHÂN DÂN TỈNH SƠN HÀ
BÁO CÁO
Kết quả thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024
1. Năm 2024, thu ngân sách nhà nước trên địa bàn đạt 2.710 tỷ đồng.
"""

PERIOD = "9 tháng năm 2024"
FORMATS = ("csv", "xlsx", "docx", "html", "pdf")


@pytest.fixture
def november(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'tinh.db'}"
    store_extracted(url, tmp_path, "nq-2024.txt", RESOLUTION)
    store_extracted(url, tmp_path, "bc-9-thang-2024.txt", NINE_MONTHS)
    return url


def evaluations(url: str) -> dict[str, dict]:
    result = CliRunner().invoke(cli_app, ["evaluate", "--year", "2024", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    return {row["indicator"]: row for row in map(json.loads, result.stdout.splitlines())}


def report_text(url: str, fmt: str, path: Path) -> str:
    """What a reader sees of the report in ``fmt``: every cell and sentence as text."""
    write_report(build(url, 2024, None, None), fmt, path)
    if fmt == "csv":
        return "\n".join(" | ".join(row) for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(path)["Chỉ tiêu"]
        return "\n".join(" | ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True))
    if fmt == "docx":
        document = docx.Document(str(path))
        cells = [" | ".join(c.text for c in row.cells) for table in document.tables for row in table.rows]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "pdf":
        with pdfplumber.open(path) as pdf:  # the page's text, then each table cell whole (headers wrap)
            pages = [page.extract_text() or "" for page in pdf.pages]
            cells = [" | ".join(c or "" for c in row) for page in pdf.pages for t in page.extract_tables() for row in t]
            return "\n".join(pages + cells)
    text = re.sub(r"<style.*?</style>", "", path.read_text("utf-8"), flags=re.S)
    return re.sub(r"<[^>]+>", " ", re.sub(r"</(p|li|tr|h\d)>", "\n", text))


def test_evaluation_separates_the_period_figure_the_year_estimate_and_the_expected_verdict(november: str) -> None:
    rows = evaluations(november)
    revenue, grain, forest = rows["budget_revenue"], rows["grain_output"], rows["forest_cover"]
    assert revenue["actual"]["period"] == PERIOD and revenue["actual"]["full_period"] is False
    assert revenue["year_estimate"]["value"] == 2650 and not revenue["year_estimate"]["projected"]
    assert revenue["year_estimate"]["method"] == "ước thực hiện cả năm của văn bản"
    assert "ước thực hiện cả năm đạt 2.650" in revenue["year_estimate"]["source"]["text"]
    assert revenue["status_label"] == "Dự kiến vượt" and revenue["provisional"]
    assert grain["year_estimate"]["projected"] and "tích lũy đều" in grain["year_estimate"]["method"]
    assert grain["year_estimate"]["value"] == pytest.approx(131.2 * 12 / 9, abs=0.01)
    assert grain["status_label"] == "Dự kiến không đạt"  # 131,2 × 12/9 = 174,9 of 230
    assert forest["year_estimate"]["value"] == 52.4 and "không nhân theo số tháng" in forest["year_estimate"]["method"]
    assert forest["status_label"] == "Dự kiến không đạt"
    for row in rows.values():
        assert row["status_label"].startswith("Dự kiến") or row["status"] in ("Không đánh giá", "Chưa có số liệu")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_report_format_names_periods_estimates_and_expected_verdicts(
    november: str, tmp_path: Path, fmt: str
) -> None:
    text = report_text(november, fmt, tmp_path / f"bao-cao.{fmt}")
    flat = " ".join(text.split())
    # the column of the figures so far names their period (a PDF cell may wrap it)
    assert re.search(r"Thực hiện 9\s?tháng\s?năm\s?2024", flat)
    assert re.search(r"Ước thực hiện\s?năm\s?2024", flat)
    assert "Dự kiến vượt" in flat and "Dự kiến không đạt" in flat
    assert "tích lũy đều" in flat  # the projection's method is named
    assert re.search(r"\bVượt\b", flat.replace("Dự kiến vượt", "")) is None  # no final verdict anywhere
    assert not re.search(r"(?<!tháng )năm 2024 (ước )?đạt (1\.980|131,2)", flat)  # never the year's figure
    if fmt in ("docx", "html", "pdf"):
        assert "Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2024 ước đạt 1.980 tỷ đồng" in flat
        assert "ước thực hiện cả năm đạt 2.650 tỷ đồng, vượt 1,9% kế hoạch" in flat
        assert "dự báo cả năm đạt 174,9 nghìn tấn" in flat
        for sentence in re.split(r"(?<=\.)\s", flat):
            if PERIOD in sentence and "mục tiêu" in sentence:
                # a figure so far is only ever judged as a forecast
                assert re.search(r"dự kiến (vượt|đạt|không đạt)", sentence, re.IGNORECASE), sentence


def test_the_official_figure_replaces_the_estimate_and_the_verdict_becomes_final(
    november: str, tmp_path: Path
) -> None:
    store_extracted(november, tmp_path, "bc-nam-2024.txt", ANNUAL)
    revenue = evaluations(november)["budget_revenue"]
    assert revenue["provisional"] is False and revenue["year_estimate"] is None
    assert revenue["actual"]["value"] == 2710 and revenue["actual"]["period"] == "năm 2024"
    assert revenue["status"] == revenue["status_label"] == "Vượt"
    text = " ".join(report_text(november, "html", tmp_path / "bao-cao.html").split())
    assert "Thu ngân sách nhà nước trên địa bàn năm 2024 đạt 2.710 tỷ đồng" in text
    assert "theo số liệu cả năm, 1 chỉ tiêu vượt" in text


def test_web_pages_and_api_show_the_period_the_estimate_and_the_expected_verdict(
    november: str, tmp_path: Path
) -> None:
    client = login(make_app(november, tmp_path), "planner")
    api = {e["indicator"]: e for e in client.get("/api/evaluations?year=2024").json()}
    assert api["budget_revenue"]["year_estimate"]["value"] == 2650
    assert api["budget_revenue"]["status_label"] == "Dự kiến vượt"
    dashboard = client.get("/?year=2024").text
    assert "Dự kiến vượt" in dashboard and "(tạm tính)" not in dashboard
    assert "Ước cả năm: " in dashboard and "Dự báo cả năm: " in dashboard and PERIOD in dashboard
    assert re.search(r'data-expected="Vượt">trong đó 1 dự kiến', dashboard)
    page = client.get("/indicators/grain_output").text
    assert "Dự báo cả năm: " in page and "Dự kiến không đạt" in page
    exported = client.get("/api/evaluations?year=2024&format=csv").content.decode("utf-8-sig")
    revenue = next(r for r in csv.DictReader(io.StringIO(exported)) if r["chi_tieu"] == "budget_revenue")
    assert revenue["danh_gia"] == "Dự kiến vượt" and revenue["ky_so_lieu"] == PERIOD
    assert revenue["uoc_ca_nam"] == "2650.0" and revenue["cach_uoc_ca_nam"] == "ước thực hiện cả năm của văn bản"
