"""Wrecked copies of our own documents: how much OCR without Vietnamese destroys, and what is left.

Each document written for the tests (resolutions, a political report, plans, monthly to annual
reports; ``tests/fixtures``) with a hand-made gold list is typeset, degraded and OCR'd with
Tesseract ``eng`` in one or more scan styles (``chitieu.text.restore.wreck``). Printed per
document and style, the clean copy's figure beside the wrecked copy's:

* syllable error of the wreck against the clean text — exact, ignoring diacritics and case, and
  on number tokens alone (``chitieu.text.restore.scoring``);
* syllable error of the restored reading as chitieu reads it (the sentence restorer, table cells
  read by their place in the row, heading numbers: ``chitieu.text.restore.reading``), with the model built
  without the document (its own texts, the province's clean documents, the other documents
  here: leave one document out), and with the model built without the document's whole genre
  too (every resolution, plan, results report or political report of ours left out);
* recall of the gold targets (resolutions) or results (reports) that the whole pipeline finds,
  read from the clean copy, the wrecked copy as it is, the restored reading (document left out),
  and the wrecked copy as ``chitieu`` reads it (through the shipped restorer, which none of these
  documents fed): a target matched as ``benchmarks/extract.py`` matches it, a result on its
  value, unit and catalogue code.

Means close the table: over every document; over the documents stated in prose (a document
stated mostly in a ruled table, whose cells OCR scatters, is named and left out of the second:
its reading depends on the table's layout more than on restoring syllables); over the copies
made in the styles that damage text as the archive's real scan does (``benchmarks/scan_styles.py``);
and the syllable error over the prose lines of every document, each line of a ruled table left
out (the tables' rows and cells are scored by ``benchmarks/term_tables.py``).

``--recall`` prints only the recall, for every document in every style: the clean copy's
figure beside each wrecked copy's as ``chitieu`` reads it, the share of the clean figure it keeps,
and per style how many documents keep at least 0.9 of it (quick: no model is built). The styles
that damage text as the archive's real scan does (``benchmarks/scan_styles.py``) are named, and
how many documents keep 0.9 in each of them; the heavier styles are a stress test.

Wrecks are kept under ``~/.cache/chitieu/wrecks`` (OCR is the slow step, about a second a page);
the first run makes them. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/restore.py [--styles laser-300,inked-200] [--all-styles] [--recall]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract import matches as target_matches  # noqa: E402

from chitieu.extract.facts import Fact  # noqa: E402
from chitieu.extract.quantities import format_number  # noqa: E402
from chitieu.pipeline import extract_facts, read_document  # noqa: E402
from chitieu.text.offsets import MappedText  # noqa: E402
from chitieu.text.restore.model import (  # noqa: E402
    ModelCounts,
    build_inventory,
    own_text_counts,
    restorer_from,
    shared_counts,
    text_counts,
    total,
    word_lists,
)
from chitieu.text.restore.reading import restorations  # noqa: E402
from chitieu.text.restore.restorer import Restorer, apply_replacements  # noqa: E402
from chitieu.text.restore.scoring import SyllableErrors, syllable_errors, tokens  # noqa: E402
from chitieu.text.restore.wreck import STYLE_BY_NAME, STYLES, ScanStyle, wreck_cached  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"

# Our own language-model texts by genre (file-name prefix), and the genre of each document here.
GENRES = {
    "nghi_quyet": "resolutions",
    "ke_hoach": "plans",
    "bao_cao_ky": "results reports",
    "bao_cao_nam": "results reports",
    "bao_cao_chinh_tri": "political reports",
    "bang_nhiem_ky": "political reports",
    "dang": "political reports",
    "chuong_trinh": "plans",
    "cap_huyen": "results reports",
    "tai_chinh_thong_ke": "results reports",
}


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


def recall(doc: Document, text: str, folder: Path, restore: bool = True) -> float:
    """Share of the gold facts the whole pipeline finds in ``text`` read as an upload named like ``doc``.

    ``restore=False`` reads a wrecked copy as it is, without the shipped restorer.
    """
    path = folder / doc.path.name
    path.write_text(text, encoding="utf-8")
    return file_recall(doc, path, restore)


def file_recall(doc: Document, path: Path, restore: bool = True) -> float:
    """Share of the gold facts the whole pipeline finds in the file at ``path`` (any form it reads)."""
    pool = [f for f in extract_facts(read_document(path, restore=restore)) if f.kind == doc.kind]
    found = 0
    for gold in doc.gold:
        hit = next((f for f in pool if doc.match(f, gold)), None)
        if hit is not None:
            pool.remove(hit)
            found += 1
    return found / len(doc.gold) if doc.gold else 1.0


def genre_of(doc: Document) -> str:
    """The genre a document of ours belongs to, as GENRES names them."""
    name = doc.path.stem
    if "chinh_tri" in name:
        return "political reports"
    if "ke_hoach" in name:
        return "plans"
    return "resolutions" if doc.kind == "target" else "results reports"


class Models:
    """Counts of every source, kept apart so that a document or a genre can be left out."""

    def __init__(self, docs: list[Document]) -> None:
        self.own = [
            (next(g for prefix, g in GENRES.items() if path.stem.startswith(prefix)), counts)
            for path, counts in own_text_counts(ROOT)
        ]
        self.shared = shared_counts(SHARED)
        self.docs: dict[Path, tuple[str, ModelCounts]] = {
            doc.path: (genre_of(doc), text_counts(doc.path.read_text(encoding="utf-8"), STYLES[i % len(STYLES)]))
            for i, doc in enumerate(docs)
        }
        self.lists = word_lists(ROOT)

    def restorer(self, leave_out: Path, genre: str | None = None) -> Restorer:
        """A restorer built without the document ``leave_out`` (and without ``genre``'s texts)."""
        parts = [counts for g, counts in self.own if g != genre]
        parts += [counts for path, (g, counts) in self.docs.items() if path != leave_out and g != genre]
        counts = self.shared + total(parts)
        return restorer_from(counts, build_inventory(self.lists, counts.language))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default="", help="comma-separated style names (default: one per document, in turn)")
    parser.add_argument("--all-styles", action="store_true", help="every document in every style")
    parser.add_argument("--recall", action="store_true", help="only the recall, every document in every style")
    args = parser.parse_args()
    chosen: list[ScanStyle] = [STYLE_BY_NAME[name] for name in args.styles.split(",") if name]
    docs = documents()
    if args.recall:
        recall_table(docs, chosen or list(STYLES))
        return 0
    models = Models(docs)
    print(f"{len(docs)} documents; styles: {', '.join(s.name for s in STYLES)}")
    print(
        "syllable error = exact / ignoring diacritics and case / number tokens, of the wreck, the restored reading "
        "(document left out) and the restored reading with its genre left out; "
        "recall = clean copy → wrecked copy as it is → restored reading (document left out) "
        "(the wrecked copy as chitieu reads it, through the shipped restorer)"
    )
    print(
        f"  {'document':<34} {'style':<11} {'syll.':>5} {'wreck error':>21} {'restored':>21} {'genre out':>21}"
        f" {'recall':>27} {'OCR s':>5} {'rest. s':>7}"
    )
    keys = ("exact", "folded", "numbers", "r_exact", "r_folded", "r_numbers", "g_exact", "g_folded", "g_numbers",
            "clean", "wrecked", "restored", "read")  # fmt: skip
    totals: dict[str, list[float]] = {key: [] for key in keys}
    on_prose: dict[str, list[float]] = {key: [] for key in keys[:9]}  # the same errors, on prose lines only
    names: list[str] = []
    row_styles: list[str] = []
    prose: list[bool] = []  # per row: a document stated in prose, not mostly in a ruled table
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, doc in enumerate(docs):
            clean = doc.path.read_text(encoding="utf-8")
            styles = list(STYLES) if args.all_styles else chosen or [STYLES[i % len(STYLES)]]
            clean_recall = recall(doc, clean, folder)
            left_out = models.restorer(doc.path)
            genre_out = models.restorer(doc.path, genre_of(doc))
            for style in styles:
                start = time.perf_counter()
                made = wreck_cached(clean, style)
                ocr_seconds = time.perf_counter() - start
                start = time.perf_counter()
                restored = reading(made.wrecked, left_out).text
                restore_seconds = time.perf_counter() - start
                genre_reading = reading(made.wrecked, genre_out).text
                errors = syllable_errors(clean, made.wrecked)
                fixed = syllable_errors(clean, restored)
                genre = syllable_errors(clean, genre_reading)
                prose_line = outside_tables(clean)
                for key, value in zip(
                    keys,
                    (
                        *_three(syllable_errors(clean, made.wrecked, prose_line)),
                        *_three(syllable_errors(clean, restored, prose_line)),
                        *_three(syllable_errors(clean, genre_reading, prose_line)),
                    ),
                    strict=False,
                ):
                    on_prose[key].append(value)
                recalls = (
                    clean_recall,
                    recall(doc, made.wrecked, folder, restore=False),
                    recall(doc, restored, folder),
                    recall(doc, made.wrecked, folder),
                )
                values = (*_three(errors), *_three(fixed), *_three(genre), *recalls)
                for key, value in zip(keys, values, strict=True):
                    totals[key].append(value)
                names.append(doc.path.name)
                prose.append(table_share(clean) < 0.25)
                row_styles.append(style.name)
                print(
                    f"  {doc.path.name:<34} {style.name:<11} {errors.syllables:5d} {errors} {fixed} {genre} "
                    f"{doc.kind[0]} {recalls[0]:4.2f} → {recalls[1]:4.2f} → {recalls[2]:4.2f} ({recalls[3]:4.2f}) "
                    f"{ocr_seconds:5.1f} {restore_seconds:7.2f}"
                )
    tables = sorted({name for name, kept in zip(names, prose, strict=True) if not kept})
    from scan_styles import archive_like_styles

    like = archive_like_styles() or []
    means = [("mean", [True] * len(prose)), ("mean of documents in prose", prose)]
    if any(name in like for name in row_styles):
        means.append(("mean in the styles like the archive's scan", [name in like for name in row_styles]))
    for title, keep in means:
        mean = {key: _mean(values, keep) for key, values in totals.items() if values}
        print(
            f"  {title:<46} {'':>5} {mean['exact']:.3f} / {mean['folded']:.3f} / {mean['numbers']:.3f} "
            f"{mean['r_exact']:.3f} / {mean['r_folded']:.3f} / {mean['r_numbers']:.3f} "
            f"{mean['g_exact']:.3f} / {mean['g_folded']:.3f} / {mean['g_numbers']:.3f} "
            f"  {mean['clean']:4.2f} → {mean['wrecked']:4.2f} → {mean['restored']:4.2f} ({mean['read']:4.2f})"
        )
    if tables:
        print(f"  (documents stated mostly in a ruled table, left out of the second mean: {', '.join(tables)})")
    if like:
        print(f"  (styles like the archive's scan, benchmarks/scan_styles.py: {', '.join(like)})")
    mean = {key: _mean(values, [True] * len(values)) for key, values in on_prose.items()}
    print(
        f"  {'mean over prose lines, every document':<46} {'':>5} "
        f"{mean['exact']:.3f} / {mean['folded']:.3f} / {mean['numbers']:.3f} "
        f"{mean['r_exact']:.3f} / {mean['r_folded']:.3f} / {mean['r_numbers']:.3f} "
        f"{mean['g_exact']:.3f} / {mean['g_folded']:.3f} / {mean['g_numbers']:.3f}"
    )
    print("  (the lines of ruled tables, whose cells OCR scatters, left to benchmarks/term_tables.py)")
    archive()
    return 0


