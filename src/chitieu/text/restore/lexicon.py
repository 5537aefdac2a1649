"""The syllables a wrecked token may stand for, found fast.

The inventory is every lower-cased syllable of the word lists and of the language-model texts
that is spelled like Vietnamese (:mod:`chitieu.text.syllables`), plus the non-syllable forms
the texts use often enough to be words of the trade (``hđnd``, ``grdp``, ``ubnd``). Syllables
are indexed by their *skeleton*, the bare letters OCR keeps (``tỉnh`` → ``tinh``): one skeleton
stands for up to a dozen syllables, and a wrecked token's skeleton is a few edits away from its
syllable's.

A query turns the wrecked token into a few skeleton guesses — its own letters without marks,
then with OCR's stand-ins read back as the letters they usually stand for (``6`` → ``o``,
``4`` → ``a``, ``ir`` → ``u``, ``rn`` → ``m``; the reading table comes from the channel) — and
asks rapidfuzz, in C, for every skeleton within a small edit distance of any guess. Asked for
the guesses of many tokens at once (a document's distinct tokens), it compares them all in one
call, which is an order of magnitude faster than token by token.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from chitieu.text.fold import fold
from chitieu.text.syllables import is_vietnamese_syllable, usual_tone_placement

# OCR's stand-ins and the bare letters they are read back as (when the channel has not learned
# better); two-letter readings first.
STAND_INS: dict[str, str] = {
    "rn": "m",
    "ir": "u",
    "if": "u",
    "ii": "u",
    "w": "u",
    "0": "o",
    "1": "l",
    "4": "a",
    "6": "o",
    "&": "a",
    "@": "a",
    "5": "s",
    "|": "l",
    "¢": "e",
    "€": "e",
    "¥": "y",
}


def skeleton(word: str) -> str:
    """The bare lower-case letters of ``word`` (``Tỉnh`` → ``tinh``, ``Đạt`` → ``dat``)."""
    return fold(word)


def longest_first(readings: dict[str, str]) -> list[tuple[str, str]]:
    """A table of stand-ins, the longest first (``ir`` is read before ``i`` could be)."""
    return sorted(readings.items(), key=lambda item: -len(item[0]))


_STAND_INS_LONGEST_FIRST = longest_first(STAND_INS)


def read_back_stand_ins(wrecked: str, readings: list[tuple[str, str]] = _STAND_INS_LONGEST_FIRST) -> str:
    """A bare wrecked token with OCR's stand-ins read as the letters they stand for (``16`` → ``lo``)."""
    for stand_in, letter in readings:
        wrecked = wrecked.replace(stand_in, letter)
    return wrecked


def reach(guess: str) -> int:
    """How many edits from a skeleton guess a candidate's skeleton may be: more for longer guesses.

    Two letters reach one edit; three to five letters two (a three-letter wreck such as ``ude``
    or ``uée`` is two edits from ``uoc``, the real scan's ``ước``); longer, three.
    """
    return 1 if len(guess) <= 2 else 2 if len(guess) <= 5 else 3


def words_of(lines: Iterable[str]) -> Iterable[list[str]]:
    """Each word-list entry as its lower-cased syllables, tones where official writing puts them."""
    for line in lines:
        parts = [usual_tone_placement(part) for part in line.strip().lower().replace("_", " ").split()]
        if parts:
            yield parts


class Lexicon:
    """The inventory, indexed by skeleton, with a fuzzy query over skeletons."""

    def __init__(self, syllables: Iterable[str], readings: dict[str, str] | None = None) -> None:
        self.syllables = sorted(set(syllables))
        groups: dict[str, list[int]] = defaultdict(list)
        for i, syllable in enumerate(self.syllables):
            groups[skeleton(syllable)].append(i)
        self._by_skeleton = dict(groups)
        self._skeletons = list(self._by_skeleton)
        self._readings = longest_first(readings or STAND_INS)

    def guesses(self, wrecked: str) -> list[str]:
        """Skeleton guesses for one wrecked token, its own letters first."""
        bare = skeleton(wrecked)
        read_back = read_back_stand_ins(bare, self._readings)
        found = [bare]
        # the letters the channel learned a stand-in for, and the usual ones: renders taught it
        # ¢ for o, while the archives' scans write ¢ for ệ ("tỷ I¢" is "tỷ lệ")
        for guess in (read_back, read_back_stand_ins(bare)):
            if guess not in found:
                found.append(guess)
        if bare[:1] in ("p", "b") and len(bare) > 1:  # the archives' P and B for a capital Đ
            found.append("d" + read_back[1:])
        return found

    def candidate_ids(self, wrecked: str) -> list[int]:
        """Indices in :attr:`syllables` of those whose skeleton is within reach of the wrecked token's."""
        return self.candidate_ids_of([wrecked])[0]

    def candidate_ids_of(self, tokens: Sequence[str]) -> list[list[int]]:
        """:meth:`candidate_ids` of many tokens, in one pass over the skeletons (much faster).

        The reach grows with the guess's length (:func:`reach`). Skeletons are listed nearest
        guess first.
        """
        guesses = [self.guesses(token) for token in tokens]
        flat = [guess for group in guesses for guess in group]
        distances = process.cdist(
            flat, self._skeletons, scorer=Levenshtein.distance, score_cutoff=3, dtype=np.int8, workers=1
        )
        found: list[list[int]] = []
        row = 0
        for group in guesses:
            seen: dict[str, None] = {}
            for guess in group:
                if guess in self._by_skeleton:
                    seen.setdefault(guess)
                for i in np.flatnonzero(distances[row] <= reach(guess)).tolist():
                    seen.setdefault(self._skeletons[i])
                row += 1
            found.append([i for key in seen for i in self._by_skeleton[key]])
        return found

    def candidates(self, wrecked: str) -> list[str]:
        """Syllables whose skeleton is within reach of the wrecked token's."""
        return [self.syllables[i] for i in self.candidate_ids(wrecked)]


def inventory(word_lists: Iterable[Iterable[str]], attested: dict[str, int], min_other: int = 3) -> set[str]:
    """Syllables of the word lists and texts spelled like Vietnamese, plus the texts' frequent other forms."""
    found = {word for word, n in attested.items() if is_vietnamese_syllable(word) or n >= min_other}
    for lines in word_lists:
        for parts in words_of(lines):
            found.update(part for part in parts if is_vietnamese_syllable(part))
    return {word for word in found if word.isalpha()}


def compounds(word_lists: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Adjacent syllable pairs inside the word lists' multi-syllable entries."""
    pairs: set[tuple[str, str]] = set()
    for lines in word_lists:
        for parts in words_of(lines):
            pairs.update(pairwise(parts))
    return pairs
