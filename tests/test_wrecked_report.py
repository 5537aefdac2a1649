"""The archive's political report, OCR'd without Vietnamese, read as a new user would upload it.

``003_…`` judges the 2020-2025 term and sets the 2025-2030 targets; its text layer lost every
diacritic and many letters. The gold (``tests/gold/targets_003.json``) is our reading of its list
"the main targets to 2030", item by item: 46 figures in 21 numbered items, several per item,
labels ours. ``tests/gold/term_table_003.json`` is our reading of its appendix, the table of
the term's results (55 rows, each with its target, its five years, the term figure and the
document's verdict). The document is read through the whole pipeline (restoration included),
and every fact must be found where the page states it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chitieu.catalog.model import shipped_catalog
from chitieu.extract.facts import Fact
from chitieu.pipeline import Document, extract_facts, read_document
from corpus import wrecked
from term_table_gold import score_table
from test_targets_unseen import score

GOLD = json.loads((Path(__file__).parent / "gold" / "targets_003.json").read_text(encoding="utf-8"))
TABLE_GOLD = json.loads((Path(__file__).parent / "gold" / "term_table_003.json").read_text(encoding="utf-8"))
CATALOG = shipped_catalog()


@pytest.fixture(scope="module")
def report() -> tuple[Document, list[Fact]]:
    doc = read_document(wrecked("003"))
    return doc, extract_facts(doc)


def test_it_is_known_as_the_political_report_of_the_coming_term(report: tuple[Document, list[Fact]]) -> None:
    meta = report[0].metadata
    assert meta.doc_type == "Báo cáo chính trị"
    assert meta.issuer == "Tỉnh ủy Lai Châu"
    assert (meta.period_label, meta.issued_year, meta.issued_month) == ("nhiệm kỳ 2025-2030", 2025, 8)


def test_the_2030_targets_are_found_with_their_indicators(report: tuple[Document, list[Fact]]) -> None:
    """Recall and precision against our reading: value, bound, unit, comparator, catalogue code,
    period and the yearly flag ("hằng năm … 10.000 lao động") all right."""
    targets = tuple(f for f in report[1] if f.kind == "target")
    recall, precision, missed, extra = score(targets, GOLD["targets"])
    assert recall >= 0.95, missed
    assert precision >= 0.95, extra


def test_the_targets_read_as_the_catalogue_names_them_for_the_year_the_list_names(
    report: tuple[Document, list[Fact]],
) -> None:
    doc, facts = report
    targets = [f for f in facts if f.kind == "target"]
    for fact in targets:
        assert fact.source.text == doc.text[fact.source.start : fact.source.end]
        if fact.indicator:
            assert fact.label == CATALOG[fact.indicator].name  # with diacritics the page lost
        assert fact.period is not None and fact.period.label == GOLD["period"], fact.source.text
    # read through restoration, never as sure as a clean page
    assert all(f.confidence < 1.0 for f in targets)


def test_the_results_belong_to_the_term_it_reviews(report: tuple[Document, list[Fact]]) -> None:
    """Part one states the 2020-2025 results: estimates ("udc dat" on the page) say "ước"."""
    actuals = {f.indicator: f for f in report[1] if f.kind == "actual" and f.indicator}
    per_head = actuals["grdp_per_capita"]
    assert (per_head.value, per_head.unit, per_head.period.label if per_head.period else None) == (
        65,
        "triệu đồng",
        "nhiệm kỳ 2020-2025",
    )
    assert per_head.extra["estimate"] and "udc" in per_head.source.text
    budget = actuals["budget_revenue"]
    assert (budget.value, budget.extra["estimate"]) == (2613, True)
    assert not any(f.period and f.period.start.year >= 2026 for f in report[1] if f.kind == "actual")


def test_no_target_is_read_from_the_footnotes(report: tuple[Document, list[Fact]]) -> None:
    """The notes gathered at the end tell of past results, whatever list stands above them."""
    doc, facts = report
    notes = min(note.start for note in doc.footnotes)
    assert not [f.source.text for f in facts if f.kind == "target" and f.source.start >= notes]


def test_the_term_table_is_read_row_by_row(report: tuple[Document, list[Fact]]) -> None:
    """Rows, every cell (target, 2021-2024, the 2025 estimate, the term figure, the verdict) and
    the indicator of each row against our reading; the product's own verdict agrees with the
    document's wherever the document's follows from its own figures."""
    rows = [f for f in report[1] if f.kind == "table_row"]
    found = score_table(rows, TABLE_GOLD)
    assert found.row_recall >= 0.95 and found.row_precision >= 0.95, (found.missed, len(rows))
    assert found.cell_accuracy >= 0.95, found.wrong_cells
    assert found.code_accuracy >= 0.9, found.wrong_codes
    assert found.verdict_agreement >= 0.95, found.disagreeing


def test_each_row_shows_the_document_s_verdict_beside_the_rule_s(report: tuple[Document, list[Fact]]) -> None:
    doc, facts = report
    rows = [f for f in facts if f.kind == "table_row"]
    for fact in rows:
        assert fact.source.text == doc.text[fact.source.start : fact.source.end]
        assert fact.period is not None and fact.period.label == TABLE_GOLD["period"]  # as the title names it
        assert (fact.period.start.year, fact.period.end.year) == (2020, 2025)
        assert fact.extra["rule"]
        if fact.indicator:
            assert fact.label == CATALOG[fact.indicator].name
    differing = [f for f in rows if f.extra["official_status"] and f.extra["computed_status"] not in (None, f.extra["official_status"])]
    # the rows where the rule and the province differ are few, and each says why
    assert 0 < len(differing) <= 12
    assert all("→" in f.extra["rule"] or "không" in f.extra["rule"].lower() for f in differing)
    # a result read in the table is not read again as a sentence's result
    spans = [(f.source.start, f.source.end) for f in rows]
    assert not [f for f in facts if f.kind == "actual" and any(a < f.source.end and f.source.start < b for a, b in spans)]


def test_a_lost_comma_is_put_back_by_the_row_s_own_term_figure(report: tuple[Document, list[Fact]]) -> None:
    """ "1032" for tourist arrivals in 2022 is 103,2: only so do the five rates compound to 33,4."""
    rows = {f.indicator: f for f in report[1] if f.kind == "table_row" and f.indicator}
    tourists = rows["tourist_arrivals_growth"]
    assert tourists.extra["annual"]["2022"] == 103.2
    assert any(note.startswith("1032 → 103,2") for note in tourists.extra["repaired"])
    committees = rows["party_committees_good"]
    assert committees.extra["annual"]["2021"] == 83.33 and committees.extra["computed_status"] == "Không đạt"


POLITICAL_REPORT = """TỈNH ỦY BẮC SƠN ĐẢNG CỘNG SẢN VIỆT NAM
*
Số -BC/TU Bắc Sơn, ngày tháng 8 năm 2025
(Báo cáo chính trị của Ban Chấp hành Đảng bộ tỉnh khóa XIX trình Đại hội đại biểu Đảng bộ tỉnh lần thứ XX)
Đại hội kiểm điểm việc thực hiện Nghị quyết nhiệm kỳ 2020-2025, xác định mục tiêu, nhiệm vụ nhiệm kỳ 2025-2030.
Phần thứ nhất
KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020-2025
I. KẾT QUẢ ĐẠT ĐƯỢC
GRDP bình quân đầu người ước đạt 65 triệu đồng. Đến năm 2024, chỉ số PCI đạt 67,67 điểm.
Phần thứ hai
MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ 2025-2030
2. Các chỉ tiêu chủ yếu đến năm 2030
(1) GRDP bình quân đầu người đạt 90 triệu đồng.
(2) Tỷ lệ che phủ rừng đạt 55%.
III. NHIỆM VỤ TRỌNG TÂM
"""


def test_a_political_report_s_results_belong_to_the_term_it_reviews_its_targets_to_its_list(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bao_cao_chinh_tri.txt"
    path.write_text(POLITICAL_REPORT, encoding="utf-8")
    facts = extract_facts(read_document(path))
    periods = {(f.kind, f.value): f.period.label if f.period else None for f in facts}
    assert periods == {
        ("actual", 65): "nhiệm kỳ 2020-2025",
        ("actual", 67.67): "đến năm 2024",
        ("target", 90): "đến năm 2030",
        ("target", 55): "đến năm 2030",
    }


PLAN_WITH_DAMAGED_HEADINGS = """ỦY BAN NHÂN DÂN TỈNH NAM SƠN
Số: 96/KH-UBND Nam Sơn, ngày 14 tháng 3 năm 2025
KẾ HOẠCH
Thực hiện Chương trình giảm nghèo năm 2025
I. MỤC ĐÍCH, YÊU CẦU
Cụ thể hóa các nhiệm vụ được giao.
IL MỤC TIÊU
1. Mục tiêu chung
Giảm nghèo bền vững.
2. Mục tứa cụ thể
‘Trong năm 2025, tỷ lệ lao động qua đào tạo đạt 67%. Toàn tỉnh trồng mới 1.200 ha rừng tập trung, nâng tỷ lệ che phủ rừng lên 49,5%.
III. NHIỆM VỤ, GIẢI PHÁP
1. Sở Nông nghiệp và Môi trường chủ trì rà soát hộ nghèo; hoàn thành trước ngày 30/6/2025.
"""


def test_a_plan_whose_headings_ocr_damaged_reads_each_target_once(tmp_path: Path) -> None:
    """ "IL MỤC TIÊU" is no heading and "2. Mục tứa cụ thể" looks like a task: the list is still
    the plan's target list, each figure read once (not again as a task's)."""
    path = tmp_path / "ke_hoach.txt"
    path.write_text(PLAN_WITH_DAMAGED_HEADINGS, encoding="utf-8")
    targets = [f for f in extract_facts(read_document(path)) if f.kind == "target"]
    assert sorted((f.value, f.extra["section"]) for f in targets) == [(49.5, "list"), (67, "list"), (1200, "list")]
