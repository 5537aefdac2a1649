"""Optical character recognition of scanned pages with Tesseract's Vietnamese model.

Scanned resolutions and reports are common in provincial archives. Tesseract with ``vie``
keeps the diacritics that an English-only OCR destroys (see DOMAIN.md); when a page reads
poorly with ``vie`` alone we retry with ``vie+eng`` (English words, codes and Latin
abbreviations in Vietnamese documents) and keep the more confident reading.

Pages are OCR'd in parallel: Tesseract runs as a separate process per page, so threads are
enough, and OpenMP inside each Tesseract is limited to one thread to avoid oversubscription.
Rendering (pdfium, not thread-safe) stays in the calling thread and is streamed, so only a
few page bitmaps are in memory at a time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chitieu.errors import MissingDependency

if TYPE_CHECKING:
    from PIL import Image

PRIMARY_LANG = "vie"
FALLBACK_LANG = "vie+eng"
DEFAULT_DPI = 300
# Below this mean word confidence a page is re-read with the fallback language set.
RETRY_BELOW_CONFIDENCE = 60.0
TESSERACT_CONFIG = "--oem 1 --psm 3"

INSTALL_HINT = "hãy cài các gói Debian: sudo apt-get install tesseract-ocr tesseract-ocr-vie"

_checked_langs: frozenset[str] | None = None
_check_lock = threading.Lock()


@dataclass
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence 0-100, None when no word was found
    words: int
    lang: str = PRIMARY_LANG


def available_languages() -> frozenset[str]:
    """Tesseract's installed languages; raises ``MissingDependency`` when it is unusable.

    The check runs once per process (it spawns ``tesseract`` twice).
    """
    global _checked_langs
    with _check_lock:
        if _checked_langs is not None:
            return _checked_langs
        import pytesseract

        try:
            pytesseract.get_tesseract_version()
            langs = frozenset(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, FileNotFoundError, OSError):
            raise MissingDependency(f"chưa cài chương trình nhận dạng chữ Tesseract OCR; {INSTALL_HINT}") from None
        if PRIMARY_LANG not in langs:
            raise MissingDependency(f"Tesseract chưa có dữ liệu tiếng Việt (vie); {INSTALL_HINT}")
        _checked_langs = langs
        return langs


def _words_to_text(data: dict[str, list[Any]]) -> tuple[str, list[float]]:
    """Lines of words from ``image_to_data`` output, a blank line between Tesseract blocks."""
    lines: list[str] = []
    confidences: list[float] = []
    current_key: tuple[int, int, int] | None = None
    current_block: int | None = None
    words: list[str] = []
    for i, word in enumerate(data["text"]):
        if int(data["level"][i]) != 5:
            continue
        word = (word or "").strip()
        if not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if key != current_key:
            if words:
                lines.append(" ".join(words))
            if current_block is not None and key[0] != current_block:
                lines.append("")
            words = []
            current_key = key
            current_block = key[0]
        words.append(word)
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf)
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines), confidences


def _read(image: Image.Image, lang: str) -> OcrPage:
    import pytesseract

    data = pytesseract.image_to_data(
        image, lang=lang, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT
    )
    text, confidences = _words_to_text(data)
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage(text=text, confidence=mean, words=len(confidences), lang=lang)


def ocr_image(image: Image.Image) -> OcrPage:
    """OCR one page image with ``vie``; retry with ``vie+eng`` when confidence is low."""
    langs = available_languages()
    page = _read(image, PRIMARY_LANG)
    if (
        page.words
        and page.confidence is not None
        and page.confidence < RETRY_BELOW_CONFIDENCE
        and "eng" in langs
    ):
        retry = _read(image, FALLBACK_LANG)
        if retry.confidence is not None and retry.confidence > page.confidence:
            return retry
    return page


def prepare_for_ocr(image: Image.Image) -> Image.Image:
    """Greyscale, flattened onto white: what Tesseract reads best and the smallest to keep."""
    from PIL import Image as PILImage

    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = PILImage.alpha_composite(background, rgba)
    return image.convert("L")


def ocr_images(images: Iterable[Image.Image], total: int) -> list[OcrPage]:
    """OCR ``total`` page images in parallel, keeping page order.

    ``images`` is consumed lazily in the calling thread, with at most twice the number of
    workers in flight, so a 300-page scan does not hold 300 bitmaps.
    """
    if total <= 0:
        return []
    available_languages()  # fail fast, before rendering anything
    workers = max(1, min(total, os.cpu_count() or 1))
    if workers > 1:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    results: list[OcrPage | None] = [None] * total
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        pending: dict[Future[OcrPage], int] = {}

        def collect(done: Iterable[Future[OcrPage]]) -> None:
            for future in done:
                results[pending.pop(future)] = future.result()

        for index, image in enumerate(images):
            pending[pool.submit(ocr_image, image)] = index
            if len(pending) >= 2 * workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                collect(done)
        collect(list(pending))
    return [page if page is not None else OcrPage("", None, 0) for page in results]


def render_pdf_pages(pdf: Any, indices: list[int], dpi: int = DEFAULT_DPI) -> Iterator[Image.Image]:
    """Render the given pages of an open ``pypdfium2.PdfDocument`` as greyscale images."""
    from chitieu.ingest.limits import check_image_pixels

    scale = dpi / 72.0
    for index in indices:
        page = pdf[index]
        try:
            width, height = page.get_size()
            check_image_pixels(int(width * scale), int(height * scale), f"trang {index + 1}")
            bitmap = page.render(scale=scale, grayscale=True)
            image = bitmap.to_pil()
            yield prepare_for_ocr(image)
        finally:
            page.close()


def mean_confidence(pages: list[OcrPage]) -> float | None:
    """Word-weighted mean confidence over pages (a blank page does not pull it down)."""
    words = sum(p.words for p in pages if p.confidence is not None)
    if not words:
        return None
    return sum((p.confidence or 0.0) * p.words for p in pages if p.confidence is not None) / words
