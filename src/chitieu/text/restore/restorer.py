"""Wrecked OCR text read back as Vietnamese with diacritics, every character mapped to its source.

For each run of tokens between punctuation marks, every wrecked token gets candidate syllables
(:class:`~chitieu.text.restore.lexicon.Lexicon`) scored by how OCR writes them
(:class:`~chitieu.text.restore.channel.Channel`); a Viterbi search then picks the sequence the
language model (:class:`~chitieu.text.restore.language.LanguageModel`) finds most likely.
What is not a word to restore passes through untouched: numerals, punctuation, and tokens no
syllable explains well (names, codes, foreign words) — "keep as written" is itself a candidate.
A token OCR glued together (``tirhoat`` for ``từ hoạt``) may be read as two syllables.

The chosen syllable takes the wrecked token's case pattern (``Pang`` → ``Đảng``, ``KET`` →
``KẾT``). The result is a :class:`~chitieu.text.offsets.MappedText`: each restored token maps
to the whole wrecked token it replaced, so a fact found in the restored reading still cites
the exact characters of the original.

Restoration runs passage by passage, only where a passage reads as wrecked
(:func:`is_wrecked`): clean text comes out byte-identical.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.text.offsets import MappedText
from chitieu.text.restore.channel import Channel
from chitieu.text.restore.language import BOUNDARY, NUMBER, LanguageModel
from chitieu.text.restore.lexicon import Lexicon
from chitieu.text.syllables import has_diacritics, is_vietnamese_syllable

# A numeral (with its separators and an optional %), else a run of letters, digits and OCR's
# in-word stand-ins (t&ng, c@c, hi¢u).
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?(?![^\W\d_]|[&@¢€¥])|(?:[^\W_]|[&@¢€¥])+")
# What ends a run for the language model: punctuation, a blank line, a page break.
_RUN_BREAK = re.compile(r"[.;:,!?()\[\]{}\"“”‘’«»…|]|\n\s*\n|\f")
_PASSAGE_BREAK = re.compile(r"\n\s*\n|\f")
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*%?")
# Capital Roman numerals (khóa XVII, Phần II): never syllables to restore.
_ROMAN = re.compile(r"[IVXLCDM]+")
# A lone digit OCR may have made of a short syllable (ở → 6, ô → 0, lệ → 1).
_LONE_DIGIT_WORDS = frozenset("0146")
LONE_DIGIT_PENALTY = -4.0
# Capitals without a vowel: an acronym (BCH, UBND, HDND for HĐND).
_ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-XZĐ]{2,}")
_VOWEL = re.compile(r"[aeiouyăâêôơư]|[^\x00-\x7f](?<!đ)")

KEEP_PENALTY = -14.0  # log cost of leaving a word token as written
SPLIT_PENALTY = -6.0  # log cost of reading one token as two syllables
MAX_CANDIDATES = 10
PRIOR_WEIGHT = 1.0  # how much a syllable's frequency counts when a token's candidates are ranked
CHANNEL_WEIGHT = 1.0
_MIN_GATE_WORDS = 8


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_numeral(self) -> bool:
        return _NUMERAL.fullmatch(self.text) is not None

    @property
    def is_kept(self) -> bool:
        """A token restoration never changes: a Roman numeral."""
        return len(self.text) > 1 and _ROMAN.fullmatch(self.text) is not None


@dataclass(frozen=True)
class Reading:
    """One way to read a token: the syllables it becomes (empty = kept as written) and its cost."""

    words: tuple[str, ...]
    channel: float


def apply_case(word: str, pattern: str) -> str:
    """``word`` in the case pattern of ``pattern``: all capitals, a capital first, or lower."""
    letters = [c for c in pattern if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if pattern[:1].isupper() or (pattern[:1].isdigit() and len(letters) > 1 and letters[0].isupper()):
        return word[:1].upper() + word[1:]
    return word


def in_capitals(line: str) -> bool:
    """A line set in capitals (a heading), even where OCR read a few letters small (``CAC CHi TIEU``)."""
    words = [w for w in re.findall(r"[^\W\d_]{2,}", line)]
    if len(words) < 2:
        return False
    capital = sum(1 for w in words if sum(c.islower() for c in w) <= (1 if len(w) >= 3 else 0) and w[0].isupper())
    return capital >= 0.75 * len(words)


def marked_share(words: Sequence[str]) -> tuple[int, int]:
    """(syllables written with valid Vietnamese marks, word tokens) among ``words``."""
    counted = [w for w in words if w.isalpha() and len(w) > 1]
    marked = sum(1 for w in counted if has_diacritics(w) and is_vietnamese_syllable(w))
    return marked, len(counted)


def is_wrecked(marked: int, counted: int) -> bool:
    """A passage whose words mostly lost their marks: clean Vietnamese marks about 85% of them."""
    return counted > 0 and marked / counted < 0.5


class Restorer:
    """Restore wrecked passages of a text with a lexicon, a channel and a language model."""

    def __init__(self, lexicon: Lexicon, channel: Channel, language: LanguageModel) -> None:
        self.lexicon = lexicon
        self.channel = channel
        self.language = language
        self._readings: dict[str, list[Reading]] = {}

    # -- candidates ----------------------------------------------------------------------

    def readings(self, wrecked: str) -> list[Reading]:
        """The best few ways to read one word token, memoised per distinct token."""
        cached = self._readings.get(wrecked)
        if cached is None:
            cached = self._readings_uncached(wrecked)
            self._readings[wrecked] = cached
        return cached

    def _scored(self, wrecked: str) -> list[tuple[float, str]]:
        scored = []
        for syllable in self.lexicon.candidates(wrecked):
            channel = self.channel.log_prob(wrecked, syllable)
            if channel > -math.inf:
                scored.append((channel + PRIOR_WEIGHT * math.log(self.language.unigram(syllable)), syllable))
        scored.sort(reverse=True)
        return scored

    def _readings_uncached(self, wrecked: str) -> list[Reading]:
        scored = self._scored(wrecked)[:MAX_CANDIDATES]
        found = [Reading((s,), self.channel.log_prob(wrecked, s)) for _, s in scored]
        best = max((r.channel for r in found), default=-math.inf)
        if len(wrecked) >= 5 and best < -1.5 * len(wrecked):
            found.extend(self._splits(wrecked))
        found.append(Reading((), KEEP_PENALTY))
        return found

    def _splits(self, wrecked: str) -> list[Reading]:
        pairs = []
        for cut in range(2, len(wrecked) - 1):
            left = self._scored(wrecked[:cut])[:2]
            right = self._scored(wrecked[cut:])[:2]
            for _, a in left:
                for _, b in right:
                    cost = self.channel.log_prob(wrecked[:cut], a) + self.channel.log_prob(wrecked[cut:], b)
                    pairs.append(Reading((a, b), cost + SPLIT_PENALTY))
        pairs.sort(key=lambda r: -r.channel)
        return pairs[:3]

    # -- search --------------------------------------------------------------------------

    def options(self, token: Token) -> list[Reading]:
        """The readings the search weighs for one token of a run."""
        if token.is_kept:
            return [Reading((), 0.0)]
        if not token.is_numeral:
            found = self.readings(token.text.lower())
            if _ACRONYM.fullmatch(token.text):  # BCH, UBND: another acronym or itself, never a syllable
                found = [r for r in found if not r.words or not _VOWEL.search(r.words[0])]
            return found
        numeral = [Reading((NUMBER,), 0.0)]
        if token.text in _LONE_DIGIT_WORDS:
            numeral += [Reading(r.words, r.channel + LONE_DIGIT_PENALTY) for r in self.readings(token.text) if r.words]
        return numeral

    def best_path(self, run: Sequence[Token]) -> list[Reading]:
        """Viterbi over one run: the readings that maximise language model plus channel."""
        lm = self.language
        # state: the last language-model word; value: (score, back-pointer chain)
        beams: dict[str, tuple[float, list[Reading]]] = {BOUNDARY: (0.0, [])}
        for token in run:
            options = self.options(token)
            nxt: dict[str, tuple[float, list[Reading]]] = {}
            for previous, (score, path) in beams.items():
                for option in options:
                    words = option.words or ("<unk>",)
                    total = score + CHANNEL_WEIGHT * option.channel
                    before = previous
                    for word in words:
                        total += lm.log_prob(word, before)
                        before = word
                    if total > nxt.get(before, (-math.inf, []))[0]:
                        nxt[before] = (total, [*path, option])
            beams = nxt
        final = max(beams.items(), key=lambda item: item[1][0] + lm.log_prob(BOUNDARY, item[0]))
        return final[1][1]

    # -- text ----------------------------------------------------------------------------

    def restore(self, text: str) -> MappedText:
        """``text`` with its wrecked passages restored; clean passages are copied as they are."""
        pieces: list[tuple[str, int, int, bool]] = []  # (text, origin start, end, copied)
        capitals: dict[int, bool] = {}
        position = 0
        passages = _passages(text)
        document_marked, document_counted = 0, 0
        for start, end in passages:
            marked, counted = marked_share([t.text for t in tokenize(text, start, end)])
            document_marked += marked
            document_counted += counted
        for start, end in passages:
            passage_tokens = tokenize(text, start, end)
            marked, counted = marked_share([t.text for t in passage_tokens])
            if counted < _MIN_GATE_WORDS:
                marked, counted = document_marked, document_counted
            if not is_wrecked(marked, counted):
                continue
            for run in _runs(text, passage_tokens):
                for token, reading in zip(run, self.best_path(run), strict=True):
                    if not reading.words or reading.words == (NUMBER,):
                        continue
                    pattern = token.text.upper() if _line_in_capitals(text, token.start, capitals) else token.text
                    restored = " ".join(
                        apply_case(w, pattern if i == 0 or pattern.isupper() else pattern.lower())
                        for i, w in enumerate(reading.words)
                    )
                    if restored == token.text:
                        continue
                    if token.start > position:
                        pieces.append((text[position : token.start], position, token.start, True))
                    pieces.append((restored, token.start, token.end, False))
                    position = token.end
        if position < len(text):
            pieces.append((text[position:], position, len(text), True))
        return _assemble(pieces, len(text))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and numeral tokens of ``text[start:end]`` with their offsets in ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop)]


def _line_in_capitals(text: str, position: int, memo: dict[int, bool]) -> bool:
    start = text.rfind("\n", 0, position) + 1
    if start not in memo:
        end = text.find("\n", position)
        memo[start] = in_capitals(text[start : end if end >= 0 else len(text)])
    return memo[start]


def _passages(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _PASSAGE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _runs(text: str, passage_tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in passage_tokens:
        if current and _RUN_BREAK.search(text, current[-1].end, token.start):
            runs.append(current)
            current = []
        current.append(token)
    if current:
        runs.append(current)
    return runs


def _assemble(pieces: list[tuple[str, int, int, bool]], length: int) -> MappedText:
    """Join copied and restored pieces; a restored piece maps, every character, to its whole token."""
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    for piece, start, end, copied in pieces:
        if copied:
            origin.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
        else:
            origin.extend([start] * len(piece))
            ends.extend([end] * len(piece))
        chars.append(piece)
    origin.append(length)
    return MappedText("".join(chars), origin, ends)
