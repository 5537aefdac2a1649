"""Normalisation end to end: the text that comes out, and the map back to the raw text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.ingest.base import Footnote, RawDocument
from chitieu.text.markdown import looks_like_markdown, strip_markdown
from chitieu.text.normalize import Normalized, normalize, normalize_text
from chitieu.text.offsets import MappedText
from corpus import clean


def _letters(text: str) -> list[str]:
    return [ch for ch in unicodedata.normalize("NFC", text) if ch.isalpha()]


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


def _assert_maps_back(raw: str, result: Normalized, start: int, end: int) -> None:
    """The original slice of a span holds the span's letters, in order (NFC, spaces aside)."""
    a, b = result.mapped.to_original(start, end)
    assert 0 <= a <= b <= len(raw)
    assert _is_subsequence(_letters(result.mapped.text[start:end]), _letters(raw[a:b])), (
        result.mapped.text[start:end],
        raw[a:b],
    )


# --- characters -------------------------------------------------------------------------


def test_decomposed_text_comes_out_composed_and_maps_to_all_its_code_points() -> None:
    composed = "Tỷ lệ hộ nghèo giảm còn 12,5%; thu nhập bình quân đạt 45 triệu đồng."
    raw = unicodedata.normalize("NFD", composed)
    assert raw != composed
    result = normalize_text(raw)
    assert result.mapped.text == composed
    i = composed.index("nghèo")
    a, b = result.mapped.to_original(i, i + len("nghèo"))
    assert raw[a:b] == unicodedata.normalize("NFD", "nghèo")
    # a span ending in a composed letter takes all of its marks
    j = composed.index("lệ") + 1
    a, b = result.mapped.to_original(j, j + 1)
    assert unicodedata.normalize("NFC", raw[a:b]) == "ệ"


def test_windows_line_ends_odd_spaces_and_invisible_characters() -> None:
    raw = "Chỉ\u00a0tiêu\tchủ   yếu:\u200b tăng 9%\u00ad \r\nThu ngân sách\u202fđạt 2.450 tỷ đồng.\r\n"
    result = normalize_text(raw)
    assert result.mapped.text == "Chỉ tiêu chủ yếu: tăng 9%\nThu ngân sách đạt 2.450 tỷ đồng."
    i = result.mapped.text.index("Thu")
    a, b = result.mapped.to_original(i, i + 3)
    assert raw[a:b] == "Thu"


# --- Markdown ---------------------------------------------------------------------------

MARKDOWN = """\
# NGHỊ QUYẾT

**Về kế hoạch phát triển kinh tế - xã hội
năm 2025**

*Căn cứ Luật Tổ chức chính quyền địa phương;
Căn cứ đề nghị của Ủy ban nhân dân tỉnh.*

1\\. **Tốc độ tăng trưởng**: khoảng 8%; diện tích lúa __ổn định__ 6.000 ha.

2\\. Vốn đầu tư toàn xã hội* ước đạt 3 * 4 = 12 nghìn tỷ đồng, hệ số 2*3.

- *Nông nghiệp*: xem [phụ lục](phu-luc.docx) và <https://laichau.gov.vn>.

| Chỉ tiêu | Kế hoạch |
|---|---|
| Tỷ lệ che phủ rừng | 52% |
"""


def test_markdown_export_loses_its_syntax_but_not_its_stars() -> None:
    assert looks_like_markdown(MARKDOWN)
    result = normalize(RawDocument(Path("nq.md"), "md", MARKDOWN))
    assert result.mapped.text.split("\n") == [
        "NGHỊ QUYẾT",
        "Về kế hoạch phát triển kinh tế - xã hội năm 2025",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ đề nghị của Ủy ban nhân dân tỉnh.",
        "1. Tốc độ tăng trưởng: khoảng 8%; diện tích lúa ổn định 6.000 ha.",
        # a footnote star and multiplication stars are content
        "2. Vốn đầu tư toàn xã hội* ước đạt 3 * 4 = 12 nghìn tỷ đồng, hệ số 2*3.",
        "- Nông nghiệp: xem phụ lục và https://laichau.gov.vn.",
        "Chỉ tiêu | Kế hoạch",
        "Tỷ lệ che phủ rừng | 52%",
    ]
    assert "**" not in result.mapped.text
    text = result.mapped.text
    i = text.index("Tốc độ tăng trưởng")
    a, b = result.mapped.to_original(i, i + len("Tốc độ tăng trưởng"))
    assert MARKDOWN[a:b] == "Tốc độ tăng trưởng"


