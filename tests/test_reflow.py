"""Re-flow: hard-wrapped lines become one paragraph a line; items and headings stay apart."""

from __future__ import annotations

import pytest

from chitieu.text.lines import split_lines
from chitieu.text.reflow import Layout, continues, detect_layout, reflow

PDF_SPACED = """\
 KẾ HOẠCH

Triển khai nhiệm vụ phát triển kinh tế - xã hội của huyện Tân Sơn năm

2024 theo chỉ đạo của Ủy ban nhân dân tỉnh

A. MỤC ĐÍCH, YÊU CẦU

1. Bảo đảm mọi cơ quan, đơn vị nắm vững các chỉ tiêu được giao trong năm

và chủ động tổ chức thực hiện ngay từ những tháng đầu năm.

2. Xác định rõ đơn vị chủ trì, đơn vị phối hợp và thời hạn hoàn thành.

B. NỘI DUNG

I. NHIỆM VỤ TRỌNG TÂM
 1. Giữ vững tốc độ tăng trưởng và ổn định đời sống của người dân vùng

cao biên giới

a) Phấn đấu tổng sản lượng lương thực đạt trên 52 nghìn tấn, diện tích

trồng mới cây chè đạt 300 ha trong giai đoạn 2021-

2025; tỷ lệ hộ nghèo giảm còn dưới 12%.

b) Tập trung hoàn thành các công trình chuyển tiếp của huyện Tân

Sơn trước ngày 30/9/2024.
 - Rà soát danh mục dự án khởi công mới.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""

PDF_SPACED_EXPECTED = [
    "KẾ HOẠCH",
    "Triển khai nhiệm vụ phát triển kinh tế - xã hội của huyện Tân Sơn năm 2024 theo chỉ đạo của Ủy ban nhân dân tỉnh",
    "A. MỤC ĐÍCH, YÊU CẦU",
    "1. Bảo đảm mọi cơ quan, đơn vị nắm vững các chỉ tiêu được giao trong năm và chủ động tổ chức thực hiện"
    " ngay từ những tháng đầu năm.",
    "2. Xác định rõ đơn vị chủ trì, đơn vị phối hợp và thời hạn hoàn thành.",
    "B. NỘI DUNG",
    "I. NHIỆM VỤ TRỌNG TÂM",
    "1. Giữ vững tốc độ tăng trưởng và ổn định đời sống của người dân vùng cao biên giới",
    "a) Phấn đấu tổng sản lượng lương thực đạt trên 52 nghìn tấn, diện tích trồng mới cây chè đạt 300 ha"
    " trong giai đoạn 2021-2025; tỷ lệ hộ nghèo giảm còn dưới 12%.",
    "b) Tập trung hoàn thành các công trình chuyển tiếp của huyện Tân Sơn trước ngày 30/9/2024.",
    "- Rà soát danh mục dự án khởi công mới.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
]


def _clean(text: str) -> str:
    """What the character step hands to re-flow: no trailing spaces."""
    return "\n".join(line.rstrip() for line in text.split("\n"))


def test_pdf_export_with_blank_spacer_lines_becomes_paragraphs() -> None:
    text = _clean(PDF_SPACED)
    layout = detect_layout(split_lines(text))
    assert layout.spaced and layout.wrap_width is not None
    assert reflow(text).text.split("\n") == PDF_SPACED_EXPECTED


MARKDOWN_WRAPPED = """\
Nghị quyết này quy định các chỉ tiêu chủ yếu của năm kế hoạch và giao
Ủy ban nhân dân tỉnh tổ chức thực hiện, báo cáo kết quả tại kỳ họp cuối
năm.

Tiếp tục cải thiện môi trường đầu tư kinh doanh, thu hút thêm các dự án
sản xuất hàng hóa tập trung, phát triển du lịch cộng đồng gắn với bảo tồn

bản sắc văn hóa các dân tộc.

1. Mục tiêu chung

Giữ vững quốc phòng, an ninh; bảo đảm an sinh xã hội cho các hộ gia đình
vùng sâu, vùng xa.

