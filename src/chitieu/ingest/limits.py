"""Checks that keep hostile or broken files from reaching a parser.

Documents arrive from e-mail and web uploads, so every file is treated as untrusted: its size
is checked before a single byte is read, a ZIP container (DOCX) is measured from its central
directory before python-docx inflates it, and nothing in a file is ever executed (no macros;
XML is parsed by lxml with entity resolution off, as python-docx does).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from chitieu.errors import UnreadableDocument

MAX_FILE_ENV = "CHITIEU_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 100.0

# A real DOCX of a few hundred pages inflates to tens of MB and compresses XML about 10:1;
# a zip bomb inflates to gigabytes at ratios in the thousands.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200.0
MAX_ZIP_ENTRIES = 10_000
# Below this, a member's ratio says nothing (a tiny XML file of repeated tags compresses well).
_RATIO_MIN_MEMBER_BYTES = 1024 * 1024

# Pixels in one image or rendered page; Pillow's own bomb limit is ~179 Mpx, we stop earlier.
MAX_IMAGE_PIXELS = 120_000_000

# Pages of one PDF. The longest real planning documents (a term report with its appendices) run
# to a few hundred pages; a scanned page costs seconds of OCR, so thousands of them tie up the
# server for hours, and a tiny file can declare a page tree of a million entries.
MAX_PAGES_ENV = "CHITIEU_MAX_PAGES"
DEFAULT_MAX_PAGES = 2000


def max_file_bytes() -> int:
    """The size limit in bytes: ``CHITIEU_MAX_FILE_MB`` (megabytes, may be fractional) or 100 MB."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return int(DEFAULT_MAX_FILE_MB * 1024 * 1024)
    try:
        megabytes = float(raw.replace(",", "."))
    except ValueError:
        raise UnreadableDocument(
            f"giá trị {MAX_FILE_ENV}={raw!r} không hợp lệ: cần một số megabyte, ví dụ 100"
        ) from None
    if megabytes <= 0:
        raise UnreadableDocument(f"giá trị {MAX_FILE_ENV}={raw!r} không hợp lệ: cần một số dương")
    return int(megabytes * 1024 * 1024)


def max_pages() -> int:
    """The page limit of one document: ``CHITIEU_MAX_PAGES`` or 2000."""
    raw = os.environ.get(MAX_PAGES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_PAGES
    if not raw.isdigit() or int(raw) <= 0:
        raise UnreadableDocument(f"giá trị {MAX_PAGES_ENV}={raw!r} không hợp lệ: cần một số trang nguyên dương, ví dụ 2000")
    return int(raw)


def check_page_count(pages: int, name: str) -> None:
    """Refuse a document with more pages than the limit, before any page is read."""
    limit = max_pages()
    if pages > limit:
        raise UnreadableDocument(
            f"tệp {name} có quá nhiều trang ({pages}), giới hạn là {limit} trang (đặt {MAX_PAGES_ENV} để thay đổi)"
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def check_file(path: Path) -> int:
    """Reject what is not a readable, non-empty regular file within the size limit; return its size.

    Uses ``stat`` only, so a 200 MB (or sparse 200 GB) file is refused without reading it.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UnreadableDocument(f"không tìm thấy tệp: {path}") from None
    except PermissionError:
        raise UnreadableDocument(f"không có quyền đọc tệp: {path}") from None
    except OSError as exc:
        raise UnreadableDocument(f"không mở được tệp {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise UnreadableDocument(f"{path} là một thư mục, không phải tệp văn bản")
    if not path.is_file():
        raise UnreadableDocument(f"{path} không phải là tệp thông thường")
    if st.st_size == 0:
        raise UnreadableDocument(f"tệp rỗng: {path.name}")
    limit = max_file_bytes()
    if st.st_size > limit:
        raise UnreadableDocument(
            f"tệp {path.name} quá lớn ({_mb(st.st_size)}), giới hạn là {_mb(limit)} "
            f"(đặt {MAX_FILE_ENV} để thay đổi)"
        )
    if not os.access(path, os.R_OK):
        raise UnreadableDocument(f"không có quyền đọc tệp: {path}")
    return st.st_size


def check_zip_container(path: Path, kind: str = "DOCX") -> zipfile.ZipFile:
    """Open ``path`` as a ZIP and refuse it if inflating it would be dangerous.

    Only the central directory is read (``infolist``): declared sizes of a bomb are honest in
    practice, and a member that lies is caught later because ``zipfile`` stops at the declared
    size. The open ``ZipFile`` is returned so the caller can look inside without re-opening.
    """
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UnreadableDocument(f"tệp {path.name} không phải là tệp {kind} hợp lệ (không đọc được cấu trúc ZIP)") from None
    except OSError as exc:
        raise UnreadableDocument(f"không mở được tệp {path.name}: {exc.strerror or exc}") from None
    try:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise UnreadableDocument(f"tệp {path.name} chứa quá nhiều thành phần ({len(infos)}), bị từ chối vì lý do an toàn")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise UnreadableDocument(f"tệp {path.name} được mã hóa bằng mật khẩu, không đọc được")
            total += info.file_size
            if total > MAX_UNCOMPRESSED_BYTES:
                raise UnreadableDocument(
                    f"tệp {path.name} giải nén ra quá lớn (trên {_mb(MAX_UNCOMPRESSED_BYTES)}), "
                    "có thể là tệp độc hại; đã từ chối"
                )
            if info.file_size >= _RATIO_MIN_MEMBER_BYTES:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_COMPRESSION_RATIO:
                    raise UnreadableDocument(
                        f"tệp {path.name} có tỷ lệ nén bất thường ({ratio:.0f}:1), "
                        "có thể là tệp độc hại; đã từ chối"
                    )
    except BaseException:
        archive.close()
        raise
    return archive


def check_image_pixels(width: int, height: int, name: str) -> None:
    """Refuse images whose decoded size would exhaust memory (decompression bombs)."""
    if width * height > MAX_IMAGE_PIXELS:
        raise UnreadableDocument(
            f"ảnh {name} quá lớn ({width}×{height} điểm ảnh), bị từ chối vì lý do an toàn"
        )
