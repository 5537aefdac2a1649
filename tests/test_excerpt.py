"""The sentence around a fact's span, for a reviewer: whole when short, cut at words when long,
the span always kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.text.excerpt import sentence_excerpt

TEXT = (
    "I. Y TẾ\n"
    "Công tác khám chữa bệnh được duy trì. Cử 27 bác sĩ đi đào tạo chuyên khoa I tại Hà Nội; "
    "tiếp nhận 12 bác sĩ trẻ. Tỷ lệ tiêm chủng đạt 95,2%.\n"
    "Do có 1.344 ha bị ảnh hưởng, sản lượng giảm 3,5 tr. tấn so với năm 2023.\n"
)


@pytest.mark.parametrize(
    ("needle", "sentence"),
    [
        ("Cử 27 bác sĩ", "Cử 27 bác sĩ đi đào tạo chuyên khoa I tại Hà Nội; tiếp nhận 12 bác sĩ trẻ."),
        ("12 bác sĩ", "Cử 27 bác sĩ đi đào tạo chuyên khoa I tại Hà Nội; tiếp nhận 12 bác sĩ trẻ."),
        ("95,2%", "Tỷ lệ tiêm chủng đạt 95,2%."),
        ("duy trì", "Công tác khám chữa bệnh được duy trì."),
        # "tr. tấn" is not a sentence end: a lower-case word follows
        ("1.344 ha", "Do có 1.344 ha bị ảnh hưởng, sản lượng giảm 3,5 tr. tấn so với năm 2023."),
        ("Y TẾ", "I. Y TẾ"),
    ],
)
def test_the_whole_sentence_around_the_span(needle: str, sentence: str) -> None:
    start = TEXT.index(needle)
    excerpt = sentence_excerpt(TEXT, start, start + len(needle))
    assert excerpt.span == needle and excerpt.text == sentence


def test_a_long_sentence_is_cut_at_words_on_both_sides() -> None:
    text = " ".join(f"từ{i}" for i in range(200)) + " đạt 95% " + " ".join(f"chữ{i}" for i in range(200))
    start = text.index("đạt 95%")
    excerpt = sentence_excerpt(text, start, start + 7, limit=80)
    assert excerpt.before.startswith("…") and excerpt.after.endswith("…")
    assert excerpt.before.endswith("từ199 ") and excerpt.after.startswith(" chữ0")
    assert len(excerpt.text) <= 80 + 2
    assert all(word.startswith(("từ", "chữ", "…")) for word in (excerpt.before + excerpt.after).split())


@given(st.text(alphabet="aĐđ. \n5;!?Bc", max_size=200), st.data())
def test_the_span_is_always_whole_and_the_excerpt_stays_in_its_line(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    excerpt = sentence_excerpt(text, start, end, limit=40)
    assert excerpt.span == text[start:end]
    assert "\n" not in excerpt.before + excerpt.after
    assert len(excerpt.before) + len(excerpt.after) <= max(40 - len(excerpt.span), 0) + 2
