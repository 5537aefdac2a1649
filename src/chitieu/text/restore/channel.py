"""How OCR without Vietnamese writes each letter: P(wrecked token | syllable), learned from pairs.

Tesseract's English model reads a Vietnamese syllable letter by letter, and each letter comes
out as a short *segment*: ``ư`` as ``u``, ``ir``, ``if`` or ``w``; ``ô`` as ``o``, ``é`` or
``6``; ``ă`` as ``a``, ``i``, ``&`` or ``4``; ``đ`` as ``d`` (and, in the archives' scans,
``P`` or ``B``); a letter may also vanish (``sỹ`` → ``s``). The channel is that table,
P(segment | letter), counted over aligned (clean, wrecked) token pairs from the wreck generator,
smoothed towards "a letter is read as itself or its bare form", with pseudo-counts for the
confusions real scans make more often than our renders do, and with a share of each learned
segment lent to its stroke siblings (``ii`` for ``ũ`` makes ``il`` and ``i1`` thinkable: which thin
stroke OCR writes depends on the font and the scan more than on the letter).

The probability of a whole token is the best monotone segmentation: each letter of the
syllable emits zero to three characters of the token, left to right, and a virtual start
letter ``^`` emits the stray characters OCR puts before the first one. Everything is
lower-cased: case is restored separately, from the wrecked token's own pattern.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from chitieu.text.fold import fold

START = "^"  # the virtual letter before a syllable: emits OCR's stray leading characters
MAX_SEGMENT = 3

# Confusions real archive scans make more often than the generator's renders (counted on the
# first half of our transcription of the archives' political report, so that its second half
# tests them): capital Đ read as P or B, ă read as i, ư read as two letters, m read as rn,
# ộ read as Q or 6 (ó and ố as o6: the mark read as a 6 after its vowel), ệ and ê read as ¢, €
# or 8 (tỷ 18 hộ nghèo), ý as ¥, ố as d or b, ớ as a, l and i as i and 1.
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
    ("ó", "o6"): 2.0,
    ("ố", "o6"): 1.0,
    ("ệ", "¢"): 3.0,
    ("ệ", "8"): 3.0,
    ("ễ", "8"): 1.5,
    ("ê", "8"): 1.5,
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

# Thin vertical strokes OCR tells apart by little more than the font: i, l, 1, |, !.
_STROKES = "il1|!"
# A segment's share of weight lent to each of its stroke siblings (:func:`stroke_siblings`).
SIBLING_SHARE = 0.1
# How much weight the smoothing base gets against the counts, per letter.
_BASE_WEIGHT = 4.0
# Real scans strip a letter's marks more often than our renders garble it (ộ read o: 79% in the
# archive's scan, 20% in renders): this share of every letter's reading comes from the plain
# base "itself or its bare form".
PLAIN_SHARE = 0.2
_FLOOR = 1e-7  # a segment never seen and not the letter's own reading
_PAD = ""  # the letter after a syllable's last one, in a batch of syllables of unequal length


def _tone_family(vowel: str) -> list[str]:
    """``vowel`` with each tone mark, itself first (``ê`` → ê ề ế ể ễ ệ)."""
    return [unicodedata.normalize("NFC", vowel + mark) for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")]


# Every lower-case letter a Vietnamese syllable may hold, so that scoring never grows the table.
_VIETNAMESE_LETTERS = "abcdeghiklmnopqrstuvxyđ" + "".join(
    "".join(_tone_family(vowel)) for vowel in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
)


def stroke_siblings(segment: str) -> list[str]:
    """The segments OCR may write for the same glyphs with one thin stroke read otherwise.

    ``ii`` (``ũ`` as two strokes) is as likely ``il`` or ``i1`` in another font or scan; the
    renders taught one of them. Only segments of two or more characters, where counts are thin.
    """
    if len(segment) < 2:
        return []
    return [
        segment[:i] + other + segment[i + 1 :]
        for i, stroke in enumerate(segment)
        if stroke in _STROKES
        for other in _STROKES
        if other != stroke
    ]


def _bare(letter: str) -> str:
    """The letter without marks (``ộ`` → ``o``, ``đ`` → ``d``)."""
    return fold(letter)


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
    """log P(wrecked token | syllable), from counts, the smoothing base and the real-scan prior.

    A wrecked token is scored against all its candidate syllables at once: the segment table
    of the token (every substring of up to three characters, against every letter) is laid
    out as an array, and the segmentation's dynamic programme advances one letter position of
    every candidate per step, in numpy. A token's few hundred candidates cost about what one
    candidate cost letter by letter.
    """

    def __init__(self, counts: ChannelCounts, prior: dict[tuple[str, str], float] | None = None) -> None:
        table: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for (letter, segment), n in sorted(counts.pairs.items()):  # in one order, so sums are the same however counted
            table[letter][segment] += n
        for (letter, segment), weight in (PRIOR_CONFUSIONS if prior is None else prior).items():
            table[letter][segment] += weight
        siblings: dict[tuple[str, str], float] = defaultdict(float)
        for letter, segs in sorted(table.items()):
            for segment, weight in sorted(segs.items()):
                for sibling in stroke_siblings(segment):
                    siblings[letter, sibling] += SIBLING_SHARE * weight
        for (letter, segment), weight in sorted(siblings.items()):
            table[letter][segment] += weight
        self._letters: dict[str, int] = {_PAD: 0, START: 1}
        for letter in sorted(set(table) | set(_VIETNAMESE_LETTERS)):
            self._letters.setdefault(letter, len(self._letters))
        self._seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
        totals = np.zeros(len(self._letters))
        for letter, segs in table.items():
            for segment, weight in segs.items():
                self._seen[segment].append((self._letters[letter], weight))
                totals[self._letters[letter]] += weight
        self._totals = totals
        self._bare_ids: dict[str, list[int]] = defaultdict(list)
        for letter, i in self._letters.items():
            self._bare_ids[_bare(letter)].append(i)
        self._vectors: dict[str, np.ndarray] = {}

    def _letter_id(self, letter: str) -> int:
        found = self._letters.get(letter)
        if found is None:  # a letter no syllable of the inventory has: read only as itself
            found = self._letters[letter] = len(self._letters)
            self._totals = np.append(self._totals, 0.0)
            self._bare_ids[_bare(letter)].append(found)
            self._vectors.clear()  # every cached segment vector is one letter short now
        return found

    def _segment_vector(self, segment: str) -> np.ndarray:
        """log P(OCR writes ``segment`` | letter) for every letter, by letter id.

        The learned share (counts plus the smoothing base) is mixed with the plain base: a
        letter is read as itself (0.6), else as its bare form (0.35), else lost (0.01) or as
        something else (10⁻⁴ a character); the start letter writes nothing (0.98) or strays.
        The padding letter writes nothing, certainly.
        """
        vector = self._vectors.get(segment)
        if vector is not None:
            return vector
        size = len(self._letters)
        if not segment:
            base = np.full(size, 0.01)
            base[1] = 0.98
        else:
            base = np.full(size, 1e-4 ** len(segment))
            if len(segment) == 1:
                base[self._bare_ids.get(segment, [])] = 0.35
                if segment in self._letters:
                    base[self._letters[segment]] = 0.6
                base[1] = 1e-4
        seen = np.zeros(size)
        for letter_id, n in self._seen.get(segment, ()):
            seen[letter_id] += n
        learned = (seen + _BASE_WEIGHT * base) / (self._totals + _BASE_WEIGHT)
        vector = np.log(np.maximum((1 - PLAIN_SHARE) * learned + PLAIN_SHARE * base, _FLOOR))
        vector[0] = 0.0 if not segment else -math.inf
        self._vectors[segment] = vector
        return vector

    def segment_log_prob(self, segment: str, letter: str) -> float:
        """log P(OCR writes ``segment`` | ``letter``); ``letter`` may be the start ``^``."""
        return float(self._segment_vector(segment)[self._letter_id(letter)])

    def spell(self, syllables: Sequence[str]) -> np.ndarray:
        """The letter ids of each syllable after the start letter, padded: one row per syllable.

        A lexicon spells its inventory once; :meth:`scores` then takes any rows of it.
        """
        rows = [[self._letter_id(c) for c in START + s.lower()] for s in syllables]
        width = max((len(r) for r in rows), default=1)
        return np.array([r + [0] * (width - len(r)) for r in rows], dtype=np.intp).reshape(len(rows), width)

    def log_prob(self, wrecked: str, syllable: str) -> float:
        """Best log probability that OCR wrote ``wrecked`` for ``syllable`` (both any case)."""
        return float(self.scores(wrecked, self.spell([syllable]))[0])

    def scores(self, wrecked: str, spelled: np.ndarray) -> np.ndarray:
        """:meth:`log_prob` of ``wrecked`` for each syllable spelled in ``spelled``, computed together."""
        read = wrecked.lower()
        n = len(read)
        count = len(spelled)
        nowhere = np.full(len(self._letters), -math.inf)
        # table[j * 4 + k] = log P(read[j:j+k] | letter), for every letter id
        table = np.stack(
            [
                self._segment_vector(read[j : j + k]) if j + k <= n else nowhere
                for j in range(n + 1)
                for k in range(MAX_SEGMENT + 1)
            ]
        )
        score = np.full((n + 1, count), -math.inf)
        score[0] = 0.0
        for column in spelled.T:
            if not column.any():
                break  # only padding left: every syllable has ended
            emitted = table[:, column].reshape(n + 1, MAX_SEGMENT + 1, count)
            advanced = score + emitted[:, 0]
            for k in range(1, min(MAX_SEGMENT, n) + 1):
                np.maximum(advanced[k:], score[: n + 1 - k] + emitted[: n + 1 - k, k], out=advanced[k:])
            score = advanced
        return score[n]


# --------------------------------------------------------------------------------------------
# Digit mode
# --------------------------------------------------------------------------------------------


def _digit_lookalikes() -> dict[str, str]:
    found: dict[str, str] = {"l": "1", "đ": "4", "s": "8"}
    found.update(dict.fromkeys(_tone_family("i"), "1"))
    for vowel in ("o", "ô", "ơ"):
        found.update(dict.fromkeys(_tone_family(vowel), "06"))
    found["o"] = "0"
    for vowel in ("e", "ê"):
        found.update(dict.fromkeys(_tone_family(vowel), "86"))
    del found["e"]
    for vowel in ("a", "ă", "â"):
        found.update(dict.fromkeys(_tone_family(vowel), "4"))
    return found


# Once OCR reads the first stroke of a short word as a digit, it reads the rest as digits too:
# each letter as the digits its shape is nearest to. An l or an i is a 1; a round o a 0, and
# with a mark above (ô, ơ, ó…) a 0 or a 6; a marked e a 8 or a 6; any a a 4; đ a 4 and s a 8.
# The archive's scan reads "tỷ lệ" as "ty 18" in one occurrence in six, "quốc lộ" as
# "Quốc 16", "lễ hội" as "18 hội", "cơ sở" as "có 86": the letter channel, which sees an 8 for
# ệ once in hundreds, cannot explain them. Each look-alike of a letter is equally likely.
DIGIT_LOOKALIKES: dict[str, str] = _digit_lookalikes()


def digit_spellings(syllable: str) -> dict[str, float]:
    """The digits OCR in digit mode writes for ``syllable``, each with its log probability;
    empty when a letter has no digit look-alike (``lệ`` → {"18": log ½, "16": log ½})."""
    spellings = {"": 0.0}
    for letter in syllable:
        digits = DIGIT_LOOKALIKES.get(letter)
        if digits is None:
            return {}
        share = -math.log(len(digits))
        spellings = {written + digit: cost + share for written, cost in spellings.items() for digit in digits}
    return spellings


def learn(pairs: Iterable[tuple[str, str]]) -> ChannelCounts:
    """Channel counts from (clean syllable, wrecked token) pairs."""
    counts = ChannelCounts()
    for clean, wrecked in pairs:
        counts.add(clean, wrecked)
    return counts

