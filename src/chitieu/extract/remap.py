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
# The score the wrecked words of a label must reach to name its indicator where the restored
# words named none (and the factor on the fact's confidence when they do).
WRITTEN_MATCH = 0.85


def link_by_written_words(fact: Fact, reading: MappedText, original: str) -> None:
    """Name a figure whose restored words name no indicator by the words as the page wrote them.

    Restoration may misread a word of a name ("Mục tứa" for "Mục tiêu"): where the reading's
    label links to no catalogue indicator, the same span of the document's own text is tried,
    and kept only when it names one clearly (:data:`WRITTEN_MATCH`). ``fact`` must still be cited
    in the reading; ``extra["named_as_written"]`` keeps the words that named it.
    """
    if fact.indicator or fact.kind not in ("target", "actual") or "unit_clash" in fact.extra:
        return
    label = str(fact.extra.get("label_as_written") or fact.extra.get("phrase") or "")
    at = reading.text.find(label, fact.source.start, fact.source.end) if label else -1
    if at < 0:
        return
    start, end = reading.to_original(at, at + len(label))
    written = original[start:end]
    if written == label:
        return  # nothing was restored there: the words already said what they say
    from chitieu.catalog.matcher import match_indicator

    match = match_indicator(written, fact.unit, threshold=WRITTEN_MATCH)
    if match is not None:
        fact.indicator, fact.label = match.code, match.name
        fact.extra["named_as_written"] = written
        fact.confidence = round(fact.confidence * WRITTEN_MATCH, 3)


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
