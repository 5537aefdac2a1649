"""A resolution's table of targets whose rules a scan lost: each row a line "number, name, unit,
figure", read as the same table between bars is read.

The resolution below is ours, written the way Tesseract without a Vietnamese model writes a scanned
table: marks lost, rows spaced by blank lines, specks where the rules were, a row's number lost,
the header's year wrapped under it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.extract.facts import Period
from chitieu.extract.plan_tables import table_targets
from chitieu.pipeline import extract_facts, read_document
from chitieu.text.lines import split_lines
from chitieu.text.reflow import numbered_table_rows, reflow

WRECKED = """HOI DONG NHAN DAN TINH TAY SON HA
S6: 52/NQ-HDND
Tay Son Ha, ngay 08 thang 12 nim 2025

NGHI QUYET
Vé ké hoach phat trién kinh té - xa hoi nim 2026

HOI DONG NHAN DAN TINH TAY SON HA
QUYET NGHI:
Diéu 1. Thong qua céc chi tiéu chu yéu ké hoach phat trién kinh té - xa hoi
nim 2026 cua tinh tai Biéu kém theo Nghi quyét nay.
Diéu 2. Giao Uy ban nhan dan tinh t6 chitc thuc hién Nghi quyét nay.

Biéu
CAC CHi TIEU CHU YEU NAM 2026
(Kém theo Nghi quyét sé 52/NQ-HDND ngay 08/12/2025 cua HDND tinh)

STT Chi tiéu Don vi Ké hoach
2026

I Chi tiéu kinh té al

1 Téc dé ting trudng GRDP % 8-8,5

2 Thu ngan sach nha nudc trén dia ban Ty déng 5.100

3 Téng san lugng luong thuc c6 hat Nghin tan 245

a S6 xa dat chuan néng thén mdi (lity ké) Xa 71

Il Chi tiéu xa hoi

5 Ty lé hé nghéo % <6 a

6 Ty lé bao phu bao hiém y té % trén 95

7 Sé bac sy trén vaén dan Bac sy 14,5

8 Ty lé che phi rimg % 53,5

"""

CLEAN = """HỘI ĐỒNG NHÂN DÂN TỈNH TÂY SƠN HÀ
Số: 52/NQ-HĐND
Tây Sơn Hà, ngày 08 tháng 12 năm 2025

NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2026

HỘI ĐỒNG NHÂN DÂN TỈNH TÂY SƠN HÀ
QUYẾT NGHỊ:
Điều 1. Thông qua các chỉ tiêu chủ yếu kế hoạch phát triển kinh tế - xã hội năm 2026 của tỉnh tại Biểu kèm theo Nghị quyết này.
Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.

