"""The evaluation engine over observations from several documents and years."""

import datetime as dt

import pytest

from chitieu.evaluate.engine import evaluate_term_from, evaluate_year_from
from chitieu.evaluate.rules import DAT, KHONG_DANH_GIA, KHONG_DAT, VUOT
from chitieu.evaluate.series import Observation, best, conflicts


def obs(
    kind: str, value: float | None, start: dt.date, end: dt.date, period_label: str, **kw: object
) -> Observation:
    defaults: dict[str, object] = {
        "indicator": "grain_output",
        "label": "Sản lượng lương thực có hạt",
        "unit": "tấn",
        "document": "doc.txt",
        "document_id": 1,
        "order": (dt.date(2024, 1, 1), 1, 1),
    }
    defaults.update(kw)
    return Observation(
        kind=kind, value=value, period_start=start, period_end=end, period_label=period_label, **defaults
    )  # type: ignore[arg-type]


Y = dt.date


def year(kind: str, value: float | None, y: int, **kw: object) -> Observation:
    return obs(kind, value, Y(y, 1, 1), Y(y, 12, 31), f"năm {y}", **kw)


def test_official_figure_replaces_the_estimate_and_history_is_kept() -> None:
    estimate = year(
        "actual", 230_000, 2023, estimate=True, document="bc-uoc.docx", order=(Y(2023, 11, 20), 1, 1)
    )
    official = year(
        "actual", 228_500, 2023, document="bc-nam.docx", document_id=2, order=(Y(2024, 3, 1), 2, 1)
    )
    target = year("target", 225_000, 2023, comparator=">=")
    [ev] = evaluate_year_from([estimate, official, target], 2023)
    assert ev.actual is official
    assert ev.history == [estimate]
    assert ev.status == VUOT
    assert set(ev.sources) == {"doc.txt", "bc-nam.docx", "bc-uoc.docx"}


def test_conflicting_official_figures_are_flagged() -> None:
    a = year("actual", 228_500, 2023, document="a.docx", document_id=1)
    b = year("actual", 231_000, 2023, document="b.docx", document_id=2, order=(Y(2024, 6, 1), 2, 1))
    found = conflicts([a, b])
    assert len(found) == 1
    [ev] = evaluate_year_from([a, b, year("target", 225_000, 2023)], 2023)
    assert ev.conflicts and "khác nhau" in ev.conflicts[0].describe()
    assert best([a, b]) is b


def test_nine_month_actual_is_projected_against_the_implied_plan() -> None:
    actual = obs(
        "actual",
        125_797,
        Y(2024, 1, 1),
        Y(2024, 9, 30),
        "9 tháng năm 2024",
        estimate=True,
        data={"plan_ratio": 55.7},
    )
    implied = year("target", 225_848, 2024, derived=True)
    [ev] = evaluate_year_from([actual, implied], 2024)
    assert ev.plan_ratio == pytest.approx(55.7)
    assert ev.provisional
    assert ev.period.label == "năm 2024" and ev.actual is actual
    assert ev.forecast is not None and ev.forecast.label == "khó đạt"
    assert "tích lũy đều" in ev.rule
    assert ev.year_estimate is not None and ev.year_estimate.projected
    assert ev.year_estimate.value == pytest.approx(125_797 * 12 / 9, abs=0.01)
    assert ev.status == ev.expected_status == KHONG_DAT and ev.status_text == "Dự kiến không đạt"
    data = ev.to_json()
    assert data["target"]["derived"] is True
    assert data["actual"]["estimate"] is True
    assert data["actual"]["period"] == "9 tháng năm 2024" and data["actual"]["full_period"] is False
    assert data["status_label"] == "Dự kiến không đạt" and data["expected_status"] == KHONG_DAT
    assert data["year_estimate"]["projected"] is True and data["year_estimate"]["source"] is None
    assert "tích lũy đều" in data["year_estimate"]["method"]


NOV = (Y(2024, 11, 20), 3, 1)


