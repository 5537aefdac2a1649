"""Evaluation of every indicator for a year or a term, from what is stored.

``evaluate_year`` and ``evaluate_term`` return one ``Evaluation`` per indicator and period;
its JSON form is the public contract of ``chitieu evaluate --json``. Every status carries the
``rule`` that produced it, and every figure the source it came from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session

from chitieu.evaluate.aggregate import Aggregate, aggregate
from chitieu.evaluate.consistency import Finding, check_all
from chitieu.evaluate.disagreement import explain_evaluation
from chitieu.evaluate.forecast import Projection, TermProgress, term_growth_progress
from chitieu.evaluate.in_year import YearEstimate, judge_in_year
from chitieu.evaluate.indicators import IndicatorInfo, indicator_info
from chitieu.evaluate.policy import DEFAULT_POLICY, Policy
from chitieu.evaluate.rules import (
    BOUND_SIGNS,
    CHUA_CO_SO_LIEU,
    KHONG_DANH_GIA,
    Actual,
    Target,
    Verdict,
    actual_of,
    describe_target,
    expected_text,
    judge,
    judge_composite,
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
    # why the document's own verdict differs from ``status``, by the rule (None when they agree)
    disagreement: str | None = None
    # While the year runs: the verdict is the one the year estimate would get ("dự kiến …"),
    # ``actual`` is the figure for part of the year (or the document's own year estimate).
    provisional: bool = False
    year_estimate: YearEstimate | None = None
    # a composite (the economic structure): the evaluations of its parts, which decide its verdict
    parts: list[Evaluation] = field(default_factory=list)

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
            "disagreement": self.disagreement,
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
    return _explained(results, policy)


def _term_evaluation(
    code: str, series: list[Observation], first: int, last: int, policy: Policy
) -> Evaluation | None:
    """One indicator's (or one table row's) term verdict; None when the term has nothing of it."""
    targets = [
        o
        for o in series
        if o.kind == "target"
        and o.period_end.year == last
        and (o.period_start.year == first or (o.period_start.year < last and not o.full_year))
    ]
    annual_obs = [o for o in series if o.kind == "actual" and o.full_year and first <= o.year <= last]
    if not targets and not annual_obs:
        return None
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
    official = [o for o in series if o.data.get("official_status") and o.kind in ("target", "verdict")]
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
        return ev
    values: dict[int, float | None] = {
        y: (annual[y].value if y in annual else None) for y in range(first, last + 1)
    }
    agg, bound = _bounded(aggregate(values, rule_name), annual)
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
            # a level's term figure is its last year's, bound included ("<15"); an average or
            # a total over a bound year is itself a bound
            comparator=(latest.comparator if latest is not None else "=") if rule_name == "last" else bound,
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
    elif rule_name in ("mean", "sum") and values.get(last) is None:
        # an average or a total of the years so far is not the term's (the province
        # itself writes "không đánh giá", and so does the table's own reading)
        missing = ", ".join(str(y) for y, v in values.items() if v is None)
        ev.status = KHONG_DANH_GIA
        ev.rule = f"{agg.computation}; thiếu số liệu năm {missing}, chưa đủ cả giai đoạn → {KHONG_DANH_GIA}"
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
    return ev


def _table_lines(series: list[Observation]) -> list[tuple[list[Observation], Finding | None]]:
    """One series per table row where one document's table gives an indicator two different rows.

    A scan that lost the words telling two rows apart ("suy dinh dưỡng thể …" nhẹ cân, thấp còi)
    matches both to one indicator; merged, one row's figures would silently replace the other's.
    Each row is judged on its own instead, and both say that their names need a planner's review.
    Identical rows (a table read twice) stay one.
    """
    rows: dict[int | None, dict[int | None, Observation]] = defaultdict(dict)
    for obs in series:
        if obs.kind == "target" and "annual" in obs.data:
            rows[obs.document_id][obs.fact_id] = obs
    for document_rows in rows.values():
        distinct = {_row_figures(o): o for o in document_rows.values()}
        if len(distinct) < 2:
            continue
        lines = sorted(distinct.values(), key=lambda o: o.src_start or 0)
        targets = "; ".join(describe_target(_target_of(o, o.unit)) for o in lines)
        finding = Finding(
            "rows",
            f"{lines[0].label}: {len(lines)} hàng của bảng trong {lines[0].document} cùng khớp chỉ tiêu này với "
            f"số liệu khác nhau (mục tiêu {targets}); mỗi hàng được đánh giá riêng, cần rà soát tên chỉ tiêu",
            lines[0].indicator,
            evidence=[o.source_json() for o in lines],
        )
        apart = {o.fact_id for o in lines[1:]}
        first = [o for o in series if o.fact_id not in apart]
        return [(first, finding), *(([o for o in series if o.fact_id == row.fact_id], finding) for row in lines[1:])]
    return [(series, None)]


def _row_figures(obs: Observation) -> tuple[object, ...]:
    data = obs.data
    return (obs.value, obs.value_high, obs.comparator, tuple(sorted((data.get("annual") or {}).items())))


def _composites(results: list[Evaluation], grouped: dict[str, list[Observation]], period: Period) -> list[Evaluation]:
    """Each composite (the economic structure's four shares) judged through its parts.

    DOMAIN: a composite target is met only when its parts are. A composite is listed where a
    stored document names it (a table's line "Cơ cấu kinh tế … Không đạt"), with that verdict.
    """
    evaluated = {ev.info.code for ev in results}
    parts_of: dict[str, list[Evaluation]] = defaultdict(list)
    for ev in results:
        if ev.info.parent and ev.target is not None:
            parts_of[ev.info.parent].append(ev)
    out = []
    for parent, parts in parts_of.items():
        if parent in evaluated or not grouped.get(parent):
            continue  # judged already, or no stored document names the composite itself
        verdict = judge_composite({part.info.name: Verdict(part.status, part.rule) for part in parts})
        info = indicator_info(parent, parent, None)
        ev = Evaluation(info, period, None, None, verdict.status, verdict.rule, parts=parts)
        stated = [o for o in grouped.get(parent, []) if o.kind == "verdict" and o.period_end == period.end]
        if stated:
            ev.official_status = max(stated, key=lambda o: o.order).data.get("official_status")
        out.append(ev)
    return out


def _explained(results: list[Evaluation], policy: Policy) -> list[Evaluation]:
    """Each evaluation with the reason its document's verdict differs, in (group, name) order."""
    for ev in results:
        ev.disagreement = explain_evaluation(ev, policy)
    return sorted(results, key=lambda e: (e.info.group, e.info.name))


def _bounded(agg: Aggregate, annual: dict[int, Observation]) -> tuple[Aggregate, str]:
    """A term figure computed over years written as bounds (">1.000") is itself a bound.

    Averages, totals and compound growth rise with each year's figure, so when every bound year
    is a lower bound the result is a lower bound ("trên 1.057,4"), and likewise for upper bounds;
    bounds on both sides leave nothing to compute. A level takes its last year's figure as it is.
    """
    bounds = {y: o.comparator for y, o in sorted(annual.items()) if o.comparator in BOUND_SIGNS}
    if not bounds or agg.value is None or agg.rule == "last":
        return agg, "="
    sides = {c[0] for c in bounds.values()}
    years = ", ".join(f"năm {y} {BOUND_SIGNS[c]}{format_number(annual[y].value or 0)}" for y, c in bounds.items())
    if len(sides) > 1:
        return replace(agg, value=None, computation=f"{agg.computation}; {years}: có cận trên lẫn cận dưới, "
                       "không tính được giá trị cả giai đoạn"), "="
    side = sides.pop()
    comparator = side if any(c == side for c in bounds.values()) else side + "="
    word = "dưới" if side == ">" else "trên"
    computation = (f"{agg.computation}; {years} là cận {word}, nên giá trị cả giai đoạn cũng là cận {word}: "
                   f"{BOUND_SIGNS[comparator]}{format_number(agg.value)}")
    return replace(agg, computation=computation), comparator


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
    grouped = _by_indicator(observations)
    for code, whole in grouped.items():
        for series, shared in _table_lines(whole):
            ev = _term_evaluation(code, series, first, last, policy)
            if ev is None:
                continue
            ev.conflicts = [c for c in found if c.indicator == code and first <= c.observations[0].year <= last]
            ev.findings = [*findings.get(code, []), *([shared] if shared else [])]
            results.append(ev)
    results += _composites(results, grouped, Period.term(first, last))
    return _explained(results, policy)
