"""The Vietnamese quantity grammar, case by case: every form a provincial document writes a figure in.

Phrases are written for these tests in the forms of DOMAIN.md ("Reading the numbers"); each case
states what a reader of the document would take the figure to mean.
"""

from __future__ import annotations

import pytest

from chitieu.extract.quantities import (
    Quantity,
    find_quantities,
    format_number,
    format_quantity,
    parse_number,
)
from chitieu.extract.units import match_unit, normalize_unit, split_scale
from corpus import clean_documents


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# --------------------------------------------------------------------------------------------
# parse_number
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9.862", 9862.0),
        ("11.056,22", 11056.22),
        ("6.594,1", 6594.1),
        ("52,9", 52.9),
        ("1,099", 1.099),
        ("07", 7.0),
        ("05", 5.0),
        ("0,4", 0.4),
        ("-3,42", -3.42),
        ("−3,42", -3.42),
        ("–3,42", -3.42),
        ("+2,5", 2.5),
        ("3.270.928", 3270928.0),
        ("3.255,638", 3255.638),
        ("100", 100.0),
        ("0", 0.0),
        (" 45,12 ", 45.12),
        ("1.5", 1.5),  # a lone decimal point from a foreign template
        ("1,234,567", 1234567.0),  # English grouping, all groups of three
        ("1,234.5", 1234.5),
    ],
)
def test_parse_number_reads_vietnamese_notation(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "9,5%",
        "12 ha",
        "1.2.3",
        "0213.3876.543",
        "1,2,3",
        "--5",
        "5-",
        "1..2",
        "12/2022",
        "½",
        "²",
    ],
)
def test_parse_number_refuses_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------------------------
# format_number / format_quantity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5, None, "1.234,5"),
        (9862, None, "9.862"),
        (11056.22, None, "11.056,22"),
        (0.4, None, "0,4"),
        (-3.42, None, "-3,42"),
        (5.39, 1, "5,4"),
        (13, 1, "13,0"),
        (2450, 0, "2.450"),
        (1e12, None, "1.000.000.000.000"),
        (-0.0, None, "0"),
    ],
)
def test_format_number_writes_vietnamese_style(value: float, decimals: int | None, text: str) -> None:
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("phrase", "written"),
    [
        ("đạt khoảng 9,5%", "khoảng 9,5%"),
        ("đạt từ 8% trở lên", "từ 8% trở lên"),
        ("dưới 2%", "dưới 2%"),
        ("96/96 xã", "96/96 xã"),
        ("6,5-7%/năm", "6,5-7%/năm"),
        ("tăng 0,67 điểm %", "tăng 0,67 điểm %"),
        ("225 nghìn tấn", "225 nghìn tấn"),
        ("0,5 %o", "0,5‰"),
    ],
)
def test_format_quantity_writes_the_figure_back(phrase: str, written: str) -> None:
    assert format_quantity(only(phrase)) == written


