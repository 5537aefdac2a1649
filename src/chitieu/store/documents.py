"""Storing a read document and its facts: one transaction per document, idempotent by content hash."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.extract.facts import Fact
from chitieu.store import models

if TYPE_CHECKING:
    from chitieu.pipeline import Document


@dataclass
class StoreResult:
    document_id: int
    created: bool
    facts: int


def find_by_hash(session: Session, content_hash: str) -> models.Document | None:
    return session.scalar(select(models.Document).where(models.Document.content_hash == content_hash))


def fact_row(fact: Fact) -> models.Fact:
    data = {k: v for k, v in fact.to_json().items() if k not in _COLUMNS}
    return models.Fact(
        kind=fact.kind,
        indicator=fact.indicator,
        label=fact.label,
        value=fact.value,
        value_high=fact.value_high,
        comparator=fact.comparator,
        unit=fact.unit,
        period_start=fact.period.start if fact.period else None,
        period_end=fact.period.end if fact.period else None,
        period_label=fact.period.label if fact.period else None,
        estimate=bool(fact.extra.get("estimate", False)),
        derived=bool(fact.extra.get("derived", False)),
        confidence=fact.confidence,
        src_start=fact.source.start,
        src_end=fact.source.end,
        src_text=fact.source.text,
        data=data,
    )


_COLUMNS = {"kind", "indicator", "label", "value", "value_high", "comparator", "unit", "period", "source", "confidence"}


INDICATOR_KINDS = {"target", "actual", "table_row"}


def register_new_indicators(session: Session, facts: list[Fact]) -> None:
    """A figure whose phrase matched no catalogue indicator becomes a new, unconfirmed one.

    Nothing is dropped: the same wording always gets the same ``new:`` code, so its figures
    still link across documents until a user confirms, renames or merges it. Words that name
    nothing ("Do", "Tổng số", only numbers) give no phrase, nor does a figure whose unit cannot
    state the indicator its words name ("5.500.000 cây Quế"): the figure stays a fact of its
    document, searchable and shown in place.
    """
    from chitieu.catalog.store import CatalogError, register_unmatched

    for fact in facts:
        if fact.indicator or fact.kind not in INDICATOR_KINDS or fact.extra.keys() & {"progress_of", "unit_clash"}:
            continue
        try:
            fact.indicator = register_unmatched(session, fact.label, fact.unit)
        except CatalogError:
            continue


def restored_meta(doc: Document) -> list[list[int | str]]:
    """The document's restorations as stored: ``[start, end, reading]`` per wrecked token."""
    return [[r.start, r.end, r.text] for r in doc.restorations]


def store_document(session: Session, doc: Document, uploaded_by: str | None = None) -> StoreResult:
    """Add ``doc`` with its facts and tasks unless the same content is stored already.

    The caller owns the transaction (``session_scope``), so a failure anywhere leaves nothing.
    """
    existing = find_by_hash(session, doc.content_hash)
    if existing is not None:
        return StoreResult(existing.id, False, len(existing.facts))
    meta = doc.metadata
    row = models.Document(
        content_hash=doc.content_hash,
        name=doc.name,
        format=doc.raw.format,
        doc_type=meta.doc_type,
        number=meta.number,
        issuer=meta.issuer,
        place=meta.place,
        issued_on=meta.issued_on,
        issued_text=meta.issued_text,
        title=meta.title,
        period_start=meta.period_start,
        period_end=meta.period_end,
        period_label=meta.period_label,
        text=doc.text,
        outline=[h.to_json() for h in doc.outline],
        footnotes=[f.__dict__.copy() for f in doc.footnotes],
        meta={
            "pages": doc.raw.pages,
            "ocr_confidence": doc.raw.ocr_confidence,
            "tables": len(doc.raw.tables),
            "restored": restored_meta(doc),
            **({"text_layer": doc.raw.text_layer.to_json()} if doc.raw.text_layer is not None else {}),
        },
        quality=doc.quality,
        ocr=doc.raw.ocr,
        encoding=doc.raw.encoding,
        size_bytes=doc.raw.path.stat().st_size if doc.raw.path.exists() else 0,
        uploaded_by=uploaded_by,
    )
    register_new_indicators(session, doc.facts)
    row.facts = [fact_row(f) for f in doc.facts]
    session.add(row)
    session.flush()
    from chitieu.store.tasks import store_tasks

    store_tasks(session, row, doc.facts)
    return StoreResult(row.id, True, len(row.facts))
