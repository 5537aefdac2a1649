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
    assert ev.period.label == "9 tháng năm 2024"
    assert ev.forecast is not None and ev.forecast.label == "khó đạt"
    assert "tích lũy đều" in ev.rule
    data = ev.to_json()
    assert data["target"]["derived"] is True
    assert data["actual"]["estimate"] is True


def test_seasonal_history_from_past_years() -> None:
    series = [
        obs("actual", 110_000, Y(2023, 1, 1), Y(2023, 9, 30), "9 tháng năm 2023"),
        year("actual", 200_000, 2023),
        obs("actual", 125_797, Y(2024, 1, 1), Y(2024, 9, 30), "9 tháng năm 2024"),
        year("target", 225_848, 2024),
    ]
    [ev] = evaluate_year_from(series, 2024)
    assert ev.forecast is not None
    assert "cùng kỳ các năm trước" in ev.forecast.method
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
