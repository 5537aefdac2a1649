"""Optical character recognition of scanned pages with Tesseract's Vietnamese model.

Scanned resolutions and reports are common in provincial archives. Tesseract with ``vie``
keeps the diacritics that an English-only OCR destroys (see DOMAIN.md); when a page reads
poorly with ``vie`` alone we retry with ``vie+eng`` (English words, codes and Latin
abbreviations in Vietnamese documents) and keep the more confident reading.

A page that holds a ruled table (an evaluation appendix, a statistics annex) is read in two
passes: the table's grid is found from its rules (:mod:`chitieu.ingest.ocr_layout`), its region
is read as one uniform block (``--psm 6``) with the rules erased and every word is put in the
cell that holds it; the rest of the page is read as prose with the table blanked out, as one
column of lines (``--psm 4``): official documents are written in one column, and Tesseract's
automatic layout (``--psm 3``) cut the numbers of a hanging list ("1." … "6.") off into a block of
their own, read as noise, with the items left unnumbered (measured on our documents scanned as
laser and fax copies: syllable error 0.018 → 0.013 and 0.017 → 0.014). The table comes back as
structured rows (``OcrPage.tables``) and, in the page text, as one line per row with cells joined
by ``" | "`` — so the table extractor gets real cells instead of Tesseract's scattered fragments.

Pages are OCR'd in parallel: Tesseract runs as a separate process per page, so threads are
enough, and OpenMP inside each Tesseract is limited to one thread to avoid oversubscription.
Rendering (pdfium, not thread-safe) stays in the calling thread and is streamed, so only a
few page bitmaps are in memory at a time.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chitieu.errors import MissingDependency
from chitieu.ingest.base import Table, render_rows, shares

if TYPE_CHECKING:
    from PIL import Image

PRIMARY_LANG = "vie"
FALLBACK_LANG = "vie+eng"
DEFAULT_DPI = 300
# Scans are rendered at their own resolution, within these bounds.
MIN_DPI = 150
MAX_DPI = 400
# Below this mean word confidence a page is re-read with the fallback language set.
RETRY_BELOW_CONFIDENCE = 60.0
TESSERACT_CONFIG = "--oem 1 --psm 4"  # one column of lines: a list's numbers stay on their items
# A table region: one uniform block of text, so rows are not split into columns of blocks.
TABLE_CONFIG = "--oem 1 --psm 6"
# Words of a table cell that are only punctuation and read this unsurely are scanner dust.
DUST_CONFIDENCE = 60.0
# Blank margin (pixels) kept around a table region when it is cropped or blanked.
TABLE_MARGIN = 4

INSTALL_HINT = "hãy cài các gói Debian: sudo apt-get install tesseract-ocr tesseract-ocr-vie"

_checked_langs: frozenset[str] | None = None
_check_lock = threading.Lock()


@dataclass
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence 0-100, None when no word was found
    words: int
    lang: str = PRIMARY_LANG
    tables: list[Table] = field(default_factory=list)  # ruled tables, offsets in ``text``
    skew: float = 0.0  # degrees the page was turned (counter-clockwise positive), as found


def one_thread_per_tesseract() -> None:
    """Keep each Tesseract process to one OpenMP thread (unless the user set a limit).

    Left to itself, Tesseract's OpenMP threads spin against each other and against our own
    workers: on two cores one page took about six times longer (4.5 s against 0.75 s at 150 dpi).
    Pages are read in parallel by our own threads instead (:func:`ocr_images`).
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


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


@dataclass
class _Line:
    block: int
    top: int
    text: str


def _lines_of(data: dict[str, list[Any]]) -> tuple[list[_Line], list[float]]:
    """Tesseract's lines (in its reading order) with their block and top, and the word confidences."""
    lines: list[_Line] = []
    confidences: list[float] = []
    current_key: tuple[int, int, int] | None = None
    words: list[str] = []
    top = 0
    for i, word in enumerate(data["text"]):
        if int(data["level"][i]) != 5:
            continue
        word = (word or "").strip()
        if not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if key != current_key:
            if words and current_key is not None:
                lines.append(_Line(current_key[0], top, as_printed(" ".join(words))))
            words = []
            current_key = key
            top = int(data["top"][i])
        top = min(top, int(data["top"][i]))
        words.append(word)
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf)
    if words and current_key is not None:
        lines.append(_Line(current_key[0], top, as_printed(" ".join(words))))
    return lines, confidences


