"""Consistency checks point at the arithmetic a document gets wrong, with evidence."""

import datetime as dt

from chitieu.evaluate.consistency import check_plan_ratios, check_structure_sums, check_table_rows
from chitieu.evaluate.series import Observation

Y = dt.date


def o(indicator: str, kind: str, value: float, **kw: object) -> Observation:
    base: dict[str, object] = {
        "label": indicator,
        "unit": "%",
        "document": "nq.docx",
        "document_id": 1,
        "period_start": Y(2024, 1, 1),
        "period_end": Y(2024, 12, 31),
        "period_label": "năm 2024",
        "src_text": "…",
    }
    base.update(kw)
    return Observation(indicator=indicator, kind=kind, value=value, **base)  # type: ignore[arg-type]


def test_plan_ratio_that_disagrees_with_the_resolution_is_found() -> None:
    target = o("grain_output", "target", 225_000, unit="tấn")
    good = o(
        "grain_output",
        "actual",
        125_797,
        unit="tấn",
        data={"plan_ratio": 55.9},
        document="bc.docx",
        document_id=2,
    )
    bad = o(
        "grain_output",
        "actual",
        125_797,
        unit="tấn",
        data={"plan_ratio": 65.0},
        document="bc2.docx",
        document_id=3,
    )
    assert check_plan_ratios([target, good]) == []
    [finding] = check_plan_ratios([target, bad])
    assert finding.check == "plan_ratio"
    assert "65%" in finding.message and "55,9%" in finding.message
    assert len(finding.evidence) == 2


def table_row(**data: object) -> Observation:
    return o(
        "new_tea_area",
        "target",
        2400,
        unit="ha",
        data=data,
        fact_id=7,
        period_start=Y(2021, 1, 1),
        period_label="giai đoạn 2021-2025",
    )


def test_cumulative_total_must_equal_the_sum_of_its_years() -> None:
    annual = {"2021": 818, "2022": 606, "2023": 410, "2024": 555, "2025": 330}
    assert check_table_rows([table_row(annual=annual, term_value=2719, aggregation="sum")]) == []
    [finding] = check_table_rows([table_row(annual=annual, term_value=2800, aggregation="sum")])
    assert finding.check == "aggregate"
    assert "2.719" in finding.message


def test_document_verdict_that_differs_from_the_rule_is_listed() -> None:
    [finding] = check_table_rows([table_row(annual={}, official_status="Đạt", computed_status="Không đạt")])
    assert finding.check == "verdict"
    assert finding.severity == "info"


def test_structure_needs_known_parent() -> None:
    # Unknown indicators have no parent: nothing to check, nothing invented.
    parts = [o(f"x{i}", "target", v) for i, v in enumerate([20, 30, 40, 5])]
    assert check_structure_sums(parts) == []


def test_plan_ratio_is_checked_across_scales_of_one_unit() -> None:
    # the report counts tonnes, the resolution thousands of tonnes: 131.200 / 230.000 = 57,0%
    target = o("grain_output", "target", 230, unit="nghìn tấn")
    stated = o("grain_output", "actual", 131_200, unit="tấn", data={"plan_ratio": 57.0}, document_id=2)
    assert check_plan_ratios([target, stated]) == []
    wrong = o("grain_output", "actual", 131_200, unit="tấn", data={"plan_ratio": 67.0}, document_id=2)
    [finding] = check_plan_ratios([target, wrong])
    assert "67%" in finding.message
    # a figure in another base unit is no ratio of this plan
    other = o("grain_output", "actual", 5_000, unit="ha", data={"plan_ratio": 57.0}, document_id=2)
    assert check_plan_ratios([target, other]) == []
