"""A table continued over pages, joined back into the one table it is.

An evaluation appendix runs to three or four pages, and every format hands it over in parts: a
PDF draws each page's part as a table of its own, a scan is read page by page, a typist breaks
a long Word table at a page break. Only the first part carries the header that says which
column is the target and which the years; read alone, every later part is rows of figures
that mean nothing, and each of its rows would be lost.

A part is joined to the table above it when

* nothing but page furniture lies between them: blank lines, the page break, a page number
  ("- 3 -", "Trang 3", "3/5"), a "(tiếp theo)" line, specks a scan left;
* it has the same columns: as many, and, where the format draws them (PDF, DOCX, a ruled scan),
  of the same widths within ``WIDTH_TOLERANCE`` of the table's width;
* it does not open with a header of its own. The header repeated at its top, and the row of
  column numbers ("(1) | (2) | (3) …") printed under a header, are dropped from the joined rows
  (their lines stay in the text); a row of different headings, years across the columns, or
  words where the table above has figures, opens a new table.

Every loader's tables pass through :func:`join_continued_tables`, so the rule is the same for
a PDF, a DOCX, a Markdown export and a scan.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from chitieu.ingest.base import Table
from chitieu.text.fold import fold
from chitieu.text.lines import is_page_furniture

__all__ = ["WIDTH_TOLERANCE", "continuation_head", "join_continued_tables", "only_page_furniture"]

# columns whose widths differ by more than this share of the table's width are different columns
WIDTH_TOLERANCE = 0.02
# lines of furniture between two parts of one table; more and something else stands between them
_MAX_FURNITURE_LINES = 4
# rows of the table above that show what its columns hold (figures or words)
_REFERENCE_ROWS = 8

_NUMBER_CELL = re.compile(
    r"^[<>≤≥~]?\s*[-+−]?\d[\d.,]*\s*[%‰]?(?:\s*[-–÷]\s*\d[\d.,]*\s*[%‰]?)?$"
)
_EMPTY_CELL = re.compile(r"^[-–—x×/.…]*$", re.IGNORECASE)
_YEAR_CELL = re.compile(r"^(?:nam\s*)?((?:19|20)\d\d)$")
_COLUMN_NUMBER_CELL = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$", re.IGNORECASE)
_ROW_NUMBER_HEADINGS = frozenset({"tt", "stt", "so tt", "so thu tu"})


def join_continued_tables(text: str, tables: Sequence[Table]) -> list[Table]:
    """``tables`` (in any order) with every continuation joined to the table it continues."""
    joined: list[Table] = []
    for table in sorted(tables, key=lambda t: t.start):
        if joined:
            head = continuation_head(text, joined[-1], table)
            if head is not None:
                joined[-1] = _join(joined[-1], table, head)
                continue
        joined.append(table)
    return joined


def continuation_head(text: str, above: Table, below: Table) -> int | None:
    """How many leading rows of ``below`` to drop when it continues ``above`` (a repeated header,
    the column numbers); None when ``below`` is a table of its own."""
    if below.start < above.end or not only_page_furniture(text[above.end : below.start]):
        return None
    if _column_count(above) != _column_count(below) or not _same_widths(above.widths, below.widths):
        return None
    head = 0
    while head < min(len(above.rows), len(below.rows) - 1) and _key(below.rows[head]) == _key(above.rows[head]):
        head += 1
    if head < len(below.rows) and _is_column_numbers(below.rows[head]):
        head += 1
    if head >= len(below.rows) or _opens_a_table(below.rows[head], above):
        return None
    return head


def only_page_furniture(gap: str) -> bool:
    """Whether ``gap`` holds nothing but what a page break brings (:func:`chitieu.text.lines.is_page_furniture`)."""
    lines = [line for line in gap.splitlines() if line.strip()]  # "\f" breaks a line too
    return len(lines) <= _MAX_FURNITURE_LINES and all(is_page_furniture(line) for line in lines)


def _join(above: Table, below: Table, head: int) -> Table:
    spans = above.row_spans + below.row_spans[head:] if above.row_spans and below.row_spans else []
    return replace(above, rows=above.rows + below.rows[head:], end=below.end, row_spans=spans)


def _column_count(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _same_widths(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    if not a or not b:
        return True  # the format draws no columns (a Markdown table): the count decides
    return len(a) == len(b) and all(abs(x - y) <= WIDTH_TOLERANCE for x, y in zip(a, b, strict=True))


def _key(row: Sequence[str]) -> tuple[str, ...]:
    """The cells folded, spaces collapsed: a repeated header matches whatever its marks and spacing."""
    return tuple(" ".join(fold(cell).split()) for cell in row)


def _kind(cell: str) -> str:
    cell = cell.strip()
    if _EMPTY_CELL.match(cell):
        return "empty"
    return "number" if _NUMBER_CELL.match(cell) else "text"


def _is_column_numbers(row: Sequence[str]) -> bool:
    """A row numbering the columns ("1 | 2 | 3 …", "(A) | (B) | (1) | (2) …")."""
    cells = [cell.strip() for cell in row if cell.strip()]
    if len(cells) < 3 or not all(_COLUMN_NUMBER_CELL.match(cell) for cell in cells):
        return False
    numbers = [int(cell.strip("()")) for cell in cells if cell.strip("()").isdigit()]
    return len(numbers) >= 3 and all(b == a + 1 for a, b in itertools.pairwise(numbers))


def _opens_a_table(row: Sequence[str], above: Table) -> bool:
    """Whether ``row`` is a header rather than the next row of ``above``.

    Headers name columns: "TT"/"STT" over the row numbers, years across the value columns, words
    in the columns where the rows above have figures. A row of the table has figures there (or
    nothing, a group row), and words only in a few cells (a verdict, "x").
    """
    folded = _key(row)
    if folded and folded[0] in _ROW_NUMBER_HEADINGS:
        return True
    years = [int(m.group(1)) for cell in folded if (m := _YEAR_CELL.match(cell))]
    if len(years) >= 3 and years == sorted(years):
        return True
    figures = _figure_columns(above)
    words = sum(1 for c in figures if c < len(row) and _kind(row[c]) == "text")
    return bool(figures) and words >= max(2, (len(figures) + 1) // 2)


def _figure_columns(table: Table) -> list[int]:
    """Columns that hold figures in most of the last rows of ``table`` that hold any."""
    rows = [row for row in table.rows[1:] if any(_kind(cell) == "number" for cell in row)][-_REFERENCE_ROWS:]
    columns = []
    for c in range(_column_count(table)):
        kinds = [_kind(row[c]) for row in rows if c < len(row)]
        numbers = kinds.count("number")
        if numbers and numbers * 2 >= numbers + kinds.count("text"):
            columns.append(c)
    return columns
