"""The one-way pipeline: file → raw text → normalised text with offsets → metadata → facts.

``read_document`` is what ``chitieu text``, ``chitieu extract``, ``chitieu ingest`` and the web
upload all call, so a document reads the same everywhere.

A text wrecked by OCR without Vietnamese (``Pang bo tinh``) is read through its restored reading
(``Đảng bộ tỉnh``, :mod:`chitieu.text.restore`): its type, period and headings, and every fact,
come from the reading, while every offset stays one of the document's own text, so a citation
still slices exactly what the document says.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from chitieu.collector import collector_paused
from chitieu.extract.facts import Fact
from chitieu.extract.metadata import DocumentMetadata, extract_metadata
from chitieu.extract.outline import Heading, parse_outline
from chitieu.ingest import load
from chitieu.ingest.base import RawDocument
from chitieu.text.normalize import LinkedFootnote, normalize
from chitieu.text.offsets import MappedText
from chitieu.text.quality import quality_score
from chitieu.text.restore.reading import restorations
from chitieu.text.restore.restorer import Replacement, apply_replacements


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
    # the tokens OCR wrecked and how the restored reading writes them (none for clean text)
    restorations: list[Replacement] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.mapped.text

    @cached_property
    def restored(self) -> MappedText | None:
        """The restored reading, mapped to :attr:`text`; ``None`` when nothing needed restoring."""
        return apply_replacements(self.text, self.restorations) if self.restorations else None

    @property
    def reading(self) -> str:
        """What the extractors read: the restored reading where there is one, else the text."""
        return self.restored.text if self.restored is not None else self.text

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


def read_document(path: Path | str, restore: bool = True) -> Document:
    """Load, normalise and describe one document. Raises ``UnreadableDocument`` on bad input.

    ``restore=False`` reads a wrecked text as it is (to measure what restoration gives).
    """
    path = Path(path)
    raw = load(path)  # the loaders' libraries (PDF, Word, OCR) keep the collector: their objects may hold cycles
    with collector_paused():
        normalised = normalize(raw)
        restored = restorations(normalised.mapped.text) if restore else []
        return described(raw, normalised.mapped, normalised.footnotes, content_hash(path), restored)


def described(
    raw: RawDocument,
    mapped: MappedText,
    footnotes: list[LinkedFootnote],
    digest: str,
    restored: list[Replacement],
    quality: float | None = None,
) -> Document:
    """A document with its metadata and outline, read from its restored reading where it has one."""
    doc = Document(
        raw=raw,
        mapped=mapped,
        footnotes=footnotes,
        metadata=DocumentMetadata(),
        outline=[],
        quality=quality_score(mapped.text) if quality is None else quality,
        content_hash=digest,
        restorations=restored,
    )
    doc.metadata = extract_metadata(doc.reading)
    doc.outline = parse_outline(doc.reading)
    if doc.restored is not None:
        from chitieu.extract.remap import heading_in_original

        doc.outline = [heading_in_original(h, doc.restored) for h in doc.outline]
    return doc


def extract_facts(doc: Document) -> list[Fact]:
    """Every fact of the document, routed by its type (resolution, plan, report …).

    A restored document is read in its reading; the facts come back cited in its own text.
    """
    with collector_paused():
        doc.facts = _facts_of(doc)
    return doc.facts


def _facts_of(doc: Document) -> list[Fact]:
    from chitieu.extract.router import extract_all
    from chitieu.extract.scan_figures import mark_scan_figures

    reading = doc.restored
    if reading is None:
        facts = extract_all(doc)
        if doc.raw.ocr:
            mark_scan_figures(facts, doc.text)
        return facts
    from chitieu.extract.remap import fact_in_original, footnote_in_reading, link_by_written_words

    view = Document(
        raw=doc.raw,
        mapped=doc.mapped.compose(reading),
        footnotes=[footnote_in_reading(note, reading) for note in doc.footnotes],
        metadata=doc.metadata,
        outline=parse_outline(reading.text),
        quality=doc.quality,
        content_hash=doc.content_hash,
    )
    facts = extract_all(view)
    for fact in facts:
        link_by_written_words(fact, reading, doc.text)

    def written(start: int, end: int) -> str:
        at, to = reading.to_original(start, end)
        return doc.text[at:to]

    mark_scan_figures(facts, reading.text, written)  # once each figure is named: a bound follows its direction
    return [fact_in_original(fact, reading, doc.text, doc.restorations) for fact in facts]
