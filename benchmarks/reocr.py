"""Scans with a wrecked text layer, OCR'd again with Vietnamese: the layer's reading beside ours.

Archives keep scans as "searchable" PDFs: the page image over an invisible text layer an OCR
without Vietnamese wrote. ``chitieu`` OCRs such pages again with Tesseract ``vie`` when the layer
scores low (``chitieu.ingest.reocr``). For each document of ours with a gold list
(``benchmarks/restore.py``'s documents) and each scan style, the document is typeset, degraded
and saved as archives save it (``tests/fixtures/searchable_pdf.py``: page images over the text
Tesseract ``eng`` read from each), and printed side by side:

* exact syllable error against the clean text of the text layer as archived, of that layer
  restored (``chitieu.text.restore``), and of the text ``chitieu`` reads from the PDF;
* recall of the gold targets or results from the clean copy, from the text layer alone (read
  through restoration, as it would be without the page images), and from the PDF;
* which reading the PDF's text is (pages OCR'd again and kept), and the load time;

then the means per scan style. Prints numbers; asserts nothing. ``--all-styles`` runs every style.

    .venv/bin/python benchmarks/reocr.py [--styles fax-150,inked-200] [--all-styles] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from restore import documents, file_recall, recall  # noqa: E402

from chitieu.ingest import load  # noqa: E402
from chitieu.text.restore.reading import restorations  # noqa: E402
from chitieu.text.restore.restorer import apply_replacements  # noqa: E402
from chitieu.text.restore.scoring import syllable_errors  # noqa: E402
from chitieu.text.restore.wreck import STYLE_BY_NAME, STYLES, ocr_english  # noqa: E402
from fixtures.searchable_pdf import scanned_pages, write_searchable_pdf  # noqa: E402

DEFAULT_STYLES = ("laser-300", "inked-200")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default=",".join(DEFAULT_STYLES))
    parser.add_argument("--all-styles", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args()
    styles = [s.name for s in STYLES] if args.all_styles else args.styles.split(",")
    docs = documents()[: args.limit or None]
    print(f"{'document':34} {'style':10} {'error: layer / restored / read':31} "
          f"{'recall: clean / layer / PDF':29} reading")
    totals: dict[str, list[tuple[float, ...]]] = {name: [] for name in styles}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        for doc in docs:
            clean = doc.path.read_text(encoding="utf-8")
            clean_recall = recall(doc, clean, folder)
            for name in styles:
                style = STYLE_BY_NAME[name]
                images = scanned_pages(clean, name)
                layers = [ocr_english(image, style.psm) for image in images]
                pdf = write_searchable_pdf(folder / f"{doc.path.stem}.pdf", images, layers)
                layer_text = "\f".join(layers)
                restored = apply_replacements(layer_text, restorations(layer_text)).text
                start = time.perf_counter()
                raw = load(pdf)
                seconds = time.perf_counter() - start
                layer_recall = recall(doc, layer_text, folder)
                read_recall = file_recall(doc, pdf)
                check = raw.text_layer
                used = f"read again {len(check.ocr_pages)}/{raw.pages} pages" if check and check.ocr_pages else "layer"
                figures = (syllable_errors(clean, layer_text).exact, syllable_errors(clean, restored).exact,
                           syllable_errors(clean, raw.text).exact, clean_recall, layer_recall, read_recall)
                errors = " / ".join(f"{value:.3f}" for value in figures[:3])
                recalls = " / ".join(f"{value:.2f}" for value in figures[3:])
                print(f"{doc.path.name[:34]:34} {name:10} {errors:31} {recalls:29} {used}, {seconds:.1f} s")
                totals[name].append(figures)
    for name, rows in totals.items():
        means = [sum(column) / len(rows) for column in zip(*rows, strict=True)] if rows else [0.0] * 6
        print(f"mean of {len(rows)} scans in {name}: error layer / restored / read "
              f"{' / '.join(f'{m:.3f}' for m in means[:3])}; recall clean / layer restored / PDF "
              f"{' / '.join(f'{m:.3f}' for m in means[3:])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