Biểu
CÁC CHỈ TIÊU CHỦ YẾU NĂM 2026
(Kèm theo Nghị quyết số 52/NQ-HĐND ngày 08/12/2025 của HĐND tỉnh)
STT | Chỉ tiêu | Đơn vị | Kế hoạch 2026
I | Chỉ tiêu kinh tế | |
1 | Tốc độ tăng trưởng GRDP | % | 8-8,5
2 | Thu ngân sách nhà nước trên địa bàn | Tỷ đồng | 5.100
3 | Tổng sản lượng lương thực có hạt | Nghìn tấn | 245
4 | Số xã đạt chuẩn nông thôn mới (lũy kế) | Xã | 71
II | Chỉ tiêu xã hội | |
5 | Tỷ lệ hộ nghèo | % | <6
6 | Tỷ lệ bao phủ bảo hiểm y tế | % | trên 95
7 | Số bác sỹ trên vạn dân | Bác sỹ | 14,5
8 | Tỷ lệ che phủ rừng | % | 53,5
"""

EXPECTED = {
    ("grdp_growth", 8.0, 8.5, "range", "%"),
    ("budget_revenue", 5100.0, None, "=", "tỷ đồng"),
    ("grain_output", 245.0, None, "=", "nghìn tấn"),
    ("ntm_communes", 71.0, None, "=", "xã"),
    ("poverty_rate", 6.0, None, "<", "%"),
    ("health_insurance_coverage", 95.0, None, ">", "%"),
    ("doctors_per_10k", 14.5, None, "=", "bác sỹ"),
    ("forest_cover", 53.5, None, "=", "%"),
}


@pytest.mark.parametrize(("name", "text"), [("nq_ocr.txt", WRECKED), ("nq.txt", CLEAN)])
def test_a_scanned_table_of_targets_reads_as_the_table_between_bars(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    targets = [f for f in extract_facts(doc) if f.kind == "target"]
    assert {(f.indicator, f.value, f.value_high, f.comparator, f.unit) for f in targets} == EXPECTED
    assert all(f.period == Period.year(2026) and f.extra["section"] == "table" for f in targets)
    for fact in targets:
        assert doc.text[fact.source.start : fact.source.end] == fact.source.text
        assert fact.source.text[:1].isupper()  # the name, not the row's number nor a speck before it


def _rows(text: str) -> list[str]:
    lines = split_lines(text)
    return [lines[k].stripped for k in sorted(numbered_table_rows(lines))]


def test_the_rows_of_a_scanned_table_are_kept_as_lines() -> None:
    rows = reflow(WRECKED).text.split("\n")
    assert "1 Téc dé ting trudng GRDP % 8-8,5" in rows
    assert "a S6 xa dat chuan néng thén mdi (lity ké) Xa 71" in rows  # its number lost
    assert "Il Chi tiéu xa hoi" in rows  # a group row between them
    assert "I Chi tiéu kinh té al" in rows  # the group row above the first row
    assert "5 Ty lé hé nghéo % <6 a" in rows  # a speck after its figure
    assert "8 Ty lé che phi rimg % 53,5" in rows


def test_rows_numbered_out_of_sequence_or_too_few_are_prose() -> None:
    assert _rows("1 Tỷ lệ hộ nghèo % 6\n2 Tỷ lệ che phủ rừng % 53\n") == []  # two rows are no table
    assert _rows("1 Tỷ lệ hộ nghèo % 6\n5 Tỷ lệ che phủ rừng % 53\n9 Số xã Xã 71\n") == []
    far = "1 Tỷ lệ hộ nghèo % 6\n" + "\n" * 12 + "2 Tỷ lệ che phủ rừng % 53\n3 Số xã Xã 71\n"
    assert _rows(far) == []  # a dozen lines apart: no rows of one table


def test_a_row_ending_in_a_broken_figure_is_still_a_row() -> None:
    text = "1 Tỷ lệ hộ nghèo % <6\n2 Mức giảm tỷ lệ hộ nghèo % 2:2,5)\n3 Tỷ lệ che phủ rừng % 53,5\n"
    assert len(_rows(text)) == 3


def _read(rows: str, header: str = "STT Chỉ tiêu Đơn vị Kế hoạch 2026") -> set[tuple[str, float | None, str | None, str]]:
    text = f"{header}\n{rows}"
    facts, spans = table_targets(text, "nq", None)
    assert all(text[a:b] in text.split("\n") for a, b in spans)  # each row a whole line
    return {(f.extra["label_as_written"], f.value, f.unit, f.comparator) for f in facts}  # type: ignore[misc]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("3 Thu ngân sách nhà nước trên địa bàn Tỷ đồng 4.250", ("Thu ngân sách nhà nước trên địa bàn", 4250.0, "tỷ đồng", "=")),
        ("6 ở Tỷ lệ hộ nghèo đa % lệ <8 là", ("Tỷ lệ hộ nghèo đa", 8.0, "%", "<")),  # specks around the cells
        ("10 Tỷ lệ bao phủ bảo hiểm y tế % trên 93", ("Tỷ lệ bao phủ bảo hiểm y tế", 93.0, "%", ">")),
        ("2 GRDP bình quân đầu người Triệu 82 đồng", ("GRDP bình quân đầu người", 82.0, "triệu đồng", "=")),  # unit wrapped
        ("9 Số lao động được giải quyết việc làm Ngươi 15.000", ("Số lao động được giải quyết việc làm", 15000.0, "người", "=")),
        (
            "12 Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt % 98,5 hợp vệ sinh",  # name wrapped
            ("Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt", 98.5, "%", "="),
        ),
        ("5 Số xã đạt chuẩn nông thôn mới (lũy kế) Xã 64", ("Số xã đạt chuẩn nông thôn mới", 64.0, "xã", "=")),
        ("4 Tổng vốn đầu tư toàn xã hội 36.000", ("Tổng vốn đầu tư toàn xã hội", 36000.0, None, "=")),  # no unit cell
    ],
)
def test_a_row_line_gives_its_name_unit_and_plan_figure(row: str, expected: tuple[str, float, str | None, str]) -> None:
    assert _read(row) == {expected}


@pytest.mark.parametrize(
    "row",
    [
        "7 Mức giảm tỷ lệ hộ nghèo % 2:2,5)",  # a range OCR broke: no figure rather than a wrong one
        "II Chỉ tiêu xã hội",  # a group row
        "hợp vệ sinh",  # a name wrapped under its row
        "Điều 3. Nghị quyết này có hiệu lực từ ngày 10 tháng 12 năm 2025 và được thi hành trong toàn tỉnh.",
        "Tổng vốn đầu tư toàn xã hội 36.000",  # neither numbered nor with a unit
    ],
)
def test_lines_that_state_no_target_of_the_table(row: str) -> None:
    assert _read(row) == set()


@pytest.mark.parametrize(
    "header",
    [
        "SỐ Chỉ tiêu Đơn vị Kế hoạch 2026",  # "STT" as OCR left it
        "TT Chỉ tiêu Đơn vị tính Kế hoạch năm 2026",
    ],
)
def test_a_plan_header_written_on_one_line(header: str) -> None:
    assert _read("1 Tỷ lệ hộ nghèo % <6", header) == {("Tỷ lệ hộ nghèo", 6.0, "%", "<")}


@pytest.mark.parametrize(
    "header",
    [
        "STT Chỉ tiêu Đơn vị Kế hoạch 2025 Ước thực hiện 2025",  # results beside the plan: an evaluation table
        "Các chỉ tiêu, đơn vị và kế hoạch năm 2026 được giao như sau",  # a sentence
        "STT Chỉ tiêu Kế hoạch 2026",  # no unit column: still a plan table
    ],
)
def test_lines_that_are_no_plan_header_or_read_without_units(header: str) -> None:
    found = _read("1 Tỷ lệ hộ nghèo % <6", header)
    if header.startswith("STT Chỉ tiêu Kế hoạch"):
        assert found == {("Tỷ lệ hộ nghèo", 6.0, "%", "<")}
    else:
        assert found == set()
