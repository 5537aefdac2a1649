"""A page OCR'd again keeps the text layer's reading of a line where ours garbled it or lost a mark.

The rules (``chitieu.ingest.line_choice``) are tested here on texts alone; a scan read through
them is tested in ``tests/test_reocr.py``.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.ingest.base import Table, render_rows
from chitieu.ingest.line_choice import (
    MIN_JUNK,
    LineEdit,
    judge_line,
    line_edits,
    pair_lines,
    with_cut_words_mended,
    with_edits,
    with_figures_read,
    with_marks_kept,
)

# one page as our Vietnamese OCR read it under heavy ink, and the layer an OCR without
# Vietnamese wrote from the same page, restored
OURS = "\n".join([
    "ỦY BAN NHÂN DÂN TỈNH NAM LÂM",
    "BÁOCÁO ` ' -",
    "Tình hình kinh tế - xã hội tháng 10 năm 2024",
    "Tổng sản phẩm trên địa bàn ước tăng 6,123/năm so với cùng kỳ.",
    "Đã trồng mới 720 ha rừng sản xuất.",
])
LAYER = "\n".join([
    "ỦY BAN NHÂN DÂN TỈNH NAM LÂM",
    "BÁO CÁO TÌNH HÌNH",
    "Tình hình kinh tế - xã hội tháng 10 năm 2024",
    "Tổng sản phẩm trên địa bàn ước tăng 6,12%/năm so với cùng kỳ.",
    "Đã trồng mới 7,20 ha rừng sản xuất.",
])


# how often a syllable is written, as the restorer's language model has it (in parts per million)
FREQUENCY = {"triệu": 1452, "riệu": 3, "tháng": 2311, "háng": 13, "ăn": 264, "năn": 3, "ước": 1856, "nước": 2708}


def frequency(word: str) -> float:
    return FREQUENCY.get(word, 3) / 1e6


@pytest.mark.parametrize(
    ("line", "readable", "junk"),
    [
        ("Tổng sản phẩm trên địa bàn ước tăng 6,12%/năm so với cùng kỳ.", 13, 0),
        ("(1) Tốc độ tăng trưởng kinh tế (GRDP) bình quân giai đoạn 2026-2030 đạt", 14, 0),
        ("ỦY BAN NHÂN DÂN TỈNH – HĐND, UBND", 7, 0),  # acronyms and a dash are no junk
        ("ĐẢNG _ GSẢN VIỆT", 2, 2),  # capitals with a vowel's marks are no acronym
        ("BÁOCÁO ` ' -", 0, 3),  # a glued word and lone marks
        ("TẠI ĐẠI . ĐẠI © ĐẢNGBỘTÌNHLẦN 'XV, _ (KỲ", 5, 3),
        ("trởt ` ` tỉnh ' “tí '^ khácủavùng( ¡duvài ^ ¡núi `^: Bắc.", 3, 10),
        ("", 0, 0),
        ("p===c.1", 0, 1),  # digits among marks
        ("QL4D, CO2 và 38/NQ-HĐND", 1, 0),  # codes say nothing either way
    ],
)
def test_a_line_counts_its_words_and_its_junk(line: str, readable: int, junk: int) -> None:
    assert judge_line(line) == (readable, junk)


def test_the_same_lines_pair_in_order() -> None:
    lines = OURS.split("\n")
    assert pair_lines(lines, lines) == [(i, i) for i in range(len(lines))]


def test_a_line_garbled_past_likeness_pairs_by_its_place() -> None:
    """Between two lines both readings share, one line each: the same printed line."""
    ours = ["Phần thứ hai", "HLHCÁC '' ˆ ` `)“ -", "1. Về kinh tế"]
    layer = ["Phần thứ hai", "II. CÁC CHỈ TIÊU CHỦ YẾU", "1. Về kinh tế"]
    assert pair_lines(ours, layer) == [(0, 0), (1, 1), (2, 2)]


def test_lines_garbled_past_likeness_pair_by_their_place_whatever_blank_lines_lie_between() -> None:
    ours = ["b) Chỉ tiêu xã hội:", "", "p===c.1", "", "4", "", "8. Giải quyết việc làm cho 22.000 lao động"]
    layer = ["b) Chỉ tiêu xã hội:", "7. Tỷ lệ hộ nghèo giảm 1,5% (theo chuẩn nghèo", "đa chiều).",
             "8. Giải quyết việc làm cho 22.000 lao động"]
    assert pair_lines(ours, layer) == [(0, 0), (2, 1), (4, 2), (6, 3)]


def test_a_line_of_nothing_but_junk_takes_the_layers() -> None:
    """One token, no word: garbled, though its junk is under :data:`MIN_JUNK`."""
    ours = "b) Chỉ tiêu xã hội:\n\np===c.1\n\n8. Giải quyết việc làm cho 22.000 lao động"
    layer = "b) Chỉ tiêu xã hội:\n7. Tỷ lệ hộ nghèo giảm 1,5%.\n8. Giải quyết việc làm cho 22.000 lao động"
    mended, _ = with_edits(ours, [], line_edits(ours, layer, frequency))
    assert mended == "b) Chỉ tiêu xã hội:\n\n7. Tỷ lệ hộ nghèo giảm 1,5%.\n\n8. Giải quyết việc làm cho 22.000 lao động"
    assert line_edits("Tỷ lệ che phủ rừng đạt 51,6%; QL4D", "Tỷ lệ che phủ rừng đạt 51,6%; QL 4D tới", frequency) == []


def test_a_line_only_one_reading_has_stays_unpaired() -> None:
    ours = ["Phần thứ hai", "1. Về kinh tế", "(1) Tốc độ tăng trưởng kinh tế bình quân đạt 8-9%/năm."]
    layer = ["Phần thứ hai", "II. CÁC CHỈ TIÊU CHỦ YẾU", "1. Về kinh tế",
             "(1) Tốc độ tăng trưởng kinh tế bình quân đạt 8-9%/năm."]
    assert pair_lines(ours, layer) == [(0, 0), (1, 2), (2, 3)]
    assert pair_lines([], layer) == [] and pair_lines(ours, []) == []


_LINES = [*OURS.split("\n"), *LAYER.split("\n"), "", "II. CÁC CHỈ TIÊU CHỦ YẾU", "` ˆ ©"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=12), st.lists(st.sampled_from(_LINES), max_size=12))
def test_pairs_keep_the_order_of_both_readings(ours: list[str], layer: list[str]) -> None:
    pairs = pair_lines(ours, layer)
    for (i, j), (k, m) in pairwise(pairs):
        assert i < k and j < m
    assert all(0 <= i < len(ours) and 0 <= j < len(layer) for i, j in pairs)


def test_a_garbled_line_takes_the_layers_and_a_lost_mark_is_put_back() -> None:
    edits = line_edits(OURS, LAYER, frequency)
    mended, _ = with_edits(OURS, [], edits)
    assert mended == LAYER
    assert [OURS[e.start : e.end] for e in edits] == [
        "BÁOCÁO ` ' -",
        "Tổng sản phẩm trên địa bàn ước tăng 6,123/năm so với cùng kỳ.",
        "Đã trồng mới 720 ha rừng sản xuất.",
    ]


@pytest.mark.parametrize(
    ("ours", "layer", "mended"),
    [
        # the restorer gave a place name other marks: ours keeps them, the lost words come from the layer
        ("ĐẢNG BỘ TỈNH NAM LÂM ĐẢNG _ GSẢN VIỆT NAM", "ĐẢNG BỘ TỈNH NĂM LÀM ĐẢNG CỘNG SẢN VIỆT NAM",
         "ĐẢNG BỘ TỈNH NAM LÂM ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("BÁOCÁO ` ' -", "BÁO CÁO CHÍNH TRỊ", "BÁO CÁO CHÍNH TRỊ"),
        ("trởt ` ` tỉnh ' “tí '^ khácủavùng(", "trở thành tỉnh phát triển khá của vùng",
         "trở thành tỉnh phát triển khá của vùng"),
    ],
)
def test_a_garbled_line_keeps_our_words_where_both_read_the_same_letters(ours: str, layer: str,
                                                                          mended: str) -> None:
    assert line_edits(ours, layer, frequency) == [LineEdit(0, len(ours), mended)]


@pytest.mark.parametrize(
    ("ours", "layer", "mended"),
    [
        ("riệu USD; lũy kế 10 tháng", "triệu USD; lũy kế 10 tháng", "triệu USD; lũy kế 10 tháng"),
        ("háng là 14.860 lao động", "tháng là 14.860 lao động", "tháng là 14.860 lao động"),
        ("ăn uống", "Năn uống", "ăn uống"),  # a word of its own: the layer's letter may be a speck
        ("ước đạt 412 triệu kWh", "nước đạt 412 triệu kWh", "ước đạt 412 triệu kWh"),  # not far likelier
        ("lũy kế riệu USD", "lũy kế triệu USD", "lũy kế riệu USD"),  # only at the line's start
        ("KẾT QUẢ THỰC HIỆN QUÝ INĂM 2024", "KẾT QUẢ THỰC HIỆN QUÝ I NĂM 2024", "KẾT QUẢ THỰC HIỆN QUÝ I NĂM 2024"),
        ("đến năm 2030 Nam Lâm", "đến năm 2030 NamLâm", "đến năm 2030 Nam Lâm"),  # ours has the space
        ("Tổng mức bán lẻ", "Tống mức bán lẻ", "Tổng mức bán lẻ"),  # marks differ: ours stays
        ("chỉ số HP ước tăng 7,6%", "chỉ số IIP ước tăng 7,6%", "chỉ số IIP ước tăng 7,6%"),
        ("IH. Chỉ tiêu môi trường", "III. Chỉ tiêu môi trường", "III. Chỉ tiêu môi trường"),
        ("HĐND tỉnh", "HDND tỉnh", "HĐND tỉnh"),
    ],
)
def test_a_word_our_ocr_cut_is_mended_from_the_layer(ours: str, layer: str, mended: str) -> None:
    assert with_cut_words_mended(ours, layer, frequency) == mended


def test_a_line_that_reads_as_vietnamese_is_never_replaced() -> None:
    """The layer's line differs in its words (the restorer misread one, or read one more): ours stays."""
    assert line_edits("Khai thác hiệu quả tiềm năng, lợi thế", "Khai thác hiệu quả từ nông, lợi thế", frequency) == []
    ours = "Tỷ lệ che phủ rừng đạt 51,6%; `"
    assert judge_line(ours).junk < MIN_JUNK
    assert line_edits(ours, "Tỷ lệ che phủ rừng đạt 51,6%; duy trì ổn định", frequency) == []