def test_the_documents_own_year_estimate_is_used_and_the_period_figure_kept() -> None:
    ten_months = obs("actual", 190_000, Y(2024, 1, 1), Y(2024, 10, 31), "10 tháng năm 2024", order=NOV)
    own = year("actual", 228_000, 2024, estimate=True, order=(Y(2024, 11, 20), 3, 2), data={"plan_ratio": 99.1})
    target = year("target", 230_000, 2024)
    [ev] = evaluate_year_from([ten_months, own, target], 2024)
    assert ev.actual is ten_months and ev.provisional
    assert ev.year_estimate is not None and ev.year_estimate.source is own
    assert ev.year_estimate.method == "ước thực hiện cả năm của văn bản"
    assert ev.year_estimate.plan_ratio == pytest.approx(99.1)
    assert ev.status_text == "Dự kiến không đạt"
    assert "ước cả năm 228.000 tấn" in ev.rule
    assert ev.to_json()["year_estimate"]["source"]["document"] == "doc.txt"


def test_the_documents_year_estimate_stands_beside_a_newer_period_figure() -> None:
    june_estimate = year("actual", 260_000, 2024, estimate=True, order=(Y(2024, 7, 1), 2, 1))
    nine_months = obs("actual", 120_000, Y(2024, 1, 1), Y(2024, 9, 30), "9 tháng năm 2024", order=NOV)
    [ev] = evaluate_year_from([june_estimate, nine_months, year("target", 230_000, 2024)], 2024)
    assert ev.actual is nine_months
    assert ev.year_estimate is not None and ev.year_estimate.source is june_estimate
    assert ev.status_text == "Dự kiến vượt"


def test_without_a_documents_estimate_the_year_is_projected() -> None:
    nine_months = obs("actual", 120_000, Y(2024, 1, 1), Y(2024, 9, 30), "9 tháng năm 2024", order=NOV)
    [ev] = evaluate_year_from([nine_months, year("target", 230_000, 2024)], 2024)
    assert ev.year_estimate is not None and ev.year_estimate.projected
    assert ev.year_estimate.value == pytest.approx(160_000)
    assert ev.status_text == "Dự kiến không đạt"


def test_a_year_estimate_alone_is_still_a_forecast() -> None:
    own = year("actual", 240_000, 2024, estimate=True)
    [ev] = evaluate_year_from([own, year("target", 230_000, 2024)], 2024)
    assert ev.actual is own and ev.provisional and ev.status_text == "Dự kiến vượt"
    assert ev.to_json()["actual"]["full_period"] is True


def test_the_official_figure_makes_the_verdict_final() -> None:
    nine_months = obs("actual", 120_000, Y(2024, 1, 1), Y(2024, 9, 30), "9 tháng năm 2024")
    own = year("actual", 240_000, 2024, estimate=True, order=NOV)
    official = year("actual", 226_000, 2024, order=(Y(2025, 3, 1), 4, 1))
    [ev] = evaluate_year_from([nine_months, own, official, year("target", 230_000, 2024)], 2024)
    assert ev.actual is official and not ev.provisional
    assert ev.year_estimate is None and ev.expected_status is None
    assert ev.status == ev.status_text == KHONG_DAT
    assert ev.history == [nine_months, own]


@pytest.mark.parametrize(
    ("unit", "label", "flow"),
    [
        ("tỷ đồng", "Thu ngân sách nhà nước trên địa bàn", True),
        ("ha", "Diện tích cây chè", False),
        ("%", "Tỷ lệ che phủ rừng", False),
        ("bác sỹ/1 vạn dân", "Số bác sỹ trên 1 vạn dân", False),
    ],
)
def test_a_stock_or_a_rate_is_not_scaled_by_the_months(unit: str, label: str, flow: bool) -> None:
    nine = obs("actual", 90.0, Y(2024, 1, 1), Y(2024, 9, 30), "9 tháng năm 2024", unit=unit, label=label,
               indicator="label:x")
    [ev] = evaluate_year_from([nine, year("target", 100.0, 2024, unit=unit, label=label, indicator="label:x")], 2024)
    assert ev.year_estimate is not None
    assert ev.year_estimate.value == pytest.approx(120.0 if flow else 90.0)
    assert ("tích lũy đều" in ev.year_estimate.method) is flow


