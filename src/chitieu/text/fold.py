"""Folding Vietnamese text to a key for tolerant matching.

Documents reach us with diacritics intact, partly wrong, or destroyed by OCR without a
Vietnamese model. To recognise "Tỷ lệ hộ nghèo" in "Ty 1é hô ngheo" both sides are folded to
the same key before comparing. Two strengths are offered:

``fold(text)``
    Safe: lower-case, strip tone and vowel marks (ă â → a, ê → e, ô ơ → o, ư → u), đ → d.
    For NFC input every character folds to exactly one character, so offsets are preserved.

``fold_ocr(text)``
    Aggressive, for matching OCR-damaged text against clean names. On top of ``fold``:

    * ``P``/``p``/``B``/``b`` at the start of a word and followed by a vowel → ``d``
      (OCR reads ``Đ`` as P or B: "Pang bo tinh" = "Đảng bộ tỉnh"). Because *both* sides of a
      comparison are folded, genuine b-words ("bộ", "bình") fold to "do", "dinh" too; the key
      loses a little discrimination, which fuzzy scoring against a small catalogue tolerates.
    * ``w`` → ``u`` (OCR reads ``ư`` as w: "nwoc" = "nước").
    * ``1`` → ``l`` and ``0`` → ``o`` inside words (next to letters, not next to digits):
      "1én" = "lên", "c0ng" = "công"; "10%", "1,5", "2023", "F1" keep their digits.
    * ``I`` → ``l`` when it is inside a lower-case word ("tiIe") or starts a word before a
      lower-case vowel ("Iên" = "lên"); Roman numerals ("II", "III") and "Ít" are kept.
    * ``|`` (a table column border that survived OCR) becomes a space; runs of white space
      collapse to one space and the ends are stripped.

    Not covered (left to fuzzy scoring): vowels replaced by other vowels ("nim" for "năm"),
    "ươ" read as "wd"/"uc" ("trwdng" for "trường" folds to "trudng", not "truong"), letters
    merged or split across words, commas lost inside numbers ("1032" for "103,2").

``fold_with_map(text, ocr=False)``
    The folded text plus an origin map (``origin[i]`` is the offset in ``text`` of
    ``folded[i]``; one extra final entry for the end, as in :class:`chitieu.text.offsets.MappedText`),
    so a match found in folded text can be cited in the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_ocr", "fold_ocr_with_map", "fold_with_map"]

_VOWELS = frozenset("aeiouy")
_D_LOOKALIKES = frozenset("pb")


def _fold_char(ch: str) -> str:
    """The folded form of one character: '' for a lone combining mark, else one character."""
    if ch in "đĐðÐɗƉ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not base:
        return ""
    lowered = base.lower()
    # keep folding length-preserving: a character whose lower case is longer (İ → i̇) keeps
    # only its first, base letter
    return lowered[0] if lowered else base[0]


def _build_table() -> dict[int, str | None]:
    """Translation table for every Latin character that folds to something else."""
    table: dict[int, str | None] = {}
    ranges = [(0x0041, 0x005A), (0x00C0, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded or None
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese marks; đ → d. Safe for any text; digits and spacing kept."""
    return text.translate(_TABLE).lower() if not text.isascii() else text.lower()


@lru_cache(maxsize=4096)
def _fold_char_cached(ch: str) -> str:
    folded = _TABLE.get(ord(ch), ch)
    if folded is None:
        return ""
    low = folded.lower()
    return low[0] if low else folded


def fold_with_map(text: str, ocr: bool = False) -> tuple[str, list[int]]:
    """``(folded, origin)``: ``fold(text)`` (or ``fold_ocr`` when ``ocr``) with an offset map.

    ``origin`` has ``len(folded) + 1`` entries; ``origin[i]`` is where ``folded[i]`` came from
    in ``text`` and the last entry is ``len(text)``. For NFC input and ``ocr=False`` the map is
    the identity.
    """
    source = _restore_capital_i(text) if ocr else text
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(source):
        folded = _fold_char_cached(ch)
        if folded:
            chars.append(folded)
            origin.append(i)
    if ocr:
        chars, origin = _ocr_rules(chars, origin, source)
    origin.append(len(text))
    return "".join(chars), origin


def fold_ocr(text: str) -> str:
    """Aggressive fold for OCR-damaged text (see the module docstring for the exact rules)."""
    return fold_ocr_with_map(text)[0]


def fold_ocr_with_map(text: str) -> tuple[str, list[int]]:
    """``fold_ocr(text)`` with its origin map (see :func:`fold_with_map`)."""
    return fold_with_map(text, ocr=True)


def _is_lower_letter(ch: str) -> bool:
    return ch.isalpha() and ch.islower()


def _restore_capital_i(text: str) -> str:
    """Replace ``I`` standing for ``l`` (see module docstring); length-preserving."""
    if "I" not in text:
        return text
    out = list(text)
    n = len(text)
    for i, ch in enumerate(text):
        if ch != "I":
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        inside_word = _is_lower_letter(prev)
        starts_word_before_vowel = (
            not prev.isalnum() and _is_lower_letter(nxt) and _fold_char_cached(nxt) in _VOWELS
        )
        if inside_word or starts_word_before_vowel:
            out[i] = "l"
    return "".join(out)


def _ocr_rules(chars: list[str], origin: list[int], source: str) -> tuple[list[str], list[int]]:
    """Apply the OCR confusions to already folded characters, then collapse white space."""
    n = len(chars)
    out = chars[:]
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i > 0 else ""
        nxt = chars[i + 1] if i + 1 < n else ""
        if ch == "w":
            out[i] = "u"
        elif ch == "|":
            out[i] = " "
        elif ch in "10":
            # "F1", "COVID-19" keep their digits: only a lower-case letter before counts
            prev_source = source[origin[i - 1]] if i > 0 else ""
            letter_after = nxt.isalpha() and not prev.isdigit()
            letter_before = _is_lower_letter(prev_source) and not nxt.isdigit()
            if letter_after or letter_before:
                out[i] = "l" if ch == "1" else "o"
        elif ch in _D_LOOKALIKES and not prev.isalnum() and nxt in _VOWELS:
            out[i] = "d"
    # collapse white space, strip the ends
    res_chars: list[str] = []
    res_origin: list[int] = []
    pending_space: int | None = None
    for ch, pos in zip(out, origin, strict=True):
        if ch.isspace():
            if pending_space is None:
                pending_space = pos
            continue
        if pending_space is not None and res_chars:
            res_chars.append(" ")
            res_origin.append(pending_space)
        pending_space = None
        res_chars.append(ch)
        res_origin.append(pos)
    return res_chars, res_origin