def test_plain_text_with_a_stray_star_is_not_treated_as_markdown() -> None:
    text = "Thu ngân sách đạt 900 tỷ đồng*.\n* Số liệu ước tính."
    assert not looks_like_markdown(text)
    assert normalize_text(text).mapped.text == text


def test_pandoc_footnotes_become_linked_footnotes() -> None:
    md = "Sản lượng chè đạt 40 nghìn tấn[^1].\n\n[^1]: Tính cả chè búp khô.\n"
    assert strip_markdown(md).text.startswith("Sản lượng chè đạt 40 nghìn tấn¹.")
    result = normalize_text(md, markdown=True)
    assert result.mapped.text == "Sản lượng chè đạt 40 nghìn tấn¹.\nChú thích:\n[1] Tính cả chè búp khô."
    assert [(n.mark, n.text) for n in result.footnotes] == [("1", "Tính cả chè búp khô.")]


# --- page furniture ---------------------------------------------------------------------


@pytest.mark.parametrize("page_line", ["7", "- 7 -", "Trang 7", "7/12", "— 7 —"])
def test_page_number_lines_are_removed_and_the_sentence_rejoined(page_line: str) -> None:
    raw = (
        "Tiếp tục đầu tư hạ tầng giao thông nông thôn, phấn đấu đến cuối năm có 98% số\n"
        "\n"
        f"{page_line}\n"
        "\n"
        "thôn bản có đường ô tô đi lại thuận lợi trong cả hai mùa mưa và khô.\n"
        "Đẩy mạnh cải cách hành chính, rút ngắn thời gian giải quyết thủ tục cho\n"
        "người dân và doanh nghiệp trên địa bàn.\n"
        "Tăng cường phối hợp giữa các sở, ngành trong việc kiểm tra, giám sát và\n"
        "đánh giá kết quả thực hiện.\n"
    )
    result = normalize_text(raw)
    assert result.mapped.text.split("\n") == [
        "Tiếp tục đầu tư hạ tầng giao thông nông thôn, phấn đấu đến cuối năm có 98% số thôn bản có đường ô tô"
        " đi lại thuận lợi trong cả hai mùa mưa và khô.",
        "Đẩy mạnh cải cách hành chính, rút ngắn thời gian giải quyết thủ tục cho người dân và doanh nghiệp"
        " trên địa bàn.",
        "Tăng cường phối hợp giữa các sở, ngành trong việc kiểm tra, giám sát và đánh giá kết quả thực hiện.",
    ]


def test_a_column_of_numbers_is_not_page_numbers() -> None:
    raw = "Số xã đạt chuẩn qua các năm:\n\n12\n\n15\n\n19\n"
    assert normalize_text(raw).mapped.text == "Số xã đạt chuẩn qua các năm:\n12\n15\n19"


# --- the whole pipeline on a hard-wrapped PDF export --------------------------------------

PDF_LINES = [
    " BÁO CÁO",
    "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm",
    "I. KẾT QUẢ ĐẠT ĐƯỢC",
    " 1. Sản xuất nông nghiệp",
    "Tổng diện tích gieo trồng ước đạt 28.400 ha, bằng 61,2% kế hoạch, tăng",
    "1,5% so với cùng kỳ năm trước; sản lượng lương thực ước đạt 95 nghìn tấn",
    "trong đó lúa chiếm 70%1. Đàn gia súc phát triển ổn định, không có dịch bệnh",
    "lớn xảy ra trên địa bàn.",
    "                  ",
    "1 Không kể diện tích lúa nương ở các xã vùng cao biên giới.",
    " 2. Xây dựng nông thôn mới",
    "Có thêm 03 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn lên 41 xã.",
    "- 2 -",
    "a) Tồn tại, hạn chế",
    "Giải ngân vốn đầu tư công còn chậm, mới đạt 38% kế hoạch vốn giao.",
]
PDF_RAW = "\n\n".join(line + " " for line in PDF_LINES) + "\n"


