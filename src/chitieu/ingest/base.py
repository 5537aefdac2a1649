"""What every loader returns: the document's decoded text plus the structure the format gave us.

Loaders do I/O and format decoding only. Vietnamese normalisation (NFC, legacy encodings,
re-flow, footnotes) happens afterwards in ``chitieu.text`` and keeps an offset map back to
``RawDocument.text``.

Tables are also written into ``text`` (one line per row, cells joined by ``" | "``) at the
place they occur, so that table rows have source offsets like every other sentence; the
structured cells stay available in ``tables``, each row with the span of its line
(:func:`render_rows`). A table continued over pages is one ``Table`` (``chitieu.ingest.continued``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chitieu.ingest.reocr import TextLayerCheck

CELL_SEPARATOR = " | "


@dataclass
class Table:
    rows: list[list[str]]
    page: int | None = None  # the page it starts on
    # offsets of the table's rendering inside RawDocument.text
    start: int = 0
    end: int = 0
    # each row's line inside RawDocument.text, in the order of ``rows``; empty when unknown
    row_spans: list[tuple[int, int]] = field(default_factory=list)
    # each column's share of the table's width where the format draws columns (PDF, DOCX, scan)
    widths: tuple[float, ...] = ()

    def moved(self, by: int, page: int | None = None) -> Table:
        """The same table with its offsets ``by`` characters further on (a page placed in its document)."""
        return replace(
            self,
            page=self.page if page is None else page,
            start=self.start + by,
            end=self.end + by,
            row_spans=[(a + by, b + by) for a, b in self.row_spans],
        )


def render_rows(rows: list[list[str]], start: int = 0) -> tuple[str, list[tuple[int, int]]]:
    """A table's rows as text, one line per row (cells joined by ``CELL_SEPARATOR``, no final
    line break), and each row's span when the text is placed at offset ``start``."""
    lines = [CELL_SEPARATOR.join(row) for row in rows]
    spans = []
    pos = start
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return "\n".join(lines), spans


def shares(sizes: list[float]) -> tuple[float, ...]:
    """Column sizes (points, twips, pixels) as shares of their total, to compare across formats."""
    total = sum(sizes)
    return tuple(size / total for size in sizes) if total > 0 and all(s >= 0 for s in sizes) else ()


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
    # a PDF of scanned pages with a text layer: which reading its text is, and why
    text_layer: TextLayerCheck | None = None

    @property
    def name(self) -> str:
        return self.path.name
