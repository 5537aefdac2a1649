"""A term table's cells read back from a text layer that OCR without Vietnamese wrecked.

Scanned tables come back with their rules read as brackets ("25,3]/26,0|26,8"), a verdict glued
to the last figure ("6,62Khony"), the unit glued to the target ("%/nam8-8,5"), and every cell
taller than the figures wrapped onto the lines under its row, column beside column: the name's
end and the verdict's "đạt" share a line ("binh quan dat"). These tests read such tables (our own
wording, wrecked by hand the way the generator's OCR wrecks them) and check each piece: what a
row line is, where one token ends, which verdict word a wrecked word in the verdict column is,
that lines between rows are never glued into sentences, and the rows that come out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.extract.tables import cell_tokens
from chitieu.pipeline import extract_facts, read_document
from chitieu.text.lines import is_flattened_row, is_table_row
from chitieu.text.reflow import reflow
from chitieu.text.restore.layout import VERDICT_WORDS, loose_verdict_word, verdict_replacements
from chitieu.text.restore.wreck import STYLE_BY_NAME, wreck_cached
from term_table_gold import cells_in_text, score_table

HERE = Path(__file__).parent

WRECKED_TABLE = """\
TINH UY BAC NGAN
Phu luc
KET QUA THUC HIEN CAC CHI TIEU NGHI QUYET DAI HOI, NHIEM KY 2020-2025
TT | Chi tiéu | Don vi | Muc tiéu | 2021 | 2022 | 2023 | 2024 | Uéc 2025 | Ca nhiém ky | Danh gia
I] Cac chi tiéu vé kinh té
1| Téc d6 tang truéng GRDP %/nam8-8,5 | 6,12 | 7,20 | 5,94 | 6,81 | 7,05 | 6,62Khony
binh quan dat
2| Ty 1é dé thi héa % | 28 | 24,6 | 25,3]/26,0|26,8| 27,5 | 27,5 cack
hang nam dat
3) Co cau kinh té dén nam Khong
2025 dat
+ Nong, lam nghiép, % 20 | 24,1 | 23,5 | 22,8 | 21,0 | 19,6 | 19,6 Wirot
thuy san
4 Ty1é che phu rimg % | 55 | 50,2 | 51,0 | 51,9 | 52,7 | 53,4 | 53,4 Nhéng
dat
5 Tong lugt khach du lich tang %/nam 12 |14,21)13,08]11,50| 12,66] 13,02 12,9Vuot
binh quan
6 Ty 1é hd nghéo giam binh | % | 3 | 3,4 | 3,2 | 2,8 | 2,7 | 2,9 | 3,0 |Dat
quan hang nam
7 Két nap dang vién méi Dang 1.000 | 952 | 1.021 | 987 | 1.004 | 1.010 | 995Khon
hang nam vien dat

