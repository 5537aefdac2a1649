"""Plans implied by plan ratios: "125.797 tấn, bằng 55,7% kế hoạch" → a plan of about 226.000 tấn.

A progress report rarely restates the annual plan, but its ratio lets one infer it. The
inferred figure is stored as a *derived* ``target`` (``extra["derived"] = True``) for the whole
year of the report, with the statement it came from (``derived_from``), so that

* an indicator whose resolution is not loaded still has a plan to measure progress against
  (evaluation prefers a stated target over a derived one);
* when the resolution is loaded too, the two can be checked against each other
  (:func:`check_implied_against_targets`): a ratio that disagrees with the stated target by
  more than a percentage point is worth a look.

Precision: a ratio written ``55,7%`` means anything in [55,65; 55,75), so the plan lies in an
interval, here [225.645; 226.050] tấn. The plan is reported as the *roundest* number inside
that interval (226.000 — the province plans in round figures), or the nearest value at the
finest step that fits. Changes "so với cùng kỳ" compare with last year, not with a plan, and
imply nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from chitieu.extract.facts import Fact, Period
from chitieu.extract.periods import fold
from chitieu.extract.units import split_scale

__all__ = [
    "ImpliedCheck",
    "check_implied_against_targets",
    "derive_implied_targets",
    "implied_plan",
]

AGREEMENT_TOLERANCE = 1.0  # percentage points between a stated ratio and actual / target


def implied_plan(
    value: float, ratio: float, ratio_decimals: int = 1, value_decimals: int | None = None
) -> tuple[float, float, float]:
    """(plan, low, high): the plan ``value`` is ``ratio`` percent of, rounded as the ratio allows.

    ``ratio_decimals`` is how many decimals the ratio was written with (``55,7`` → 1, ``97`` →
    0, ``1,9 lần`` → -1 once expressed in percent); ``value_decimals`` the same for the actual
    (taken from the value when not given).
    """
    if ratio <= 0:
        raise ValueError("a plan ratio must be positive")
    half_ratio = 0.5 * 10.0 ** (-ratio_decimals)
    if value_decimals is None:
        value_decimals = _decimals_of(value)
    half_value = 0.5 * 10.0 ** (-value_decimals)
    low = (value - half_value) / (ratio + half_ratio) * 100
    high = (value + half_value) / max(ratio - half_ratio, 1e-9) * 100
    central = value / ratio * 100
    return _roundest(central, low, high), low, high


def _decimals_of(value: float) -> int:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _roundest(central: float, low: float, high: float) -> float:
    """The multiple of the coarsest power of ten inside [low, high], closest to ``central``."""
    if central == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(high))) if high > 0 else 0
    for k in range(exponent, exponent - 12, -1):
        step = 10.0**k
        candidate = round(central / step) * step
        if low <= candidate <= high and candidate != 0:
            return round(candidate, max(0, -k))
        first = math.ceil(low / step) * step
        if first <= high and first != 0:
            best = min(
                (first + i * step for i in range(int((high - first) / step) + 1)),
                key=lambda c: abs(c - central),
            )
            return round(best, max(0, -k))
    return central


def derive_implied_targets(actuals: list[Fact], year: int | None = None) -> list[Fact]:
    """One derived target per plan ratio of each actual (``plan_ratios`` when several bases).

    The primary basis (``plan_basis``) comes last among an actual's derived targets, so a
    reader that takes the latest figure of a document takes the province's own plan.
    Statements whose figure *is* the ratio ("tỷ lệ giải ngân đạt 38,21% kế hoạch") imply no
    figure and are skipped.
    """
    out: list[Fact] = []
    for actual in actuals:
        if actual.kind != "actual" or actual.value is None or actual.value <= 0:
            continue
        primary = actual.extra.get("plan_ratio")
        if not isinstance(primary, int | float) or primary <= 0:
            continue
        basis = actual.extra.get("plan_basis") or "kế hoạch"
        ratios = actual.extra.get("plan_ratios") or [{"value": primary, "basis": basis}]
        ordered = [r for r in ratios if r["basis"] != basis] + [r for r in ratios if r["basis"] == basis]
        if actual.unit == "%" and any(abs(r["value"] - actual.value) < 1e-9 for r in ordered):
            continue
        plan_year = year or (actual.period.end.year if actual.period else None)
        if plan_year is None:
            continue
        decimals = int(actual.extra.get("plan_ratio_decimals", 1))
        stated_plan = actual.extra.get("plan_value")
        for r in ordered:
            if r["value"] <= 0:
                continue
            r_decimals = decimals if r["basis"] == basis else _decimals_of(r["value"])
            value, low, high = implied_plan(actual.value, float(r["value"]), r_decimals)
            if isinstance(stated_plan, int | float) and r["basis"] == basis and low <= stated_plan <= high:
                # a report table states the plan next to the ratio: take it as written
                value = float(stated_plan)
            out.append(_derived_fact(actual, value, low, high, float(r["value"]), r["basis"], plan_year))
    return out


def _derived_fact(
    actual: Fact, value: float, low: float, high: float, ratio: float, basis: str, year: int
) -> Fact:
    derived_from: dict[str, Any] = {
        "value": actual.value,
        "unit": actual.unit,
        "period": actual.period.to_json() if actual.period else None,
        "plan_ratio": ratio,
        "basis": basis,
        "estimate": bool(actual.extra.get("estimate")),
        "source": {"start": actual.source.start, "end": actual.source.end, "text": actual.source.text},
    }
    return Fact(
        kind="target",
        label=actual.label,
        indicator=actual.indicator,
        value=value,
        comparator="~",
        unit=actual.unit,
        period=Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"năm {year}"),
        source=actual.source,
        confidence=round(actual.confidence * 0.9, 3),
        extra={
            "derived": True,
            "derived_from": derived_from,
            "plan_basis": basis,
            "exact_value": round(actual.value / ratio * 100, 6) if actual.value is not None else None,
            "range": {"low": round(low, 6), "high": round(high, 6)},
            "phrase": actual.extra.get("phrase"),
        },
    )


@dataclass(frozen=True)
class ImpliedCheck:
    """A derived plan set against a target stated for the same indicator and year."""

    derived: Fact
    target: Fact
    stated_ratio: float  # the report's "bằng X% kế hoạch"
    computed_ratio: float  # actual / stated target × 100
    difference: float  # percentage points
    agrees: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "indicator": self.derived.indicator,
            "label": self.derived.label,
            "stated_ratio": self.stated_ratio,
            "computed_ratio": round(self.computed_ratio, 2),
            "difference": round(self.difference, 2),
            "agrees": self.agrees,
            "implied_target": self.derived.value,
            "stated_target": self.target.value,
            "evidence": [self.derived.source.to_json(), self.target.source.to_json()],
        }


def check_implied_against_targets(
    derived: list[Fact], targets: list[Fact], tolerance: float = AGREEMENT_TOLERANCE
) -> list[ImpliedCheck]:
    """Does each plan ratio agree with the actual and the target the resolution states?

    Pairs a derived target with every stated (not derived) target of the same indicator (the
    catalogue code, else the folded label), year and base unit — ``225 nghìn tấn`` and
    ``226.000 tấn`` compare, each figure brought to its base unit
    (:func:`chitieu.extract.units.split_scale`); a pair agrees when the stated ratio is within
    ``tolerance`` percentage points of actual ÷ target. Ranges and targets without a value are
    not comparable and are skipped.
    """
    stated: dict[tuple[str, int, str | None], list[tuple[Fact, float]]] = {}
    for t in targets:
        if t.kind != "target" or t.extra.get("derived") or not t.value or t.period is None:
            continue
        if t.comparator == "range":
            continue
        factor, base = _scale(t.unit)
        stated.setdefault((_key(t), t.period.end.year, base), []).append((t, factor))
    out: list[ImpliedCheck] = []
    for d in derived:
        source = d.extra.get("derived_from") or {}
        ratio, value = source.get("plan_ratio"), source.get("value")
        if d.period is None or not isinstance(ratio, int | float) or not isinstance(value, int | float):
            continue
        actual_factor, base = _scale(source.get("unit") or d.unit)
        for t, factor in stated.get((_key(d), d.period.end.year, base), []):
            assert t.value is not None
            computed = value * actual_factor / (t.value * factor) * 100
            difference = abs(computed - ratio)
            out.append(ImpliedCheck(d, t, float(ratio), computed, difference, difference <= tolerance))
    return out


def _scale(unit: str | None) -> tuple[float, str | None]:
    if unit is None:
        return 1.0, None
    return split_scale(unit)


def _key(fact: Fact) -> str:
    return fact.indicator or "label:" + " ".join(fold(fact.label).split())
