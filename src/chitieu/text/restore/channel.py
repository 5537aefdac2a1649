"""How OCR without Vietnamese writes each letter: P(wrecked token | syllable), learned from pairs.

Tesseract's English model reads a Vietnamese syllable letter by letter, and each letter comes
out as a short *segment*: ``ư`` as ``u``, ``ir``, ``if`` or ``w``; ``ô`` as ``o``, ``é`` or
``6``; ``ă`` as ``a``, ``i``, ``&`` or ``4``; ``đ`` as ``d`` (and, in the archives' scans,
``P`` or ``B``); a letter may also vanish (``sỹ`` → ``s``). The channel is that table,
P(segment | letter), counted over aligned (clean, wrecked) token pairs from the wreck generator,
smoothed towards "a letter is read as itself or its bare form", with pseudo-counts for the
confusions real scans make more often than our renders do.

The probability of a whole token is the best monotone segmentation: each letter of the
syllable emits zero to three characters of the token, left to right, and a virtual start
letter ``^`` emits the stray characters OCR puts before the first one. Everything is
lower-cased: case is restored separately, from the wrecked token's own pattern.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from chitieu.text.fold import fold

START = "^"  # the virtual letter before a syllable: emits OCR's stray leading characters
MAX_SEGMENT = 3

# Confusions real archive scans make more often than the generator's renders (counted on the
# first half of our transcription of the archives' political report, so that its second half
# tests them): capital Đ read as P or B, ă read as i, ư read as two letters, m read as rn,
# ộ read as Q or 6, ệ and ê read as ¢ or €, ý as ¥, ố as d or b, ớ as a, l and i as i and 1.
# Pseudo-counts, added to what the pairs teach.
PRIOR_CONFUSIONS: dict[tuple[str, str], float] = {
    ("đ", "p"): 30.0,
    ("đ", "b"): 8.0,
    ("ă", "i"): 6.0,
    ("ă", "&"): 2.0,
    ("ă", "4"): 2.0,
    ("ư", "ir"): 4.0,
    ("ư", "tr"): 1.0,
    ("ư", "w"): 2.0,
    ("m", "rn"): 2.0,
    ("ộ", "q"): 2.0,
    ("ộ", "6"): 4.0,
    ("ệ", "¢"): 3.0,
    ("ê", "¢"): 1.0,
    ("ệ", "€"): 2.0,
    ("ê", "€"): 1.0,
    ("ý", "¥"): 2.0,
    ("ố", "d"): 10.0,
    ("ố", "b"): 4.0,
    ("ứ", "ir"): 8.0,
    ("ớ", "a"): 3.0,
    ("ờ", "a"): 2.0,
    ("â", "d"): 5.0,
    ("l", "i"): 5.0,
    ("i", "1"): 8.0,
}

# How much weight the smoothing base gets against the counts, per letter.
_BASE_WEIGHT = 4.0
# Real scans strip a letter's marks more often than our renders garble it (ộ read o: 79% in the
# archive's scan, 20% in renders): this share of every letter's reading comes from the plain
# base "itself or its bare form".
PLAIN_SHARE = 0.2
_FLOOR = 1e-7  # a segment never seen and not the letter's own reading


def _bare(letter: str) -> str:
    """The letter without marks (``ộ`` → ``o``, ``đ`` → ``d``)."""
    return fold(letter)


def _base(segment: str, letter: str) -> float:
    """The smoothing prior: a letter is read as itself, else as its bare form, rarely as else."""
    if letter == START:
        return 0.98 if segment == "" else 1e-4 ** len(segment)
    if segment == letter:
        return 0.6
    if segment == _bare(letter):
        return 0.35 if segment != letter else 0.6
    if segment == "":
        return 0.01
    return 1e-4 ** len(segment)


def _split_cost(segment: str, letter: str) -> float:
    """What reading ``letter`` as ``segment`` costs when pairs are first split into segments."""
    if letter == START:
        return float(len(segment))
    if segment in (letter, _bare(letter)):
        return 0.0
    if not segment:
        return 1.5
    return 1.0 + 0.6 * (len(segment) - 1)


def segments(clean: str, wrecked: str) -> list[tuple[str, str]]:
    """The (letter, segment) pairs of one aligned token pair: the cheapest monotone split.

    Each letter of ``clean`` (after the start letter ``^``) takes zero to three characters of
    ``wrecked``, left to right; a letter read as itself or its bare form costs nothing, another
    character one, a longer segment a little more per character, a lost letter one and a half.
    So ``từ``/``tir`` splits as ``t``/``t``, ``ừ``/``ir`` and ``mà``/``rna`` as ``m``/``rn``,
    ``à``/``a``.
    """
    letters = START + clean
    n = len(wrecked)
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(len(letters) + 1)]
    back = [[0] * (n + 1) for _ in range(len(letters) + 1)]
    cost[0][0] = 0.0
    for i, letter in enumerate(letters):
        for j in range(n + 1):
            if cost[i][j] == inf:
                continue
            for k in range(min(MAX_SEGMENT, n - j) + 1):
                candidate = cost[i][j] + _split_cost(wrecked[j : j + k], letter)
                if candidate < cost[i + 1][j + k]:
                    cost[i + 1][j + k] = candidate
                    back[i + 1][j + k] = k
    if cost[len(letters)][n] == inf:  # more characters than three per letter: keep the letters' own
        return [(START, "")] + [(letter, "") for letter in clean]
    pairs: list[tuple[str, str]] = []
    j = n
    for i in range(len(letters), 0, -1):
        k = back[i][j]
        pairs.append((letters[i - 1], wrecked[j - k : j]))
        j -= k
    return pairs[::-1]


@dataclass
class ChannelCounts:
    """Counts of (letter, segment) over aligned pairs; additive, so documents can be left out."""

    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, clean: str, wrecked: str) -> None:
        for letter, segment in segments(clean.lower(), wrecked.lower()):
            self.pairs[(letter, segment)] += 1

    def __add__(self, other: ChannelCounts) -> ChannelCounts:
        return ChannelCounts(self.pairs + other.pairs)

    def __sub__(self, other: ChannelCounts) -> ChannelCounts:
        return ChannelCounts(self.pairs - other.pairs)


class Channel:
    """log P(wrecked token | syllable), from counts, the smoothing base and the real-scan prior."""

    def __init__(self, counts: ChannelCounts, prior: dict[tuple[str, str], float] | None = None) -> None:
        table: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for (letter, segment), n in counts.pairs.items():
            table[letter][segment] += n
        for (letter, segment), weight in (PRIOR_CONFUSIONS if prior is None else prior).items():
            table[letter][segment] += weight
        self._seen = {letter: dict(segs) for letter, segs in table.items()}
        self._totals = {letter: sum(segs.values()) for letter, segs in table.items()}
        self._log: dict[tuple[str, str], float] = {}
        self._memo: dict[tuple[str, str], float] = {}

    def segment_log_prob(self, segment: str, letter: str) -> float:
        key = (letter, segment)
        cached = self._log.get(key)
        if cached is None:
            seen = self._seen.get(letter, {})
            total = self._totals.get(letter, 0.0)
            learned = (seen.get(segment, 0.0) + _BASE_WEIGHT * _base(segment, letter)) / (total + _BASE_WEIGHT)
            p = (1 - PLAIN_SHARE) * learned + PLAIN_SHARE * _base(segment, letter)
            cached = math.log(max(p, _FLOOR))
            self._log[key] = cached
        return cached

    def log_prob(self, wrecked: str, syllable: str) -> float:
        """Best log probability that OCR wrote ``wrecked`` for ``syllable`` (both any case)."""
        key = (wrecked, syllable)
        cached = self._memo.get(key)
        if cached is None:
            cached = self._best(wrecked.lower(), syllable.lower())
            self._memo[key] = cached
        return cached

    def _best(self, read: str, clean: str) -> float:
        letters = START + clean
        n = len(read)
        minus = -math.inf
        row = [minus] * (n + 1)
        row[0] = 0.0
        for letter in letters:
            nxt = [minus] * (n + 1)
            for j, score in enumerate(row):
                if score == minus:
                    continue
                for k in range(min(MAX_SEGMENT, n - j) + 1):
                    candidate = score + self.segment_log_prob(read[j : j + k], letter)
                    if candidate > nxt[j + k]:
                        nxt[j + k] = candidate
            row = nxt
        return row[n]


def learn(pairs: Iterable[tuple[str, str]]) -> ChannelCounts:
    """Channel counts from (clean syllable, wrecked token) pairs."""
    counts = ChannelCounts()
    for clean, wrecked in pairs:
        counts.add(clean, wrecked)
    return counts

