"""Photographed or scanned pages saved as images (PNG, JPEG, TIFF with several pages …).

Pillow decodes; the size of the decoded bitmap is checked from the header before any pixel
is decoded (decompression bombs). Every frame of a multi-page TIFF is a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.errors import UnreadableDocument
from chitieu.ingest.base import RawDocument, Table
from chitieu.ingest.limits import check_image_pixels

if TYPE_CHECKING:
    from PIL import Image

MAX_FRAMES = 1000
PAGE_SEPARATOR = "\f"


def _frames(image: Image.Image, name: str) -> Iterator[Image.Image]:
    from PIL import ImageSequence

    from chitieu.ingest.ocr import prepare_for_ocr

    for frame in ImageSequence.Iterator(image):
        check_image_pixels(frame.width, frame.height, name)
        try:
            frame.load()
        except (OSError, SyntaxError) as exc:
            raise UnreadableDocument(f"ảnh {name} bị hỏng hoặc không đầy đủ") from exc
        yield prepare_for_ocr(frame)


def load_image(path: Path) -> RawDocument:
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    from chitieu.ingest.ocr import mean_confidence, ocr_images

    try:
        image = PILImage.open(path)
    except PILImage.DecompressionBombError:
        raise UnreadableDocument(f"ảnh {path.name} quá lớn, bị từ chối vì lý do an toàn") from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise UnreadableDocument(f"tệp {path.name} không phải là ảnh đọc được") from None
    with image:
        check_image_pixels(image.width, image.height, path.name)
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise UnreadableDocument(f"ảnh {path.name} có quá nhiều trang ({frames})")
        try:
            pages = ocr_images(_frames(image, path.name), frames)
        except (PILImage.DecompressionBombError, OSError, SyntaxError, EOFError) as exc:
            raise UnreadableDocument(f"ảnh {path.name} bị hỏng hoặc không đầy đủ") from exc
    texts = [p.text if p.text.endswith("\n") or not p.text else p.text + "\n" for p in pages]
    text = PAGE_SEPARATOR.join(texts)
    # ruled tables read cell by cell from the image (chitieu.ingest.ocr_layout)
    tables: list[Table] = []
    offset = 0
    for number, (page, page_text) in enumerate(zip(pages, texts, strict=True), start=1):
        tables.extend(t.moved(offset, page=number) for t in page.tables)
        offset += len(page_text) + len(PAGE_SEPARATOR)
    if not text.strip():
        raise UnreadableDocument(f"không nhận dạng được chữ nào trong ảnh {path.name}")
    return RawDocument(
        path=path,
        format="image",
        text=text,
        tables=tables,
        pages=len(pages),
        ocr=True,
        ocr_confidence=mean_confidence(pages),
    )
