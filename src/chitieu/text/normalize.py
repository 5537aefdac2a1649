"""Vietnamese normalisation of a loaded document, keeping an offset map back to its raw text.

The steps, each a ``MappedText`` composed onto the previous one so that any span of the result
maps back to ``RawDocument.text``:

1. characters: NFC, ``\\n`` line ends, plain single spaces, no invisible characters
   (:mod:`chitieu.text.characters`);
2. Markdown syntax removed when the document is Markdown (:mod:`chitieu.text.markdown`);
3. page numbers and running headers removed (:mod:`chitieu.text.pages`);
4. footnotes lifted out of the sentences they interrupt and written at the end under
   "Chú thích:" as "[n] text", their marks kept in place as superscripts
   (:mod:`chitieu.text.footnotes`);
5. hard-wrapped lines re-flowed into paragraphs, one a line (:mod:`chitieu.text.reflow`).

Normalising already-normalised text gives the same text back.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from chitieu.ingest.base import RawDocument
from chitieu.text.characters import clean_characters
from chitieu.text.footnotes import NOTES_HEADING, separate_footnotes
from chitieu.text.lines import split_lines
from chitieu.text.markdown import looks_like_markdown, strip_markdown
from chitieu.text.offsets import MappedText
from chitieu.text.pages import remove_page_furniture
from chitieu.text.reflow import detect_layout, reflow

__all__ = ["NOTES_HEADING", "LinkedFootnote", "Normalized", "normalize", "normalize_text"]


@dataclass
class LinkedFootnote:
    mark: str  # the footnote's number as digits ("1"), whatever form the document wrote it in
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
    """The document's text, normalised, with its footnotes linked; mapped to ``raw.text``."""
    extra = [(note.mark, note.text) for note in raw.footnotes]
    return normalize_text(raw.text, markdown=raw.format == "md", extra_footnotes=extra)


def normalize_text(
    text: str, *, markdown: bool = False, extra_footnotes: list[tuple[str, str]] | None = None
) -> Normalized:
    """Normalise ``text`` (see the module docstring); ``markdown`` forces Markdown removal.

    ``extra_footnotes`` are (mark, text) pairs a loader found outside the text (DOCX footnotes);
    they are appended with the others and linked to their superscript marks.
    """
    mapped = clean_characters(text)
    if markdown or looks_like_markdown(mapped.text):
        mapped = mapped.compose(strip_markdown(mapped.text))
    mapped = mapped.compose(remove_page_furniture(mapped.text))

    layout = detect_layout(split_lines(mapped.text))
    separated = separate_footnotes(mapped.text, layout, extra_footnotes)
    mapped = mapped.compose(separated.mapped)
    flowed = reflow(separated.mapped.text)
    mapped = mapped.compose(flowed)

    # where the footnote step's offsets ended up after re-flow: re-flow copies every
    # non-space character once and in order, so its origin map is sorted
    wanted: set[int] = set()
    for note in separated.notes:
        wanted.update((note.start, note.end - 1))
        if note.ref_start is not None and note.ref_end is not None:
            wanted.update((note.ref_start, note.ref_end - 1))
    where: dict[int, int] = {}
    origin = flowed.origin
    for offset in wanted:
        i = bisect_left(origin, offset, 0, len(origin) - 1)
        if i < len(origin) - 1 and origin[i] == offset:
            where[offset] = i

    footnotes: list[LinkedFootnote] = []
    for note in separated.notes:
        if note.end <= note.start or note.start not in where or note.end - 1 not in where:
            continue
        start, end = where[note.start], where[note.end - 1] + 1
        ref_start = ref_end = None
        if note.ref_start is not None and note.ref_end is not None and note.ref_start in where:
            ref_start, ref_end = where[note.ref_start], where[note.ref_end - 1] + 1
        footnotes.append(
            LinkedFootnote(str(note.number), mapped.text[start:end], start, end, ref_start, ref_end)
        )
    return Normalized(mapped, footnotes)
