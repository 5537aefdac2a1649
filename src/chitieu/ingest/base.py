"""What every loader returns: the document's decoded text plus the structure the format gave us.

Loaders do I/O and format decoding only. Vietnamese normalisation (NFC, legacy encodings,
re-flow, footnotes) happens afterwards in ``chitieu.text`` and keeps an offset map back to
``RawDocument.text``.

Tables are also written into ``text`` (one line per row, cells joined by ``" | "``) at the
place they occur, so that table rows have source offsets like every other sentence; the
structured cells stay available in ``tables``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CELL_SEPARATOR = " | "


@dataclass
class Table:
    rows: list[list[str]]
    page: int | None = None
    # offsets of the table's rendering inside RawDocument.text
    start: int = 0
    end: int = 0


@dataclass
class Footnote:
    mark: str  # "1", "2", "*" ...
    text: str


@dataclass
class RawDocument:
    path: Path
    format: str  # "txt", "md", "docx", "pdf", "pdf-ocr", "image"
    text: str
    tables: list[Table] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    pages: int = 1
    ocr: bool = False
    encoding: str | None = None  # "utf-8", "utf-16", "tcvn3", "vni", "cp1258" ...
    ocr_confidence: float | None = None  # mean Tesseract word confidence, 0-100

    @property
    def name(self) -> str:
        return self.path.name
