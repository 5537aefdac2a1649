"""Which evaluated rows are the plan's indicators: a target for the period, or an indicator the
catalogue holds (shipped or confirmed); a phrase waiting for review, or dismissed, is not."""

from __future__ import annotations

import datetime as dt

import pytest

from chitieu.catalog import Catalog, Indicator
from chitieu.evaluate.engine import Evaluation
from chitieu.evaluate.indicators import IndicatorInfo
from chitieu.evaluate.scope import in_plan, plan_scope
from chitieu.evaluate.series import Observation
from chitieu.extract.facts import Period

CATALOG = Catalog.from_indicators([
    Indicator("grdp", "Tốc độ tăng trưởng GRDP", "kinh tế", "%", "up", "cagr"),
    Indicator("new:so_doan", "Số đoàn công tác", None, "đoàn", None, None, confirmed=True, shipped=False),
    Indicator("new:cu", "Cử", None, "đoàn", None, None, confirmed=False, shipped=False),
    Indicator("new:tong_so", "Tổng số", None, "hộ", None, None, confirmed=False, shipped=False, dismissed=True),
    Indicator("new:cu_old", "Cử cán bộ", None, None, None, None, confirmed=False, shipped=False, merged_into="grdp"),
])


def _obs(code: str, kind: str, derived: bool = False) -> Observation:
    return Observation(indicator=code, label=code, kind=kind, value=5.0, period_start=dt.date(2024, 1, 1),
                       period_end=dt.date(2024, 12, 31), period_label="năm 2024", unit="%", derived=derived)


def _ev(code: str, target: bool | str, official_status: str | None = None) -> Evaluation:
    info = IndicatorInfo(code, code, "khác", None, "up", "last", known=False)
    planned = _obs(code, "target", derived=target == "derived") if target else None
    ev = Evaluation(info, Period.year(2024), planned, _obs(code, "actual"), "Không đánh giá", "")
    ev.official_status = official_status
    return ev


@pytest.mark.parametrize(
    ("code", "target", "official", "expected"),
    [
        ("grdp", False, None, True),  # shipped: the plan's even in a year without a target
        ("grdp", True, None, True),
        ("new:so_doan", False, None, True),  # confirmed by a planner
        ("new:cu", False, None, False),  # waiting for review
        ("new:cu", True, None, True),  # a target of the period is the plan's own words
        ("new:cu", "derived", None, False),  # a plan only implied by "bằng 69% kế hoạch" is not
        ("new:so_doan", "derived", None, True),
        ("new:cu", False, "Đạt", True),  # a term table's own verdict on it
        ("new:tong_so", True, None, False),  # dismissed: the planner's answer wins over a target
        ("new:tong_so", False, None, False),
        ("new:cu_old", False, None, True),  # merged: it is the indicator it was merged into
        ("label:khong_ro", False, None, False),  # nothing in the catalogue
        ("label:khong_ro", True, None, True),
    ],
)
def test_in_plan(code: str, target: bool | str, official: str | None, expected: bool) -> None:
    assert in_plan(_ev(code, target, official), CATALOG) is expected


def test_plan_scope_keeps_order_and_counts_the_rest() -> None:
    rows = [_ev("new:cu", False), _ev("grdp", True), _ev("label:do", False), _ev("new:tong_so", True),
            _ev("new:so_doan", False)]
    scope = plan_scope(rows, CATALOG)
    assert [ev.info.code for ev in scope.rows] == ["grdp", "new:so_doan"]
    assert [ev.info.code for ev in scope.left_for_review] == ["new:cu"]
    assert [ev.info.code for ev in scope.set_aside] == ["label:do", "new:tong_so"]