def test_pdf_export_end_to_end() -> None:
    result = normalize(RawDocument(Path("bc.txt"), "txt", PDF_RAW))
    assert result.mapped.text.split("\n") == [
        "BÁO CÁO",
        "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "1. Sản xuất nông nghiệp",
        "Tổng diện tích gieo trồng ước đạt 28.400 ha, bằng 61,2% kế hoạch, tăng 1,5% so với cùng kỳ năm trước;"
        " sản lượng lương thực ước đạt 95 nghìn tấn trong đó lúa chiếm 70%¹. Đàn gia súc phát triển ổn định,"
        " không có dịch bệnh lớn xảy ra trên địa bàn.",
        "2. Xây dựng nông thôn mới",
        "Có thêm 03 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn lên 41 xã.",
        "a) Tồn tại, hạn chế",
        "Giải ngân vốn đầu tư công còn chậm, mới đạt 38% kế hoạch vốn giao.",
        "Chú thích:",
        "[1] Không kể diện tích lúa nương ở các xã vùng cao biên giới.",
    ]
    (note,) = result.footnotes
    assert note.mark == "1" and result.mapped.text[note.ref_start : note.ref_end] == "¹"  # type: ignore[misc]
    for phrase in ("61,2% kế hoạch, tăng 1,5%", "95 nghìn tấn trong đó", "41 xã", "38% kế hoạch"):
        i = result.mapped.text.index(phrase)
        _assert_maps_back(PDF_RAW, result, i, i + len(phrase))


def test_loader_footnotes_and_markdown_flag_come_from_the_raw_document() -> None:
    raw = RawDocument(
        Path("bc.docx"), "docx", "Thu hút 12 dự án mới¹.", footnotes=[Footnote("1", "Gồm 8 dự án du lịch.")]
    )
    result = normalize(raw)
    assert result.mapped.text == "Thu hút 12 dự án mới¹.\nChú thích:\n[1] Gồm 8 dự án du lịch."
    assert result.footnotes[0].ref_start == result.mapped.text.index("¹")


def test_empty_document() -> None:
    result = normalize_text("")
    assert result.mapped.text == "" and result.footnotes == []
    assert normalize_text(" \r\n\t\n").mapped.text == ""


# --- properties -------------------------------------------------------------------------

_WORDS = [
    "tỷ",
    "lệ",
    "hộ",
    "nghèo",
    "giảm",
    "còn",
    "dưới",
    "tăng",
    "trưởng",
    "kinh",
    "tế",
    "đạt",
    "kế",
    "hoạch",
    "thu",
    "ngân",
    "sách",
    "tỉnh",
    "huyện",
    "xã",
    "đường",
    "giao",
    "thông",
    "nông",
    "thôn",
    "trồng",
    "rừng",
    "mới",
    "sản",
    "lượng",
    "lương",
    "thực",
    "dự",
    "án",
    "đầu",
    "tư",
    "công",
    "của",
    "và",
    "các",
    "với",
    "trong",
    "Lai",
    "Châu",
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "Nghị",
    "quyết",
]
_STARTS = ["", "", "", "1. ", "a) ", "- ", "(2) ", "II. ", "Điều 3. "]
_ENDS = ["", ".", ";", ",", ":", " 12,5%.", " 2021-"]


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14))
        body = " ".join(words)
        if draw(st.integers(0, 3)) == 0:  # an emphasised run, as DOCX-to-Markdown writes it
            body = draw(st.sampled_from(["**{}**", "*{}*"])).format(body)
        lines.append(draw(st.sampled_from(_STARTS)) + body + draw(st.sampled_from(_ENDS)))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "", "7", "- 3 -", "  "])))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = text.replace(" ", draw(st.sampled_from(["  ", "\u00a0", " \t"])), draw(st.integers(0, 5)))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text


@settings(max_examples=150, deadline=None)
@given(_documents(), st.data())
def test_any_span_maps_back_to_the_same_letters(raw: str, data: st.DataObject) -> None:
    result = normalize_text(raw)
    text = result.mapped.text
    assert unicodedata.is_normalized("NFC", text)
    body_end = text.find("\nChú thích:")
    body_end = len(text) if body_end < 0 else body_end
    if body_end == 0:
        return
    for _ in range(10):
        start = data.draw(st.integers(0, body_end - 1))
        end = data.draw(st.integers(start + 1, body_end))
        _assert_maps_back(raw, result, start, end)


