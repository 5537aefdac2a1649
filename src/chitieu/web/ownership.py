"""Which agency owns an indicator: the input of every reporter permission on figures.

The answer comes from the effective catalogue (``chitieu.catalog.load_catalog``): the shipped
entries' agencies with the ``indicators`` table's rows (users' additions and corrections) laid
over them. Pages and the API only call ``indicator_refs``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class IndicatorRef:
    code: str
    name: str | None
    agency: str | None
    unit: str | None = None


def indicator_refs(session: Session, codes: Iterable[str | None]) -> dict[str, IndicatorRef]:
    """Name, unit and responsible agency of each known code (unknown codes: agency ``None``).

    Read from the effective catalogue: the shipped entries (which name the agency that reports
    most indicators) with the ``indicators`` table's rows laid over them; a merged code answers
    with the indicator it was merged into.
    """
    from chitieu.catalog import load_catalog

    wanted = {c for c in codes if c}
    refs = {c: IndicatorRef(code=c, name=None, agency=None) for c in wanted}
    if wanted:
        catalog = load_catalog(session)
        for code in wanted:
            found = catalog.get(code)
            if found is not None:
                refs[code] = IndicatorRef(code=code, name=found.name, agency=found.agency, unit=found.unit)
    return refs


def indicator_ref(session: Session, code: str) -> IndicatorRef:
    return indicator_refs(session, [code])[code]
