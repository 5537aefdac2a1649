"""Page geometry for OCR: skew, and ruled tables read from the pixels themselves.

Tesseract's page segmentation reads a ruled evaluation table as scattered fragments: the
rules split its text blocks, the cells of one row land in different blocks, and the rows come
back out of order (or not at all). The rules are, however, the most reliable thing on a scanned
table — long, straight, dark — so we find them ourselves with numpy projections:

1. estimate the page's skew from the sharpness of its row-ink profile and straighten it;
2. find horizontal rules (long dark runs in a row) and join rules that vertical rules connect
   into tables;
3. within each table, the rules give the grid (row and column boundaries); an edge of a grid
   cell without ink merges the cell with its neighbour (merged header cells, "Thực hiện" over
   the years);
4. the table's words come from one Tesseract pass over its region with the rules erased
   (``--psm 6``: a uniform block), and each word goes to the cell holding its centre.

Only pure geometry lives here (arrays in, boxes and grids out); running Tesseract and composing
the page text is :mod:`chitieu.ingest.ocr`'s job.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    BoolArray = NDArray[np.bool_]

__all__ = [
    "Placement",
    "Rule",
    "RuledTable",
    "Word",
    "cells_of",
    "compose_cells",
    "erase_rules",
    "find_ruled_tables",
    "horizontal_rules",
    "ink_mask",
    "skew_angle",
]

# A horizontal rule is at least this fraction of the page width long.
RULE_MIN_FRACTION = 1 / 25
# A vertical rule fills at least this fraction of a row band's height with ink.
VERTICAL_FILL = 0.85
# Rules closer than this (pixels) are one rule drawn twice (double rules, thick borders).
MERGE_RULES_WITHIN = 6
# Fewer ink pixels than this in a run of rows or columns is dust, not a character.
DUST_PIXELS = 10
# Skew search range and steps, in degrees.
MAX_SKEW = 3.0
COARSE_STEP = 0.2
FINE_STEP = 0.04
# Below this the page is left as it is (rotation blurs a little; Tesseract copes with less).
MIN_SKEW_TO_FIX = 0.1


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: rows ``y0..y1`` (inclusive), columns ``x0..x1`` (inclusive)."""

    y0: int
    y1: int
    x0: int
    x1: int

    @property
    def y(self) -> int:
        return (self.y0 + self.y1) // 2


@dataclass
class RuledTable:
    """A table's grid: row boundaries ``ys`` and column boundaries ``xs`` (rule centres).

    ``owner[r][c]`` is the grid cell that cell ``(r, c)`` belongs to after merging: the top-left
    cell of its merged block, which gets the block's text (the other cells stay empty, as a
    DOCX reader gives merged cells).
    """

    ys: list[int]
    xs: list[int]
    owner: list[list[tuple[int, int]]]
    vertical_spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # x0, x1, y0, y1
    rules: list[Rule] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        """left, top, right, bottom."""
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys) - 1, len(self.xs) - 1

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The (merged) cell holding point ``(x, y)``, or None outside the grid."""
        import bisect

        r = bisect.bisect_right(self.ys, y) - 1
        c = bisect.bisect_right(self.xs, x) - 1
        rows, cols = self.shape
        if not (0 <= r < rows and 0 <= c < cols):
            return None
        return self.owner[r][c]


@dataclass(frozen=True)
class Word:
    """A recognised word and its box in page coordinates."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


# --------------------------------------------------------------------------------------------
# Ink and skew
# --------------------------------------------------------------------------------------------


def otsu_threshold(grey: NDArray[np.uint8]) -> int:
    """The grey level that best splits ink from paper (Otsu's method on the histogram)."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    global_mean = mean[-1]
    background = total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (global_mean * weight - mean * total) ** 2 / (weight * background)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def ink_mask(grey: NDArray[np.uint8]) -> BoolArray:
    """True where a pixel is ink. Grey paper and uneven light are handled by Otsu's threshold."""
    return grey <= otsu_threshold(grey)