# --------------------------------------------------------------------------------------------
# Values and units
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("diện tích chè mở rộng lên 9.862 ha", 9862, "ha"),
        ("bình quân đầu người khoảng 52,9 triệu đồng", 52.9, "triệu đồng"),
        ("thu ngân sách 2.450 tỷ đồng", 2450, "tỷ đồng"),
        ("thu ngân sách 1.500 tỉ đồng", 1500, "tỷ đồng"),
        ("tổng thu 11.056,22 tỷ đồng", 11056.22, "tỷ đồng"),
        ("giá trị sản xuất 6.594,1 tỷ đồng", 6594.1, "tỷ đồng"),
        ("sản lượng lương thực 225 nghìn tấn", 225, "nghìn tấn"),
        ("sản lượng 180 ngàn tấn", 180, "nghìn tấn"),
        ("đón 1,099 triệu lượt khách", 1.099, "triệu lượt"),
        ("đón 850 nghìn lượt khách", 850, "nghìn lượt"),
        ("phục vụ 66.000 lượt người", 66000, "lượt"),
        ("xuất khẩu 11 triệu USD", 11, "triệu USD"),
        ("kinh phí 500.000 đồng", 500000, "đồng"),
        ("hỗ trợ 800 nghìn đồng mỗi suất", 800, "nghìn đồng"),
        ("điện sản xuất 6.626 triệu kWh", 6626, "triệu kWh"),
        ("công suất 50 MW", 50, "MW"),
        ("đường dây 110 kV", 110, "kV"),
        ("thể tích 66.920 m³", 66920, "m³"),
        ("thể tích 22.500 m3", 22500, "m³"),
        ("làm mới 12,5 km đường", 12.5, "km"),
        ("tạo việc làm cho 8.440 lao động", 8440, "lao động"),
        ("đào tạo 3.000 người", 3000, "người"),
        ("thêm 07 xã đạt chuẩn", 7, "xã"),
        ("hỗ trợ 35.575 hộ", 35575, "hộ"),
        ("tổng đàn 370 nghìn con", 370, "nghìn con"),
        ("có 104 doanh nghiệp thành lập mới", 104, "doanh nghiệp"),
        ("thành lập 21 hợp tác xã", 21, "hợp tác xã"),
        ("triển khai 03 Chương trình", 3, "chương trình"),
        ("đạt 13,0 bác sỹ/1 vạn dân", 13.0, "bác sỹ/1 vạn dân"),
        ("có 9,2 bác sỹ/1vạn dân", 9.2, "bác sỹ/1 vạn dân"),
        ("có 10 bác sĩ/vạn dân", 10, "bác sỹ/1 vạn dân"),
        ("đạt 32 giường bệnh/1 vạn dân", 32, "giường bệnh/1 vạn dân"),
        ("bình quân 13,9 tiêu chí/xã", 13.9, "tiêu chí/xã"),
        ("tăng 0,67 điểm % so với cùng kỳ", 0.67, "điểm %"),
        ("giảm 2,8 điểm% so với cùng kỳ", 2.8, "điểm %"),
        ("tỷ suất sinh giảm 0,4‰", 0.4, "‰"),
        ("tỷ lệ tăng dân số 16,98%o", 16.98, "‰"),
        ("tỷ lệ giảm sinh 0,5 %o", 0.5, "‰"),
        ("tỷ lệ giảm sinh 0,3 0/00", 0.3, "‰"),
        ("tỷ lệ giảm sinh 0,3%0", 0.3, "‰"),
        ("tăng 25,8 lần", 25.8, "lần"),
        ("tỷ lệ che phủ rừng 52,3%", 52.3, "%"),
        ("tỷ lệ che phủ rừng 52,3 %", 52.3, "%"),
        ("diện tích 11.303 ha³ trong đó", 11303, "ha"),  # superscript footnote mark after the unit
        ("mở 05 lớp học", 5, "lớp"),
    ],
)
def test_value_and_unit(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_scale_stays_in_the_unit_and_can_be_split() -> None:
    q = only("tổng sản lượng 225 nghìn tấn")
    assert (q.value, q.unit) == (225, "nghìn tấn")
    assert split_scale("nghìn tấn") == (1000.0, "tấn")
    assert split_scale("tỷ đồng") == (1e9, "đồng")
    assert split_scale("%") == (1.0, "%")


def test_tỷ_lệ_after_a_number_is_not_the_scale_word() -> None:
    m = match_unit("5 tỷ lệ", 1)
    assert m is None or m.unit != "tỷ"


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("Tỷ đồng", "tỷ đồng"),
        ("tỉ đồng", "tỷ đồng"),
        ("%", "%"),
        ("‰", "‰"),
        ("Triệu USD", "triệu USD"),
        ("Nghìn tấn", "nghìn tấn"),
        ("Ha", "ha"),
        ("Lao động", "lao động"),
        ("Bác sỹ/vạn dân", "bác sỹ/1 vạn dân"),
        ("%/năm", "%/năm"),
        ("Người/năm", "người/năm"),
        ("Triệu đồng/người/năm", "triệu đồng/người/năm"),
        ("Xã", "xã"),
        ("ty dong", "tỷ đồng"),
        ("chỉ tiêu khác", None),
        ("", None),
    ],
)
def test_normalize_unit_of_a_table_cell(cell: str, unit: str | None) -> None:
    assert normalize_unit(cell) == unit


