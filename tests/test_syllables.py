"""Syllable spelling: where a tone mark sits (``chitieu.text.syllables.usual_tone_placement``), and
which bare letters may be a syllable once OCR's lost tone is put back (``may_be_syllable``)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.text.fold import fold
from chitieu.text.syllables import (
    is_vietnamese_syllable,
    may_be_syllable,
    spelling_sibling,
    split_tone,
    usual_tone_placement,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hoà", "hòa"),
        ("khoá", "khóa"),
        ("KHOÁ", "KHÓA"),
        ("Hoá", "Hóa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("Uỷ", "Ủy"),
        ("tuỳ", "tùy"),
        ("hòa", "hòa"),  # already so
        ("quý", "quý"),  # the u of qu is the onset's: the mark stays on y
        ("quỳ", "quỳ"),
        ("hoạch", "hoạch"),  # a closed syllable: the mark is on the second vowel either way
        ("toàn", "toàn"),
        ("thuyền", "thuyền"),
        ("hoa", "hoa"),
        ("đảng", "đảng"),
    ],
)
def test_the_tone_of_an_open_oa_oe_uy_sits_on_its_first_vowel(word: str, expected: str) -> None:
    assert usual_tone_placement(word) == expected


_LETTERS = "hktqxlndgu" + "oaeyuiê"
_MARKS = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


@given(st.text(alphabet=_LETTERS, min_size=1, max_size=5), st.sampled_from(_MARKS), st.integers(0, 5))
def test_placing_the_tone_keeps_the_syllable_and_is_idempotent(letters: str, mark: str, where: int) -> None:
    position = min(where, len(letters))
    word = unicodedata.normalize("NFC", letters[:position] + mark + letters[position:])
    placed = usual_tone_placement(word)
    assert usual_tone_placement(placed) == placed
    assert fold(placed) == fold(word) and split_tone(placed) == split_tone(word)
    if is_vietnamese_syllable(word):
        assert is_vietnamese_syllable(placed)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("it", True),  # ít: a stop-final syllable needs sắc or nặng, which OCR lost
        ("hoc", True),
        ("lich", True),
        ("lén", True),  # a syllable as written
        ("lang", True),
        ("ít", True),
        ("ìt", False),  # a stop-final syllable never carries huyền
        ("lt", False),
        ("luqng", False),
        ("lhuyén", False),
        ("", False),
    ],
)
def test_bare_letters_may_be_a_syllable_once_a_lost_tone_is_put_back(word: str, expected: bool) -> None:
    assert may_be_syllable(word) is expected


@given(st.text(alphabet="abcdeghiklmnopqrstuvxyăâêôơưđ", min_size=1, max_size=7))
def test_a_syllable_is_always_one_that_may_be(word: str) -> None:
    if is_vietnamese_syllable(word):
        assert may_be_syllable(word)


@pytest.mark.parametrize(
    ("word", "sibling"),
    [
        ("tỉ", "tỷ"), ("tỷ", "tỉ"), ("kĩ", "kỹ"), ("kỳ", "kì"), ("lý", "lí"), ("mỹ", "mĩ"), ("sĩ", "sỹ"),
        ("hy", "hi"), ("quý", "quí"), ("quy", "qui"), ("tí", "tý"),
        ("thi", None), ("bi", None), ("dĩ", None), ("tiền", None), ("tuy", None), ("y", None), ("ty1", None),
    ],
)  # fmt: skip
def test_a_syllable_spelt_with_i_or_y_at_will_has_a_sibling(word: str, sibling: str | None) -> None:
    assert spelling_sibling(word) == sibling


@given(st.sampled_from(["h", "k", "l", "m", "s", "t", "qu"]), st.sampled_from("iíìỉĩịyýỳỷỹỵ"))
def test_a_spelling_sibling_is_a_syllable_of_the_same_tone_and_its_sibling_is_the_word(onset: str, vowel: str) -> None:
    word = onset + vowel
    sibling = spelling_sibling(word)
    assert sibling is not None and sibling != word and spelling_sibling(sibling) == word
    assert split_tone(sibling)[1] == split_tone(word)[1]
