"""The DOCX draft follows Nghị định 30/2020/NĐ-CP, Phụ lục I (page, fonts, header block, closing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as open_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from chitieu.report import TaskRow, write_report
from chitieu.report.sample import report_from_term_table

FONT = "Times New Roman"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    report = report_from_term_table()
    report.tasks = [TaskRow("I.1", "Xây dựng đề án chuyển đổi số", "Sở Khoa học và Công nghệ", dt.date(2025, 6, 30),
                            "Quá hạn chưa hoàn thành")]
    return open_document(str(write_report(report, "docx", tmp_path_factory.mktemp("d") / "bao-cao.docx")))


def _paragraph(document: Document, text: str) -> Paragraph:
    for paragraph in document.paragraphs:
        if paragraph.text.strip() == text:
            return paragraph
    raise AssertionError(f"no paragraph {text!r}")


def _size(paragraph: Paragraph) -> float:
    sizes = {run.font.size.pt for run in paragraph.runs if run.text and run.font.size}
    assert len(sizes) == 1, sizes
    return sizes.pop()


def _all_runs(document: Document):  # type: ignore[no-untyped-def]
    yield from (run for p in document.paragraphs for run in p.runs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield from paragraph.runs


def test_pages_are_a4_with_the_decrees_margins(document: Document) -> None:
    for section in document.sections:
        short, long = sorted((section.page_width.mm, section.page_height.mm))
        assert (round(short), round(long)) == (210, 297)
        assert 20 <= section.top_margin.mm <= 25 and 20 <= section.bottom_margin.mm <= 25
        assert 30 <= section.left_margin.mm <= 35 and 15 <= section.right_margin.mm <= 20


def test_body_is_portrait_and_appendix_is_landscape(document: Document) -> None:
    first, last = document.sections[0], document.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and first.page_width < first.page_height
    assert last.orientation == WD_ORIENT.LANDSCAPE and last.page_width > last.page_height


def test_every_run_is_black_times_new_roman_for_every_script(document: Document) -> None:
    count = 0
    for run in _all_runs(document):
        if not run.text:
            continue
        fonts = run._element.rPr.rFonts
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}, run.text
        assert str(run.font.color.rgb) == "000000"
        count += 1
    assert count > 100
    assert document.styles["Normal"].font.name == FONT


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(document: Document) -> None:
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text.strip()
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [e.text for e in header._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    appendix = document.sections[-1]
    assert not appendix.different_first_page_header_footer and appendix.header.is_linked_to_previous


def test_header_block_holds_issuer_and_national_motto(document: Document) -> None:
    table = document.tables[0]
    issuer, national = table.rows[0].cells
    name = issuer.paragraphs[0]
    assert name.text == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" and name.runs[0].bold and _size(name) == 13
    assert issuer.paragraphs[1]._p.pPr.find(qn("w:pBdr")) is not None  # the short rule
    quoc_hieu, tieu_ngu = national.paragraphs[0], national.paragraphs[1]
    assert quoc_hieu.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and quoc_hieu.runs[0].bold and _size(quoc_hieu) == 13
    assert tieu_ngu.text == "Độc lập - Tự do - Hạnh phúc" and tieu_ngu.runs[0].bold and _size(tieu_ngu) == 14
    assert tieu_ngu._p.pPr.find(qn("w:pBdr")) is not None
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_number_and_date_share_a_row(document: Document) -> None:
    number, date = document.tables[0].rows[1].cells
    assert number.text == "Số: 05/BC-UBND" and _size(number.paragraphs[0]) == 13
    assert date.text == "Lai Châu, ngày 08 tháng 09 năm 2025"
    assert date.paragraphs[0].runs[0].italic


def test_document_type_and_summary_line_are_bold(document: Document) -> None:
    kind = _paragraph(document, "BÁO CÁO")
    assert kind.runs[0].bold and _size(kind) == 14 and kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    summary = _paragraph(document, "Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội nhiệm kỳ 2020-2025")
    assert summary.runs[0].bold


def test_body_paragraphs_are_justified_indented_and_spaced(document: Document) -> None:
    grdp = next(p for p in document.paragraphs if p.text.startswith("Tốc độ tăng trưởng kinh tế (GRDP)"))
    assert "5,39%/năm" in grdp.text and "không đạt mục tiêu" in grdp.text
    fmt = grdp.paragraph_format
    assert grdp.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(fmt.first_line_indent - Cm(1.27)) < Cm(0.01)
    assert fmt.space_after >= Pt(6) and 1.0 <= fmt.line_spacing <= 1.5
    assert _size(grdp) == 14


def test_closing_block_has_recipients_and_signature(document: Document) -> None:
    closing: Table = document.tables[1]
    recipients, signature = closing.rows[0].cells
    heading = recipients.paragraphs[0]
    assert heading.text == "Nơi nhận:" and heading.runs[0].bold and heading.runs[0].italic and _size(heading) == 12
    lines = [p for p in recipients.paragraphs[1:] if p.text]
    assert [p.text for p in lines] == [
        "- Văn phòng Chính phủ;", "- Bộ Tài chính;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Lưu: VT, TH.",
    ]
    assert {_size(p) for p in lines} == {11}
    texts = [p.text for p in signature.paragraphs if p.text]
    assert texts == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Mẫu"]
    assert all(p.runs[0].bold for p in signature.paragraphs if p.text)


def test_appendix_heading_title_and_reference(document: Document) -> None:
    label = _paragraph(document, "Phụ lục I")
    assert label.runs[0].bold and _size(label) == 14 and label.alignment == WD_ALIGN_PARAGRAPH.CENTER
    title = _paragraph(document, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI NHIỆM KỲ 2020-2025")
    assert title.runs[0].bold
    reference = _paragraph(document, "(Kèm theo Báo cáo số 05/BC-UBND ngày 08/09/2025 của Ủy ban nhân dân tỉnh Lai Châu)")
    assert reference.runs[0].italic
    assert _paragraph(document, "Phụ lục II").runs[0].bold


def test_appendix_table_repeats_its_header_and_prints_vietnamese_numbers(document: Document) -> None:
    table = document.tables[2]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells][:5] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu Nghị quyết", "Năm 2021"]
    group = table.rows[1].cells
    assert group[0].text == "I" and group[1].text == "Kinh tế" and group[1]._tc is group[-1]._tc  # merged
    grdp = [c.text for c in table.rows[2].cells]
    assert grdp == ["1", "Tốc độ tăng trưởng kinh tế (GRDP) bình quân", "%/năm", "9-10",
                    "4,20", "8,24", "-3,42", "10,52", "8,00", "5,39", "Không đạt"]
    tea = [c.text for c in table.rows[4].cells]
    assert tea[3:10] == ["2.400", "818", "606", "410", "555", "330", "2.719"]
    cell_2025 = table.rows[2].cells[8].paragraphs[0]
    assert cell_2025.alignment == WD_ALIGN_PARAGRAPH.RIGHT and cell_2025.runs[0].italic
    assert not table.rows[2].cells[7].paragraphs[0].runs[0].italic


def test_charts_are_embedded_as_pictures(document: Document) -> None:
    assert len(document.inline_shapes) == 3  # the verdicts per field and the two chosen indicators


def test_task_appendix_lists_tasks_by_agency(document: Document) -> None:
    table = document.tables[3]
    assert [c.text for c in table.rows[1].cells][:2] == ["I", "Sở Khoa học và Công nghệ"]
    assert [c.text for c in table.rows[2].cells] == [
        "1", "I.1. Xây dựng đề án chuyển đổi số", "30/06/2025", "Quá hạn chưa hoàn thành", ""
    ]


def test_unknown_format_is_a_user_error(tmp_path: Path) -> None:
    from chitieu.errors import ChitieuError

    with pytest.raises(ChitieuError, match="Định dạng báo cáo không hỗ trợ"):
        write_report(report_from_term_table(), "odt", tmp_path / "x.odt")


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_the_overview_names_a_group_without_figures(fmt: str, tmp_path: Path) -> None:
    report = report_from_term_table()
    empty = report.groups[-1]
    for row in empty.rows:
        row.status = "Chưa có số liệu"
    path = write_report(report, fmt, tmp_path / f"bao-cao.{fmt}")
    text = (
        "\n".join(p.text for p in open_document(str(path)).paragraphs)
        if fmt == "docx"
        else path.read_text(encoding="utf-8")
    )
    assert f"Chưa có số liệu {report.period_label} của nhóm chỉ tiêu {empty.name.lower()}. Chi tiết tại Phụ lục" in text