# --------------------------------------------------------------------------------------------
# Ranges, ratios, per
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "high", "unit", "per"),
    [
        ("phấn đấu đạt 15-18 tiêu chí", 15, 18, "tiêu chí", None),
        ("tăng trưởng 9-10%", 9, 10, "%", None),
        ("tăng bình quân 6,5-7%/năm", 6.5, 7, "%", "/năm"),
        ("huy động từ 9-10% GRDP", 9, 10, "%", None),
        ("tăng 9% - 10%", 9, 10, "%", None),
        ("tăng 9 – 10 %", 9, 10, "%", None),
        ("đạt từ 15 đến 18 tiêu chí", 15, 18, "tiêu chí", None),
        ("từ 1.200-1.500 ha", 1200, 1500, "ha", None),
    ],
)
def test_ranges(text: str, value: float, high: float, unit: str, per: str | None) -> None:
    q = only(text)
    assert (q.value, q.value_high, q.unit, q.per, q.comparator) == (
        pytest.approx(value),
        pytest.approx(high),
        unit,
        per,
        "range",
    )


@pytest.mark.parametrize(
    ("text", "value", "denominator", "unit"),
    [
        ("96/96 xã có đường ô tô", 96, 96, "xã"),
        ("4.463/8.175 trẻ em được tiêm", 4463, 8175, "trẻ em"),
        ("3.556/3.832 cơ sở đạt chuẩn", 3556, 3832, "cơ sở"),
        ("9/9 nhóm chỉ tiêu đạt kế hoạch", 9, 9, "nhóm chỉ tiêu"),
        ("38/38 xã, phường", 38, 38, "xã"),
    ],
)
def test_ratios(text: str, value: float, denominator: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.denominator, q.unit) == (value, denominator, unit)


@pytest.mark.parametrize(
    ("text", "unit", "per"),
    [
        ("giải quyết việc làm 7.000 lao động/năm", "lao động", "/năm"),
        ("thu nhập 45 triệu đồng/người/năm", "triệu đồng", "/người/năm"),
        ("tăng bình quân 10%/năm", "%", "/năm"),
        ("nợ xấu 1,3%/tổng dư nợ", "%", "/tổng dư nợ"),
        ("năng suất 5,2 tấn/ha", "tấn/ha", None),
    ],
)
def test_per(text: str, unit: str, per: str | None) -> None:
    q = only(text)
    assert (q.unit, q.per) == (unit, per)


# --------------------------------------------------------------------------------------------
# Comparators, direction, kind
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("đạt 225 nghìn tấn", "="),
        ("là 33 ha", "="),
        ("khoảng 9,0%", "~"),
        ("đạt khoảng 9,1%", "~"),
        ("xấp xỉ 12%", "~"),
        ("trên 85%", ">"),
        ("đạt trên 90% số hộ", ">"),
        ("hơn 7.184,63 tỷ đồng", ">"),
        ("tối thiểu 50%", ">="),
        ("ít nhất 3 xã", ">="),
        ("không dưới 70%", ">="),
        ("từ 8% trở lên", ">="),
        ("đạt 85% trở lên", ">="),
        ("mỗi xã có 2 trường trở lên", ">="),
        ("dưới 2%", "<"),
        ("xuống dưới 16,7%", "<"),
        ("không quá 5%", "<="),
        ("tối đa 10 ngày", "<="),
        ("từ 5 ngày trở xuống", "<="),
        ("còn 21,3%", "="),
        ("9-10%", "range"),
        ("khoảng 9-10%", "range"),
        ("Khoảng 9%", "~"),
        ("TRÊN 85%", ">"),
        ("Trên 85%", ">"),
        ("đạt: 92%", "="),
        ("đạt trên] 92%", ">"),  # OCR left a bracket of the letter n ("trér]")
        ("dưới ] 5%", "<"),
        # a bound word with wrong marks, as an OCR'd copy writes it
        ("đạt trén 90%", ">"),
        ("giảm xuống duới 5%", "<"),
        ("đạt khoáng 9%", "~"),
        ("không quà 5%", "<="),
        ("đạt tư 5%", "="),  # a short word so written is another word
        # a bound written as a sign
        ("tỷ lệ <15%", "<"),
        ("đạt ≥ 80%", ">="),
        ("đạt >90%", ">"),
        ("số xã tăng ->12 xã", "="),  # an arrow, no bound
    ],
)
def test_comparators(text: str, comparator: str) -> None:
    assert only(text).comparator == comparator


