"""Term-evaluation tables read back: clean copy beside the wrecked copy as it is and restored.

For each table with a hand-made gold (``tests/gold/term_table_*.json``), prints the rows found
(recall and precision), the cells read right (target, each year, the term figure, the verdict),
the rows named by the right catalogue indicator, and how often the product's own verdict agrees
with the document's where the document's follows from its figures (``tests/term_table_gold.py``
scores all four):

* the archive's political report ``003_…`` (only its scan exists): as it is, and restored, and the
  rows of the term report built from a store holding it (its term cells are the rule's aggregates);
* our own long term table (``tests/fixtures/term_tables``): the clean text, and the same table
  typeset over several pages, degraded and OCR'd without Vietnamese by the wreck generator
  (``chitieu.text.restore.wreck``) in a few scan styles, read as it is and restored; for each
  style, how many of the figure cells the OCR kept in its text at all (a cell it dropped is in
  no reading);
* the same table continued over pages without its header (``tests/fixtures/continued_tables.py``):
  a text PDF, a DOCX broken into parts after page breaks, and the PDF's pages scanned (OCR with
  Vietnamese, the ruled grid read cell by cell).

Wrecks are kept under ``~/.cache/chitieu/wrecks`` (the first run makes them, about a second a
page). Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/term_tables.py [--styles laser-300,copier-200,fax-150]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chitieu.pipeline import extract_facts, read_document  # noqa: E402
from chitieu.text.restore.wreck import STYLE_BY_NAME, wreck_cached  # noqa: E402
from term_table_gold import RowScore, cells_in_text, reported_rows, score_table  # noqa: E402

GOLD = ROOT / "tests" / "gold"
FIXTURES = ROOT / "tests" / "fixtures" / "term_tables"
WRECKED = ROOT.parent / "shared" / "corpus" / "wrecked"


def scored(path: Path, gold: dict[str, Any], restore: bool = True) -> tuple[RowScore, float]:
    started = time.perf_counter()
    rows = [f for f in extract_facts(read_document(path, restore=restore)) if f.kind == "table_row"]
    return score_table(rows, gold), time.perf_counter() - started


def reported(path: Path, gold: dict[str, Any]) -> tuple[RowScore, float]:
    """The rows of `chitieu report --term` on a store holding ``path`` (the term figure is the rule's)."""
    from chitieu.report.build import build_term_report
    from chitieu.store.db import session_scope
    from chitieu.store.documents import store_document

    started = time.perf_counter()
    doc = read_document(path)
    extract_facts(doc)
    years = gold["years"]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'store.sqlite3'}"
        with session_scope(url) as session:
            store_document(session, doc)
        with session_scope(url) as session:
            report = build_term_report(session, years[0], years[-1])
    return score_table(reported_rows(report), gold), time.perf_counter() - started


def show(name: str, copy: str, result: RowScore, seconds: float) -> None:
    print(f"  {name:<28} {copy:<22} {result.line()}  {seconds:5.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default="laser-300,copier-200,fax-150")
    args = parser.parse_args()
    styles = [STYLE_BY_NAME[name] for name in args.styles.split(",") if name]

    archive_gold = json.loads((GOLD / "term_table_003.json").read_text(encoding="utf-8"))
    archive = sorted(WRECKED.glob("003_*.txt"))
    if archive:
        for restore, copy in ((False, "scan as it is"), (True, "scan restored")):
            show("003 political report", copy, *scored(archive[0], archive_gold, restore))
        show("003 political report", "term report (store)", *reported(archive[0], archive_gold))
    else:
        print(f"  003 political report: not found under {WRECKED}")

    for gold_path in sorted(GOLD.glob("term_table_*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "document" not in gold:
            continue
        source = FIXTURES / gold["document"]
        show(source.stem, "clean copy", *scored(source, gold))
        clean = source.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as folder:
            for style in styles:
                made = wreck_cached(clean, style)
                present, figures = cells_in_text(made.wrecked, gold)
                print(f"  {source.stem:<28} {style.name} {made.pages}p: the OCR kept {present}/{figures} "
                      f"of the figure cells ({present / figures:.3f}), the most any reading can find")
                path = Path(folder) / source.name
                path.write_text(made.wrecked, encoding="utf-8")
                for restore, how in ((False, "as it is"), (True, "restored")):
                    show(source.stem, f"{style.name} {made.pages}p {how}", *scored(path, gold, restore))
    continued_forms()
    return 0


def continued_forms() -> None:
    from fixtures.continued_tables import write_docx, write_pdf, write_scan

    gold = json.loads((GOLD / "term_table_phu_luc_nhiem_ky_dai.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        show("continued over pages", "text PDF, header once", *scored(write_pdf(Path(folder) / "bang.pdf"), gold))
        show("continued over pages", "DOCX in 3 parts", *scored(write_docx(Path(folder) / "bang.docx"), gold))
        show("continued over pages", "scanned PDF, 200 dpi", *scored(write_scan(Path(folder) / "quet.pdf"), gold))


if __name__ == "__main__":
    raise SystemExit(main())
