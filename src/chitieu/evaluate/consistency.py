"""Consistency checks on what documents say — arithmetic users value having checked for them.

- the shares of a composite (the economic structure's four sectors) add up to 100%;
- a cumulative total equals the sum of its years, a stated average equals the aggregate of
  its years (rows of evaluation tables);
- a document's own verdict agrees with the rule (disagreement is audit information, not an
  error to hide);
- a plan ratio ("bằng 55,7% kế hoạch") agrees with the actual and the target stated elsewhere;
- a figure's unit can state what its words name ("5.500.000 cây" beside the cinnamon *area*
  is no area: the figure is set aside, and said so);
- a figure that seems to have lost its decimal comma (a share of 1032%) is listed to be checked.

Each ``Finding`` points at its evidence (document and exact span).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from chitieu.evaluate.aggregate import aggregate
from chitieu.evaluate.indicators import indicator_info
from chitieu.evaluate.series import Observation
from chitieu.extract.facts import DECIMAL_DOUBT
from chitieu.extract.quantities import format_number

SHARE_TOLERANCE = 0.5  # percentage points a rounded structure may miss 100 by
AGGREGATE_TOLERANCE = 0.011  # relative: a stated aggregate may differ by rounding only
RATIO_TOLERANCE = 1.0  # percentage points between a stated and a computed plan ratio


@dataclass
class Finding:
    check: str  # "structure_sum" | "aggregate" | "verdict" | "plan_ratio" | "unit" | "decimal"
    message: str
    indicator: str | None = None
    severity: str = "warning"
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "message": self.message,
            "indicator": self.indicator,
            "severity": self.severity,
            "evidence": self.evidence,
        }


def check_all(observations: list[Observation]) -> list[Finding]:
    return [
        *check_structure_sums(observations),
        *check_table_rows(observations),
        *check_plan_ratios(observations),
        *check_units(observations),
        *check_decimals(observations),
    ]


def check_structure_sums(observations: list[Observation]) -> list[Finding]:
    """Parts of one composite, from one document and period, must add up to 100%."""
    groups: dict[tuple[str, str, int | None, Any, Any], list[Observation]] = defaultdict(list)
    parents: dict[tuple[str, str], str | None] = {}  # one catalogue lookup per indicator, not per figure
    for obs in observations:
        if obs.value is None or obs.unit != "%" or obs.derived:
            continue
        key = (obs.indicator, obs.label)
        if key not in parents:
            parents[key] = indicator_info(obs.indicator, obs.label, obs.unit).parent
        parent = parents[key]
        if parent and _is_share_parent(parent):
            groups[(parent, obs.kind, obs.document_id, obs.period_start, obs.period_end)].append(obs)
    findings = []
    for (parent, _kind, _doc, _s, _e), parts in groups.items():
        unique = {o.indicator: o for o in parts}
        if len(unique) < 3:
            continue
        total = sum(o.value or 0 for o in unique.values())
        if abs(total - 100) > SHARE_TOLERANCE:
            listing = " + ".join(f"{format_number(o.value or 0)}%" for o in unique.values())
            findings.append(
                Finding(
                    "structure_sum",
                    f"cơ cấu không cộng đủ 100%: {listing} = {format_number(round(total, 2))}%",
                    parent,
                    evidence=[o.source_json() for o in unique.values()],
                )
            )
    return findings


def _is_share_parent(code: str) -> bool:
    return "structure" in code or "co_cau" in code


def check_table_rows(observations: list[Observation]) -> list[Finding]:
    """A table row's stated aggregate and verdict against the years and the rule."""
    findings = []
    seen: set[int | None] = set()
    for obs in observations:
        data = obs.data
        if obs.fact_id in seen or "annual" not in data:
            continue
        seen.add(obs.fact_id)
        info = indicator_info(obs.indicator, obs.label, obs.unit)
        stated = data.get("term_value")
        annual = {int(y): v for y, v in (data.get("annual") or {}).items() if str(y).isdigit()}
        # a bound among the figures ("<15", ">1.000") is no number any arithmetic can check
        bounds = bool(data.get("annual_comparators")) or data.get("term_comparator") not in (None, "=")
        if isinstance(stated, int | float) and annual and all(v is not None for v in annual.values()) and not bounds:
            computed = aggregate(annual, data.get("aggregation") or info.aggregation)
            if computed.value is not None and abs(computed.value - stated) > AGGREGATE_TOLERANCE * max(abs(stated), 1):
                findings.append(
                    Finding(
                        "aggregate",
                        f"{info.name}: văn bản ghi {format_number(stated)}, tính lại được "
                        f"{computed.computation}",
                        obs.indicator,
                        evidence=[obs.source_json()],
                    )
                )
        official, computed_status = data.get("official_status"), data.get("computed_status")
        if official and computed_status and official != computed_status:
            findings.append(
                Finding(
                    "verdict",
                    f"{info.name}: văn bản đánh giá \"{official}\", theo quy tắc là \"{computed_status}\"",
                    obs.indicator,
                    severity="info",
                    evidence=[obs.source_json()],
                )
            )
    return findings


