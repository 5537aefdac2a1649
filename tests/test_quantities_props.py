"""Properties of the quantity grammar that must hold for every input, not just the cases we thought of."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.extract.quantities import find_quantities, format_number, parse_number

# Text made of the pieces figures are written with: digits, separators, units, comparator words.
VIETNAMESE_TEXT = st.lists(
    st.sampled_from(
        [
            *"0123456789.,;:/-–−%‰()|+ \n\tabcdoxhtnAĐđăâêôơưáàảãạếềệộởữỹ³²¹",
            *["tỷ", "đồng", "nghìn", "tấn", "ha", "năm", "trên", "dưới", "khoảng", "từ", "trở lên", "xã"],
            *["giảm", "còn", "tăng", "điểm", "lần", "số", "ngày", "tháng", "Điều", "/NQ-HĐND", "%o", "0/00"],
        ]
    ),
    max_size=80,
).map("".join)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_round_trip(n: int) -> None:
    assert parse_number(format_number(n)) == n


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_with_up_to_three_places_round_trip(d: object) -> None:
    value = float(d)  # type: ignore[arg-type]
    parsed = parse_number(format_number(value))
    assert parsed is not None
    assert abs(parsed - value) <= 1e-9 * max(1.0, abs(value))


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=4),
)
def test_fixed_decimals_keep_the_value_to_that_precision(d: object, decimals: int) -> None:
    value = float(d)  # type: ignore[arg-type]
    parsed = parse_number(format_number(value, decimals))
    assert parsed is not None
    assert abs(parsed - value) <= 0.5 * 10 ** (-decimals) + 1e-9


@given(st.text(max_size=80))
def test_parse_number_never_raises(s: str) -> None:
    result = parse_number(s)
    assert result is None or isinstance(result, float)


@settings(max_examples=300)
@given(VIETNAMESE_TEXT)
def test_find_quantities_spans_are_inside_ordered_and_exact(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for q in found:
        assert 0 <= q.start <= q.number_start < q.number_end <= q.end <= len(text)
        assert q.start >= previous_end
        assert text[q.start : q.end] == q.text
        if q.value_high is not None:
            assert q.value_high > q.value
            assert q.comparator == "range"
        previous_end = q.end


@settings(max_examples=200)
@given(VIETNAMESE_TEXT, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_find_quantities_within_a_span_stays_in_it(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for q in find_quantities(text, start, end):
        assert start <= q.start and q.end <= end


@given(
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["ha", "tấn", "tỷ đồng", "triệu đồng", "%", "lao động", "nghìn tấn", "xã"]),
)
def test_a_formatted_figure_is_found_back(d: object, unit: str) -> None:
    value = float(d)  # type: ignore[arg-type]
    written = format_number(value) + ("" if unit == "%" else " ") + unit
    found = find_quantities(f"chỉ tiêu đạt {written};")
    assert len(found) == 1
    assert abs(found[0].value - value) < 1e-6
    assert found[0].unit == unit
