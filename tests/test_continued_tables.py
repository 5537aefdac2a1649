"""A term table continued on the next page without its header reads whole, in every loader.

Our long term table (38 rows, ``tests/gold/term_table_phu_luc_nhiem_ky_dai.json``) typeset as
files continue it (``tests/fixtures/continued_tables.py``): a text PDF whose table runs on over
three pages with the header printed once, repeated, or with the column-number row; a DOCX the
typist broke into parts after page breaks, bare, under "(tiếp theo)", or with the column
numbers at each part's top; a Markdown export with the table in two; pipe rows with a page
break. Before, every row after the first page was lost (17 of 38 from the PDF, 13 of 38 from
the DOCX in three parts). The rule that joins the parts (``chitieu.ingest.continued``) is
tested apart, with tables that must stay apart.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.ingest import load
from chitieu.ingest.base import CELL_SEPARATOR, Table, render_rows
from chitieu.ingest.continued import continuation_head, join_continued_tables, only_page_furniture
from chitieu.pipeline import extract_facts, read_document
from fixtures.continued_tables import column_numbers, term_table, write_docx, write_pdf, write_scan
from term_table_gold import score_table

HERE = Path(__file__).parent
GOLD = json.loads((HERE / "gold" / "term_table_phu_luc_nhiem_ky_dai.json").read_text(encoding="utf-8"))

FORMS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "pdf": ("bang.pdf", write_pdf),
    "pdf-header-repeated": ("bang.pdf", lambda p: write_pdf(p, repeat_header=True)),
    "pdf-column-numbers": ("bang.pdf", lambda p: write_pdf(p, numbered_columns=True)),
    "docx-three-parts": ("bang.docx", write_docx),
    "docx-tiep-theo": ("bang.docx", lambda p: write_docx(p, parts=2, continued_line="(tiếp theo)")),
    "docx-column-numbers": ("bang.docx", lambda p: write_docx(p, numbered_columns=True)),
}


@pytest.fixture(scope="module", params=list(FORMS))
def continued(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    name, writer = FORMS[request.param]
    return writer(tmp_path_factory.mktemp(request.param) / name)


def test_the_table_continued_over_pages_reads_whole(continued: Path) -> None:
    doc = read_document(continued)
    facts = [f for f in extract_facts(doc) if f.kind == "table_row"]
    found = score_table(facts, GOLD)
    assert (found.row_recall, found.row_precision) == (1.0, 1.0), found.missed
    assert found.cell_accuracy == 1.0, found.wrong_cells
    assert found.code_accuracy == 1.0, found.wrong_codes
    assert found.verdict_agreement == 1.0, found.disagreeing
    for fact in facts:
        assert doc.text[fact.source.start : fact.source.end] == fact.source.text
        assert fact.period is not None and (fact.period.start.year, fact.period.end.year) == (2021, 2025)


def test_the_parts_come_back_as_one_table_each_row_on_its_own_line(continued: Path) -> None:
    raw = load(continued)
    [table] = [t for t in raw.tables if len(t.rows) > 5]
    body = [row for row in table.rows if row[0] not in ("TT", "(1)")]
    assert [row[1] for row in body] == [row[1] for row in term_table().rows]
    # neither the repeated header nor the column numbers are rows of the table
    assert sum(row[0] == "TT" for row in table.rows) == 1
    assert sum(row[0] == "(1)" for row in table.rows) <= 1
    assert len(table.row_spans) == len(table.rows)
    for row, (a, b) in zip(table.rows, table.row_spans, strict=True):
        assert raw.text[a:b] == CELL_SEPARATOR.join(row)
    assert table.page == (None if continued.suffix == ".docx" else 1)  # Word decides its pages
    assert table.widths and abs(sum(table.widths) - 1) < 1e-9


def test_rows_on_a_later_page_are_cited_on_that_page(tmp_path: Path) -> None:
    doc = read_document(write_pdf(tmp_path / "bang.pdf"))
    facts = {f.indicator: f for f in extract_facts(doc) if f.kind == "table_row"}
    first, last = facts["grdp_growth"], facts["new_party_members"]
    assert doc.raw.text.count("\f", 0, doc.mapped.origin[first.source.start]) == 0
    assert doc.raw.text.count("\f", 0, doc.mapped.origin[last.source.start]) >= 1


def test_an_unruled_table_reads_on_over_the_page_break(tmp_path: Path) -> None:
    """No grid, so no structured table: the columns laid out as text read on past the page number,
    and a row whose number stands alone above its wrapped name ("4" / "Tốc độ tăng giá trị gia
    tăng ngành nông, lâm …") is a row of its own, not one more part of "Cơ cấu kinh tế"."""
    doc = read_document(write_pdf(tmp_path / "bang.pdf", ruled=False))
    assert doc.raw.tables == [] and doc.raw.pages == 3
    found = score_table([f for f in extract_facts(doc) if f.kind == "table_row"], GOLD)
    assert (found.row_recall, found.row_precision, found.cell_accuracy) == (1.0, 1.0, 1.0), found.wrong_cells
    assert found.code_accuracy == 1.0, found.wrong_codes


def test_a_markdown_table_split_in_two_reads_whole(tmp_path: Path) -> None:
    table = term_table()
    half = len(table.rows) // 2

    def markdown(rows: list[list[str]]) -> list[str]:
        return ["| " + " | ".join(row) + " |" for row in rows]

    rule = "|" + "---|" * len(table.header)
    lines = [*table.preamble, "", *markdown([table.header]), rule, *markdown(table.rows[:half])]
    # the export starts a new table on the next page; its first row stands where a header would
    lines += ["", "\f- 2 -", "", *markdown(table.rows[half : half + 1]), rule, *markdown(table.rows[half + 1 :])]
    lines += ["", *table.notes]
    path = tmp_path / "bang.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path)
    assert len(doc.raw.tables) == 1
    found = score_table([f for f in extract_facts(doc) if f.kind == "table_row"], GOLD)
    assert (found.row_recall, found.row_precision, found.cell_accuracy) == (1.0, 1.0, 1.0), found.wrong_cells


def test_pipe_rows_read_on_over_a_page_break(tmp_path: Path) -> None:
    table = term_table()
    lines = [*table.preamble, CELL_SEPARATOR.join(table.header)]
    for n, row in enumerate(table.rows):
        if n == 20:
            lines += ["\f", "Trang 2", "(Tiếp theo Phụ lục)"]
        lines.append(CELL_SEPARATOR.join(row))
    path = tmp_path / "bang.txt"
    path.write_text("\n".join([*lines, "", *table.notes]) + "\n", encoding="utf-8")
    found = score_table([f for f in extract_facts(read_document(path)) if f.kind == "table_row"], GOLD)
    assert (found.row_recall, found.row_precision, found.cell_accuracy) == (1.0, 1.0, 1.0), found.wrong_cells


@pytest.mark.slow
@pytest.mark.parametrize("form", ["scanned.pdf", "scanned.tif"])
def test_a_scanned_table_continued_over_pages_reads_whole(tmp_path: Path, form: str) -> None:
    """The printed table scanned page by page (a PDF of page images, a multi-page TIFF): each
    page's ruled grid is read cell by cell, and the pages' parts join into one table."""
    doc = read_document(write_scan(tmp_path / form))
    assert doc.raw.ocr and doc.raw.pages == 3
    [table] = [t for t in doc.raw.tables if len(t.rows) > 5]
    assert len(table.rows) == 1 + len(term_table().rows)
    found = score_table([f for f in extract_facts(doc) if f.kind == "table_row"], GOLD)
    assert (found.row_recall, found.row_precision) == (1.0, 1.0), found.missed
    assert found.cell_accuracy >= 0.95, found.wrong_cells


REPORT_HEADER = "TT | Chỉ tiêu | ĐVT | Kế hoạch 2024 | Ước thực hiện 9 tháng | % so KH | % so cùng kỳ"
REPORT_ROWS = [
    "1 | Tổng sản lượng lương thực có hạt | tấn | 210.000 | 118.450 | 56,4 | 101,8",
    "2 | Diện tích trồng rừng mới | ha | 3.000 | 1.870 | 62,3 | 104,1",
    "3 | Thu ngân sách nhà nước trên địa bàn | tỷ đồng | 4.500 | 3.120 | 69,3 | 108,0",
    "4 | Giải quyết việc làm mới | lao động | 9.000 | 6.930 | 77,0 | 103,5",
]


@pytest.mark.parametrize(
    ("gap", "rows"),
    [
        ("\f\n- 2 -\n", 4),  # the table reads on over the page break
        ("\n(tiếp theo)\n", 4),
        ("\nTình hình thực hiện các nhiệm vụ khác như sau.\n", 2),  # a sentence ends it
    ],
)
def test_a_report_results_table_reads_on_over_the_page_break(gap: str, rows: int) -> None:
    from chitieu.extract.report_tables import read_report_tables

    text = "\n".join([REPORT_HEADER, *REPORT_ROWS[:2]]) + "\n" + gap + "\n".join(REPORT_ROWS[2:]) + "\n"
    facts = read_report_tables(text, "bao_cao.txt", None, 2024)
    assert [f.value for f in facts] == [118450, 1870, 3120, 6930][:rows]
    for fact in facts:
        assert text[fact.source.start : fact.source.end] == fact.source.text


def test_a_table_of_other_columns_after_the_page_break_is_not_read_as_its_rows() -> None:
    from chitieu.extract.report_tables import read_report_tables

    other = "5 | Trường Tiểu học Noong Hẻo | 2023 | 12 phòng"
    text = "\n".join([REPORT_HEADER, *REPORT_ROWS[:2], "\f", "- 2 -", other]) + "\n"
    assert len(read_report_tables(text, "bao_cao.txt", None, 2024)) == 2


# --- what stays apart ---------------------------------------------------------------------


def test_a_second_table_with_its_own_header_stays_a_table_of_its_own(tmp_path: Path) -> None:
    """The next appendix after a page break: same columns, its own header; its rows are its own."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    table = term_table()
    document = Document()
    for n, rows in enumerate((table.rows[:10], table.rows[10:20])):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        header = list(table.header) if n == 0 else ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", *map(str, range(2021, 2026)), "Cả kỳ", "Ghi chú"]
        grid = document.add_table(rows=len(rows) + 1, cols=len(header))
        for r, row in enumerate([header, *rows]):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    path = tmp_path / "hai_bang.docx"
    document.save(str(path))
    assert [len(t.rows) for t in load(path).tables] == [11, 11]


ROWS = [["1", "Tốc độ tăng trưởng", "%", "7", "5,3", "6,1", "Đạt"], ["2", "Thu ngân sách", "Tỷ đồng", "4.500", "3.993", "4.150", "Vượt"]]
HEADER = ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Năm 2021", "Năm 2022", "Đánh giá"]
NEXT = [["3", "Số xã nông thôn mới", "Xã", "60", "51", "54", "Không đạt"]]


def _pair(above_rows: list[list[str]], below_rows: list[list[str]], gap: str = "\f\n",
          widths: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())) -> tuple[str, Table, Table]:
    first, first_spans = render_rows(above_rows, 0)
    text = first + "\n" + gap
    second, second_spans = render_rows(below_rows, len(text))
    text += second + "\n"
    above = Table(above_rows, 1, 0, len(first), first_spans, widths[0])
    below = Table(below_rows, 2, len(text) - len(second) - 1, len(text) - 1, second_spans, widths[1])
    return text, above, below


@pytest.mark.parametrize(
    ("below", "head"),
    [
        (NEXT, 0),  # the rows simply go on
        ([HEADER, *NEXT], 1),  # the header repeated on the new page
        ([column_numbers(7), *NEXT], 1),  # the column numbers at the top of the part
        ([HEADER, column_numbers(7), *NEXT], 2),
        ([["II", "Các chỉ tiêu xã hội", "", "", "", "", ""], *NEXT], 0),  # a group row opens the part
        ([["", "- Trong đó: nông thôn", "%", "x", "48,0", "48,8", "Không đánh giá"]], 0),
        ([["STT", "Nội dung", "ĐVT", "Kế hoạch", "Thực hiện", "So sánh", "Ghi chú"], *NEXT], None),
        ([["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "2021", "2022", "Đánh giá"], *NEXT], None),  # not the same header
        ([["", "Tên công trình", "Địa điểm", "Chủ đầu tư", "Quy mô", "Tiến độ", "Ghi chú"], *NEXT], None),
        ([["", "", "", "", "2023", "2024", "2025"], *NEXT], None),  # years across the columns
        ([row[:6] for row in NEXT], None),  # fewer columns
        ([HEADER], None),  # nothing but a header
    ],
)
def test_what_continues_a_table_and_what_opens_a_new_one(below: list[list[str]], head: int | None) -> None:
    text, above, part = _pair([HEADER, *ROWS], below)
    assert continuation_head(text, above, part) == head
    joined = join_continued_tables(text, [part, above])
    if head is None:
        assert joined == [above, part]
    else:
        [table] = joined
        assert table.rows == [HEADER, *ROWS, *below[head:]]
        assert [text[a:b] for a, b in table.row_spans] == [CELL_SEPARATOR.join(r) for r in table.rows]
        assert (table.start, table.end, table.page) == (above.start, part.end, 1)


@pytest.mark.parametrize(
    ("gap", "furniture"),
    [
        ("", True),
        ("\f", True),
        ("\n\n\f\n", True),
        ("- 12 -\n\f", True),
        ("\fTrang 3\n", True),
        ("3/7\n\f(tiếp theo)\n", True),
        ("\f(Tiếp theo Phụ lục số 01)\n", True),
        ("\fBảng tiếp trang trước\n", True),
        ("\f.\n| ,\n", True),  # specks a scan left
        ("\f15\n", True),
        ("\fPHỤ LỤC 2\n", False),  # the title of the next table
        ("Nguồn: Cục Thống kê tỉnh.\n\f", False),  # a note closes the table
        ("Ghi chú: số liệu năm 2025 là số ước.\n", False),
        ("\fBiểu số 2: Kết quả thực hiện các nhiệm vụ trọng tâm\n", False),
        ("1\n2\n3\n4\n5\n", False),  # too much between them for a page break
    ],
)
def test_only_page_furniture_between_two_parts(gap: str, furniture: bool) -> None:
    assert only_page_furniture(gap) is furniture
    text, above, part = _pair([HEADER, *ROWS], NEXT, gap=gap)
    assert (len(join_continued_tables(text, [above, part])) == 1) is furniture


@pytest.mark.parametrize(
    ("widths", "joined"),
    [
        (((0.1, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1), (0.1, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1)), True),
        (((0.1, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1), (0.11, 0.39, 0.1, 0.1, 0.1, 0.1, 0.1)), True),  # a scan's few pixels
        (((0.1, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1), (0.2, 0.3, 0.1, 0.1, 0.1, 0.1, 0.1)), False),  # other columns
        (((0.1, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1), ()), True),  # one part without drawn columns: the count decides
    ],
)
def test_parts_have_the_same_column_widths(widths: tuple[tuple[float, ...], tuple[float, ...]], joined: bool) -> None:
    text, above, part = _pair([HEADER, *ROWS], NEXT, widths=widths)
    assert (len(join_continued_tables(text, [above, part])) == 1) is joined


_figure = st.one_of(st.just(""), st.from_regex(r"[<>]?[0-9]{1,3}(,[0-9]{1,2})?", fullmatch=True))
_row = st.tuples(
    st.from_regex(r"[0-9]{1,2}|[IVX]{1,3}|[-+]?", fullmatch=True),
    st.sampled_from(["Tỷ lệ hộ nghèo", "Thu ngân sách", "Số xã nông thôn mới", "- Trong đó: đô thị"]),
    st.sampled_from(["%", "Tỷ đồng", "Xã", ""]),
    _figure, _figure, _figure,
    st.sampled_from(["", "Đạt", "Vượt", "Không đạt", "Không đánh giá"]),
).map(list)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(_row, min_size=2, max_size=30), cuts=st.sets(st.integers(1, 29), max_size=4))
def test_a_table_cut_anywhere_between_pages_joins_back_to_itself(rows: list[list[str]], cuts: set[int]) -> None:
    # a part may open on any row (a group row without figures too), never on something read as a header
    bounds = [0, *sorted(c for c in cuts if c < len(rows)), len(rows)]
    parts = [[HEADER, *rows[bounds[0] : bounds[1]]]] + [rows[a:b] for a, b in list(itertools.pairwise(bounds))[1:]]
    text, tables = "", []
    for n, part in enumerate(parts):
        if n:
            text += f"\f- {n + 1} -\n"
        body, spans = render_rows(part, len(text))
        tables.append(Table(part, n + 1, len(text), len(text) + len(body), spans))
        text += body + "\n"
    [table] = join_continued_tables(text, tables)
    assert table.rows == [HEADER, *rows]
    assert [text[a:b] for a, b in table.row_spans] == [CELL_SEPARATOR.join(r) for r in table.rows]
