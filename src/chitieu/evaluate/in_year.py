"""The year a report is written in: the figure so far, the estimate for the whole year, the expected verdict.

A province's November report gives, per indicator, the plan, the figure for the months so far
("9 tháng đạt 1.980 tỷ đồng, bằng 76,2% kế hoạch"), the estimate for the whole year ("ước thực
hiện cả năm 2.650 tỷ đồng") and the verdict that estimate would get ("dự kiến vượt kế hoạch").
This module gives the evaluation the same three things and never lets a nine-month figure pass
for the year's:

- the **period actual**: the latest figure for part of the year, with its own period label;
- the **year estimate**: the document's own "ước cả năm" when one gives it (the latest such; a
  department's estimate knows what a formula cannot), else a projection of the period actual whose method is named — seasonal
  history (the share of the year's final value reached by the same point in earlier years), even
  accumulation over the months, or, for a stock or a rate, the value as it stands;
- the **expected status**: the verdict the estimate would get, always printed "dự kiến …".

When the year's official figure is stored, the engine judges it instead and the verdict is final.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chitieu.evaluate.forecast import Projection, outlook_label, project_year_end
from chitieu.evaluate.indicators import IndicatorInfo
from chitieu.evaluate.policy import DEFAULT_POLICY, Policy
from chitieu.evaluate.rules import Actual, Target, Verdict, actual_of, describe_actual, expected_text, judge
from chitieu.evaluate.series import Observation, best
from chitieu.text.fold import fold

PERCENT_UNITS = frozenset({"%", "‰", "điểm %"})
OWN_ESTIMATE_METHOD = "ước thực hiện cả năm của văn bản"

FLOW_WORDS = (
    "san luong", "thu ngan sach", "thu noi dia", "thu tu", "doanh thu", "von dau tu", "tong von",
    "kim ngach", "gia tri san xuat", "gia tri xuat", "ban le", "luot khach", "khach du lich",
    "trong moi", "giai quyet viec lam", "dao tao nghe", "ket nap", "giai ngan", "chi ngan sach",
    "tong muc", "xuat khau", "nhap khau", "so vu", "tuyen quan", "thanh lap moi", "cap moi", "xay moi",
)


@dataclass(frozen=True)
class YearEstimate:
    """The whole year's figure while the year is still running, and how it was obtained."""

    value: float | None
    method: str  # Vietnamese: "ước thực hiện cả năm của văn bản", or how the projection was made
    source: Observation | None = None  # the document's own estimate; None for a projection
    comparator: str = "="  # an estimate stated as a bound ("dưới 15%") stays one
    plan_ratio: float | None = None
    level: bool = False  # a projected rate or stock: the figure so far, not scaled by the months

    @property
    def projected(self) -> bool:
        return self.source is None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": None if self.value is None else round(self.value, 6),
            "comparator": self.comparator,
            "method": self.method,
            "projected": self.projected,
            "level": self.level,
            "plan_ratio": None if self.plan_ratio is None else round(self.plan_ratio, 2),
            "source": None if self.source is None else self.source.source_json(),
        }


@dataclass(frozen=True)
class InYearJudgement:
    estimate: YearEstimate
    verdict: Verdict  # the expected one
    outlook: Projection
    rule: str


def is_flow(info: IndicatorInfo, unit: str | None) -> bool:
    """In-year figures that accumulate over the months (output, revenue, visitors, planting).

    Percentages, ratios ("bác sỹ/1 vạn dân"), per-capita averages and stocks (the tea area,
    the number of communes meeting a standard) are levels: nine months of them are already a
    year-end-like value and must not be scaled up by 12/9.
    """
    unit = unit or info.unit
    if not unit or unit in PERCENT_UNITS or "/" in unit:
        return False
    name = fold(info.name)
    if "binh quan" in name:
        return False
    return info.aggregation in {"sum", "mean"} or any(word in name for word in FLOW_WORDS)


