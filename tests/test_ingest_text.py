"""Plain-text forms: every encoding a provincial office sends reads back as the same Vietnamese."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from chitieu.ingest import load
from chitieu.ingest.base import CELL_SEPARATOR
from chitieu.ingest.txt import detect_utf16, looks_like_markdown, markdown_tables
from corpus import clean
from fixtures.build import LEGACY_TEXT, MARKDOWN_TEXT, SENTENCES, Fixtures, plain_text


def collapse(text: str) -> str:
    """NFC with every run of whitespace as one space: what survives any wrapping."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize(
    ("attr", "encoding"),
    [
        ("txt_utf8", "utf-8"),
        ("txt_nfd", "utf-8"),
        ("txt_utf16_bom", "utf-16"),
        ("txt_utf16_nobom", "utf-16"),
    ],
)
def test_unicode_forms_read_back_exactly(fixture_files: Fixtures, attr: str, encoding: str) -> None:
    raw = load(getattr(fixture_files, attr))
    assert raw.format == "txt"
    assert raw.encoding == encoding
    assert unicodedata.normalize("NFC", raw.text) == plain_text()
    assert not raw.ocr and raw.tables == [] and raw.footnotes == []


def test_nfd_text_is_kept_decomposed_for_the_normaliser(fixture_files: Fixtures) -> None:
    # The loader keeps the file's characters; NFC happens in chitieu.text with an offset map.
    raw = load(fixture_files.txt_nfd)
    assert raw.text == unicodedata.normalize("NFD", plain_text())


@pytest.mark.parametrize(("attr", "encoding"), [("txt_tcvn3", "tcvn3"), ("txt_vni", "vni")])
def test_legacy_encodings_are_converted_to_unicode(fixture_files: Fixtures, attr: str, encoding: str) -> None:
    raw = load(getattr(fixture_files, attr))
    assert raw.encoding == encoding
    assert unicodedata.normalize("NFC", raw.text) == LEGACY_TEXT


def test_hard_wrapped_export_keeps_every_sentence(fixture_files: Fixtures) -> None:
    raw = load(fixture_files.txt_wrapped)
    assert raw.format == "txt"
    assert any(line.endswith(" ") for line in raw.text.splitlines()), "trailing spaces are the export's"
    # page numbers stand on their own lines; the sentences survive around them
    flat = collapse(raw.text)
    for sentence in SENTENCES[:-1]:
        assert collapse(sentence) in flat
    assert "nhiều thôn bản" in flat and "đã có điện lưới." in flat


@pytest.mark.parametrize("attr", ["md", "md_as_txt"])
def test_markdown_export_is_recognised_by_extension_or_content(fixture_files: Fixtures, attr: str) -> None:
    raw = load(getattr(fixture_files, attr))
    assert raw.format == "md"
    assert raw.text == MARKDOWN_TEXT
    assert len(raw.tables) == 1
    table = raw.tables[0]
    assert table.rows == [
        ["STT", "Chỉ tiêu", "Kế hoạch"],
        ["1", "Tỷ lệ hộ nghèo", "giảm 3,5%"],
        ["2", "Số xã đạt chuẩn nông thôn mới", "05 xã"],
    ]
    rendered = raw.text[table.start : table.end]
    assert rendered.startswith("| STT |") and rendered.endswith("| 05 xã |")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MARKDOWN_TEXT, True),
        ("# Báo cáo\n\n## I. Kết quả\n\n**Nông nghiệp** phát triển.\n", True),
        ("- Tăng trưởng kinh tế đạt 7%.\n- Thu ngân sách đạt 1.200 tỷ đồng.\n", False),
        ("Tỷ lệ 5*3 = 15; ghi chú * ở cuối trang.\n", False),
        (plain_text(), False),
    ],
)
def test_markdown_detection_needs_real_marks(text: str, expected: bool) -> None:
    assert looks_like_markdown(text) is expected


def test_markdown_table_without_outer_pipes() -> None:
    text = "Chỉ tiêu | Đơn vị\n--- | ---\nDiện tích lúa | ha\n\nHết.\n"
    (table,) = markdown_tables(text)
    assert table.rows == [["Chỉ tiêu", "Đơn vị"], ["Diện tích lúa", "ha"]]
    assert text[table.start : table.end] == "Chỉ tiêu | Đơn vị\n--- | ---\nDiện tích lúa | ha"
    assert CELL_SEPARATOR == " | "


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Kế hoạch năm 2024".encode("utf-16"), "utf-16"),
        ("Kế hoạch năm 2024".encode("utf-16-le"), "utf-16-le"),
        ("Kế hoạch năm 2024".encode("utf-16-be"), "utf-16-be"),
        ("Kế hoạch năm 2024".encode(), None),
        (bytes(range(256)) * 4, None),
    ],
)
def test_utf16_is_recognised_by_its_nul_pattern(data: bytes, expected: str | None) -> None:
    assert detect_utf16(data) == expected


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Nghị quyết số 05/NQ-HĐND\n".encode())
    raw = load(path)
    assert raw.text == "Nghị quyết số 05/NQ-HĐND\n"
    assert raw.encoding == "utf-8"


def test_file_without_extension_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "BAOCAO"
    path.write_text("Báo cáo tháng 9\n", encoding="utf-8")
    assert load(path).text == "Báo cáo tháng 9\n"


def test_pdf_renamed_txt_is_read_as_pdf(fixture_files: Fixtures, tmp_path: Path) -> None:
    renamed = tmp_path / "bao-cao-pdf.txt"
    renamed.write_bytes(fixture_files.pdf_text.read_bytes())
    assert load(renamed).format == "pdf"


# --------------------------------------------------------------------------- real corpus


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("000", "txt"),
        ("001", "txt"),
        ("002", "md"),
        ("004", "txt"),
    ],
)
def test_corpus_documents_load(name: str, form: str) -> None:
    raw = load(clean(name))
    assert raw.format == form
    assert raw.encoding == "utf-8"
    assert len(raw.text) > 10_000
    assert "Lai Châu" in unicodedata.normalize("NFC", raw.text)
