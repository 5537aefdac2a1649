"""How hard each scan style of the wreck generator hits a text, beside the archive's real scan.

The wreck generator (``chitieu.text.restore.wreck``) stands in for the archives' scanners and OCR:
a wreck is only a fair test if it damages text as the archives' copies are damaged. For each
style, over the wrecks of our own documents (those ``benchmarks/restore.py`` scores), and for
the archive's political report ``003_…`` (only its scan exists), this prints:

* the syllable error of the prose, ignoring diacritics and case (what OCR did to the letters,
  not the marks it could not read), with the lines of ruled tables left out; for the archive,
  over our transcribed passages (``tests/gold/restore_003.json``), each passage's figure too;
* the share of the number tokens of that prose not read exactly as printed;
* how a word-initial capital ``Đ`` came out: ``P``, ``B``, ``D`` or otherwise;
* the share of a term table's figure cells the OCR kept in its text at all (our long term table
  ``tests/fixtures/term_tables`` typeset over pages in the style; for the archive its own
  appendix table, ``tests/gold/term_table_003.json``): a cell OCR dropped is in no reading.

A style whose prose is damaged beyond the archive's worst transcribed passage, or whose tables
keep clearly fewer figures than the archive's, is heavier than the archives' copies: its wrecks
are a stress test, and their figures are printed apart from the others' (``restore.py --recall``).

Wrecks are kept under ``~/.cache/chitieu/wrecks`` (the first run makes them, about a second a
page). Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/scan_styles.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from restore import GOLD, archive_passages, documents, outside_tables  # noqa: E402

from chitieu.text.fold import fold  # noqa: E402
from chitieu.text.restore.scoring import aligned_indices, is_number, syllable_errors, token_spans  # noqa: E402
from chitieu.text.restore.wreck import STYLES, ScanStyle, wreck_cached  # noqa: E402
from term_table_gold import cells_in_text  # noqa: E402

TERM_TABLE_GOLD = GOLD / "term_table_phu_luc_nhiem_ky_dai.json"
TERM_TABLES = ROOT / "tests" / "fixtures" / "term_tables"
ARCHIVE_TABLE_GOLD = GOLD / "term_table_003.json"
# A style keeps clearly fewer table figures than the archive when it keeps this much less.
CELLS_MARGIN = 0.05


@dataclass(frozen=True)
class Damage:
    """What one scan did to text: prose letters, prose numbers, capital Đ, table figures."""

    folded: float  # syllable error of the prose, ignoring diacritics and case
    worst_folded: float  # the same, on its worst document or passage
    syllables: int
    readings: Counter[str]  # "P", "B", "D", "other": how a word-initial capital Đ came out;
    # "numbers", "numbers kept": the prose's number tokens, and those read exactly as printed
    cells_kept: int
    cells: int

    @property
    def cell_share(self) -> float:
        return self.cells_kept / self.cells if self.cells else float("nan")

    @property
    def numbers_lost(self) -> float:
        numbers = self.readings["numbers"]
        return 1 - self.readings["numbers kept"] / numbers if numbers else 0.0

    def d_shares(self) -> str:
        total = sum(self.readings[k] for k in _D_READINGS) or 1
        return " / ".join(f"{self.readings[k] / total:.2f}" for k in _D_READINGS)


_D_READINGS = ("P", "B", "D", "other")


def damage(pairs: Iterable[tuple[str, str]], cells: tuple[int, int]) -> Damage:
    """The damage over (clean, read) pairs, their ruled tables' lines left out, and a table's cells."""
    weighted_folded = 0.0
    syllables = 0
    worst = 0.0
    readings: Counter[str] = Counter()
    for clean, read in pairs:
        prose = outside_tables(clean)
        errors = syllable_errors(clean, read, prose)
        weighted_folded += errors.folded * errors.syllables
        syllables += errors.syllables
        worst = max(worst, errors.folded)
        readings += token_readings(clean, read, prose)
    return Damage(
        folded=weighted_folded / syllables if syllables else float("nan"),
        worst_folded=worst,
        syllables=syllables,
        readings=readings,
        cells_kept=cells[0],
        cells=cells[1],
    )


def token_readings(clean: str, read: str, prose: Callable[[int], bool]) -> Counter[str]:
    """How the clean prose's capital ``Đ`` words and numbers came out in ``read`` (see ``Damage``)."""
    clean_spans = token_spans(clean)
    clean_tokens = [clean[a:b] for a, b in clean_spans]
    read_tokens = [read[a:b] for a, b in token_spans(read)]
    found: Counter[str] = Counter()
    for i, j in aligned_indices([fold(t) for t in clean_tokens], [fold(t) for t in read_tokens]):
        if i is None or not prose(clean_spans[i][0]):
            continue
        printed, got = clean_tokens[i], (read_tokens[j] if j is not None else "")
        if printed.startswith("Đ"):
            found[got[:1] if got[:1] in ("P", "B", "D") else "other"] += 1
        if is_number(printed):
            found["numbers"] += 1
            found["numbers kept"] += got == printed
    return found