def judge_in_year(
    info: IndicatorInfo,
    series: list[Observation],
    target: Target,
    period_actual: Observation | None,
    own: Observation | None,
    policy: Policy = DEFAULT_POLICY,
) -> InYearJudgement:
    """The year estimate of a running year and the verdict it would get.

    ``own`` is the document's own full-year estimate, ``period_actual`` the latest figure for
    part of the year; at least one is given.
    """
    lower_is_better = info.direction == "down"
    bound = target.value_high if target.comparator == "range" else target.value
    if own is not None and own.value is not None:
        stated = own.data.get("plan_ratio")
        estimate = YearEstimate(
            own.value,
            OWN_ESTIMATE_METHOD,
            own,
            actual_of(own).comparator,
            float(stated) if isinstance(stated, int | float) else _ratio(own.value, target, info, own.unit),
        )
        label = outlook_label(own.value, bound, lower_is_better)
        outlook = Projection(own.value, label, OWN_ESTIMATE_METHOD)
        lead = f"{OWN_ESTIMATE_METHOD} ({own.document or 'nhập tay'})"
    else:
        assert period_actual is not None and period_actual.value is not None
        months = period_actual.period_end.month - period_actual.period_start.month + 1
        flow = is_flow(info, target.unit)
        outlook = project_year_end(
            period_actual.value,
            max(1, min(12, months)),
            bound,
            flow=flow,
            lower_is_better=lower_is_better,
            past_shares=past_shares(series, period_actual) if flow else [],
        )
        # a projection is an estimate: two decimals, so the rule reads "232,41 nghìn tấn", not "232,408524"
        value = None if outlook.value is None else round(outlook.value, 2)
        estimate = YearEstimate(
            value,
            outlook.method,
            None,
            "=" if flow else actual_of(period_actual).comparator,  # a level stated as a bound ("dưới 15%") stays one
            _ratio(value, target, info, target.unit),
            level=not flow,
        )
        shown = describe_actual(actual_of(period_actual), target.unit)
        lead = f"{period_actual.period_label} thực hiện {shown}; dự báo cả năm {estimate.method}"
    stated = own if own is not None and own.value is not None else period_actual
    doubt = actual_of(stated).doubt if stated is not None else None  # no forecast from a doubted figure
    verdict = judge(
        target, Actual(estimate.value, estimate.comparator, doubt=doubt), info.direction, policy, actual_word="ước cả năm"
    )
    # the rule ends on the verdict as printed: "… → Dự kiến vượt"
    tail = f"→ {verdict.status}"
    judged = verdict.rule.removesuffix(tail) + f"→ {expected_text(verdict.status)}"
    return InYearJudgement(estimate, verdict, outlook, f"{lead}; {judged}")


def _ratio(value: float | None, target: Target, info: IndicatorInfo, unit: str | None) -> float | None:
    """Estimate / plan, where "% kế hoạch" means something (not for rates or lower-is-better)."""
    if value is None or not target.value or target.comparator == "range" or info.direction == "down":
        return None
    if (unit or "") in PERCENT_UNITS or (unit or "").startswith("%"):
        return None
    return value / target.value * 100


def past_shares(series: Sequence[Observation], actual: Observation) -> list[float]:
    """For earlier years: value at the same point of the year / the year's final value.

    One pass over the series (it holds every month of every year), then one lookup per year.
    """
    point = (actual.period_start.month, actual.period_end.month, actual.period_end.day)
    same_point: dict[int, list[Observation]] = defaultdict(list)
    final: dict[int, list[Observation]] = defaultdict(list)
    for o in series:
        if o.kind != "actual" or not o.value:
            continue
        if (o.period_start.month, o.period_end.month, o.period_end.day) == point:
            same_point[o.year].append(o)
        if o.full_year:
            final[o.year].append(o)
    shares = []
    for year in {o.year for o in series if o.year < actual.year}:
        a, f = best(same_point.get(year, ())), best(final.get(year, ()))
        if a is not None and f is not None and a.value and f.value:
            shares.append(a.value / f.value)
    return shares
