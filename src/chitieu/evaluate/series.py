"""One indicator across documents and years: observations, vintages and conflicts.

Every stored figure — a target or actual fact from any document (clean, Markdown or OCR'd), a
cell of an evaluation table, a figure entered by a department — becomes an ``Observation``.
Observations of the same indicator and period form one series. The best figure for a period
is the official one over an estimate (ước, dự kiến), then the latest document; earlier
vintages stay in ``history``. Different official figures for the same indicator and period
from different sources are a ``Conflict`` — flagged, never silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.store import models

CONFLICT_REL = 0.005  # figures differing by more than 0,5% are in conflict


@dataclass
class Observation:
    indicator: str
    label: str
    kind: str  # "target" | "actual" | "verdict" (a table row's verdict with no figure: a composite's)
    value: float | None
    period_start: dt.date
    period_end: dt.date
    period_label: str
    value_high: float | None = None
    comparator: str = "="
    unit: str | None = None
    estimate: bool = False
    derived: bool = False
    document: str = ""
    document_id: int | None = None
    fact_id: int | None = None
    entry_id: int | None = None
    src_start: int | None = None
    src_end: int | None = None
    src_text: str = ""
    order: tuple[Any, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def full_year(self) -> bool:
        return (
            self.period_start.year == self.period_end.year
            and (self.period_start.month, self.period_start.day) == (1, 1)
            and (self.period_end.month, self.period_end.day) == (12, 31)
        )

    @property
    def year(self) -> int:
        return self.period_end.year

    def source_json(self) -> dict[str, Any]:
        if self.entry_id is not None:
            return {"document": None, "entry": self.entry_id, "text": self.src_text}
        return {
            "document": self.document,
            "document_id": self.document_id,
            "fact_id": self.fact_id,
            "start": self.src_start,
            "end": self.src_end,
            "text": self.src_text,
        }


@dataclass
class Conflict:
    indicator: str
    period_label: str
    observations: list[Observation]

    def describe(self) -> str:
        parts = "; ".join(f"{o.value:g} ({o.document or 'nhập tay'})" for o in self.observations)
        return f"số liệu khác nhau cho cùng kỳ {self.period_label}: {parts}"


def indicator_key(indicator: str | None, label: str) -> str:
    """The series key: the catalogue code, or the folded label of an unrecognised phrase."""
    if indicator:
        return indicator
    from chitieu.text.fold import fold

    return "label:" + " ".join(fold(label).split())


def harmonise_units(series: list[Observation]) -> str | None:
    """Express every figure of one indicator in one unit; return that unit.

    Documents state the same indicator in different scales ("225 nghìn tấn", "225.848 tấn",
    "1,21 triệu lượt"). The reference is the unit of the latest stated target, else of the
    latest actual; figures in the same base unit but another scale are converted (values are
    rewritten in place, ``data["as_written"]`` keeps the original). Figures in a different base
    unit are left alone — they are not comparable and the verdict will say so.
    """
    from chitieu.extract.units import split_scale

    with_units = [o for o in series if o.unit]
    if not with_units:
        return None
    targets = [o for o in with_units if o.kind == "target" and not o.derived]
    reference = max(targets or with_units, key=lambda o: o.order).unit
    assert reference is not None
    ref_scale, ref_base = split_scale(reference)
    for obs in with_units:
        if obs.unit == reference:
            continue
        scale, base = split_scale(obs.unit or "")
        if base != ref_base:
            continue
        factor = scale / ref_scale
        obs.data = {**obs.data, "as_written": {"value": obs.value, "unit": obs.unit}}
        obs.value = None if obs.value is None else round(obs.value * factor, 10)
        obs.value_high = None if obs.value_high is None else round(obs.value_high * factor, 10)
        obs.unit = reference
    return reference


def best(observations: Iterable[Observation]) -> Observation | None:
    """Official over estimate, stated over derived, then the latest source."""
    ranked = sorted(observations, key=lambda o: (not o.estimate, not o.derived, o.order))
    return ranked[-1] if ranked else None


def conflicts(observations: list[Observation]) -> list[Conflict]:
    """Official, stated figures for the same indicator and period that disagree."""
    groups: dict[tuple[str, str, dt.date, dt.date], list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.value is None or obs.estimate or obs.derived:
            continue
        groups[(obs.indicator, obs.kind, obs.period_start, obs.period_end)].append(obs)
    found = []
    for (indicator, _kind, _s, _e), group in groups.items():
        sources = {(o.document_id, o.entry_id) for o in group}
        if len(sources) < 2:
            continue
        values = [o.value for o in group if o.value is not None]
        low, high = min(values), max(values)
        if high - low > CONFLICT_REL * max(abs(high), abs(low), 1e-9):
            found.append(Conflict(indicator, group[0].period_label, group))
    return found


_FACT_COLUMNS = (
    models.Fact.id,
    models.Fact.kind,
    models.Fact.indicator,
    models.Fact.label,
    models.Fact.value,
    models.Fact.value_high,
    models.Fact.comparator,
    models.Fact.unit,
    models.Fact.period_start,
    models.Fact.period_end,
    models.Fact.period_label,
    models.Fact.estimate,
    models.Fact.derived,
    models.Fact.src_start,
    models.Fact.src_end,
    models.Fact.src_text,
    models.Fact.data,
)


def load_observations(session: Session) -> list[Observation]:
    """Every target and actual stored, from documents' facts, table rows and hand entries."""
    out: list[Observation] = []
    # plain column rows, not ORM objects: a province's hundred thousand facts load ~10x faster
    rows = session.execute(
        select(
            *_FACT_COLUMNS,
            models.Document.name.label("doc_name"),
            models.Document.issued_on,
            models.Document.id.label("doc_id"),
        )
        .join(models.Document, models.Fact.document_id == models.Document.id)
        .where(models.Fact.kind.in_(("target", "actual", "table_row")))
    ).all()
    for fact in rows:
        (fact_id, kind, indicator, label, value, value_high, comparator, unit, period_start, period_end,
         period_label, estimate, derived, src_start, src_end, src_text, data, doc_name, issued_on, doc_id) = fact  # fmt: skip
        data = data or {}
        if kind == "table_row":
            base: dict[str, Any] = {
                "indicator": indicator_key(indicator, label),
                "label": label,
                "unit": unit,
                "document": doc_name,
                "document_id": doc_id,
                "fact_id": fact_id,
                "src_start": src_start,
                "src_end": src_end,
                "src_text": src_text,
                "order": (issued_on or dt.date.min, doc_id, fact_id),
                "data": data,
            }
            out.extend(_table_row_observations(fact, base))
            continue
        if data.get("progress_of"):
            continue  # progress of a plan's tasks ("6/8 nhiệm vụ"), tracked with the tasks
        if period_start is None or period_end is None:
            continue
        out.append(
            Observation(
                indicator=indicator or indicator_key(indicator, label),
                label=label,
                kind=kind,
                value=value,
                period_start=period_start,
                period_end=period_end,
                period_label=period_label or "",
                value_high=value_high,
                comparator=comparator or "=",
                unit=unit,
                estimate=estimate,
                derived=derived,
                document=doc_name,
                document_id=doc_id,
                fact_id=fact_id,
                src_start=src_start,
                src_end=src_end,
                src_text=src_text,
                order=(issued_on or dt.date.min, doc_id, fact_id),
                data=data,
            )
        )
    for entry in session.scalars(select(models.Entry)):
        out.append(
            Observation(
                indicator=entry.indicator,
                label=entry.indicator,
                kind="actual",
                value=entry.value,
                period_start=entry.period_start,
                period_end=entry.period_end,
                period_label=entry.period_label,
                unit=entry.unit,
                estimate=entry.estimate,
                entry_id=entry.id,
                src_text=f"nhập bởi {entry.entered_by}" + (f": {entry.note}" if entry.note else ""),
                # hand entries are the newest word on a figure
                order=(dt.date.max, entry.entered_at or dt.datetime.min, entry.id),
            )
        )
    return out


