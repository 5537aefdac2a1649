"""The outline: headings, their nesting, dotted paths and spans."""

from __future__ import annotations

from chitieu.extract.outline import Heading, parse_outline
from chitieu.pipeline import read_document
from corpus import clean

PLAN = """\
KẾ HOẠCH
Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024

I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm các chỉ tiêu được giao.
2. Phân công rõ cơ quan chủ trì.
II. NHIỆM VỤ, GIẢI PHÁP
1. Phát triển nông nghiệp
a) Sở Nông nghiệp và Phát triển nông thôn chủ trì mở rộng vùng chè.
- Trồng mới 300 ha chè.
- Chăm sóc diện tích hiện có.
+ Ưu tiên vùng cao.
b) Hoàn thiện chính sách hỗ trợ sản xuất.
2. Phát triển công nghiệp
a) Đẩy nhanh các dự án thủy điện.
III. TỔ CHỨC THỰC HIỆN
Các sở, ngành báo cáo hằng quý.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def _paths(headings: list[Heading]) -> list[str]:
    return [h.path for h in headings]


def test_a_plan_nests_roman_arabic_letters_dashes_and_pluses() -> None:
    headings = parse_outline(PLAN)
    assert _paths(headings) == [
        "I",
        "I.1",
        "I.2",
        "II",
        "II.1",
        "II.1.a",
        "II.1.a.-1",
        "II.1.a.-2",
        "II.1.a.-2.+1",
        "II.1.b",
        "II.2",
        "II.2.a",
        "III",
    ]
    by_path = {h.path: h for h in headings}
    assert by_path["II"].title == "NHIỆM VỤ, GIẢI PHÁP"
    assert by_path["II.1.a"].title == "Sở Nông nghiệp và Phát triển nông thôn chủ trì mở rộng vùng chè"
    assert by_path["II.1.a"].level == "letter_lower"
    assert by_path["II.1.a.-1"].level == "dash"
    assert by_path["II.1.a"].parent == "II.1"


def test_the_same_marker_restarts_under_a_new_parent() -> None:
    headings = parse_outline(PLAN)
    ones = [h.path for h in headings if h.marker == "1"]
    assert ones == ["I.1", "II.1"]


def test_spans_cover_the_heading_line_and_its_section() -> None:
    headings = parse_outline(PLAN)
    by_path = {h.path: h for h in headings}
    h = by_path["II.1"]
    assert PLAN[h.start : h.end] == "1. Phát triển nông nghiệp"
    section = PLAN[h.start : h.body_end]
    assert section.startswith("1. Phát triển nông nghiệp")
    assert section.endswith("b) Hoàn thiện chính sách hỗ trợ sản xuất.")
    last = by_path["III"]
    assert PLAN[last.start : last.body_end].endswith("báo cáo hằng quý.")  # stops before Nơi nhận


def test_the_recipient_list_is_not_part_of_the_outline() -> None:
    assert not any("Lưu" in h.title or "Như trên" in h.title for h in parse_outline(PLAN))


RESOLUTION = """\
QUYẾT NGHỊ:
Điều 1. Thông qua kế hoạch năm 2024 với các nội dung sau:
1. Mục tiêu tổng quát
Giữ vững tăng trưởng.
2. Các chỉ tiêu chủ yếu
(1) Tốc độ tăng trưởng GRDP khoảng 8%.
(2) Thu ngân sách đạt 3.100 tỷ đồng.
3. Nhiệm vụ, giải pháp
a) Về kinh tế
b) Về văn hóa - xã hội
Điều 2. Tổ chức thực hiện
1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.
Điều 3. Hiệu lực thi hành
"""


def test_a_resolution_is_divided_into_articles() -> None:
    headings = parse_outline(RESOLUTION)
    assert _paths(headings) == [
        "Đ1",
        "Đ1.1",
        "Đ1.2",
        "Đ1.2.(1)",
        "Đ1.2.(2)",
        "Đ1.3",
        "Đ1.3.a",
        "Đ1.3.b",
        "Đ2",
        "Đ2.1",
        "Đ3",
    ]
    assert headings[0].marker == "Điều 1"
    assert headings[0].level == "dieu"
    assert headings[0].title == "Thông qua kế hoạch năm 2024 với các nội dung sau"
    assert headings[3].title == "Tốc độ tăng trưởng GRDP khoảng 8%"


REPORT = """\
A. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT
B. TÌNH HÌNH KINH TẾ - XÃ HỘI
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Kinh tế
1.1. Nông nghiệp
a) Trồng trọt
1.2. Công nghiệp
2. Văn hóa - xã hội
II. HẠN CHẾ
Phần thứ II
NHIỆM VỤ QUÝ IV
1. Tập trung thu ngân sách.
2. Đẩy mạnh giải ngân.
"""


def test_a_report_with_decimal_numbers_and_a_second_part() -> None:
    headings = parse_outline(REPORT)
    assert _paths(headings) == [
        "A",
        "B",
        "B.I",
        "B.I.1",
        "B.I.1.1",
        "B.I.1.1.a",
        "B.I.1.2",
        "B.I.2",
        "B.II",
        "P2",
        "P2.1",
        "P2.2",
    ]
    by_path = {h.path: h for h in headings}
    assert by_path["P2"].title == "NHIỆM VỤ QUÝ IV"  # the marker stands alone on its line
    assert by_path["B.I.1.1"].level == "decimal"


def test_capital_i_after_h_is_a_letter_and_otherwise_a_roman_numeral() -> None:
    letters = "\n".join(f"{c}. Mục {c}" for c in "ABCDEFGHI") + "\nI. Mục con\n"
    headings = parse_outline(letters)
    assert [h.level for h in headings[:9]] == ["letter_upper"] * 9
    assert headings[8].path == "I"
    assert headings[9].level == "roman"
    assert headings[9].path == "I.I"
    romans = parse_outline("I. Một\nII. Hai\nIII. Ba\nIV. Bốn\nV. Năm\n")
    assert [h.level for h in romans] == ["roman"] * 5


def test_numbers_at_the_start_of_wrapped_lines_are_not_headings() -> None:
    wrapped = (
        "1. Tiếp tục thực hiện chương trình hỗ trợ doanh nghiệp nhỏ và vừa theo Quyết định số \n"
        "\n"
        "1784/QĐ-UBND ngày 30/12/2021 của Ủy ban nhân dân tỉnh giai đoạn 2022-\n"
        "\n"
        "2025. Tổ chức đánh giá kết quả thực hiện và đề xuất giải pháp cho giai đoạn sau, bảo đảm\n"
        "\n"
        "12. tiêu chí được giữ vững trong toàn tỉnh theo chỉ đạo.\n"
        "2. Nhiệm vụ thứ hai.\n"
    )
    headings = parse_outline(wrapped)
    assert [h.marker for h in headings] == ["1", "2"]


def test_a_heading_title_follows_hard_wrapped_lines() -> None:
    wrapped = (
        "3. Tăng cường xây dựng, hoàn thiện thể chế và nâng cao hiệu lực, hiệu \n"
        "\n"
        "quả thi hành pháp luật, bảo đảm kỷ luật, kỷ cương \n"
        "\n"
        "a) Rà soát văn bản quy phạm pháp luật.\n"
    )
    headings = parse_outline(wrapped)
    assert headings[0].title == (
        "Tăng cường xây dựng, hoàn thiện thể chế và nâng cao hiệu lực, hiệu quả thi hành pháp luật, "
        "bảo đảm kỷ luật, kỷ cương"
    )
    assert headings[1].path == "3.a"


def test_markdown_emphasis_around_markers_is_ignored() -> None:
    headings = parse_outline("**1. Mục tiêu chung**\nNội dung.\n- *Lĩnh vực nông nghiệp*: Phát triển chè.\n")
    assert [(h.path, h.title) for h in headings] == [
        ("1", "Mục tiêu chung"),
        ("1.-1", "Lĩnh vực nông nghiệp"),
    ]


def test_a_duplicated_marker_gets_a_unique_path() -> None:
    headings = parse_outline("1. Một.\na) Một a.\na) Lặp lại.\nb) Hai.\n")
    paths = _paths(headings)
    assert len(paths) == len(set(paths))
    assert "1.a~2" in paths


def test_table_rows_are_not_headings() -> None:
    assert parse_outline("1 | Tốc độ tăng trưởng | % | 8,0\n2. | Thu ngân sách | tỷ đồng | 3.100\n") == []


def test_empty_text_has_no_outline() -> None:
    assert parse_outline("") == []


# The real plan, through the real pipeline.


def _outline(prefix: str) -> tuple[str, list[Heading]]:
    doc = read_document(clean(prefix))
    return doc.text, doc.outline


def test_corpus_001_plan_has_its_full_tree() -> None:
    text, outline = _outline("001")
    paths = _paths(outline)
    assert len(paths) == len(set(paths))
    part_b = [h for h in outline if h.path.startswith("B.") and h.level != "dash"]
    # counted by hand: I and II; 11 + 2 numbered items; 31 + 4 lettered items
    assert len([h for h in part_b if h.level == "roman"]) == 2
    assert len([h for h in part_b if h.level == "arabic"]) == 13
    assert len([h for h in part_b if h.level == "letter_lower"]) == 35
    assert "B.I.3.b" in paths and "B.I.3.a" not in paths  # the plan itself skips 3.a
    assert "B.I.8.đ" in paths and "B.I.8.g" in paths
    assert [h.path for h in outline if h.level == "letter_upper"] == ["A", "B"]
    for h in outline:
        assert text[h.start : h.end].strip()
        assert h.start < h.end <= h.body_end


def test_corpus_004_report_has_its_second_part() -> None:
    _text, outline = _outline("004")
    paths = _paths(outline)
    assert "B.I.1.1" in paths and "B.II" in paths and "P2" in paths
    assert [h.path for h in outline if h.parent == "P2"] == [f"P2.{i}" for i in range(1, 10)]


def test_corpus_002_resolution_has_ten_main_targets() -> None:
    _text, outline = _outline("002")
    assert [h.marker for h in outline if h.parent == "Đ1.2"] == [f"{i}" for i in range(1, 11)]
