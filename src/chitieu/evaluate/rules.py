"""Verdict rules: Vượt / Đạt / Không đạt / Không đánh giá / Chưa có số liệu.

Pure functions. Inputs are a target (value, optional upper bound, comparator), an actual
(value, and a comparator when a table cell is itself a bound such as "<15"), the indicator's
direction (higher or lower is better) and a ``Policy``. Output is the status and a one-line
Vietnamese ``rule`` a planning officer can check by hand, e.g.
"mục tiêu khoảng 9,0%; thực hiện 8,24% < 9,0% − dung sai 0,2 → Không đạt".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from chitieu.evaluate.policy import DEFAULT_POLICY, Policy
from chitieu.extract.facts import DECIMAL_DOUBT


def _number(value: float) -> str:
    """A figure in Vietnamese style; the number grammar loads with the first verdict written."""
    from chitieu.extract.quantities import format_number

    return format_number(value)

VUOT = "Vượt"
DAT = "Đạt"
KHONG_DAT = "Không đạt"
KHONG_DANH_GIA = "Không đánh giá"
CHUA_CO_SO_LIEU = "Chưa có số liệu"
STATUSES = (VUOT, DAT, KHONG_DAT, KHONG_DANH_GIA, CHUA_CO_SO_LIEU)
# how a table cell writes a bound figure: "<15", "≥80"
BOUND_SIGNS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}
EXPECTED = {VUOT: "Dự kiến vượt", DAT: "Dự kiến đạt", KHONG_DAT: "Dự kiến không đạt"}


def expected_text(status: str) -> str:
    """ "Vượt" → "Dự kiến vượt": a verdict on an estimate of the year is a forecast and says so."""
    return EXPECTED.get(status, status)

COMPARATOR_WORDS = {
    "=": "",
    "~": "khoảng ",
    ">": "trên ",
    ">=": "từ ",
    "<": "dưới ",
    "<=": "không quá ",
    "range": "",
}


@dataclass(frozen=True)
class Target:
    value: float | None
    value_high: float | None = None
    comparator: str = "="
    unit: str | None = None


@dataclass(frozen=True)
class Actual:
    value: float | None
    comparator: str = "="  # a cell "<15" is Actual(15, "<")
    estimate: bool = False
    doubt: str | None = None  # why the figure cannot be judged as written (a lost decimal comma)


class Stated(Protocol):
    """A stored figure (an ``Observation``) as far as the rules need it."""

    value: float | None
    comparator: str
    estimate: bool
    data: dict[str, Any]


def actual_of(obs: Stated) -> Actual:
    """An observation's figure as the rules read it: a bound cell ("<15") keeps its comparator,
    a figure flagged at extraction (:mod:`chitieu.extract.plausibility`) carries its doubt."""
    comparator = obs.comparator if obs.comparator in BOUND_SIGNS else "="
    doubt = obs.data.get(DECIMAL_DOUBT)
    note = str(doubt.get("note")) if isinstance(doubt, dict) and doubt.get("note") else None
    return Actual(obs.value, comparator, obs.estimate, note)


@dataclass(frozen=True)
class Verdict:
    status: str
    rule: str


def fmt(value: float, unit: str | None = None) -> str:
    text = _number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in {"%", "‰"} else f"{text} {unit}"


def describe_target(target: Target) -> str:
    if target.value is None:
        return "không có"
    if target.comparator == "range" and target.value_high is not None:
        return f"{_number(target.value)}-{fmt(target.value_high, target.unit)}"
    suffix = " trở lên" if target.comparator == ">=" else ""
    return f"{COMPARATOR_WORDS.get(target.comparator, '')}{fmt(target.value, target.unit)}{suffix}"


def describe_actual(actual: Actual, unit: str | None) -> str:
    if actual.value is None:
        return "chưa có"
    prefix = BOUND_SIGNS.get(actual.comparator, "")
    est = " (ước)" if actual.estimate else ""
    return f"{prefix}{fmt(actual.value, unit)}{est}"


def judge(
    target: Target,
    actual: Actual,
    direction: str = "up",
    policy: Policy = DEFAULT_POLICY,
    *,
    actual_word: str = "thực hiện",
) -> Verdict:
    """Judge one actual against one target.

    ``actual_word`` names the figure in the rule ("ước cả năm" for a year estimate).
    ``direction`` is "up" when higher is better, "down" when lower is better (poverty rate,
    malnutrition, accidents). The comparator of the target decides which side is binding:
    a target "dưới 2%" binds from above whatever the direction, "trên 85%" from below.
    """
    head = f"mục tiêu {describe_target(target)}; {actual_word} {describe_actual(actual, target.unit)}"
    if target.value is None:
        return Verdict(KHONG_DANH_GIA, f"{head}: chỉ tiêu không có giá trị định lượng → {KHONG_DANH_GIA}")
    if actual.value is None:
        return Verdict(CHUA_CO_SO_LIEU, f"{head} → {CHUA_CO_SO_LIEU}")
    if actual.doubt:
        return Verdict(KHONG_DANH_GIA, f"{head}: {actual.doubt} → {KHONG_DANH_GIA}")

    comparator = target.comparator
    if comparator == "range" and target.value_high is not None:
        return _judge_range(target, actual, direction, policy, head)
    if comparator == "~":
        return _judge_about(target, actual, direction, policy, head)
    # "=" (đạt X) binds like a bound on the good side of the direction.
    lower_is_better = comparator in {"<", "<="} or (comparator == "=" and direction == "down")
    return _judge_bound(target, actual, lower_is_better, policy, head)


def _judge_bound(target: Target, actual: Actual, lower_is_better: bool, policy: Policy, head: str) -> Verdict:
    bound = float(target.value)  # type: ignore[arg-type]
    value = float(actual.value)  # type: ignore[arg-type]
    unit = target.unit
    eq = policy.equal_abs
    slack = abs(bound) * policy.shortfall_rel
    # An actual that is itself a bound on the good side of the target ("<15" for "<15") meets it.
    if actual.comparator in {"<", "<="} and lower_is_better and value <= bound + eq:
        return Verdict(DAT, f"{head}: số liệu là cận trên thỏa mục tiêu → {DAT}")
    if actual.comparator in {">", ">="} and not lower_is_better and value >= bound - eq:
        rule = "số liệu là cận dưới thỏa mục tiêu"
        if value > bound + eq:
            return Verdict(VUOT, f"{head}: {rule}, vượt {fmt(bound, unit)} → {VUOT}")
        return Verdict(DAT, f"{head}: {rule} → {DAT}")
    better = bound - value if lower_is_better else value - bound
    sign_good, sign_bad = ("<", ">") if lower_is_better else (">", "<")
    if abs(better) <= eq:
        if target.comparator in {">", "<"} and not policy.strict_bound_met_is_dat:
            return Verdict(KHONG_DAT, f"{head}: bằng đúng cận nghiêm ngặt → {KHONG_DAT}")
        return Verdict(DAT, f"{head}: bằng mục tiêu (dung sai {_number(eq)}) → {DAT}")
    if better > 0:
        return Verdict(VUOT, f"{head}: {fmt(value, unit)} {sign_good} {fmt(bound, unit)} → {VUOT}")
    if -better <= slack:
        return Verdict(
            DAT,
            f"{head}: thiếu {fmt(-better, unit)}, trong mức cho phép {fmt(slack, unit)} → {DAT}",
        )
    return Verdict(KHONG_DAT, f"{head}: {fmt(value, unit)} {sign_bad} {fmt(bound, unit)} → {KHONG_DAT}")


def _judge_range(target: Target, actual: Actual, direction: str, policy: Policy, head: str) -> Verdict:
    low = float(target.value)  # type: ignore[arg-type]
    high = float(target.value_high)  # type: ignore[arg-type]
    value = float(actual.value)  # type: ignore[arg-type]
    unit = target.unit
    eq = policy.equal_abs
    if low - eq <= value <= high + eq:
        return Verdict(DAT, f"{head}: trong khoảng {_number(low)}-{fmt(high, unit)} → {DAT}")
    above = value > high
    good = above if direction != "down" else not above
    edge = high if above else low
    sign = ">" if above else "<"
    if good:
        return Verdict(VUOT, f"{head}: {fmt(value, unit)} {sign} {fmt(edge, unit)} → {VUOT}")
    slack = abs(edge) * policy.shortfall_rel
    if abs(value - edge) <= slack:
        return Verdict(DAT, f"{head}: lệch {fmt(abs(value - edge), unit)}, trong mức cho phép → {DAT}")
    return Verdict(KHONG_DAT, f"{head}: {fmt(value, unit)} {sign} {fmt(edge, unit)} → {KHONG_DAT}")


def _judge_about(target: Target, actual: Actual, direction: str, policy: Policy, head: str) -> Verdict:
    center = float(target.value)  # type: ignore[arg-type]
    value = float(actual.value)  # type: ignore[arg-type]
    unit = target.unit
    band = policy.approx_band(center, unit)
    band_text = _number(band)
    if abs(value - center) <= band + policy.equal_abs:
        return Verdict(DAT, f"{head}: trong khoảng {fmt(center, unit)} ± dung sai {band_text} → {DAT}")
    above = value > center
    good = above if direction != "down" else not above
    if good:
        sign = "+" if above else "−"
        rel = ">" if above else "<"
        return Verdict(
            VUOT, f"{head}: {fmt(value, unit)} {rel} {fmt(center, unit)} {sign} dung sai {band_text} → {VUOT}"
        )
    sign = "−" if not above else "+"
    rel = "<" if not above else ">"
    return Verdict(
        KHONG_DAT,
        f"{head}: {fmt(value, unit)} {rel} {fmt(center, unit)} {sign} dung sai {band_text} → {KHONG_DAT}",
    )


def judge_every_year(
    target: Target, actuals: dict[int, Actual], direction: str = "up", policy: Policy = DEFAULT_POLICY
) -> Verdict:
    """A target stated for every year ("hằng năm"): met over a term when every year meets it.

    Reaching the bound every year is "Đạt", not "Vượt" (DOMAIN: judged year by year).
    """
    if not actuals:
        return Verdict(
            CHUA_CO_SO_LIEU,
            f"mục tiêu {describe_target(target)} hằng năm; chưa có số liệu → {CHUA_CO_SO_LIEU}",
        )
    verdicts = {year: judge(target, actual, direction, policy) for year, actual in sorted(actuals.items())}
    missing = [y for y, v in verdicts.items() if v.status == CHUA_CO_SO_LIEU]
    failed = [y for y, v in verdicts.items() if v.status == KHONG_DAT]
    years = ", ".join(str(y) for y in verdicts)
    head = f"mục tiêu {describe_target(target)} hằng năm ({years})"
    if failed:
        return Verdict(KHONG_DAT, f"{head}: không đạt các năm {', '.join(map(str, failed))} → {KHONG_DAT}")
    if missing:
        return Verdict(
            KHONG_DANH_GIA, f"{head}: thiếu số liệu năm {', '.join(map(str, missing))} → {KHONG_DANH_GIA}"
        )
    return Verdict(DAT, f"{head}: năm nào cũng đạt → {DAT}")


def judge_composite(parts: dict[str, Verdict]) -> Verdict:
    """A composite target (e.g. the four shares of the economic structure) is met only when all parts are."""
    if not parts:
        return Verdict(CHUA_CO_SO_LIEU, f"chỉ tiêu tổng hợp không có thành phần → {CHUA_CO_SO_LIEU}")
    statuses = {name: v.status for name, v in parts.items()}
    listing = "; ".join(f"{name}: {status}" for name, status in statuses.items())
    if any(s == KHONG_DAT for s in statuses.values()):
        status = KHONG_DAT
    elif any(s in {CHUA_CO_SO_LIEU, KHONG_DANH_GIA} for s in statuses.values()):
        status = KHONG_DANH_GIA
    elif all(s == VUOT for s in statuses.values()):
        status = VUOT
    else:
        status = DAT
    return Verdict(status, f"chỉ tiêu tổng hợp, đạt khi mọi thành phần đạt ({listing}) → {status}")


def not_assessed(reason: str) -> Verdict:
    """E.g. the indicator's scope vanished in the 2025 reorganisation."""
    return Verdict(KHONG_DANH_GIA, f"{reason} → {KHONG_DANH_GIA}")
