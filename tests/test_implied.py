"""Plans implied by plan ratios, and their agreement with the targets resolutions state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chitieu.extract.facts import Fact, Period, Source
from chitieu.extract.implied import check_implied_against_targets, derive_implied_targets, implied_plan
from chitieu.pipeline import extract_facts, read_document

SAMPLE = Path(__file__).parents[1] / "src" / "chitieu" / "samples" / "02_bao_cao_9_thang_2024.txt"
NINE_MONTHS = Period(dt.date(2024, 1, 1), dt.date(2024, 9, 30), "9 tháng năm 2024")


def _actual(value: float, unit: str, **extra: object) -> Fact:
    text = f"chỉ tiêu {value} {unit}"
    return Fact(
        kind="actual",
        label="Tổng sản lượng lương thực có hạt",
        indicator="grain_output",
        value=value,
        unit=unit,
        period=NINE_MONTHS,
        source=Source("bc.txt", 10, 10 + len(text), text),
        extra={"estimate": True, **extra},
    )


def _target(value: float, unit: str = "tấn", **kw: object) -> Fact:
    return Fact(
        kind="target",
        label="Tổng sản lượng lương thực có hạt",
        indicator="grain_output",
        value=value,
        unit=unit,
        comparator="=",
        period=Period.year(2024),
        source=Source("nq.txt", 0, 5, "x" * 5),
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("value", "ratio", "decimals", "plan"),
    [
        (125797, 55.7, 1, 226000),  # the roundest figure the ratio allows
        (52000, 91.4, 1, 56900),
        (455, 118.3, 1, 385),  # vượt 18,3%
        (453, 190, -1, 240),  # vượt 1,9 lần
        (1.099, 97, 0, 1.13),  # triệu lượt
        (8832, 99, 0, 8900),
        (131200, 57.0, 1, 230000),
    ],
)
def test_implied_plan_is_the_roundest_figure_within_the_ratio(
    value: float, ratio: float, decimals: int, plan: float
) -> None:
    got, low, high = implied_plan(value, ratio, decimals)
    assert got == pytest.approx(plan)
    # the plan is consistent with the figures as the report rounded them
    assert low <= got <= high
    assert low <= value / ratio * 100 <= high


def test_a_precise_ratio_gives_a_precise_plan() -> None:
    coarse, *_ = implied_plan(125797, 56, 0)
    fine, *_ = implied_plan(125797, 55.73, 2)
    assert abs(fine - 125797 / 55.73 * 100) < abs(coarse - 125797 / 55.73 * 100) or fine == coarse
    assert implied_plan(125797, 55.73, 2)[2] - implied_plan(125797, 55.73, 2)[1] < 500


def test_derived_target_carries_its_evidence() -> None:
    actual = _actual(125797, "tấn", plan_ratio=55.7, plan_basis="kế hoạch", plan_ratio_decimals=1)
    [derived] = derive_implied_targets([actual])
    assert derived.kind == "target" and derived.extra["derived"] is True
    assert derived.value == 226000 and derived.unit == "tấn"
    assert derived.indicator == "grain_output" and derived.label == actual.label
    assert derived.period == Period.year(2024)
    assert derived.source == actual.source
    origin = derived.extra["derived_from"]
    assert origin["value"] == 125797 and origin["plan_ratio"] == 55.7 and origin["basis"] == "kế hoạch"
    assert origin["source"]["start"] == actual.source.start


def test_every_basis_gives_a_plan_the_primary_last() -> None:
    actual = _actual(
        1692,
        "tỷ đồng",
        plan_ratio=76.0,
        plan_basis="dự toán HĐND tỉnh giao",
        plan_ratios=[
            {"value": 80.0, "basis": "dự toán Trung ương giao"},
            {"value": 76.0, "basis": "dự toán HĐND tỉnh giao"},
        ],
        plan_ratio_decimals=0,
    )
    derived = derive_implied_targets([actual])
    assert [d.extra["plan_basis"] for d in derived] == ["dự toán Trung ương giao", "dự toán HĐND tỉnh giao"]
    assert [d.value for d in derived] == [2120, 2230]


def test_changes_and_rates_that_are_the_ratio_imply_nothing() -> None:
    change_only = _actual(39600, "tấn", change={"value": 17.5, "unit": "%", "direction": "down"})
    rate = _actual(38.21, "%", plan_ratio=38.21, plan_basis="kế hoạch giao chi tiết")
    assert derive_implied_targets([change_only, rate]) == []


def test_agreement_with_the_resolution_target_within_one_point() -> None:
    actual = _actual(125797, "tấn", plan_ratio=55.7, plan_basis="kế hoạch", plan_ratio_decimals=1)
    derived = derive_implied_targets([actual])
    agree = check_implied_against_targets(derived, [_target(226000)])
    assert len(agree) == 1 and agree[0].agrees and agree[0].difference < 0.1
    disagree = check_implied_against_targets(derived, [_target(240000)])
    assert len(disagree) == 1 and not disagree[0].agrees
    assert disagree[0].computed_ratio == pytest.approx(52.4, abs=0.05)
    assert disagree[0].to_json()["stated_target"] == 240000


def test_only_comparable_targets_are_checked() -> None:
    derived = derive_implied_targets([_actual(125797, "tấn", plan_ratio=55.7, plan_basis="kế hoạch")])
    other_unit = _target(226, unit="ha")
    another_year = _target(226000)
    another_year.period = Period.year(2023)
    ranged = _target(220000, value_high=230000)
    ranged.comparator = "range"
    derived_too = _target(226000, extra={"derived": True})
    assert check_implied_against_targets(derived, [other_unit, another_year, ranged, derived_too]) == []


@pytest.mark.parametrize(
    ("value", "unit", "target", "target_unit", "agrees"),
    [
        (125797, "tấn", 226, "nghìn tấn", True),  # 125.797 tấn is 55,7% of 226 nghìn tấn
        (125.797, "nghìn tấn", 226000, "tấn", True),
        (125797, "tấn", 250, "nghìn tấn", False),  # 50,3%: the report's 55,7% disagrees
        (1099000, "lượt", 1.13, "triệu lượt", True),  # 1,099 million is 97% of 1,13 million
    ],
)
def test_targets_in_another_scale_of_the_same_unit_are_compared(
    value: float, unit: str, target: float, target_unit: str, agrees: bool
) -> None:
    ratio = 55.7 if target_unit != "triệu lượt" else 97.0
    derived = derive_implied_targets([_actual(value, unit, plan_ratio=ratio, plan_basis="kế hoạch")])
    checks = check_implied_against_targets(derived, [_target(target, unit=target_unit)])
    assert len(checks) == 1 and checks[0].agrees is agrees


def test_a_plan_stated_in_a_report_table_is_the_derived_target() -> None:
    actual = _actual(118450, "tấn", plan_ratio=56.4, plan_basis="kế hoạch", plan_value=210000.0)
    (derived,) = derive_implied_targets([actual])
    assert derived.value == 210000.0
    # a stated plan outside what the ratio allows is not taken
    odd = _actual(118450, "tấn", plan_ratio=56.4, plan_basis="kế hoạch", plan_value=150000.0)
    assert derive_implied_targets([odd])[0].value != 150000.0


def test_bundled_sample_yields_actuals_with_ratios_and_implied_targets() -> None:
    doc = read_document(SAMPLE)
    facts = extract_facts(doc)
    actuals = [f for f in facts if f.kind == "actual" and "plan_ratio" in f.extra]
    derived = [f for f in facts if f.kind == "target" and f.extra.get("derived")]
    assert len(actuals) >= 7
    assert len(derived) == len([a for a in actuals if a.unit != "%"])
    grain = next(f for f in derived if f.indicator == "grain_output")
    assert grain.value == 230000 and grain.period == Period.year(2024)
    # next quarter's tasks are not results
    tasks_at = doc.text.index("II. NHIỆM VỤ")
    assert all(f.source.start < tasks_at for f in facts if f.kind == "actual")
