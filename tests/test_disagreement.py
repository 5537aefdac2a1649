"""Why the rule's verdict differs from a document's, and the term rows the rules judge anew.

``explain`` is pure: figures in, one Vietnamese sentence out. The engine cases build observations
as a term table's rows store them (a target and one figure a year, the document's verdict in the
target's data) and check what a term report's rows stand on: a bound year makes a bound term
figure, a composite is judged through its shares, two table rows that one indicator matched are
judged apart.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.catalog.model import AdminUnitCount
from chitieu.evaluate.disagreement import JudgedRow, explain
from chitieu.evaluate.engine import evaluate_term_from
from chitieu.evaluate.rules import STATUSES, Actual, Target
from chitieu.evaluate.series import Observation

COMMUNES = (
    AdminUnitCount("Tỉnh Mẫu", "commune", 106, None, dt.date(2025, 6, 30)),
    AdminUnitCount("Tỉnh Mẫu", "commune", 38, dt.date(2025, 7, 1), None),
)
HEAD = "Văn bản đánh giá «{}», theo quy tắc «{}»: "


@pytest.mark.parametrize(
    ("row", "says"),
    [
        # both reached: the rule calls anything better than the target "Vượt"
        (
            JudgedRow("Đạt", "Vượt", Target(97, unit="%"), figure=Actual(97.1)),
            ["mục tiêu 97%: 97,1% > 97%", "dung sai 0,005"],
        ),
        # the document wrote the last year as the term; the rule averages a per-year flow
        (
            JudgedRow(
                "Đạt", "Vượt", Target(0.4, unit="‰/năm"), figure=Actual(1.05), how="mean", stated=Actual(0.42)
            ),
            ["văn bản ghi cả giai đoạn 0,42 ‰/năm", "trung bình cộng các năm: 1,05 ‰/năm"],
        ),
        # a yearly target missed in one year, judged on the term by the document
        (
            JudgedRow(
                "Đạt", "Không đạt", Target(80, comparator=">", unit="%"), every_year=True,
                yearly={2021: Actual(85.85), 2022: Actual(84.91), 2023: Actual(65.1), 2024: Actual(80, ">")},
            ),
            ["áp dụng cho từng năm", "năm 2023: 65,1%"],
        ),
        # the document left a row unjudged whose figures are complete
        (
            JudgedRow("Không đánh giá", "Không đạt", Target(99, unit="%"), figure=Actual(78.7)),
            ["dù hàng có đủ số liệu các năm", "78,7% < 99%"],
        ),
        # … and one whose last year is missing
        (
            JudgedRow("Không đánh giá", "Vượt", Target(4, unit="%"), figure=Actual(5.3), missing=(2025,)),
            ["thiếu năm 2025", "5,3% > 4%"],
        ),
        # the rule cannot judge where the document did
        (
            JudgedRow("Đạt", "Không đánh giá", Target(2, unit="huyện"), unjudged="thiếu giá trị năm cuối 2025"),
            ["quy tắc không đánh giá vì thiếu giá trị năm cuối 2025"],
        ),
        # a bound figure keeps its sign
        (
            JudgedRow("Đạt", "Vượt", Target(1000, comparator=">", unit="người"), figure=Actual(1057.4, ">")),
            [">1.057,4 người, số liệu là cận dưới thỏa mục tiêu"],
        ),
    ],
    ids=["reached-both", "term-figure", "yearly", "unjudged-complete", "unjudged-missing", "rule-unjudged", "bound"],
)
def test_the_reason_names_the_figures_and_the_rule(row: JudgedRow, says: list[str]) -> None:
    text = explain(row)
    assert text is not None and text.startswith(HEAD.format(row.official, row.computed)) and text.endswith(".")
    for words in says:
        assert words in text, text


def test_a_target_counting_every_commune_is_recognised_after_the_merger() -> None:
    row = JudgedRow("Đạt", "Không đạt", Target(106, unit="xã"), figure=Actual(38))
    text = explain(row, COMMUNES)
    assert text is not None
    assert "Tỉnh Mẫu có 106 xã đến 30/06/2025 và 38 xã từ 01/07/2025" in text
    assert "38 xã là toàn bộ số xã sau sắp xếp" in text
    # 40 communes is not the count of any date: no such reason is given
    other = explain(JudgedRow("Đạt", "Không đạt", Target(106, unit="xã"), figure=Actual(40)), COMMUNES)
    assert other is not None and "sắp xếp" not in other


@given(
    official=st.sampled_from(STATUSES[:4]),
    computed=st.sampled_from(STATUSES),
    target=st.floats(-50, 5000, allow_nan=False),
    figure=st.one_of(st.none(), st.floats(-50, 5000, allow_nan=False)),
    comparator=st.sampled_from(["=", ">", "<", ">=", "~"]),
)
def test_a_reason_is_given_exactly_where_the_verdicts_differ(
    official: str, computed: str, target: float, figure: float | None, comparator: str
) -> None:
    row = JudgedRow(official, computed, Target(target, comparator=comparator, unit="%"),
                    figure=None if figure is None else Actual(figure))
    text = explain(row)
    if official == computed:
        assert text is None
    else:
        assert text is not None and text.startswith(HEAD.format(official, computed)) and text.endswith(".")
    assert explain(JudgedRow("", computed, Target(target))) is None  # no verdict printed: nothing to explain


def _row(code: str, label: str, target: float, years: dict[int, float], *, fact: int, comparator: str = "=",
         bounds: dict[int, str] | None = None, official: str | None = None, unit: str = "%") -> list[Observation]:
    """The observations a stored term-table row gives: one per year and its target."""
    data = {"annual": {str(y): v for y, v in years.items()}, "official_status": official}
    base = {"indicator": code, "label": label, "unit": unit, "document": "danh-gia.md", "document_id": 1,
            "fact_id": fact, "src_start": fact * 100, "order": (dt.date(2025, 10, 1), 1, fact), "data": data}
    out = [
        Observation(kind="actual", value=v, comparator=(bounds or {}).get(y, "="), period_start=dt.date(y, 1, 1),
                    period_end=dt.date(y, 12, 31), period_label=f"năm {y}", estimate=y == 2025, **base)
        for y, v in years.items()
    ]
    out.append(Observation(kind="target", value=target, comparator=comparator, period_start=dt.date(2021, 1, 1),
                           period_end=dt.date(2025, 12, 31), period_label="giai đoạn 2021-2025", **base))
    return out


YEARS = (2021, 2022, 2023, 2024, 2025)


def test_an_average_over_a_bound_year_is_a_bound() -> None:
    rows = _row("new_party_members", "Kết nạp đảng viên mới", 1000,
                dict(zip(YEARS, [1022, 1003, 1121, 1141, 1000], strict=True)), fact=1, comparator=">",
                bounds={2025: ">"}, unit="đảng viên")
    (ev,) = evaluate_term_from(rows, 2021, 2025)
    assert ev.actual is not None and ev.actual.comparator == ">" and ev.actual.value == pytest.approx(1057.4)
    assert "là cận dưới" in ev.rule and ">1.057,4" in ev.rule
    assert ev.status == "Vượt"


def test_bounds_on_both_sides_leave_no_term_figure() -> None:
    rows = _row("poverty_reduction", "Mức giảm tỷ lệ hộ nghèo", 3, dict(zip(YEARS, [3, 3.7, 4, 4, 3], strict=True)),
                fact=1, bounds={2024: ">", 2025: "<"})
    (ev,) = evaluate_term_from(rows, 2021, 2025)
    assert ev.aggregate is not None and ev.aggregate.value is None
    assert "cận trên lẫn cận dưới" in ev.rule and ev.status == "Chưa có số liệu"


def test_an_average_without_the_last_year_is_not_the_term_s() -> None:
    rows = _row("poverty_reduction", "Mức giảm tỷ lệ hộ nghèo", 4, dict(zip(YEARS[:4], [4.3, 4.6, 6.2, 6.12], strict=True)),
                fact=1, official="Không đánh giá")
    (ev,) = evaluate_term_from(rows, 2021, 2025)
    assert ev.status == "Không đánh giá" and "thiếu số liệu năm 2025" in ev.rule
    assert ev.disagreement is None  # the document says the same


def _shares(official: str | None) -> list[Observation]:
    shares = [
        ("share_agriculture", 12.44, [15.45, 14.67, 14.53, 13.27, 14.21]),
        ("share_industry_construction", 42.42, [36.62, 39.24, 39.42, 46.18, 44.53]),
        ("share_services", 36.43, [41.18, 39.55, 39.54, 34.61, 35.36]),
        ("share_product_taxes", 8.71, [6.74, 6.54, 6.51, 5.94, 5.9]),
    ]
    out = []
    for fact, (code, target, years) in enumerate(shares, start=2):
        out += _row(code, code, target, dict(zip(YEARS, years, strict=True)), fact=fact)
    if official:
        out.append(Observation(indicator="economic_structure", label="Cơ cấu kinh tế", kind="verdict", value=None,
                               period_start=dt.date(2021, 1, 1), period_end=dt.date(2025, 12, 31),
                               period_label="giai đoạn 2021-2025", document_id=1, fact_id=1,
                               order=(dt.date(2025, 10, 1), 1, 1), data={"official_status": official}))
    return out


def test_a_composite_is_judged_through_its_shares_with_the_document_s_verdict_beside() -> None:
    evaluations = {ev.info.code: ev for ev in evaluate_term_from(_shares("Đạt"), 2021, 2025)}
    structure = evaluations["economic_structure"]
    assert structure.status == "Không đạt" and structure.official_status == "Đạt"
    assert {p.info.code for p in structure.parts} == {
        "share_agriculture", "share_industry_construction", "share_services", "share_product_taxes",
    }
    assert "mọi thành phần đạt" in structure.rule
    assert structure.disagreement is not None and structure.disagreement.startswith(HEAD.format("Đạt", "Không đạt"))


def test_a_composite_no_document_names_is_not_added() -> None:
    codes = {ev.info.code for ev in evaluate_term_from(_shares(None), 2021, 2025)}
    assert "economic_structure" not in codes and "share_services" in codes


def test_two_rows_one_indicator_matched_are_judged_apart() -> None:
    first = _row("malnutrition_rate", "suy dinh dưỡng", 15, dict(zip(YEARS, [18.71, 17.8, 16.69, 15.84, 15], strict=True)),
                 fact=1, comparator="<", bounds={2025: "<"})
    second = _row("malnutrition_rate", "suy dinh dưỡng", 20, dict(zip(YEARS, [25.86, 24.15, 29, 21.25, 20], strict=True)),
                  fact=2, comparator="<", bounds={2025: "<"})
    evaluations = evaluate_term_from(first + second, 2021, 2025)
    assert sorted(ev.target.value for ev in evaluations if ev.target) == [15, 20]
    assert all(any("2 hàng của bảng" in f.message for f in ev.findings) for ev in evaluations)
    # the same row read twice stays one
    again = _row("malnutrition_rate", "suy dinh dưỡng", 15, dict(zip(YEARS, [18.71, 17.8, 16.69, 15.84, 15], strict=True)),
                 fact=3, comparator="<", bounds={2025: "<"})
    assert len(evaluate_term_from(first + again, 2021, 2025)) == 1