@lru_cache(maxsize=1)
def archive_damage() -> Damage | None:
    """The archive's scan: our transcribed passages, and its own appendix table; None if absent."""
    found = archive_passages()
    if found is None:
        return None
    text, passages = found
    table_gold = json.loads(ARCHIVE_TABLE_GOLD.read_text(encoding="utf-8"))
    return damage(passages, cells_in_text(text, table_gold))


def style_damage(style: ScanStyle) -> Damage:
    """One style's damage over the wrecks of our own documents and of our long term table."""
    clean_texts = [doc.path.read_text(encoding="utf-8") for doc in documents()]
    pairs = [(clean, wreck_cached(clean, style).wrecked) for clean in clean_texts]
    table_gold = json.loads(TERM_TABLE_GOLD.read_text(encoding="utf-8"))
    table = (TERM_TABLES / table_gold["document"]).read_text(encoding="utf-8")
    return damage(pairs, cells_in_text(wreck_cached(table, style).wrecked, table_gold))


def heavier_than_archive(style: Damage, archive: Damage) -> list[str]:
    """Why a style damages text more than the archive's scan (empty: it does not)."""
    reasons = []
    if style.folded > archive.worst_folded:
        reasons.append(f"prose {style.folded:.3f} > the archive's worst passage {archive.worst_folded:.3f}")
    if style.cell_share < archive.cell_share - CELLS_MARGIN:
        reasons.append(f"table figures kept {style.cell_share:.2f} < the archive's {archive.cell_share:.2f}")
    return reasons


def archive_like_styles() -> list[str] | None:
    """The styles whose damage lies within the archive's; None when the archive is absent."""
    archive = archive_damage()
    if archive is None:
        return None
    return [style.name for style in STYLES if not heavier_than_archive(style_damage(style), archive)]


def main() -> int:
    print("damage of each scan style (our documents) beside the archive's real scan (003):")
    print(
        f"  {'copy':<12} {'syll.':>6} {'prose error':>11} {'worst':>6} {'numbers':>7}"
        f" {'Đ read as P / B / D / other':>28} {'table figures kept':>20}  verdict"
    )
    archive = archive_damage()
    rows: list[tuple[str, Damage]] = [(style.name, style_damage(style)) for style in STYLES]
    if archive is not None:
        rows.append(("archive 003", archive))
    for name, found in rows:
        if archive is None or name == "archive 003":
            verdict = ""
        else:
            reasons = heavier_than_archive(found, archive)
            verdict = "heavier than the archive: " + "; ".join(reasons) if reasons else "within the archive's range"
        print(
            f"  {name:<12} {found.syllables:6d} {found.folded:11.3f} {found.worst_folded:6.3f} {found.numbers_lost:7.3f}"
            f" {found.d_shares():>28} {found.cells_kept:>9}/{found.cells:<4} ({found.cell_share:.2f})  {verdict}"
        )
    if archive is None:
        print("  archive scan 003: shared corpus absent, no style judged")
    print("  (prose error: syllables, ignoring diacritics and case, lines of ruled tables left out; worst: on")
    print("   the worst document, or the archive's worst transcribed passage)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
