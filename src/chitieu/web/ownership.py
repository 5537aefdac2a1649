"""Which agency owns an indicator: the input of every reporter permission on figures.

Today the answer comes from the ``indicators`` table (rows users added or overrode). When the
shipped catalogue (``chitieu.catalog``) records responsible agencies, ``indicator_refs`` is the
one function to extend; pages and the API only call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.store import models


@dataclass(frozen=True)
class IndicatorRef:
    code: str
    name: str | None
    agency: str | None
    unit: str | None = None


def indicator_refs(session: Session, codes: Iterable[str | None]) -> dict[str, IndicatorRef]:
    """Name, unit and responsible agency of each known code (unknown codes: agency ``None``)."""
    wanted = {c for c in codes if c}
    refs = {c: IndicatorRef(code=c, name=None, agency=None) for c in wanted}
    if wanted:
        for row in session.scalars(select(models.Indicator).where(models.Indicator.code.in_(wanted))):
            refs[row.code] = IndicatorRef(code=row.code, name=row.name, agency=row.agency, unit=row.unit)
    return refs


def indicator_ref(session: Session, code: str) -> IndicatorRef:
    return indicator_refs(session, [code])[code]
