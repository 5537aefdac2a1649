"""Targets stated in a plan table ("STT | Chỉ tiêu | Đơn vị | Kế hoạch 2025"), each tied to its row.

A resolution often lists its targets in a table annexed to it (a "Biểu"): a header naming the
indicator, unit and plan columns, then one row per indicator, grouped under Roman-numbered rows
("II | Chỉ tiêu xã hội"). The table arrives two ways:

* with its cells between bars, from DOCX, text PDFs and exports: the header's cells say which
  column is which;
* as a scan's text layer, its rules lost: each row a line "6 Tỷ lệ hộ nghèo % <8", the header a
  line of its column names, specks where the rules were ("% lệ <8 là" after restoration), a
  row's number sometimes lost or read as a letter. The columns are read by their content: the
  plan figure is the last figure cell of the row that follows its unit, the unit is the longest
  known unit just before it, the name is what stands between the row's number and the unit.

A table with result columns (years, "Ước", "Thực hiện", a verdict) is an evaluation table, read
by :mod:`chitieu.extract.tables`, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.extract.facts import Fact, Period, Source
from chitieu.extract.quantities import parse_number
from chitieu.extract.targets import EVERY_YEAR, ocr_words
from chitieu.extract.units import has_marks, normalize_unit, strip_marks, tolerant_regex
from chitieu.text.lines import split_lines

__all__ = ["table_targets"]

try:  # the catalogue is optional: without it labels stay as written
    from chitieu.catalog.matcher import match_indicator as _match_indicator
except ImportError:  # pragma: no cover - catalogue not installed
    _match_indicator = None  # type: ignore[assignment]

Cell = tuple[str, int, int]  # a cell's text and its span in the text
Header = tuple[int, int | None, int, int | None]  # name, unit and target columns, target year

_PIPE_LINE = re.compile(r"(?m)^[^\n]*\|[^\n]*$")
_COMPARATOR = (
    r"<=|>=|≤|≥|<|>|~|(?:"
    + ocr_words(["không dưới", "không quá", "tối thiểu", "tối đa", "trên", "dưới", "khoảng", "từ", "ít nhất", "hơn"])
    + r")(?![^\W_])"
)
_FIGURE_CELL = (
    r"(?:(?P<cmp>" + _COMPARATOR + r")\s*)?(?P<num>[0-9][0-9.,]*)(?:\s*[-–]\s*(?P<high>[0-9][0-9.,]*))?"
    r"(?:\s*(?P<tail>" + tolerant_regex("trở lên") + r"))?"
)
_CELL_TARGET = re.compile(r"^" + _FIGURE_CELL + r"\s*$", re.IGNORECASE)
_CELL_CMP = {
    "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "<": "<", ">": ">", "~": "~",
    "khong duoi": ">=", "khong qua": "<=", "toi thieu": ">=", "toi da": "<=", "tren": ">",
    "duoi": "<", "khoang": "~", "tu": ">=", "it nhat": ">=", "hon": ">",
}  # fmt: skip


def table_targets(text: str, document: str, period: Period | None) -> tuple[list[Fact], list[tuple[int, int]]]:
    """Targets of plan tables, and the spans of every table row (read by nothing else)."""
    facts, rows = _pipe_table_targets(text, document, period)
    flat_facts, flat_rows = _flattened_table_targets(text, document, period)
    return [*facts, *flat_facts], sorted([*rows, *flat_rows])


# --------------------------------------------------------------------------------------------
# Tables with their cells between bars
# --------------------------------------------------------------------------------------------


def _cells_with_spans(text: str, start: int, end: int) -> list[Cell]:
    """The cells of a pipe row with their exact spans (blanks trimmed), edge pipes dropped."""
    cells: list[Cell] = []
    pos = start
    for raw in text[start:end].split("|"):
        cells.append(_cell(text, pos, 0, len(raw)))
        pos += len(raw) + 1
    if len(cells) > 2 and not cells[0][0] and not cells[-1][0]:
        cells = cells[1:-1]
    return cells


def _plan_header(cells: list[Cell]) -> Header | None:
    """(name, unit, target column, target year) of a table that states only targets, else None.

    A table with result columns (years, "Ước", "Thực hiện", a verdict) is an evaluation table,
    read by :mod:`chitieu.extract.tables`, not a list of targets; except the annual plan form
    "Thực hiện 2024 | Kế hoạch 2025 | So với 2024 (%)", whose one result column is the base of
    the next year's plan.
    """
    from chitieu.extract.tables import NAME, RATIO, TARGET, UNIT, YEAR, classify_header_cell

    name = unit = None
    targets: list[tuple[int, int | None]] = []
    base_years: list[int | None] = []
    for i, (cell, _s, _e) in enumerate(cells):
        col = classify_header_cell(cell)
        if col.role == NAME and name is None:
            name = i
        elif col.role == UNIT and unit is None:
            unit = i
        elif col.role == TARGET:
            targets.append((i, col.year))
        elif col.role in (YEAR, RATIO):
            base_years.extend([col.year] if col.role == YEAR else [])
        elif col.role not in ("stt", "other") and col.label != "ghi chu":
            return None
    if name is None or len(targets) != 1:
        return None
    year = targets[0][1]
    if base_years and (len(base_years) > 1 or year is None or base_years[0] != year - 1):
        return None
    return name, unit, targets[0][0], year


def _pipe_table_targets(text: str, document: str, period: Period | None) -> tuple[list[Fact], list[tuple[int, int]]]:
    facts: list[Fact] = []
    rows: list[tuple[int, int]] = []
    header: Header | None = None
    last_end = -1
    for line in _PIPE_LINE.finditer(text):
        cells = _cells_with_spans(text, line.start(), line.end())
        if line.start() != last_end + 1:
            header = None  # a new table
        last_end = line.end()
        rows.append(line.span())
        found = _plan_header(cells)
        if found is not None:
            header = found
            continue
        if header is None:
            continue
        name_i, unit_i, target_i, year = header
        if max(name_i, target_i) >= len(cells):
            continue
        unit = cells[unit_i] if unit_i is not None and unit_i < len(cells) else None
        fact = _row_target(text, document, Row(cells[name_i], unit, cells[target_i]), year, period)
        if fact is not None:
            facts.append(fact)
    return facts, rows


# --------------------------------------------------------------------------------------------
# Tables whose rules a scan lost: a row a line
# --------------------------------------------------------------------------------------------

# the column names of a plan table's header, where a header line is cut into its cells
_HEADER_WORDS = re.compile(
    r"(?<![^\W_])(?:S?TT|"
    + ocr_words(["chỉ tiêu", "nội dung", "đơn vị tính", "đơn vị", "kế hoạch", "mục tiêu", "thực hiện", "ước", "ghi chú"])
    + r"|ĐVT|DVT)(?![^\W_])",
    re.IGNORECASE,
)
_HEADER_LENGTH = 90  # a header line is short: its column names and a year
# what may follow a column's name in its cell: a year ("Kế hoạch năm 2026"), a note in brackets
_HEADER_REST = re.compile(r"\s*(?:" + ocr_words(["năm"]) + r")?\s*(?:(?:19|20)\d{2})?\s*(?:\([^)]*\))?\s*")
_LOST_STT = 3  # "SIT", "SỐ": the number column's name as OCR may leave it before the name column
# a row's number, then specks a rule left before its name, which starts with a capital ("a Số xã")
_ROW_START = re.compile(r"\s*(?:(?P<number>\d{1,3})[.)]?\s+)?(?:[^\W\d_A-ZĐ]{1,2}\s+(?=[A-ZĐ]))?")
# a figure cell of a row, whole: not a piece of a figure OCR broke with a colon ("2:2,5" for 2-2,5)
_FIGURE_IN_ROW = re.compile(r"(?<![\w.,:])" + _FIGURE_CELL + r"(?![\w%:])", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_SPECK = 2  # a token of at most this many characters between a unit and its figure is a rule's speck
_UNIT_WORDS = 3  # the most words a unit cell holds ("Triệu đồng", "bác sĩ/vạn dân")
_AFTER_FIGURE = 2  # the most tokens after a row's figure (specks, a word of a wrapped name)
_WRAPPED_WORDS = 4  # or the most words of its name wrapped under the row, in small letters
_ROWS_AFTER_HEADER = 40  # the most lines a table runs over
_STRAY_LINES = 2  # lines that are no row (a wrapped name, a group row) before the table is over


@dataclass(frozen=True)
class Row:
    """The cells of one row that a target is read from."""

    name: Cell
    unit: Cell | None
    figure: Cell


def _flattened_table_targets(
    text: str, document: str, period: Period | None
) -> tuple[list[Fact], list[tuple[int, int]]]:
    facts: list[Fact] = []
    rows: list[tuple[int, int]] = []
    lines = split_lines(text)
    for k, line in enumerate(lines):
        header = _header_of_line(text, line.start, line.end)
        if header is None:
            continue
        stray = 0
        for below in lines[k + 1 : k + 1 + _ROWS_AFTER_HEADER]:
            row = _flattened_row(text, below.start, below.end)
            if row is None:
                stray += 1
                if stray > _STRAY_LINES:
                    break
                continue
            stray = 0
            rows.append((below.start, below.end))
            fact = _row_target(text, document, row, header[3], period)
            if fact is not None:
                facts.append(fact)
    return facts, rows


def _header_of_line(text: str, start: int, end: int) -> Header | None:
    """The columns of a plan table's header written on one line without bars, else None.

    "STT Chỉ tiêu Đơn vị Kế hoạch 2025" is cut before each column name and read as the cells of
    a header between bars would be.
    """
    line = text[start:end]
    if "|" in line or len(line.strip()) > _HEADER_LENGTH:
        return None
    words = list(_HEADER_WORDS.finditer(line))
    lost_stt = line[: words[0].start()].strip() if words else ""
    if len(words) < 3 or len(lost_stt) > _LOST_STT or not (lost_stt.isupper() or not lost_stt):
        return None
    ends = [m.start() for m in words[1:]] + [len(line)]
    if not all(_HEADER_REST.fullmatch(line, m.end(), end) for m, end in zip(words, ends, strict=True)):
        return None  # words between the column names: a sentence, not a header
    cells = [(line[m.start() : end].strip(), start + m.start(), start + end) for m, end in zip(words, ends, strict=True)]
    return _plan_header(cells)


def _flattened_row(text: str, start: int, end: int) -> Row | None:
    """The name, unit and plan figure of a row written as a line ("3 Thu ngân sách … Tỷ đồng 4.250").

    The figure is the first figure cell that follows a unit (a speck of a rule may stand between
    them); a numbered row whose figure follows no unit is read by its last figure, unitless.
    After the figure only a speck or a word of the name wrapped under the row may stand. A line
    without a figure (a group row, a name wrapped under its row) is no row, nor is a sentence.
    """
    line = text[start:end].replace("|", " ")
    opening = _ROW_START.match(line)
    assert opening is not None  # the pattern matches the empty string
    body = opening.end()
    figures = [m for m in _FIGURE_IN_ROW.finditer(line, body) if m.start() > body]
    for figure in figures:
        unit = _unit_before(line, body, figure.start())
        if unit is not None and _ends_row(line, figure.end()):
            name = _cell(text, start, body, unit[0])
            unit_cell = _wrapped_unit(_cell(text, start, *unit), line, figure.end())
            return Row(name, unit_cell, _cell(text, start, *figure.span()))
    if figures and opening.group("number") and _ends_row(line, figures[-1].end()):
        last = figures[-1]
        return Row(_cell(text, start, body, last.start()), None, _cell(text, start, *last.span()))
    return None


def _ends_row(line: str, end: int) -> bool:
    """Only specks or the end of a wrapped name after a row's figure, no sentence going on."""
    after = _WORD.findall(line, end)
    return len(after) <= _AFTER_FIGURE or (len(after) <= _WRAPPED_WORDS and all(w.isalpha() and w.islower() for w in after))


