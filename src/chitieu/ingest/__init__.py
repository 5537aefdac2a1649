"""One loader per document form; ``load`` picks the right one from the file's content.

The form is decided by the file's first bytes (a PDF renamed ``.txt`` is still a PDF) and only
then by its extension; a mismatch the other way (a ``.docx`` that is not a ZIP, a ``.pdf``
without a PDF header) is refused with a message that says so. Every refusal is an
``UnreadableDocument`` with a one-line Vietnamese reason; a missing system program is a
``MissingDependency``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from chitieu.errors import ChitieuError, UnreadableDocument
from chitieu.ingest.base import RawDocument
from chitieu.ingest.continued import join_continued_tables
from chitieu.ingest.limits import check_file

__all__ = ["SUPPORTED_FORMS", "detect_form", "load"]

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ""})
DOCX_EXTENSIONS = frozenset({".docx"})
PDF_EXTENSIONS = frozenset({".pdf"})
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"})

SUPPORTED_FORMS = "txt, md, docx, pdf (kể cả bản quét), ảnh png/jpg/tiff"

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"GIF87a",
    b"GIF89a",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_image(head: bytes, suffix: str) -> bool:
    if head.startswith(_IMAGE_MAGIC):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    # "BM" is too weak a signature to trust without the extension.
    return suffix == ".bmp" and head.startswith(b"BM")


def detect_form(path: Path, head: bytes) -> str:
    """``"text"``, ``"docx"``, ``"pdf"`` or ``"image"`` for a file starting with ``head``.

    Raises ``UnreadableDocument`` for forms we do not read, naming what the file seems to be.
    """
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if suffix in DOCX_EXTENSIONS or _zip_has(path, "word/document.xml"):
            return "docx"
        raise UnreadableDocument(
            f"tệp {path.name} là một tệp nén/Office không phải DOCX; định dạng đọc được: {SUPPORTED_FORMS}"
        )
    if head.startswith(_OLE_MAGIC):
        raise UnreadableDocument(
            f"tệp {path.name} là định dạng Office 97-2003 (.doc/.xls), chưa được hỗ trợ; hãy lưu lại thành .docx"
        )
    if head.startswith(b"{\\rtf"):
        raise UnreadableDocument(f"tệp {path.name} là định dạng RTF, chưa được hỗ trợ; hãy lưu lại thành .docx")
    if _is_image(head, suffix):
        return "image"
    if suffix in DOCX_EXTENSIONS:
        raise UnreadableDocument(f"tệp {path.name} không phải là tệp DOCX hợp lệ (không có cấu trúc ZIP)")
    if suffix in PDF_EXTENSIONS:
        raise UnreadableDocument(f"tệp {path.name} không phải là tệp PDF hợp lệ (thiếu phần đầu %PDF)")
    if suffix in IMAGE_EXTENSIONS:
        raise UnreadableDocument(f"tệp {path.name} không phải là ảnh hợp lệ")
    if suffix in TEXT_EXTENSIONS:
        return "text"
    raise UnreadableDocument(f"định dạng tệp {suffix} chưa được hỗ trợ; định dạng đọc được: {SUPPORTED_FORMS}")


def _zip_has(path: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def load(path: Path | str) -> RawDocument:
    """Read any supported document into a ``RawDocument``.

    Safety checks (existence, type, emptiness, size limit) run before the file is opened. A
    table that continues over pages comes back as one table, whatever the form
    (:mod:`chitieu.ingest.continued`).
    """
    path = Path(path)
    check_file(path)
    with path.open("rb") as fh:
        head = fh.read(2048)
    raw = _load_form(path, detect_form(path, head))
    raw.tables = join_continued_tables(raw.text, raw.tables)
    return raw


def _load_form(path: Path, form: str) -> RawDocument:
    try:
        if form == "pdf":
            from chitieu.ingest.pdf import load_pdf

            return load_pdf(path)
        if form == "docx":
            from chitieu.ingest.docx import load_docx

            return load_docx(path)
        if form == "image":
            from chitieu.ingest.image import load_image

            return load_image(path)
        from chitieu.ingest.txt import load_text

        return load_text(path)
    except ChitieuError:
        raise
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        # Parsers signal corrupt input with these; the user needs a reason, not a traceback.
        raise UnreadableDocument(f"tệp {path.name} bị hỏng hoặc không đọc được ({type(exc).__name__})") from exc
