"""Digits OCR glued to a word: a footnote marker written raised again, a number given its space back
(``chitieu.text.restore.markers``), and what a report's reader gets from them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.extract.facts import Fact
from chitieu.pipeline import extract_facts, read_document
from chitieu.text.restore.markers import glued_digits, glued_replacements
from chitieu.text.restore.reading import restorations
from chitieu.text.restore.restorer import apply_replacements, tokenize


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ha2", (2, "²")),  # 420 ha²: a footnote marker
        ("hoach3", (5, "³")),
        ("hoach12", (5, "¹²")),
        ("ky7", (2, "⁷")),
        ("Diéu2", (4, " 2")),  # Điều 2: a number whose space OCR lost
        ("nam2024", (3, " 2024")),
        ("Khoan13", (5, " 13")),
        ("vo1", None),  # với: a 1 for the i
        ("co6", None),  # có: a 6 for the ó
        ("to1", None),  # tội, not "tổ 1"
        ("Diéu1", None),  # a single letter-digit stays with its word
        ("gi4", None),
        ("CO2", None),  # a formula in capitals
        ("km2", None),  # no vowel: no word of ours
        ("h2", None),  # one letter
        ("2024", None),
        ("ha", None),
    ],
)
def test_glued_digits_are_a_marker_a_number_or_letters(word: str, expected: tuple[int, str] | None) -> None:
    assert glued_digits(word) == expected


def test_a_figure_glued_to_a_word_is_no_marker() -> None:
    text = "dat2.500 ty dong va ha2, tang 3,5%"
    marker = text.index("2,")
    assert glued_replacements(text, [(0, len(text))]) == [(marker, marker + 1, "²")]


def test_only_the_wrecked_passages_are_read() -> None:
    text = "Năm 2024 đạt 420 ha2.\nDien tich dat 420 ha2, bang 21% ke hoach.\n"
    second = text.index("Dien")
    assert [start for start, _, _ in glued_replacements(text, [(second, len(text))])] == [text.rindex("2,")]


@given(st.from_regex(r"[a-zA-Zéêô]{2,6}[0-9]{1,4}", fullmatch=True))
def test_the_letters_are_never_touched_and_the_digits_are_kept(word: str) -> None:
    glued = glued_digits(word)
    if glued is not None:
        cut, written = glued
        assert word[:cut].isalpha() and word[cut:].isdigit()
        digits = written.strip().translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
        assert digits == word[cut:]


def test_the_restorer_reads_the_word_without_its_marker() -> None:
    assert [t.text for t in tokenize("dat 420 ha2, Diéu2 va vo1")] == ["dat", "420", "ha", "Diéu", "va", "vo1"]


REPORT = (
    "Trong quy I, dién tich gieo trong cay luong thuc co hat uéc dat 18.640 ha, bang 41,2% ké hoach1.\n"
    "Dién tich trong ring mdi dat 420 ha2, bang 21% ké hoach nam. Thuc hién Diéu2 cua Nghi quyét\n"
    "s6 45/NQ-HDND, tong dan gia cam uéc dat 1,32 triéu con, tang 2,4% so vdi cing ky nam truéc.\n"
)


def test_a_reading_writes_the_marker_raised_and_the_number_spaced() -> None:
    read = apply_replacements(REPORT, restorations(REPORT)).text
    assert "420 ha²," in read
    assert "Điều 2 của" in read


def test_the_hectares_of_a_marked_figure_stay_hectares(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "bao_cao_quy_1.txt"  # type: ignore[operator]
    path.write_text(REPORT, encoding="utf-8")
    facts: list[Fact] = extract_facts(read_document(path))
    assert any(f.value == 420 and f.unit == "ha" for f in facts), [(f.value, f.unit) for f in facts]
