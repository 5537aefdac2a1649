"""Which syllable follows which: an interpolated Kneser–Ney bigram over lower-cased syllables.

Diacritics that OCR lost are mostly decided by the neighbours: ``tinh`` is ``tỉnh`` after
``ủy ban nhân dân`` and ``tính`` before ``toán``. A bigram model over the syllables of official
writing carries that. Text is cut into runs at punctuation and line ends (a comma resets the
context, which costs little and keeps table cells apart); numerals become one class ``<num>``
so that ``đạt <num>`` and ``<num> tỷ đồng`` are learned once for every figure.

Dictionary compounds (``kinh tế``, ``nông thôn``) form a second, smaller model that is mixed in
at a low weight: pooling them into the main counts as if they were text over-weights rare
words, measured to hurt. The weight shrinks as the texts attest the first word (after a ``phát``
written a thousand times, the dictionary's ``phát tang`` adds little), and each compound's share
follows how freely its second word follows others. Counts are additive, so a benchmark can leave
a document out of the model it is scored on.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from chitieu.text.restore.scoring import is_number
from chitieu.text.syllables import spelling_sibling, usual_tone_placement

BOUNDARY = "<s>"
NUMBER = "<num>"

# Runs of text between punctuation or line ends; a numeral keeps its inner separators.
_RUN_BREAK = re.compile(r"[\n\r\f.;:,!?()\[\]{}\"“”‘’«»…|]+(?!\d)")
_WORD = re.compile(r"\d+(?:[.,:/]\d+)*%?|[^\W\d_]+")

_DISCOUNT = 0.75
COMPOUND_TRUST = 20.0  # a context seen this often in text gets half the compounds' full weight
# A syllable spelt with i or y at will (tỉ/tỷ, kĩ/kỹ) takes this share of its other spelling's
# counts: the texts write "1.500 tỷ đồng" far more than "tỉ đồng", and a page that writes "tỉ"
# (wrecked "ti dong") must still read as the unit, not as "từ đồng", while the spelling the
# texts use stays the likelier wherever OCR left the choice open. A power of two: lent counts
# stay exact sums whatever order they are added in, so a model loaded ranks as the one built.
SPELLING_SHARE = 1 / 16


def runs(text: str) -> Iterator[list[str]]:
    """The lower-cased token runs of ``text`` the model learns from (numerals as ``<num>``, each
    syllable's tone where official writing puts it: ``hoà`` counts as ``hòa``)."""
    for piece in _RUN_BREAK.split(text):
        words = [NUMBER if is_number(w.rstrip("%")) else usual_tone_placement(w.lower()) for w in _WORD.findall(piece)]
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


def with_spelling_siblings(bigrams: Mapping[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """``bigrams`` with each pair's count lent, at :data:`SPELLING_SHARE`, to the same pair with a
    syllable in its other i/y spelling (``<num> tỷ`` → ``<num> tỉ``, ``tỷ đồng`` → ``tỉ đồng``)."""
    siblings = {w: s for w in {w for pair in bigrams for w in pair} if (s := spelling_sibling(w)) is not None}
    lent: dict[tuple[str, str], float] = dict(bigrams)
    for (previous, word), n in bigrams.items():
        for key in (
            (siblings[previous], word) if previous in siblings else None,
            (previous, siblings[word]) if word in siblings else None,
        ):
            if key is not None:
                lent[key] = lent.get(key, 0.0) + SPELLING_SHARE * n
    return lent


def _discount(n: float) -> float:
    """What Kneser–Ney takes from a pair seen ``n`` times: a fixed share of a count, and the same
    share of a fraction of one (a pair only lent by a spelling sibling keeps the rest of it)."""
    return _DISCOUNT * min(1.0, n)


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
        compound_trust: float = COMPOUND_TRUST,
    ) -> None:
        history: dict[str, float] = defaultdict(float)
        followers: dict[str, dict[str, float]] = defaultdict(dict)
        continuation: dict[str, float] = defaultdict(float)
        unigrams: dict[str, float] = defaultdict(float)
        # a pair lent at a fraction of a count (a spelling sibling's) weighs that fraction
        # everywhere: in its context, in the word's continuation and in its prior
        for (previous, word), n in with_spelling_siblings(counts.bigrams).items():
            history[previous] += n
            followers[previous][word] = n
            continuation[word] += min(1.0, n)
            unigrams[word] += n
        words = set(continuation) | set(vocabulary)
        total = sum(continuation.values())
        # every known syllable keeps some continuation mass, so a word the texts never used
        # can still be chosen where its letters and the dictionary say so
        self._continuation_total = total + 0.5 * len(words)
        self._continuation = continuation
        self._unigrams = dict(unigrams)
        self._unigram_total = sum(self._unigrams.values()) + 0.5 * len(words)
        # per context: (its followers' counts, its count, the back-off weight of the lower order:
        # what discounting took from its followers, :func:`_discount` of each)
        self._contexts = {
            previous: (after, seen, sum(_discount(n) for n in after.values()) / seen)
            for previous, after in followers.items()
            if (seen := history[previous])
        }
        partners: dict[str, set[str]] = defaultdict(set)
        for first, second in compounds:
            partners[first].add(second)
        self._partners = {word: frozenset(after) for word, after in partners.items()}
        # a compound's share of a context: what the texts did not say about it (a word the texts
        # used a thousand times needs the dictionary little), spread over its partners by how
        # freely each follows other words (``phát`` → ``triển`` far more than → ``tang``)
        self._compound_weights = {
            word: compound_weight * compound_trust / (compound_trust + history[word])
            for word in self._partners
        }
        self._partner_mass = {
            word: sum(self.continuation(w) for w in sorted(after))  # one order: the same sum in every process
            for word, after in self._partners.items()
        }
        self._memo: dict[str, dict[str, float]] = defaultdict(dict)
        self._back_off: dict[str, float] = {}
        self._own: dict[str, frozenset[str]] = {}
        self._states: dict[str, tuple[float, frozenset[str], dict[str, float]]] = {}
        self.vocabulary = frozenset(words)

    def continuation(self, word: str) -> float:
        return (self._continuation.get(word, 0) + 0.5) / self._continuation_total

    def unigram(self, word: str) -> float:
        """How often ``word`` occurs, smoothed: the prior that ranks a token's candidates."""
        return (self._unigrams.get(word, 0) + 0.5) / self._unigram_total

    def log_prob(self, word: str, previous: str) -> float:
        row = self._memo[previous]
        cached = row.get(word)
        if cached is None:
            cached = row[word] = math.log(self._prob(word, previous))
        return cached

    def forget(self) -> None:
        """Drop the memoised probabilities (they grow with every document restored)."""
        self._memo.clear()
        self._back_off.clear()
        self._own.clear()
        self._states.clear()

    def back_off(self, previous: str) -> float:
        """log of what ``previous`` passes to any word it was never seen before (nor forms a compound with).

        For such a pair, ``log_prob(word, previous) = back_off(previous) + log continuation(word)``:
        a search can then weigh every unseen pair at once and visit only the pairs of
        :meth:`own_followers` one by one.
        """
        cached = self._back_off.get(previous)
        if cached is None:
            context = self._contexts.get(previous)
            factor = context[2] if context else 1.0
            if previous in self._partners:
                factor *= 1 - self._compound_weights[previous]
            cached = self._back_off[previous] = math.log(factor)
        return cached

    def own_followers(self, previous: str) -> frozenset[str]:
        """The words whose probability after ``previous`` is their own: seen after it, or its compounds."""
        cached = self._own.get(previous)
        if cached is None:
            context = self._contexts.get(previous)
            cached = self._own[previous] = frozenset(context[0] if context else ()) | self._partners.get(
                previous, frozenset()
            )
        return cached

    def context(self, previous: str) -> tuple[float, frozenset[str], dict[str, float]]:
        """:meth:`back_off` and :meth:`own_followers` of ``previous``, and the memo of the
        :meth:`log_prob` of words after it: what a search step asks of a state, in one call."""
        found = self._states.get(previous)
        if found is None:
            found = self._states[previous] = (self.back_off(previous), self.own_followers(previous), self._memo[previous])
        return found

    def _prob(self, word: str, previous: str) -> float:
        lower = self.continuation(word)
        context = self._contexts.get(previous)
        if context:
            after_counts, seen, backoff = context
            n = after_counts.get(word, 0)
            p = (n - _discount(n)) / seen + backoff * lower
        else:
            p = lower
        after = self._partners.get(previous)
        if after:
            weight = self._compound_weights[previous]
            p = (1 - weight) * p + (weight * lower / self._partner_mass[previous] if word in after else 0.0)
        return p
