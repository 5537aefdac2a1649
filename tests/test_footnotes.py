"""Footnotes: lifted out of the sentence they interrupt, listed at the end, linked to their marks."""

from __future__ import annotations

import pytest

from chitieu.text.normalize import LinkedFootnote, normalize_text

# A DOCX export: one paragraph a line, a blank line between, footnotes where the page ended.
DOCX_EXPORT = """\
a) Trồng trọt

Vụ đông xuân gieo cấy được 6.200 ha lúa¹, tăng 3% so với cùng kỳ; sản lượng cây chè búp tươi đạt

¹ Trong đó lúa lai 2.100 ha, lúa thuần 4.100 ha.

31.500 tấn², bằng 71% kế hoạch. Diện tích cây quế trồng mới 400 ha, nâng tổng diện tích lên 9.000 ha³.

b) Chăn nuôi

Tổng đàn trâu bò đạt 120 nghìn con⁴, đàn lợn đạt 260 nghìn con; công tác phòng chống dịch bệnh được duy trì và

² Chủ yếu ở các xã vùng thấp của huyện Phong Sơn.

³ Tập trung tại hai huyện phía Nam; các hộ trồng được hỗ trợ cây giống, trong đó có nhiều hộ

mở rộng tới tất cả các thôn bản.

c) Thủy sản: sản lượng đạt 1.200 tấn⁵.

nghèo được ưu tiên.

⁴ Số liệu ước tính đến ngày 15/9.

⁵ Theo Kế hoạch số 12/KH-UBND."""


def _by_mark(notes: list[LinkedFootnote]) -> dict[str, LinkedFootnote]:
    return {note.mark: note for note in notes}


def test_docx_footnotes_are_moved_to_the_end_and_sentences_rejoined() -> None:
    result = normalize_text(DOCX_EXPORT)
    body, _, notes = result.mapped.text.partition("\nChú thích:\n")
    assert body.split("\n") == [
        "a) Trồng trọt",
        "Vụ đông xuân gieo cấy được 6.200 ha lúa¹, tăng 3% so với cùng kỳ; sản lượng cây chè búp tươi đạt"
        " 31.500 tấn², bằng 71% kế hoạch. Diện tích cây quế trồng mới 400 ha, nâng tổng diện tích lên 9.000 ha³.",
        "b) Chăn nuôi",
        "Tổng đàn trâu bò đạt 120 nghìn con⁴, đàn lợn đạt 260 nghìn con; công tác phòng chống dịch bệnh được"
        " duy trì và mở rộng tới tất cả các thôn bản.",
        "c) Thủy sản: sản lượng đạt 1.200 tấn⁵.",
    ]
    assert notes.split("\n") == [
        "[1] Trong đó lúa lai 2.100 ha, lúa thuần 4.100 ha.",
        "[2] Chủ yếu ở các xã vùng thấp của huyện Phong Sơn.",
        # a footnote cut by the page break goes on before the next page's footnotes
        "[3] Tập trung tại hai huyện phía Nam; các hộ trồng được hỗ trợ cây giống, trong đó có nhiều hộ"
        " nghèo được ưu tiên.",
        "[4] Số liệu ước tính đến ngày 15/9.",
        "[5] Theo Kế hoạch số 12/KH-UBND.",
    ]


def test_docx_footnotes_are_linked_with_spans_in_the_final_text() -> None:
    result = normalize_text(DOCX_EXPORT)
    text = result.mapped.text
    notes = _by_mark(result.footnotes)
    assert sorted(notes, key=int) == ["1", "2", "3", "4", "5"]
    for mark, note in notes.items():
        assert text[note.start : note.end] == note.text
        assert note.ref_start is not None and note.ref_end is not None
        assert text[note.ref_start : note.ref_end] == mark.translate(
            str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
        )
        assert note.ref_end <= text.index("Chú thích:") < note.start
    assert text[notes["2"].ref_start - 10 : notes["2"].ref_start] == "31.500 tấn"
    # every span maps back to its own words in the raw text
    for note in notes.values():
        start, end = result.mapped.to_original(note.start, note.end)
        assert " ".join(DOCX_EXPORT[start:end].split()).endswith(note.text[-20:])
        assert note.ref_start is not None and note.ref_end is not None
        ref_start, ref_end = result.mapped.to_original(note.ref_start, note.ref_end)
        assert DOCX_EXPORT[ref_start:ref_end] == text[note.ref_start : note.ref_end]


def _pdf(lines: list[str]) -> str:
    """A PDF text export: trailing spaces and a blank line after every line."""
    return "\n\n".join(line + " " for line in lines) + "\n"


