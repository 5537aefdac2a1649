"""Wrecked OCR text read back as Vietnamese with diacritics, every character mapped to its source.

For each run of tokens between punctuation marks, every wrecked token gets candidate syllables
(:class:`~chitieu.text.restore.lexicon.Lexicon`) scored by how OCR writes them
(:class:`~chitieu.text.restore.channel.Channel`) and by what their case says (a capital inside
a sentence: ``của Bang`` is ``của Đảng``; :mod:`~chitieu.text.restore.casing`); a Viterbi search
then picks the sequence the language model (:class:`~chitieu.text.restore.language.LanguageModel`)
finds most likely.
What is not a word to restore passes through untouched: numerals, punctuation, and tokens no
syllable explains well (names, codes, foreign words) — "keep as written" is itself a candidate.
A token OCR glued together (``tirhoat`` for ``từ hoạt``) may be read as two syllables.

The chosen syllable takes the wrecked token's case pattern (``Pang`` → ``Đảng``, ``KET`` →
``KẾT``). The result is a :class:`~chitieu.text.offsets.MappedText`: each restored token maps
to the whole wrecked token it replaced, so a fact found in the restored reading still cites
the exact characters of the original.

Restoration runs passage by passage, only where a passage reads as wrecked
(:func:`is_wrecked`): clean text comes out byte-identical.

A whole report (130 KB) takes about a second on one core: the common wrecked forms come with
their candidates ranked when the model was built (:meth:`Restorer.rankings`); the candidates of
every other distinct token of the document are found in one pass over the lexicon and scored in
one numpy pass each (:meth:`Channel.scores`); every result is memoised per distinct token; and
the search visits only the word pairs the language model knows, all unseen pairs at once
(:meth:`Restorer.best_path`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple, TypeVar

import numpy as np

from chitieu.text.offsets import MappedText
from chitieu.text.restore.casing import Case, CaseModel, case_of, in_capitals
from chitieu.text.restore.channel import Channel, digit_spellings
from chitieu.text.restore.language import BOUNDARY, NUMBER, LanguageModel
from chitieu.text.restore.lexicon import Lexicon, skeleton
from chitieu.text.restore.markers import glued_digits
from chitieu.text.restore.scoring import IN_WORD
from chitieu.text.syllables import has_diacritics, is_vietnamese_syllable, may_be_syllable

# OCR's tall strokes for the first letter of a word after a space: a bar or a bracket for an l
# ("ty |é" for "tỷ lệ", "trở [én" for "trở lên"), a brace for an i ("{t nhất" for "ít nhất").
# A stroke glued to a word that neither letter can begin ("|ty", "|huyén", "[xem") is a table's
# rule or a bracket and stays out of the word.
_TALL_STROKES = "|[{"
_TALL_STROKE_LETTERS = ("l", "i")
# OCR's quote or angle for the hook or the mark of a letter, between a letter and a small letter
# of a word ("ri‘ng" for "rừng", "gi’éo" for "giáo", "du<di" for "dưới"); one before or after a
# word, or before a number or a capital ("THU'22", "THU'XV", "<5%"), is punctuation or a bound.
_MARKS_IN_WORD = "‘’'`´<>"
# A numeral (with its separators and an optional %), else a run of letters, digits and OCR's
# in-word stand-ins (t&ng, c@c, hi¢u, b§). A numeral glued to the capital of the word after it
# (a table's last figure and its verdict: "51,3Kh6n") stays a numeral.
_TOKEN = re.compile(
    rf"\d{{1,3}}(?::\d{{3}})+(?![\d:])|\d+(?:[.,]\d+)*%?(?!{IN_WORD})|\d+(?:[.,]\d+)*%?(?=[A-ZĐ][a-zđ])"
    rf"|(?:(?<![^\s(])[{re.escape(_TALL_STROKES)}](?=[^\W\d_A-ZĐ]))?"  # a tall stroke for its first letter
    rf"{IN_WORD}+(?:(?<=[^\W\d_])[{_MARKS_IN_WORD}](?=[^\W\d_A-ZĐ]){IN_WORD}+)*"  # a mark read as a quote
)
# What ends a run for the language model: punctuation, a blank line, a page break.
_RUN_BREAK = re.compile(r"[.;:,!?()\[\]{}\"“”‘’«»…|]|\n\s*\n|\f")
_LIST_LETTER = re.compile(r"[ \t]*\(?[a-zđ]\)")  # "a)", "(b)" opening a line
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
# One or two of the digits OCR writes for letters, which may be a short syllable: ở → 6, ô → 0,
# lệ → 1, 16 or 18, độ → 46 (the language model decides, at a cost, against reading a figure).
# Such a token is read through the letter channel and through OCR's digit mode
# (:func:`~chitieu.text.restore.channel.digit_spellings`).
_LETTER_DIGITS = re.compile(r"[01468]{1,2}")
LONE_DIGIT_PENALTY = -4.0
DIGIT_MODE_READINGS = 5  # the likeliest syllables a token of digits may be, read in digit mode
# Capitals without a vowel: an acronym (BCH, UBND, HDND for HĐND).
_ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-XZĐ]{2,}")

KEEP_PENALTY = -14.0  # log cost of leaving a word token as written
SPLIT_PENALTY = -6.0  # log cost of reading one token as two syllables
MAX_CANDIDATES = 10
MOVE_GAP = 18.0  # a reading this far (log) below the token's best one is not searched
BEAM = 12.0  # a search state this far (log) below the best one is not extended
MEMO_LIMIT = 100_000  # distinct tokens remembered before the memos are dropped
PRIOR_WEIGHT = 1.25  # how much a syllable's frequency counts when a token's candidates are ranked
CHANNEL_WEIGHT = 1.0
CASE_WEIGHT = 1.0  # how much a word's capital (or its absence) inside a sentence counts
_MIN_GATE_WORDS = 8


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def is_numeral(self) -> bool:
        return _NUMERAL.fullmatch(self.text) is not None

    @property
    def may_be_a_word(self) -> bool:
        """A short numeral of the digits OCR writes for letters: ``6`` for ``ở``, ``16`` for ``lệ``."""
        return _LETTER_DIGITS.fullmatch(self.text) is not None

    @property
    def is_kept(self) -> bool:
        """A token restoration never changes: a Roman numeral, a code (4D)."""
        return _KEPT.fullmatch(self.text) is not None


class Replacement(NamedTuple):
    """A token of the original (``start``–``end``) and how the restored reading writes it."""

    start: int
    end: int
    text: str


_Chain = tuple["Reading", "_Chain"] | None  # a path, last reading first
# A wrecked form's ranked candidates as stored: their syllables' indices and channel scores, best first.
StoredRanking = tuple[list[int], list[float]]


@dataclass(frozen=True)
class Reading:
    """One way to read a token: the syllables it becomes (empty = kept as written) and its cost."""

    words: tuple[str, ...]
    channel: float


class Move(NamedTuple):
    """A reading as the search weighs it: its first and last words and what it costs.

    ``cost`` is the channel's and the language model's inside the reading; ``unseen`` adds the
    first word's own probability, what it costs after any word it was never seen after.
    """

    first: str
    last: str
    cost: float
    unseen: float
    reading: Reading


class _Step:
    """A token's moves as the search reads them: their parts in lists, and where each first word
    stands among them, so that the words the language model knows after a state are found by
    intersecting two sets, not move by move."""

    __slots__ = ("costs", "firsts", "known", "lasts", "readings", "unseen")

    def __init__(self, moves: list[Move]) -> None:
        self.costs = [move.cost for move in moves]
        self.unseen = [move.unseen for move in moves]
        self.lasts = [move.last for move in moves]
        self.readings = [move.reading for move in moves]
        self.firsts: dict[str, list[int]] = {}
        for j, move in enumerate(moves):
            self.firsts.setdefault(move.first, []).append(j)
        self.known = frozenset(self.firsts)


def apply_case(word: str, pattern: str) -> str:
    """``word`` in the case pattern of ``pattern``: all capitals, a capital first, or lower."""
    letters = [c for c in pattern if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if pattern[:1].isupper() or (pattern[:1].isdigit() and len(letters) > 1 and letters[0].isupper()):
        return word[:1].upper() + word[1:]
    return word


def marked_share(words: Sequence[str]) -> tuple[int, int]:
    """(syllables written with marks, syllables) among the Vietnamese-shaped words of ``words``.

    A word counts when it is a Vietnamese syllable as written, marks or none (``tỉnh``, ``tinh``);
    foreign words, codes and garbage (``onerror``, ``GRDP``, ``dugc``) say nothing either way.
    """
    marked = bare = 0
    for word in words:
        if len(word) > 1 and word.isalpha() and is_vietnamese_syllable(word.lower()):
            if has_diacritics(word):
                marked += 1
            else:
                bare += 1
    return marked, marked + bare


def is_wrecked(marked: int, counted: int) -> bool:
    """A passage whose syllables mostly lost their marks.

    Clean documents write 88–90% of their syllables with marks (the province's four clean
    documents; a page quoting HTML, 92%); the archive's OCR'd report 11%, our wrecks 6–26%.
    """
    return counted > 0 and marked / counted < 0.5


class Restorer:
    """Restore wrecked passages of a text with a lexicon, a channel and a language model."""

    def __init__(
        self,
        lexicon: Lexicon,
        channel: Channel,
        language: LanguageModel,
        case: CaseModel,
        ranked: Mapping[str, StoredRanking] | None = None,
    ) -> None:
        """``ranked``: the candidates of common wrecked forms, ranked when the model was built
        (:meth:`rankings`); the same as this restorer would rank them, without the search."""
        self.lexicon = lexicon
        self.channel = channel
        self.language = language
        self.case = case
        self._spelled = channel.spell(lexicon.syllables)
        self._log_unigram = np.log([language.unigram(s) for s in lexicon.syllables])
        self._prior = (PRIOR_WEIGHT * self._log_unigram).tolist()
        self._stored = ranked or {}
        self._readings: dict[str, list[Reading]] = {}
        self._ranked: dict[str, list[tuple[float, str, float]]] = {}
        self._steps: dict[tuple[str, Case | None], _Step] = {}
        self._spellings: dict[tuple[str, tuple[str, ...], bool], str] = {}
        self._digit_index: dict[str, list[tuple[float, str]]] | None = None
        self._digit_readings: dict[str, list[Reading]] = {}

    # -- candidates ----------------------------------------------------------------------

    def readings(self, wrecked: str) -> list[Reading]:
        """The best few ways to read one word token, memoised per distinct token."""
        cached = self._readings.get(wrecked)
        if cached is None:
            cached = self._readings_uncached(wrecked)
            self._readings[wrecked] = cached
        return cached

    def _scored(self, wrecked: str) -> list[tuple[float, str, float]]:
        """The token's best candidates as (rank score, syllable, channel), best first."""
        cached = self._ranked.get(wrecked)
        if cached is None:
            self._rank_all([wrecked])
            cached = self._ranked[wrecked]
        return cached

    def prepare(self, words: Sequence[str]) -> None:
        """Rank the candidates of many distinct lower-cased tokens at once (one pass over the lexicon),
        then those of the halves of every token that may be two syllables glued together."""
        self._rank_all(words)
        glued = [w for w in dict.fromkeys(words) if self._may_be_glued(w, self._ranked[w])]
        self._rank_all([half for w in glued for cut in _cuts(w) for half in (w[:cut], w[cut:])])

    def _rank_all(self, words: Iterable[str]) -> None:
        fresh = []
        for word in dict.fromkeys(words):
            if word in self._ranked:
                continue
            stored = self._stored.get(word)
            if stored is None:
                fresh.append(word)
            else:  # the rank is the channel plus the prior, as _ranked_of adds them
                ids, channels = stored
                syllables, prior = self.lexicon.syllables, self._prior
                self._ranked[word] = [(c + prior[i], syllables[i], c) for i, c in zip(ids, channels, strict=True)]
        for word, ids in zip(fresh, self.lexicon.candidate_ids_of(fresh), strict=True):
            self._ranked[word] = self._ranked_of(word, ids)

    def rankings(self, words: Iterable[str]) -> dict[str, StoredRanking]:
        """The ranked candidates of ``words`` as a model file stores them: syllable indices and channel scores."""
        words = list(dict.fromkeys(words))
        self._rank_all(words)
        index = {syllable: i for i, syllable in enumerate(self.lexicon.syllables)}
        return {
            word: ([index[s] for _, s, _ in self._ranked[word]], [c for _, _, c in self._ranked[word]])
            for word in words
        }

    @staticmethod
    def _may_be_glued(wrecked: str, ranked: list[tuple[float, str, float]]) -> bool:
        """A long token no single syllable explains well: perhaps two that OCR wrote as one."""
        best = max((channel for _, _, channel in ranked), default=-math.inf)
        return len(wrecked) >= 5 and best < -1.5 * len(wrecked)

    def _ranked_of(self, wrecked: str, candidates: list[int]) -> list[tuple[float, str, float]]:
        ids = np.array(candidates, dtype=np.intp)
        if not len(ids):
            return []
        channel = self.channel.scores(wrecked, self._spelled[ids])
        rank = channel + PRIOR_WEIGHT * self._log_unigram[ids]
        possible = np.isfinite(channel)
        ids, channel, rank = ids[possible], channel[possible], rank[possible]
        if len(rank) > MAX_CANDIDATES:  # the best, and every candidate tied with the last of them
            keep = rank >= np.partition(rank, len(rank) - MAX_CANDIDATES)[len(rank) - MAX_CANDIDATES]
            ids, channel, rank = ids[keep], channel[keep], rank[keep]
        syllables = self.lexicon.syllables
        ranked = sorted(zip(rank.tolist(), (syllables[i] for i in ids), channel.tolist(), strict=True), reverse=True)
        return ranked[:MAX_CANDIDATES]

    def _readings_uncached(self, wrecked: str) -> list[Reading]:
        ranked = self._scored(wrecked)
        found = [Reading((s,), channel) for _, s, channel in ranked]
        if self._may_be_glued(wrecked, ranked):
            found.extend(self._splits(wrecked))
        found.append(Reading((), KEEP_PENALTY))
        return found

    def _splits(self, wrecked: str) -> list[Reading]:
        pairs = []
        for cut in _cuts(wrecked):
            for _, a, left in self._scored(wrecked[:cut])[:2]:
                for _, b, right in self._scored(wrecked[cut:])[:2]:
                    pairs.append(Reading((a, b), left + right + SPLIT_PENALTY))
        pairs.sort(key=lambda r: -r.channel)
        return pairs[:3]

    # -- search --------------------------------------------------------------------------

    def options(self, token: Token, case: Case | None = None) -> list[Reading]:
        """The readings the search weighs for one token of a run (``case``: what its case says)."""
        if token.is_kept:
            return [Reading((), 0.0)]
        if not token.is_numeral:
            found = self.readings(token.text.lower())
            if _ACRONYM.fullmatch(token.text) and case != "heading":
                # an acronym (BCH, QL): itself, or with its Đ (HDND, HPND → HĐND)
                spellings = _acronym_spellings(token.text)
                found = [r for r in found if not r.words or skeleton(r.words[0]) in spellings]
            return found
        numeral = [Reading((NUMBER,), 0.0)]
        if token.may_be_a_word:
            numeral += self.word_readings_of_digits(token.text)
        return numeral

    def word_readings_of_digits(self, digits: str) -> list[Reading]:
        """The syllables a short token of digits may be, at the cost of not reading a figure: as
        the letter channel reads it and as OCR's digit mode does (``18`` → ``lệ``), the better
        of the two for each syllable."""
        cached = self._digit_readings.get(digits)
        if cached is None:
            best: dict[tuple[str, ...], float] = {}
            for reading in self.readings(digits):
                if reading.words:
                    best[reading.words] = reading.channel
            for cost, syllable in self._digit_mode(digits):
                best[(syllable,)] = max(best.get((syllable,), -math.inf), cost)
            cached = self._digit_readings[digits] = [
                Reading(words, channel + LONE_DIGIT_PENALTY) for words, channel in best.items()
            ]
        return cached

    def _digit_mode(self, digits: str) -> list[tuple[float, str]]:
        """The likeliest syllables OCR in digit mode writes as ``digits``: (log P(digits | syllable), syllable)."""
        if self._digit_index is None:
            index: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
            for syllable, prior in zip(self.lexicon.syllables, self._prior, strict=True):
                if len(syllable) <= 2:
                    for written, cost in digit_spellings(syllable).items():
                        index[written].append((cost + prior, cost, syllable))
            self._digit_index = {
                written: [(cost, syllable) for _, cost, syllable in sorted(found, reverse=True)[:DIGIT_MODE_READINGS]]
                for written, found in index.items()
            }
        return self._digit_index.get(digits, [])

    def best_path(self, run: Sequence[Token], cases: Sequence[Case | None] | None = None) -> list[Reading]:
        """Viterbi over one run: the readings that maximise language model, channel and case.

        ``cases``: each token's case inside its sentence (:func:`~chitieu.text.restore.casing.case_of`),
        where the caller knows it.

        A state is the last language-model word; each keeps its score and a back-pointer chain
        (reading, earlier chain), so extending a path costs nothing. Most pairs of words were
        never seen together, and for those the model's probability is the earlier word's
        back-off times the later word's own: one best state serves every move through such a
        pair, and only the pairs the model knows are weighed one by one (the classic sparse
        search, exact because a known pair is never less likely than its back-off).
        """
        lm = self.language
        context, log_prob = lm.context, lm.log_prob
        beams: dict[str, tuple[float, _Chain]] = {BOUNDARY: (0.0, None)}
        top = 0.0  # the best state's score
        for token, case in zip(run, cases or [None] * len(run), strict=True):
            step = self._steps.get((token.text, case))
            if step is None:
                step = self._steps[token.text, case] = _Step(self._moves_of(token, case))
            firsts, known, costs = step.firsts, step.known, step.costs
            floor = top - BEAM
            base, base_chain = -math.inf, None
            live = []  # the states some move follows through a pair the model knows
            for previous, (score, chain) in beams.items():
                if score >= floor:
                    back_off, own, memo = context(previous)
                    through = score + back_off
                    if through > base:
                        base, base_chain = through, chain
                    shared = known & own
                    if shared:
                        live.append((previous, score, chain, shared, memo))
            best = [base + unseen for unseen in step.unseen]
            chains = [base_chain] * len(best)
            for previous, score, chain, shared, memo in live:
                for first in shared:
                    pair = memo.get(first)
                    if pair is None:
                        pair = log_prob(first, previous)
                    for j in firsts[first]:
                        total = score + costs[j] + pair
                        if total > best[j]:
                            best[j], chains[j] = total, chain
            beams = {}
            top = -math.inf
            for last, total, reading, chain in zip(step.lasts, best, step.readings, chains, strict=True):
                held = beams.get(last)
                if held is None or total > held[0]:
                    beams[last] = (total, (reading, chain))
                    if total > top:
                        top = total
        _, (_, chain) = max(beams.items(), key=lambda item: item[1][0] + lm.log_prob(BOUNDARY, item[0]))
        path: list[Reading] = []
        while chain is not None:
            option, chain = chain
            path.append(option)
        return path[::-1]

    def _moves_of(self, token: Token, case: Case | None) -> list[Move]:
        """The token's readings as search moves, without those far worse than its best reading."""
        moves = [self._move(option, case) for option in self.options(token, case)]
        best = max(move.cost for move in moves)
        return [move for move in moves if move.cost >= best - MOVE_GAP]

    def _move(self, option: Reading, case: Case | None) -> Move:
        words = option.words or ("<unk>",)
        cost = CHANNEL_WEIGHT * option.channel + CASE_WEIGHT * self.case.log_prob(words[0], case)
        for before, word in pairwise(words):
            cost += self.language.log_prob(word, before)
        unseen = cost + math.log(self.language.continuation(words[0]))
        return Move(words[0], words[-1], cost, unseen, option)

    # -- text ----------------------------------------------------------------------------

    def restore(self, text: str) -> MappedText:
        """``text`` with its wrecked passages restored; clean passages are copied as they are."""
        return apply_replacements(text, self.replacements(text))

    def replacements(self, text: str, passages: list[list[Token]] | None = None) -> list[Replacement]:
        """The tokens of ``text``'s wrecked passages that read otherwise, with their readings, in order.

        ``passages``: the text's :func:`wrecked_passages`, where the caller has them already.
        """
        found: list[Replacement] = []
        capitals: dict[int, bool] = {}
        passages = wrecked_passages(text) if passages is None else passages
        self.prepare([t.text.lower() for passage in passages for t in passage if not t.is_numeral or t.may_be_a_word])
        for passage in passages:
            for run in _runs(text, [t for t in passage if not _is_list_letter(text, t)], capitals):
                headings = [_line_in_capitals(text, token.start, capitals) for token in run]
                cases: list[Case | None] = [
                    "heading" if heading else case_of(t.text, text, t.start)
                    for t, heading in zip(run, headings, strict=True)
                ]
                for token, reading, heading in zip(run, self.best_path(run, cases), headings, strict=True):
                    key = (token.text, reading.words, heading)
                    written = self._spellings.get(key)
                    if written is None:
                        written = self._spellings[key] = self._written(token, reading, heading)
                    if written != token.text:
                        found.append(Replacement(token.start, token.end, written))
        if len(self._ranked) > MEMO_LIMIT:
            self.forget()
        return found

    def forget(self) -> None:
        """Drop what was memoised while restoring (a long-running server restores document after document)."""
        self._readings.clear()
        self._ranked.clear()
        self._steps.clear()
        self._spellings.clear()
        self._digit_readings.clear()
        self.language.forget()

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


