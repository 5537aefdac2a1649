"""Re-flowing hard-wrapped lines into paragraphs, one paragraph a line.

PDF exports and Markdown converters wrap lines at a fixed width; a sentence, a target or a
task then spans several lines, and every later step (numbers with their units, a task with its
deadline) needs it whole. The rules, in order:

* never glue a line that starts a unit — numbered or lettered item ("1.", "a)", "(1)", "II."),
  bullet, "Điều 1.", "Căn cứ", "Nơi nhận:", a table row — nor glue anything onto a heading in
  capitals or a table row;
* a line ending in a hyphen glued to a word or number ("2021-" / "2025") joins without space;
* after sentence punctuation, join only when the next line starts in lower case;
* otherwise join when the next line starts in lower case, with a digit or an opening bracket
  or quote (not one before a capital after a numbered item), or when the line ends with a word
  that cannot end a sentence ("của", "và" …); a next line in upper case joins only when this one
  is as long as a wrapped line (a proper noun carried over), not when it is short (a heading
  before its paragraph).

The layout is detected per document: the typical wrap width (``None`` when lines are whole
paragraphs, as in DOCX exports) and whether a blank line follows every wrapped line (PDF line
spacing), in which case blank lines mean nothing. Elsewhere a blank line separates paragraphs
unless the sentence plainly continues after it (a page break).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from chitieu.text.lines import (
    OCR_ROMAN,
    Line,
    ends_sentence,
    is_all_caps_heading,
    is_structural_start,
    is_table_row,
    split_lines,
    starts_lowercase,
)
from chitieu.text.offsets import MappedText, TextBuilder

__all__ = ["Layout", "continues", "detect_layout", "numbered_table_rows", "reflow"]

# Words after which a sentence cannot end: a line ending with one is always carried over.
_CONNECTORS = frozenset(
    {
        "và",
        "của",
        "các",
        "những",
        "với",
        "về",
        "tại",
        "theo",
        "trong",
        "từ",
        "đến",
        "để",
        "là",
        "bởi",
        "hoặc",
        "thì",
        "mà",
        "nhưng",
        "vào",
        "đối",
        "nhằm",
        "gồm",
        "giữa",
    }
)
_DIGITS = "0123456789"  # not str.isdigit: a superscript "¹" starts a footnote, not a number
_NUMBER_ONLY = re.compile(r"^[\d.,%/ -]+$")  # a cell of a column of numbers
_GLUED_HYPHEN = re.compile(r"[^\W_]-$")
_LAST_WORD = re.compile(r"([^\W\d_]+)[^\w]*$")

# No exporter wraps lines narrower than this; shorter "wrapped" lines are a list of words.
_MIN_WRAP = 30
# Lines longer than this are paragraphs in their own right, not wrapped lines.
_MAX_WRAPPED = 160
# An unpunctuated line this long before an upper-case line is a paragraph cut by a page break.
_LONG_PARAGRAPH = 150


@dataclass(frozen=True)
class Layout:
    """How a document's lines were laid out by the program that exported it."""

    wrap_width: int | None  # typical length of a hard-wrapped line; None: one paragraph a line
    spaced: bool  # a blank line after (nearly) every line, so blank lines mean nothing


def _percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def detect_layout(lines: list[Line]) -> Layout:
    """Wrap width and line spacing, from the lines that plainly continue on the next one."""
    nonblank = [line for line in lines if not line.blank]
    wrapped: list[int] = []
    gaps: list[int] = []
    for prev, nxt in pairwise(nonblank):
        p, n = prev.stripped, nxt.stripped
        carried = (starts_lowercase(n) or n[:1] in _DIGITS) and not is_structural_start(n)
        if len(p) <= _MAX_WRAPPED and not ends_sentence(p) and carried:
            wrapped.append(len(p))
            gaps.append(nxt.index - prev.index - 1)
    if len(wrapped) < 3 or len(wrapped) < 0.1 * len(nonblank):
        return Layout(wrap_width=None, spaced=False)
    width = _percentile(wrapped, 0.85)
    if width < _MIN_WRAP:
        return Layout(wrap_width=None, spaced=False)
    spaced = sum(1 for g in gaps if g > 0) >= 0.6 * len(gaps)
    return Layout(wrap_width=width, spaced=spaced)


