"""The report as the Word draft an officer would otherwise type: Nghị định 30/2020/NĐ-CP layout.

Phụ lục I of the decree fixes the page (A4; margins top/bottom 20–25 mm, left 30–35 mm, right
15–20 mm), the font (Times New Roman, black), the header block (issuing body top left with a
short rule; Quốc hiệu and Tiêu ngữ top right, a rule under the motto), "Số: 05/BC-UBND" with
the place and date in italics on the same line, the document type in bold capitals, the body
(13–14 pt, justified, first-line indent, ≥ 6 pt between paragraphs), the signature block in bold
capitals, "Nơi nhận:" (12 pt bold italic) with 11 pt recipient lines, page numbers centred in
the top margin from page 2, and an appendix headed "Phụ lục". The appendix table sits in a
landscape section with its header row repeated on every page.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from chitieu.report.charts import chart_rows, indicator_chart, render, status_chart
from chitieu.report.header_layout import MOTTO, NATIONAL_NAME
from chitieu.report.model import Report
from chitieu.report.narrative import (
    consistency_items,
    missing_groups_sentence,
    overview_sentence,
    row_narrative,
    summarise,
)
from chitieu.report.numbers import roman
from chitieu.report.tasks import agencies_with_tasks, task_summary_sentence
from chitieu.report.view import cell_view

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
A4 = (Mm(210), Mm(297))
# Inside the ranges even after Word rounds to twips (15 mm would be stored as 14,99 mm).
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(17.5)}
BODY_SIZE = 14
TABLE_SIZE = 11


def write_docx(report: Report, path: Path) -> Path:
    document = build_document(report)
    path = Path(path)
    document.save(str(path))
    return path


def build_document(report: Report) -> Document:
    document = new_document()
    _set_default_fonts(document)
    section = document.sections[0]
    _page(section, landscape=False)
    section.different_first_page_header_footer = True
    _page_number_header(section.header.paragraphs[0])
    _header_block(document, report)
    _title_block(document, report)
    _body(document, report)
    _closing_block(document, report)
    appendices = _appendix_count(report)
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    _page(appendix, landscape=True)
    appendix.different_first_page_header_footer = False
    _indicator_appendix(document, report, "Phụ lục I" if appendices > 1 else "Phụ lục")
    if report.tasks:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _task_appendix(document, report, "Phụ lục II")
    return document


def _appendix_count(report: Report) -> int:
    return 2 if report.tasks else 1


# --- fonts and runs -------------------------------------------------------------------------------


def _font_element(run_properties: BaseOxmlElement) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _set_default_fonts(document: Document) -> None:
    """Times New Roman for every script (ascii, hAnsi, eastAsia, cs) in defaults and styles."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None:
            properties = run_defaults.find(qn("w:rPr"))
            if properties is not None:
                _font_element(properties)
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        style.font.color.rgb = BLACK
        _font_element(style.element.get_or_add_rPr())
    document.styles["Normal"].font.size = Pt(BODY_SIZE)


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _run(paragraph: Paragraph, text: str, size: float = BODY_SIZE, bold: bool = False,
         italic: bool = False) -> Run:
    """A run with its full formatting written in one pass.

    python-docx's property setters look up each child's place in the schema on every call, which
    dominated the time of a 400-indicator report; building the run properties in schema order
    (rFonts, b, i, color, sz, szCs) gives the same XML at a fraction of the cost.
    """
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(_element("w:rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT))
    if bold:
        properties.append(OxmlElement("w:b"))
    if italic:
        properties.append(OxmlElement("w:i"))
    properties.append(_element("w:color", val="000000"))
    half_points = str(round(size * 2))
    properties.append(_element("w:sz", val=half_points))
    properties.append(_element("w:szCs", val=half_points))
    run.append(properties)
    if text:
        text_element = OxmlElement("w:t")
        text_element.set(qn("xml:space"), "preserve")
        text_element.text = text
        run.append(text_element)
    paragraph._p.append(run)
    return Run(run, paragraph)


def _paragraph(container: Document | _Cell, text: str = "", size: float = BODY_SIZE, bold: bool = False,
               italic: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
               before: float = 0, after: float = 0) -> Paragraph:
    paragraph = container.add_paragraph()
    _format(paragraph, align, before, after)
    if text:
        _run(paragraph, text, size, bold, italic)
    return paragraph


_JUSTIFICATION = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
}


def _format(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH, before: float = 0, after: float = 0,
            line: float = 1.0, first_indent: Length | None = None) -> None:
    """Spacing, first-line indent and alignment, appended in schema order to a fresh paragraph."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(_element("w:spacing", before=str(round(before * 20)), after=str(round(after * 20)),
                               line=str(round(line * 240)), lineRule="auto"))
    if first_indent is not None:
        properties.append(_element("w:ind", firstLine=str(first_indent.twips)))
    properties.append(_element("w:jc", val=_JUSTIFICATION[align]))


def _rule(paragraph: Paragraph, indent: Length, edge: str = "bottom") -> None:
    """A horizontal rule as the paragraph's border, shortened by equal indents on both sides."""
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    successors = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr")
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), "6")
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    borders.append(line)
    properties.insert_element_before(borders, *successors)


