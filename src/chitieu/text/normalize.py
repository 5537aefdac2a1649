"""Vietnamese normalisation of a loaded document, keeping an offset map. (stub: being built)"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from chitieu.ingest.base import RawDocument
from chitieu.text.offsets import MappedText


@dataclass
class LinkedFootnote:
    mark: str
    text: str
    # span of the footnote's own text in the normalised text (footnotes are appended at the end)
    start: int
    end: int
    # span of the mark in the sentence that refers to it (None when the mark was not found)
    ref_start: int | None = None
    ref_end: int | None = None


@dataclass
class Normalized:
    mapped: MappedText
    footnotes: list[LinkedFootnote] = field(default_factory=list)


def normalize(raw: RawDocument) -> Normalized:
    text = unicodedata.normalize("NFC", raw.text)
    return Normalized(MappedText.identity(text) if text == raw.text else MappedText(text, list(range(len(text) + 1))))
