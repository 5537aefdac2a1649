"""The indicator catalogue: what an indicator is and how the shipped list is read.

The catalogue gives every plan indicator a stable code, its proper Vietnamese name (so a name
restored from an OCR-damaged document carries its diacritics), the rule that aggregates yearly
figures over a term (DOMAIN.md: growth rates compound, yearly flows average, cumulative
quantities add up, levels take the last year) and the direction that makes a result good.
The shipped list is ``data/indicators.json``; users' additions and corrections live in the
database and are laid over it by :func:`chitieu.catalog.store.load_catalog`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from chitieu.errors import ChitieuError

GROUPS: tuple[str, ...] = (
    "kinh tế",
    "văn hóa - xã hội",
    "môi trường",
    "xây dựng Đảng và hệ thống chính trị",
    "quốc phòng - an ninh",
)


def group_rank(name: str) -> tuple[int, str]:
    """Sort key putting groups in the order provincial appendices use; unknown groups last."""
    return (GROUPS.index(name) if name in GROUPS else len(GROUPS), name)


DIRECTIONS: tuple[str, ...] = ("up", "down")
AGGREGATIONS: tuple[str, ...] = ("cagr", "mean", "sum", "last")
STATISTICAL_SYSTEM = "05/2023/QĐ-TTg"
NEW_PREFIX = "new:"


class UnknownIndicator(ChitieuError):
    """A code that is neither shipped nor added by a user."""


class CatalogError(ChitieuError):
    """A change to the catalogue that cannot be made (bad value, merge loop …)."""


@dataclass(frozen=True)
class Indicator:
    """One indicator of the catalogue.

    ``direction`` is "up" when higher is better, "down" when lower is better, ``None`` only for a
    composite judged through its parts (the economic structure). ``aggregation`` is one of
    ``AGGREGATIONS``. ``parent`` names the composite this one is a part of (a share of the
    economic structure, one school level of the enrolment rate). ``counts`` says what a value
    counts when it is a number or share of units ("xã", "thôn", "hộ", "trường"), so "96/96 xã"
    or "06 xã" fit a percentage indicator. ``annual`` marks a target stated for every year
    ("hằng năm"), judged year by year. ``vbqppl_code`` is the indicator's code in the national
    provincial statistical indicator system ``vbqppl_system`` (Quyết định 05/2023/QĐ-TTg), only
    where it is known for certain.
    """

    code: str
    name: str
    group: str | None
    unit: str | None
    direction: str | None
    aggregation: str | None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    agency: str | None = None
    counts: str | None = None
    annual: bool = False
    vbqppl_code: str | None = None
    vbqppl_system: str | None = None
    confirmed: bool = True
    shipped: bool = True
    merged_into: str | None = None
    dismissed: bool = False

    @property
    def is_new(self) -> bool:
        """Found in a document, matched nothing, registered automatically."""
        return self.code.startswith(NEW_PREFIX)

    @property
    def phrases(self) -> tuple[str, ...]:
        """The name followed by every alias: all the wordings the matcher recognises."""
        return (self.name, *self.aliases)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        return data


@dataclass(frozen=True)
class AdminUnitCount:
    area: str
    level: str
    count: int
    start: dt.date | None
    end: dt.date | None
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Catalog:
    """The effective catalogue: lookup by code (following merges), group and parent."""

    indicators: dict[str, Indicator]
    admin_units: tuple[AdminUnitCount, ...] = ()
    _children: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    # the matcher's index of this catalogue, built on first use (a catalogue is read-only)
    _matcher_index: object = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for ind in self.indicators.values():
            if ind.parent and ind.merged_into is None:
                self._children.setdefault(ind.parent, []).append(ind.code)

    @classmethod
    def from_indicators(cls, indicators: Iterable[Indicator], admin_units: Iterable[AdminUnitCount] = ()) -> Catalog:
        return cls({ind.code: ind for ind in indicators}, tuple(admin_units))

    def resolve(self, code: str) -> str:
        """The code ``code`` stands for after following merges (itself when not merged)."""
        seen: set[str] = set()
        while code in self.indicators and self.indicators[code].merged_into:
            if code in seen:
                raise CatalogError(f"vòng lặp khi gộp chỉ tiêu tại mã {code}")
            seen.add(code)
            code = self.indicators[code].merged_into or code
        return code

    def get(self, code: str) -> Indicator | None:
        """The indicator for ``code`` (a merged code gives the indicator it was merged into)."""
        if code not in self.indicators:
            return None
        return self.indicators.get(self.resolve(code))

    def __getitem__(self, code: str) -> Indicator:
        found = self.get(code)
        if found is None:
            raise UnknownIndicator(f"không có chỉ tiêu mã {code!r} trong danh mục")
        return found

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.indicators

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self.all())

    def all(self, include_merged: bool = False) -> list[Indicator]:
        """Every indicator in catalogue order; merged-away codes only when asked for."""
        return [ind for ind in self.indicators.values() if include_merged or ind.merged_into is None]

    def children(self, code: str) -> list[Indicator]:
        """The parts of a composite (the four shares of the economic structure …)."""
        return [self.indicators[c] for c in self._children.get(self.resolve(code), [])]

    def by_group(self, group: str) -> list[Indicator]:
        return [ind for ind in self.all() if ind.group == group]

    def unconfirmed(self) -> list[Indicator]:
        """Phrases registered from documents that still wait for a planner (dismissed ones do not)."""
        return [ind for ind in self.all() if not ind.confirmed and not ind.dismissed]

    def admin_unit_count(self, level: str, on: dt.date, area: str = "Lai Châu") -> int | None:
        """How many units of ``level`` ("commune", "district" …) ``area`` had on ``on``.

        A target "106 xã" meaning every commune is met by "38 xã" after 1 July 2025.
        """
        for unit in self.admin_units:
            if unit.area == area and unit.level == level and unit.covers(on):
                return unit.count
        return None

    def with_indicator(self, indicator: Indicator) -> Catalog:
        """A copy with ``indicator`` added or replaced (catalogues are otherwise read-only)."""
        merged = dict(self.indicators)
        merged[indicator.code] = indicator
        return Catalog(merged, self.admin_units)


def _indicator_from_json(item: dict[str, Any]) -> Indicator:
    return Indicator(
        code=item["code"],
        name=item["name"],
        group=item.get("group"),
        unit=item.get("unit"),
        direction=item.get("direction"),
        aggregation=item.get("aggregation"),
        aliases=tuple(item.get("aliases", ())),
        parent=item.get("parent"),
        agency=item.get("agency"),
        counts=item.get("counts"),
        annual=bool(item.get("annual", False)),
        vbqppl_code=item.get("vbqppl_code"),
        vbqppl_system=item.get("system") or (STATISTICAL_SYSTEM if item.get("vbqppl_code") else None),
    )


def _read_data(name: str) -> Any:
    return json.loads(resources.files("chitieu.catalog").joinpath("data", name).read_text(encoding="utf-8"))


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@lru_cache(maxsize=1)
def shipped_indicators() -> tuple[Indicator, ...]:
    """The indicators shipped with the package, in file order."""
    return tuple(_indicator_from_json(item) for item in _read_data("indicators.json"))


@lru_cache(maxsize=1)
def shipped_admin_units() -> tuple[AdminUnitCount, ...]:
    out: list[AdminUnitCount] = []
    for area in _read_data("admin_units.json")["areas"]:
        for unit in area["units"]:
            out.append(
                AdminUnitCount(
                    area=area["area"],
                    level=unit["level"],
                    count=int(unit["count"]),
                    start=_date_or_none(unit.get("from")),
                    end=_date_or_none(unit.get("until")),
                    note=unit.get("note", ""),
                )
            )
    return tuple(out)


@lru_cache(maxsize=1)
def shipped_catalog() -> Catalog:
    """The shipped catalogue alone (no user changes); built once per process."""
    return Catalog.from_indicators(shipped_indicators(), shipped_admin_units())


def updated(indicator: Indicator, **changes: Any) -> Indicator:
    """``indicator`` with ``changes`` applied (a thin, typed wrapper around ``replace``)."""
    return replace(indicator, **changes)
