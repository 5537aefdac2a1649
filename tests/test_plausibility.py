"""A figure that lost its decimal comma is caught by what it measures, flagged, and never judged."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.evaluate.consistency import check_decimals
from chitieu.evaluate.rules import KHONG_DANH_GIA, Actual, Target, actual_of, judge
from chitieu.evaluate.series import Observation
from chitieu.extract.facts import DECIMAL_DOUBT, Fact, Source
from chitieu.extract.plausibility import (
    DOUBTED_CONFIDENCE,
    is_share_label,
    lost_decimal_comma,
    mark_decimal_doubt,
)
from chitieu.extract.targets import extract_targets


@pytest.mark.parametrize(
    ("value", "unit", "share", "neighbours", "readings", "reason"),
    [
        (1032, "%", True, (), (10.32,), "share"),  # 103,2 is no share either
        (902, "%", True, (), (90.2, 9.02), "share"),
        (1500, "‰", True, (), (150, 15), "share"),
        (1032, "%/năm", False, (8, 37, 12), (10.32, 103.2), "neighbours"),  # the row's 8-37
        (755, "tỷ đồng", False, (70.1, 72.4, None, 78.0), (75.5,), "neighbours"),
        (902, "%", True, (88.5, 89.1), (90.2, 9.02), "share"),
    ],
)
def test_a_lost_comma_is_caught_with_the_readings_that_put_it_back(
    value: float,
    unit: str,
    share: bool,
    neighbours: tuple[float | None, ...],
    readings: tuple[float, ...],
    reason: str,
) -> None:
    doubt = lost_decimal_comma(value, unit, share=share, neighbours=neighbours)
    assert doubt is not None
    assert (doubt.readings, doubt.reason) == (readings, reason)
    assert "mất dấu phẩy thập phân" in doubt.note() and "cần đối chiếu bản gốc" in doubt.note()


@pytest.mark.parametrize(
    ("value", "unit", "share", "neighbours"),
    [
        (98.5, "%", True, ()),  # a share within the whole
        (100, "%", True, ()),
        (150.5, "%", True, ()),  # written with its decimals: no comma was lost
        (1032, "%", False, ()),  # "tăng 1032%" is no share: nothing to rule it out alone
        (4500, "tỷ đồng", False, ()),
        (4500, "tỷ đồng", False, (4200, 4350)),  # among its neighbours
        (5000, "%/năm", False, (8, 9)),  # far out, but no comma brings it among them
        (16, "%", False, (2.1, 3.0, 2.5)),  # a good year, not ten times the row's middle
        (120, "%", False, (10,)),  # one neighbour is no row
        (None, "%", True, ()),
    ],
)
def test_a_plausible_figure_is_left_alone(
    value: float | None, unit: str, share: bool, neighbours: tuple[float, ...]
) -> None:
    assert lost_decimal_comma(value, unit, share=share, neighbours=neighbours) is None


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(["%", "‰", "%/năm"]))
def test_readings_are_the_figure_with_a_comma_and_fit_the_whole(value: int, unit: str) -> None:
    doubt = lost_decimal_comma(value, unit, share=True)
    cap = 1000 if unit == "‰" else 100
    if value <= cap:
        assert doubt is None
    if doubt is not None:
        assert doubt.readings and all(r <= cap for r in doubt.readings)
        assert all(any(abs(r * 10**k - value) < 1e-6 for k in (1, 2)) for r in doubt.readings)


@pytest.mark.parametrize(
    ("label", "share"),
    [("Tỷ lệ hộ nghèo", True), ("Ty le che phu rung", True), ("Cơ cấu kinh tế: dịch vụ", True),
     ("Tỷ trọng kinh tế số", True), ("Tốc độ tăng trưởng GRDP", False), ("Thu ngân sách", False)],
)  # fmt: skip
def test_what_names_a_share(label: str, share: bool) -> None:
    assert is_share_label(label) is share


def _fact(value: float, label: str = "Tỷ lệ hộ nghèo", **extra: object) -> Fact:
    return Fact(
        kind="actual", label=label, indicator="poverty_rate", value=value, value_high=None, comparator="=",
        unit="%", period=None, confidence=0.9, source=Source("x.txt", 0, 5, "1032%"), extra=dict(extra),
    )  # fmt: skip


def test_a_doubted_fact_is_kept_as_written_flagged_and_less_sure_once() -> None:
    fact = _fact(1032)
    assert mark_decimal_doubt(fact) is not None
    assert fact.value == 1032 and fact.extra[DECIMAL_DOUBT]["readings"] == [10.32]
    assert fact.confidence == round(0.9 * DOUBTED_CONFIDENCE, 3)
    assert mark_decimal_doubt(fact) is None and fact.confidence == round(0.9 * DOUBTED_CONFIDENCE, 3)
    change = _fact(1032, quantity_kind="change")
    assert mark_decimal_doubt(change) is None and DECIMAL_DOUBT not in change.extra


def test_a_target_list_flags_a_share_over_the_whole() -> None:
    text = "Các chỉ tiêu chủ yếu năm 2025\n1. Tỷ lệ hộ nghèo giảm còn 902%.\n2. Tỷ lệ che phủ rừng đạt 55%.\n"
    poverty, forest = extract_targets(text, "x.txt")
    assert poverty.value == 902 and poverty.extra[DECIMAL_DOUBT]["readings"] == [90.2, 9.02]
    assert poverty.confidence < 0.5 and DECIMAL_DOUBT not in forest.extra


def _observation(value: float, data: dict[str, object]) -> Observation:
    return Observation(
        indicator="poverty_rate", label="Tỷ lệ hộ nghèo", kind="actual", value=value,
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31), period_label="năm 2025",
        unit="%", document="bao_cao.pdf", src_text="1032%", data=data,
    )  # fmt: skip


def test_no_verdict_is_drawn_from_a_doubted_figure_and_the_audit_lists_it() -> None:
    fact = _fact(1032)
    mark_decimal_doubt(fact)
    obs = _observation(1032, fact.extra)
    verdict = judge(Target(10, None, "<", "%"), actual_of(obs), "down")
    assert verdict.status == KHONG_DANH_GIA
    assert "mất dấu phẩy thập phân" in verdict.rule and verdict.rule.endswith(KHONG_DANH_GIA)
    # without the flag the same figure would be judged
    assert judge(Target(10, None, "<", "%"), Actual(1032), "down").status != KHONG_DANH_GIA
    [finding] = check_decimals([obs, _observation(9.5, {})])
    assert finding.check == "decimal" and "bao_cao.pdf" in finding.message and "10,32%" in finding.message
