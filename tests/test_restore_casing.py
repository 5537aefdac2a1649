"""What a wrecked word's case says about its syllable (``chitieu.text.restore.casing``)."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.text.restore.casing import CaseCounts, CaseModel, case_of, in_capitals
from chitieu.text.restore.channel import learn
from chitieu.text.restore.language import NUMBER, count, runs
from chitieu.text.restore.lexicon import inventory
from chitieu.text.restore.model import Inventory, ModelCounts, restorer_from
from chitieu.text.restore.restorer import Restorer


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("lãnh đạo của Đảng và Nhà nước", "Đảng", "capital"),
        ("lãnh đạo của Đảng và Nhà nước", "Nhà", "capital"),
        ("lãnh đạo của Đảng và Nhà nước", "của", "lower"),
        ("lãnh đạo của Đảng", "lãnh", "opening"),  # opens the line: a paragraph, or a wrapped line
        ("năm 2025. Tỉnh ủy chỉ đạo", "Tỉnh", "opening"),  # after a full stop
        ("nhiệm vụ: Tăng cường", "Tăng", "opening"),
        ("- Tăng cường", "Tăng", "opening"),  # a bullet
        ("(1) Tăng trưởng", "Tăng", "opening"),
        ("Chỉ tiêu | Ước thực hiện", "Ước", "opening"),  # a table cell
        ("Mục tiêu Ước | thực hiện", "Ước", "capital"),
        ("| Mục tiêu Ước thực hiện", "Ước", "opening"),  # a row of a table: any word may open a cell
        ("đạt 64 Xã", "Xã", "opening"),  # after a figure: the unit column of a flattened row
        ("tổng kim ngạch 188 triệu USD", "USD", None),  # capitals throughout: an acronym
        ("chính sách của bBang và", "bBang", None),
        ("giá trị 2.100", "2.100", None),
        ("Ty I¢ huy dong", "I¢", "opening"),  # OCR writes a small l as I: no capital to go by
    ],
)
def test_the_case_of_a_word_is_read_where_it_stands(text: str, word: str, expected: str | None) -> None:
    assert case_of(word, text, text.index(word)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", True),
        ("CAC CHi TIEU CHU YEU", True),
        ("Các chỉ tiêu chủ yếu", False),
    ],
)
def test_a_line_in_capitals_is_a_heading(line: str, expected: bool) -> None:
    assert in_capitals(line) is expected


def test_counts_skip_headings_and_keep_acronyms_apart() -> None:
    counts = CaseCounts()
    counts.add_text(
        "BÁO CÁO CỦA ĐẢNG BỘ\nSự lãnh đạo của Đảng và Nhà nước; kim ngạch 20 triệu USD.\nĐảng bộ tỉnh"
    )
    assert counts.capital == Counter({"đảng": 1, "nhà": 1})
    assert counts.lower["của"] == 1 and "báo" not in counts.lower and "báo" not in counts.capital
    assert counts.upper == Counter({"usd": 1})
    assert counts.opening == Counter({"sự": 1, "kim": 1, "triệu": 1, "đảng": 1})  # after ; and a figure too
    assert (counts + counts).capital["đảng"] == 2


def _model(capital: int, lower: int, upper: int, opening: int) -> CaseModel:
    return CaseModel(
        CaseCounts(
            Counter({"đảng": 40, "nhà": 30, "x": capital}),
            Counter({"bằng": 200, "của": 300, "x": lower}),
            Counter({"usd": 50, "x": upper}),
            Counter({"tăng": 80, "x": opening}),
        )
    )


def test_a_capital_inside_a_sentence_points_to_what_is_written_so() -> None:
    model = _model(0, 0, 0, 0)
    assert model.log_prob("đảng", "capital") > model.log_prob("bằng", "capital") + 4
    assert model.log_prob("bằng", "lower") > model.log_prob("đảng", "lower")
    assert model.log_prob("usd", "opening") < model.log_prob("ước", "opening") - 2  # Usc is never USD
    assert model.log_prob("usd", None) == model.log_prob("đảng", None) == model.log_prob("usd", "heading") == 0.0


@given(*(st.integers(0, 1000) for _ in range(4)))
def test_what_case_says_is_a_probability_and_its_parts_add_up(
    capital: int, lower: int, upper: int, opening: int
) -> None:
    model = _model(capital, lower, upper, opening)
    inside = math.exp(model.log_prob("x", "capital")) + math.exp(model.log_prob("x", "lower"))
    assert 0.0 < inside < 1.0
    assert inside == pytest.approx(
        math.exp(model.log_prob("x", "opening"))
    )  # both: not in capitals throughout


# Our own sentences: the Party capitalised inside sentences, bằng never.
TEXTS = ["Các tổ chức thuộc Đảng được giao nhiệm vụ."] * 20 + ["Giá trị được tính bằng tiền mặt."] * 20


@pytest.fixture(scope="module")
def restorer() -> Restorer:
    counts = ModelCounts(count(TEXTS), learn([("Đảng", "Pang"), ("bằng", "bang"), ("tính", "tinh")] * 3))
    for text in TEXTS:
        counts.case.add_text(text)
    words = sorted({w for text in TEXTS for run in runs(text) for w in run if w != NUMBER})
    syllables = frozenset(inventory([[*words, "bảng", "băng"]], {}))
    return restorer_from(counts, Inventory(syllables, frozenset()))


@pytest.mark.parametrize(
    ("wrecked", "party"),
    [
        ("xem theo Bang", True),  # a capital inside a sentence: the Party
        ("xem theo bang", False),  # the same letters in small: not
        ("Bang", False),  # opening a line, the capital says nothing: the letters decide
    ],
)
def test_the_restorer_reads_a_capital_inside_a_sentence(
    restorer: Restorer, wrecked: str, party: bool
) -> None:
    assert (restorer.restore(wrecked).text.split()[-1].lower() == "đảng") is party
