"""What evaluation needs to know of an indicator: name, group, direction, aggregation.

From the catalogue when the indicator is recognised; otherwise a documented guess from its
label (a phrase the catalogue does not know yet), so that a new indicator is still judged —
its rule text says the direction was guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from chitieu.text.fold import fold

LOWER_IS_BETTER_WORDS = (
    "ho ngheo",
    "suy dinh duong",
    "tai nan",
    "no xau",
    "ty suat sinh",
    "ty le sinh con thu 3",
    "mat can bang gioi tinh",
    "ty so gioi tinh",
    "toi pham",
    "so vu",
    "chay rung",
    "that nghiep",
    "tu vong",
    "o nhiem",
)
GROWTH_WORDS = ("toc do tang", "tang truong", "tang binh quan", "binh quan tang")

OTHER_GROUP = "khác"


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    name: str
    group: str
    unit: str | None
    direction: str  # "up" | "down"
    aggregation: str  # "cagr" | "mean" | "sum" | "last"
    known: bool  # from the catalogue, not guessed
    parent: str | None = None


def guess_direction(label: str) -> str:
    folded = fold(label)
    if folded.startswith(("muc giam", "giam ty le")):
        return "up"  # the amount of reduction: higher is better
    return "down" if any(word in folded for word in LOWER_IS_BETTER_WORDS) else "up"


def guess_aggregation(label: str, unit: str | None) -> str:
    folded = fold(label)
    if unit == "%" and any(word in folded for word in GROWTH_WORDS):
        return "cagr"
    if "/nam" in folded.replace(" ", "") or "hang nam" in folded or "moi nam" in folded:
        return "mean"
    return "last"


@lru_cache(maxsize=4096)
def _catalog_entry(code: str) -> object | None:
    import chitieu.catalog as catalog

    loader = getattr(catalog, "load_catalog", None)
    return loader().get(code) if loader is not None else None


def indicator_info(code: str, label: str, unit: str | None) -> IndicatorInfo:
    entry = _catalog_entry(code) if not code.startswith("label:") else None
    if entry is not None:
        return IndicatorInfo(
            code=code,
            name=getattr(entry, "name", label),
            group=getattr(entry, "group", None) or OTHER_GROUP,
            unit=getattr(entry, "unit", None) or unit,
            direction=getattr(entry, "direction", None) or guess_direction(label),
            aggregation=getattr(entry, "aggregation", None) or guess_aggregation(label, unit),
            known=True,
            parent=getattr(entry, "parent", None),
        )
    return IndicatorInfo(
        code=code,
        name=label,
        group=OTHER_GROUP,
        unit=unit,
        direction=guess_direction(label),
        aggregation=guess_aggregation(label, unit),
        known=False,
    )
