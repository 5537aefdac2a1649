"""Accepting an uploaded file: a safe name, a size limit, and a first look at its content.

The upload is streamed to a private temporary directory under its (cleaned) original name,
because the document keeps its file name and the reader picks the loader from the content and
the extension. The content check is the ingest package's own (``chitieu.ingest.detect_form``),
so a file refused here would have been refused by ``chitieu ingest`` too — only sooner, with
the message shown on the upload form instead of in a failed background job.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import BinaryIO

from chitieu.errors import ChitieuError, UnreadableDocument

ACCEPTED_EXTENSIONS = (".docx", ".pdf", ".txt", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
ACCEPT_ATTRIBUTE = ",".join(ACCEPTED_EXTENSIONS)
_UNSAFE = re.compile(r"[^\w.\- ()]+")
_CHUNK = 1 << 20


class UploadRefused(ChitieuError):
    """An upload that is not accepted; the message is shown to the user as is."""


def safe_filename(name: str | None) -> str:
    """The base name of ``name`` without directories, control or shell characters; never empty."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").split("/")[-1])
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base:
        return "tai-lieu"
    stem, dot, ext = base.rpartition(".")
    if dot and len(ext) <= 10:
        return stem[:150].strip(" .") + "." + ext if stem.strip(" .") else "tai-lieu." + ext
    return base[:160]


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def save_upload(stream: BinaryIO, filename: str | None, limit: int) -> Path:
    """Copy ``stream`` to a new private directory, refusing wrong types, empty or oversized files.

    Returns the saved file's path; the caller owns (and removes) its parent directory.
    """
    name = safe_filename(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED_EXTENSIONS:
        raise UploadRefused(
            f"Không nhận tệp “{name}”: chỉ nhận tài liệu DOCX, PDF, ảnh (PNG, JPG, TIFF) hoặc văn bản (TXT, MD)."
        )
    directory = Path(tempfile.mkdtemp(prefix="chitieu-upload-"))
    path = directory / name
    try:
        size = 0
        with path.open("wb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise UploadRefused(f"Tệp “{name}” quá lớn: giới hạn là {_mb(limit)}.")
                out.write(chunk)
        if size == 0:
            raise UploadRefused(f"Tệp “{name}” rỗng.")
        check_content(path)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return path


def check_content(path: Path) -> None:
    """Refuse a file whose content does not match a readable form (e.g. a ``.docx`` that is no ZIP)."""
    from chitieu.ingest import detect_form

    with path.open("rb") as fh:
        head = fh.read(8192)
    try:
        detect_form(path, head)
    except UnreadableDocument as exc:
        raise UploadRefused(f"Không nhận tệp “{path.name}”: {exc}") from None
