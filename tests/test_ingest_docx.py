"""Word documents: document order, tables as rows, list numbers, footnotes, legacy fonts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from chitieu.ingest import load
from chitieu.ingest.base import CELL_SEPARATOR, RawDocument
from chitieu.ingest.docx import format_number
from fixtures.build import (
    EXPECTED_LIST_LABELS,
    FOOTNOTE_ANCHOR,
    FOOTNOTE_TEXT,
    HEADER,
    LEGACY_DOCX_SENTENCE,
    LIST_ITEMS,
    SENTENCES,
    TABLE_ROWS,
    TITLE,
    Fixtures,
    write_docx,
)


@pytest.fixture(scope="module")
def raw(fixture_files: Fixtures) -> RawDocument:
    return load(fixture_files.docx)


def test_every_paragraph_reads_back(raw: RawDocument) -> None:
    assert raw.format == "docx"
    lines = raw.text.splitlines()
    for expected in [*HEADER, TITLE, *SENTENCES]:
        assert expected in lines


def test_table_sits_between_the_paragraphs_around_it(raw: RawDocument) -> None:
    text = raw.text
    table_line = CELL_SEPARATOR.join(TABLE_ROWS[0])
    assert text.index(SENTENCES[2]) < text.index(table_line) < text.index(SENTENCES[3])


def test_table_is_kept_structured_with_its_offsets(raw: RawDocument) -> None:
    (table,) = raw.tables
    assert table.rows == TABLE_ROWS
    rendered = raw.text[table.start : table.end]
    assert rendered.splitlines() == [CELL_SEPARATOR.join(row) for row in TABLE_ROWS]


def test_word_numbering_is_rendered(raw: RawDocument) -> None:
    lines = raw.text.splitlines()
    for (_, item), label in zip(LIST_ITEMS, EXPECTED_LIST_LABELS, strict=True):
        assert f"{label} {item}" in lines


def test_footnote_is_linked_by_a_superscript_mark(raw: RawDocument) -> None:
    before, after = FOOTNOTE_ANCHOR
    assert f"{before}¹{after}" in raw.text
    assert [(f.mark, f.text) for f in raw.footnotes] == [("1", FOOTNOTE_TEXT)]
    assert FOOTNOTE_TEXT not in raw.text  # footnote text lives in RawDocument.footnotes


def test_vntime_run_is_converted_from_tcvn3(fixture_files: Fixtures) -> None:
    raw = load(fixture_files.docx_legacy)
    assert LEGACY_DOCX_SENTENCE in raw.text.splitlines()
    assert SENTENCES[0] in raw.text  # the Unicode paragraphs are untouched
    assert raw.encoding == "tcvn3"


def test_unicode_docx_reports_no_legacy_encoding(raw: RawDocument) -> None:
    assert raw.encoding is None


def test_declared_page_count_is_used_when_present(tmp_path: Path, fixture_files: Fixtures) -> None:
    source = fixture_files.docx
    target = tmp_path / "co-so-trang.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "docProps/app.xml":
                data = re.sub(rb"<Pages>\d+</Pages>", b"<Pages>7</Pages>", data)
            dst.writestr(item, data)
    assert load(target).pages == 7


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "decimalZero", "03"),
        (2, "lowerLetter", "b"),
        (27, "lowerLetter", "aa"),
        (4, "upperLetter", "D"),
        (4, "upperRoman", "IV"),
        (9, "lowerRoman", "ix"),
        (14, "upperRoman", "XIV"),
    ],
)
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def test_docx_renamed_without_extension_is_still_docx(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "van-ban")
    assert load(path).format == "docx"


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def word_features(tmp_path_factory: pytest.TempPathFactory) -> RawDocument:
    """List styles, merged header cells and a text box, as Word templates of the provinces use."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    for item in ("Rà soát danh mục dự án", "Báo cáo kết quả trước ngày 15/12"):
        document.add_paragraph(item, style="List Number")
    document.add_paragraph("Các đơn vị phối hợp thực hiện", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Kết quả thực hiện"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Chỉ tiêu"
    table.cell(1, 1).text, table.cell(1, 2).text = "Năm 2023", "Năm 2024"
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "Tăng trưởng GRDP (%)", "7,1", "8,0"
    anchor = document.add_paragraph("Nơi nhận:")
    anchor._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}"><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:200pt;height:40pt">'
        "<v:textbox><w:txbxContent><w:p><w:r><w:t>Số: 21/KH-UBND</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>"
    ))
    path = tmp_path_factory.mktemp("word") / "mau-word.docx"
    document.save(str(path))
    return load(path)


def test_numbering_from_list_styles(word_features: RawDocument) -> None:
    lines = word_features.text.splitlines()
    assert lines[:3] == ["1. Rà soát danh mục dự án", "2. Báo cáo kết quả trước ngày 15/12", "• Các đơn vị phối hợp thực hiện"]


def test_merged_cells_keep_the_grid(word_features: RawDocument) -> None:
    (table,) = word_features.tables
    assert table.rows == [
        ["Chỉ tiêu", "Kết quả thực hiện", ""],
        ["", "Năm 2023", "Năm 2024"],
        ["Tăng trưởng GRDP (%)", "7,1", "8,0"],
    ]
    assert word_features.text[table.start : table.end].splitlines()[2] == "Tăng trưởng GRDP (%) | 7,1 | 8,0"


def test_text_box_content_follows_its_anchor(word_features: RawDocument) -> None:
    lines = word_features.text.splitlines()
    assert lines[lines.index("Nơi nhận:") + 1] == "Số: 21/KH-UBND"