def test_seasonal_history_from_past_years() -> None:
    series = [
        obs("actual", 110_000, Y(2023, 1, 1), Y(2023, 9, 30), "9 tháng năm 2023"),
        year("actual", 200_000, 2023),
        obs("actual", 125_797, Y(2024, 1, 1), Y(2024, 9, 30), "9 tháng năm 2024"),
        year("target", 225_848, 2024),
    ]
    [ev] = evaluate_year_from(series, 2024)
    assert ev.forecast is not None
    assert ev.forecast.method == "theo tỷ trọng cùng kỳ năm trước: 9 tháng bằng 55,0% cả năm"
    assert ev.forecast.label == "đúng tiến độ"


def test_actual_without_target_is_not_assessed() -> None:
    [ev] = evaluate_year_from([year("actual", 5.0, 2024, unit="%", label="Một chỉ tiêu mới")], 2024)
    assert ev.status == KHONG_DANH_GIA


def test_term_growth_compounds_and_is_judged() -> None:
    growth = {"indicator": "grdp_growth", "label": "Tốc độ tăng trưởng GRDP", "unit": "%"}
    rates = {2021: 4.20, 2022: 8.24, 2023: -3.42, 2024: 10.52, 2025: 8.00}
    series = [year("actual", v, y, **growth) for y, v in rates.items()]
    series.append(
        obs(
            "target",
            9,
            Y(2021, 1, 1),
            Y(2025, 12, 31),
            "giai đoạn 2021-2025",
            value_high=10,
            comparator="range",
            **growth,
        )
    )
    [ev] = evaluate_term_from(series, 2021, 2025)
    assert ev.aggregate is not None and ev.aggregate.value == pytest.approx(5.39, abs=0.005)
    assert ev.status == KHONG_DAT
    assert "5,39" in ev.rule


def test_term_cumulative_sum() -> None:
    tea = {"indicator": "new_tea_area", "label": "Diện tích trồng chè mới", "unit": "ha"}
    values = {2021: 818, 2022: 606, 2023: 410, 2024: 555, 2025: 330}
    series = [year("actual", v, y, **tea) for y, v in values.items()]
    series.append(obs("target", 2400, Y(2021, 1, 1), Y(2025, 12, 31), "giai đoạn 2021-2025", **tea))
    [ev] = evaluate_term_from(series, 2021, 2025)
    # Unknown to the catalogue? then the rule is guessed; force sum through the catalogue code if known.
    if ev.info.aggregation == "sum":
        assert ev.aggregate is not None and ev.aggregate.value == 2719
        assert ev.status == VUOT


def test_every_year_target() -> None:
    party = {
        "indicator": "party_orgs_good",
        "label": "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ hằng năm",
        "unit": "%",
    }
    series = [
        year("actual", v, y, **party) for y, v in {2021: 91, 2022: 90, 2023: 93, 2024: 92, 2025: 95}.items()
    ]
    series.append(
        obs(
            "target",
            90,
            Y(2021, 1, 1),
            Y(2025, 12, 31),
            "giai đoạn 2021-2025",
            comparator=">",
            data={"every_year": True},
            **party,
        )
    )
    [ev] = evaluate_term_from(series, 2021, 2025)
    assert ev.status == DAT


def test_figures_in_other_scales_are_converted_to_the_target_unit() -> None:
    target = year("target", 225, 2024, unit="nghìn tấn")
    actual = obs("actual", 125_797, Y(2024, 1, 1), Y(2024, 9, 30), "9 tháng năm 2024", unit="tấn")
    [ev] = evaluate_year_from([target, actual], 2024)
    assert ev.unit == "nghìn tấn"
    assert ev.actual is not None and ev.actual.value == pytest.approx(125.797)
    assert ev.actual.data["as_written"] == {"value": 125_797, "unit": "tấn"}
    assert ev.plan_ratio == pytest.approx(55.9, abs=0.05)


def test_a_terms_figures_keep_the_unit_they_were_written_in() -> None:
    # the catalogue counts visitors in "lượt"; the reports write "1,38 triệu lượt"
    tourists = {"indicator": "tourist_arrivals", "label": "Tổng lượt khách du lịch", "unit": "triệu lượt"}
    series = [year("actual", value, y, **tourists) for y, value in ((2023, 1.38), (2024, 1.52))]
    [ev] = evaluate_term_from(series, 2021, 2025)
    assert ev.unit == "triệu lượt"