@pytest.mark.parametrize("text", ["hạ tầng 35 công trình", "Phó Giám đốc 2 sở"])
def test_a_direction_word_is_never_read_with_other_marks(text: str) -> None:
    assert only(text).direction is None


@pytest.mark.parametrize(
    ("text", "direction", "kind"),
    [
        ("tổng lượt khách tăng 7,6%", "up", "change"),
        ("kim ngạch giảm 6%", "down", "change"),
        ("tăng thêm 1.677 tấn", "up", "change"),
        ("giảm còn 21,3%", "down", "level"),
        ("giảm tỷ lệ trẻ em suy dinh dưỡng xuống 22,5%", "down", "level"),
        ("giảm tỷ lệ suy dinh dưỡng xuống dưới 16%", "down", "level"),
        ("mức giảm tỷ lệ hộ nghèo 3,6%", "down", "reduction_amount"),
        ("mức giảm tỷ lệ hộ nghèo 3,6%, các huyện nghèo giảm 5%", "down", "reduction_amount"),
        ("giảm tỷ lệ hộ nghèo: 3,5%", "down", "reduction_amount"),
        ("mức giảm tỷ suất sinh 0,3‰", "down", "reduction_amount"),
        ("tăng 0,67 điểm %", "up", "points"),
        ("giảm 19,3 điểm % so với cùng kỳ", "down", "points"),
        ("tăng 1,5 lần", "up", "multiple"),
        ("gấp 2 lần", None, "multiple"),
        ("vượt 1,9 lần kế hoạch", None, "multiple"),
        ("tỷ lệ che phủ rừng 52,3%", None, "level"),
        ("tăng lên 60%", "up", "level"),
    ],
)
def test_direction_and_kind(text: str, direction: str | None, kind: str) -> None:
    q = find_quantities(text)[-1]
    assert (q.direction, q.kind) == (direction, kind)


def test_span_covers_comparator_words_and_unit_not_the_subject() -> None:
    text = "tỷ lệ nợ xấu nội bảng dưới 2% tổng dư nợ"
    q = only(text)
    assert text[q.start : q.end] == q.text == "dưới 2%"
    assert text[q.number_start : q.number_end] == "2"


def test_number_span_of_a_range_and_a_ratio() -> None:
    text = "từ 9-10% GRDP và 96/96 xã"
    first, second = find_quantities(text)
    assert text[first.number_start : first.number_end] == "9-10"
    assert first.text == "từ 9-10%"
    assert text[second.number_start : second.number_end] == "96/96"


def test_negative_values_in_a_row() -> None:
    values = [q.value for q in find_quantities("| 4,20 | 8,24 | −3,42 | 10,52 | -1,5 |")]
    assert values == pytest.approx([4.2, 8.24, -3.42, 10.52, -1.5])


def test_modifiers_are_reported_nearest_last() -> None:
    assert only("tăng bình quân khoảng 9%").modifiers == ("tăng", "bình quân", "khoảng")


