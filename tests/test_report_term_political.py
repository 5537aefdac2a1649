"""The term report from the political report: `chitieu report --term 2021-2025` on a store holding ``003_…``.

The archive's political report (OCR'd without Vietnamese) carries the appendix that judges the
2020-2025 term. Stored as a new user would store it, the term report must give that table back
row by row, the product's verdict beside the document's own, and say by the rule why the two
differ wherever they do. Gold: ``tests/gold/term_table_003.json`` (our reading of the appendix).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.report.build import build_term_report, province_of
from chitieu.report.model import Report
from chitieu.report.narrative import row_narrative
from chitieu.store.db import session_scope
from corpus import wrecked
from term_table_gold import reported_rows, score_table

TABLE_GOLD = json.loads((Path(__file__).parent / "gold" / "term_table_003.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('term-003') / 'db.sqlite3'}"
    result = CliRunner().invoke(app, ["ingest", str(wrecked("003")), "--db", url])
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture(scope="module")
def report(store: str) -> Report:
    with session_scope(store) as session:
        return build_term_report(session, 2021, 2025)


def test_every_row_of_the_appendix_comes_back(report: Report) -> None:
    """Rows matched by their figures (target and years); the composite row by its indicator."""
    score = score_table(reported_rows(report), TABLE_GOLD)
    assert score.row_recall >= 0.98, score.missed
    assert score.code_accuracy >= 0.9, score.wrong_codes
    # the two malnutrition rows, whose names the scan cut short, stay two rows
    malnutrition = [r for r in report.rows if r.indicator_code == "malnutrition_rate"]
    assert len(malnutrition) == 2
    assert any("2 hàng của bảng" in f.text for f in report.findings)


def test_the_document_s_verdict_stands_beside_the_rule_s(report: Report) -> None:
    assert [c.header for c in report.columns if c.kind in ("status", "official")] == [
        "Đánh giá theo quy tắc",
        "Đánh giá của văn bản nguồn",
    ]
    score = score_table(reported_rows(report), TABLE_GOLD)
    # each row's "văn bản" cell is the document's verdict as our reading of the page has it
    assert not [cell for cell in score.wrong_cells if " verdict: " in cell]
    # wherever the document's verdict follows from its own figures, the rule reaches the same
    assert score.verdict_agreement == 1.0, score.disagreeing


def test_each_difference_is_explained_by_the_rule(report: Report) -> None:
    differing = [r for r in report.rows if r.official_status and r.official_status != r.status]
    assert 3 <= len(differing) <= 14
    for row in differing:
        assert row.disagreement.startswith(f"Văn bản đánh giá «{row.official_status}», theo quy tắc «{row.status}»: ")
        assert row.disagreement in row.note
    by_code = {r.indicator_code: r for r in differing}
    # a yearly target missed one year, judged on the term estimate by the document
    assert "năm 2023: 65,1%" in by_code["commune_governments_good"].disagreement
    # the commune count of the target changed with the 2025 reorganisation
    assert "sắp xếp đơn vị hành chính" in by_code["preschool_universalisation"].disagreement
    # the document's term figure against the rule's average
    assert "trung bình cộng các năm" in by_code["birth_rate_reduction"].disagreement
    agreeing = [r for r in report.rows if r.official_status == r.status]
    assert all(not r.disagreement for r in agreeing)


def test_the_economic_structure_is_judged_through_its_shares(report: Report) -> None:
    structure = next(r for r in report.rows if r.indicator_code == "economic_structure")
    assert (structure.status, structure.official_status) == ("Không đạt", "Không đạt")
    codes = [r.indicator_code for r in report.rows]
    at = codes.index("economic_structure")
    assert set(codes[at + 1 : at + 5]) == {
        "share_agriculture", "share_industry_construction", "share_services", "share_product_taxes",
    }
    sentence = row_narrative(structure, report)
    assert "chỉ đạt khi mọi thành phần đạt" in sentence and "tỷ trọng dịch vụ trong GRDP" in sentence


def test_a_row_whose_first_words_the_scan_garbled_is_still_the_catalogue_s(report: Report) -> None:
    waste = next(r for r in report.rows if r.indicator_code == "urban_waste_collection")
    assert waste.label == "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom và xử lý"
    assert not [r for r in report.rows if (r.indicator_code or "").startswith("new:")]


def test_every_row_has_a_true_sentence(report: Report) -> None:
    for row in report.rows:
        sentence = row_narrative(row, report)
        assert sentence.startswith(row.label), sentence
    by_code = {r.indicator_code: r for r in report.rows}
    # a term figure standing on fewer years than the term names them, and is no estimate
    communes = row_narrative(by_code["ntm_communes_share"], report)
    assert "là 41,5% (giá trị năm 2024, chưa có số liệu năm 2025)" in communes
    districts = row_narrative(by_code["poor_district_poverty_reduction"], report)
    assert "đạt 5,30% (bình quân các năm 2021-2024)" in districts and "ước" not in districts
    # a target cell the scan reduced to "00" is no target of 0%: unjudged, the document's verdict kept
    exports = by_code["local_export_growth"]
    assert exports.target is None and exports.status == "Không đánh giá" and exports.official_status == "Vượt"
    assert "mục tiêu 0%" not in row_narrative(exports, report)
    party = next(r for r in report.rows if r.indicator_code == "party_orgs_good")
    text = row_narrative(party, report)
    # a yearly target: every year's figure, the estimate's bound as the table writes it
    assert "năm 2023: 91,31%" in text and "ước 2025: trên 90%" in text and "hằng năm" in text
    assert "90,00%" not in text
    members = next(r for r in report.rows if r.indicator_code == "new_party_members")
    assert members.aggregate_text == ">1.057,4"  # an average over a bound year is itself a bound


def test_the_command_writes_both_verdicts_and_the_reasons(store: str, tmp_path: Path) -> None:
    out = tmp_path / "nhiem-ky.html"
    result = CliRunner().invoke(app, ["report", "--term", "2021-2025", "--format", "html", "-o", str(out), "--db", store])
    assert result.exit_code == 0, result.output
    page = html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    assert "Đánh giá của văn bản nguồn" in page
    assert page.count("Văn bản đánh giá «") >= 3
    assert "Cơ cấu kinh tế" in page



@pytest.mark.parametrize(
    ("issuer", "province"),
    [
        ("Tỉnh ủy Lai Châu", "Lai Châu"),  # the Party committee issues the political report
        ("TỈNH UỶ NAM SƠN", "NAM SƠN"),
        ("UBND tỉnh Lai Châu", "Lai Châu"),
        ("Ủy ban nhân dân tỉnh Bắc Sơn", "Bắc Sơn"),
        ("Sở Tài chính", None),
    ],
)
def test_the_province_is_read_from_any_of_its_bodies(issuer: str, province: str | None) -> None:
    assert province_of(issuer) == province


def test_the_report_is_the_people_s_committee_s(report: Report) -> None:
    assert report.issuer == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    assert "tỉnh Ủy" not in report.reference_line()


def test_the_docx_appendix_fits_its_landscape_page(report: Report, tmp_path: Path) -> None:
    from docx import Document as open_docx

    from chitieu.report import write_report

    document = open_docx(str(write_report(report, "docx", tmp_path / "nhiem-ky.docx")))
    table = document.tables[-1]
    section = document.sections[-1]
    headers = [cell.text for cell in table.rows[0].cells]
    assert "Đánh giá theo quy tắc" in headers and "Đánh giá của văn bản nguồn" in headers
    widths = [cell.width for cell in table.rows[0].cells]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
    assert widths[-1] == max(widths[3:])  # the note, where a difference is explained, is the widest figure column
