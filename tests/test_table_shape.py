"""Term tables from flattened OCR lines: a header inferred from the rows, cells read by their place.

A made-up province's term table, written the way an archive's scan leaves it: the header in
scraps over several lines and repeated (wrecked) on the next page, names wrapped above and below
their figures, a verdict cell wrapped around its row ("Không" above, "đánh giá" below), a group
row judged without figures, a lead-in ending in a colon over its sub-rows, decimal commas lost.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.evaluate.aggregate import CAGR, aggregate
from chitieu.extract.row_commas import put_back_commas
from chitieu.extract.table_shape import find_headerless_tables, infer_header
from chitieu.extract.tables import TARGET, TERM, YEAR, extract_table_rows, parse_cell
from chitieu.pipeline import extract_facts, read_document
from chitieu.text.lines import is_flattened_row
from chitieu.text.reflow import reflow
from chitieu.text.restore.layout import verdict_replacements, verdict_word
from term_table_gold import score_table

HERE = Path(__file__).parent

TABLE = """\
Phát huy những kết quả đạt được, toàn Đảng bộ quyết tâm thực hiện thắng lợi Nghị quyết.

KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU
NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH, NHIỆM KỲ 2020-2025
Thực hiện Nghị quyết Đại hội
. | Mục tiêu | Ước | Ước
đơn | vị | nghị | quyết | năm
2025 XV
Các chỉ tiêu về kinh tế
- Tốc độ tăng trưởng GRDP % 7-7,5 2,9 8,1 6,2 7,4 7,6 6,42 Không đạt
- Cơ cấu kinh tế Không đạt
+ Nông, lâm nghiệp, thủy sản % 20,0 24,1 23,5 22,8 22,0 21,4 21,4
+ Dịch vụ % 41,0 38,2 38,9 39,5 40,1 40,6 40,6
Tổng lượt khách du lịch tăng bình quân hằng năm % 20,0 8,07 1032 37,1 30 8,5 33,4 Vượt
Tỷ lệ dân số nông thôn được sử dụng nước % 93,0 87,0 88,5 90,0 91,5 93,0 93,0 Đạt
hợp vệ sinh
- Đơn vị Nghị | Thực | Thực | Thực | Thực | Ước Ước
Chỉ tiêu tính quyết hiện hiện hiện hiện thực thực Ghi chú
Đại hội năm năm năm năm năm NQĐH
2021 2022 2023 2024 2025 XV
" Không
Tỷ lệ xã đạt chuẩn nông thôn mới % 57,5 41,5 41,5 41,5 41,5 - -
đánh giá
Số huyện nông thôn mới Huyện 2 2 2 2 2 Không
đánh giá
II | Các chỉ tiêu về văn hóa, xã hội
Tỷ lệ huy động học sinh trong độ tuổi đến trường:
Mẫu giáo % 98,0 99,6 99,8 99,7 99,8 99,8 99,8 Vượt
Trung học cơ sở % 95,0 94,1 94,3 94,4 94,5 95,5 95,5 Vượt
Đảng bộ trực thuộc tỉnh hoàn thành tốt nhiệm vụ % >80 8333 9167 3333 9167 >80 71,66 Không đạt

