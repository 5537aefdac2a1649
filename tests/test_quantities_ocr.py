"""Quantities in text that OCR without a Vietnamese model produced: every mark lost, đ read as
P/B, a stray wrong accent here and there ("Ty 1é"). Comparators, scales and units must read the
same as in the clean text."""

from __future__ import annotations

import pytest

from chitieu.extract.quantities import find_quantities

CASES = [
    # (text, value, value_high, unit, comparator)
    ("ty le che phu rung dat tren 52%", 52, None, "%", ">"),
    ("ty le ho ngheo duoi 8%", 8, None, "%", "<"),
    ("tong von dau tu khoang 21.000 ty dong", 21000, None, "tỷ đồng", "~"),
    ("tang truong kinh te dat tu 8% tro len", 8, None, "%", ">="),
    ("Ty 1é tang truong tu 8% tro 1én", 8, None, "%", ">="),
    ("GRDP binh quan dau nguoi Bat tren 100 trieu dong", 100, None, "triệu đồng", ">"),
    ("san luong luong thuc 265 nghin tan", 265, None, "nghìn tấn", "="),
    ("dien tich cay an qua 14.500 ha", 14500, None, "ha", "="),
    ("tang truong binh quan 8-9%/nam", 8, 9, "%/năm", "range"),
    ("giai quyet viec lam cho 18.000 lao dong", 18000, None, "lao động", "="),
    ("thu ngan sach 6.000 ty Pong", 6000, None, "tỷ đồng", "="),
    ("ty le bao phu bao hiem y te khong duoi 95%", 95, None, "%", ">="),
    ("ty le no xau khong qua 2%", 2, None, "%", "<="),
    ("ket nap 5.000 dang vien moi", 5000, None, "đảng viên", "="),
    ("dat 15 bac sy/van dan", 15, None, "bác sỹ/1 vạn dân", "="),
]


@pytest.mark.parametrize(("text", "value", "high", "unit", "comparator"), CASES)
def test_ocr_text_reads_like_the_clean_text(
    text: str, value: float, high: float | None, unit: str, comparator: str
) -> None:
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert (q.value, q.value_high, q.full_unit, q.comparator) == (value, high, unit, comparator)


@pytest.mark.parametrize(
    "text",
    [
        "Nghi quyet so 18-NQ/TW ngay 25/10/2017",
        "Pen nim 2030, nhiem ky 2025-2030",
        "(16) Ty le",
        "- 4 -",
        "ngay 22 thang 9 nam 2025",
        "So: 38/NQ-HDND",
    ],
)
def test_ocr_identifiers_dates_and_years_are_no_quantities(text: str) -> None:
    assert [q for q in find_quantities(text) if q.unit is not None] == []


def test_a_stray_accent_does_not_make_the_text_count_as_marked() -> None:
    # "Ty 1é" before the figure: the units after it are still read tolerantly
    q = find_quantities("(4) Ty 1é thu ngan sach dat 6.000 ty dong")[0]
    assert q.unit == "tỷ đồng"
