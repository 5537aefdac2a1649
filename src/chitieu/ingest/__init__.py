"""One loader per document form; ``load`` picks the right one. (stub: being built)"""

from __future__ import annotations

from pathlib import Path

from chitieu.errors import UnreadableDocument
from chitieu.ingest.base import RawDocument


def load(path: Path) -> RawDocument:
    if not path.exists():
        raise UnreadableDocument(f"Không tìm thấy tệp: {path}")
    return RawDocument(path=path, format="txt", text=path.read_text(encoding="utf-8"))