def _downsample(ink: BoolArray, factor: int) -> NDArray[np.float32]:
    h, w = ink.shape[0] // factor * factor, ink.shape[1] // factor * factor
    if h == 0 or w == 0:
        return ink.astype(np.float32)
    small = ink[:h, :w].reshape(h // factor, factor, w // factor, factor)
    return small.mean(axis=(1, 3), dtype=np.float32)


def skew_angle(ink: BoolArray) -> float:
    """The page's skew in degrees (counter-clockwise positive, as ``Image.rotate`` takes it).

    Text lines and rules are horizontal on a straight page, so the row profile of the ink is
    sharpest (largest sum of squares) when the page is sheared back by the right angle. The
    shear is applied to vertical strips of a downsampled page, which is fast and exact enough
    for the small angles of a scanner or copier.
    """
    factor = max(1, min(ink.shape) // 600)
    small = _downsample(ink, factor)
    h, w = small.shape
    strip = 16
    n = w // strip
    if n < 4 or h < 32:
        return 0.0
    profiles = small[:, : n * strip].reshape(h, n, strip).sum(axis=2).T  # (strips, rows)
    centres = (np.arange(n) * strip + strip / 2) - w / 2
    pad = math.ceil(abs(math.tan(math.radians(MAX_SKEW))) * w / 2) + 1
    padded = np.zeros((n, h + 2 * pad), dtype=np.float32)
    padded[:, pad : pad + h] = profiles

    def score(angle: float) -> float:
        shifts = np.rint(centres * math.tan(math.radians(angle))).astype(int)
        total = np.zeros(h + 2 * pad, dtype=np.float32)
        for i, s in enumerate(shifts):
            total += np.roll(padded[i], -s)
        return float(np.square(total).sum())

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP)
    best = max(coarse, key=score)
    fine = np.arange(best - COARSE_STEP, best + COARSE_STEP + 1e-9, FINE_STEP)
    # a row at x rises by x·tan(angle) on a page turned counter-clockwise: shear it back
    return -float(max(fine, key=score))


# --------------------------------------------------------------------------------------------
# Rules and tables
# --------------------------------------------------------------------------------------------


def _runs(flags: Any, max_gap: int = 0) -> list[tuple[int, int]]:
    """(start, end) inclusive of each run of True, bridging gaps of up to ``max_gap``."""
    idx = np.flatnonzero(flags)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > max_gap + 1)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]]))
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def _long_runs(ink: BoolArray, length: int) -> BoolArray:
    """Ink pixels lying on a horizontal run of at least ``length`` pixels, 90% ink or more.

    The 10% slack lets a rule through that the copier broke or noise pitted.
    """
    h, w = ink.shape
    if w < length:
        return np.zeros_like(ink)
    csum = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, dtype=np.int32, out=csum[:, 1:])
    starts = (csum[:, length:] - csum[:, :-length]) >= int(length * 0.9)  # window at i is ink
    n = starts.shape[1]
    cs = np.zeros((h, n + 1), dtype=np.int32)
    np.cumsum(starts, axis=1, dtype=np.int32, out=cs[:, 1:])
    j = np.arange(w)
    covering = cs[:, np.minimum(j + 1, n)] - cs[:, np.maximum(j - length + 1, 0)]
    return (covering > 0) & ink


def horizontal_rules(ink: BoolArray, min_length: int | None = None) -> list[Rule]:
    """Every horizontal rule on the page, as segments (two rules at one height stay two)."""
    length = min_length or max(20, int(ink.shape[1] * RULE_MIN_FRACTION))
    mask = _long_runs(ink, length)
    rows = mask.sum(axis=1) >= length
    rules: list[Rule] = []
    for y0, y1 in _runs(rows, max_gap=MERGE_RULES_WITHIN // 2):
        columns = mask[y0 : y1 + 1].any(axis=0)
        for x0, x1 in _runs(columns, max_gap=3):
            if x1 - x0 + 1 >= length:
                rules.append(Rule(y0, y1, x0, x1))
    return rules


def _verticals(ink: BoolArray, top: int, bottom: int, x0: int, x1: int) -> list[tuple[int, int]]:
    """Columns (start, end) inside ``x0..x1`` drawn through the whole band ``top..bottom``."""
    band = ink[top : bottom + 1, max(0, x0) : x1 + 1]
    if band.shape[0] < 3 or band.shape[1] == 0:
        return []
    fill = band.mean(axis=0)
    return [(a + max(0, x0), b + max(0, x0)) for a, b in _runs(fill >= VERTICAL_FILL, max_gap=1)]


def _band(upper: Rule, lower: Rule) -> tuple[int, int]:
    """The rows strictly between two rules, a pixel clear of each."""
    return upper.y1 + 2, lower.y0 - 2


def find_ruled_tables(ink: BoolArray) -> list[RuledTable]:
    """Ruled tables on a straightened page: rules joined by vertical rules, then the grid."""
    rules = sorted(horizontal_rules(ink), key=lambda r: (r.y0, r.x0))
    if len(rules) < 2:
        return []
    tol = MERGE_RULES_WITHIN
    max_band = ink.shape[0] // 3
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if b.y0 - a.y1 > max_band:
                break
            lo, hi = max(a.x0, b.x0), min(a.x1, b.x1)
            if hi - lo < 0.5 * min(a.x1 - a.x0, b.x1 - b.x0):
                continue
            top, bottom = _band(a, b)
            if bottom - top < tol:
                continue
            if len(_verticals(ink, top, bottom, lo - tol, hi + tol)) >= 2:
                parent[find(j)] = find(i)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    tables = []
    for members in groups.values():
        if len(members) < 2:
            continue
        table = _grid(ink, members)
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda t: t.ys[0])
    return tables