def _ends_with_connector(line: str) -> bool:
    m = _LAST_WORD.search(line)
    return (
        bool(m)
        and m is not None
        and m.group(1).lower() in _CONNECTORS
        and not line.rstrip().endswith((".", ";", ":"))
    )


def glued_hyphen(prev: str, nxt: str) -> bool:
    """A compound cut at its hyphen ("giai đoạn 2021-" + "2025"), joined without a space."""
    return bool(_GLUED_HYPHEN.search(prev)) and bool(nxt) and nxt[0].isalnum()


def continues(prev: str, nxt: str, gap: int, layout: Layout, first_of_paragraph: bool = False) -> bool:
    """Whether line ``nxt`` continues the paragraph ending with line ``prev``.

    ``gap`` is the number of blank lines between them; ``first_of_paragraph`` says that
    ``prev`` is the paragraph's only line so far.
    """
    p, n = prev.strip(), nxt.strip()
    if not p or not n:
        return False
    if is_structural_start(n):
        return False
    if glued_hyphen(p, n) and not is_table_row(p):
        return True
    if is_all_caps_heading(n) or is_all_caps_heading(p) or is_table_row(p) or _NUMBER_ONLY.match(p):
        return False
    width = layout.wrap_width
    hard = (gap > 0 and not layout.spaced) or width is None or len(p) > 1.5 * width
    if ends_sentence(p):
        return not hard and starts_lowercase(n)
    opened = n.lstrip("(“\"‘'«")
    if starts_lowercase(n) or n[0] in _DIGITS:
        return True
    if opened != n and not (opened[:1].isupper() and is_structural_start(p)):
        # a quotation or bracket continues the sentence; after a numbered item, one opening on a
        # capital opens its paragraph ("2. Mục tiêu cụ thể" / "‘Trong năm 2025, …", a stray quote)
        return True
    if _ends_with_connector(p):
        return True
    if hard:  # a long item ("3. …" over two lines) may be a heading; a long paragraph is cut
        return len(p) >= _LONG_PARAGRAPH and not is_structural_start(p)
    # an upper-case word is carried over from a full line, but a numbered item that fits on
    # one line and stops without punctuation is a heading, whatever its length — unless it
    # stops inside a name ("… phối hợp với Ban" / "Tuyên giáo Tỉnh ủy")
    assert width is not None
    if len(p) < 0.7 * width:
        return False
    if first_of_paragraph and is_structural_start(p):
        last = _LAST_WORD.search(p)
        return bool(last) and last is not None and last.group(1)[0].isupper()
    return True


_CELL_LINES = 3  # the most lines a cell of a scanned row wraps onto under it


def between_table_rows(lines: list[Line]) -> set[int]:
    """Indexes of the lines between two rows of a table, each line a slice through the cells.

    A scanned table's text layer gives a row's figures on one line and the rest of its cells
    (the name, the verdict "Không" / "đạt") on the lines under it, column beside column: glued
    together they would put the verdict in the middle of the name. They are left as lines for
    the table reader, which knows which column each word stands in.
    """
    nonblank = [line for line in lines if not line.blank]
    rows = [k for k, line in enumerate(nonblank) if is_table_row(line.stripped)]
    inside: set[int] = set()
    for a, b in pairwise(rows):
        if 1 < b - a <= _CELL_LINES + 1:
            inside.update(nonblank[k].index for k in range(a + 2, b))
    return inside