@settings(max_examples=100, deadline=None)
@given(_documents())
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normalize_text(raw).mapped.text
    assert normalize_text(once).mapped.text == once


def test_composed_maps_stay_consistent() -> None:
    first = MappedText("abc", [0, 2, 4, 6], [2, 4, 6])
    second = MappedText("ac", [0, 2, 3])
    both = first.compose(second)
    assert both.origin == [0, 4, 6]
    assert both.to_original(0, 2) == (0, 6)


# --- the real documents -----------------------------------------------------------------


def _corpus(name: str) -> str:
    return clean(name).read_text(encoding="utf-8")


def test_corpus_pdf_export_becomes_clean_paragraphs() -> None:
    raw = _corpus("001")
    result = normalize(RawDocument(Path("001.txt"), "txt", raw))
    lines = result.mapped.text.split("\n")
    assert len(lines) < len(raw.split("\n")) / 5
    assert not any(re.fullmatch(r"\d{1,3}", line) for line in lines)
    assert "B. NỘI DUNG" in lines
    assert any(line.startswith("I. NHỮNG NHIỆM VỤ") for line in lines)
    assert not any(line.startswith("B. NỘI DUNG") and line != "B. NỘI DUNG" for line in lines)
    # a sentence wrapped over three lines is one line again, the "2021-" / "2025" cut closed
    assert any(
        "thúc đẩy thanh toán không dùng tiền mặt." in line and line.startswith("Triển khai") for line in lines
    )
    assert "giai đoạn 2021-2025 theo Đề án" in result.mapped.text
    # footnotes in the text export: plain digits glued to words, listed at the end
    assert [n.mark for n in result.footnotes] == ["1", "2", "3", "4", "5"]
    assert all(n.ref_start is not None for n in result.footnotes)
    assert "giai đoạn 2022-2025³." in result.mapped.text
    assert "phát triển bền vững Mắc ca" in result.mapped.text
    assert all(" " not in line[-1:] for line in lines)


def test_corpus_docx_export_footnotes_are_separated_and_linked() -> None:
    raw = _corpus("004")
    result = normalize(RawDocument(Path("004.txt"), "txt", raw))
    text = result.mapped.text
    assert [n.mark for n in result.footnotes] == [str(i) for i in range(1, 74)]
    assert all(n.ref_start is not None for n in result.footnotes)
    body = text[: text.index("\nChú thích:")]
    assert not re.search(r"^[¹²³⁴⁵⁶⁷⁸⁹]", body, re.M)
    # sentences interrupted by footnote lines are whole again
    assert "trên địa bàn tính giai đoạn 2024-2030" in body
    assert "tháo gỡ khó khăn, vướng mắc hỗ trợ doanh nghiệp" in body
    for note in result.footnotes:
        assert text[note.start : note.end] == note.text
        assert note.ref_start is not None and note.ref_end is not None
        assert note.ref_end <= len(body)
        a, b = result.mapped.to_original(note.ref_start, note.ref_end)
        assert raw[a:b] == text[note.ref_start : note.ref_end]
    # a footnote continued on the next page is one footnote
    seventh = next(n for n in result.footnotes if n.mark == "7")
    assert "gây cháy rừng 42 vụ" in seventh.text


def test_corpus_markdown_export_has_no_emphasis_marks() -> None:
    raw = _corpus("002")
    result = normalize(RawDocument(Path("002.md"), "md", raw))
    assert "**" not in result.mapped.text
    assert not re.search(r"(?<!\w)\*\S", result.mapped.text)
    assert any(
        line.startswith("Căn cứ Nghị quyết số 39/2020/NQ-HĐND") for line in result.mapped.text.split("\n")
    )


@pytest.mark.parametrize("name", ["000", "001", "002", "004"])
def test_corpus_documents_normalise_stably_and_map_back(name: str) -> None:
    raw = _corpus(name)
    result = normalize_text(raw)
    text = result.mapped.text
    assert normalize_text(text).mapped.text == text
    body_end = text.find("\nChú thích:")
    body_end = len(text) if body_end < 0 else body_end
    for start in range(0, body_end - 40, 97):
        _assert_maps_back(raw, result, start, start + 40)
