"""Naming an indicator when the phrase alone does not: shared subjects and rate units.

Two situations recur in resolutions and reports alike, so the target and the actual
extractors share one reading of them:

* a subject shared by several parts — "Tỷ lệ trường đạt chuẩn quốc gia: Mầm non 53,8%, Tiểu
  học 61,5%, Trung học cơ sở 56,9%". "Tiểu học" names nothing by itself (enrolment? school
  standard?); under its subject it names one part of a composite of the catalogue
  (:func:`match_part`);
* a rate unit that names its indicator — "13,2 bác sỹ/1 vạn dân", "15,1 tiêu chí/xã". Such a
  unit measures one thing only, however the words before it are cut, so when exactly one
  catalogue indicator is measured in it, the unit names that indicator
  (:func:`indicator_for_rate_unit`). "/1 vạn dân", "/vạn dân" and "/10.000 dân" are one
  denominator (:func:`rate_unit_key`).

A figure whose words name an indicator its unit cannot state ("5.500.000 cây Quế" against the
cinnamon *area*) is linked to nothing; :func:`mark_unit_clashes` notes which indicator its
words named, so the mismatch is shown as a finding instead of being lost or counted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from chitieu.catalog.matcher import Match, match_indicator, unit_clash
from chitieu.catalog.model import Catalog, Indicator, shipped_catalog
from chitieu.extract.facts import Fact
from chitieu.text.fold import fold

__all__ = ["indicator_for_rate_unit", "match_part", "rate_unit_key"]

# a numerator that is no counted thing: "%/năm" is a growth rate of anything
_GENERIC_NUMERATORS = {"%", "‰", "lan", "diem", "diem %"}
_Y_AFTER_CONSONANT = re.compile(r"(?<![a-z])([bcdghklmnpqrstvx]+)y(?![a-z])")


def rate_unit_key(unit: str | None) -> str | None:
    """A comparable key of a rate unit ("bác sỹ/1 vạn dân" → "bac si/van dan"), None for others.

    The denominator's "1" and "10.000" of "vạn" are dropped ("/1 vạn dân", "/vạn dân",
    "/10.000 dân" are the same), spelling variants (sỹ/sĩ) are merged, and a unit whose
    numerator counts nothing in particular ("%/năm") is no rate unit here.
    """
    if not unit or "/" not in unit:
        return None
    numerator, _, denominator = unit.partition("/")
    num = " ".join(_Y_AFTER_CONSONANT.sub(r"\1i", fold(numerator)).split())
    if not num or num in _GENERIC_NUMERATORS or num.startswith(("%", "‰")):
        return None
    den = " ".join(fold(denominator).split())
    den = re.sub(r"^(?:1|mot)\s+", "", den)
    den = re.sub(r"^10[.,]?000\s+dan$", "van dan", den)
    return f"{num}/{den}"


def _rate_units(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for indicator in catalog.all():
        key = rate_unit_key(indicator.unit)
        if key is not None:
            found.setdefault(key, []).append(indicator.code)
    return {k: tuple(v) for k, v in found.items()}


@lru_cache(maxsize=1)
def _shipped_rate_units() -> dict[str, tuple[str, ...]]:
    return _rate_units(shipped_catalog())


def indicator_for_rate_unit(unit: str | None, catalog: Catalog | None = None) -> Indicator | None:
    """The one catalogue indicator measured in rate unit ``unit``, or None (none, or several)."""
    key = rate_unit_key(unit)
    if key is None:
        return None
    if catalog is None:
        catalog, units = shipped_catalog(), _shipped_rate_units()
    else:
        units = _rate_units(catalog)
    codes = units.get(key, ())
    return catalog.indicators[codes[0]] if len(codes) == 1 else None


def match_part(subject: str, part: str, label: str, unit: str | None, threshold: float = 0.6) -> Match | None:
    """The catalogue part of the composite ``subject`` names that ``part`` is ("Tiểu học").

    ``label`` is the whole phrase as it will be shown ("Tỷ lệ trường …: Tiểu học"), tried
    within the composite when the part alone finds nothing. None when the subject names no
    indicator, or when the part is not one the catalogue knows (a part the catalogue does not
    know is not its parent indicator); the caller then matches the whole label on its own.
    """
    parent = match_indicator(subject, unit, threshold=threshold)
    if parent is None:
        return None
    match = match_indicator(part, unit, threshold=threshold, parent=parent.code)
    if match is None or match.code == parent.code:
        match = match_indicator(label, unit, threshold=threshold, parent=parent.code)
    if match is not None and match.code == parent.code:
        return None
    return match


def mark_unit_clashes(facts: list[Fact]) -> None:
    """Note on each unlinked figure the indicator its words name but its unit cannot state.

    ``extra["unit_clash"]`` keeps that indicator's code, name and unit: the figure stays a fact
    of its document, is no value of any indicator, and is not offered as a new phrase.
    """
    for fact in facts:
        if fact.indicator or fact.kind not in ("target", "actual") or not fact.unit:
            continue
        named = unit_clash(fact.label, fact.unit)
        if named is not None:
            fact.extra["unit_clash"] = {"indicator": named.code, "name": named.name, "unit": named.unit}