PDF_EXPORT = _pdf(
    [
        "Tiếp tục sắp xếp lại các doanh nghiệp nhà nước theo phương án đã được phê",
        "duyệt, duy trì 02 công ty do nhà nước nắm giữ toàn bộ vốn điều lệ1, thoái vốn",
        "tại 01 doanh nghiệp trong giai đoạn 2023-20252. Hoàn thành việc bàn giao các",
        "                      ",
        "1 Gồm: Công ty TNHH Thủy lợi Sông Mã và Công ty TNHH Môi trường đô thị tỉnh, đã",
        "được phê duyệt tại Quyết định số 88/QĐ-UBND.",
        "2 Công ty Cổ phần Vận tải hành khách.",
        " công trình đã hoàn thành cho địa phương quản lý.",
        "1. Rà soát, bổ sung quy hoạch các khu sản xuất tập trung.",
        "3 xã còn lại hoàn thành trong quý IV.",
    ]
)


def test_pdf_footnotes_with_plain_digit_marks() -> None:
    result = normalize_text(PDF_EXPORT)
    body, _, notes = result.mapped.text.partition("\nChú thích:\n")
    assert body.split("\n") == [
        "Tiếp tục sắp xếp lại các doanh nghiệp nhà nước theo phương án đã được phê duyệt, duy trì 02 công ty"
        " do nhà nước nắm giữ toàn bộ vốn điều lệ¹, thoái vốn tại 01 doanh nghiệp trong giai đoạn 2023-2025²."
        " Hoàn thành việc bàn giao các công trình đã hoàn thành cho địa phương quản lý.",
        # a numbered item is not a footnote
        "1. Rà soát, bổ sung quy hoạch các khu sản xuất tập trung.",
        # a line starting with a number whose mark never occurred is not a footnote
        "3 xã còn lại hoàn thành trong quý IV.",
    ]
    assert notes.split("\n") == [
        "[1] Gồm: Công ty TNHH Thủy lợi Sông Mã và Công ty TNHH Môi trường đô thị tỉnh, đã được phê duyệt tại"
        " Quyết định số 88/QĐ-UBND.",
        "[2] Công ty Cổ phần Vận tải hành khách.",
    ]
    marks = _by_mark(result.footnotes)
    first = marks["1"]
    assert first.ref_start is not None and first.ref_end is not None
    # the superscript in the output stands for the plain digit of the source
    start, end = result.mapped.to_original(first.ref_start, first.ref_end)
    assert PDF_EXPORT[start:end] == "1"
    assert PDF_EXPORT[start - 7 : start] == "điều lệ"


@pytest.mark.parametrize(
    "text",
    [
        # list items are never footnotes
        "Các nhiệm vụ gồm:\n1. Hoàn thiện hạ tầng giao thông.\n2. Phát triển du lịch.",
        # units with superscripts are not footnote marks
        "Nước sạch cung cấp 4,2 triệu m³ trong năm.\n³ Không phải chú thích vì không có dấu.",
        # a number at the start of a line with no glued mark before it
        "Huyện đã có nhiều xã đạt chuẩn.\n2 xã còn lại phấn đấu đạt chuẩn năm sau.",
    ],
)
def test_no_false_footnotes(text: str) -> None:
    result = normalize_text(text)
    if "³ Không" in text:
        # a line starting with a superscript is a footnote, but m³ is not its mark
        assert [(n.mark, n.ref_start) for n in result.footnotes] == [("3", None)]
        assert "m³" in result.mapped.text
    else:
        assert result.footnotes == []
        assert "Chú thích:" not in result.mapped.text


def test_footnotes_from_the_loader_are_appended_and_linked() -> None:
    text = "Doanh thu du lịch đạt 900 tỷ đồng²⁷, tăng 12%."
    result = normalize_text(text, extra_footnotes=[("27", "Tính cả doanh thu lưu trú.")])
    assert (
        result.mapped.text
        == "Doanh thu du lịch đạt 900 tỷ đồng²⁷, tăng 12%.\nChú thích:\n[27] Tính cả doanh thu lưu trú."
    )
    (note,) = result.footnotes
    assert note.mark == "27" and note.text == "Tính cả doanh thu lưu trú."
    assert result.mapped.text[note.ref_start : note.ref_end] == "²⁷"  # type: ignore[misc]


def test_normalising_again_keeps_footnotes_and_links() -> None:
    first = normalize_text(DOCX_EXPORT)
    again = normalize_text(first.mapped.text)
    assert again.mapped.text == first.mapped.text
    assert [(n.mark, n.text, n.start, n.end, n.ref_start, n.ref_end) for n in again.footnotes] == [
        (n.mark, n.text, n.start, n.end, n.ref_start, n.ref_end) for n in first.footnotes
    ]
