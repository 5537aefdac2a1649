"""PDFs with a text layer: pdfium text page by page, ruled tables as rows."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from chitieu.ingest import load
from chitieu.ingest.base import CELL_SEPARATOR, RawDocument
from chitieu.ingest.pdf import PAGE_SEPARATOR
from fixtures.build import HEADER, SENTENCES, TABLE_ROWS, Fixtures


def collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def raw(fixture_files: Fixtures) -> RawDocument:
    return load(fixture_files.pdf_text)


def test_text_layer_is_read_without_ocr(raw: RawDocument) -> None:
    assert raw.format == "pdf"
    assert raw.ocr is False and raw.ocr_confidence is None
    assert raw.pages == 2


def test_every_sentence_reads_back(raw: RawDocument) -> None:
    flat = collapse(raw.text)
    for sentence in [*HEADER, *SENTENCES]:
        assert collapse(sentence) in flat


def test_pages_are_separated_by_form_feed(raw: RawDocument) -> None:
    first, second = raw.text.split(PAGE_SEPARATOR)
    assert collapse(SENTENCES[3]) in collapse(first)
    assert collapse(SENTENCES[4]) in collapse(second)


def test_ruled_table_becomes_rows(raw: RawDocument) -> None:
    (table,) = raw.tables
    assert table.page == 1
    assert table.rows == TABLE_ROWS
    rendered = raw.text[table.start : table.end]
    assert rendered.splitlines() == [CELL_SEPARATOR.join(row) for row in TABLE_ROWS]


def test_table_replaces_its_cells_in_the_flow(raw: RawDocument) -> None:
    # the table's cells appear once, as rows, between the paragraphs around it
    assert raw.text.count("Tốc độ tăng trưởng GRDP") == 1
    flat = collapse(raw.text)
    assert flat.index(collapse(SENTENCES[2])) < flat.index("STT | Chỉ tiêu") < flat.index(collapse(SENTENCES[3]))


def test_incremental_update_after_eof_is_still_complete(fixture_files: Fixtures, tmp_path: Path) -> None:
    # Saving a PDF again appends to it; what matters is that the file ends with %%EOF.
    data = fixture_files.pdf_text.read_bytes()
    path = tmp_path / "cap-nhat.pdf"
    path.write_bytes(data + b"\n% comment appended by an editor\n%%EOF\n")
    assert load(path).pages == 2
