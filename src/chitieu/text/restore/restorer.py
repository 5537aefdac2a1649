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
from chitieu.text.restore.lexicon import Lexicon, skeleton
from chitieu.text.syllables import has_diacritics, is_vietnamese_syllable

# A numeral (with its separators and an optional %), else a run of letters, digits and OCR's
# in-word stand-ins (t&ng, c@c, hi¢u).
_TOKEN = re.compile(
    r"\d{1,3}(?::\d{3})+(?![\d:])|\d+(?:[.,]\d+)*%?(?![^\W_]|[&@¢€¥])|(?:[^\W_]|[&@¢€¥])+"
)
# What ends a run for the language model: punctuation, a blank line, a page break.
_RUN_BREAK = re.compile(r"[.;:,!?()\[\]{}\"“”‘’«»…|]|\n\s*\n|\f")
_PASSAGE_BREAK = re.compile(r"\n\s*\n|\f")
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*%?|\d{1,3}(?::\d{3})+")
# OCR's colon for a thousands dot (2:100 for 2.100): the one number repair that is safe, as a
# colon before three digits is otherwise only a map scale, and a scale starts 1: (1:500). A lost
# decimal comma (1032 for 10,32) is not guessed here; extraction judges it against the unit and
# the neighbouring figures.
_COLON_THOUSANDS = re.compile(r"(?!1:)\d{1,3}(?::\d{3})+")
# Capital Roman numerals (khóa XVII, Phần II) and codes of digits and capitals (QL 4D, 3G):
# never syllables to restore.
_KEPT = re.compile(r"[IVXLCDM]{2,}|\d+[A-Z]+")
# A lone digit OCR may have made of a short syllable (ở → 6, ô → 0, lệ → 1).
_LONE_DIGIT_WORDS = frozenset("0146")
LONE_DIGIT_PENALTY = -4.0
# Capitals without a vowel: an acronym (BCH, UBND, HDND for HĐND).
_ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-XZĐ]{2,}")

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
        """A token restoration never changes: a Roman numeral, a code (4D)."""
        return _KEPT.fullmatch(self.text) is not None


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
    words = re.findall(r"[^\W\d_]{2,}", line)
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
    """A passage whose words mostly lost their marks.

    Clean documents write 87–90% of their words of two letters or more as marked Vietnamese
    syllables (the province's four clean documents); the archive's OCR'd report, 6.5%.
    """
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
            if _ACRONYM.fullmatch(token.text):  # BCH, QL: itself, or with its Đ (HDND → HĐND)
                found = [r for r in found if not r.words or skeleton(r.words[0]) == skeleton(token.text)]
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
        replacements: list[tuple[Token, str]] = []
        capitals: dict[int, bool] = {}
        passages = [tokenize(text, start, end) for start, end in _passages(text)]
        document = marked_share([t.text for passage in passages for t in passage])
        for passage in passages:
            share = marked_share([t.text for t in passage])
            if not is_wrecked(*(share if share[1] >= _MIN_GATE_WORDS else document)):
                continue
            for run in _runs(text, passage):
                for token, reading in zip(run, self.best_path(run), strict=True):
                    written = self._written(token, reading, _line_in_capitals(text, token.start, capitals))
                    if written != token.text:
                        replacements.append((token, written))
        return _assemble(text, replacements)

    @staticmethod
    def _written(token: Token, reading: Reading, heading: bool) -> str:
        """How a token's chosen reading is written: in the token's case, or the token itself."""
        if reading.words == (NUMBER,):
            repaired = _COLON_THOUSANDS.fullmatch(token.text)
            return token.text.replace(":", ".") if repaired else token.text
        if not reading.words or reading.words == (token.text.lower(),):
            return token.text  # kept as written, case and all (TTg, Sau)
        pattern = token.text.upper() if heading else token.text
        if pattern[:1] == "I" and reading.words[0][:1] == "l" and not heading:
            pattern = "l" + pattern[1:]  # OCR's capital I for a small l (Iy = lý)
        return " ".join(
            apply_case(w, pattern if i == 0 or pattern.isupper() else pattern.lower())
            for i, w in enumerate(reading.words)
        )


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


def _assemble(text: str, replacements: list[tuple[Token, str]]) -> MappedText:
    """``text`` with the replacements made; a replacement maps, every character, to its whole token."""
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    position = 0
    for token, written in replacements:
        chars.append(text[position : token.start])
        origin.extend(range(position, token.start))
        ends.extend(range(position + 1, token.start + 1))
        chars.append(written)
        origin.extend([token.start] * len(written))
        ends.extend([token.end] * len(written))
        position = token.end
    chars.append(text[position:])
    origin.extend(range(position, len(text) + 1))
    ends.extend(range(position + 1, len(text) + 1))
    return MappedText("".join(chars), origin, ends)