# A row of a numbered table whose rules a scan lost: its number, its cells, a figure at the end
# (and a speck a rule left after it): "3 Thu ngân sách nhà nước trên địa bàn Tỷ đồng 4.250".
_ENDS_WITH_FIGURE = r"\D.*\d[\d.,]*(?:\s*[^\w\s]{1,2}|\s+\S{1,2})?"
_NUMBERED_ROW = re.compile(r"(\d{1,3})\s+" + _ENDS_WITH_FIGURE)
_UNNUMBERED_ROW = re.compile(_ENDS_WITH_FIGURE)  # a row whose number OCR lost ("a Số xã … Xã 64")
# a group row between them, its Roman number as OCR may write it: "II Chỉ tiêu xã hội", "Il Chi tieu"
_GROUP_ROW = re.compile(rf"{OCR_ROMAN}{{1,4}}[.)]?\s+[^\W\d_]")
_ROW_GAP = 6  # the most lines (blank or not) from one row to the next, a group row between
_MIN_NUMBERED_ROWS = 3


def numbered_table_rows(lines: list[Line]) -> set[int]:
    """Indexes of the rows of a table whose rules a scan lost, numbered 1, 2, 3 … in its first column.

    Each such row is a line "number, name, unit, figure"; a row starts with a figure and its
    lines are often spaced, so re-flow would glue the whole table into one paragraph. Three rows
    or more numbered in sequence, each within a few lines of the last (one row's number may be
    lost: 4, then 6 two rows on), are kept as lines, and so are the lines among them that end
    with a figure (the row whose number was lost) and the group rows ("II Chỉ tiêu xã hội").
    """
    numbered = [
        (line.index, int(m.group(1))) for line in lines if (m := _NUMBERED_ROW.fullmatch(line.stripped)) is not None
    ]
    kept: set[int] = set()
    chain: list[int] = []
    for (index, number), (previous_index, previous_number) in zip(numbered[1:], numbered, strict=False):
        step = number - previous_number
        if (step == 1 and index - previous_index <= _ROW_GAP) or (step == 2 and index - previous_index <= 2 * _ROW_GAP):
            chain = chain or [previous_index]
            chain.append(index)
            continue
        kept.update(_rows_of(lines, chain))
        chain = []
    kept.update(_rows_of(lines, chain))
    return kept


def _rows_of(lines: list[Line], chain: list[int]) -> set[int]:
    """The rows of one numbered chain, with the group rows and unnumbered rows among them and
    just above its first row (the first row's number lost under its group row)."""
    if len(chain) < _MIN_NUMBERED_ROWS:
        return set()
    among = {k for k in range(chain[0], chain[-1]) if _row_shaped(lines[k])}
    above = chain[0] - 1
    while above >= 0 and chain[0] - above <= _ROW_GAP and (lines[above].blank or _row_shaped(lines[above])):
        if not lines[above].blank:
            among.add(above)
        above -= 1
    return set(chain) | among


def _row_shaped(line: Line) -> bool:
    return bool(_GROUP_ROW.match(line.stripped) or _UNNUMBERED_ROW.fullmatch(line.stripped))


def reflow(text: str, layout: Layout | None = None) -> MappedText:
    """``text`` as one paragraph a line, paragraphs separated by a single ``\\n``."""
    lines = split_lines(text)
    if layout is None:
        layout = detect_layout(lines)
    out = TextBuilder(text)
    prev: Line | None = None
    first_of_paragraph = True
    between = between_table_rows(lines) | numbered_table_rows(lines)
    for line in lines:
        if line.blank:
            continue
        start, end = line.content_start, line.content_end
        if prev is None:
            out.insert("", 0, start)
        elif line.index not in between and continues(
            prev.content, line.content, line.index - prev.index - 1, layout, first_of_paragraph
        ):
            first_of_paragraph = False
            # the joining space stands for the line break it replaces (one character, so the
            # map stays exact); a compound cut at its hyphen joins with nothing
            if glued_hyphen(prev.stripped, line.stripped):
                out.insert("", prev.content_end, start)
            else:
                out.insert(" ", prev.content_end, prev.content_end + 1)
                out.insert("", prev.content_end + 1, start)
        else:
            out.insert("\n", prev.content_end, prev.content_end + 1)
            out.insert("", prev.content_end + 1, start)
            first_of_paragraph = True
        out.copy(start, end)
        prev = line
    return out.build()