def _acronym_spellings(token: str) -> frozenset[str]:
    """The bare letters an acronym may stand for: as written, and with any P or B read as Đ."""
    spellings = {""}
    for letter in skeleton(token):
        spellings = {s + letter for s in spellings} | ({s + "d" for s in spellings} if letter in "pb" else set())
    return frozenset(spellings)


def _cuts(wrecked: str) -> range:
    """Where a glued token may be cut in two: each half at least two characters."""
    return range(2, len(wrecked) - 1)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and numeral tokens of ``text[start:end]`` with their offsets in ``text``."""
    stop = len(text) if end is None else end
    return [_token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop)]


def _token(start: int, end: int, written: str) -> Token:
    """A token, its text read with OCR's tall stroke for the l or i that begins a syllable there,
    and without the digits OCR glued to its end: a footnote marker or a number
    (:mod:`~chitieu.text.restore.markers`), written back apart."""
    glued = glued_digits(written)
    if glued is not None:
        end, written = start + glued[0], written[: glued[0]]
    if written[:1] not in _TALL_STROKES:
        return Token(start, end, written)
    for letter in _TALL_STROKE_LETTERS:
        as_letter = letter + written[1:]
        if may_be_syllable(as_letter.lower()):
            return Token(start, end, as_letter)
    return Token(start + 1, end, written[1:])


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


def _runs(text: str, passage_tokens: list[Token], capitals: dict[int, bool]) -> list[list[Token]]:
    """The runs the language model reads whole: between punctuation, and between a heading set in
    capitals and the text under it (``VỀ VĂN HÓA - XÃ HỘI`` / ``Tỷ lệ …`` is not ``hội tụ``)."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in passage_tokens:
        if current and (
            _RUN_BREAK.search(text, current[-1].end, token.start)
            or (token.text[0].isupper() and _opens_a_merged_cell(text, current[-1], token))
            or (
                "\n" in text[current[-1].end : token.start]
                and _line_in_capitals(text, current[-1].start, capitals)
                != _line_in_capitals(text, token.start, capitals)
            )
        ):
            runs.append(current)
            current = []
        current.append(token)
    if current:
        runs.append(current)
    return runs


