"""Which syllable follows which: an interpolated Kneser–Ney bigram over lower-cased syllables.

Diacritics that OCR lost are mostly decided by the neighbours: ``tinh`` is ``tỉnh`` after
``ủy ban nhân dân`` and ``tính`` before ``toán``. A bigram model over the syllables of official
writing carries that. Text is cut into runs at punctuation and line ends (a comma resets the
context, which costs little and keeps table cells apart); numerals become one class ``<num>``
so that ``đạt <num>`` and ``<num> tỷ đồng`` are learned once for every figure.

Dictionary compounds (``kinh tế``, ``nông thôn``) form a second, smaller model that is mixed in
at a low weight: pooling them into the main counts as if they were text over-weights rare
words, measured to hurt. Counts are additive, so a benchmark can leave a document out of the
model it is scored on.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from chitieu.text.restore.scoring import is_number

BOUNDARY = "<s>"
NUMBER = "<num>"

# Runs of text between punctuation or line ends; a numeral keeps its inner separators.
_RUN_BREAK = re.compile(r"[\n\r\f.;:,!?()\[\]{}\"“”‘’«»…|]+(?!\d)")
_WORD = re.compile(r"\d+(?:[.,:/]\d+)*%?|[^\W\d_]+")

_DISCOUNT = 0.75


def runs(text: str) -> Iterator[list[str]]:
    """The lower-cased token runs of ``text`` the model learns from (numerals as ``<num>``)."""
    for piece in _RUN_BREAK.split(text):
        words = [NUMBER if is_number(w.rstrip("%")) else w.lower() for w in _WORD.findall(piece)]
        if words:
            yield words


@dataclass
class BigramCounts:
    """Unigram and bigram counts of runs framed by ``<s>``; additive across documents."""

    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add_text(self, text: str) -> None:
        for words in runs(text):
            framed = [BOUNDARY, *words, BOUNDARY]
            self.bigrams.update(pairwise(framed))

    def __add__(self, other: BigramCounts) -> BigramCounts:
        return BigramCounts(self.bigrams + other.bigrams)

    def __sub__(self, other: BigramCounts) -> BigramCounts:
        return BigramCounts(self.bigrams - other.bigrams)

    def unigrams(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for (_, word), n in self.bigrams.items():
            counts[word] += n
        return counts


def count(texts: Iterable[str]) -> BigramCounts:
    counts = BigramCounts()
    for text in texts:
        counts.add_text(text)
    return counts


class LanguageModel:
    """log P(word | previous) by interpolated Kneser–Ney, with dictionary compounds mixed in."""

    def __init__(
        self,
        counts: BigramCounts,
        compounds: Iterable[tuple[str, str]] = (),
        vocabulary: Iterable[str] = (),
        compound_weight: float = 0.08,
    ) -> None:
        history: Counter[str] = Counter()
        followers: Counter[str] = Counter()
        continuation: Counter[str] = Counter()
        for (previous, word), n in counts.bigrams.items():
            history[previous] += n
            followers[previous] += 1
            continuation[word] += 1
        self._bigrams = counts.bigrams
        self._history = history
        self._followers = followers
        words = set(continuation) | set(vocabulary)
        total = sum(continuation.values())
        # every known syllable keeps some continuation mass, so a word the texts never used
        # can still be chosen where its letters and the dictionary say so
        self._continuation_total = total + 0.5 * len(words)
        self._continuation = continuation
        self._unigrams = counts.unigrams()
        self._unigram_total = sum(self._unigrams.values()) + 0.5 * len(words)
        self._unknown = math.log(0.5 / self._continuation_total)
        partners: dict[str, set[str]] = defaultdict(set)
        for first, second in compounds:
            partners[first].add(second)
        self._partners = {word: frozenset(after) for word, after in partners.items()}
        self._compound_weight = compound_weight
        self._memo: dict[tuple[str, str], float] = {}
        self.vocabulary = frozenset(words)

    def continuation(self, word: str) -> float:
        return (self._continuation.get(word, 0) + 0.5) / self._continuation_total

    def unigram(self, word: str) -> float:
        """How often ``word`` occurs, smoothed: the prior that ranks a token's candidates."""
        return (self._unigrams.get(word, 0) + 0.5) / self._unigram_total

    def log_prob(self, word: str, previous: str) -> float:
        key = (previous, word)
        cached = self._memo.get(key)
        if cached is None:
            cached = math.log(self._prob(word, previous))
            self._memo[key] = cached
        return cached

    def _prob(self, word: str, previous: str) -> float:
        lower = self.continuation(word)
        seen = self._history.get(previous, 0)
        if seen:
            pair = self._bigrams.get((previous, word), 0)
            p = max(pair - _DISCOUNT, 0) / seen + _DISCOUNT * self._followers[previous] / seen * lower
        else:
            p = lower
        after = self._partners.get(previous)
        if after:
            p = (1 - self._compound_weight) * p + (self._compound_weight / len(after) if word in after else 0.0)
        return p