Ghi chú: các chỉ tiêu nông thôn mới không đánh giá cả nhiệm kỳ.
"""


@pytest.fixture(scope="module")
def rows() -> dict[str, object]:
    facts = extract_table_rows(TABLE, "bang.txt")
    return {f.indicator or f.label: f for f in facts}


def test_the_header_comes_from_the_title_and_the_shape_of_the_rows() -> None:
    found = find_headerless_tables(TABLE, [])
    assert len(found) == 1
    header = found[0].header
    values = [(c.role, c.year, c.estimate) for c in header.value_columns]
    assert values == [
        (TARGET, None, False),
        (YEAR, 2021, False),
        (YEAR, 2022, False),
        (YEAR, 2023, False),
        (YEAR, 2024, False),
        (YEAR, 2025, True),
        (TERM, 2020, True),
    ]
    # the header repeated on the next page is known, so it never joins a row's name
    repeated = [TABLE[a:b] for a, b in found[0].header_lines]
    assert any(line.startswith("2021 2022") for line in repeated)
    assert any("Nghị | Thực" in line for line in repeated)


def test_every_row_is_read_with_its_name_figures_and_verdict(rows: dict[str, object]) -> None:
    grdp = rows["grdp_growth"]
    assert grdp.extra["target"] == {"value": 7.0, "value_high": 7.5, "comparator": "range"}
    assert grdp.extra["annual"] == {"2021": 2.9, "2022": 8.1, "2023": 6.2, "2024": 7.4, "2025": 7.6}
    assert (grdp.value, grdp.extra["official_status"], grdp.extra["computed_status"]) == (6.42, "Không đạt", "Không đạt")
    assert grdp.period is not None and (grdp.period.start.year, grdp.period.end.year) == (2020, 2025)
    assert grdp.period.label == "nhiệm kỳ 2020-2025"
    assert set(rows) >= {
        "economic_structure",
        "share_agriculture",
        "share_services",
        "tourist_arrivals_growth",
        "rural_hygienic_water",
        "ntm_communes_share",
        "ntm_districts",
        "enrolment_kindergarten",
        "enrolment_lower_secondary",
        "party_committees_good",
    }
    assert len(rows) == 11
    for fact in rows.values():
        assert fact.source.text == TABLE[fact.source.start : fact.source.end]


def test_a_group_row_judged_without_figures_is_a_row_and_the_parent_of_the_next(rows: dict[str, object]) -> None:
    structure = rows["economic_structure"]
    assert structure.extra["official_status"] == "Không đạt" and not any(structure.extra["annual"].values())
    assert rows["share_agriculture"].extra["annual"]["2025"] == 21.4


def test_a_name_wrapped_under_its_row_belongs_to_it(rows: dict[str, object]) -> None:
    water = rows["rural_hygienic_water"]
    assert water.extra["label_as_written"].endswith("hợp vệ sinh")
    assert "hợp vệ sinh" in water.source.text


def test_a_verdict_wrapped_around_its_row_is_read_whole(rows: dict[str, object]) -> None:
    communes = rows["ntm_communes_share"]
    assert communes.extra["official_status"] == "Không đánh giá"
    assert communes.extra["annual"]["2025"] is None and communes.value is None
    districts = rows["ntm_districts"]
    assert districts.extra["official_status"] == "Không đánh giá"
    # figures right after the unit start at the target: the missing cells are the last ones
    assert districts.extra["target"]["value"] == 2
    assert [districts.extra["annual"][str(y)] for y in range(2021, 2026)] == [2, 2, 2, 2, None]
    assert districts.extra["computed_status"] == "Không đánh giá"


def test_a_lead_in_names_the_sub_rows_under_it(rows: dict[str, object]) -> None:
    assert rows["enrolment_kindergarten"].extra["target"]["value"] == 98.0
    assert rows["enrolment_lower_secondary"].value == 95.5


def test_lost_commas_are_put_back_where_the_row_proves_them(rows: dict[str, object]) -> None:
    tourists = rows["tourist_arrivals_growth"]
    # 103,2 and not 10,32: only then do the five rates compound to the stated 33,4
    assert tourists.extra["annual"]["2022"] == 103.2
    assert any("1032 → 103,2" in note and "khớp" in note for note in tourists.extra["repaired"])
    assert tourists.extra["computed_status"] == "Vượt"
    committees = rows["party_committees_good"]
    assert [committees.extra["annual"][str(y)] for y in range(2021, 2025)] == [83.33, 91.67, 33.33, 91.67]
    assert committees.extra["computed_status"] == "Không đạt"
    assert committees.confidence < rows["grdp_growth"].confidence


def test_nothing_is_read_from_the_prose_or_the_note_around_the_table(rows: dict[str, object]) -> None:
    start = TABLE.index("KẾT QUẢ")
    end = TABLE.index("Ghi chú: các")
    assert all(start <= f.source.start and f.source.end <= end for f in rows.values())


@pytest.mark.parametrize(
    ("fragments", "figures", "verdicts", "expected"),
    [
        ("NHIỆM KỲ 2020-2025\nMục tiêu | Ước", 7, True, ("target", 2021, 2025, "term")),
        ("giai đoạn 2021-2025 Mục tiêu", 7, True, ("target", 2021, 2025, "term")),
        ("NHIỆM KỲ 2020-2025", 6, True, ("target", 2021, 2025, None)),
        ("Mục tiêu 2021 2022 2023 2024 Ước 2025", 7, True, ("target", 2021, 2025, "term")),
        ("THỜI KỲ 2016-2020 Nghị quyết", 7, False, ("target", 2016, 2020, "term")),
    ],
)
def test_a_header_inferred(fragments: str, figures: int, verdicts: bool, expected: tuple[object, ...]) -> None:
    header = infer_header(fragments, figures, verdicts)
    assert header is not None
    values = header.value_columns
    assert values[0].role == expected[0]
    assert (header.years[0], header.years[-1]) == (expected[1], expected[2])
    assert (values[-1].role == TERM) == (expected[3] == "term")


@pytest.mark.parametrize(
    ("fragments", "figures", "verdicts"),
    [
        ("NHIỆM KỲ 2020-2025", 9, True),  # nine figures for five years: not this header
        ("NHIỆM KỲ 2020-2025", 4, True),
        ("Kế hoạch 2025 Thực hiện 2024", 3, False),  # no verdict, no term: a plan table
        ("Các chỉ tiêu", 7, True),  # no year at all
        ("2021 2023 2024", 5, True),  # years with a gap are not a table's columns
    ],
)
def test_no_header_is_guessed_where_the_rows_do_not_fit(fragments: str, figures: int, verdicts: bool) -> None:
    assert infer_header(fragments, figures, verdicts) is None


def test_figures_under_no_header_and_judged_by_no_one_are_no_term_table() -> None:
    text = "Sản lượng các năm\n" + "\n".join(f"Hàng {n} tấn 10 12 14 16 18 20" for n in range(5))
    assert find_headerless_tables(text, []) == []
    assert extract_table_rows(text, "x.txt") == []


def test_our_long_term_table_reads_whole_from_its_clean_copy() -> None:
    """The table ``benchmarks/term_tables.py`` wrecks over three pages, read from its clean text."""
    gold = json.loads((HERE / "gold" / "term_table_phu_luc_nhiem_ky_dai.json").read_text(encoding="utf-8"))
    doc = read_document(HERE / "fixtures" / "term_tables" / gold["document"])
    found = score_table([f for f in extract_facts(doc) if f.kind == "table_row"], gold)
    assert (found.row_recall, found.row_precision, found.cell_accuracy) == (1.0, 1.0, 1.0), found.wrong_cells
    # "4 | Tốc độ tăng giá trị gia tăng ngành nông, lâm nghiệp …" after the parts of "Cơ cấu kinh
    # tế" is a row of its own, not one more share of the economy
    assert found.code_accuracy == 1.0, found.wrong_codes
    assert found.verdict_agreement == 1.0, found.disagreeing


# --- lost decimal commas ------------------------------------------------------------------


def _cells(target: str, years: list[str], term: str) -> dict[str, object]:
    cells = {"target": parse_cell(target), "term": parse_cell(term)}
    cells.update({str(2021 + i): parse_cell(v) for i, v in enumerate(years)})
    return cells


@pytest.mark.parametrize(
    ("target", "years", "term", "aggregation", "share", "expected", "proven"),
    [
        ("20,0", ["8,07", "1032", "37,1", "30", "8,5"], "33,4", "cagr", False, {"2022": 103.2}, True),
        ("11,5", ["14,57", "-42,1", "-106", "82,1", "13,2"], "4,10", "cagr", False, {"2023": -10.6}, True),
        (">80", ["8333", "9167", "3333", "9167", ">80"], "71,66", "mean", True, {"2021": 83.33, "2023": 33.33}, True),
        (">95", ["98,1", "98,0", "98,1", "9865", "9865"], "9865", "last", False, {"2024": 98.65, "term": 98.65}, True),
    ],
)
def test_a_lost_comma_put_back(
    target: str, years: list[str], term: str, aggregation: str, share: bool, expected: dict[str, float], proven: bool
) -> None:
    cells, repairs = put_back_commas(_cells(target, years, term), aggregation, "%", share)
    for key, value in expected.items():
        assert cells[key].value == pytest.approx(value)
    assert all(r.proven == proven for r in repairs)
    assert all("→" in (cells[r.key].repaired or "") for r in repairs)


def test_a_comma_the_row_cannot_settle_is_put_back_as_a_doubt() -> None:
    # no term figure to check against: 1032 may be 103,2 or 10,32
    cells, repairs = put_back_commas(_cells("20,0", ["8,07", "1032", "37,1", "30", "8,5"], ""), "cagr", "%", False)
    assert [r.proven for r in repairs] == [False]
    assert "cần đối chiếu" in (cells["2022"].repaired or "")


@given(st.lists(st.decimals(min_value=1, max_value="9.9", places=1), min_size=5, max_size=5))
def test_a_row_without_figures_out_of_place_is_left_as_written(values: list[object]) -> None:
    written = [str(v).replace(".", ",") for v in values]
    cells, repairs = put_back_commas(_cells(written[0], written, written[-1]), "mean", "%", True)
    assert repairs == []
    assert cells == _cells(written[0], written, written[-1])


def test_a_growth_rate_below_minus_100_cannot_be_compounded() -> None:
    result = aggregate({2021: 5.0, 2022: -106.0, 2023: 4.0}, CAGR)
    assert result.value is None and "không tính được" in result.computation


# --- the verdict column read by its place --------------------------------------------------


@pytest.mark.parametrize(
    ("token", "word"),
    [("vuer", "Vượt"), ("Vuot", "Vượt"), ("bat", "Đạt"), ("Pat", "Đạt"), ("[Khone", "Không"), ("Khéng", "Không"), ("gid", "giá"), ("danh", "đánh")],
)
def test_a_wrecked_verdict_word(token: str, word: str) -> None:
    assert verdict_word(token) == word


@pytest.mark.parametrize("token", ["ha", "tỷ", "dân", "dần", "đã", "gì", "%", "2025", "xã", "trong", "không"[:2]])
def test_not_a_verdict_word(token: str) -> None:
    assert verdict_word(token) is None


def test_verdicts_after_a_row_of_figures_are_read_as_verdicts() -> None:
    text = "Diện tích trồng chè mới Ha 2.400 818 606 410 555 330 2.719 vuer\nGRDP bình quân Triệu đồng 65,0 44,7 49,4 52,2 62,6 65,0 65,0 bat\n"
    fixed = {text[r.start : r.end]: r.text for r in verdict_replacements(text)}
    assert fixed == {"vuer": "Vượt", "bat": "Đạt"}


def test_a_verdict_already_written_right_and_prose_are_left_alone() -> None:
    text = "Tỷ lệ che phủ rừng % 54,0 51,4 51,9 52,35 52,95 54,0 54,0 Đạt\nNăm 2024 đạt kết quả tốt, bat đầu triển khai.\n"
    assert verdict_replacements(text) == []


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Ty 1& hd dan duwoc st dung dién ludi qudc gia % 97 95,8 96,2 96,5 96,8 97,1 97,1 Pat", True),
        ("- T&c d6 tang trudng GRDP % 9-10 4,20 8,24 -3,42 10,52 8,00 5,39 | Khong dat", True),
        ("Tỷ lệ xã đạt chuẩn nông thôn mới % 57,5 41,5 41,5 41,5 41,5 - - , >,", True),
        ("2021 2022 2023 2024 2025 XIV", True),
        ("các xã 12, 15, 18, 20 và 22.", False),
        ("Kết quả: 12 15 18 20 ha, 30 ha", False),
        ("Tăng trưởng đạt 4,2 8,24 năm", False),
    ],
)
def test_a_flattened_row(line: str, row: bool) -> None:
    assert is_flattened_row(line) is row


def test_a_flattened_row_is_never_glued_to_the_line_under_it() -> None:
    text = "Tỷ lệ hộ dân có điện % 97 95,8 96,2 96,5 96,8 97,1 97,1 Đạt\nhợp vệ sinh\nTỷ lệ trường học % 100 99,5 99,7 99,7 100 100 100 Đạt\n"
    assert reflow(text).text.split("\n")[:3] == text.split("\n")[:3]