def _wrapped_unit(unit: Cell, line: str, figure_end: int) -> Cell:
    """The unit with its word wrapped in its cell and written after the figure ("Triệu 82 đồng")."""
    after = _WORD.search(line, figure_end)
    if after is None:
        return unit
    whole = f"{unit[0]} {after.group()}"
    longer = _unit_of_cell(whole)
    if longer is not None and longer != _unit_of_cell(unit[0]):
        return whole, unit[1], unit[2]
    return unit


def _unit_before(line: str, body: int, figure_start: int) -> tuple[int, int] | None:
    """The span of the longest known unit that ends just before ``figure_start`` (a speck allowed between)."""
    words = [m for m in _WORD.finditer(line, body, figure_start)]
    for skip in (0, 1):
        if skip and (not words or len(words[-1].group()) > _SPECK):
            break
        candidates = words[: len(words) - skip]
        for count in range(min(_UNIT_WORDS, len(candidates) - 1), 0, -1):
            first, last = candidates[-count], candidates[-1]
            if _unit_of_cell(line[first.start() : last.end()]) is not None:
                return first.start(), last.end()
    return None


def _unit_of_cell(cell: str) -> str | None:
    """The unit a unit cell names; by its letters where its marks are wrong ("Ngươi" restored for
    "Người"): alone in its column, a unit's letters are enough to know it."""
    return normalize_unit(cell) or normalize_unit(strip_marks(cell))