def _cluster(values: list[int], within: int) -> list[int]:
    out: list[list[int]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= within:
            out[-1].append(v)
        else:
            out.append([v])
    return [round(sum(g) / len(g)) for g in out]


def _grid(ink: BoolArray, rules: list[Rule]) -> RuledTable | None:
    """Rows, columns and merged cells of the table drawn by ``rules``."""
    x0 = min(r.x0 for r in rules)
    x1 = max(r.x1 for r in rules)
    ys = _cluster([r.y for r in rules], MERGE_RULES_WITHIN * 2)
    by_y = sorted(rules, key=lambda r: r.y)
    spans: list[tuple[int, int, int, int]] = []
    for top_y, bottom_y in itertools.pairwise(ys):
        top = max(r.y1 for r in by_y if abs(r.y - top_y) <= MERGE_RULES_WITHIN * 2) + 2
        bottom = min(r.y0 for r in by_y if abs(r.y - bottom_y) <= MERGE_RULES_WITHIN * 2) - 2
        for a, b in _verticals(ink, top, bottom, x0 - MERGE_RULES_WITHIN, x1 + MERGE_RULES_WITHIN):
            spans.append((a, b, top, bottom))
    xs = _cluster([(a + b) // 2 for a, b, _, _ in spans], MERGE_RULES_WITHIN * 2)
    if len(xs) < 3 or len(ys) < 2:
        return None  # a framed paragraph, not a table of columns
    rows, cols = len(ys) - 1, len(xs) - 1

    def has_vertical(r: int, x: int) -> bool:
        return any(abs((a + b) // 2 - x) <= MERGE_RULES_WITHIN * 2 and t <= ys[r + 1] and bt >= ys[r]
                   for a, b, t, bt in spans)

    def has_horizontal(y: int, c: int) -> bool:
        mid = (xs[c] + xs[c + 1]) // 2
        return any(abs(rule.y - y) <= MERGE_RULES_WITHIN * 2 and rule.x0 <= mid <= rule.x1 for rule in rules)

    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = sorted((ra, rb))
            parent[second] = first

    for r in range(rows):
        for c in range(cols - 1):
            if not has_vertical(r, xs[c + 1]):
                union((r, c), (r, c + 1))
    for r in range(rows - 1):
        for c in range(cols):
            if not has_horizontal(ys[r + 1], c):
                union((r, c), (r + 1, c))
    owner = [[find((r, c)) for c in range(cols)] for r in range(rows)]
    return RuledTable(ys=ys, xs=xs, owner=owner, vertical_spans=spans, rules=rules)


def erase_rules(grey: NDArray[np.uint8], table: RuledTable, paper: int = 255) -> NDArray[np.uint8]:
    """A copy of ``grey`` with the table's rules painted over, so OCR does not read them as ``|``."""
    out = grey.copy()
    pad = 2
    h, w = out.shape
    for rule in table.rules:
        out[max(0, rule.y0 - pad) : min(h, rule.y1 + pad + 1), max(0, rule.x0 - pad) : min(w, rule.x1 + pad + 1)] = paper
    for a, b, top, bottom in table.vertical_spans:
        out[max(0, top - 3 * pad) : min(h, bottom + 3 * pad + 1), max(0, a - pad) : min(w, b + pad + 1)] = paper
    return out


@dataclass(frozen=True)
class Placement:
    """Where a cell's ink was cut from the page and where it sits in the composite image."""

    cell: tuple[int, int]
    top: int  # row of the composite where the cell's crop starts
    height: int


def _ink_box(ink: BoolArray) -> tuple[int, int, int, int] | None:
    """Bounding box (x0, y0, x1, y1 exclusive) of a cell's text, ignoring specks of dust.

    Runs of inked rows (then columns) carrying fewer than ``DUST_PIXELS`` ink pixels are dust
    or a rule's remnant, not text.
    """
    rows = [(a, b) for a, b in _runs(ink.any(axis=1), max_gap=3) if ink[a : b + 1].sum() >= DUST_PIXELS]
    if not rows:
        return None
    y0, y1 = rows[0][0], rows[-1][1] + 1
    band = ink[y0:y1]
    cols = [(a, b) for a, b in _runs(band.any(axis=0), max_gap=3) if band[:, a : b + 1].sum() >= DUST_PIXELS]
    if not cols:
        return None
    return cols[0][0], y0, cols[-1][1] + 1, y1


def compose_cells(
    grey: NDArray[np.uint8], table: RuledTable, paper: int = 255
) -> tuple[NDArray[np.uint8], list[Placement]]:
    """Every non-empty cell's ink, cut out and stacked one under another on blank paper.

    Read as one uniform block, a ruled table confuses Tesseract wherever a name wraps onto two
    lines beside figures centred between them: it builds text lines across the columns and
    garbles both. A stack of cells has no columns: each line belongs to one cell, and one
    Tesseract run reads them all. ``grey`` should have the rules erased (:func:`erase_rules`).
    """
    threshold = otsu_threshold(grey)
    ink = grey <= threshold
    inset = 2
    pad = 12
    crops: list[tuple[tuple[int, int], NDArray[np.uint8]]] = []
    rows, cols = table.shape
    for r in range(rows):
        for c in range(cols):
            if table.owner[r][c] != (r, c):
                continue
            r1 = max(rr for rr in range(rows) if table.owner[rr][c] == (r, c))
            c1 = max(cc for cc in range(cols) if table.owner[r][cc] == (r, c))
            x0, y0 = table.xs[c] + inset, table.ys[r] + inset
            x1, y1 = table.xs[c1 + 1] - inset, table.ys[r1 + 1] - inset
            if x1 <= x0 or y1 <= y0:
                continue
            box = _ink_box(ink[y0:y1, x0:x1])
            if box is None:
                continue
            bx0, by0, bx1, by1 = box
            crop = grey[y0 + by0 : y0 + by1, x0 + bx0 : x0 + bx1]
            # paper texture and noise stay behind: only the ink is carried to the clean sheet
            crops.append(((r, c), np.where(crop <= threshold, crop, paper).astype(np.uint8)))
    if not crops:
        return np.full((1, 1), paper, dtype=np.uint8), []
    gap = max(24, int(np.median([crop.shape[0] for _, crop in crops])))
    width = max(crop.shape[1] for _, crop in crops) + 2 * pad
    height = sum(crop.shape[0] for _, crop in crops) + gap * (len(crops) + 1)
    sheet = np.full((height, width), paper, dtype=np.uint8)
    placements = []
    y = gap
    for cell, crop in crops:
        h, w = crop.shape
        sheet[y : y + h, pad : pad + w] = crop
        placements.append(Placement(cell, y, h))
        y += h + gap
    return sheet, placements


def cells_of(table: RuledTable, placements: list[Placement], words: list[Word]) -> list[list[str]]:
    """The table's rows of cell texts from the words read off the composite of its cells.

    A word belongs to the cell whose crop holds its vertical centre; the words of one cell are
    grouped into lines, lines top to bottom, words left to right, joined with single spaces (a
    name wrapped inside its cell reads as one name). Merged cells give their text to their
    top-left cell, the others stay empty. Rows without any text are dropped.
    """
    import bisect

    tops = [p.top for p in placements]
    found: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        i = bisect.bisect_right(tops, word.centre[1]) - 1
        if i < 0 or word.centre[1] > placements[i].top + placements[i].height + 4:
            continue
        found.setdefault(placements[i].cell, []).append(word)
    rows, cols = table.shape
    out: list[list[str]] = []
    for r in range(rows):
        row = [_join_lines(found.get((r, c), [])) for c in range(cols)]
        if any(row):
            out.append(row)
    return out


def _join_lines(words: list[Word]) -> str:
    if not words:
        return ""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.centre[1]):
        if lines:
            last = lines[-1]
            mean_y = sum(w.centre[1] for w in last) / len(last)
            height = max(w.height for w in last)
            if abs(word.centre[1] - mean_y) <= 0.5 * height:
                last.append(word)
                continue
        lines.append([word])
    return " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.left))
