"""What a word's case says about the syllable it stands for.

OCR without Vietnamese loses marks but keeps case well, and official writing capitalises a few
syllables inside a sentence and almost never the rest: ``của Đảng``, ``Nhà nước``, ``Nhân dân``,
``Ủy ban``. So a wrecked ``Bang`` in the middle of a sentence is far likelier ``Đảng`` than
``bằng``, whatever the letters, and a lower-case ``dang`` leans the other way a little. Some
syllables are written in capitals throughout wherever they stand (``USD``, ``GRDP``): a token
OCR wrote ``Usc`` or ``usc`` is not one of them.

The counts are taken over clean text with the rule the restorer applies to the wreck
(:func:`case_of`), so that both agree on what "inside a sentence" means. Only a word that follows
something on its own line is inside a sentence: a line may open a paragraph (clean text) or
continue one (a scan's text layer), so what opens a line says nothing of capitals, and neither
does what follows sentence punctuation, a bullet, a closing bracket, a figure (the unit column of
a flattened table row) or a table rule. A line set in capitals is a heading and says nothing at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from chitieu.text.syllables import usual_tone_placement

# "capital", "lower": a word inside a sentence, so written; "opening": a word in small letters
# or with a capital first where that says nothing (it opens a line, a sentence or a cell);
# "heading": a word of a line set in capitals, where capitals say nothing either (not even that a
# word without a vowel is an acronym: ``BQ`` there is ``BỘ``).
Case = Literal["capital", "lower", "opening", "heading"]

_WORD = re.compile(r"[^\W\d_]+")
# What may end a sentence, a list item's label or a table cell before the next word.
_OPENS = frozenset(".!?:;…-–—+•*>)]|/\"“”'‘’«»(")
_SMOOTHING = 2.0  # pseudo-count of the share over all syllables, per syllable


def in_capitals(line: str) -> bool:
    """A line set in capitals (a heading), even where OCR read a few letters small (``CAC CHi TIEU``)."""
    words = re.findall(r"[^\W\d_]{2,}", line)
    if len(words) < 2:
        return False
    capital = sum(
        1 for w in words if sum(c.islower() for c in w) <= (1 if len(w) >= 3 else 0) and w[0].isupper()
    )
    return capital >= 0.75 * len(words)


def case_of(word: str, text: str, start: int) -> Case | None:
    """What the case of ``word`` at ``text[start]`` says (see :data:`Case`).

    ``None`` for a word in capitals throughout (an acronym, or a word of a heading), of mixed
    case, or without letters.
    """
    letters = [c for c in word if c.isalpha()]
    if not letters or any(c.isupper() for c in letters[1:]):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    if not before or before[-1] in _OPENS or before[-1].isdigit() or "|" in before:
        return "opening"  # what opens a line, a sentence or a cell (a row with a rule: any word may)
    if letters[0] == "I":
        return "opening"  # OCR writes a small l as I: "tỷ I¢" is "tỷ lệ", whatever a capital says
    return "capital" if letters[0].isupper() else "lower"


@dataclass
class CaseCounts:
    """Per syllable: written with a capital inside a sentence, in small letters there, in capitals
    throughout (outside headings), and otherwise (opening a line, sentence or cell)."""

    capital: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)
    upper: Counter[str] = field(default_factory=Counter)
    opening: Counter[str] = field(default_factory=Counter)

    def add_text(self, text: str) -> None:
        """Count the words of a clean ``text``, outside its headings."""
        position = 0
        for line in text.split("\n"):
            if not in_capitals(line):
                for m in _WORD.finditer(line):
                    word = m.group()
                    case = case_of(word, text, position + m.start())
                    syllable = usual_tone_placement(word.lower())
                    if case is not None:
                        getattr(self, case)[syllable] += 1
                    elif len(word) > 1 and word.isupper():
                        self.upper[syllable] += 1
            position += len(line) + 1

    def __add__(self, other: CaseCounts) -> CaseCounts:
        return CaseCounts(
            self.capital + other.capital,
            self.lower + other.lower,
            self.upper + other.upper,
            self.opening + other.opening,
        )


class CaseModel:
    """log P(what a word's case says | syllable), each part smoothed towards its share over all words."""

    def __init__(self, counts: CaseCounts) -> None:
        self._counts = counts
        capitals, lowers = sum(counts.capital.values()), sum(counts.lower.values())
        uppers, everything = sum(counts.upper.values()), sum(sum(c.values()) for c in self._parts())
        self._capital_share = (capitals + 1) / (capitals + lowers + 2)
        self._upper_share = (uppers + 1) / (everything + 2)
        self._memo: dict[tuple[str, Case], float] = {}

    def _parts(self) -> tuple[Counter[str], ...]:
        counts = self._counts
        return counts.capital, counts.lower, counts.upper, counts.opening

    def log_prob(self, syllable: str, case: Case | None) -> float:
        """log P(``case`` | ``syllable``); 0 where the case says nothing (``None``)."""
        if case is None or case == "heading":
            return 0.0
        cached = self._memo.get((syllable, case))
        if cached is None:
            cached = self._memo[syllable, case] = self._log_prob(syllable, case)
        return cached

    def _log_prob(self, syllable: str, case: Case) -> float:
        capital, lower, upper, opening = (part.get(syllable, 0) for part in self._parts())
        seen = capital + lower + upper + opening
        upper_p = (upper + _SMOOTHING * self._upper_share) / (seen + _SMOOTHING)
        if case == "opening":
            return math.log(1.0 - upper_p)
        capital_p = (capital + _SMOOTHING * self._capital_share) / (capital + lower + _SMOOTHING)
        return math.log((1.0 - upper_p) * (capital_p if case == "capital" else 1.0 - capital_p))