def _cell(text: str, offset: int, a: int, b: int) -> Cell:
    """The cell ``[a, b)`` of the line at ``offset``, blanks trimmed, with its span in ``text``."""
    s, e = offset + a, offset + b
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return text[s:e], s, e


# --------------------------------------------------------------------------------------------
# One row, one target
# --------------------------------------------------------------------------------------------


def _row_target(text: str, document: str, row: Row, year: int | None, period: Period | None) -> Fact | None:
    """The target one row states, else None (a group row, a figure that is no plan)."""
    label, label_start, _label_end = row.name
    value_text, _value_start, value_end = row.figure
    m = _CELL_TARGET.match(value_text)
    if not label or m is None or re.fullmatch(r"[IVX]+|[0-9.]+", label):
        return None
    value = parse_number(m.group("num"))
    high = parse_number(m.group("high")) if m.group("high") else None
    if value is None or (m.group("high") and (high is None or high <= value)):
        return None
    comparator = _CELL_CMP.get(strip_marks(m.group("cmp") or "").strip().lower(), "=") if m.group("cmp") else "="
    if m.group("tail"):
        comparator = ">="
    if high is not None:
        comparator = "range"
    unit = _unit_of_cell(row.unit[0]) if row.unit is not None else None
    clean = re.sub(r"\s*\([^)]*\)\s*$", "", label)  # "(lũy kế)" qualifies, it does not name
    code, name, confidence = None, clean, 0.7
    if _match_indicator is not None:
        try:
            match = _match_indicator(clean, unit)
        except Exception:  # the catalogue must never stop extraction
            match = None
        if match is not None:
            code, name, confidence = match.code, match.name, min(1.0, 0.5 + 0.5 * match.score)
    if code is not None and not has_marks(text, label_start, value_end) and has_marks(name, 0, len(name)):
        confidence *= 0.95
    q_kind = "reduction_amount" if re.match(tolerant_regex("mức giảm"), clean, re.IGNORECASE) else "level"
    extra: dict[str, object] = {"label_as_written": clean, "quantity_kind": q_kind, "section": "table"}
    if q_kind == "reduction_amount":
        extra["direction"] = "up"
    if EVERY_YEAR.search(label):
        extra["every_year"] = True
    return Fact(
        kind="target",
        label=name,
        indicator=code,
        value=value,
        value_high=high,
        comparator=comparator,  # type: ignore[arg-type]
        unit=unit,
        period=Period.year(year) if year else period,
        confidence=confidence,
        source=Source(document, label_start, value_end, text[label_start:value_end]),
        extra=extra,
    )
