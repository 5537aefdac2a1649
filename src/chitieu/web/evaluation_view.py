"""Evaluations shaped for pages and the API: what a user may see, grouped, counted, explained.

Pure functions over ``Evaluation`` objects and the effective catalogue (names and agencies as
users corrected them), so the dashboard, the indicator page and ``/api/evaluations`` show the
same rows and the same permission filter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from chitieu.catalog import Catalog
from chitieu.catalog.model import group_rank
from chitieu.evaluate.engine import Evaluation
from chitieu.evaluate.forecast import CO_NGUY_CO, KHO_DAT
from chitieu.evaluate.rules import BOUND_SIGNS, STATUSES
from chitieu.evaluate.series import Observation
from chitieu.web.filters import COMPARATOR_SIGNS
from chitieu.web.ownership import IndicatorRef
from chitieu.web.permissions import Principal, can_view_indicator

STATUS_CLASSES = {
    "Vượt": "st-vuot",
    "Đạt": "st-dat",
    "Không đạt": "st-khongdat",
    "Không đánh giá": "st-kdg",
    "Chưa có số liệu": "st-none",
}
RISK_LABELS = (CO_NGUY_CO, KHO_DAT)


def ref_of(catalog: Catalog, code: str) -> IndicatorRef:
    """Name, unit and agency of ``code`` in the effective catalogue (agency None when unknown)."""
    found = catalog.get(code)
    if found is None:
        return IndicatorRef(code=code, name=None, agency=None)
    return IndicatorRef(code=code, name=found.name, agency=found.agency, unit=found.unit)


def visible(user: Principal, catalog: Catalog, evaluations: Iterable[Evaluation]) -> list[Evaluation]:
    return [ev for ev in evaluations if can_view_indicator(user, ref_of(catalog, ev.info.code))]


def visible_rows(user: Principal, catalog: Catalog, evaluations: list[Evaluation],
                 rows: list[EvalRow]) -> tuple[list[Evaluation], list[EvalRow]]:
    """The evaluations (and their rows, aligned) the user may see."""
    keep = [i for i, ev in enumerate(evaluations) if can_view_indicator(user, ref_of(catalog, ev.info.code))]
    return [evaluations[i] for i in keep], [rows[i] for i in keep]


def number(value: float | None) -> str:
    """``1234.5`` → ``1.234,5``: Vietnamese separators, at most three decimals, no trailing zeros.

    The same output as the pages' Babel-based filter for plan figures, at a fraction of the cost
    (a dashboard formats thousands of numbers).
    """
    if value is None:
        return ""
    text = f"{float(value):,.3f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def quantity(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    return f"{number(value)} {unit}".strip() if unit else number(value)


def target_text(obs: Observation | None, unit: str | None) -> str:
    """``trên 5 %``, ``9–10 %``, ``khoảng 2.600 tỷ đồng``."""
    if obs is None or obs.value is None:
        return ""
    text = number(obs.value)
    if obs.value_high is not None:
        text += "–" + number(obs.value_high)
    prefix = COMPARATOR_SIGNS.get(obs.comparator or "=", "")
    unit = obs.unit or unit
    return f"{prefix}{text}{' ' + unit if unit else ''}"


def source_link(obs: Observation | None) -> str | None:
    """The document viewer anchored at the sentence a figure came from."""
    if obs is None or obs.document_id is None:
        return None
    return f"/documents/{obs.document_id}#src-{obs.fact_id}" if obs.fact_id else f"/documents/{obs.document_id}"


@dataclass
class EvalRow:
    code: str
    name: str
    group: str
    unit: str | None
    status: str
    status_class: str
    rule: str
    target: str
    target_link: str | None
    actual: str
    actual_value: float | None
    actual_period: str | None
    actual_link: str | None
    estimate: bool
    hand_entered: bool
    plan_ratio: float | None
    provisional: bool
    forecast: str | None
    forecast_method: str | None
    period: str
    official_status: str | None
    disagreement: str = ""  # why the document's verdict differs from the rule's
    status_text: str = ""  # "Dự kiến vượt" while the verdict rests on an estimate of the year
    year_estimate: str = ""  # the whole year's estimate while the year runs
    year_estimate_kind: str = ""  # "Ước cả năm" (the document's) or "Dự báo cả năm" (projected)
    year_estimate_method: str = ""
    year_estimate_link: str | None = None
    conflicts: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    annual: dict[int, tuple[float | None, bool]] = field(default_factory=dict)
    aggregate: str | None = None

    @property
    def plan_ratio_text(self) -> str:
        return "" if self.plan_ratio is None else number(self.plan_ratio) + "%"


def eval_row(ev: Evaluation, catalog: Catalog) -> EvalRow:
    entry = catalog.get(ev.info.code)
    unit = (entry.unit if entry else None) or ev.info.unit or (ev.target.unit if ev.target else None)
    actual = ev.actual
    return EvalRow(
        code=ev.info.code,
        name=(entry.name if entry else None) or ev.info.name,
        group=(entry.group if entry else None) or ev.info.group,
        unit=unit,
        status=ev.status,
        status_class=STATUS_CLASSES.get(ev.status, "st-none"),
        rule=ev.rule,
        target=target_text(ev.target, unit),
        target_link=source_link(ev.target),
        actual=quantity(actual.value, actual.unit or unit) if actual else "",
        actual_value=actual.value if actual else None,
        actual_period=actual.period_label if actual else None,
        actual_link=source_link(actual),
        estimate=bool(actual and actual.estimate),
        hand_entered=bool(actual and actual.entry_id is not None),
        plan_ratio=None if ev.plan_ratio is None else round(ev.plan_ratio, 1),
        provisional=ev.provisional,
        forecast=ev.forecast.label if ev.forecast is not None else None,
        forecast_method=ev.forecast.method if ev.forecast is not None else None,
        period=ev.period.label,
        official_status=ev.official_status,
        disagreement=ev.disagreement or "",
        status_text=ev.status_text,
        **_year_estimate_fields(ev, unit),
        conflicts=[c.describe() for c in ev.conflicts],
        findings=[f.message for f in ev.findings],
        annual={y: (o.value, o.estimate) for y, o in sorted(ev.annual.items())},
        aggregate=ev.aggregate.computation if ev.aggregate is not None else None,
    )


def _year_estimate_fields(ev: Evaluation, unit: str | None) -> dict[str, Any]:
    estimate = ev.year_estimate
    if estimate is None or estimate.value is None:
        return {}
    shown = quantity(estimate.value, unit)
    if estimate.comparator in BOUND_SIGNS:
        shown = BOUND_SIGNS[estimate.comparator] + shown
    return {
        "year_estimate": shown,
        "year_estimate_kind": "Dự báo cả năm" if estimate.projected else "Ước cả năm",
        "year_estimate_method": estimate.method,
        "year_estimate_link": source_link(estimate.source),
    }


def grouped(rows: list[EvalRow]) -> list[tuple[str, list[EvalRow]]]:
    by_group: dict[str, list[EvalRow]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    return [(name, sorted(by_group[name], key=lambda r: r.name.lower())) for name in sorted(by_group, key=group_rank)]


def expected_counts(rows: Iterable[EvalRow]) -> dict[str, int]:
    """Of each verdict, how many are expected ones (on an estimate of the running year)."""
    counts: dict[str, int] = {}
    for row in rows:
        if row.provisional and row.status_text != row.status:
            counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def status_counts(rows: Iterable[EvalRow]) -> dict[str, int]:
    counts = {s: 0 for s in STATUSES}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


@dataclass
class Change:
    """A figure the newest source gives, next to the one before it."""

    code: str
    name: str
    unit: str | None
    new: str
    new_period: str
    new_source: str
    new_link: str | None
    estimate: bool
    previous: str | None
    previous_period: str | None
    previous_source: str | None
    delta: float | None


def _source_name(obs: Observation) -> str:
    return obs.document or "nhập tay"


def changes(evaluations: Iterable[Evaluation], catalog: Catalog, limit: int = 30) -> tuple[str | None, list[Change]]:
    """What changed since the last report: figures of the most recently stored document (and hand
    entries, which no report holds yet), each against the previous figure of its series."""
    evaluations = list(evaluations)
    latest_doc: Observation | None = None
    for ev in evaluations:
        a = ev.actual
        if a is not None and a.document_id is not None and (latest_doc is None or a.document_id > (latest_doc.document_id or 0)):
            latest_doc = a
    picked: list[tuple[Evaluation, Observation, Observation | None]] = []
    for ev in evaluations:
        a = ev.actual
        if a is None or a.value is None:
            continue
        if not (a.entry_id is not None or (latest_doc is not None and a.document_id == latest_doc.document_id)):
            continue
        before = next((o for o in reversed(ev.history) if o.value is not None), None)
        picked.append((ev, a, before))
    picked.sort(key=lambda t: (t[2] is None, t[0].info.name.lower()))
    out: list[Change] = []
    for ev, a, before in picked[:limit]:
        entry = catalog.get(ev.info.code)
        unit = a.unit or (entry.unit if entry else None) or ev.info.unit
        out.append(Change(
            code=ev.info.code, name=(entry.name if entry else None) or ev.info.name, unit=unit,
            new=quantity(a.value, unit), new_period=a.period_label, new_source=_source_name(a),
            new_link=source_link(a), estimate=a.estimate,
            previous=quantity(before.value, before.unit or unit) if before else None,
            previous_period=before.period_label if before else None,
            previous_source=_source_name(before) if before else None,
            delta=(a.value - before.value) if a.value is not None and before is not None and before.value is not None else None,
        ))
    return (latest_doc.document if latest_doc else None), out


def risks(rows: Iterable[EvalRow]) -> list[EvalRow]:
    """Indicators whose forecast says the target is at risk or hard to reach."""
    found = [r for r in rows if r.forecast in RISK_LABELS]
    return sorted(found, key=lambda r: (RISK_LABELS.index(r.forecast or "") * -1, r.name.lower()))


def evaluation_json(ev: Evaluation, catalog: Catalog) -> dict[str, Any]:
    """``Evaluation.to_json()`` with the catalogue name users gave the indicator."""
    out = ev.to_json()
    entry = catalog.get(ev.info.code)
    if entry is not None:
        out["label"] = entry.name
        out["group"] = entry.group or out.get("group")
        out["agency"] = entry.agency
    return out


def evaluation_csv_row(ev: Evaluation, catalog: Catalog) -> dict[str, Any]:
    """One flat row of ``/api/evaluations?format=csv``."""
    row = eval_row(ev, catalog)
    return {
        "chi_tieu": row.code,
        "ten": row.name,
        "nhom": row.group,
        "don_vi": row.unit or "",
        "ky": row.period,
        "muc_tieu": row.target,
        "thuc_hien": row.actual_value,
        "ky_so_lieu": row.actual_period or "",
        "uoc_tinh": "ước" if row.estimate else "",
        "ty_le_ke_hoach": row.plan_ratio,
        "uoc_ca_nam": ev.year_estimate.value if ev.year_estimate is not None else None,
        "cach_uoc_ca_nam": (
            "" if ev.year_estimate is None
            else ("dự báo: " if ev.year_estimate.projected else "") + ev.year_estimate.method
        ),
        "danh_gia": row.status_text,
        "du_bao": row.forecast or "",
        "quy_tac": row.rule,
    }
