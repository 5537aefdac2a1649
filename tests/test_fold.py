"""Folding Vietnamese text for tolerant matching: what is folded together and what is kept apart."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.text.fold import fold, fold_ocr, fold_ocr_with_map, fold_with_map


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỷ lệ hộ nghèo", "ty le ho ngheo"),
        ("Đảng bộ tỉnh", "dang bo tinh"),
        ("ĐẠT", "dat"),
        ("Tăng trưởng kinh tế", "tang truong kinh te"),
        ("Sản lượng lương thực", "san luong luong thuc"),
        ("mức giảm tỷ lệ hộ nghèo 3,6%", "muc giam ty le ho ngheo 3,6%"),
        ("Quế, Sâm Lai Châu, Mắc ca", "que, sam lai chau, mac ca"),
        ("13,0 bác sỹ/1 vạn dân", "13,0 bac sy/1 van dan"),
        ("ơ ư ă â ê ô", "o u a a e o"),
        ("", ""),
        ("GRDP 2.450 tỷ đồng", "grdp 2.450 ty dong"),
    ],
)
def test_fold_strips_marks_and_lowers(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_accepts_decomposed_input() -> None:
    assert fold(unicodedata.normalize("NFD", "Tỷ lệ che phủ rừng")) == "ty le che phu rung"


def test_fold_keeps_p_and_b() -> None:
    """The safe fold never guesses: "Pang" stays "pang"."""
    assert fold("Pang bo tinh") == "pang bo tinh"
    assert fold("Bat") == "bat"


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("Ty 1é", "Tỷ lệ"),
        ("Ty Ié", "Tỷ lệ"),
        ("Pang bo tinh", "Đảng bộ tỉnh"),
        ("Bang bô tinh", "Đảng bộ tỉnh"),
        ("Dang bo tinh", "Đảng bộ tỉnh"),
        ("Bat", "Đạt"),
        ("Pat", "Đạt"),
        ("trwong", "trường"),
        ("nwoc sach", "nước sạch"),
        ("1ên", "lên"),
        ("c0ng nghiep", "công nghiệp"),
        ("Ty  1e   ho   ngheo", "Tỷ lệ hộ nghèo"),
        ("chi tieu | don vi | ke hoach", "chỉ tiêu đơn vị kế hoạch"),
        ("  Ty 1ê che phu rung  ", "Tỷ lệ che phủ rừng"),
    ],
)
def test_fold_ocr_brings_damaged_text_to_clean_key(damaged: str, clean: str) -> None:
    assert fold_ocr(damaged) == fold_ocr(clean)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tăng 10% so với năm 2023", "tang 10% so voi nam 2023"),
        ("1,5 lần", "1,5 lan"),
        ("96/96 xã", "96/96 xa"),
        ("05 xã, 07 xã", "05 xa, 07 xa"),
        ("quý 1", "quy 1"),
        ("F1", "f1"),
        ("COVID-19", "covid-19"),
        ("0,4‰", "0,4‰"),
        ("10ha", "10ha"),
    ],
)
def test_fold_ocr_keeps_numbers_as_digits(text: str, expected: str) -> None:
    assert fold_ocr(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "II. Nhiệm vụ",  # Roman numerals are not l's
        "Ít nhất",  # a real word starting with I
    ],
)
def test_fold_ocr_keeps_capital_i_that_is_an_i(text: str) -> None:
    assert "l" not in fold_ocr(text).split()[0]


def test_fold_ocr_does_not_cover_vowel_substitutions() -> None:
    """Documented limits: these are left to fuzzy scoring."""
    assert fold_ocr("trwdng") != fold_ocr("trường")
    assert fold_ocr("nim") != fold_ocr("năm")


def test_fold_ocr_keeps_ph_and_non_vowel_b() -> None:
    assert fold_ocr("phát triển") == "phat trien"
    assert fold_ocr("bxh") == "bxh"


def test_fold_with_map_points_back_to_original() -> None:
    text = "Tỷ lệ hộ nghèo giảm còn 12,5%"
    folded, origin = fold_with_map(text)
    assert folded == fold(text)
    assert origin == list(range(len(text) + 1))
    start = folded.index("ngheo")
    assert text[origin[start] : origin[start + len("ngheo")]] == "nghèo"


def test_fold_with_map_for_decomposed_text_maps_to_base_letters() -> None:
    text = unicodedata.normalize("NFD", "Tỷ lệ")
    folded, origin = fold_with_map(text)
    assert folded == "ty le"
    assert [text[i] for i in origin[:-1]] == ["T", "y", " ", "l", "e"]
    assert origin[-1] == len(text)


def test_fold_ocr_with_map_survives_space_collapse() -> None:
    text = "Ty  1é |  hô ngheo"
    folded, origin = fold_ocr_with_map(text)
    assert folded == "ty le ho ngheo"
    start = folded.index("ho")
    assert text[origin[start] : origin[start + 1] + 1] == "hô"
    assert text[origin[folded.index("le")]] == "1"


vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789 ,.%|/-")
        + list("áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
    ),
    max_size=60,
)


@given(vietnamese_text)
def test_fold_is_length_preserving_and_ascii_for_nfc_vietnamese(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.isascii()


@given(vietnamese_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_fold_ocr_map_is_consistent(text: str) -> None:
    folded, origin = fold_ocr_with_map(text)
    assert folded == fold_ocr(text)
    assert len(origin) == len(folded) + 1
    assert origin == sorted(origin)
    assert all(0 <= o <= len(text) for o in origin)
    assert "|" not in folded
    assert "  " not in folded
    assert folded == folded.strip()


@given(vietnamese_text)
def test_fold_ocr_is_a_function_of_the_plain_fold_except_case(text: str) -> None:
    """Two texts that differ only in diacritics fold_ocr to the same key (lower-case input)."""
    lowered = text.lower()
    assert fold_ocr(lowered) == fold_ocr(fold(lowered))
