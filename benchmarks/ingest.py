"""Ingest throughput: how fast each document form becomes text.

Prints text-extraction throughput (KB of input per second) for the real corpus files (when
../shared/corpus exists) and for generated documents of every form, and OCR speed in pages
per second. Only ``chitieu.ingest.load`` is timed (no normalisation, no extraction).

    .venv/bin/python benchmarks/ingest.py [--repeat N] [--ocr-pages N]
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

from chitieu.ingest import load  # noqa: E402
from fixtures import build  # noqa: E402


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Fastest of ``repeat`` runs: the least disturbed by other work on a shared machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def report(label: str, path: Path, repeat: int) -> None:
    size_kb = path.stat().st_size / 1024
    seconds = best_time(lambda: load(path), repeat)
    raw = load(path)
    print(
        f"  {label:<34} {raw.format:<8} {size_kb:9.1f} KB {len(raw.text):9d} chars "
        f"{seconds * 1000:9.1f} ms {size_kb / seconds:10.0f} KB/s"
    )


def big_docx(path: Path, copies: int) -> Path:
    """The fixture report repeated ``copies`` times: paragraphs, numbered lists, tables, footnotes."""
    from docx import Document

    build.write_docx(path)
    document = Document(str(path))
    body = document.element.body
    blocks = [child for child in body if not child.tag.endswith("sectPr")]
    sect = body[-1]
    for _ in range(copies - 1):
        for block in blocks:
            sect.addprevious(copy.deepcopy(block))
    document.save(str(path))
    return path


def big_text_pdf(path: Path, pages: int) -> Path:
    """A ``pages``-page PDF, each page a copy of the fixture's first page (text + ruled table)."""
    import pypdfium2 as pdfium

    src_path = path.with_name("one.pdf")
    build.write_text_pdf(src_path)
    src = pdfium.PdfDocument(str(src_path))
    out = pdfium.PdfDocument.new()
    for _ in range(pages):
        out.import_pages(src, [0, 1])
    out.save(str(path))
    out.close()
    src.close()
    return path


def scanned_pdf(path: Path, pages: int) -> Path:
    images = [build.render_lines(build.SCANNED_PAGES[i % 2] * 4) for i in range(pages)]
    first, *rest = images
    first.save(str(path), "PDF", resolution=build.DPI, save_all=True, append_images=rest)  # type: ignore[attr-defined]
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ocr-pages", type=int, default=4)
    args = parser.parse_args()
    print(f"chitieu ingest benchmark — {os.cpu_count()} CPU(s), best of {args.repeat}")

    if CORPUS.is_dir():
        print(f"Corpus ({CORPUS}):")
        for path in sorted(CORPUS.glob("*.txt")):
            report(path.name, path, args.repeat)
    else:
        print(f"Corpus: not found at {CORPUS}, skipped")

    with tempfile.TemporaryDirectory(prefix="chitieu-bench-") as tmp:
        d = Path(tmp)
        fx = build.build_all(d / "fixtures")
        print("Generated fixtures (small; per-file overhead dominates):")
        for label in ("txt_utf8", "txt_nfd", "txt_utf16_bom", "txt_tcvn3", "txt_vni", "txt_wrapped", "md", "docx", "docx_legacy", "pdf_text"):
            report(label, getattr(fx, label), args.repeat)

        print("Generated documents at realistic size:")
        corpus_text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))) if CORPUS.is_dir() else build.plain_text() * 400
        utf8 = d / "lon-utf8.txt"
        utf8.write_text(corpus_text, encoding="utf-8")
        report("large UTF-8 text", utf8, args.repeat)
        utf16 = d / "lon-utf16.txt"
        utf16.write_bytes(corpus_text.encode("utf-16"))
        report("large UTF-16 text", utf16, args.repeat)
        from chitieu.text.legacy import encode_tcvn3, encode_vni

        legacy_text = build.LEGACY_TEXT * 200
        tcvn3 = d / "lon-tcvn3.txt"
        tcvn3.write_bytes(encode_tcvn3(legacy_text))
        report("large TCVN3 text", tcvn3, args.repeat)
        vni = d / "lon-vni.txt"
        vni.write_bytes(encode_vni(legacy_text))
        report("large VNI text", vni, args.repeat)
        report("DOCX, 100 copies of the report", big_docx(d / "lon.docx", 100), args.repeat)
        report("text PDF, 40 pages with tables", big_text_pdf(d / "lon.pdf", 20), args.repeat)

        print("OCR (Tesseract, vie):")
        scan = scanned_pdf(d / "quet.pdf", args.ocr_pages)
        start = time.perf_counter()
        raw = load(scan)
        seconds = time.perf_counter() - start
        print(
            f"  scanned PDF, {raw.pages} A4 pages at 300 dpi: {seconds:.2f} s, "
            f"{raw.pages / seconds:.2f} pages/s (workers: {min(raw.pages, os.cpu_count() or 1)}, "
            f"mean confidence {raw.ocr_confidence or 0:.1f})"
        )
        for label in ("png", "jpg", "tiff"):
            path = getattr(fx, label)
            start = time.perf_counter()
            raw = load(path)
            seconds = time.perf_counter() - start
            print(f"  {label:<5} {raw.pages} page(s): {seconds:.2f} s, {raw.pages / seconds:.2f} pages/s")


if __name__ == "__main__":
    main()
