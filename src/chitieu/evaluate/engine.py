"""Evaluation of every indicator for a year or a term, from what is stored.

``evaluate_year`` and ``evaluate_term`` return one ``Evaluation`` per indicator and period;
its JSON form is the public contract of ``chitieu evaluate --json``. Every status carries the
``rule`` that produced it, and every figure the source it came from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from chitieu.evaluate.aggregate import Aggregate, aggregate
from chitieu.evaluate.consistency import Finding, check_all
from chitieu.evaluate.forecast import Projection, TermProgress, term_growth_progress
from chitieu.evaluate.in_year import YearEstimate, judge_in_year
from chitieu.evaluate.indicators import IndicatorInfo, indicator_info
from chitieu.evaluate.policy import DEFAULT_POLICY, Policy
from chitieu.evaluate.rules import (
    CHUA_CO_SO_LIEU,
    KHONG_DANH_GIA,
    Actual,
    Target,
    actual_of,
    expected_text,
    judge,
    judge_every_year,
)
from chitieu.evaluate.series import Conflict, Observation, best, conflicts, harmonise_units, load_observations
from chitieu.extract.facts import Period
from chitieu.extract.quantities import format_number

PERCENT_UNITS = {"%", "‰", "điểm %"}


@dataclass
class Evaluation:
    info: IndicatorInfo
    period: Period
    target: Observation | None
    actual: Observation | None
    status: str
    rule: str
    plan_ratio: float | None = None
    aggregate: Aggregate | None = None
    annual: dict[int, Observation] = field(default_factory=dict)
    forecast: Projection | TermProgress | None = None
    history: list[Observation] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    official_status: str | None = None
    # While the year runs: the verdict is the one the year estimate would get ("dự kiến …"),
    # ``actual`` is the figure for part of the year (or the document's own year estimate).
    provisional: bool = False
    year_estimate: YearEstimate | None = None

    @property
    def expected_status(self) -> str | None:
        """The verdict the year's estimate would get; None once the verdict is final."""
        return self.status if self.provisional else None

    @property
    def status_text(self) -> str:
        """The verdict as every output prints it: "Dự kiến vượt" while the year is not final."""
        return expected_text(self.status) if self.provisional else self.status

    @property
    def unit(self) -> str | None:
        """The unit figures are stated in (a document's scale, e.g. "nghìn tấn"), else the catalogue's."""
        for obs in (self.target, self.actual, *self.annual.values()):
            if obs is not None and obs.unit:
                return obs.unit
        return self.info.unit

    @property
    def sources(self) -> list[str]:
        names = []
        for obs in [self.target, self.actual, *self.history, *self.annual.values()]:
            if obs is not None:
                name = obs.document or "nhập tay"
                if name not in names:
                    names.append(name)
        return names

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "indicator": self.info.code,
            "label": self.info.name,
            "group": self.info.group,
            "unit": self.unit,
            "period": self.period.to_json(),
            "target": None,
            "actual": None,
            "status": self.status,
            "plan_ratio": None if self.plan_ratio is None else round(self.plan_ratio, 2),
            "rule": self.rule,
            "sources": self.sources,
            "status_label": self.status_text,
            "provisional": self.provisional,
            "expected_status": self.expected_status,
            "year_estimate": None if self.year_estimate is None else self.year_estimate.to_json(),
            "official_status": self.official_status,
        }
        if self.target is not None:
            out["target"] = {
                "value": self.target.value,
                "value_high": self.target.value_high,
                "comparator": self.target.comparator,
                "derived": self.target.derived,
                "period": self.target.period_label,
                "source": self.target.source_json(),
            }
        if self.actual is not None:
            out["actual"] = {
                "value": self.actual.value,
                "comparator": self.actual.comparator,
                "estimate": self.actual.estimate,
                # false for a figure of part of the period ("9 tháng năm 2024" in a year's row)
                "full_period": (self.actual.period_start, self.actual.period_end)
                == (self.period.start, self.period.end),
                "period": self.actual.period_label,
                "source": self.actual.source_json(),
            }
        if self.aggregate is not None:
            out["aggregate"] = {
                "value": self.aggregate.value,
                "rule": self.aggregate.rule,
                "computation": self.aggregate.computation,
            }
        if self.annual:
            out["annual"] = {str(y): o.value for y, o in sorted(self.annual.items())}
            out["estimate_years"] = [y for y, o in sorted(self.annual.items()) if o.estimate]
        if self.forecast is not None:
            out["forecast"] = {"label": self.forecast.label, "method": self.forecast.method}
            if isinstance(self.forecast, Projection):
                out["forecast"]["value"] = self.forecast.value
        if self.history:
            out["history"] = [
                {"value": o.value, "estimate": o.estimate, "period": o.period_label, "document": o.document}
                for o in self.history
            ]
        if self.conflicts:
            out["conflicts"] = [c.describe() for c in self.conflicts]
        if self.findings:
            out["findings"] = [f.to_json() for f in self.findings]
        return out