Điều 2. Tổ chức thực hiện
"""


def test_wrapped_text_without_spacers_keeps_blank_lines_as_paragraph_breaks() -> None:
    out = reflow(MARKDOWN_WRAPPED).text.split("\n")
    assert out == [
        "Nghị quyết này quy định các chỉ tiêu chủ yếu của năm kế hoạch và giao Ủy ban nhân dân tỉnh tổ chức"
        " thực hiện, báo cáo kết quả tại kỳ họp cuối năm.",
        # a page break inside the sentence (blank line, then lower case) is joined
        "Tiếp tục cải thiện môi trường đầu tư kinh doanh, thu hút thêm các dự án sản xuất hàng hóa tập trung,"
        " phát triển du lịch cộng đồng gắn với bảo tồn bản sắc văn hóa các dân tộc.",
        "1. Mục tiêu chung",
        "Giữ vững quốc phòng, an ninh; bảo đảm an sinh xã hội cho các hộ gia đình vùng sâu, vùng xa.",
        "Điều 2. Tổ chức thực hiện",
    ]


def test_one_paragraph_a_line_is_left_alone() -> None:
    text = (
        "a) Chỉ tiêu kinh tế\n"
        "Tốc độ tăng trưởng đạt 8%; thu ngân sách đạt 1.200 tỷ đồng.\n"
        "b) Chỉ tiêu xã hội\n"
        "Tỷ lệ hộ nghèo giảm 3%."
    )
    assert reflow(text).text == text
    assert reflow(reflow(text).text).text == text


@pytest.mark.parametrize(
    "nxt",
    [
        "A. MỤC TIÊU",
        "II. GIẢI PHÁP",
        "1. Nâng cao chất lượng",
        "1.2. Thương mại",
        "a) Sản xuất nông nghiệp",
        "đ) Công tác dân tộc",
        "(1) Tốc độ tăng trưởng",
        "(3). Thu ngân sách",
        "- Văn phòng Chính phủ;",
        "+ Bổ sung vốn",
        "* Ghi chú",
        "Điều 1. Thông qua kế hoạch",
        "Phần thứ II",
        "Chương III",
        "Căn cứ Luật Ngân sách nhà nước;",
        "Nơi nhận:",
        "Chỉ tiêu | Đơn vị | Kế hoạch",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hà Giang, ngày 10 tháng 3 năm 2024",
    ],
)
def test_units_are_never_glued_to_the_line_above(nxt: str) -> None:
    wrapped = Layout(wrap_width=80, spaced=False)
    # even after a line that plainly continues (it ends with "của")
    assert not continues(
        "đảm bảo hoàn thành các nhiệm vụ trọng tâm, trọng điểm đã đề ra của", nxt, 0, wrapped
    )


@pytest.mark.parametrize(
    ("prev", "nxt", "gap", "joined"),
    [
        # lower case after an unfinished line: always a continuation
        ("Tổng diện tích gieo trồng cây lương thực ước đạt", "40 nghìn ha, tăng 2%.", 0, True),
        ("Tổng diện tích gieo trồng cây lương thực ước đạt", "vượt kế hoạch năm.", 1, True),
        # a compound cut at its hyphen
        ("trong giai đoạn 2021-", "2025 đạt 100%.", 0, True),
        # sentence punctuation then upper case: a new paragraph
        ("Tỷ lệ che phủ rừng đạt 51%.", "Thu ngân sách đạt 900 tỷ đồng.", 0, False),
        # a short line without punctuation before upper case: a heading
        ("Tăng cường quản lý đất đai", "Rà soát quy hoạch sử dụng đất.", 0, False),
        # a full line carries a proper noun over
        (
            "Tiếp tục phối hợp với các sở, ban, ngành triển khai dự án trọng điểm của tỉnh",
            "Lào Cai.",
            0,
            True,
        ),
        # capitals never join
        ("B. NỘI DUNG", "các nhiệm vụ", 0, False),
        # a quotation continues the sentence, but one opening on a capital reads as the capital does
        ("thực hiện nghiêm phương châm", "“Dân biết, dân bàn, dân làm”.", 0, True),
        ("thực hiện phương châm", "“dân biết, dân bàn”.", 0, True),
        ("2. Mục tiêu cụ thể", "‘Trong năm 2025, phấn đấu tỷ lệ hộ nghèo giảm.", 0, False),
    ],
)
def test_continuation_rules(prev: str, nxt: str, gap: int, joined: bool) -> None:
    assert continues(prev, nxt, gap, Layout(wrap_width=80, spaced=False)) is joined


def test_blank_lines_count_as_breaks_only_when_not_spaced() -> None:
    prev, nxt = "Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước của", "Tỉnh ủy và các huyện."
    assert continues(prev, nxt, 1, Layout(wrap_width=80, spaced=True))
    assert continues(prev, nxt, 1, Layout(wrap_width=None, spaced=False))  # ends with "của"
    assert not continues("Đẩy mạnh chuyển đổi số.", "Tỉnh ủy chỉ đạo.", 1, Layout(wrap_width=80, spaced=True))


def test_reflow_maps_every_character_back() -> None:
    text = _clean(PDF_SPACED)
    mapped = reflow(text)
    for i, ch in enumerate(mapped.text):
        start, end = mapped.to_original(i, i + 1)
        source = text[start:end]
        if ch in " \n":
            assert source.isspace()
        else:
            assert source == ch
