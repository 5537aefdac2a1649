"""Routes a document to the extractors that fit its type. (stub: being built)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chitieu.extract.facts import Fact

if TYPE_CHECKING:
    from chitieu.pipeline import Document


def extract_all(doc: Document) -> list[Fact]:
    return []