def _table_row_observations(fact: Any, base: dict[str, Any]) -> list[Observation]:
    """A term-table row holds a term target and one actual per year (an estimate year too)."""
    data = fact.data or {}
    out: list[Observation] = []
    annual = data.get("annual") or {}
    estimates = set(map(str, data.get("estimate_years") or []))
    for year_text, value in annual.items():
        if value is None or not str(year_text).isdigit():
            continue
        year = int(year_text)
        out.append(
            Observation(
                kind="actual",
                value=float(value),
                comparator=(data.get("annual_comparators") or {}).get(str(year_text), "="),
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                period_label=f"năm {year}",
                estimate=str(year_text) in estimates,
                **base,
            )
        )
    target = data.get("target") or {}
    if fact.period_start and fact.period_end and target.get("value") is None and data.get("official_status"):
        # a row with a verdict and no target figure: a composite's ("Cơ cấu kinh tế", judged on its
        # parts) or one whose target the scan lost; the document's verdict is kept either way
        out.append(
            Observation(
                kind="verdict",
                value=None,
                period_start=fact.period_start,
                period_end=fact.period_end,
                period_label=fact.period_label or "",
                **base,
            )
        )
    if fact.period_start and fact.period_end and target.get("value") is not None:
        out.append(
            Observation(
                kind="target",
                value=target.get("value"),
                value_high=target.get("value_high"),
                comparator=target.get("comparator") or "=",
                period_start=fact.period_start,
                period_end=fact.period_end,
                period_label=fact.period_label or "",
                **base,
            )
        )
    return out
