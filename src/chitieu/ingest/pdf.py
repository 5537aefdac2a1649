"""PDF documents: the text layer with pdfium, ruled tables with pdfplumber, OCR for scans.

pdfium extracts text an order of magnitude faster than pdfminer, so it reads every page;
pdfplumber (pdfminer underneath) is used only on pages that draw enough lines to hold a
ruled table. A table found there replaces the page's text in its band, rendered one line per
row (cells joined by ``CELL_SEPARATOR``), so a row reads as a row instead of a column dump.

A page with (almost) no text layer but with an image is a scan: it is rendered at its scan's
resolution and OCR'd with Tesseract (``chitieu.ingest.ocr``). A page image under a text layer is
a scan some OCR already read; when that layer, over all such pages, scores low on quality (an
OCR without Vietnamese wrote it), those pages are OCR'd again in Vietnamese and each keeps the
better of its two readings (``chitieu.ingest.reocr``; ``RawDocument.text_layer`` says which and
why). A PDF whose text holds any OCR'd page has format ``"pdf-ocr"``.

Pages are separated by a form feed (``"\\f"``) in ``RawDocument.text``, as ``pdftotext``
does, so later stages can drop running headers and page numbers per page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from chitieu.errors import MissingDependency, UnreadableDocument
from chitieu.ingest import ocr
from chitieu.ingest.base import RawDocument, Table, render_rows, shares
from chitieu.ingest.limits import check_page_count
from chitieu.ingest.line_choice import mend_page
from chitieu.ingest.reocr import (
    OCR,
    PAGE_IMAGE_SHARE,
    TextLayerCheck,
    check_text_layer,
    choose_reading,
    needs_reocr,
)

PAGE_SEPARATOR = "\f"
# A page with fewer visible characters than this in its text layer counts as having none.
MIN_TEXT_CHARS_PER_PAGE = 20
# Fewer drawn paths than this and a page cannot hold a ruled table worth pdfplumber's time.
MIN_PATHS_FOR_TABLE = 4
_TAIL_BYTES = 2048


@dataclass
class _PageTable:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom (top-left origin, points)
    rows: list[list[str]]
    widths: tuple[float, ...]  # each column's share of the table's width


def _visible_chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _check_complete(path: Path) -> None:
    """A PDF ends with ``%%EOF``; one that does not was cut short (interrupted download/copy).

    pdfium would silently repair such a file and return only the pages it still finds, which
    for a planning document means silently missing targets.
    """
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - _TAIL_BYTES))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise UnreadableDocument(f"tệp PDF {path.name} bị cắt cụt hoặc chưa tải xong (thiếu phần kết thúc %%EOF)")


def open_pdf(path: Path) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableDocument(f"tệp PDF {path.name} được bảo vệ bằng mật khẩu, không đọc được") from None
        raise UnreadableDocument(f"tệp PDF {path.name} bị hỏng, không đọc được") from None


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _count_objects(page: Any, kind: int, limit: int) -> int:
    count = 0
    for _ in page.get_objects(filter=(kind,), max_depth=3):
        count += 1
        if count >= limit:
            break
    return count


def _plumber_tables(plumber_page: Any) -> list[_PageTable]:
    tables: list[_PageTable] = []
    for found in plumber_page.find_tables():
        rows = [
            [" ".join((cell or "").split()) for cell in row]
            for row in found.extract()
        ]
        rows = [row for row in rows if any(row)]
        if not rows or max(len(r) for r in rows) < 2:
            continue  # a framed paragraph, not a table
        if len(rows) == 1 and sum(1 for cell in rows[0] if cell) < 3:
            continue  # a framed line; one row of three cells or more is a table's last row on its page
        widths = shares([column.bbox[2] - column.bbox[0] for column in found.columns])
        tables.append(_PageTable(bbox=tuple(found.bbox), rows=rows, widths=widths))
    tables.sort(key=lambda t: t.bbox[1])
    return tables


def _compose_page(textpage: Any, width: float, height: float, tables: list[_PageTable],
                  page_number: int, offset: int, out_tables: list[Table]) -> str:
    """Page text with each table's band replaced by its rows; records table offsets."""

    def band(x0: float, top: float, x1: float, bottom: float) -> str:
        if bottom - top <= 0.5 or x1 - x0 <= 0.5:
            return ""
        # pdfium's origin is bottom-left
        return _clean(textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top))

    pieces: list[str] = []
    length = offset

    def add(text: str) -> None:
        nonlocal length
        if not text:
            return
        if not text.endswith("\n"):
            text += "\n"
        pieces.append(text)
        length += len(text)

    cursor = 0.0
    for table in tables:
        x0, top, x1, bottom = table.bbox
        if top < cursor:  # overlapping tables: keep the first
            continue
        add(band(0, cursor, width, top))
        start = length
        rendered, row_spans = render_rows(table.rows, start)
        add(rendered)
        out_tables.append(Table(rows=table.rows, page=page_number, start=start, end=start + len(rendered),
                                row_spans=row_spans, widths=table.widths))
        add(band(0, top, x0, bottom))  # text beside a table that does not span the page
        add(band(x1, top, width, bottom))
        cursor = bottom
    add(band(0, cursor, width, height))
    return "".join(pieces)


