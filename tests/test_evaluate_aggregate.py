"""Term aggregation rules, checked on the province's own numbers (DOMAIN.md)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.evaluate.aggregate import (
    CAGR,
    LAST,
    MEAN,
    SUM,
    aggregate,
    compound_growth,
    required_average_rate,
)
from chitieu.evaluate.forecast import (
    CO_NGUY_CO,
    DUNG_TIEN_DO,
    KHO_DAT,
    project_year_end,
    term_growth_progress,
)


def test_grdp_growth_compounds_to_the_province_figure() -> None:
    result = aggregate({2021: 4.20, 2022: 8.24, 2023: -3.42, 2024: 10.52, 2025: 8.00}, CAGR)
    assert result.value == pytest.approx(5.39, abs=0.005)
    assert "5,39%" in result.computation
    assert "(1−3,42%)" in result.computation


def test_new_tea_area_sums_over_the_term() -> None:
    result = aggregate({2021: 818, 2022: 606, 2023: 410, 2024: 555, 2025: 330}, SUM)
    assert result.value == 2719
    assert result.computation.endswith("= 2.719")


def test_yearly_flows_average() -> None:
    result = aggregate({2021: 3.6, 2022: 3.9, 2023: 3.2}, MEAN)
    assert result.value == pytest.approx(3.57)  # rounded to 2 decimals, as tables show


def test_levels_take_the_last_year_and_missing_years_are_named() -> None:
    result = aggregate({2021: 50.1, 2022: 51.0, 2023: None}, LAST)
    assert result.value == 51.0
    assert "thiếu năm 2023" in result.computation


def test_no_values() -> None:
    assert aggregate({2021: None}, SUM).value is None


@given(st.lists(st.floats(-20, 30), min_size=1, max_size=10))
def test_compound_growth_lies_between_min_and_max(rates: list[float]) -> None:
    value = compound_growth(rates)
    assert min(rates) - 1e-9 <= value <= max(rates) + 1e-9


def test_required_rate_closes_the_gap() -> None:
    achieved = [4.20, 8.24, -3.42]
    needed = required_average_rate(achieved, 7.0, 5)
    assert needed is not None
    assert compound_growth([*achieved, needed, needed]) == pytest.approx(7.0)


@pytest.mark.parametrize(
    ("to_date", "months", "target", "label"),
    [
        (125_797, 9, 225_848, KHO_DAT),  # 55,7% after nine months, evenly: 74% of plan
        (170_000, 9, 225_000, DUNG_TIEN_DO),
        (155_000, 9, 225_000, CO_NGUY_CO),
    ],
)
def test_in_year_projection_without_history(to_date: float, months: int, target: float, label: str) -> None:
    projection = project_year_end(to_date, months, target)
    assert projection.label == label
    assert "tích lũy đều" in projection.method


def test_seasonal_history_changes_the_projection() -> None:
    # Harvests come late: in past years only about 55% of the year's output was in by September.
    projection = project_year_end(125_797, 9, 225_848, past_shares=[0.54, 0.55])
    assert projection.label == DUNG_TIEN_DO
    assert projection.method == "theo tỷ trọng cùng kỳ 2 năm trước (bình quân): 9 tháng bằng 54,5% cả năm"


def test_levels_are_not_scaled() -> None:
    projection = project_year_end(45.0, 9, 46.0, flow=False)
    assert projection.value == 45.0


def test_term_growth_progress() -> None:
    progress = term_growth_progress([4.20, 8.24, -3.42], 7.0, 5)
    assert progress.required_rate is not None and progress.required_rate > 7.0
    assert progress.label in {CO_NGUY_CO, KHO_DAT}
    assert "năm còn lại" in progress.method