# letters of other Latin alphabets Tesseract vie writes for a Vietnamese one, the same letter and
# a mark alike: y with a diaeresis for y with a tilde
_LATIN_FOR_VIETNAMESE = str.maketrans({"ÿ": "ỹ", "Ÿ": "Ỹ"})


def as_printed(line: str) -> str:
    """``line`` with the digits Tesseract glued to a word written as the page printed them, and
    with its ``ÿ`` read as the ``ỹ`` no Vietnamese page prints otherwise (``bác sÿ``).

    A raised footnote marker comes out a digit on its word's line ("420 ha2" for "420 ha²": a
    figure with no unit the reader knows) and a number loses its space ("Điều2"); the rule that
    tells them apart, and from a digit read for a letter, is restoration's
    (:mod:`chitieu.text.restore.markers`).
    """
    from chitieu.text.restore.markers import glued_replacements  # its lexicon costs 0.07 s to import

    line = line.translate(_LATIN_FOR_VIETNAMESE)
    for start, end, written in reversed(glued_replacements(line, [(0, len(line))])):
        line = line[:start] + written + line[end:]
    return line


def _join(lines: list[_Line]) -> str:
    """Lines one per line, a blank line between Tesseract blocks."""
    out: list[str] = []
    block: int | None = None
    for line in lines:
        if block is not None and line.block != block:
            out.append("")
        out.append(line.text)
        block = line.block
    return "\n".join(out)


def _words_to_text(data: dict[str, list[Any]]) -> tuple[str, list[float]]:
    """Lines of words from ``image_to_data`` output, a blank line between Tesseract blocks."""
    lines, confidences = _lines_of(data)
    return _join(lines), confidences


def _data(image: Image.Image, lang: str, config: str) -> dict[str, list[Any]]:
    import pytesseract

    result: dict[str, list[Any]] = pytesseract.image_to_data(
        image, lang=lang, config=config, output_type=pytesseract.Output.DICT
    )
    return result


def _read(image: Image.Image, lang: str) -> tuple[OcrPage, list[_Line]]:
    lines, confidences = _lines_of(_data(image, lang, TESSERACT_CONFIG))
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage(text=_join(lines), confidence=mean, words=len(confidences), lang=lang), lines


def _read_prose(image: Image.Image, langs: frozenset[str]) -> tuple[OcrPage, list[_Line]]:
    """OCR with ``vie``; retry with ``vie+eng`` when confidence is low."""
    page, lines = _read(image, PRIMARY_LANG)
    if (
        page.words
        and page.confidence is not None
        and page.confidence < RETRY_BELOW_CONFIDENCE
        and "eng" in langs
    ):
        retry, retry_lines = _read(image, FALLBACK_LANG)
        if retry.confidence is not None and retry.confidence > page.confidence:
            return retry, retry_lines
    return page, lines


def ocr_image(image: Image.Image) -> OcrPage:
    """OCR one page image: ruled tables cell by cell, the rest as prose (see the module doc)."""
    import numpy as np
    from PIL import Image as PILImage

    from chitieu.ingest.ocr_layout import MIN_SKEW_TO_FIX, find_ruled_tables, ink_mask, skew_angle

    langs = available_languages()
    grey = np.asarray(image.convert("L"))
    ink = ink_mask(grey)
    skew = skew_angle(ink)
    paper = int(np.percentile(grey, 90))
    if abs(skew) >= MIN_SKEW_TO_FIX:
        image = image.convert("L").rotate(
            -skew, resample=PILImage.Resampling.BICUBIC, expand=False, fillcolor=paper
        )
        grey = np.asarray(image)
        ink = ink_mask(grey)
    tables = find_ruled_tables(ink)
    if not tables:
        page, _lines = _read_prose(image, langs)
        page.skew = skew
        return page
    return _read_with_tables(grey, tables, paper, skew, langs)


def _table_rows(grey: Any, table: Any, paper: int) -> tuple[list[list[str]], list[float]]:
    """The cell texts of one ruled table, read in one Tesseract run over a stack of its cells."""
    from PIL import Image as PILImage

    from chitieu.ingest.ocr_layout import Word, cells_of, compose_cells, erase_rules

    sheet, placements = compose_cells(erase_rules(grey, table, paper), table, paper)
    if not placements:
        return [], []
    data = _data(PILImage.fromarray(sheet), PRIMARY_LANG, TABLE_CONFIG)
    words: list[Word] = []
    confidences: list[float] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if int(data["level"][i]) != 5 or not text or conf < 0:
            continue
        if conf < DUST_CONFIDENCE and not any(ch.isalnum() for ch in text):
            continue
        words.append(Word(text, int(data["left"][i]), int(data["top"][i]),
                          int(data["width"][i]), int(data["height"][i]), conf))
        confidences.append(conf)
    return cells_of(table, placements, words), confidences