def test_a_garbled_line_is_replaced_only_by_a_line_that_reads_better() -> None:
    ours = "(12) Tỷ lệ che phủ ` duy trì ổn ˆ_ \" trên 52%."
    assert judge_line(ours).junk >= MIN_JUNK
    assert line_edits(ours, "(12) Tỷ lệ che phủ rừng duy trì ổn định trên 52%.", frequency) == [
        LineEdit(0, len(ours), "(12) Tỷ lệ che phủ rừng duy trì ổn định trên 52%.")]
    assert line_edits(ours, "(12) Ty le che phu ` duy tri on ˆ_ \" tren 52%.", frequency) == []  # no better
    assert line_edits(ours, "(12) Tỷ lệ che phủ ` ˆ rừng ~ trên 52%.", frequency) == []  # no more words


def test_a_table_read_by_its_grid_keeps_our_words() -> None:
    start = OURS.index("BÁOCÁO")
    assert all(OURS[e.start : e.end] != "BÁOCÁO ` ' -" for e in line_edits(OURS, LAYER, frequency, cells=[(start, start + 5)]))


@pytest.mark.parametrize(
    ("ours", "layer", "kept"),
    [
        ("đạt 8-99/năm,", "đạt 8-9%/năm.", "đạt 8-9%/năm,"),  # "%" read as a digit
        ("bảo hiểm y tế đạt trên 9596.", "bảo hiểm y tế đạt trên 95%.", "bảo hiểm y tế đạt trên 95%."),
        ("tăng 6,123/năm", "tăng 6,12%/năm", "tăng 6,12%/năm"),
        ("đạt 720 và 625", "đạt 7,20 và 6,25", "đạt 7,20 và 6,25"),  # a decimal comma filled in
        ("đạt 38500 tỷ đồng", "đạt 38.500 tỷ đồng", "đạt 38.500 tỷ đồng"),
        ("có 58/96 xã", "có 58/96 xã", "có 58/96 xã"),
        ("đạt 6,12%", "đạt 6,12", "đạt 6,12%"),  # ours has the mark: ours stays
        ("đạt 4.250 tỷ", "đạt 4,250 tỷ", "đạt 4.250 tỷ"),  # a different mark, not a lost one
        ("đạt 51,3%", "đạt 51,8%", "đạt 51,3%"),  # the digits differ: either may be wrong
        ("đạt 51300", "đạt 51%", "đạt 51300"),  # more than two digits in the place of "%"
        ("đạt 720 ha, 16 xã", "đạt 7,20 ha", "đạt 720 ha, 16 xã"),  # figures not one for one
    ],
)
def test_a_figure_takes_the_mark_only_the_layer_kept(ours: str, layer: str, kept: str) -> None:
    assert with_marks_kept(ours, layer) == kept