def load_pdf(path: Path) -> RawDocument:
    import pypdfium2.raw as pdfium_c

    _check_complete(path)
    pdf = open_pdf(path)
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise UnreadableDocument(f"tệp PDF {path.name} không có trang nào")
        check_page_count(page_count, path.name)
        texts: list[str | None] = []
        scanned: list[int] = []  # page images with no text layer
        imaged: list[int] = []  # page images under a text layer
        candidates: list[int] = []
        for index in range(page_count):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                text = _clean(textpage.get_text_bounded())
                textpage.close()
                has_image = _count_objects(page, pdfium_c.FPDF_PAGEOBJ_IMAGE, 1) > 0
                if _visible_chars(text) < MIN_TEXT_CHARS_PER_PAGE and has_image:
                    scanned.append(index)
                    texts.append(None)
                    continue
                if has_image and ocr.image_share(page) >= PAGE_IMAGE_SHARE:
                    imaged.append(index)
                if _count_objects(page, pdfium_c.FPDF_PAGEOBJ_PATH, MIN_PATHS_FOR_TABLE) >= MIN_PATHS_FOR_TABLE:
                    candidates.append(index)
                texts.append(text)
            finally:
                page.close()

        layer = _check_layer(imaged, texts)
        reread = imaged if layer is not None and needs_reocr(layer) and not layer.unavailable else []
        ocr_pages = _ocr(pdf, scanned, reread, texts, layer)
        page_tables = _find_tables(path, [i for i in candidates if i not in ocr_pages])
        tables: list[Table] = []
        pieces: list[str] = []
        length = 0
        for index in range(page_count):
            if index:
                pieces.append(PAGE_SEPARATOR)
                length += len(PAGE_SEPARATOR)
            if index in ocr_pages:
                text = ocr_pages[index].text
                text = text if text.endswith("\n") or not text else text + "\n"
                # ruled tables read cell by cell from the scan (chitieu.ingest.ocr_layout)
                tables.extend(t.moved(length, page=index + 1) for t in ocr_pages[index].tables)
            elif index in page_tables:
                page = pdf[index]
                textpage = page.get_textpage()
                width, height = page.get_size()
                text = _compose_page(textpage, width, height, page_tables[index], index + 1, length, tables)
                textpage.close()
                page.close()
            else:
                text = texts[index] or ""
                text = text if text.endswith("\n") or not text else text + "\n"
            pieces.append(text)
            length += len(text)
    finally:
        pdf.close()
    full = "".join(pieces)
    if not full.strip():
        raise UnreadableDocument(f"tệp PDF {path.name} không có chữ nào đọc được")
    return RawDocument(
        path=path,
        format="pdf-ocr" if ocr_pages else "pdf",
        text=full,
        tables=tables,
        pages=page_count,
        ocr=bool(ocr_pages),
        encoding=None,
        ocr_confidence=ocr.mean_confidence(list(ocr_pages.values())),
        text_layer=layer,
    )


def _check_layer(imaged: list[int], texts: list[str | None]) -> TextLayerCheck | None:
    """The text layer over the scanned pages, scored and marked for OCR when it reads poorly."""
    if not imaged:
        return None
    layer = check_text_layer({index + 1: texts[index] or "" for index in imaged})
    if needs_reocr(layer):
        try:
            ocr.available_languages()
        except MissingDependency as exc:  # the layer still reads; say why it was not bettered
            layer.unavailable = str(exc)
    return layer


def _ocr(pdf: Any, scanned: list[int], reread: list[int], texts: list[str | None],
         layer: TextLayerCheck | None) -> dict[int, ocr.OcrPage]:
    """OCR the scanned pages, and those under a poor text layer; each of these keeps the better reading."""
    indices = sorted([*scanned, *reread])
    if not indices:
        return {}
    read = dict(zip(indices, ocr.ocr_images(ocr.render_pdf_pages(pdf, indices), len(indices)), strict=True))
    if layer is not None and reread:
        layer.pages = [choose_reading(index + 1, texts[index] or "", read[index].text) for index in reread]
        for number, reading in enumerate(layer.pages):
            index = reading.page - 1
            if reading.used != OCR:
                del read[index]
                continue
            read[index], mended = mend_page(read[index], texts[index] or "")
            layer.pages[number] = replace(reading, layer_lines=mended)
    return read


def _find_tables(path: Path, indices: list[int]) -> dict[int, list[_PageTable]]:
    if not indices:
        return {}
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    found: dict[int, list[_PageTable]] = {}
    try:
        with pdfplumber.open(path) as pdf:
            for index in indices:
                tables = _plumber_tables(pdf.pages[index])
                if tables:
                    found[index] = tables
    except (PDFSyntaxError, ValueError, KeyError, TypeError):
        return {}  # tables are a bonus: the text layer from pdfium still stands
    return found
