"""A flattened evaluation table whose header OCR destroyed, its columns inferred from its rows.

An archive's scan of a term-evaluation table keeps the rows ("Tỷ lệ che phủ rừng % 54,0 51,4
51,9 52,35 52,95 54,0 54,0 Đạt") but not the header: its cells were set in several lines each,
so the text layer holds fragments ("Mục tiêu | Ước", "Đơn vị Nghị | Thực | Thực", "nam nam
nam", "2025 XIV") that no header grammar can put back into columns, and the running header
repeated on every page is cut out of the text as a page header or left between two rows.

The columns are still known, from three things the page does keep:

* the shape of the rows: most carry the same number of figures (here seven), and most end in
  a verdict word, so the table judges targets;
* the years: on the fragments ("2021 2022 2023 2024 2025") or, where none survived, from the
  term the title names ("… NHIỆM KỲ 2020-2025": the years 2021 to 2025);
* the words left of the header: "mục tiêu", "nghị quyết" (a target column), "ước" (the last
  year and the term are estimates).

Seven figures with five years and a verdict are the target, the years and the term figure;
six are the target and the years. Any other count leaves the table unread rather than guessed.
The rows are then read as every flattened table is (:func:`chitieu.extract.tables.read_flat_region`),
with the header fragments found between rows kept out of the row names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from chitieu.extract.tables import (
    GROUP_HEADING,
    NAME,
    OPENER_KEYS,
    STATUS,
    TARGET,
    TERM,
    UNIT,
    YEAR,
    Column,
    Header,
    Token,
    figure_length,
    tokens_of,
    verdict_key,
    verdict_length,
)
from chitieu.text.fold import fold_ocr

__all__ = ["HeaderlessTable", "find_headerless_tables", "infer_header"]

MIN_FIGURES = 4  # a row of a term table carries at least the target and three years
MIN_ROWS = 3
MAX_GAP_TOKENS = 80  # wrapped names, a page's repeated header, a group heading between two rows
MAX_HEADER_LINES = 8
MAX_HEADER_LINE = 200

_TERM_SPAN = re.compile(r"\b(nhiem ky|giai doan|thoi ky)\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_TERM_WORDS = {"nhiem ky": "nhiệm kỳ", "giai doan": "giai đoạn", "thoi ky": "thời kỳ"}
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,])")
_TARGET_WORDS = re.compile(r"\b(?:muc tieu|nghi quyet|ke hoach|chi tieu (?:nq|dh|giao))\b")
_ESTIMATE_WORDS = re.compile(r"\b(?:uoc|du kien)\b")
# the words of a term table's header, folded
_HEADER_WORDS = frozenset(
    {
        "chi", "tieu", "don", "vi", "tinh", "dvt", "muc", "nghi", "quyet", "dai", "hoi", "thuc", "hien",
        "nam", "uoc", "ghi", "chu", "ke", "hoach", "nhiem", "ky", "giai", "doan", "danh", "gia", "tt",
        "stt", "so", "ca", "nqdh", "nq", "dh", "kh", "th",
    }
)


@dataclass(frozen=True)
class HeaderlessTable:
    """Where the rows of a table without a readable header lie, and the header they imply."""

    header: Header
    start: int  # where the first row's name may begin (after the header fragments)
    end: int
    header_lines: tuple[tuple[int, int], ...]  # header fragments repeated between rows


@dataclass(frozen=True)
class _Run:
    start: int  # token index of the first figure
    end: int  # token index after the verdict (or the last figure)
    figures: int
    verdict: bool


def infer_header(fragments: str, figures: int, has_verdicts: bool) -> Header | None:
    """The columns of a table whose rows carry ``figures`` figures, from its header fragments.

    ``fragments`` is what is left of the header and the title above it; ``has_verdicts``: most
    rows end in a verdict, so the first figure is the target being judged.
    """
    key = fold_ocr(fragments)
    span = None
    word = "giai đoạn"
    for m in _TERM_SPAN.finditer(key):
        word, span = _TERM_WORDS[m.group(1)], (int(m.group(2)), int(m.group(3)))
    years = sorted({int(y) for y in _YEAR.findall(_TERM_SPAN.sub(" ", key))})
    if span is not None and span[1] - span[0] in (4, 5):
        first = span[0] + 1 if span[1] - span[0] == 5 else span[0]
        term_years = list(range(first, span[1] + 1))
        if set(years) <= set(term_years):
            years = term_years
    if not years or years != list(range(years[0], years[-1] + 1)):
        return None
    if not has_verdicts and (span is None or not _TARGET_WORDS.search(key)):
        return None  # figures under no header, judged by no one: not known to be a term table
    estimate = bool(_ESTIMATE_WORDS.search(key))
    year_columns = [Column(YEAR, str(y), y, estimate and y == years[-1]) for y in years]
    term = Column(TERM, f"{word} {span[0]}-{span[1]}" if span else "cả giai đoạn", span[0] if span else None, estimate)
    if figures == len(years) + 2:
        values = [Column(TARGET, "mục tiêu"), *year_columns, term]
    elif figures == len(years) + 1:
        values = [Column(TARGET, "mục tiêu"), *year_columns]
    else:
        return None
    header = Header((Column(NAME, "chỉ tiêu"), Column(UNIT, "đơn vị tính"), *values, Column(STATUS, "đánh giá")))
    return header if header.is_evaluation_table() else None


def find_headerless_tables(text: str, skip: list[tuple[int, int]]) -> list[HeaderlessTable]:
    """The flattened evaluation tables of ``text`` whose header could not be read."""
    tokens = tokens_of(text, 0, len(text))
    found = []
    for cluster in _clusters(_runs(tokens)):
        first, last = tokens[cluster[0].start], tokens[cluster[-1].end - 1]
        if any(a < last.end and first.start < b for a, b in skip):
            continue
        shape = Counter(run.figures for run in cluster)
        figures, count = shape.most_common(1)[0]
        with_verdicts = sum(1 for run in cluster if run.verdict)
        if count < MIN_ROWS:
            continue
        lines_above = _header_lines_above(text, first.start)
        inside = _header_lines_inside(text, first.start, last.end)
        fragments = "\n".join(text[a:b] for a, b in [*lines_above, *inside])
        header = infer_header(fragments, figures, with_verdicts * 2 >= len(cluster))
        if header is None:
            continue
        start = lines_above[-1][1] if lines_above else _line_start(text, first.start)
        found.append(HeaderlessTable(header, start, _line_end(text, last.end), tuple(inside)))
    return found


def _runs(tokens: list[Token]) -> list[_Run]:
    """Every run of at least ``MIN_FIGURES`` figures (years alone are a header, not a row)."""
    runs = []
    i = 0
    while i < len(tokens):
        j, items = i, 0
        while j < len(tokens) and (n := figure_length(tokens, j)):
            j += n
            items += 1
        if items >= MIN_FIGURES and not all(_YEAR.fullmatch(t.text) for t in tokens[i:j]):
            verdict = verdict_length(tokens, j)
            # a verdict cell wrapped under its row leaves its first word ("Không") after the figures
            opener = verdict == 0 and j < len(tokens) and verdict_key(tokens[j]) in OPENER_KEYS
            runs.append(_Run(i, j + verdict, items, verdict > 0 or opener))
            i = j + verdict
        else:
            i = max(j, i + 1)
    return runs


def _clusters(runs: list[_Run]) -> list[list[_Run]]:
    clusters: list[list[_Run]] = []
    for run in runs:
        if clusters and run.start - clusters[-1][-1].end <= MAX_GAP_TOKENS:
            clusters[-1].append(run)
        else:
            clusters.append([run])
    return [c for c in clusters if len(c) >= MIN_ROWS]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _is_header_fragment(line: str) -> bool:
    """A line of a wrecked header: header words, years, bars and scraps, no row of figures."""
    key = fold_ocr(line)
    words = re.findall(r"[a-z]+|\d+", key)
    if not words or len(line) > MAX_HEADER_LINE or GROUP_HEADING.match(key):
        return False
    if sum(1 for w in words if w.isdigit() and not _YEAR.fullmatch(w)) >= 2:
        return False
    known = sum(1 for w in words if w in _HEADER_WORDS or _YEAR.fullmatch(w) or len(w) <= 2)
    return known * 2 >= len(words) or line.count("|") >= 2


def _header_lines_above(text: str, pos: int) -> list[tuple[int, int]]:
    """The header fragments and the title lines just above the first row, top first.

    Title lines ("NGHỊ QUYẾT … NHIỆM KỲ 2020-2025") are kept with the fragments: they name the
    term. The walk stops at a sentence of the text above, a group heading or a row.
    """
    lines: list[tuple[int, int]] = []
    end = _line_start(text, pos) - 1
    while end > 0 and len(lines) < MAX_HEADER_LINES:
        start = _line_start(text, end)
        line = text[start:end].strip()
        if line and GROUP_HEADING.match(fold_ocr(line)) and not lines:
            end = start - 1  # the first group's heading, read with the rows
            continue
        if line and not (_is_header_fragment(line) or _is_title(line)):
            break
        if line:
            lines.append((start, end))
        end = start - 1
    return lines[::-1]


def _is_title(line: str) -> bool:
    """A title line in capitals, or the subtitle in brackets under it ("(Kèm theo Báo cáo …)")."""
    letters = [c for c in line if c.isalpha()]
    bracketed = line.startswith("(") and line.rstrip(".").endswith(")")
    return len(letters) >= 8 and (bracketed or sum(c.isupper() for c in letters) >= 0.8 * len(letters))


def _header_lines_inside(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The header repeated between rows (a page break inside the table), line by line."""
    found = []
    pos = _line_start(text, start)
    while pos < end:
        stop = _line_end(text, pos)
        line = text[pos:stop].strip()
        if line and _is_header_fragment(line) and (_header_words(line) >= 3 or _is_year_line(line)):
            found.append((pos, stop))
        pos = stop + 1
    return found


def _is_year_line(line: str) -> bool:
    """The years of a header's columns on a line of their own ("2021 2022 2023 2024 2025 XIV")."""
    return len(_YEAR.findall(line)) >= 2 and not re.search(r"\d", _YEAR.sub("", line))


def _header_words(line: str) -> int:
    return sum(1 for w in re.findall(r"[a-z]+", fold_ocr(line)) if w in _HEADER_WORDS and len(w) > 2)
