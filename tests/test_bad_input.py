"""Hostile and broken files: each is refused with one Vietnamese line, nothing is stored.

Every case runs three ways: ``load`` raises ``UnreadableDocument``; ``chitieu text`` and
``chitieu ingest`` exit non-zero with exactly one line on stderr (no traceback); and the
``documents`` table of the database is exactly as it was.
"""

from __future__ import annotations

import os
import struct
import subprocess
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from chitieu.cli import app
from chitieu.errors import UnreadableDocument
from chitieu.ingest import load
from chitieu.ingest.limits import MAX_FILE_ENV
from fixtures.build import Fixtures

VIETNAMESE_MARKS = set("ăâđêôơưáàảãạếềểễệóòỏõọốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ")


# --------------------------------------------------------------------------- the bad files


def _too_large(d: Path, _: Fixtures) -> Path:
    path = d / "qua-lon.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
    os.truncate(path, 200 * 1024 * 1024)  # sparse: costs no disk
    return path


def _docx_not_zip(d: Path, _: Fixtures) -> Path:
    path = d / "bao-cao.docx"
    path.write_text("Đây không phải là tệp Word", encoding="utf-8")
    return path


def _zip_bomb_docx(d: Path, _: Fixtures) -> Path:
    # One member inflating 64 MB of zeros at ~1000:1, dressed as a DOCX.
    path = d / "bom-nen.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(64):
                member.write(block)
    return path


