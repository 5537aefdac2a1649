"""Wrecked copies of our own documents: how much OCR without Vietnamese destroys, and what is left.

Each document written for the tests (resolutions, a political report, plans, monthly to annual
reports; ``tests/fixtures``) with a hand-made gold list is typeset, degraded and OCR'd with
Tesseract ``eng`` in one or more scan styles (``chitieu.text.restore.wreck``). Printed per
document and style, the clean copy's figure beside the wrecked copy's:

* syllable error of the wreck against the clean text — exact, ignoring diacritics and case, and
  on number tokens alone (``chitieu.text.restore.scoring``);
* recall of the gold targets (resolutions) or results (reports) that the whole pipeline finds,
  read from the clean copy and from the wrecked copy: a target matched as
  ``benchmarks/extract.py`` matches it, a result on its value, unit and catalogue code.

Wrecks are kept under ``~/.cache/chitieu/wrecks`` (OCR is the slow step, about a second a page);
the first run makes them. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/restore.py [--styles laser-300,inked-200] [--all-styles]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract import matches as target_matches  # noqa: E402

from chitieu.extract.facts import Fact  # noqa: E402
from chitieu.pipeline import extract_facts, read_document  # noqa: E402
from chitieu.text.restore.scoring import syllable_errors  # noqa: E402
from chitieu.text.restore.wreck import STYLE_BY_NAME, STYLES, ScanStyle, wreck_cached  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
GOLD = ROOT / "tests" / "gold"


@dataclass(frozen=True)
class Document:
    """One of our own clean documents and the gold facts of one kind it states."""

    path: Path
    kind: str  # "target" or "actual"
    gold: list[dict[str, Any]]
    match: Callable[[Fact, dict[str, Any]], bool]


def actual_matches(fact: Fact, gold: dict[str, Any]) -> bool:
    """A result is recovered when its value, unit and (where the gold names one) indicator are."""
    if fact.value is None or gold["value"] is None or abs(fact.value - gold["value"]) > 1e-6:
        return False
    return fact.unit == gold["unit"] and (not gold.get("indicator") or fact.indicator == gold["indicator"])


def _clean_text(path: Path) -> bool:
    """A plain-text fixture that is not an OCR'd copy already."""
    return path.suffix == ".txt" and "_ocr" not in path.stem


def documents() -> list[Document]:
    """Every clean text fixture of ours with a gold list: resolutions, a political report, plans, reports."""
    found = []
    target_golds = [(FIXTURES / "fresh" / "gold_a_nghi_quyet_nhom_chi_tieu.json", "fresh")]
    target_golds += [(path, "") for path in sorted(GOLD.glob("targets_unseen_*.json"))]
    for path, folder in target_golds:
        spec = json.loads(path.read_text(encoding="utf-8"))
        source = FIXTURES / (spec.get("fixture") or folder) / spec["document"]
        if _clean_text(source):
            gold = [{**g, "fixture": spec["fixture"]} if "fixture" in spec else g for g in spec["targets"]]
            found.append(Document(source, "target", gold, target_matches))
    actual_golds = [(path, FIXTURES / "reports") for path in sorted(GOLD.glob("actuals_[a-z]_*.json"))]
    actual_golds += [(path, path.parent) for path in sorted((FIXTURES / "fresh_reports").glob("*.gold.json"))]
    for path, folder in actual_golds:
        spec = json.loads(path.read_text(encoding="utf-8"))
        source = folder / spec["document"]
        if _clean_text(source):
            found.append(Document(source, "actual", spec["statements"], actual_matches))
    return found


def recall(doc: Document, text: str, folder: Path) -> float:
    """Share of the gold facts the whole pipeline finds in ``text`` read as an upload named like ``doc``."""
    path = folder / doc.path.name
    path.write_text(text, encoding="utf-8")
    pool = [f for f in extract_facts(read_document(path)) if f.kind == doc.kind]
    found = 0
    for gold in doc.gold:
        hit = next((f for f in pool if doc.match(f, gold)), None)
        if hit is not None:
            pool.remove(hit)
            found += 1
    return found / len(doc.gold) if doc.gold else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default="", help="comma-separated style names (default: one per document, in turn)")
    parser.add_argument("--all-styles", action="store_true", help="every document in every style")
    args = parser.parse_args()
    chosen: list[ScanStyle] = [STYLE_BY_NAME[name] for name in args.styles.split(",") if name]
    docs = documents()
    print(f"{len(docs)} documents; styles: {', '.join(s.name for s in STYLES)}")
    print("syllable error = exact / ignoring diacritics and case / number tokens; recall = clean copy → wrecked copy")
    print(f"  {'document':<34} {'style':<11} {'pages':>5} {'syll.':>6} {'wreck error':>21} {'recall':>14} {'OCR s':>6}")
    totals: dict[str, list[float]] = {"exact": [], "folded": [], "numbers": [], "clean": [], "wrecked": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, doc in enumerate(docs):
            clean = doc.path.read_text(encoding="utf-8")
            styles = list(STYLES) if args.all_styles else chosen or [STYLES[i % len(STYLES)]]
            clean_recall = recall(doc, clean, folder)
            for style in styles:
                start = time.perf_counter()
                made = wreck_cached(clean, style)
                seconds = time.perf_counter() - start
                errors = syllable_errors(clean, made.wrecked)
                wrecked_recall = recall(doc, made.wrecked, folder)
                for key, value in (("exact", errors.exact), ("folded", errors.folded), ("numbers", errors.numbers),
                                   ("clean", clean_recall), ("wrecked", wrecked_recall)):  # fmt: skip
                    totals[key].append(value)
                print(
                    f"  {doc.path.name:<34} {style.name:<11} {made.pages:5d} {errors.syllables:6d} "
                    f"{errors.exact:6.3f} / {errors.folded:5.3f} / {errors.numbers:5.3f} "
                    f"{doc.kind[0]} {clean_recall:5.2f} → {wrecked_recall:4.2f} {seconds:6.1f}"
                )
    mean = {key: sum(values) / len(values) for key, values in totals.items() if values}
    print(
        f"  {'mean':<34} {'':<11} {'':>5} {'':>6} {mean['exact']:6.3f} / {mean['folded']:5.3f} / "
        f"{mean['numbers']:5.3f}   {mean['clean']:5.2f} → {mean['wrecked']:4.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