KEPT_SHARE = 0.9  # a wrecked copy should keep at least this share of its clean copy's recall


def recall_table(docs: list[Document], styles: list[ScanStyle]) -> None:
    """Each document's recall from its clean copy beside each style's wrecked copy as chitieu reads it."""
    print("recall: clean copy | each style's wrecked copy as chitieu reads it (share of the clean figure kept)")
    print(f"  {'document':<34} {'clean':>5} " + " ".join(f"{style.name:>17}" for style in styles))
    kept: dict[str, list[float]] = {style.name: [] for style in styles}
    short: list[str] = []  # why a wrecked copy kept less than 0.9: the figures OCR itself lost
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for doc in docs:
            clean = doc.path.read_text(encoding="utf-8")
            clean_recall = recall(doc, clean, folder)
            cells = []
            for style in styles:
                wrecked_text = wreck_cached(clean, style).wrecked
                wrecked = recall(doc, wrecked_text, folder)
                share = wrecked / clean_recall if clean_recall else 1.0
                kept[style.name].append(share)
                cells.append(f"{wrecked:4.2f} ({share:4.2f}){'' if share >= KEPT_SHARE else ' <'}".rjust(17))
                if share < KEPT_SHARE:
                    lost = figures_lost(doc, clean, wrecked_text, reading(wrecked_text).text)
                    shown = ", ".join(lost[:8]) + (", …" if len(lost) > 8 else "")
                    short.append(f"    {doc.path.name} {style.name}: {len(lost)} ({shown or 'none'})")
            print(f"  {doc.path.name:<34} {clean_recall:5.2f} " + " ".join(cells))
    print(
        f"  {'documents keeping ≥ 0.9 of the clean figure':<40} "
        + " ".join(f"{sum(s >= KEPT_SHARE for s in shares):>13d}/{len(shares):<3d}" for shares in kept.values())
    )
    print(
        f"  {'mean share kept':<40} " + " ".join(f"{sum(shares) / len(shares):>17.2f}" for shares in kept.values())
    )
    from scan_styles import archive_like_styles

    like = [name for name in archive_like_styles() or [] if name in kept]
    heavier = [name for name in kept if name not in like]
    if like:
        every = sum(all(kept[name][i] >= KEPT_SHARE for name in like) for i in range(len(docs)))
        print(
            f"  styles that damage text as the archive's scan does (benchmarks/scan_styles.py): {', '.join(like)}; "
            f"documents keeping ≥ {KEPT_SHARE} of the clean figure in each of them: {every}/{len(docs)}"
        )
    if heavier:
        print(f"  heavier than the archive's scan, a stress test: {', '.join(heavier)}")
    if short:
        print("  below 0.9: the gold figures the OCR itself changed or dropped, and chitieu's reading did not give back:")
        print("\n".join(short))


