"""Verdict rules, specified with the province's own examples (DOMAIN.md)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.evaluate.policy import Policy
from chitieu.evaluate.rules import (
    CHUA_CO_SO_LIEU,
    DAT,
    KHONG_DANH_GIA,
    KHONG_DAT,
    STATUSES,
    VUOT,
    Actual,
    Target,
    Verdict,
    judge,
    judge_composite,
    judge_every_year,
)


@pytest.mark.parametrize(
    ("target", "actual", "direction", "status"),
    [
        # "trên 5%" achieved 5,0% was judged Đạt in the province's table; 5,1% was Vượt.
        (Target(5, comparator=">", unit="%"), Actual(5.0), "up", DAT),
        (Target(5, comparator=">", unit="%"), Actual(5.1), "up", VUOT),
        (Target(5, comparator=">", unit="%"), Actual(4.8), "up", KHONG_DAT),
        # "9-10%" achieved 5,39% was Không đạt.
        (Target(9, 10, "range", "%"), Actual(5.39), "up", KHONG_DAT),
        (Target(9, 10, "range", "%"), Actual(9.5), "up", DAT),
        (Target(9, 10, "range", "%"), Actual(10.4), "up", VUOT),
        # "dưới 15%" with an estimate "<15" was Đạt.
        (Target(15, comparator="<", unit="%"), Actual(15, "<", estimate=True), "down", DAT),
        (Target(15, comparator="<", unit="%"), Actual(12.0), "down", VUOT),
        (Target(15, comparator="<", unit="%"), Actual(16.0), "down", KHONG_DAT),
        # A bound cell on the good side of the target meets it.
        (Target(80, comparator=">", unit="%"), Actual(80, ">"), "up", DAT),
        (Target(800, comparator=">=", unit="tỷ đồng"), Actual(1000, ">"), "up", VUOT),
        # Lower is better: "đạt" a level of poverty binds from above.
        (Target(8.5, comparator="=", unit="%"), Actual(8.5), "down", DAT),
        (Target(8.5, comparator="=", unit="%"), Actual(9.1), "down", KHONG_DAT),
        (Target(8.5, comparator="=", unit="%"), Actual(7.9), "down", VUOT),
        # "tỷ lệ nợ xấu dưới 2%" binds from above whatever the catalogue says.
        (Target(2, comparator="<", unit="%"), Actual(1.4), "up", VUOT),
        # "khoảng 9,0%": within ±0,2 points is Đạt.
        (Target(9.0, comparator="~", unit="%"), Actual(8.24), "up", KHONG_DAT),
        (Target(9.0, comparator="~", unit="%"), Actual(8.85), "up", DAT),
        (Target(9.0, comparator="~", unit="%"), Actual(9.6), "up", VUOT),
        (Target(2450, comparator="~", unit="tỷ đồng"), Actual(2420), "up", DAT),
        # "đạt 85% trở lên"
        (Target(85, comparator=">=", unit="%"), Actual(85), "up", DAT),
        (Target(85, comparator=">=", unit="%"), Actual(86.2), "up", VUOT),
    ],
)
def test_province_examples(target: Target, actual: Actual, direction: str, status: str) -> None:
    verdict = judge(target, actual, direction)
    assert verdict.status == status, verdict.rule
    assert verdict.rule.endswith(f"→ {status}")


def test_rule_is_readable_vietnamese() -> None:
    verdict = judge(Target(9.0, comparator="~", unit="%"), Actual(8.24), "up")
    assert verdict.rule == "mục tiêu khoảng 9%; thực hiện 8,24%: 8,24% < 9% − dung sai 0,2 → Không đạt"


def test_missing_actual_and_missing_target() -> None:
    assert judge(Target(5, comparator=">"), Actual(None)).status == CHUA_CO_SO_LIEU
    assert judge(Target(None), Actual(3.0)).status == KHONG_DANH_GIA


def test_shortfall_tolerance_is_configurable() -> None:
    target, actual = Target(100, comparator=">=", unit="xã"), Actual(99)
    assert judge(target, actual).status == KHONG_DAT
    assert judge(target, actual, policy=Policy(shortfall_rel=0.02)).status == DAT


def test_strict_bound_policy() -> None:
    target = Target(5, comparator=">", unit="%")
    assert judge(target, Actual(5.0), policy=Policy(strict_bound_met_is_dat=False)).status == KHONG_DAT


def test_every_year_target_reaching_the_bound_each_year_is_dat_not_vuot() -> None:
    target = Target(90, comparator=">", unit="%")
    years = {2021: Actual(90.0), 2022: Actual(92.0), 2023: Actual(95.0)}
    assert judge_every_year(target, years).status == DAT
    years[2024] = Actual(88.0)
    verdict = judge_every_year(target, years)
    assert verdict.status == KHONG_DAT
    assert "2024" in verdict.rule


def test_composite_is_met_only_when_all_parts_are() -> None:
    ok = Verdict(DAT, "")
    assert judge_composite({"nông nghiệp": ok, "công nghiệp": ok}).status == DAT
    assert judge_composite({"nông nghiệp": ok, "dịch vụ": Verdict(KHONG_DAT, "")}).status == KHONG_DAT
    assert judge_composite({"a": Verdict(VUOT, ""), "b": Verdict(VUOT, "")}).status == VUOT


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(
    value=values,
    actual=values,
    comparator=st.sampled_from(["=", "~", ">", ">=", "<", "<="]),
    direction=st.sampled_from(["up", "down"]),
)
def test_every_verdict_has_a_status_and_a_rule(value: float, actual: float, comparator: str, direction: str) -> None:
    verdict = judge(Target(value, comparator=comparator, unit="%"), Actual(actual), direction)
    assert verdict.status in STATUSES
    assert verdict.rule.endswith(verdict.status)


@given(low=st.floats(0, 100), width=st.floats(0.1, 50), actual=st.floats(-100, 300))
def test_range_verdict_is_monotone(low: float, width: float, actual: float) -> None:
    """For higher-is-better, a larger actual never gets a worse verdict."""
    rank = {KHONG_DAT: 0, DAT: 1, VUOT: 2}
    target = Target(low, low + width, "range", "%")
    first = judge(target, Actual(actual)).status
    second = judge(target, Actual(actual + 1)).status
    assert rank[second] >= rank[first]
