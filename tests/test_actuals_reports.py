"""Actual results from progress reports the extractor was not built on, read through the pipeline.

The reports in ``tests/fixtures/reports/`` were written for these tests, each in another
province's wording and another form: a monthly report, a 6-month report (clean, and the same
text as OCR without a Vietnamese model leaves it), an annual report with ranks and fractions,
a 9-month report whose results are a Word table, and a quarterly report whose footnotes carry
figures. Each has a hand-made gold list (``tests/gold/actuals_<name>.json``) of every actual
it states. A fact matches a gold statement on value, unit, plan ratio (and its basis) and
change (value, unit, direction, basis), and on the catalogue code where the gold names one.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from chitieu.extract.facts import Fact
from chitieu.pipeline import Document, extract_facts, read_document
from fixtures.report_docx import build_docx

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "reports"
GOLD = HERE / "gold"
NAMES = [
    "a_bao_cao_thang_10",
    "b_bao_cao_6_thang",
    "c_bao_cao_nam_2023",
    "d_bao_cao_6_thang_ocr",
    "e_bao_cao_bang_9_thang",
    "f_bao_cao_chu_thich",
]
MIN_RECALL = 0.9
MIN_PRECISION = 0.9


def gold(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((GOLD / f"actuals_{name}.json").read_text(encoding="utf-8"))
    return spec


@cache
def read(name: str, tmp: Path) -> tuple[Document, tuple[Fact, ...]]:
    document = gold(name)["document"]
    path = FIXTURES / document
    if document.endswith(".docx"):
        path = build_docx(FIXTURES / f"{name}.json", tmp / document)
    doc = read_document(path)
    return doc, tuple(f for f in extract_facts(doc) if f.kind == "actual")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reports")


def matches(fact: Fact, want: dict[str, Any]) -> bool:
    if (fact.value is None) != (want["value"] is None):
        return False
    if fact.value is not None and abs(fact.value - want["value"]) > 1e-6:
        return False
    if fact.unit != want["unit"]:
        return False
    if (
        fact.extra.get("plan_ratio") != want["plan_ratio"]
        or fact.extra.get("plan_basis") != want["plan_basis"]
    ):
        return False
    if "plan_ratios" in want and fact.extra.get("plan_ratios") != want["plan_ratios"]:
        return False
    if want.get("indicator") and fact.indicator != want["indicator"]:
        return False
    change, expected = fact.extra.get("change"), want["change"]
    if expected is None:
        return change is None
    return change is not None and all(change.get(k) == v for k, v in expected.items())


def score(
    facts: tuple[Fact, ...], statements: list[dict[str, Any]]
) -> tuple[int, list[dict[str, Any]], list[Fact]]:
    """(found, missed gold statements, facts no gold statement accounts for)."""
    pool = list(facts)
    missed = []
    for want in statements:
        hit = next((f for f in pool if matches(f, want)), None)
        if hit is None:
            missed.append(want)
        else:
            pool.remove(hit)
    return len(statements) - len(missed), missed, pool


@pytest.mark.parametrize("name", NAMES)
def test_recall_and_precision_against_gold(name: str, workdir: Path) -> None:
    _doc, facts = read(name, workdir)
    statements = gold(name)["statements"]
    found, missed, extra = score(facts, statements)
    recall = found / len(statements)
    precision = found / max(len(facts), 1)
    assert recall >= MIN_RECALL, [m["value"] for m in missed]
    assert precision >= MIN_PRECISION, [(f.value, f.unit, f.source.text) for f in extra]


@pytest.mark.parametrize("name", NAMES)
def test_spans_are_exact_slices_and_nothing_is_a_year_date_or_number_of_a_document(
    name: str, workdir: Path
) -> None:
    doc, facts = read(name, workdir)
    number = re.search(r"Số:\s*(\d+)", doc.text)
    forbidden = {float(number.group(1))} if number else set()
    for fact in facts:
        src = fact.source
        assert src.text == doc.text[src.start : src.end]
        assert fact.value is None or fact.value not in forbidden
        if fact.value is not None and fact.unit is None:
            pytest.fail(f"a figure without a unit: {src.text}")
        assert not (fact.value is not None and 1990 <= fact.value <= 2030 and fact.unit in (None, "năm"))


@pytest.mark.parametrize("name", NAMES)
def test_no_result_comes_from_the_tasks_ahead(name: str, workdir: Path) -> None:
    doc, facts = read(name, workdir)
    ahead = re.search(
        r"^(?:II|III)\. (?:NHIỆM VỤ|NHIEM VU)|^Phần thứ hai|KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024$",
        doc.text,
        re.M,
    )
    assert ahead is not None
    assert all(f.source.start < ahead.start() or "footnote" in f.extra for f in facts)


def test_ocr_copy_reads_as_the_clean_one_with_catalogue_names(workdir: Path) -> None:
    _clean_doc, clean = read("b_bao_cao_6_thang", workdir)
    _ocr_doc, ocr = read("d_bao_cao_6_thang_ocr", workdir)
    named = {f.indicator: f.label for f in clean if f.indicator}
    for fact in ocr:
        if fact.indicator in named:
            assert fact.label == named[fact.indicator]
    labels = {f.label for f in ocr}
    assert {
        "Tổng chi ngân sách địa phương",
        "Thu ngân sách nhà nước trên địa bàn",
        "Tỷ lệ hộ nghèo",
    } <= labels
    spending = next(f for f in ocr if f.value == 4925)
    assert spending.extra["plan_ratios"] == [
        {"value": 41.0, "basis": "dự toán Chính phủ giao"},
        {"value": 37.0, "basis": "dự toán HĐND tỉnh giao"},
    ]


def test_same_period_ratio_is_no_plan_ratio(workdir: Path) -> None:
    _doc, facts = read("b_bao_cao_6_thang", workdir)
    herd = next(f for f in facts if f.value == 318400)
    assert herd.extra["same_period_ratio"] == 102.3 and "plan_ratio" not in herd.extra
    revenue = next(f for f in facts if f.value == 1386)
    assert revenue.extra["same_period_ratio"] == 95.6 and revenue.extra["plan_ratio"] == 112.0


def test_monthly_growth_without_a_level_keeps_every_comparison(workdir: Path) -> None:
    _doc, facts = read("a_bao_cao_thang_10", workdir)
    month = next(f for f in facts if f.value == 5.2)
    assert month.indicator == "industrial_production_index" and month.extra["estimate"] is True
    assert month.period is not None and month.period.label == "tháng 10 năm 2024"
    assert [(c["value"], c["basis"]) for c in month.extra["changes"]] == [
        (5.2, "cùng kỳ"),
        (1.8, "tháng trước"),
    ]
    to_date = next(f for f in facts if f.value == 7.4)
    assert to_date.period is not None and to_date.period.label == "10 tháng năm 2024"
    # "…; lũy kế 10 tháng đạt 3.870 triệu kWh": the subject carried from the clause before
    power = next(f for f in facts if f.value == 3870)
    assert power.indicator == "electricity_output"


def test_each_change_goes_to_the_count_it_names(workdir: Path) -> None:
    _doc, facts = read("f_bao_cao_chu_thich", workdir)
    by_value = {f.value: f for f in facts if "footnote" not in f.extra}
    assert by_value[14].extra["change"] == {"value": 3, "unit": "vụ", "direction": "down", "basis": "cùng kỳ"}
    assert by_value[8].extra["change"]["direction"] == "down" and by_value[8].indicator == "traffic_deaths"
    assert by_value[11].extra["change"] == {
        "value": 2,
        "unit": "người",
        "direction": "up",
        "basis": "cùng kỳ",
    }


def test_footnote_figures_take_the_period_and_link_of_their_mark(workdir: Path) -> None:
    doc, facts = read("f_bao_cao_chu_thich", workdir)
    notes = [f for f in facts if "footnote" in f.extra]
    assert {f.value for f in notes} >= {7210, 11430, 150, 270, 12, 201.6, 116.6}
    for fact in notes:
        assert fact.period is not None and fact.period.label == "quý I năm 2024"
        ref = fact.extra["footnote_of"]
        assert "¹²³⁴"[int(fact.extra["footnote"]) - 1] in doc.text[ref["start"] : ref["end"]]
    # a footnote mark right after a basis is not part of it
    assert all("¹" not in str(f.extra.get("plan_basis")) for f in facts)


def test_results_table_rows_and_the_plans_they_state(workdir: Path) -> None:
    doc, _facts = read("e_bao_cao_bang_9_thang", workdir)
    every = extract_facts(doc)
    assert not [f for f in every if f.kind == "table_row"]  # no evaluation-table rows here
    grain = next(f for f in every if f.kind == "actual" and f.value == 118450)
    assert grain.extra["estimate"] is True and grain.extra["same_period_ratio"] == 101.8
    assert grain.period is not None and grain.period.label == "9 tháng năm 2024"
    assert grain.source.text.startswith("1 | Tổng sản lượng lương thực có hạt")
    plan = next(
        f for f in every if f.kind == "target" and f.extra.get("derived") and f.indicator == "grain_output"
    )
    assert plan.value == 210000