def figures_lost(doc: Document, clean: str, wrecked: str, read: str) -> list[str]:
    """The gold facts' figures the clean copy prints that neither the wrecked copy holds as written
    nor chitieu's reading of it gives back (a ``%`` OCR wrote as ``96``, read back, is not lost)."""
    printed, kept = Counter(tokens(clean)), Counter(tokens(wrecked)) + Counter(tokens(read))
    lost = []
    for gold in doc.gold:
        for value in (gold.get("value"), gold.get("value_high")):
            figure = format_number(value) if value is not None else ""
            if printed[figure] and not kept[figure]:
                lost.append(figure)
    return lost


def table_share(text: str) -> float:
    """The share of a text's lines that are rows of a ruled table (cells between `` | ``)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(" | " in line for line in lines) / len(lines) if lines else 0.0


def outside_tables(text: str) -> Callable[[int], bool]:
    """Whether an offset of ``text`` lies on a line that is not a row of a ruled table."""
    ends, prose = [], []
    position = 0
    for line in text.split("\n"):
        position += len(line) + 1
        ends.append(position)
        prose.append(" | " not in line)
    return lambda offset: prose[min(bisect.bisect_right(ends, offset), len(prose) - 1)]


def _mean(values: list[float], keep: list[bool]) -> float:
    chosen = [value for value, kept in zip(values, keep, strict=True) if kept]
    return sum(chosen) / len(chosen) if chosen else float("nan")


def reading(text: str, restorer: Restorer | None = None) -> MappedText:
    """``text`` as chitieu reads it: its restorations (sentences, table cells read by their place,
    heading numbers) applied, with ``restorer`` for the sentences (the shipped one by default)."""
    return apply_replacements(text, restorations(text, restorer))


ARCHIVE_SCAN = SHARED / "corpus" / "wrecked" / "003_8ff477bdec1c364d.txt"


def archive_spans() -> tuple[str, list[tuple[int, int, str]]] | None:
    """The archive's scan ``003_…`` and our transcribed passages of it: (start, end, what the page
    printed) each (``tests/gold/restore_003.json``); None when the shared corpus is absent."""
    if not ARCHIVE_SCAN.exists():
        return None
    text = ARCHIVE_SCAN.read_text(encoding="utf-8")
    spans = []
    for passage in json.loads((GOLD / "restore_003.json").read_text(encoding="utf-8"))["passages"]:
        a, b = passage["start"], passage["end"]
        pieces, position = [], a
        for s, e, replacement in passage["edits"]:
            pieces += [text[position:s], replacement]
            position = e
        spans.append((a, b, "".join([*pieces, text[position:b]])))
    return text, spans


def archive_passages() -> tuple[str, list[tuple[str, str]]] | None:
    """The archive's scan and its transcribed passages as (what the page printed, what OCR read) pairs."""
    found = archive_spans()
    if found is None:
        return None
    text, spans = found
    return text, [(printed, text[a:b]) for a, b, printed in spans]


def archive() -> None:
    """The archive's real scan: our transcribed passages of ``003_…``, wreck → restored reading."""
    found = archive_spans()
    if found is None:
        print("archive scan 003: shared corpus absent, skipped")
        return
    text, spans = found
    start = time.perf_counter()
    mapped = reading(text)
    seconds = time.perf_counter() - start
    reference = [printed for _, _, printed in spans]
    wreck = [text[a:b] for a, b, _ in spans]
    restored = [
        mapped.text[bisect.bisect_left(mapped.origin, a) : bisect.bisect_left(mapped.origin, b)] for a, b, _ in spans
    ]
    before = syllable_errors("\n\n".join(reference), "\n\n".join(wreck))
    after = syllable_errors("\n\n".join(reference), "\n\n".join(restored))
    print(
        f"archive scan 003 ({len(text) / 1024:.0f} KB; {len(spans)} transcribed passages, "
        f"{before.syllables} syllables): wreck {before} → restored {after}; whole document restored in {seconds:.1f} s"
    )


def _three(errors: SyllableErrors) -> tuple[float, float, float]:
    return errors.exact, errors.folded, errors.numbers


if __name__ == "__main__":
    sys.exit(main())
