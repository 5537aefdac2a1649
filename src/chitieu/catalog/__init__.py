"""The indicator catalogue: shipped data, users' changes, and tolerant matching of phrases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chitieu.catalog.matcher import Match, clean_phrase, match_candidates, match_indicator
from chitieu.catalog.model import GROUPS, Catalog, Indicator, UnknownIndicator, shipped_catalog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "GROUPS",
    "Catalog",
    "Indicator",
    "Match",
    "UnknownIndicator",
    "clean_phrase",
    "load_catalog",
    "match_candidates",
    "match_indicator",
    "shipped_catalog",
]


def load_catalog(session: Session | None = None) -> Catalog:
    """The effective catalogue: shipped data, plus the database's changes when ``session`` is given.

    Imported lazily so that matching alone never loads the database layer.
    """
    from chitieu.catalog.store import load_catalog as _load

    return _load(session)
