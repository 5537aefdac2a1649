"""Re-extraction of stored documents, e.g. after the catalogue learned new indicator names.

The stored normalised text is what every fact's span points into, so extraction runs again
on exactly that text (metadata, outline and footnotes are rebuilt from it; structured DOCX/PDF
tables survive as their " | " rows). Old facts are replaced in one transaction; tasks keep
the progress reporters entered (rows are refreshed by their code, never recreated).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from chitieu.store import models

if TYPE_CHECKING:
    from chitieu.pipeline import Document


@dataclass(frozen=True)
class Reextracted:
    document_id: int
    name: str
    before: int
    after: int


def rebuild(row: models.Document) -> Document:
    """A pipeline ``Document`` from a stored row, its text unchanged (offsets stay valid)."""
    from chitieu.ingest.base import RawDocument
    from chitieu.pipeline import described
    from chitieu.text.normalize import LinkedFootnote
    from chitieu.text.offsets import MappedText
    from chitieu.text.restore.reading import restorations

    text = row.text
    raw = RawDocument(path=Path(row.name), format=row.format, text=text, ocr=row.ocr, encoding=row.encoding)
    footnotes = [
        LinkedFootnote(
            str(f["mark"]), str(f["text"]), int(f["start"]), int(f["end"]), f.get("ref_start"), f.get("ref_end")
        )
        for f in row.footnotes or []
        if isinstance(f, dict) and {"mark", "text", "start", "end"} <= f.keys()
    ]
    return described(raw, MappedText.identity(text), footnotes, row.content_hash, restorations(text), row.quality)


def reextract_document(session: Session, document_id: int) -> Reextracted:
    """Replace the facts of one stored document by a fresh extraction of its text."""
    from chitieu.pipeline import extract_facts
    from chitieu.store.documents import fact_row, register_new_indicators, restored_meta
    from chitieu.store.tasks import store_tasks

    row = session.get(models.Document, document_id)
    if row is None:
        from chitieu.errors import ChitieuError

        raise ChitieuError(f"không có tài liệu mã {document_id}")
    before = len(row.facts)
    doc = rebuild(row)
    facts = extract_facts(doc)
    row.meta = {**(row.meta or {}), "restored": restored_meta(doc)}
    register_new_indicators(session, facts)
    session.execute(delete(models.Fact).where(models.Fact.document_id == row.id))
    session.expire(row, ["facts"])
    for fact in facts:
        new = fact_row(fact)
        new.document_id = row.id
        session.add(new)
    store_tasks(session, row, facts)
    session.flush()
    return Reextracted(row.id, row.name, before, len(facts))


def all_document_ids(session: Session) -> list[int]:
    return list(session.scalars(select(models.Document.id).order_by(models.Document.id)))