def check_plan_ratios(observations: list[Observation]) -> list[Finding]:
    """A stated plan ratio against the actual and the target stated for the same year."""
    targets: dict[tuple[str, int], list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.kind == "target" and obs.full_year and not obs.derived and obs.value and obs.comparator != "range":
            targets[(obs.indicator, obs.year)].append(obs)
    findings = []
    for obs in observations:
        ratio = obs.data.get("plan_ratio") if obs.kind == "actual" else None
        if not isinstance(ratio, int | float) or obs.value is None:
            continue
        for target in targets.get((obs.indicator, obs.year), []):
            assert target.value is not None
            factor = _scale_between(obs.unit, target.unit)
            if factor is None:
                continue  # "tấn" against "ha": not the same quantity, no ratio to check
            computed = obs.value * factor / target.value * 100
            if abs(computed - ratio) > RATIO_TOLERANCE:
                findings.append(
                    Finding(
                        "plan_ratio",
                        f"{obs.label}: báo cáo ghi bằng {format_number(ratio)}% kế hoạch, nhưng "
                        f"{format_number(obs.value)} / {format_number(target.value)} = "
                        f"{format_number(round(computed, 1))}% (kế hoạch theo {target.document})",
                        obs.indicator,
                        evidence=[obs.source_json(), target.source_json()],
                    )
                )
    return findings


def check_units(observations: list[Observation]) -> list[Finding]:
    """A figure whose words name a measure its unit cannot state, set aside at extraction.

    The finding belongs to the figure's own series: the measure it named has no value from it.
    """
    findings = []
    for obs in observations:
        clash = obs.data.get("unit_clash")
        if not isinstance(clash, dict) or obs.value is None:
            continue
        findings.append(
            Finding(
                "unit",
                f"{clash.get('name')}: {obs.document} ghi «{obs.src_text.strip(' :;,.')}» ({obs.period_label}); "
                f"đơn vị «{obs.unit}» không phải đơn vị của chỉ tiêu ({clash.get('unit')}), "
                "số liệu này không dùng để đánh giá chỉ tiêu",
                obs.indicator,
                evidence=[obs.source_json()],
            )
        )
    return findings


def check_decimals(observations: list[Observation]) -> list[Finding]:
    """A figure that seems to have lost its decimal comma ("Tỷ lệ hộ nghèo 1032%"), flagged at
    extraction: kept as written, no verdict drawn from it, shown here to be checked on the page."""
    findings = []
    for obs in observations:
        doubt = obs.data.get(DECIMAL_DOUBT)
        if not isinstance(doubt, dict) or obs.value is None:
            continue
        findings.append(
            Finding(
                "decimal",
                f"{obs.label}: {obs.document} ({obs.period_label}): {doubt.get('note')}",
                obs.indicator,
                evidence=[obs.source_json()],
            )
        )
    return findings


def _scale_between(unit: str | None, target_unit: str | None) -> float | None:
    """Factor that turns a figure in ``unit`` into ``target_unit`` (131.200 tấn against a plan
    of 230 nghìn tấn: 0.001), or None when the two do not measure the same thing."""
    from chitieu.extract.units import split_scale

    if not unit or not target_unit or unit == target_unit:
        return 1.0
    scale, base = split_scale(unit)
    target_scale, target_base = split_scale(target_unit)
    return scale / target_scale if base == target_base else None
