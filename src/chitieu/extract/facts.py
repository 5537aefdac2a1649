"""Fact objects: what extraction finds in a document, each with the exact span it came from.

The JSON form is the public contract (see CONTRACT: kind, label, indicator, value, value_high,
comparator, unit, period, source, plus the extra fields of each kind).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["target", "actual", "task", "table_row"]
Comparator = Literal["=", "~", ">", ">=", "<", "<=", "range"]
# the ``extra`` entry of a figure that seems to have lost its decimal comma, and why
# (:mod:`chitieu.extract.plausibility`); the evaluation draws no verdict from such a figure
DECIMAL_DOUBT = "decimal_doubt"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), f"năm {year}")

    @classmethod
    def term(cls, first: int, last: int) -> Period:
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 31), f"giai đoạn {first}-{last}")


@dataclass(frozen=True)
class Source:
    document: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Fact:
    kind: Kind
    label: str
    source: Source
    indicator: str | None = None
    value: float | None = None
    value_high: float | None = None
    comparator: Comparator | None = None
    unit: str | None = None
    period: Period | None = None
    confidence: float = 1.0
    # kind-specific fields (CONTRACT: estimate, plan_ratio, plan_basis, plan_ratios, change for
    # actuals; id, title, lead, support, deadline, reporting for tasks; target, annual,
    # term_value, official_status, computed_status, computed_term_value for table rows)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "label": self.label,
            "indicator": self.indicator,
            "value": self.value,
            "value_high": self.value_high,
            "comparator": self.comparator,
            "unit": self.unit,
            "period": self.period.to_json() if self.period else None,
            "source": self.source.to_json(),
            "confidence": round(self.confidence, 3),
        }
        for key, val in self.extra.items():
            out[key] = _jsonable(val)
        for key, default in KIND_FIELDS.get(self.kind, {}).items():
            out.setdefault(key, _jsonable(default))
        if self.kind == "actual" and not out["plan_ratios"] and out["plan_ratio"] is not None:
            # one ratio is a list of one, so a reader never has to look in two places
            out["plan_ratios"] = [{"value": out["plan_ratio"], "basis": out["plan_basis"]}]
        return out


# Every field CONTRACT names for a kind is present in its JSON, null (or empty) when the
# document does not say: a reader can rely on the keys without knowing which extractor ran.
KIND_FIELDS: dict[str, dict[str, Any]] = {
    "actual": {"estimate": False, "plan_ratio": None, "plan_basis": None, "plan_ratios": [], "change": None},
    "task": {"id": None, "title": None, "lead": [], "support": [], "deadline": None, "reporting": None},
    "table_row": {
        "target": None,
        "annual": {},
        "term_value": None,
        "official_status": None,
        "computed_status": None,
        "computed_term_value": None,
    },
}


def _jsonable(val: Any) -> Any:
    if isinstance(val, dt.date):
        return val.isoformat()
    if isinstance(val, Period | Source):
        return val.to_json()
    if hasattr(val, "__dataclass_fields__"):
        return _jsonable(asdict(val))
    if isinstance(val, dict):
        return {str(k): _jsonable(v) for k, v in val.items()}
    if isinstance(val, list | tuple):
        return [_jsonable(v) for v in val]
    return val