def _target_of(obs: Observation, unit: str | None) -> Target:
    return Target(obs.value, obs.value_high, obs.comparator or "=", obs.unit or unit)


def _by_indicator(observations: list[Observation]) -> dict[str, list[Observation]]:
    grouped: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        grouped[obs.indicator].append(obs)
    for series in grouped.values():
        harmonise_units(series)
    return grouped


def _findings_by_indicator(findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """Findings grouped once, so each indicator picks its own in constant time."""
    grouped: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.indicator].append(finding)
    return grouped


def _plan_ratio(
    actual: Observation, target: Observation | None, info: IndicatorInfo | None = None
) -> float | None:
    """The stated plan ratio, else actual / target for quantities where that reads as "% of plan".

    For growth rates, percentages and lower-is-better indicators "131,5% kế hoạch" means
    nothing a report would write, so no ratio is computed for them.
    """
    stated = actual.data.get("plan_ratio")
    if isinstance(stated, int | float):
        return float(stated)
    if target is None or not target.value or actual.value is None or target.comparator == "range":
        return None
    unit = target.unit or actual.unit
    if unit in PERCENT_UNITS or (unit or "").startswith("%") or (info is not None and info.direction == "down"):
        return None
    return actual.value / target.value * 100


def evaluate_year(session: Session, year: int, policy: Policy = DEFAULT_POLICY) -> list[Evaluation]:
    return evaluate_year_from(load_observations(session), year, policy)


def evaluate_year_from(
    observations: list[Observation], year: int, policy: Policy = DEFAULT_POLICY
) -> list[Evaluation]:
    """Annual verdicts and in-year progress for ``year``, one row per indicator."""
    found = conflicts(observations)
    findings = _findings_by_indicator(check_all(observations))
    results = []
    for code, series in _by_indicator(observations).items():
        in_year = [o for o in series if o.period_start.year == year and o.period_end.year == year]
        targets = [o for o in in_year if o.kind == "target" and o.full_year]
        actuals = [o for o in in_year if o.kind == "actual" and o.value is not None]
        if not targets and not actuals:
            continue
        target = best(targets)
        full = [o for o in actuals if o.full_year]
        official = best(o for o in full if not o.estimate)
        own = best(o for o in full if o.estimate)
        partial = [o for o in actuals if not o.full_year]
        latest_end = max((o.period_end for o in partial), default=None)
        period_actual = best(o for o in partial if o.period_end == latest_end)
        actual = official or period_actual or own
        first = target or actual
        assert first is not None
        info = indicator_info(code, first.label, first.unit)
        unit = (target.unit if target else None) or (actual.unit if actual else None) or info.unit
        history = sorted((o for o in actuals if o is not actual), key=lambda o: (o.period_end, o.order))
        ev = Evaluation(info, Period.year(year), target, actual, CHUA_CO_SO_LIEU, "", history=history)
        ev.conflicts = [c for c in found if c.indicator == code and c.observations[0].year == year]
        ev.findings = findings.get(code, [])
        if actual is None:
            assert target is not None
            ev.rule = judge(_target_of(target, unit), Actual(None), info.direction, policy).rule
        elif target is None:
            ev.status = KHONG_DANH_GIA
            ev.rule = (
                f"thực hiện {format_number(actual.value or 0)} ({actual.period_label}); "
                f"không có mục tiêu năm {year} để so sánh → {KHONG_DANH_GIA}"
            )
            ev.plan_ratio = _plan_ratio(actual, None)
        elif official is not None:
            verdict = judge(_target_of(target, unit), actual_of(actual), info.direction, policy)
            ev.status, ev.rule = verdict.status, verdict.rule
            ev.plan_ratio = _plan_ratio(actual, target, info)
        else:
            ev.plan_ratio = _plan_ratio(actual, target, info)
            judged = judge_in_year(info, series, _target_of(target, unit), period_actual, own, policy)
            ev.provisional = True
            ev.year_estimate = judged.estimate
            ev.forecast = judged.outlook
            ev.status = judged.verdict.status
            ev.rule = judged.rule
        results.append(ev)
    return sorted(results, key=lambda e: (e.info.group, e.info.name))


def evaluate_term(
    session: Session, first: int, last: int, policy: Policy = DEFAULT_POLICY
) -> list[Evaluation]:
    return evaluate_term_from(load_observations(session), first, last, policy)