@pytest.mark.parametrize(
    ("ours", "layer", "read"),
    [
        ("5 | Số xã đạt chuẩn nông thôn mới | Xã | G4", "a Số xã đạt chuẩn nông thôn mới Xã 64",
         "5 | Số xã đạt chuẩn nông thôn mới | Xã | 64"),
        ("đạt 1O xã, 2.5OO hộ", "đạt 10 xã, 2.500 hộ", "đạt 10 xã, 2.500 hộ"),
        ("mạng 5G phủ 98% số xã", "mạng 5G phủ 98% số xã", "mạng 5G phủ 98% số xã"),  # the layer reads it alike
        ("đạt 64 xã", "đạt G4 xã", "đạt 64 xã"),  # the layer's token is no figure
        ("đạt G4 xã", "đạt 640 xã", "đạt G4 xã"),  # not as many characters
        ("đạt 6A xã", "đạt 71 xã", "đạt 6A xã"),  # a digit of ours differs
        ("ước đạt 6,B5%, thấp hơn", "ước đạt 6,85, thấp hơn", "ước đạt 6,85%, thấp hơn"),  # our % stays
        ("(GRDP) đạt B,2%.", "(GRDP) đạt 8,2%.", "(GRDP) đạt 8,2%."),
    ],
)
def test_a_figure_our_ocr_read_with_letters_takes_the_layers_digits(ours: str, layer: str, read: str) -> None:
    assert with_figures_read(ours, layer) == read