# --------------------------------------------------------------------------------------------
# Numbers that are not quantities
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "kế hoạch năm 2023",
        "giai đoạn 2021-2025",
        "nhiệm kỳ 2020 - 2025",
        "định hướng đến năm 2030",
        "thời kỳ 2021–2030, tầm nhìn 2050",
        "(2021-2025)",
        "ngày 09/12/2022",
        "trước ngày 15/11/2023",
        "đến 15-9-2024",
        "ngày 15 tháng 11 năm 2022",
        "đến ngày 30/6",
        "Nghị quyết số 52/NQ-HĐND",
        "Số: 52 /NQ-HĐND",
        "Nghị quyết 01/NQ-CP",
        "Nghị định 30/2020/NĐ-CP",
        "Quyết định 05/2023/QĐ-TTg",
        "Nghị quyết số 10-NQ/TW",
        "Hướng dẫn 36-HD/VPTW",
        "Điều 1. Thông qua",
        "khoản 2 Điều 5",
        "Khóa XV, kỳ họp thứ 12",
        "Đại hội lần thứ XIV",
        "lần thứ 12",
        "(5)",
        "1. Mục tiêu chung",
        "(1). Tăng trưởng",
        "2) Nhiệm vụ",
        "1.2. Về nông nghiệp",
        "kinh doanh22. Tiếp theo",
        "đồng26 và",
        "Covid-19",
        "vắc xin UV2(+)",
        "Quốc lộ 4D",
        "lúc 8h30",
        "Điện thoại: 0213.3876.543",
        "ĐT: 0213 3876 543",
        "gọi 0912345678",
        "9 tháng năm 2024",
        "6 tháng đầu năm",
        "tháng 9",
        "quý 3",
        "cơn bão số 3",
        "Nghị quyết Trung ương 6",
        "bản đồ tỷ lệ 1/2000",
        "phổ cập mức độ 2 trở lên",
        "vào lớp 10",
    ],
)
def test_numbers_that_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == [], [q.text for q in find_quantities(text)]


def test_a_sentence_mixing_identifiers_and_figures_keeps_only_the_figures() -> None:
    text = (
        "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 08/12/2024 của HĐND tỉnh khóa XV, kỳ họp thứ 9, "
        "năm 2025 phấn đấu tăng trưởng 8,5%, thu ngân sách 2.100 tỷ đồng (Điều 2, khoản 1)."
    )
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(8.5, "%"), (2100, "tỷ đồng")]


def test_count_after_tổng_số_is_a_quantity_but_số_alone_is_not() -> None:
    assert [q.value for q in find_quantities("với tổng số 298 dự án")] == [298]
    assert find_quantities("tại Tổ 5, bão số 3") == []


# --------------------------------------------------------------------------------------------
# Degraded text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("Thu ngan sach dat 1.500 ty dong", 1500, "tỷ đồng", "="),
        ("san luong 225 nghin tan", 225, "nghìn tấn", "="),
        ("tang truong dat tu 8% tro len", 8, "%", ">="),
        ("ty le ho ngheo duoi 5%", 5, "%", "<"),
        ("Pat khoang 9,1%", 9.1, "%", "~"),
        ("giai quyet viec lam 7.000 lao dong", 7000, "lao động", "="),
        ("ty le tren 85%", 85, "%", ">"),
    ],
)
def test_units_and_comparators_without_diacritics(
    text: str, value: float, unit: str, comparator: str
) -> None:
    q = only(text)
    assert (q.value, q.unit, q.comparator) == (pytest.approx(value), unit, comparator)


def test_a_changed_mark_is_not_a_lost_mark() -> None:
    # "bảng" is a word of its own, not an undiacritised "bằng"
    assert only("nợ xấu nội bảng dưới 2%").text == "dưới 2%"


def test_span_limits_are_respected() -> None:
    text = "a 12% b 15 ha c 20 tấn"
    start = text.index("b")
    found = find_quantities(text, start, text.index("c"))
    assert [(q.value, q.unit) for q in found] == [(15, "ha")]
    assert all(start <= q.start and q.end <= text.index("c") for q in found)


def test_no_corpus_quantity_is_a_year_document_number_or_date() -> None:
    for path in clean_documents():
        text = path.read_text(encoding="utf-8")
        for q in find_quantities(text):
            assert text[q.start : q.end] == q.text
            after = text[q.number_end : q.number_end + 2]
            assert not after.startswith("/N"), q.text  # no document number
            if q.unit is None and q.value_high is None:
                assert not (1990 <= q.value <= 2050 and q.value.is_integer()), q.text