def _wide_zip_bomb_docx(d: Path, _: Fixtures) -> Path:
    # Many members just under the per-member ratio check, adding up to more than 512 MB.
    path = d / "bom-nen-rong.docx"
    block = b"\0" * (900 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(600):
            archive.writestr(f"word/media/anh{i}.xml", block)
    return path


def _docx_broken_xml(d: Path, fx: Fixtures) -> Path:
    path = d / "xml-hong.docx"
    with zipfile.ZipFile(fx.docx) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    return path


def _xlsx_like_zip(d: Path, _: Fixtures) -> Path:
    path = d / "bang-tinh.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _truncated_pdf(d: Path, fx: Fixtures) -> Path:
    path = d / "cat-cut.pdf"
    data = fx.pdf_text.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _pdf_garbage(d: Path, _: Fixtures) -> Path:
    path = d / "rac.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    return path


def _pdf_with_password(d: Path, _: Fixtures) -> Path:
    from reportlab.pdfgen import canvas

    path = d / "co-mat-khau.pdf"
    pdf = canvas.Canvas(str(path), encrypt="mat-khau-bi-mat")
    pdf.drawString(100, 750, "Noi dung bi khoa")
    pdf.save()
    return path


def _empty_txt(d: Path, _: Fixtures) -> Path:
    path = d / "rong.txt"
    path.write_bytes(b"")
    return path


def _empty_docx(d: Path, _: Fixtures) -> Path:
    path = d / "rong.docx"
    path.write_bytes(b"")
    return path


def _whitespace_txt(d: Path, _: Fixtures) -> Path:
    path = d / "toan-khoang-trang.txt"
    path.write_text(" \n\n\t \n", encoding="utf-8")
    return path


def _binary_txt(d: Path, _: Fixtures) -> Path:
    path = d / "chuong-trinh.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 16)
    return path


def _binary_txt_without_nul(d: Path, _: Fixtures) -> Path:
    path = d / "du-lieu-nen.txt"
    path.write_bytes(bytes(b for b in os.urandom(8192) if b) + bytes(range(1, 32)) * 8)
    return path


def _image_not_image(d: Path, _: Fixtures) -> Path:
    path = d / "anh.png"
    path.write_text("không phải ảnh", encoding="utf-8")
    return path


def _png_bomb(d: Path, _: Fixtures) -> Path:
    # A valid PNG header declaring 60000×60000 pixels: refused before any pixel is decoded.
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    path = d / "anh-bom.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
    return path


def _truncated_png(d: Path, fx: Fixtures) -> Path:
    path = d / "anh-cut.png"
    data = fx.png.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _old_word(d: Path, _: Fixtures) -> Path:
    path = d / "van-ban-cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    return path


def _unsupported_extension(d: Path, _: Fixtures) -> Path:
    path = d / "so-lieu.xyz"
    path.write_text("Tốc độ tăng trưởng 7%", encoding="utf-8")
    return path


def _nonexistent(d: Path, _: Fixtures) -> Path:
    return d / "khong-co.txt"


def _directory(d: Path, _: Fixtures) -> Path:
    path = d / "thu-muc.txt"
    path.mkdir()
    return path


BAD_FILES: dict[str, tuple[Callable[[Path, Fixtures], Path], str]] = {
    # case: (maker, a word the message must contain)
    "too-large": (_too_large, "quá lớn"),
    "docx-not-zip": (_docx_not_zip, "DOCX"),
    "zip-bomb": (_zip_bomb_docx, "nén"),
    "wide-zip-bomb": (_wide_zip_bomb_docx, "giải nén"),
    "docx-broken-xml": (_docx_broken_xml, "hỏng"),
    "zip-not-docx": (_xlsx_like_zip, "không phải DOCX"),
    "truncated-pdf": (_truncated_pdf, "cắt cụt"),
    "garbage-pdf": (_pdf_garbage, "hỏng"),
    "password-pdf": (_pdf_with_password, "mật khẩu"),
    "empty-txt": (_empty_txt, "rỗng"),
    "empty-docx": (_empty_docx, "rỗng"),
    "whitespace-txt": (_whitespace_txt, "không có nội dung"),
    "binary-txt": (_binary_txt, "nhị phân"),
    "binary-txt-no-nul": (_binary_txt_without_nul, "không phải là văn bản"),
    "text-as-png": (_image_not_image, "ảnh"),
    "png-bomb": (_png_bomb, "quá lớn"),
    "truncated-png": (_truncated_png, "ảnh"),
    "word-97": (_old_word, ".doc"),
    "unsupported-extension": (_unsupported_extension, "chưa được hỗ trợ"),
    "nonexistent": (_nonexistent, "không tìm thấy"),
    "directory": (_directory, "thư mục"),
}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad")


@pytest.fixture(scope="module")
def bad_files(bad_dir: Path, fixture_files: Fixtures) -> dict[str, Path]:
    return {case: maker(bad_dir, fixture_files) for case, (maker, _) in BAD_FILES.items()}


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory: pytest.TempPathFactory, fixture_files: Fixtures) -> str:
    """A database already holding one good document, so 'unchanged' is not just 'empty'."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'chitieu.sqlite3'}"
    result = CliRunner().invoke(app, ["ingest", str(fixture_files.txt_utf8), "--db", url])
    assert result.exit_code == 0, result.output
    return url


def document_rows(url: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text("SELECT id, content_hash, name FROM documents ORDER BY id"))]
    finally:
        engine.dispose()


def assert_one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_load_refuses_with_one_vietnamese_line(bad_files: dict[str, Path], case: str) -> None:
    expected = BAD_FILES[case][1]
    with pytest.raises(UnreadableDocument) as info:
        load(bad_files[case])
    message = str(info.value)
    assert "\n" not in message
    assert expected in message
    assert VIETNAMESE_MARKS & set(message.lower()), message


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_ingest_exits_non_zero_and_stores_nothing(bad_files: dict[str, Path], stored_db: str, case: str) -> None:
    before = document_rows(stored_db)
    result = CliRunner().invoke(app, ["ingest", str(bad_files[case]), "--db", stored_db])
    assert result.exit_code != 0
    line = assert_one_line(result.stderr)
    assert line.startswith("Lỗi:")
    assert result.stdout == ""
    assert document_rows(stored_db) == before


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_text_exits_non_zero_with_one_line(bad_files: dict[str, Path], case: str) -> None:
    result = CliRunner().invoke(app, ["text", str(bad_files[case])])
    assert result.exit_code != 0
    assert assert_one_line(result.stderr).startswith("Lỗi:")
    assert result.stdout == ""


def test_good_and_bad_files_together_store_only_the_good(
    bad_files: dict[str, Path], fixture_files: Fixtures, tmp_db_url: str
) -> None:
    result = CliRunner().invoke(
        app, ["ingest", str(bad_files["truncated-pdf"]), str(fixture_files.docx), "--db", tmp_db_url]
    )
    assert result.exit_code != 0  # one failure makes the run fail …
    assert [row[2] for row in document_rows(tmp_db_url)] == [fixture_files.docx.name]  # … but keeps the good one


def test_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nho.txt"
    path.write_text("Thu ngân sách đạt 1.200 tỷ đồng.\n" * 100, encoding="utf-8")  # ~3.5 KB
    assert load(path).text.startswith("Thu ngân sách")
    monkeypatch.setenv(MAX_FILE_ENV, "0,002")  # 2 KB, with a Vietnamese decimal comma
    with pytest.raises(UnreadableDocument, match="quá lớn"):
        load(path)
    monkeypatch.setenv(MAX_FILE_ENV, "không-phải-số")
    with pytest.raises(UnreadableDocument, match=MAX_FILE_ENV):
        load(path)


def test_installed_command_reports_one_line(bad_files: dict[str, Path], tmp_db_url: str) -> None:
    """The console script itself (not only the Typer app): one line on stderr, exit status 1."""
    exe = Path(__file__).parents[1] / ".venv" / "bin" / "chitieu"
    if not exe.exists():
        pytest.skip("console script not installed")
    result = subprocess.run(
        [str(exe), "ingest", str(bad_files["zip-bomb"]), "--db", tmp_db_url],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "nén" in assert_one_line(result.stderr)