def test_a_table_row_takes_only_a_figures_digits_and_its_cells_follow() -> None:
    rows = [["5", "Số xã đạt chuẩn nông thôn mới", "Xã", "G4"], ["6", "Tỷ lệ hộ nghèo", "%", "< 8"]]
    table_text, spans = render_rows(rows, len("BIỂU 1\n"))
    text = "BIỂU 1\n" + table_text
    table = Table(rows=rows, start=len("BIỂU 1\n"), end=len(text), row_spans=spans)
    layer = "BIEU 1\na Số xã đạt chuẩn nông thôn mới Xã 64\n6 Tỷ lệ hộ nghèo trên tổng số % < 8"
    edits = line_edits(text, layer, frequency, cells=[(table.start, table.end)])
    assert edits == [LineEdit(spans[0][0], spans[0][1], "5 | Số xã đạt chuẩn nông thôn mới | Xã | 64")]
    mended, (kept,) = with_edits(text, [table], edits)
    assert kept.rows[0] == ["5", "Số xã đạt chuẩn nông thôn mới", "Xã", "64"] and kept.rows[1] == rows[1]
    assert [mended[a:b] for a, b in kept.row_spans] == ["5 | Số xã đạt chuẩn nông thôn mới | Xã | 64", "6 | Tỷ lệ hộ nghèo | % | < 8"]


def test_tables_after_an_edit_move_with_the_text() -> None:
    text = "BÁOCÁO ` ' -\nBiểu 1\nA | 1\nB | 2\n"
    start = text.index("A")
    table = Table(rows=[["A", "1"], ["B", "2"]], start=start, end=start + 11, row_spans=[(start, start + 5),
                                                                                       (start + 6, start + 11)])
    mended, (moved,) = with_edits(text, [table], [LineEdit(0, 12, "BÁO CÁO TÌNH HÌNH")])
    assert mended[moved.start : moved.end] == "A | 1\nB | 2"
    assert [mended[a:b] for a, b in moved.row_spans] == ["A | 1", "B | 2"]
