"""Document metadata: what the header (or, failing it, the body) says about the document."""

from __future__ import annotations

import datetime as dt

import pytest

from chitieu.extract.metadata import extract_metadata, sentence_case_body
from chitieu.pipeline import read_document
from corpus import clean

# Headers in the forms the province's neighbours use (our own wording).

RESOLUTION_TABLE_HEADER = """\
HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH ĐIỆN BIÊN | Độc lập - Tự do - Hạnh phúc
Số: 17/2023/NQ-HĐND | Điện Biên, ngày 08 tháng 12 năm 2023

NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2024

HỘI ĐỒNG NHÂN DÂN TỈNH ĐIỆN BIÊN
KHÓA XV, KỲ HỌP THỨ MƯỜI BA

Căn cứ Nghị quyết số 45/2020/NQ-HĐND ngày 10 tháng 12 năm 2020 về kế hoạch 5 năm 2021-2025;
Xét Tờ trình số 4021/TTr-UBND ngày 20 tháng 11 năm 2023 của Ủy ban nhân dân tỉnh;
QUYẾT NGHỊ:
Điều 1. Thông qua kế hoạch năm 2024.
"""

PLAN_COLUMNS_HEADER = """\
ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HÀ GIANG                          Độc lập - Tự do - Hạnh phúc

Số:      /KH-UBND               Hà Giang, ngày      tháng 02 năm 2024

KẾ HOẠCH
Triển khai thực hiện các nhiệm vụ, giải pháp chủ yếu
về phát triển kinh tế - xã hội 6 tháng đầu năm 2024

Căn cứ Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
"""

REPORT_HEADER = """\
**ỦY BAN NHÂN DÂN**
**TỈNH SƠN LA**

Số: 305/BC-UBND

*Sơn La, ngày 25 tháng 6 năm 2024*

**BÁO CÁO**

**Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội quý II năm 2024**

Thực hiện chỉ đạo của Bộ Kế hoạch và Đầu tư, Ủy ban nhân dân tỉnh báo cáo như sau:
"""

PARTY_HEADER = """\
ĐẢNG BỘ TỈNH YÊN BÁI | ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY
Số 12-NQ/TU | Yên Bái, ngày 15 tháng 3 năm 2021

NGHỊ QUYẾT
về phát triển nông nghiệp hàng hóa giai đoạn 2021-2025, định hướng đến năm 2030

Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ 2020-2025,
"""

OFFICIAL_LETTER = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÀO CAI | Độc lập - Tự do - Hạnh phúc
Số: 1234/UBND-TH | Lào Cai, ngày 03 tháng 10 năm 2024
V/v báo cáo tình hình kinh tế - xã hội tháng 9 năm 2024

Kính gửi: Các sở, ban, ngành tỉnh.
"""

DECISION_UNACCENTED = """\
UY BAN NHAN DAN | CONG HOA XA HOI CHU NGHIA VIET NAM
TINH CAO BANG | Doc lap - Tu do - Hanh phuc
So: 88/QD-UBND | Cao Bang, ngay 12 thang 01 nam 2024

QUYET DINH
Ve viec giao chi tieu ke hoach nam 2024

