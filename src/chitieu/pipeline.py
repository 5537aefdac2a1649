"""The one-way pipeline: file → raw text → normalised text with offsets → metadata → facts.

``read_document`` is what ``chitieu text``, ``chitieu extract``, ``chitieu ingest`` and the web
upload all call, so a document reads the same everywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chitieu.extract.facts import Fact
from chitieu.extract.metadata import DocumentMetadata, extract_metadata
from chitieu.extract.outline import Heading, parse_outline
from chitieu.ingest import load
from chitieu.ingest.base import RawDocument
from chitieu.text.normalize import LinkedFootnote, normalize
from chitieu.text.offsets import MappedText
from chitieu.text.quality import quality_score


@dataclass
class Document:
    raw: RawDocument
    mapped: MappedText  # normalised text, mapped to raw.text
    footnotes: list[LinkedFootnote]
    metadata: DocumentMetadata
    outline: list[Heading]
    quality: float
    content_hash: str
    facts: list[Fact] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.mapped.text

    @property
    def name(self) -> str:
        return self.raw.name

    def summary(self) -> dict[str, Any]:
        return {"name": self.name, "format": self.raw.format, **self.metadata.to_json(), "quality": self.quality}


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(path: Path | str) -> Document:
    """Load, normalise and describe one document. Raises ``UnreadableDocument`` on bad input."""
    path = Path(path)
    raw = load(path)
    normalised = normalize(raw)
    text = normalised.mapped.text
    return Document(
        raw=raw,
        mapped=normalised.mapped,
        footnotes=normalised.footnotes,
        metadata=extract_metadata(text),
        outline=parse_outline(text),
        quality=quality_score(text),
        content_hash=content_hash(path),
    )


def extract_facts(doc: Document) -> list[Fact]:
    """Every fact of the document, routed by its type (resolution, plan, report …)."""
    from chitieu.extract.router import extract_all

    doc.facts = extract_all(doc)
    return doc.facts