def _is_list_letter(text: str, token: Token) -> bool:
    """A list's letter (``a)``, ``(b)`` at the start of a line): a marker, never the word ``a`` or
    ``là`` the language model would make of it."""
    marker = _LIST_LETTER.match(text, text.rfind("\n", 0, token.start) + 1)
    return marker is not None and marker.end() == token.end + 1


def _opens_a_merged_cell(text: str, before: Token, token: Token) -> bool:
    """A word that opens a cell of a ruled row whose rule OCR lost: written with a capital after a
    word in small letters, on a line that has rules (``| Mục tiêu Ước |``: ``Ước`` is the next
    column's header, not ``mục tiêu quốc``). The language model reads the two cells apart."""
    word = token.text
    titled = len(word) > 1 and word[0].isupper() and word[0] != "I" and word[1:].isalpha() and word[1:].islower()
    if not (titled and before.text[-1:].islower()):  # I: OCR's capital I for a small l
        return False
    if text[before.end : token.start].strip(" "):  # the two words side by side on one line
        return False
    line_start = text.rfind("\n", 0, token.start) + 1
    line_end = text.find("\n", token.start)
    return "|" in text[line_start : len(text) if line_end < 0 else line_end]


def wrecked_passages(text: str) -> list[list[Token]]:
    """The tokens of each passage of ``text`` that reads as wrecked (:func:`is_wrecked`).

    A passage too short to judge (under eight words) is judged with the whole document.
    """
    passages = [tokenize(text, start, end) for start, end in _passages(text)]
    document = marked_share([t.text for passage in passages for t in passage])
    found = []
    for passage in passages:
        share = marked_share([t.text for t in passage])
        if is_wrecked(*(share if share[1] >= _MIN_GATE_WORDS else document)):
            found.append(passage)
    return found


Edit = TypeVar("Edit", bound=tuple[int, int, str])


def overlapping(edits: Sequence[Edit], start: int, end: int) -> Iterator[Edit]:
    """The edits ``(start, end, text)`` that overlap ``[start, end)``; ``edits`` in order, none overlapping."""
    for i in range(bisect.bisect_right(edits, start, key=lambda edit: edit[1]), len(edits)):
        if edits[i][0] >= end:
            return
        yield edits[i]


def apply_replacements(text: str, replacements: Sequence[Replacement]) -> MappedText:
    """``text`` with the replacements made; a replacement maps, every character, to its whole token."""
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end, written in replacements:
        chars.append(text[position:start])
        origin.extend(range(position, start))
        ends.extend(range(position + 1, start + 1))
        chars.append(written)
        origin.extend([start] * len(written))
        ends.extend([end] * len(written))
        position = end
    chars.append(text[position:])
    origin.extend(range(position, len(text) + 1))
    ends.extend(range(position + 1, len(text) + 1))
    return MappedText("".join(chars), origin, ends)
