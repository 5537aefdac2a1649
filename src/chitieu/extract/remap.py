"""Facts read from a derived reading of a text, cited in the text itself.

A wrecked document is read through its restored reading (:mod:`chitieu.text.restore`): the
extractors see Vietnamese with diacritics, but every offset the product shows or stores must be
one of the document's own text (``chitieu text``), so that a citation slices what the document
says. The restored reading is a :class:`~chitieu.text.offsets.MappedText` over that text; this
module moves what the extractors produce — a fact's source, the spans inside its details, the
outline's headings, the footnotes — between the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from chitieu.extract.facts import Fact, Source
from chitieu.extract.outline import Heading
from chitieu.text.normalize import LinkedFootnote
from chitieu.text.offsets import MappedText
from chitieu.text.restore.restorer import Replacement, overlapping

# Details of a fact that are whole citations (their text must be the original's slice), as
# against spans with a text of their own (a task's reporting duty, written as the reading has it).
_CITATION_KEYS = {"start", "end", "text", "document"}
# How much less certain a fact is when restoration rewrote all of its source.
RESTORED_DOUBT = 0.15


def fact_in_original(fact: Fact, reading: MappedText, original: str, restored: Sequence[Replacement]) -> Fact:
    """``fact`` with its source and every span in its details moved to ``original``'s offsets.

    A fact read where words had to be restored is less certain than one read from clean text:
    its confidence drops with the share of its source that restoration rewrote (by up to
    ``RESTORED_DOUBT``, for a source restored through and through).
    """
    start, end = reading.to_original(fact.source.start, fact.source.end)
    fact.source = Source(fact.source.document, start, end, original[start:end])
    fact.extra = _spans_in_original(fact.extra, reading, original)
    fact.confidence = round(fact.confidence * (1 - RESTORED_DOUBT * restored_share(original, start, end, restored)), 3)
    return fact


def restored_share(original: str, start: int, end: int, restored: Sequence[Replacement]) -> float:
    """The share of the letters and digits of ``original[start:end]`` that restoration rewrote."""
    written = sum(1 for c in original[start:end] if c.isalnum())
    if not written:
        return 0.0
    rewritten = sum(
        1
        for token in overlapping(restored, start, end)
        for c in original[max(token.start, start) : min(token.end, end)]
        if c.isalnum()
    )
    return min(1.0, rewritten / written)


def _spans_in_original(value: Any, reading: MappedText, original: str) -> Any:
    if isinstance(value, list):
        return [_spans_in_original(v, reading, original) for v in value]
    if not isinstance(value, dict):
        return value
    moved = {k: _spans_in_original(v, reading, original) for k, v in value.items()}
    if isinstance(moved.get("start"), int) and isinstance(moved.get("end"), int):
        start, end = reading.to_original(moved["start"], moved["end"])
        moved["start"], moved["end"] = start, end
        if "text" in moved and moved.keys() <= _CITATION_KEYS:
            moved["text"] = original[start:end]
    return moved


def heading_in_original(heading: Heading, reading: MappedText) -> Heading:
    """A heading found in the reading, at the original's offsets (its title as the reading writes it)."""
    start, end = reading.to_original(heading.start, heading.end)
    _, body_end = reading.to_original(heading.start, heading.body_end)
    return replace(heading, start=start, end=end, body_end=body_end)


def footnote_in_reading(note: LinkedFootnote, reading: MappedText) -> LinkedFootnote:
    """A footnote of the original, at the reading's offsets."""
    at = reading.from_original
    return replace(
        note,
        start=at(note.start),
        end=at(note.end),
        ref_start=None if note.ref_start is None else at(note.ref_start),
        ref_end=None if note.ref_end is None else at(note.ref_end),
    )