Ghi chu: s6 liéu nam 2025 la s6 uéc thuc hién.
"""

# (target, 2021…2025, term, the document's verdict) of each row, in order; the group row has none
EXPECTED = [
    (8.0, [6.12, 7.20, 5.94, 6.81, 7.05], 6.62, "Không đạt"),
    (28.0, [24.6, 25.3, 26.0, 26.8, 27.5], 27.5, "Không đạt"),
    (None, [], None, "Không đạt"),
    (20.0, [24.1, 23.5, 22.8, 21.0, 19.6], 19.6, "Vượt"),
    (55.0, [50.2, 51.0, 51.9, 52.7, 53.4], 53.4, "Không đạt"),
    (12.0, [14.21, 13.08, 11.50, 12.66, 13.02], 12.9, "Vượt"),
    (3.0, [3.4, 3.2, 2.8, 2.7, 2.9], 3.0, "Đạt"),
    (1000.0, [952.0, 1021.0, 987.0, 1004.0, 1010.0], 995.0, "Không đạt"),
]


# --- what a row line is -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "5| Téng san luong Nghih 240 |212,8]/219,9|227,1]234,2| 241,4 [241,4|Dat",
        "6 Dién tich cay ché Ha |12.000|11.357|11.441|11.524|11.607| 11.690 11.698héng",
        "11 Téc dé tang tong luot %/nam 15 |17,23)13,06]11,18| 15,66] 13,48 14,1Khong",
        "19 S6 béc sy trén 1 van dan|Bac] 12 10,5.|. 10,8: | 11,1. | 11,4.) 11,7, 11,7Khénly",
    ],
)
def test_a_row_whose_rules_ocr_read_as_brackets_is_a_row(line: str) -> None:
    assert is_flattened_row(line)


@pytest.mark.parametrize(
    ("line", "row"),
    [("Chi tiêu|Đơn vị]|Mục tiêu|Ghi chú", True), ("năm|nam 2025|", False), ("các năm 2021, 2022 và 2023.", False)],
)
def test_three_bars_make_a_table_row(line: str, row: bool) -> None:
    assert is_table_row(line) is row


def test_the_lines_between_two_rows_stay_lines() -> None:
    """A name's end and the verdict's last word share a line under the row: glued to the lines
    around them they would put "dat" in the middle of the name."""
    text = (
        "10 Tốc độ tăng kim ngạch %/năm 12 | 9,72 |12,03| 5,63 | 5,59 | 7,52 | 8,07 Không\n"
        "xuất nhập khẩu bình đạt\n"
        "quân\n"
        "11 Tỷ lệ đô thị hóa % 30 | 27,9 | 28,7 | 29,5 | 30,3 | 31,1 | 31,1 Vượt\n"
    )
    assert reflow(text).text.split("\n") == text.rstrip("\n").split("\n")


def test_prose_after_a_table_still_flows() -> None:
    text = "Tỷ lệ đô thị hóa % 30 27,9 28,7 29,5 30,3 31,1 31,1 Vượt\nNăm 2025, tỉnh tiếp tục\nđẩy mạnh đô thị hóa.\n"
    assert reflow(text).text.split("\n")[1] == "Năm 2025, tỉnh tiếp tục đẩy mạnh đô thị hóa."


# --- where a token ends -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "tokens"),
    [
        ("17,23)13,06]11,18| 15,66", ["17,23", "13,06", "11,18", "15,66"]),
        ("|212,8]/219,9|227,1]", ["212,8", "219,9", "227,1"]),
        ("40,5.|. 10,8: | 11,4.) 11,7,", ["40,5", "10,8", "11,4", "11,7"]),
        ("%/nam7-7,5 | 5,29", ["%/nam", "7-7,5", "5,29"]),
        ("11.690 11.698héng", ["11.690", "11.698", "héng"]),
        ("6,62Khony", ["6,62", "Khony"]),
        ("1.105) 1.14Khon", ["1.105", "1.14", "Khon"]),
        # what is no glue stays whole: letters OCR wrote as digits, a ratio, a bound, a range, an item
        ("d6 1é S6xa 3/5 >95 <18 -3,42 9 - 10 (1)", ["d6", "1é", "S6xa", "3/5", ">95", "<18", "-3,42", "9", "-", "10", "(1)"]),
        ("12ha 2025.", ["12ha", "2025"]),
    ],
)
def test_cells_glued_by_ocr_are_cut_apart(cells: str, tokens: list[str]) -> None:
    found = cell_tokens(cells)
    assert [t for t, _a, _b in found] == tokens
    assert all(cells[a:b] == t for t, a, b in found)  # every token is a slice of the line


# --- which verdict a wrecked word is ------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "word"),
    [("Nhony", "Không"), ("Khénly", "Không"), ("héng", "Không"), ("Veet", "Vượt"), ("Wirot", "Vượt"), ("Vudt", "Vượt"), ("WVuoti", "Vượt"), ("Dat]", "Đạt"), ("Chua", "Chưa")],
)
def test_a_word_in_the_verdict_column_read_by_its_nearest_verdict(token: str, word: str) -> None:
    assert loose_verdict_word(token) == word


@pytest.mark.parametrize("token", ["at", "Ba", "ie", "mal", "cack", "Tet]", "nhà", "trong", "2025"])
def test_a_word_no_verdict_is_near_stays_unread(token: str) -> None:
    assert loose_verdict_word(token) is None


@given(st.sampled_from(["vuot", "dat", "khong", "chua"]), st.sampled_from(["", "]", "|", "."]), st.booleans())
def test_a_verdict_word_spelt_right_is_itself(bare: str, speck: str, upper: bool) -> None:
    word = VERDICT_WORDS[bare]
    written = (word.upper() if upper else word) + speck
    assert loose_verdict_word(written) == word
    assert loose_verdict_word(bare) == word  # its bare letters too


def _read(text: str) -> dict[str, str]:
    return {text[r.start : r.end]: r.text for r in verdict_replacements(text)}


def test_a_verdict_glued_to_the_last_figure_is_read() -> None:
    text = "GRDP bình quân Triệu đồng 75 | 64,1 | 66,4 | 68,6 | 70,9 | 73,1 | 73,1Nhony\nđến năm 2025 dat\n"
    assert _read(text) == {"Nhony": "Không", "dat": "đạt"}


def test_an_unreadable_word_whose_cell_wrapped_below_is_the_verdicts_first_word() -> None:
    text = "Tỷ lệ lao động qua đào tạo % 60 49,1 51,4 53,8 56,2 58,5 58,5 cack\ntạo dat\n"
    assert _read(text) == {"cack": "Không", "dat": "đạt"}


def test_an_unreadable_word_alone_is_left_to_the_reader() -> None:
    assert _read("Tỷ lệ đô thị hóa % 30 27,9 28,7 29,5 30,3 31,1 31,1 mal\nTỷ lệ hộ nghèo % 3 3,4 3,2 2,8 2,7 2,9 3,0 Đạt\n") == {}


def test_a_row_judged_without_figures_has_its_verdict_wrapped_with_its_name() -> None:
    text = "+ Dịch vụ % 38 30,9 32,8 34,6 36,5 38,3 38,3 Đạt\n3) Co cau kinh té dén nam Khong\n2025 dat\n+ Nông % 22 25,9 24,4 22,9 21,4 19,9 19,9 Vượt\n"
    assert _read(text) == {"Khong": "Không", "dat": "đạt"}


def test_a_figure_glued_to_its_unit_is_kept_from_the_restorer() -> None:
    text = "Tốc độ tăng trưởng %/nam7-7,5 | 5,29 | 3,96 | 7,81 | 3,36 | 6,93 | 5,46 Đạt\n"
    assert _read(text) == {"7-7,5": "7-7,5"}


# --- the rows that come out ---------------------------------------------------------------


def test_the_rows_of_a_wrecked_table(tmp_path: Path) -> None:
    path = tmp_path / "phu_luc.txt"
    path.write_text(WRECKED_TABLE, encoding="utf-8")
    doc = read_document(path)
    rows = [f for f in extract_facts(doc) if f.kind == "table_row"]
    read = [
        (
            (f.extra.get("target") or {}).get("value"),
            list((f.extra.get("annual") or {}).values()),
            f.extra.get("term_value"),
            f.extra.get("official_status"),
        )
        for f in rows
    ]
    assert read == EXPECTED
    codes = [f.indicator for f in rows]
    assert codes[:3] == ["grdp_growth", "urbanisation_rate", "economic_structure"]
    assert codes[4] == "forest_cover"
    # the target glued to its unit ("%/nam8-8,5") kept its first digit, and shows as no restored word
    assert all(doc.text[r.start : r.end] != r.text for r in doc.restorations)
    # every row still points at its own words in the original text
    for fact in rows:
        assert fact.source is not None and fact.source.text.strip()


@pytest.mark.parametrize("style", ["laser-300", "fax-150"])
def test_our_long_table_wrecked_by_the_generator_reads_back(style: str, tmp_path: Path) -> None:
    """The 38-row table typeset over three pages, degraded and OCR'd in English, then read."""
    gold = json.loads((HERE / "gold" / "term_table_phu_luc_nhiem_ky_dai.json").read_text(encoding="utf-8"))
    clean = (HERE / "fixtures" / "term_tables" / gold["document"]).read_text(encoding="utf-8")
    made = wreck_cached(clean, STYLE_BY_NAME[style], tmp_path / "cache")
    present, figures = cells_in_text(made.wrecked, gold)
    assert present / figures >= 0.9  # the OCR kept the figures: what is lost is the reading's
    path = tmp_path / "phu_luc.txt"
    path.write_text(made.wrecked, encoding="utf-8")
    found = score_table([f for f in extract_facts(read_document(path)) if f.kind == "table_row"], gold)
    assert found.row_recall >= 0.9 and found.row_precision >= 0.9, found.missed
    assert found.cell_accuracy >= 0.9, found.wrong_cells