def _read_with_tables(grey: Any, tables: list[Any], paper: int, skew: float,
                      langs: frozenset[str]) -> OcrPage:
    """A page holding ruled tables: tables cell by cell, the prose around them as prose."""
    from PIL import Image as PILImage

    blanked = grey.copy()
    confidences: list[float] = []
    rendered: list[tuple[int, list[list[str]], tuple[float, ...]]] = []
    for table in tables:
        left, top, right, bottom = table.bbox
        blanked[max(0, top - TABLE_MARGIN) : bottom + TABLE_MARGIN + 1,
                max(0, left - TABLE_MARGIN) : right + TABLE_MARGIN + 1] = paper
        rows, table_conf = _table_rows(grey, table, paper)
        confidences.extend(table_conf)
        if rows:
            rendered.append((top, rows, shares([b - a for a, b in itertools.pairwise(table.xs)])))
    prose, data_lines = _read_prose(PILImage.fromarray(blanked), langs)
    pieces: list[str] = []
    out_tables: list[Table] = []
    length = 0

    def add(text: str) -> None:
        nonlocal length
        pieces.append(text + "\n")
        length += len(text) + 1

    def add_table(rows: list[list[str]], widths: tuple[float, ...]) -> None:
        text, row_spans = render_rows(rows, length)
        out_tables.append(Table(rows, start=length, end=length + len(text), row_spans=row_spans, widths=widths))
        add(text)

    pending = list(rendered)
    block: int | None = None
    for line in data_lines:
        while pending and line.top > pending[0][0]:
            _top, rows, widths = pending.pop(0)
            add_table(rows, widths)
            block = None
        if block is not None and line.block != block:
            add("")
        add(line.text)
        block = line.block
    for _top, rows, widths in pending:
        add_table(rows, widths)
    if prose.confidence is not None:
        confidences.extend([prose.confidence] * prose.words)
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage(text="".join(pieces).rstrip("\n"), confidence=mean, words=len(confidences),
                   lang=prose.lang, tables=out_tables, skew=skew)


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
    one_thread_per_tesseract()
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


def _images_on(page: Any) -> Iterator[tuple[int, float, float]]:
    """Each image drawn on a PDF page: its width in pixels and its drawn width and height (points)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        try:
            px_w, _px_h = obj.get_px_size()
            left, bottom, right, top = obj.get_bounds()
        except pdfium.PdfiumError:  # a broken image object just gives no hint
            continue
        if right > left and top > bottom and px_w > 0:
            yield px_w, right - left, top - bottom


def native_dpi(page: Any) -> int | None:
    """The resolution of the largest image on a PDF page, from its pixels and its drawn size.

    A scan is best OCR'd at the resolution it was scanned at: resampling a 200 dpi scan to
    300 dpi interpolates new grey pixels that Tesseract reads worse, not better.
    """
    best: tuple[float, int] | None = None
    for px_w, width, height in _images_on(page):
        dpi = px_w / (width / 72.0)
        if best is None or width * height > best[0]:
            best = (width * height, round(dpi))
    return best[1] if best else None


def image_share(page: Any) -> float:
    """The share of a PDF page its largest image covers: near 1 for a scanned page, small for a logo."""
    page_width, page_height = page.get_size()
    if page_width <= 0 or page_height <= 0:
        return 0.0
    largest = max((width * height for _px, width, height in _images_on(page)), default=0.0)
    return min(1.0, largest / (page_width * page_height))


def render_pdf_pages(pdf: Any, indices: list[int], dpi: int | None = None) -> Iterator[Image.Image]:
    """Render the given pages of an open ``pypdfium2.PdfDocument`` as greyscale images.

    Without ``dpi`` each page is rendered at the native resolution of its scan (within
    ``MIN_DPI``..``MAX_DPI``), or at ``DEFAULT_DPI`` when it holds no image.
    """
    from chitieu.ingest.limits import check_image_pixels

    for index in indices:
        page = pdf[index]
        try:
            page_dpi = dpi or native_dpi(page) or DEFAULT_DPI
            scale = min(MAX_DPI, max(MIN_DPI, page_dpi)) / 72.0
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