def evaluate_term_from(
    observations: list[Observation], first: int, last: int, policy: Policy = DEFAULT_POLICY
) -> list[Evaluation]:
    """Term verdicts: annual figures aggregated by each indicator's rule, judged on the term target."""
    found = conflicts(observations)
    findings = _findings_by_indicator(check_all(observations))
    results = []
    for code, series in _by_indicator(observations).items():
        targets = [
            o
            for o in series
            if o.kind == "target"
            and o.period_end.year == last
            and (o.period_start.year == first or (o.period_start.year < last and not o.full_year))
        ]
        annual_obs = [o for o in series if o.kind == "actual" and o.full_year and first <= o.year <= last]
        if not targets and not annual_obs:
            continue
        target = best(targets)
        annual: dict[int, Observation] = {}
        for year in range(first, last + 1):
            chosen = best(o for o in annual_obs if o.year == year)
            if chosen is not None:
                annual[year] = chosen
        first_obs = target or next(iter(annual.values()))
        info = indicator_info(code, first_obs.label, first_obs.unit)
        # the figures' own unit ("1,38 triệu lượt"), not the catalogue's base unit ("lượt")
        unit = first_obs.unit or info.unit
        period = Period.term(first, last)
        ev = Evaluation(info, period, target, None, CHUA_CO_SO_LIEU, "", annual=annual)
        ev.conflicts = [c for c in found if c.indicator == code and first <= c.observations[0].year <= last]
        ev.findings = findings.get(code, [])
        official = [o for o in series if o.data.get("official_status") and o.kind == "target"]
        if official:
            ev.official_status = official[-1].data.get("official_status")
        rule_name = info.aggregation
        every_year = bool(target and target.data.get("every_year"))
        if every_year and target is not None:
            verdict = judge_every_year(
                _target_of(target, unit),
                {y: actual_of(o) for y, o in annual.items()},
                info.direction,
                policy,
            )
            ev.status, ev.rule = verdict.status, verdict.rule
            results.append(ev)
            continue
        values: dict[int, float | None] = {
            y: (annual[y].value if y in annual else None) for y in range(first, last + 1)
        }
        agg = aggregate(values, rule_name)
        ev.aggregate = agg
        if agg.value is not None:
            last_year = max(annual) if annual else last
            latest = annual.get(last_year)
            ev.actual = Observation(
                indicator=code,
                label=info.name,
                kind="actual",
                value=agg.value,
                period_start=dt.date(first, 1, 1),
                period_end=dt.date(last, 12, 31),
                period_label=period.label,
                unit=unit,
                estimate=any(o.estimate for o in annual.values()),
                # a level's term figure is its last year's, bound included ("<15")
                comparator=latest.comparator if latest is not None and rule_name == "last" else "=",
                document=latest.document if latest else "",
                # the aggregate's source is where its latest figure is written (a term table's
                # row holds every year); ``sources`` lists every contributing document
                document_id=latest.document_id if latest else None,
                fact_id=latest.fact_id if latest else None,
                entry_id=latest.entry_id if latest else None,
                src_start=latest.src_start if latest else None,
                src_end=latest.src_end if latest else None,
                src_text=latest.src_text if latest else "",
            )
        if target is None:
            ev.status = KHONG_DANH_GIA
            ev.rule = f"{agg.computation}; không có mục tiêu nhiệm kỳ → {KHONG_DANH_GIA}"
        elif agg.value is None:
            ev.rule = f"mục tiêu có, {agg.computation} → {CHUA_CO_SO_LIEU}"
        elif rule_name == "last" and values.get(last) is None:
            ev.status = KHONG_DANH_GIA
            ev.rule = f"{agg.computation}; thiếu giá trị năm cuối {last} → {KHONG_DANH_GIA}"
        else:
            # a level's term value is its last year's figure, bound included: "<15" meets "<15"
            bound = actual_of(ev.actual).comparator if ev.actual is not None else "="
            # a year whose figure seems to have lost its decimal comma leaves the term unjudged
            doubt = next((d for o in annual.values() if (d := actual_of(o).doubt)), None)
            verdict = judge(
                _target_of(target, unit),
                Actual(agg.value, bound, ev.actual.estimate if ev.actual else False, doubt),
                info.direction,
                policy,
            )
            ev.status = verdict.status
            ev.rule = f"{agg.computation}; {verdict.rule}"
            if rule_name == "cagr" and len(annual) < last - first + 1 and target.value is not None:
                ev.forecast = term_growth_progress(
                    [annual[y].value for y in sorted(annual) if annual[y].value is not None],  # type: ignore[misc]
                    target.value,
                    last - first + 1,
                )
        results.append(ev)
    return sorted(results, key=lambda e: (e.info.group, e.info.name))