# --- page ---------------------------------------------------------------------------------------


def _page(section: object, landscape: bool) -> None:
    from docx.section import Section

    assert isinstance(section, Section)
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_number_header(paragraph: Paragraph) -> None:
    """A PAGE field centred in the top margin (the first page's own header stays empty)."""
    _format(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = _run(paragraph, "", size=13)
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text or ""


def _borderless(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _widths(table: Table, widths: list[Length]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _first_paragraph(cell: _Cell, text: str = "", size: float = BODY_SIZE, bold: bool = False,
                     italic: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    paragraph = cell.paragraphs[0]
    _format(paragraph, align)
    if text:
        _run(paragraph, text, size, bold, italic)
    return paragraph


# --- header, title, body --------------------------------------------------------------------------


def _header_block(document: Document, report: Report) -> None:
    table = document.add_table(rows=2, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    if report.parent_issuer:
        _first_paragraph(left, report.parent_issuer.upper(), size=13)
        _paragraph(left, report.issuer.upper(), size=13, bold=True)
    else:
        _first_paragraph(left, report.issuer.upper(), size=13, bold=True)
    _rule(_paragraph(left, size=4), Mm(20), edge="top")
    _first_paragraph(right, NATIONAL_NAME, size=13, bold=True)
    motto = _paragraph(right, MOTTO, size=14, bold=True)
    _rule(motto, Mm(17))
    number, date = table.rows[1].cells
    _first_paragraph(number, f"Số: {report.number.strip()}", size=13).paragraph_format.space_before = Pt(6)
    _first_paragraph(date, report.date_line(), size=14, italic=True).paragraph_format.space_before = Pt(6)
    _widths(table, [Mm(62), Mm(100)])


def _title_block(document: Document, report: Report) -> None:
    _paragraph(document, "BÁO CÁO", size=14, bold=True, before=18)
    summary = _paragraph(document, report.summary_line or report.title, size=14, bold=True)
    summary.paragraph_format.keep_with_next = True
    _rule(_paragraph(document, size=4, after=12), Mm(60), edge="top")


def _body_paragraph(document: Document, text: str, bold: bool = False, italic: bool = False,
                    indent: bool = True) -> Paragraph:
    paragraph = document.add_paragraph()
    _format(paragraph, WD_ALIGN_PARAGRAPH.JUSTIFY, before=0, after=6, line=1.2,
            first_indent=Cm(1.27) if indent else None)
    _run(paragraph, text, BODY_SIZE, bold, italic)
    return paragraph


def _picture(document: Document, data: bytes, width: Length) -> None:
    paragraph = document.add_paragraph()
    _format(paragraph, WD_ALIGN_PARAGRAPH.CENTER, after=6)
    paragraph.add_run().add_picture(io.BytesIO(data), width=width)


def _body(document: Document, report: Report) -> None:
    for text in report.intro:
        _body_paragraph(document, text)
    _body_paragraph(document, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", bold=True)
    _body_paragraph(document, overview_sentence(report) + missing_groups_sentence(report) + " Chi tiết tại Phụ lục kèm theo.")
    if any(group.rows for group in report.groups):
        _picture(document, render(status_chart(report), "png"), Cm(15))
    charted = {id(row) for row in chart_rows(report)}
    for index, group in enumerate(report.groups, start=1):
        _body_paragraph(document, f"{index}. {group.name}", bold=True)
        for row in group.rows:
            _body_paragraph(document, row_narrative(row, report))
            if id(row) in charted:
                _picture(document, render(indicator_chart(row, report), "png"), Cm(15))
    _body_paragraph(document, "II. ĐÁNH GIÁ CHUNG", bold=True)
    for section in summarise(report):
        _body_paragraph(document, f"{section.title} ({len(section.items)} chỉ tiêu):", italic=True)
        for item in section.items:
            _body_paragraph(document, f"- {item}.")
    findings = consistency_items(report)
    if findings:
        _body_paragraph(document, "III. KIỂM TRA TÍNH THỐNG NHẤT CỦA SỐ LIỆU", bold=True)
        for item in findings:
            _body_paragraph(document, f"- {item}")
    if report.tasks:
        heading = "IV" if findings else "III"
        _body_paragraph(document, f"{heading}. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", bold=True)
        _body_paragraph(document, task_summary_sentence(report.tasks) + " Chi tiết tại Phụ lục II.")


def recipient_lines(recipients: list[str]) -> list[str]:
    """`- Bộ Tài chính;` for each recipient, the last `- Lưu: VT, ….` (added when missing)."""
    names = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in recipients if r.strip()]
    if not names or not names[-1].startswith("Lưu"):
        names.append("Lưu: VT")
    lines = [f"- {name};" for name in names[:-1]]
    lines.append(f"- {names[-1]}.")
    return lines


def _closing_block(document: Document, report: Report) -> None:
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    left, right = table.rows[0].cells
    heading = _first_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    heading.paragraph_format.space_before = Pt(12)
    for line in recipient_lines(report.recipients):
        _paragraph(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    lines = report.signature.lines()
    first = _first_paragraph(right, lines[0] if lines else "", size=14, bold=True)
    first.paragraph_format.space_before = Pt(12)
    for line in lines[1:]:
        _paragraph(right, line.upper(), size=14, bold=True)
    for _ in range(4):
        _paragraph(right, "", size=14)
    if report.signature.name:
        _paragraph(right, report.signature.name, size=14, bold=True)
    _widths(table, [Mm(84), Mm(78)])


# --- appendices -----------------------------------------------------------------------------------


def _appendix_heading(document: Document, report: Report, heading: str, title: str) -> None:
    _paragraph(document, heading, size=14, bold=True)
    _paragraph(document, title.upper(), size=14, bold=True)
    _paragraph(document, report.reference_line(), size=14, italic=True, after=12)


def _repeat_header(row_element: CT_Row) -> None:
    properties = row_element.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cell(cell: _Cell, text: str, bold: bool = False, italic: bool = False,
          align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = cell.paragraphs[0]
    _format(paragraph, align)
    if text:
        _run(paragraph, text, TABLE_SIZE, bold, italic)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def appendix_widths(report: Report, total: Length) -> list[Length]:
    """Column widths that fill the landscape page: STT, name and unit fixed, the note twice a figure's.

    Eleven columns of a term table (target, five years, the term, two verdicts, the note) fit
    within the page's 250 mm at about 15 mm a figure; a note explaining a verdict gets room to read.
    """
    fixed = [Mm(9), Mm(48), Mm(14)]
    shares = [2 if column.kind == "note" else 1 for column in report.columns]
    share = Length((total - sum(fixed)) // max(sum(shares), 1))
    return [*fixed, *(Length(share * s) for s in shares)]


def _landscape_width() -> Length:
    return Length(A4[1] - MARGINS["left"] - MARGINS["right"])


def _indicator_appendix(document: Document, report: Report, heading: str) -> None:
    _appendix_heading(document, report, heading, report.appendix_heading())
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", *(c.header for c in report.columns)]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0]._tr)
    for group in report.groups:
        cells = table.add_row().cells
        _cell(cells[0], group.roman, bold=True)
        merged = cells[1].merge(cells[-1])
        _cell(merged, group.name, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for row in group.rows:
            cells = table.add_row().cells
            _cell(cells[0], row.stt)
            _cell(cells[1], row.label, align=WD_ALIGN_PARAGRAPH.LEFT)
            _cell(cells[2], row.unit)
            for cell, column in zip(cells[3:], report.columns, strict=True):
                view = cell_view(report, row, column)
                align = WD_ALIGN_PARAGRAPH.RIGHT if view.numeric else WD_ALIGN_PARAGRAPH.CENTER
                if column.kind == "note":
                    align = WD_ALIGN_PARAGRAPH.LEFT
                _cell(cell, view.text, italic=view.estimate, align=align)
    _widths(table, appendix_widths(report, _landscape_width()))
    estimates = [c.header for c in report.columns if c.estimate]
    note = "Ghi chú: số liệu in nghiêng là số ước thực hiện"
    _paragraph(document, note + (f" ({', '.join(estimates)})." if estimates else "."), size=12, italic=True,
               align=WD_ALIGN_PARAGRAPH.LEFT, before=6)


TASK_HEADERS = ["STT", "Nhiệm vụ", "Thời hạn", "Tình trạng", "Ghi chú"]


def _task_appendix(document: Document, report: Report, heading: str) -> None:
    _appendix_heading(document, report, heading, "Tình hình thực hiện nhiệm vụ " + report.period_label)
    table = document.add_table(rows=1, cols=len(TASK_HEADERS))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, TASK_HEADERS, strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0]._tr)
    for index, (agency, tasks) in enumerate(agencies_with_tasks(report.tasks), start=1):
        cells = table.add_row().cells
        _cell(cells[0], roman(index), bold=True)
        _cell(cells[1].merge(cells[-1]), agency, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for number, task in enumerate(tasks, start=1):
            cells = table.add_row().cells
            _cell(cells[0], str(number))
            title = f"{task.id}. {task.title}" if task.id else task.title
            _cell(cells[1], title, align=WD_ALIGN_PARAGRAPH.LEFT)
            _cell(cells[2], f"{task.deadline:%d/%m/%Y}" if task.deadline else "")
            _cell(cells[3], task.status)
            _cell(cells[4], task.note, align=WD_ALIGN_PARAGRAPH.LEFT)
    _widths(table, [Mm(12), Mm(127), Mm(28), Mm(42), Mm(40)])