Can cu Luat To chuc chinh quyen dia phuong;
"""


def test_a_resolution_with_its_header_table() -> None:
    meta = extract_metadata(RESOLUTION_TABLE_HEADER)
    assert meta.doc_type == "Nghị quyết"
    assert meta.number == "17/2023/NQ-HĐND"  # not the cited 45/2020/NQ-HĐND
    assert meta.issuer == "Hội đồng nhân dân tỉnh Điện Biên"
    assert meta.place == "Điện Biên"
    assert meta.issued_on == dt.date(2023, 12, 8)
    assert meta.issued_text == "Điện Biên, ngày 08 tháng 12 năm 2023"
    assert meta.title == "Về kế hoạch phát triển kinh tế - xã hội năm 2024"
    assert (meta.period_start, meta.period_end, meta.period_label) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
        "năm 2024",
    )


def test_a_draft_plan_with_blank_number_and_day_in_side_by_side_columns() -> None:
    meta = extract_metadata(PLAN_COLUMNS_HEADER)
    assert meta.doc_type == "Kế hoạch"
    assert meta.number == "/KH-UBND"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Hà Giang"
    assert meta.issued_on is None
    assert meta.issued_text == "Hà Giang, ngày tháng 02 năm 2024"
    assert (meta.issued_year, meta.issued_month) == (2024, 2)
    assert meta.title is not None and meta.title.startswith("Triển khai thực hiện")
    assert meta.title.endswith("6 tháng đầu năm 2024")
    assert meta.period_label == "6 tháng đầu năm 2024"
    assert meta.period_end == dt.date(2024, 6, 30)


def test_a_markdown_report_with_its_header_on_separate_lines() -> None:
    meta = extract_metadata(REPORT_HEADER)
    assert meta.doc_type == "Báo cáo"
    assert meta.number == "305/BC-UBND"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Sơn La"
    assert meta.issued_on == dt.date(2024, 6, 25)
    assert meta.title == "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội quý II năm 2024"
    assert meta.period_label == "quý II năm 2024"
    assert (meta.period_start, meta.period_end) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))


def test_a_party_resolution() -> None:
    meta = extract_metadata(PARTY_HEADER)
    assert meta.doc_type == "Nghị quyết"
    assert meta.number == "12-NQ/TU"
    assert meta.issuer == "Đảng bộ tỉnh Yên Bái"
    assert meta.issued_on == dt.date(2021, 3, 15)
    assert meta.period_label == "giai đoạn 2021-2025"


# A political report's draft as a text layer holds it: the two header columns run into one line
# with single spaces, the heading is the report's theme and "Báo cáo chính trị" only its subtitle.
POLITICAL_DRAFT = """TỈNH ỦY YÊN BÁI ĐẢNG CỘNG SẢN VIỆT NAM
*
Số -BC/TU Yên Bái, ngày tháng 8 năm 2025 (Dự thảo lần 3)
PHÁT HUY SỨC MẠNH ĐOÀN KẾT, XÂY DỰNG TỈNH
YÊN BÁI PHÁT TRIỂN NHANH, BỀN VỮNG
(Báo cáo chính trị của Ban Chấp hành Đảng bộ tỉnh khóa XIX trình Đại hội đại biểu Đảng bộ tỉnh lần thứ XX)
Đại hội có nhiệm vụ kiểm điểm việc thực hiện Nghị quyết Đại hội lần thứ XIX, nhiệm kỳ 2020-2025, xác định mục tiêu, nhiệm vụ nhiệm kỳ 2025-2030.
Phần thứ nhất
KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI, NHIỆM KỲ 2020-2025
"""

# The same with its own type line, as a clean copy sets it.
POLITICAL_CLEAN = """ĐẢNG BỘ TỈNH YÊN BÁI ĐẢNG CỘNG SẢN VIỆT NAM
BAN CHẤP HÀNH
* Yên Bái, ngày 22 tháng 9 năm 2025
Số 118-BC/TU
BÁO CÁO CHÍNH TRỊ
CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHÓA XIX TẠI ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH LẦN THỨ XX, NHIỆM KỲ 2025-2030
Đại hội đại biểu Đảng bộ tỉnh lần thứ XX diễn ra trong bối cảnh cả nước bước vào kỷ nguyên mới.
"""


@pytest.mark.parametrize(
    ("text", "issuer", "issued"),
    [
        (POLITICAL_DRAFT, "Tỉnh ủy Yên Bái", (None, 2025, 8)),
        (POLITICAL_CLEAN, "Đảng bộ tỉnh Yên Bái", (dt.date(2025, 9, 22), 2025, 9)),
    ],
)
def test_a_political_report_plans_the_coming_term(text: str, issuer: str, issued: tuple[object, ...]) -> None:
    meta = extract_metadata(text)
    assert meta.doc_type == "Báo cáo chính trị"
    assert meta.issuer == issuer  # the motto of the other column is no part of it
    assert meta.place == "Yên Bái"
    assert (meta.issued_on, meta.issued_year, meta.issued_month) == issued
    # the term it sets targets for, though its opening names the term it reviews first
    assert meta.period_label == "nhiệm kỳ 2025-2030"
    assert meta.title is None or not meta.title.startswith("CHÍNH TRỊ")


def test_an_official_letter_is_known_by_its_symbol() -> None:
    meta = extract_metadata(OFFICIAL_LETTER)
    assert meta.doc_type == "Công văn"
    assert meta.number == "1234/UBND-TH"
    assert meta.title == "báo cáo tình hình kinh tế - xã hội tháng 9 năm 2024"
    assert meta.period_label == "tháng 9 năm 2024"


def test_a_header_without_diacritics_still_reads() -> None:
    meta = extract_metadata(DECISION_UNACCENTED)
    assert meta.doc_type == "Quyết định"
    assert meta.number == "88/QD-UBND"
    assert meta.period_label == "năm 2024"


def test_a_file_without_header_says_what_it_is_in_its_body() -> None:
    text = (
        "Căn cứ Nghị quyết số 21/NQ-HĐND ngày 07/12/2023 của HĐND tỉnh, UBND tỉnh Bắc Kạn ban hành "
        "Kế hoạch thực hiện nhiệm vụ năm 2024 như sau:\nI. MỤC ĐÍCH\n"
    )
    meta = extract_metadata(text)
    assert meta.doc_type == "Kế hoạch"
    assert meta.number is None  # 21/NQ-HĐND is cited, not this document's number
    assert meta.issuer == "Ủy ban nhân dân tỉnh Bắc Kạn"
    assert meta.period_label == "năm 2024"


def test_empty_text_gives_empty_metadata() -> None:
    meta = extract_metadata("")
    assert meta.to_json()["doc_type"] is None
    assert meta.period is None


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("HỘI ĐỒNG NHÂN DÂN TỈNH LAI CHÂU", "Hội đồng nhân dân tỉnh Lai Châu"),
        ("UỶ BAN NHÂN DÂN TỈNH LAI CHÂU", "Ủy ban nhân dân tỉnh Lai Châu"),
        ("ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG", "Ủy ban nhân dân huyện Tam Đường"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU", "Ủy ban nhân dân thành phố Lai Châu"),
        ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH LAI CHÂU", "Ban Chấp hành Đảng bộ tỉnh Lai Châu"),
        ("TỈNH ỦY LAI CHÂU", "Tỉnh ủy Lai Châu"),
        ("UBND TỈNH LAI CHÂU", "Ủy ban nhân dân tỉnh Lai Châu"),
        ("SỞ TÀI CHÍNH", "Sở Tài chính"),
    ],
)
def test_issuing_bodies_are_written_in_sentence_case(written: str, normalised: str) -> None:
    assert sentence_case_body(written) == normalised


# The real documents, through the real pipeline.


def _meta(prefix: str):  # type: ignore[no-untyped-def]
    return read_document(clean(prefix)).metadata


def test_corpus_002_is_resolution_52() -> None:
    meta = _meta("002")
    assert meta.doc_type == "Nghị quyết"
    assert meta.number == "52/NQ-HĐND"
    assert meta.issuer == "Hội đồng nhân dân tỉnh Lai Châu"
    assert meta.place == "Lai Châu"
    assert meta.issued_on == dt.date(2022, 12, 9)
    assert meta.period_label == "năm 2023"
    assert meta.title is not None and "Kế hoạch phát triển kinh tế - xã hội" in meta.title


def test_corpus_000_is_the_resolution_for_2018() -> None:
    meta = _meta("000")
    assert meta.doc_type == "Nghị quyết"
    assert meta.number is None  # the file has no number line; 332/BC-UBND is a cited report
    assert meta.issuer == "Hội đồng nhân dân tỉnh Lai Châu"
    assert meta.issued_on == dt.date(2017, 12, 8)  # "thông qua ngày 08 tháng 12 năm 2017"
    assert meta.period_label == "năm 2018"


def test_corpus_001_is_the_plan_for_2023_implementing_01_nq_cp() -> None:
    meta = _meta("001")
    assert meta.doc_type == "Kế hoạch"
    assert meta.number is None
    assert meta.issuer == "Ủy ban nhân dân tỉnh Lai Châu"
    assert meta.implements == ["01/NQ-CP"]
    assert meta.period_label == "năm 2023"
    assert meta.issued_on is None


def test_corpus_004_reports_nine_months_of_2024() -> None:
    meta = _meta("004")
    assert meta.doc_type == "Báo cáo"
    assert meta.number == "/BC-UBND"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Lai Châu"
    assert meta.issued_on is None
    assert meta.issued_year == 2024
    assert (meta.period_start, meta.period_end, meta.period_label) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 9, 30),
        "9 tháng năm 2024",
    )


def test_the_title_stops_where_an_appendix_and_its_table_begin() -> None:
    header = (
        "**TỈNH ỦY HÒA BÌNH**\n\nSố 88-BC/TU\n\nBÁO CÁO\n\n"
        "**Kết quả thực hiện các chỉ tiêu nhiệm kỳ 2020-2025**\n\n"
        "Phụ lục: Các chỉ tiêu chủ yếu\n\n"
        "STT | Chỉ tiêu | Đơn vị tính | Mục tiêu\n1 | Tỷ lệ che phủ rừng | % | 52\n"
    )
    assert extract_metadata(header).title == "Kết quả thực hiện các chỉ tiêu nhiệm kỳ 2020-2025"
