"""Syllable error: how far a reading is from the clean text, counted in syllables.

Vietnamese is written one syllable per word, so the natural unit of damage is the token: a
reading's error is the token-level edit distance to the clean text (substituted, lost and
spurious tokens) divided by the clean text's token count, the word error rate of speech
recognition. Three views, because they answer different questions:

* **exact** — diacritics and case count: ``nam`` for ``năm`` is an error;
* **folded** — marks and case ignored (:func:`chitieu.text.fold.fold`): did OCR at least keep
  the letters? (``nam`` = ``năm``, ``Pang`` ≠ ``Đảng``);
* **numbers** — only the numerals, in order: the figures extraction reads.
  ``2:100`` for ``2.100`` and ``1032`` for ``10,32`` are errors.

Punctuation is not counted; a number keeps its inner separators (``1.234,5`` is one token); a
footnote's marker is a numeral of its own (``hoạch¹`` is ``hoạch`` and ``1``).
Distances run in rapidfuzz's C code over token lists, so whole documents score in milliseconds;
:func:`align` gives the token pairs behind the figure, for reading confusions one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from chitieu.text.fold import fold

# What OCR writes inside a word for a letter it could not read: t&ng, c@c, hi¢u, b§, t$p.
STAND_IN_CHARS = "&@¢€¥§$"
# A footnote's marker (kế hoạch¹): a token of its own, the digits it shows (a scan gives "1").
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_AS_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
IN_WORD = rf"(?:[^\W_]|[{re.escape(STAND_IN_CHARS)}])"
# A number with its inner separators (1.234,5; 2:100; 15/9), a footnote marker, else a run of
# letters, digits and stand-ins.
_TOKEN = re.compile(rf"\d+(?:[.,:/]\d+)+|[{_SUPERSCRIPTS}]+|(?:(?![{_SUPERSCRIPTS}]){IN_WORD})+")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where each of :func:`tokens` lies in ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


def tokens(text: str) -> list[str]:
    """The tokens scoring counts: syllables, numbers and OCR's blends of letters, digits and
    stand-ins (``1én``, ``b§``)."""
    return [text[start:end].translate(_AS_DIGITS) for start, end in token_spans(text)]


def is_number(token: str) -> bool:
    """A numeral (``2024``, ``1.234,5``, ``15/9``); OCR's letter-digit blends (``h6i``) are words."""
    return _NUMBER.fullmatch(token) is not None


@dataclass(frozen=True)
class SyllableErrors:
    """Error rates of one reading against its clean text (0 = identical; may exceed 1)."""

    exact: float
    folded: float
    numbers: float
    syllables: int  # tokens of the clean text
    number_tokens: int  # of which are numerals

    def __str__(self) -> str:
        return f"{self.exact:.3f} / {self.folded:.3f} / {self.numbers:.3f}"


def _rate(reference: list[str], hypothesis: list[str], counted: list[bool] | None = None) -> float:
    """Edits per reference token; with ``counted``, only the edits that fall on counted tokens,
    per counted token (a spurious token falls on the reference token before it, so that counting
    a text in parts splits its edits without remainder)."""
    if counted is None:
        if not reference:
            return 0.0 if not hypothesis else 1.0
        return Levenshtein.distance(reference, hypothesis) / len(reference)
    edits = 0
    for op in Levenshtein.opcodes(reference, hypothesis):
        if op.tag in ("replace", "delete"):
            edits += sum(counted[op.src_start : op.src_end])
        elif op.tag == "insert" and counted[max(op.src_start - 1, 0)]:
            edits += op.dest_end - op.dest_start
    kept = sum(counted)
    return edits / kept if kept else 0.0


def syllable_errors(reference: str, hypothesis: str, counts: Callable[[int], bool] | None = None) -> SyllableErrors:
    """Exact, folded and number-token error of ``hypothesis`` against ``reference``.

    ``counts``: whether a reference token starting at a character offset counts (the errors on
    the prose of a document, its ruled tables left to the table benchmarks); every token by default.
    """
    spans = token_spans(reference)
    ref, hyp = tokens(reference), tokens(hypothesis)
    counted = None if counts is None else [counts(start) for start, _ in spans] or None
    numbers = [i for i, t in enumerate(ref) if is_number(t)]
    ref_numbers = [ref[i] for i in numbers]
    hyp_numbers = [t for t in hyp if is_number(t)]
    return SyllableErrors(
        exact=_rate(ref, hyp, counted),
        folded=_rate([fold(t) for t in ref], [fold(t) for t in hyp], counted),
        numbers=_rate(ref_numbers, hyp_numbers, None if counted is None else [counted[i] for i in numbers] or None),
        syllables=len(ref) if counted is None else sum(counted),
        number_tokens=len(ref_numbers) if counted is None else sum(counted[i] for i in numbers),
    )


def aligned_indices(reference: list[str], hypothesis: list[str]) -> list[tuple[int | None, int | None]]:
    """The minimal-edit alignment of two token lists as pairs of positions.

    A match or substitution pairs two positions; a token lost by the reading is ``(i, None)`` and
    a spurious one ``(None, j)``. Read left to right, the pairs visit every position of both.
    """
    pairs: list[tuple[int | None, int | None]] = []
    for op in Levenshtein.opcodes(reference, hypothesis):
        if op.tag in ("equal", "replace"):
            pairs.extend(zip(range(op.src_start, op.src_end), range(op.dest_start, op.dest_end), strict=True))
        elif op.tag == "delete":
            pairs.extend((i, None) for i in range(op.src_start, op.src_end))
        else:
            pairs.extend((None, j) for j in range(op.dest_start, op.dest_end))
    return pairs


def align(reference: list[str], hypothesis: list[str]) -> list[tuple[str | None, str | None]]:
    """:func:`aligned_indices` as (clean, read) token pairs, for reading confusions one by one."""
    return [
        (None if i is None else reference[i], None if j is None else hypothesis[j])
        for i, j in aligned_indices(reference, hypothesis)
    ]
