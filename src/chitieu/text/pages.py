"""Removing page furniture: page numbers and running headers left by PDF exports.

A page number on its own line ("7", "- 7 -", "Trang 7", "7/12") sits between two halves of a
sentence; left in place it stops re-flow from joining them and reads as a number. A running
header repeats the same short line on every page. Both are removed (the line is emptied, its
line break kept, so later steps still see a page break). Conservative on purpose: a lone number
is a page number only where nothing suggests it is content (a column of numbers, a list).
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise
from statistics import mean, pstdev

from chitieu.text.lines import (
    BARE_NUMBER,
    DASHED_NUMBER,
    PAGE_OF,
    PAGE_WORD,
    Line,
    ends_sentence,
    is_structural_start,
    is_table_row,
    split_lines,
)
from chitieu.text.offsets import MappedText, TextBuilder

__all__ = ["remove_page_furniture"]

_NUMERIC_CELL = re.compile(r"^[\d.,%\s/-]+$")


def _nonblank_neighbour(lines: list[Line], i: int, step: int) -> Line | None:
    j = i + step
    while 0 <= j < len(lines):
        if not lines[j].blank:
            return lines[j]
        j += step
    return None


def _page_number_lines(lines: list[Line]) -> set[int]:
    explicit: set[int] = set()
    bare: list[int] = []
    for line in lines:
        s = line.stripped
        if DASHED_NUMBER.match(s) or PAGE_WORD.match(s) or PAGE_OF.match(s):
            explicit.add(line.index)
        elif BARE_NUMBER.match(s):
            bare.append(line.index)
    found = set(explicit)
    values = {i: int(lines[i].stripped) for i in bare}
    candidates: list[int] = []
    for i in bare:
        prev = _nonblank_neighbour(lines, i, -1)
        nxt = _nonblank_neighbour(lines, i, 1)
        # a column of numbers (a table exported one cell a line) is content
        if values[i] == 0 or any(n is not None and _NUMERIC_CELL.match(n.stripped) for n in (prev, nxt)):
            continue
        candidates.append(i)
        spaced = (i == 0 or lines[i - 1].blank) and (i + 1 >= len(lines) or lines[i + 1].blank)
        interrupts = (
            prev is not None
            and nxt is not None
            and not ends_sentence(prev.stripped)
            and not is_table_row(prev.stripped)
            and not is_structural_start(nxt.stripped)
        )
        if spaced or interrupts:
            found.add(i)
    # three or more lone numbers rising through the document are page numbers wherever they sit
    seq = [values[i] for i in candidates]
    if len(seq) >= 3 and all(a < b for a, b in pairwise(seq)):
        found.update(candidates)
    return found


def _running_header_lines(lines: list[Line], page_numbers: set[int]) -> set[int]:
    """Short lines repeated on several pages, next to page numbers or at regular intervals."""
    where: dict[str, list[int]] = defaultdict(list)
    for line in lines:
        s = line.stripped
        if 8 <= len(s) <= 100 and not is_structural_start(s) and any(ch.isalpha() for ch in s):
            where[s].append(line.index)
    found: set[int] = set()
    for indices in where.values():
        if len(indices) < 3:
            continue
        near_page_number = sum(1 for i in indices if any(abs(i - p) <= 3 for p in page_numbers))
        gaps = [b - a for a, b in pairwise(indices)]
        regular = min(gaps) >= 15 and pstdev(gaps) <= 0.35 * mean(gaps)
        if near_page_number >= 2 or regular:
            found.update(indices)
    return found


def remove_page_furniture(text: str) -> MappedText:
    """``text`` with page-number lines and running headers emptied, mapped to ``text``."""
    lines = split_lines(text)
    numbers = _page_number_lines(lines)
    drop = numbers | _running_header_lines(lines, numbers)
    if not drop:
        return MappedText.identity(text)
    out = TextBuilder(text)
    pos = 0
    for i in sorted(drop):
        line = lines[i]
        out.copy(pos, line.start)
        out.insert("", line.start, line.end)
        pos = line.end
    out.copy(pos, len(text))
    return out.build()
