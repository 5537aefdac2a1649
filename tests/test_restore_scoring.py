"""Syllable error: exact, ignoring diacritics and case, numbers alone; and the token alignment."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from chitieu.text.restore.scoring import (
    align,
    aligned_indices,
    is_number,
    syllable_errors,
    token_spans,
    tokens,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng bộ tỉnh", ["Đảng", "bộ", "tỉnh"]),
        ("đạt 1.234,5 tỷ đồng.", ["đạt", "1.234,5", "tỷ", "đồng"]),
        ("đến 15/9/2024;", ["đến", "15/9/2024"]),
        ("tăng 6,12%/năm", ["tăng", "6,12", "năm"]),
        ("giai đoạn 2021-2025", ["giai", "đoạn", "2021", "2025"]),
        ("Ty 1é tinh| 95", ["Ty", "1é", "tinh", "95"]),
        ("2:100 ha", ["2:100", "ha"]),
        ("(1) Tốc độ", ["1", "Tốc", "độ"]),
        ("snake_case", ["snake", "case"]),
        ("lao d§ng, t$p trung, hi¢u qua", ["lao", "d§ng", "t$p", "trung", "hi¢u", "qua"]),  # OCR stand-ins
        ("  \n\f ", []),
        # a footnote's marker is the numeral a scan shows, apart from its word
        ("kế hoạch¹ năm 2024²; ¹ Theo", ["kế", "hoạch", "1", "năm", "2024", "2", "1", "Theo"]),
    ],
)
def test_tokens_are_syllables_and_whole_numbers(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("token", "number"),
    [("2024", True), ("1.234,5", True), ("15/9", True), ("2:100", True), ("h6i", False), ("1é", False),
     ("x4", False), ("năm", False)],
)
def test_a_number_is_a_numeral_not_a_letter_digit_blend(token: str, number: bool) -> None:
    assert is_number(token) is number


@pytest.mark.parametrize(
    ("clean", "read", "exact", "folded", "numbers"),
    [
        ("Đảng bộ tỉnh năm 2024", "Đảng bộ tỉnh năm 2024", 0.0, 0.0, 0.0),
        # marks lost: wrong exactly, right ignoring them
        ("năm 2024 tăng", "nam 2024 tang", 2 / 3, 0.0, 0.0),
        ("Tỷ lệ", "ty le", 1.0, 0.0, 0.0),
        # Đ read as P is a letter error, marks or not
        ("Đảng bộ", "Pang bo", 1.0, 0.5, 0.0),
        # ă read as i
        ("năm", "nim", 1.0, 1.0, 0.0),
        # a number damaged: a lost thousands separator, a colon for a point
        ("đạt 2.100 ha", "dat 2:100 ha", 2 / 3, 1 / 3, 1.0),
        ("tỷ lệ 10,32%", "ty le 1032%", 1.0, 1 / 3, 1.0),
        # merged tokens: one substitution and one loss
        ("từ hoạt động", "tirhoat dong", 1.0, 2 / 3, 0.0),
        # a spurious token counts too; the rate can pass 1
        ("a", "b c d", 3.0, 3.0, 0.0),
        # punctuation is not counted
        ("năm 2024, tăng.", "năm 2024 tăng", 0.0, 0.0, 0.0),
        # a number lost among words: only numerals count in the numbers view
        ("xã 64 xã 70", "x4 xa 70", 0.75, 0.5, 0.5),
    ],
)
def test_syllable_error_three_views(clean: str, read: str, exact: float, folded: float, numbers: float) -> None:
    errors = syllable_errors(clean, read)
    assert errors.exact == pytest.approx(exact)
    assert errors.folded == pytest.approx(folded)
    assert errors.numbers == pytest.approx(numbers)
    assert errors.syllables == len(tokens(clean))


def test_an_empty_clean_text_is_perfect_only_against_an_empty_reading() -> None:
    assert syllable_errors("", "").exact == 0.0
    assert syllable_errors("", "rác").exact == 1.0
    assert syllable_errors("năm", "").exact == 1.0


def test_the_alignment_names_each_confusion() -> None:
    pairs = align(tokens("Đảng bộ tỉnh năm 2024"), tokens("Pang bo tinh nim 2024 |"))
    assert pairs == [("Đảng", "Pang"), ("bộ", "bo"), ("tỉnh", "tinh"), ("năm", "nim"), ("2024", "2024")]
    assert align(["a", "b"], ["a"]) == [("a", "a"), ("b", None)]
    assert align(["a"], ["x", "a"]) == [(None, "x"), ("a", "a")]


_WORDS = st.lists(st.sampled_from(["năm", "nam", "nim", "Đảng", "Pang", "đạt", "dat", "2024", "1.234,5", "tỷ"]))


@given(_WORDS, _WORDS)
def test_alignment_spells_out_both_sides_and_counts_the_distance(clean: list[str], read: list[str]) -> None:
    pairs = aligned_indices(clean, read)
    assert [i for i, _ in pairs if i is not None] == list(range(len(clean)))
    assert [j for _, j in pairs if j is not None] == list(range(len(read)))
    edits = sum(i is None or j is None or clean[i] != read[j] for i, j in pairs)
    assert edits == Levenshtein.distance(clean, read)


@given(_WORDS, _WORDS)
def test_ignoring_marks_never_adds_errors(clean: list[str], read: list[str]) -> None:
    errors = syllable_errors(" ".join(clean), " ".join(read))
    assert errors.folded <= errors.exact
    assert syllable_errors(" ".join(clean), " ".join(clean)).exact == 0.0


@given(_WORDS, _WORDS)
def test_counting_every_token_is_the_plain_error(clean: list[str], read: list[str]) -> None:
    plain = syllable_errors(" ".join(clean), " ".join(read))
    assert syllable_errors(" ".join(clean), " ".join(read), lambda offset: True) == plain


def test_errors_counted_on_prose_lines_leave_a_scattered_table_out() -> None:
    clean = "Tỷ lệ hộ nghèo giảm.\nChỉ tiêu | Đơn vị | 2024\nnăm 2024 tăng"
    read = "Tỷ lệ hộ ngheo giảm.\nvị 2024 Chỉ\nnăm 2024 tăng"
    on_prose = syllable_errors(clean, read, lambda offset: clean.count("\n", 0, offset) != 1)
    assert on_prose.syllables == 8 and on_prose.exact == 1 / 8 and on_prose.folded == 0.0
    assert on_prose.number_tokens == 1 and on_prose.numbers == 0.0
    assert syllable_errors(clean, read).exact > 0.3
    on_table = syllable_errors(clean, read, lambda offset: clean.count("\n", 0, offset) == 1)
    assert on_table.syllables == 5 and on_table.exact == 4 / 5  # three lost, one spurious after its last
    whole = syllable_errors(clean, read)  # the parts' edits add up to the whole's
    assert on_prose.exact * 8 + on_table.exact * 5 == pytest.approx(whole.exact * 13)


@given(_WORDS, _WORDS, st.lists(st.booleans(), min_size=30, max_size=30))
def test_the_edits_of_a_text_counted_in_two_parts_add_up_to_the_whole(
    clean: list[str], read: list[str], mask: list[bool]
) -> None:
    text = " ".join(clean)
    starts = [start for start, _ in token_spans(text)]

    def part(offset: int) -> bool:
        return mask[starts.index(offset) % len(mask)]

    whole = syllable_errors(text, " ".join(read))
    inside = syllable_errors(text, " ".join(read), part)
    outside = syllable_errors(text, " ".join(read), lambda offset: not part(offset))
    assert inside.syllables + outside.syllables == whole.syllables
    if inside.syllables and outside.syllables:
        total = inside.exact * inside.syllables + outside.exact * outside.syllables
        assert total == pytest.approx(whole.exact * whole.syllables)
