"""Rows of term and annual evaluation tables, whatever form the table arrived in.

A province judges its five-year (or one-year) targets in a table: chỉ tiêu, đơn vị tính, mục
tiêu, the value of each year (the last often an estimate, "Ước 2025"), the term aggregate
("Ước cả nhiệm kỳ") and a verdict (Vượt / Đạt / Không đạt / Không đánh giá). The same table
reaches us as

* a structured table of a DOCX or PDF, or a Markdown table (``RawDocument.tables``),
* pipe rows in plain text (``"1 | Tốc độ tăng trưởng GRDP | %/năm | 9-10 | 4,20 | …"``),
* one line per row with the columns flattened
  (``"Tốc độ tăng trưởng GRDP %/năm 9-10 4,20 8,24 -3,42 10,52 8,00 5,39 Không đạt"``),
* the same after OCR without a Vietnamese model
  (``"Ty 1e truong chuan quoc gia % 60 48,0 515 …  Bat"``: marks lost, ``Đ`` read as ``B``,
  ``l`` as ``1``, decimal commas dropped).

Why one module for all of them: the *meaning* of a row comes from the table's header (which
column is the target, which years there are, which one is an estimate), and the same header
grammar (:func:`parse_header_cells`, :func:`parse_header_line`) reads a header cell and a
flattened header line alike. Rows are then read by cells where there are cells, and from the
right where the columns were flattened (the figures are the tail of the line, the verdict comes
after them, the unit and the name before them).

Each row becomes one ``table_row`` :class:`~chitieu.extract.facts.Fact` (CONTRACT): the name
restored from the catalogue, target, annual values, the document's aggregate and verdict, and
what the product's own rules (:mod:`chitieu.evaluate`) give from the same numbers, with the
computation spelt out. ``confidence`` says how sure the reading is (OCR repairs, columns that
did not line up, a name the catalogue did not recognise).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chitieu.extract.facts import DECIMAL_DOUBT, Fact, Period, Source
from chitieu.extract.quantities import format_number, parse_number
from chitieu.extract.units import normalize_unit
from chitieu.text.fold import fold, fold_ocr
from chitieu.text.lines import is_flattened_row
from chitieu.text.restore.layout import VERDICT_WORDS
from chitieu.text.syllables import is_vietnamese_syllable

if TYPE_CHECKING:
    from chitieu.pipeline import Document
    from chitieu.text.offsets import MappedText

__all__ = [
    "CellValue",
    "Column",
    "Header",
    "TableSpan",
    "extract_table_rows",
    "extract_tables",
    "normalise_status",
    "parse_cell",
    "parse_header_cells",
    "parse_header_line",
    "text_span_of_raw",
]

# Column roles
STT = "stt"
NAME = "name"
UNIT = "unit"
TARGET = "target"
YEAR = "year"
TERM = "term"
RATIO = "ratio"
STATUS = "status"
OTHER = "other"
VALUE_ROLES = (TARGET, YEAR, TERM, RATIO)

VUOT = "Vượt"
DAT = "Đạt"
KHONG_DAT = "Không đạt"
KHONG_DANH_GIA = "Không đánh giá"

# Confidence of a row read from each form, before penalties.
FORM_CONFIDENCE = {"table": 0.97, "pipe": 0.93, "flat": 0.85}
REPAIR_PENALTY = 0.08
SHIFT_PENALTY = 0.2
UNKNOWN_NAME_FACTOR = 0.85
MATCH_THRESHOLD = 0.6


# --------------------------------------------------------------------------------------------
# Header grammar
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of an evaluation table: its role and, for a year column, the year."""

    role: str
    label: str = ""
    year: int | None = None
    estimate: bool = False


@dataclass(frozen=True)
class Header:
    columns: tuple[Column, ...]

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role in VALUE_ROLES]

    @property
    def years(self) -> list[int]:
        return sorted({c.year for c in self.columns if c.role == YEAR and c.year is not None})

    @property
    def has_unit(self) -> bool:
        return any(c.role == UNIT for c in self.columns)

    def period(self) -> Period | None:
        """A term when the table spans years (or has a term column), else the one year."""
        years = self.years
        term_years = [c.year for c in self.columns if c.role == TERM and c.year]
        if len(years) >= 2:
            period = Period.term(min(years + term_years), max(years))
            named = [c.label for c in self.columns if c.role == TERM and c.year and c.label.startswith("nhiệm kỳ")]
            # a term the title names ("NHIỆM KỲ 2020-2025") is called as the document calls it
            return Period(period.start, period.end, named[0]) if named else period
        if len(years) == 1:
            if any(c.role == TERM for c in self.columns) and term_years and min(term_years) < years[0]:
                return Period.term(min(term_years), years[0])
            return Period.year(years[0])
        return None

    def is_evaluation_table(self) -> bool:
        roles = [c.role for c in self.columns]
        values = sum(1 for r in roles if r in (TARGET, YEAR, TERM))
        return (
            values >= 2
            and (YEAR in roles or TERM in roles)
            and (TARGET in roles or STATUS in roles)
            and not self.is_plan_with_baseline()
        )

    def is_plan_with_baseline(self) -> bool:
        """An annual plan table: "Thực hiện 2024 | Kế hoạch 2025" (and perhaps a comparison).

        The year column is the base the plan grows from, not a result judged against it; the
        targets are read by :mod:`chitieu.extract.targets`.
        """
        roles = [c.role for c in self.columns]
        targets = [c for c in self.columns if c.role == TARGET]
        years = [c for c in self.columns if c.role == YEAR]
        return (
            TERM not in roles
            and STATUS not in roles
            and len(targets) == 1
            and len(years) == 1
            and targets[0].year is not None
            and years[0].year == targets[0].year - 1
        )


# On fold_ocr text (lower case, no marks, "w" → "u", OCR "P/B" → "d"). Alternatives are tried
# left to right at each position, so the longer readings (a term column, a target "kế hoạch
# năm 2024") come before the bare year.
_YEAR = r"(?:19|20)\d{2}"
_HEADER_RE = re.compile(
    rf"""
    (?:(?P<term>(?:(?:uoc|du\ kien)\ (?:thuc\ hien\ |th\ |dat\ )?)?
        (?:ca\ nhiem\ ky|ca\ giai\ doan|tong\ (?:ca\ )?(?:nhiem\ ky|giai\ doan)|luy\ ke|
           binh\ quan(?:\ (?:ca\ )?(?:nhiem\ ky|giai\ doan))?|nhiem\ ky|giai\ doan)
        (?:\ (?:{_YEAR})\ ?[-–]\ ?(?:{_YEAR}))?)
    |(?P<target>(?:muc\ tieu|chi\ tieu\ (?:nq|nghi\ quyet|dai\ hoi|dh|ke\ hoach|kh)|
        ke\ hoach|nghi\ quyet|kh|nq)
        (?:\ (?:nam|den\ nam|giai\ doan|nhiem\ ky|dai\ hoi|dh|nq|giao))*
        (?:\ (?:{_YEAR})(?:\ ?[-–]\ ?(?:{_YEAR}))?)?)
    |(?P<ratio>so\ sanh|ty\ le\ (?:%\ )?(?:hoan\ thanh|so\ voi)|%\ (?:so\ voi\ )?(?:ke\ hoach|kh)|so\ voi)
    |(?P<year>(?P<est>(?:uoc|du\ kien|uoc\ tinh|so\ bo)(?:\ (?:thuc\ hien|th|dat))?\ )?
        (?:(?:thuc\ hien|th|ket\ qua)\ )?(?:nam\ |n\ )?(?P<y>{_YEAR}))
    |(?P<stt>stt|tt|so\ tt)
    |(?P<unit>don\ vi\ tinh|don\ vi|dvt|dv\ tinh|dv)
    |(?P<name>(?:ten\ )?chi\ tieu|noi\ dung|cac\ chi\ tieu)
    |(?P<status>ghi\ chu|danh\ gia|ket\ qua\ danh\ gia|muc\ do\ hoan\ thanh|tinh\ trang)
    )(?![a-z0-9])
    """.replace(r"\ ?", "\x00")
    .replace(r"\ ", r"\ +")
    .replace("\x00", r"\ ?"),
    re.VERBOSE,
)
_ESTIMATE_NEAR = re.compile(r"\b(?:uoc|du kien|uoc tinh|uac|uec)\b")


def _header_key(text: str) -> str:
    key = fold_ocr(text.replace("*", " "))
    key = re.sub(r"[().:,;]", " ", key)
    return " ".join(key.split())


def _columns_in(text: str) -> list[Column]:
    """Every column phrase in ``text`` (one header cell, or a flattened header line), in order."""
    key = _header_key(text)
    return [
        _column_of(m, key)
        for m in _HEADER_RE.finditer(key)
        if m.start() == 0 or not key[m.start() - 1].isalnum()
    ]


def classify_header_cell(text: str) -> Column:
    """The role of one header cell ("Ước 2025" → a year column, 2025, estimate)."""
    found = _columns_in(text)
    if not text.strip():
        return Column(OTHER, "")
    if not found:
        return Column(OTHER, text.strip())
    if len(found) == 1:
        return found[0]
    # a comparison names what it compares ("So với thực hiện 2024 (%)", "Tỷ lệ % so với kế
    # hoạch", "Kế hoạch 2025" over "So với TH 2024"): the figures are ratios, not plans or years
    if any(col.role == RATIO for col in found):
        return next(col for col in found if col.role == RATIO)
    # "Thực hiện 2021" after a merged "Thực hiện": the most specific phrase wins
    for role in (TERM, TARGET, YEAR, STATUS, UNIT, NAME, STT):
        for col in found:
            if col.role == role:
                return col
    return found[0]


def parse_header_cells(rows: Sequence[Sequence[str]]) -> Header | None:
    """The header of a table from its first rows (one or two header rows, merged cells empty).

    A group heading spanning several columns ("Thực hiện" over "2021 | 2022 | …") arrives as
    the heading in its first column and empty cells after it; the heading is carried right over
    the columns that have a sub-heading below.
    """
    if not rows:
        return None
    width = max(len(r) for r in rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    if len(grid) > 1:
        for r in range(len(grid) - 1):
            below = grid[r + 1]
            for c in range(1, width):
                if not grid[r][c].strip() and below[c].strip() and grid[r][c - 1].strip():
                    grid[r][c] = grid[r][c - 1]
    merged = [" ".join(grid[r][c] for r in range(len(grid)) if grid[r][c].strip()) for c in range(width)]
    header = Header(tuple(classify_header_cell(cell) for cell in merged))
    return header if header.is_evaluation_table() else None


def parse_header_line(line: str) -> Header | None:
    """The header of a table whose columns were flattened into one line of text."""
    found = find_flat_header(line)
    return found[0] if found else None


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellValue:
    """A figure cell: ``"<15"`` → value 15, comparator "<"; ``"9-10"`` → range 9..10."""

    value: float | None
    value_high: float | None = None
    comparator: str = "="
    text: str = ""
    repaired: str | None = None  # "581 → 58,1" when a dropped decimal comma was restored

    @property
    def empty(self) -> bool:
        return self.value is None


EMPTY = CellValue(None)
_EMPTY_CELLS = {"", "-", "–", "—", "x", "…", "...", "_", "/", "k", "kxđ"}
_SYMBOL_CMP = {"<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "<": "<", ">": ">", "~": "~", "≈": "~", "=": "="}
_WORD_CMP = (
    ("khong qua", "<="),
    ("toi da", "<="),
    ("toi thieu", ">="),
    ("it nhat", ">="),
    ("khoang", "~"),
    ("tren", ">"),
    ("hon", ">"),
    ("duoi", "<"),
    ("tu", ">="),
    ("dat", "="),
)
_NUM = r"[-−–+]?\d[\d.,]*"
_CELL_RE = re.compile(
    rf"^(?P<cmp><=|>=|[<>≤≥~≈=])?\s*(?P<a>{_NUM})(?:\s*(?:[-–—]|den|đến)\s*(?P<b>\d[\d.,]*))?\s*(?P<tail>.*)$"
)
_TAIL_OK = re.compile(r"^(?:%|‰|%o|tro len|trở lên|[^\d]{0,24})$")


def parse_cell(text: str) -> CellValue:
    """Read one figure cell as written: bounds, ranges, "Khoảng 5", "≥ 85", "60 trở lên"."""
    raw = text.replace("*", "").strip()
    if raw.lower() in _EMPTY_CELLS:
        return CellValue(None, text=raw)
    comparator = "="
    body = raw
    key = fold_ocr(raw)
    for word, cmp in _WORD_CMP:
        if key.startswith(word + " ") and key[len(word) + 1 : len(word) + 2].isdigit():
            comparator = cmp
            body = raw[len(word) + 1 :].lstrip()
            break
    m = _CELL_RE.match(body)
    if m is None:
        return CellValue(None, text=raw)
    tail = m.group("tail").strip()
    if tail and not _TAIL_OK.match(fold_ocr(tail)):
        return CellValue(None, text=raw)
    if m.group("cmp"):
        comparator = _SYMBOL_CMP[m.group("cmp")]
    a_text = m.group("a").replace("−", "-").replace("–", "-")
    if re.fullmatch(r"[-+]?0{2,}", a_text):
        return CellValue(None, text=raw)  # "00": no table writes zero so; a scan lost the figure's digits
    value = parse_number(a_text)
    if value is None:
        return CellValue(None, text=raw)
    if m.group("b") is not None:
        high = parse_number(m.group("b"))
        if high is None or high < value:
            return CellValue(None, text=raw)
        return CellValue(value, high, "range", raw)
    if "tro len" in fold_ocr(tail):
        comparator = ">="
    return CellValue(value, None, comparator, raw)


def _digits_only(text: str) -> bool:
    return bool(re.fullmatch(r"[-−–+]?\d+", text.strip().lstrip("<>≤≥~=").strip()))


def _decimals(text: str) -> int | None:
    m = re.search(r",(\d+)\s*$", text.strip())
    return len(m.group(1)) if m else None


def repair_dropped_commas(cells: dict[str, CellValue], aggregation: str) -> dict[str, CellValue]:
    """Restore decimal commas that OCR dropped ("581" for "58,1"), where the row proves it.

    A cell is repaired only when (1) it was written with digits alone, (2) other cells of the row
    carry a decimal comma with ``k`` decimals, and (3) the cell is about 10^k times the row's
    other figures. Cumulative rows compare their target and total with the sum of the years.
    Keys are "target", "term" and the years.
    """
    decimals = [d for c in cells.values() if c.value is not None and (d := _decimals(c.text))]
    if not decimals:
        return cells
    k_row = statistics.mode(decimals)
    years = {k: c for k, c in cells.items() if k.isdigit() and c.value is not None}
    out = dict(cells)
    for key, cell in cells.items():
        if (
            cell.value is None
            or cell.comparator == "range"
            or not _digits_only(cell.text)
            or abs(cell.value) < 10
        ):
            continue
        others = [
            abs(c.value)
            for k, c in years.items()
            if k != key and c.value is not None and not _digits_only(c.text)
        ]
        if not others:
            others = [abs(c.value) for k, c in years.items() if k != key and c.value is not None]
        if not others:
            continue
        ref = statistics.median(others)
        if not key.isdigit() and aggregation == "sum":
            ref = sum(abs(c.value) for c in years.values() if c.value is not None)
        if ref <= 0:
            continue
        ratio = math.log10(abs(cell.value) / ref)
        k = round(ratio)
        if k == k_row and k >= 1 and abs(ratio - k) < 0.35:
            fixed = cell.value / 10**k
            note = f"{cell.text} → {format_number(fixed, k)}"
            out[key] = CellValue(fixed, None, cell.comparator, cell.text, note)
    return out


# --------------------------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------------------------

_STATUS_PATTERNS = (
    (
        re.compile(r"\b(?:khong|chua) (?:duoc )?danh gia\b|\bkhong co so lieu\b|\bchua co so lieu\b|\bkdg\b"),
        KHONG_DANH_GIA,
    ),
    (re.compile(r"\b(?:khong|chua|k) ?(?:dat|hoan thanh)\b"), KHONG_DAT),
    (re.compile(r"\bvuot\b"), VUOT),
    (re.compile(r"\b(?:dat|hoan thanh)\b"), DAT),
)


def normalise_status(text: str | None) -> str | None:
    """The document's verdict, normalised: "Vuot" → Vượt, "Bat" → Đạt, "Khong dat" → Không đạt."""
    if not text:
        return None
    key = " " + " ".join(re.sub(r"[^a-z0-9 ]", " ", fold_ocr(text)).split()) + " "
    best: tuple[int, str] | None = None
    for pattern, status in _STATUS_PATTERNS:
        m = pattern.search(key)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), status)
    return best[1] if best else None


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


@dataclass
class RowReading:
    """What one row says, before it is judged and turned into a fact."""

    name: str
    unit: str | None
    cells: dict[str, CellValue]  # "target", "term", "ratio" and the years as "2021" …
    status_text: str
    form: str  # "table" | "pipe" | "flat"
    start: int
    end: int
    shifted: bool = False  # fewer figures than columns: placement was guessed
    notes: list[str] = field(default_factory=list)


def _key_of(col: Column) -> str:
    return str(col.year) if col.role == YEAR and col.year else col.role


def _read_cells(
    cells: Sequence[str], header: Header
) -> tuple[str, str | None, dict[str, CellValue], str] | None:
    """Name, unit, figures and verdict text of a row given as cells aligned to ``header``."""
    columns = list(header.columns)
    if len(cells) != len(columns):
        if len(cells) == len(columns) - 1 and columns and columns[0].role == STT:
            columns = columns[1:]
        else:
            return None
    name_parts: list[str] = []
    unit: str | None = None
    figures: dict[str, CellValue] = {}
    status: list[str] = []
    for col, cell in zip(columns, cells, strict=True):
        text = cell.strip()
        if col.role == NAME:
            name_parts.append(text)
        elif col.role == UNIT:
            unit = normalize_unit(text) or (text or None)
        elif col.role in VALUE_ROLES:
            figures[_key_of(col)] = parse_cell(text)
        elif col.role == STATUS:
            status.append(text)
    return " ".join(p for p in name_parts if p), unit, figures, " ".join(s for s in status if s)


# A cell's text: scanned tables leave their rules as bars and brackets ("11.607}", "[13.593"),
# and glue a figure to the verdict after it ("7.399Không"); both are cut apart.
_TOKEN_RE = re.compile(r"[-−–+<>≤≥]?\d[\d.,]*%?(?=[A-ZĐ][^\W\d_])|[^\s|\[\]{}]+")
_NUM_TOKEN = re.compile(r"^(?:<=|>=|[<>≤≥~≈])?[-−–+]?\d[\d.,]*(?:[-–]\d[\d.,]*)?(?:%|‰)?\)?$")
_CMP_TOKEN = re.compile(r"^(?:<=|>=|[<>≤≥~≈])$")
_DASH_TOKEN = re.compile(r"^[-–—x]$")
_LEADING_MARK = re.compile(r"^(?:\d{1,3}\.?|[ivxlc]{1,5}\.?|[a-zđ]\)|[-+•*–])$", re.IGNORECASE)
_CMP_WORDS_FOLDED = {w for w, _c in _WORD_CMP if w != "dat" and " " not in w}
_CMP_PAIRS = {tuple(w.split()) for w, _c in _WORD_CMP if " " in w}

# What OCR makes of a cell's rules and specks between figures: "17,23)13,06", "/219,9",
# "11,4.)", "11,7,"; a lone speck (".", ":") is no token at all.
_FIGURE = r"[<>≤≥]?\d(?:[\d.,]*\d)?(?:[-–]\d(?:[\d.,]*\d)?)?%?"
_GLUED_FIGURES = re.compile(rf"^/?(?:{_FIGURE})(?:[)!]+(?:{_FIGURE}))*[.,:;!)]*$")
_SPECK = re.compile(r"^[.,:;!'\"‘’“”_/\\()]+$")
# a figure with the verdict glued after it ("11.698héng", "10.13¥Vuot"), a unit before it ("%/nam7-7,5")
_FIGURE_THEN_WORD = re.compile(rf"^({_FIGURE})(?=\S*[^\W\d_]{{2}})")
_WORD_THEN_FIGURE = re.compile(rf"^(\D+?)({_FIGURE})$")


def cell_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """The tokens of a flattened table row (text, start, end), cut where OCR glued cells together.

    A row's cells are figures, a unit before them and a verdict after them; OCR reading the
    rules between cells writes brackets, slashes or nothing: figures glued by a rule are cut
    apart, specks after a figure dropped, a verdict or unit glued to a figure cut off it.
    """
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        token, at = m.group(0), m.start()
        if _SPECK.match(token):
            continue
        if _GLUED_FIGURES.match(token):
            out.extend((f.group(0), at + f.start(), at + f.end()) for f in re.finditer(_FIGURE, token))
            continue
        cut = _glue_cut(token)
        if cut is not None:
            out.extend([(token[:cut], at, at + cut), (token[cut:], at + cut, m.end())])
            continue
        out.append((token, at, m.end()))
    return out


def _glue_cut(token: str) -> int | None:
    """Where a figure and the word OCR glued to it part: a verdict after a figure that cannot be
    a letter misread ("11.698héng", not "1é"), or a unit before a figure ("%/nam7-7,5")."""
    glued = _FIGURE_THEN_WORD.match(token)
    if glued and (re.search(r"[.,%]", glued.group(1)) or len(glued.group(1)) >= 3):
        return glued.end(1)
    glued = _WORD_THEN_FIGURE.match(token)
    if glued and (normalize_unit(glued.group(1)) or normalize_unit(fold(glued.group(1)))):
        return glued.end(1)
    return None


def _read_flat(
    line: str, header: Header
) -> tuple[str, str | None, dict[str, CellValue], str, bool, int] | None:
    """Name, unit, figures and verdict of a row whose columns were flattened into ``line``.

    Read from the right: the verdict and notes follow the last figure, the figures are the
    run of numeric tokens before it (a comparator word or sign joins the figure after it, a
    lone dash is an empty cell), and the unit and name come before them.
    Returns also whether figures had to be placed by guess, and where the row's text ends.
    """
    tokens = cell_tokens(line)
    if not tokens:
        return None
    value_cols = header.value_columns
    wanted = len(value_cols)
    last_num = max((i for i, (t, _s, _e) in enumerate(tokens) if _NUM_TOKEN.match(t)), default=None)
    if last_num is None:
        return None
    # empty cells ("-") after the last figure are still cells, not the verdict
    while (
        last_num + 1 < len(tokens)
        and _DASH_TOKEN.match(tokens[last_num + 1][0])
        and tokens[last_num + 1][0] != "x"
    ):
        last_num += 1
    status_text = line[tokens[last_num][2] :].strip(" |")
    cells: list[str] = []
    i = last_num
    stopped_on_word = False
    while i >= 0 and len(cells) < wanted:
        tok = tokens[i][0]
        if _NUM_TOKEN.match(tok):
            text = tok
            j = i - 1
            if j >= 0 and _CMP_TOKEN.match(tokens[j][0]):
                text, j = tokens[j][0] + text, j - 1
            elif j >= 0 and fold_ocr(tokens[j][0]) in _CMP_WORDS_FOLDED:
                text, j = tokens[j][0] + " " + text, j - 1
            elif j >= 1 and (fold_ocr(tokens[j - 1][0]), fold_ocr(tokens[j][0])) in _CMP_PAIRS:
                text, j = tokens[j - 1][0] + " " + tokens[j][0] + " " + text, j - 2
            cells.append(text)
            i = j
        elif (
            _DASH_TOKEN.match(tok)
            and i - 1 >= 0
            and _NUM_TOKEN.match(tokens[i - 1][0])
            and cells
            and cells[-1]
            and (len(cells) + _count_numbers_left(tokens, i - 1) > wanted)
        ):
            # "9 - 10": a range written with spaces
            cells[-1] = tokens[i - 1][0] + "-" + cells[-1]
            i -= 2
        elif _DASH_TOKEN.match(tok):
            cells.append("")
            i -= 1
        else:
            stopped_on_word = True
            break
    cells.reverse()
    left = tokens[: i + 1]
    # leading list marker, then name and unit
    while left and _LEADING_MARK.match(left[0][0]) and len(left) > 1:
        left = left[1:]
    found_unit = _unit_at_end(line, left) if header.has_unit else None
    shifted = len(cells) < wanted
    if shifted:
        # a written (non-numeric) target stops the figures: they belong to the right-hand columns;
        # figures right after the unit start at the target, the missing ones are the last years
        pad = [""] * (wanted - len(cells))
        cells = (pad + cells) if stopped_on_word and found_unit is None else (cells + pad)
    figures = {_key_of(col): parse_cell(text) for col, text in zip(value_cols, cells, strict=True)}
    unit: str | None = None
    if found_unit is not None:
        unit, n = found_unit
        left = left[:-n]
    name = line[left[0][1] : left[-1][2]] if left else ""
    return name, unit, figures, status_text, shifted, len(line)


def _unit_at_end(line: str, left: list[tuple[str, int, int]]) -> tuple[str, int] | None:
    """The unit the name part of a flattened row ends with, and how many tokens it takes."""
    for n in range(min(4, len(left) - 1), 0, -1):
        candidate = line[left[-n][1] : left[-1][2]]
        # restored text may put the wrong marks on a unit ("Hà" for ha, "%ở/năm" for ‰/năm)
        found = normalize_unit(candidate) or normalize_unit(fold(candidate))
        if found:
            return found, n
    return None


def _count_numbers_left(tokens: list[tuple[str, int, int]], i: int) -> int:
    n = 0
    while i >= 0 and (_NUM_TOKEN.match(tokens[i][0]) or _DASH_TOKEN.match(tokens[i][0])):
        n += 1
        i -= 1
    return n


# --------------------------------------------------------------------------------------------
# Turning a row into a fact
# --------------------------------------------------------------------------------------------


@dataclass
class _Context:
    document: str
    text: str
    parent: str | None = None


def _match(name: str, unit: str | None, parent: str | None) -> tuple[str | None, str, float]:
    """(code, catalogue name, score) for a row's name, or (None, name as written, 0)."""
    from chitieu.catalog import match_indicator

    match_unit = (
        unit.split("/")[0] if unit and not unit.startswith(("bác sỹ", "giường", "tiêu chí")) else unit
    )
    found = match_indicator(name, match_unit, MATCH_THRESHOLD, parent=parent)
    if found is None and (kept := _readable_tail(name)):
        found = match_indicator(kept, match_unit, MATCH_THRESHOLD, parent=parent)
    if found is None:
        return None, name, 0.0
    return found.code, found.name, found.score


READABLE_TAIL_WORDS = 4


def _readable_tail(name: str) -> str:
    """The words of a row's name after the ones a scan garbled at its start ("trở\\ở:itutrya' rắn
    sinh hoạt đô thị được thu" → "rắn sinh hoạt đô thị được thu"), when enough are left to
    name an indicator; "" when nothing was garbled or too little is left."""
    words = name.split()
    start = 0
    while start < len(words) and not is_vietnamese_syllable(words[start].strip(",.;:()")):
        start += 1
    tail = words[start:]
    if start == 0 or len(tail) < READABLE_TAIL_WORDS:
        return ""
    return " ".join(tail)


def _catalogue_entry(code: str | None) -> Any:
    if not code:
        return None
    from chitieu.catalog import shipped_catalog

    return shipped_catalog().get(code)


def _is_parent(code: str | None) -> bool:
    if not code:
        return False
    from chitieu.catalog import shipped_catalog

    return bool(shipped_catalog().children(code))


def _row_fact(reading: RowReading, header: Header, ctx: _Context) -> Fact | None:
    from chitieu.evaluate.aggregate import aggregate
    from chitieu.evaluate.indicators import indicator_info
    from chitieu.evaluate.rules import Actual, Target, judge, judge_every_year, not_assessed
    from chitieu.evaluate.series import indicator_key
    from chitieu.extract.plausibility import is_share_label
    from chitieu.extract.row_commas import put_back_commas

    name = " ".join(reading.name.strip(" .:;-–*").split())
    if not name:
        return None
    code, label, score = _match(name, reading.unit, ctx.parent)
    info = indicator_info(indicator_key(code, label), label, reading.unit)
    aggregation = info.aggregation
    cells = repair_dropped_commas(reading.cells, aggregation)
    cells, commas = put_back_commas(cells, aggregation, reading.unit, is_share_label(label) or is_share_label(name))
    repaired = [c.repaired for c in cells.values() if c.repaired]
    unproven = [c.note() for c in commas if not c.proven]

    target_cell = cells.get(TARGET, EMPTY)
    term_cell = cells.get(TERM, EMPTY)
    year_keys = [k for k in cells if k.isdigit()]
    annual: dict[str, float | None] = {k: cells[k].value for k in year_keys}
    comparators = {k: cells[k].comparator for k in year_keys if cells[k].comparator in {"<", "<=", ">", ">="}}
    estimate_years = [int(c.year) for c in header.columns if c.role == YEAR and c.estimate and c.year]
    if (
        not any(v is not None for v in annual.values())
        and target_cell.empty
        and term_cell.empty
        and not reading.status_text
    ):
        return None

    period = header.period()
    official = normalise_status(reading.status_text)
    target_json = {
        "value": target_cell.value,
        "value_high": target_cell.value_high,
        "comparator": target_cell.comparator if target_cell.value is not None else None,
    }

    # the product's own reading of the same numbers
    years_int = {int(k): v for k, v in annual.items()}
    agg = aggregate(years_int, aggregation) if years_int else None
    computed_value = agg.value if agg else None
    target = Target(target_cell.value, target_cell.value_high, target_cell.comparator, reading.unit)
    entry = _catalogue_entry(code)
    rule_text: str
    if entry is not None and entry.direction is None:
        computed_status = None
        rule_text = "chỉ tiêu tổng hợp: đánh giá theo từng thành phần"
    elif unproven:
        verdict = not_assessed(f"số liệu có thể đã mất dấu phẩy thập phân: {'; '.join(unproven)}")
        computed_status, rule_text = verdict.status, verdict.rule
    elif entry is not None and getattr(entry, "annual", False) and target.value is not None and years_int:
        verdict = judge_every_year(
            target,
            {
                y: Actual(v, comparators.get(str(y), "="), y in estimate_years)
                for y, v in years_int.items()
                if v is not None
            },
            info.direction,
        )
        computed_status, rule_text = verdict.status, verdict.rule
    elif agg is None or computed_value is None:
        verdict = judge(target, Actual(None), info.direction)
        computed_status, rule_text = verdict.status, verdict.rule
    elif aggregation == "last" and years_int and years_int[max(years_int)] is None:
        verdict = not_assessed(f"{agg.computation}; thiếu giá trị năm cuối {max(years_int)}")
        computed_status, rule_text = verdict.status, verdict.rule
        computed_value = None
    elif any(v is None for v in years_int.values()) and years_int[max(years_int)] is None:
        # the term is not over in the row's own figures: an average or a total of the years
        # before is not the term's (the province itself writes "không đánh giá")
        missing = ", ".join(str(y) for y, v in sorted(years_int.items()) if v is None)
        verdict = not_assessed(f"{agg.computation}; thiếu số liệu năm {missing}, chưa đủ cả giai đoạn")
        computed_status, rule_text = verdict.status, verdict.rule
        computed_value = None
    else:
        last_key = str(max(y for y, v in years_int.items() if v is not None))
        actual_cmp = comparators.get(last_key, "=") if aggregation == "last" else "="
        estimate = any(y in estimate_years for y in years_int)
        verdict = judge(target, Actual(computed_value, actual_cmp, estimate), info.direction)
        computed_status = verdict.status
        rule_text = f"{agg.computation}; {verdict.rule}"

    confidence = FORM_CONFIDENCE[reading.form]
    confidence -= REPAIR_PENALTY * len(repaired)
    if reading.shifted:
        confidence -= SHIFT_PENALTY
    confidence *= score if code else UNKNOWN_NAME_FACTOR
    extra: dict[str, Any] = {
        "target": target_json,
        "annual": annual,
        "estimate_years": sorted(y for y in estimate_years if str(y) in annual),
        "term_value": term_cell.value,
        "official_status": official,
        "computed_status": computed_status,
        "computed_term_value": computed_value,
        "aggregation": aggregation,
        "rule": rule_text,
        "label_as_written": name,
        "table_form": reading.form,
    }
    if comparators:
        extra["annual_comparators"] = comparators
    if entry is not None and getattr(entry, "annual", False):
        extra["every_year"] = True  # "hằng năm": judged year by year, also by the evaluation engine
    if term_cell.value is not None and term_cell.comparator != "=":
        extra["term_comparator"] = term_cell.comparator
    if RATIO in cells and cells[RATIO].value is not None:
        extra["plan_ratio"] = cells[RATIO].value
    if reading.status_text and official is None:
        extra["note"] = reading.status_text
    if repaired:
        extra["repaired"] = repaired
    if unproven:
        extra[DECIMAL_DOUBT] = unproven
    if reading.shifted:
        extra["columns_guessed"] = True
    source_text = ctx.text[reading.start : reading.end]
    return Fact(
        kind="table_row",
        label=label,
        indicator=code,
        value=term_cell.value,
        value_high=term_cell.value_high,
        comparator=(term_cell.comparator if term_cell.value is not None else None),  # type: ignore[arg-type]
        unit=reading.unit,
        period=period,
        source=Source(ctx.document, reading.start, reading.end, source_text),
        confidence=round(max(0.05, min(1.0, confidence)), 3),
        extra=extra,
    )


def _heading_parent(name: str, unit: str | None) -> str | None:
    """A row without figures that names a composite ("Cơ cấu kinh tế") becomes the parent."""
    code, _label, _score = _match(name, unit, None)
    return code if _is_parent(code) else None


# --------------------------------------------------------------------------------------------
# Tables in text
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableSpan:
    """A structured table (cells) and the span of its rendering in the normalised text.

    ``row_spans`` are the rows' lines in the same text, in the order of ``rows`` (a table
    continued over pages has a page break and a page number between two of its rows); without
    them the rows are paired with the span's lines.
    """

    rows: list[list[str]]
    start: int
    end: int
    row_spans: list[tuple[int, int]] = field(default_factory=list)


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text[start:end]``, without the line break."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        a, b = pos, stop
        while a < b and text[a] in " \t":
            a += 1
        while b > a and text[b - 1] in " \t\r":
            b -= 1
        if b > a:
            out.append((a, b))
        pos = stop + 1
    return out


def _split_pipes(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    # Markdown edge pipes: "| a | b |"
    if (
        len(cells) > 2
        and cells[0] == ""
        and line.lstrip().startswith("|")
        and cells[-1] == ""
        and line.rstrip().endswith("|")
    ):
        cells = cells[1:-1]
    return cells


def _is_rule_line(line: str) -> bool:
    return bool(re.fullmatch(r"[\s|:\-–—=+]+", line))


def _header_rows(rows: list[list[str]]) -> tuple[Header, int] | None:
    """The header of a structured table and how many rows it takes (1 to 3)."""
    for n in (3, 2, 1):
        if len(rows) < n:
            continue
        head = rows[:n]
        # a second header row has no figures but years, or is empty under the first
        if n > 1 and any(_is_data_like(r) for r in head[1:]):
            continue
        header = parse_header_cells(head)
        if header is not None:
            return header, n
    return None


def _is_data_like(row: Sequence[str]) -> bool:
    """A row with a name and a figure that is not a year: a data row, not a header row."""
    figures = [c for c in row if parse_cell(c).value is not None]
    non_year = [c for c in figures if not re.fullmatch(r"(?:19|20)\d{2}", c.strip())]
    return bool(non_year)


def _read_structured(span: TableSpan, text: str, ctx: _Context) -> list[Fact]:
    kept = [i for i, r in enumerate(span.rows) if any(c.strip() for c in r)]
    rows = [span.rows[i] for i in kept]
    found = _header_rows(rows)
    if found is None:
        return []
    header, n = found
    if len(span.row_spans) == len(span.rows):
        lines = [span.row_spans[i] for i in kept]
    else:
        lines = [ln for ln in _lines(text, span.start, span.end) if not _is_rule_line(text[ln[0] : ln[1]])]
    paired = len(lines) == len(rows)
    facts: list[Fact] = []
    ctx.parent = None
    for i, row in enumerate(rows[n:], start=n):
        start, end = lines[i] if paired else (span.start, span.end)
        read = _read_cells(row, header)
        if read is None:
            flat = _read_flat(" ".join(c for c in row if c.strip()), header)
            if flat is None:
                continue
            name, unit, figures, status, shifted, _ = flat
            reading = RowReading(name, unit, figures, status, "flat", start, end, shifted)
        else:
            name, unit, figures, status = read
            reading = RowReading(name, unit, figures, status, "table", start, end)
        _emit(reading, header, ctx, facts)
    return facts


# a row that opens with a number of its own ("4 | Tốc độ …", "12 Tỷ lệ …") or a dash, not a "+"
_TOP_LEVEL_ROW = re.compile(r"^[\s|]*(?:\d{1,3}\s*[.)|\]]?|[-–])\s+\S")
# the row's number alone on the line above its name (a PDF cell whose name wraps: "4\nTốc độ …")
_NUMBER_LINE_ABOVE = re.compile(r"(?:^|\n)[\s|]*\d{1,3}\s*[.)]?[ \t]*\n[ \t]*$")


def _is_top_level(text: str, start: int, end: int) -> bool:
    return bool(_TOP_LEVEL_ROW.match(text[start:end]) or _NUMBER_LINE_ABOVE.search(text[max(0, start - 12) : start]))


def _emit(reading: RowReading, header: Header, ctx: _Context, facts: list[Fact]) -> None:
    if ctx.parent and _is_top_level(ctx.text, reading.start, reading.end):
        ctx.parent = None  # the parts of a composite ("+ Dịch vụ") end at the next numbered row
    has_figures = any(c.value is not None for c in reading.cells.values())
    if not has_figures and not normalise_status(reading.status_text):
        if reading.name.strip():
            ctx.parent = _heading_parent(reading.name, reading.unit) or (
                None if re.match(r"^\s*(?:[IVX]+|[A-Z])[.)\s]", reading.name) else ctx.parent
            )
        return
    fact = _row_fact(reading, header, ctx)
    if fact is not None:
        facts.append(fact)
        if fact.indicator and _is_parent(fact.indicator):
            ctx.parent = fact.indicator


_MAX_GAP_LINES = 3
_MAX_ROW_CHARS = 400
# a flattened table ends where this many tokens pass without a row of figures
_MAX_GAP_TOKENS = 60


def _read_text_tables(text: str, ctx: _Context, skip: list[tuple[int, int]]) -> list[Fact]:
    """Tables written in the text itself: pipe rows, or rows with the columns flattened."""
    facts: list[Fact] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        a, b = lines[i]
        if _inside(a, skip):
            i += 1
            continue
        header, used = _pipe_header_at(text, lines, i)
        if header is not None and _cells_collapsed(text, lines[i + used :], header):
            # a header OCR read cell by cell over rows whose cells it ran together
            j = _region_end(text, lines, i + used, skip)
            ctx.parent = None
            read_flat_region(text, lines[i + used][0], lines[j - 1][1], header, ctx, facts)
            i = j
            continue
        if header is not None:
            i = _read_pipe_rows(text, lines, i + used, header, ctx, skip, facts)
            continue
        found = find_flat_header(text[a:b]) if len(text[a:b]) <= 2 * _MAX_ROW_CHARS else None
        if found is None:
            i += 1
            continue
        header, header_end = found
        region_start = a + header_end
        if i + 1 < len(lines):
            below = text[lines[i + 1][0] : lines[i + 1][1]]
            with_years = _with_year_line(header, below)
            if with_years is not None:
                header, region_start = with_years, lines[i + 1][1]
        j = _region_end(text, lines, i + 1, skip)
        ctx.parent = None
        read_flat_region(text, region_start, lines[j - 1][1], header, ctx, facts)
        i = j
    return facts


def _region_end(text: str, lines: list[tuple[int, int]], j: int, skip: list[tuple[int, int]]) -> int:
    """The line where the table whose rows start at line ``j`` ends: the next header, or text read before."""
    while j < len(lines) and not _inside(lines[j][0], skip):
        la, lb = lines[j]
        if _pipe_header_at(text, lines, j)[0] is not None or find_flat_header(text[la:lb]) is not None:
            break
        j += 1
    return j


def _cells_collapsed(text: str, lines: list[tuple[int, int]], header: Header) -> bool:
    """Whether most of the first rows under a pipe header have fewer or more cells than it has
    columns: OCR ran their cells together ("… 7,05 | 6,62Khony"), so they are read as flattened
    rows, with what each wrapped onto the lines under it."""
    fits = [len(_split_pipes(text[a:b])) == len(header.columns) for a, b in lines[:12] if is_flattened_row(text[a:b])][:5]
    return bool(fits) and 2 * sum(fits) < len(fits)


_YEAR_LINE = re.compile(r"^[\s|]*(?:(?:19|20)\d{2}[\s|]+){1,}(?:19|20)\d{2}[\s|]*$")


def _with_year_line(header: Header, line: str) -> Header | None:
    """A flattened two-row header: the years of a merged "Thực hiện các năm" on the line below.

    In the table the years sit under a heading spanning their columns; flattened, the heading
    stays in the first line and "2021 2022 2023 2024" comes alone on the next. The years are
    the columns right after the target (before "Ước 2025", the term and the verdict).
    """
    if not _YEAR_LINE.match(line):
        return None
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", line)]
    if any(y in header.years for y in years):
        return None
    return Header(tuple(_insert_group_years(list(header.columns), [Column(YEAR, str(y), y) for y in years])))


def _insert_group_years(columns: list[Column], years: list[Column]) -> list[Column]:
    """``columns`` with the years of a merged group heading put right after the target."""
    targets = [n for n, c in enumerate(columns) if c.role == TARGET]
    if targets:
        at = targets[-1] + 1
    else:
        at = next((n for n, c in enumerate(columns) if c.role in (YEAR, TERM)), len(columns))
    return columns[:at] + years + columns[at:]


def _second_row_years_moved(columns: list[Column]) -> list[Column]:
    """A two-row header flattened into one line: the sub-heading years moved under their group.

    "… Mục tiêu | Thực hiện các năm | Ước 2025 | Ước cả nhiệm kỳ | Đánh giá" over
    "2021 | 2022 | 2023 | 2024" reads, once the lines are joined, as years *after* the verdict
    column. Years of a table rise from left to right and come before the term and the verdict,
    so a closing run of plain years after a verdict, a term or a later year is the second row.
    """
    n = len(columns)
    k = n
    while k > 0 and columns[k - 1].role == YEAR and not columns[k - 1].estimate:
        k -= 1
    run = columns[k:]
    if len(run) < 2 or k == 0:
        return columns
    before = columns[:k]
    first_year = min(c.year or 0 for c in run)
    misplaced = any(
        c.role in (STATUS, TERM) or (c.role == YEAR and c.year is not None and c.year > first_year)
        for c in before
    )
    return _insert_group_years(before, run) if misplaced else columns


def _read_pipe_rows(
    text: str,
    lines: list[tuple[int, int]],
    i: int,
    header: Header,
    ctx: _Context,
    skip: list[tuple[int, int]],
    facts: list[Fact],
) -> int:
    ctx.parent = None
    gap = 0
    while i < len(lines) and gap <= _MAX_GAP_LINES:
        a, b = lines[i]
        line = text[a:b]
        if _inside(a, skip) or len(line) > _MAX_ROW_CHARS or _pipe_header_at(text, lines, i)[0] is not None:
            break
        if _is_rule_line(line):
            i += 1
            continue
        reading = _read_pipe_row(line, header, a) if "|" in line else None
        if reading is None:
            gap += 1
            i += 1
            continue
        gap = 0
        _emit(reading, header, ctx, facts)
        i += 1
    return i


def _pipe_header_at(text: str, lines: list[tuple[int, int]], i: int) -> tuple[Header | None, int]:
    """A header of pipe cells starting at line ``i`` (one line, or two with the years below)."""
    a, b = lines[i]
    line = text[a:b]
    if "|" not in line or len(line) > _MAX_ROW_CHARS:
        return None, 0
    first = _split_pipes(line)
    rows = [first]
    if i + 1 < len(lines):
        nxt = text[lines[i + 1][0] : lines[i + 1][1]]
        if "|" in nxt and not _is_rule_line(nxt):
            second = _split_pipes(nxt)
            if len(second) == len(first) and not _is_data_like(second):
                rows.append(second)
    found = _header_rows(rows)
    if found is None or not any(c.role == NAME for c in found[0].columns):
        return None, 0
    return found


def _read_pipe_row(line: str, header: Header, offset: int) -> RowReading | None:
    cells = _split_pipes(line)
    read = _read_cells(cells, header)
    if read is not None:
        name, unit, figures, status = read
        return RowReading(name, unit, figures, status, "pipe", offset, offset + len(line))
    flat = _read_flat(" ".join(c for c in cells if c), header)
    if flat is None:
        return RowReading(" ".join(c for c in cells if c), None, {}, "", "pipe", offset, offset + len(line))
    name, unit, figures, status, shifted, _ = flat
    return RowReading(name, unit, figures, status, "pipe", offset, offset + len(line), shifted)


def find_flat_header(line: str) -> tuple[Header, int] | None:
    """A flattened header inside ``line`` and where it ends (rows may follow on the same line).

    The header starts at the last indicator column ("STT Chỉ tiêu" / "Chỉ tiêu") from which a
    run of column phrases makes an evaluation header, so a title merged in front of it ("… các
    chỉ tiêu … giai đoạn 2021-2025 STT Chỉ tiêu …") is not read as columns; it ends at the last
    column phrase of the run.
    """
    from chitieu.text.fold import fold_ocr_with_map

    folded, origin = fold_ocr_with_map(line)
    if "chi tieu" not in folded and "noi dung" not in folded:
        return None
    key = re.sub(r"[().:,;]", " ", folded)
    phrases = [
        (m, _column_of(m, key))
        for m in _HEADER_RE.finditer(key)
        if m.start() == 0 or not key[m.start() - 1].isalnum()
    ]
    for s in reversed([n for n, (_m, c) in enumerate(phrases) if c.role == NAME]):
        found = _header_run(phrases, s)
        if found is not None:
            header, run_end = found
            return header, origin[run_end - 1] + 1
    return None


def _header_run(phrases: list[tuple[re.Match[str], Column]], s: int) -> tuple[Header, int] | None:
    """The header whose indicator column is phrase ``s``, and where its last phrase ends."""
    if s > 0 and phrases[s - 1][1].role == STT and phrases[s][0].start() - phrases[s - 1][0].end() <= 3:
        s -= 1
    run = [phrases[s]]
    columns = [phrases[s][1]]
    for m, col in phrases[s + 1 :]:
        gap = m.start() - run[-1][0].end()
        if gap > 25:
            break
        if col.role == TARGET and columns[-1].role == TARGET and gap <= 1:
            # "Mục tiêu Nghị quyết", "Chỉ tiêu NQ Đại hội": one column named in two phrases
            columns[-1] = Column(TARGET, f"{columns[-1].label} {col.label}", col.year or columns[-1].year)
        else:
            columns.append(col)
        run.append((m, col))
    header = Header(tuple(_second_row_years_moved(_split_swallowed_year(columns))))
    if not header.years or not header.is_evaluation_table():
        return None
    return header, run[-1][0].end()


def _split_swallowed_year(columns: list[Column]) -> list[Column]:
    """ "Mục tiêu NQ Năm 2021 Năm 2022 …" flattened: the first year is a column, not the target's."""
    out: list[Column] = []
    for n, col in enumerate(columns):
        nxt = columns[n + 1] if n + 1 < len(columns) else None
        if (
            col.role == TARGET
            and col.year
            and nxt is not None
            and nxt.role == YEAR
            and nxt.year == col.year + 1
        ):
            label = re.sub(rf"\s*(?:nam\s+)?{col.year}$", "", col.label)
            out.extend([Column(TARGET, label), Column(YEAR, str(col.year), col.year)])
        else:
            out.append(col)
    return out


_PART_YEAR_BEFORE = re.compile(
    r"(?:(?<![0-9])[0-9]{1,2} +thang(?: +(?:dau|cuoi))?|quy +(?:[ivx]+|[1-4])|thang +[0-9]{1,2}) *$"
)


def _column_of(m: re.Match[str], key: str) -> Column:
    role = m.lastgroup or OTHER
    label = m.group(0)
    if m.group("year") is not None:
        if _PART_YEAR_BEFORE.search(key, 0, m.start()):
            # "Ước thực hiện 9 tháng năm 2024": a part of the year, read by the actuals of a report
            return Column(OTHER, label)
        before = key[max(0, m.start() - 12) : m.start()]
        estimate = m.group("est") is not None or bool(_ESTIMATE_NEAR.search(before))
        return Column(YEAR, label, int(m.group("y")), estimate)
    years = [int(y) for y in re.findall(_YEAR, label)]
    year = years[-1] if years else None
    return Column(role, label, year, role == TERM and label.startswith(("uoc", "du kien")))


# --- flattened rows ---------------------------------------------------------------------------

_VERDICT_WORDS = (
    ("khong", "danh", "gia"),
    ("chua", "danh", "gia"),
    ("khong", "hoan", "thanh"),
    ("khong", "dat"),
    ("chua", "dat"),
    ("hoan", "thanh"),
    ("vuot",),
    ("dat",),
)
_ROMAN = re.compile(r"^(?:[IVX]{1,5})\.?$")
_STT_TOKEN = re.compile(r"^(?:\d{1,3}\.?|[a-zđ]\)|[IVX]{1,5}\.?)$")
_MARK_TOKEN = re.compile(r"^[-+•–]$")


@dataclass
class Token:
    text: str
    start: int
    end: int
    key: str
    newline_before: bool


def tokens_of(text: str, start: int, end: int) -> list[Token]:
    out = []
    prev_end = start
    for token, a, b in cell_tokens(text, start, end):
        out.append(
            # a stray cell bar ("… xã hội | 5 Tỷ lệ …") breaks a flattened line like a newline
            Token(token, a, b, fold_ocr(token), bool(re.search(r"[\n|]", text[prev_end:a])))
        )
        prev_end = b
    return out


def figure_length(toks: list[Token], i: int) -> int:
    """How many tokens the figure starting at ``i`` takes (0 if none): "4,20", "< 15", "Khoảng 13"."""
    tok = toks[i].text
    if _NUM_TOKEN.match(tok) or (_DASH_TOKEN.match(tok) and tok != "x"):
        return 1
    if (
        i + 1 < len(toks)
        and _NUM_TOKEN.match(toks[i + 1].text)
        and (_CMP_TOKEN.match(tok) or toks[i].key in _CMP_WORDS_FOLDED)
    ):
        return 2
    if (
        i + 2 < len(toks)
        and _NUM_TOKEN.match(toks[i + 2].text)
        and (toks[i].key, toks[i + 1].key) in _CMP_PAIRS
    ):
        return 3
    return 0


def verdict_length(toks: list[Token], i: int) -> int:
    """How many tokens the verdict starting at ``i`` takes (0 if none)."""
    for words in _VERDICT_WORDS:
        n = len(words)
        if i + n <= len(toks) and tuple(re.sub(r"[^a-z]", "", t.key) for t in toks[i : i + n]) == words:
            return n
    return 0


def read_flat_region(
    text: str,
    start: int,
    end: int,
    header: Header,
    ctx: _Context,
    facts: list[Fact],
    header_lines: Sequence[tuple[int, int]] = (),
) -> None:
    """Rows of a flattened table in ``text[start:end]``, even when several rows share a line.

    A row is: name words (with their list marker), the unit, a block of figures, and the
    verdict. A block is a run of figures at least as long as most of the value columns; the
    verdict (if any) right after it closes the row, and the next row starts there.
    ``header_lines``: the header repeated on a new page between two rows, never part of a name.
    """
    toks = tokens_of(text, start, end)
    rows = _flat_row_blocks(toks, len(header.value_columns))
    header = _calibrated(header, [items for _s, _f, _e, items in rows])
    skipped = list(header_lines)
    pending: RowReading | None = None
    carried: int | None = None
    for row_start, figures_at, row_end, _items in rows:
        if _inside(toks[figures_at].start, skipped):
            # the years of a header repeated on a new page: what came before them is still read
            carried = row_start if carried is None else carried
            continue
        if carried is not None:
            row_start, carried = carried, None
        gap = _Gap.between(text, toks, row_start, figures_at, skipped, pending is not None and _opened(pending))
        if pending is not None:
            _extend(pending, gap)
            _emit(pending, header, ctx, facts)
            pending = None
        for judged in gap.judged_rows:
            _emit(judged, header, ctx, facts)
        if gap.group_heading:
            ctx.parent = None
        if gap.parent_line is not None:
            ctx.parent = _heading_parent(gap.parent_line, None) or ctx.parent
        first = _row_name_start(toks, gap.name_start, figures_at, ctx)
        while first < figures_at - 1 and _inside(toks[first].start, skipped):
            first += 1
        span_start, span_end = toks[first].start, toks[row_end - 1].end
        flat = _read_flat(text[span_start:span_end], header)
        if flat is not None:
            name, unit, figures, status, shifted, _ = flat
            if gap.opener and not normalise_status(status):
                status = f"{gap.opener} {status}".strip()
                span_start = min(span_start, gap.opener_start)
            pending = RowReading(name, unit, figures, status, "flat", span_start, span_end, shifted)
    if pending is not None:
        # the lines under the last row, where its name and verdict may end ("hằng năm đạt")
        after = end
        for _line in range(_MAX_GAP_LINES):
            after = text.find("\n", after + 1)
            if after < 0:
                after = len(text)
                break
        below = toks + tokens_of(text, end, after)
        _extend(pending, _Gap.between(text, below, rows[-1][2], len(below), skipped, _opened(pending)))
        _emit(pending, header, ctx, facts)


_VERDICT_KEYS = frozenset(VERDICT_WORDS)  # the verdict column's words, folded
OPENER_KEYS = frozenset({"khong", "chua"})  # a verdict's first word, that a wrapped cell leaves alone
# a group heading row, folded: "Các chỉ tiêu về kinh tế", "II. Chỉ tiêu về môi trường" (I may be l)
GROUP_HEADING = re.compile(r"^(?:[ivxl1]+\s*[.|]?\s*)?(?:cac\s+)?chi\s+tieu\s+ve\b")


@dataclass
class _Gap:
    """What stands between one flattened row's figures and the next row's own line.

    In a scanned table a cell taller than its row's figures wraps above and below them: the end
    of a name ("hợp vệ sinh") comes on the line under its row, a verdict cell's first word
    ("Không") on the line above the row and the rest ("đánh giá") under it. Read line by line:
    lines opening in small letters continue the row above; a group heading ("Các chỉ tiêu về
    văn hóa, xã hội") or a list's lead-in ending in a colon stands apart; scraps of one- and
    two-letter OCR debris belong to no one; the row's own name starts after all these.
    """

    name_start: int  # token index where the next row's name may begin
    continuation: list[Token] = field(default_factory=list)  # words of the row above
    closer: str = ""  # the end of the row above's verdict ("đánh giá")
    closer_end: int = 0  # where it ends in the text
    opener: str = ""  # the start of the next row's verdict ("Không")
    opener_start: int = 0
    parent_line: str | None = None  # a lead-in ("Tỷ lệ huy động học sinh … đến trường:")
    group_heading: bool = False
    judged_rows: list[RowReading] = field(default_factory=list)  # rows with a verdict and no figures

    @classmethod
    def between(
        cls,
        text: str,
        toks: list[Token],
        row_start: int,
        figures_at: int,
        skipped: list[tuple[int, int]],
        opened: bool = False,
    ) -> _Gap:
        """``opened``: the row above ends in a verdict's first word, its rest may end a line below.

        ``figures_at`` past the last token: the lines after the table's last row (a few, read
        for what that row wrapped under it).
        """
        gap = cls(row_start)
        lines = _physical_lines(text, toks, row_start, figures_at)
        if figures_at >= len(toks):
            lines = lines[: _MAX_GAP_LINES + 1]
        elif lines and lines[-1][1] == figures_at:
            lines.pop()  # the row's own line, read with its figures
        continuing = True
        judged_with_next = False
        for n, (a, b) in enumerate(lines):
            if judged_with_next:
                judged_with_next = False
                continue
            if n == 0 and row_start > 0 and "\n" not in text[toks[row_start - 1].end : toks[a].start]:
                # the rest of the row above's own line: its verdict's first word ("… 2 2 Không")
                _rest, verdict = _verdict_tail(toks[a:b])
                if verdict and not _rest:
                    gap.closer, gap.closer_end = _verdict_text(verdict), verdict[-1].end
                opened = opened or _opens(verdict)
                gap.name_start = b
                continue
            words = [t for t in toks[a:b] if not _inside(t.start, skipped)]
            if not words:
                gap.name_start = b
                continue
            closing = opened and continuing and normalise_status(gap.closer) is None
            words, verdict = _verdict_tail(words, closing=closing)
            line = " ".join(t.text for t in words)
            key = fold_ocr(line)
            # the rest of the verdict above, under a name that goes on in capitals ("GRDP bình quân đạt")
            closes_above = closing and _keys(verdict) in _CLOSER_KEYS and not _STT_TOKEN.match(words[0].text if words else "")
            if verdict and words and not closes_above and not _is_debris(words) and not words[0].text[:1].islower():
                status = _verdict_text(verdict)
                if normalise_status(status) is not None:
                    # a row of its own judged without figures ("Cơ cấu kinh tế … Không đạt")
                    gap.judged_rows.append(RowReading(line, None, {}, status, "flat", words[0].start, toks[b - 1].end))
                    continuing, gap.name_start = False, b
                    continue
            if _opens(verdict) and words and not words[0].text[:1].islower() and not _is_debris(words) and n + 1 < len(lines):
                # a row of its own, its verdict wrapped with its name ("Cơ cấu kinh tế đến năm Không"
                # / "2025 đạt")
                below, closer = _verdict_tail(toks[lines[n + 1][0] : lines[n + 1][1]], closing=True)
                if _keys(closer) in _CLOSER_KEYS and len(below) <= 3:
                    name = " ".join(t.text for t in [*words, *below])
                    status = f"{_verdict_text(verdict)} {_verdict_text(closer)}"
                    gap.judged_rows.append(RowReading(name, None, {}, status, "flat", words[0].start, closer[-1].end))
                    continuing, gap.name_start, judged_with_next = False, lines[n + 1][1], True
                    continue
            if verdict:
                if _opens(verdict) and not (continuing and gap.closer):
                    gap.opener, gap.opener_start = _verdict_text(verdict), verdict[0].start
                elif continuing and normalise_status(gap.closer) is None:
                    gap.closer = f"{gap.closer} {_verdict_text(verdict)}".strip()
                    gap.closer_end = verdict[-1].end
            if not words or _is_debris(words):
                gap.name_start = b
                continue
            if GROUP_HEADING.match(key):
                # a row may start on the heading's line ("IV Chỉ tiêu về xây dựng Đảng 12 Tỷ lệ …")
                gap.group_heading, continuing, gap.name_start = True, False, _numbered_row_in(toks, a, b) or b
            elif line.rstrip().endswith(":"):
                gap.parent_line, continuing, gap.name_start = line.rstrip(" :"), False, b
            elif continuing and (words[0].text[:1].islower() or closes_above):
                gap.continuation.extend(words)
                gap.name_start = b
            else:
                continuing = False
                if gap.name_start < a:
                    break
                gap.name_start = a
                break
        return gap


def _numbered_row_in(toks: list[Token], a: int, b: int) -> int | None:
    """Where a numbered row starts inside a heading's line (its number, then a capital), if it does."""
    for k in range(a + 1, b):
        if _STT_TOKEN.match(toks[k].text) and (k + 1 == b or toks[k + 1].text[:1].isupper()):
            return k
    return None


def _physical_lines(text: str, toks: list[Token], a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges of the text lines from token ``a`` up to the line holding token ``b``."""
    lines: list[tuple[int, int]] = []
    start = a
    for k in range(a + 1, min(b + 1, len(toks))):
        if "\n" in text[toks[k - 1].end : toks[k].start]:
            lines.append((start, k))
            start = k
    if start < len(toks) and start <= b:
        lines.append((start, b if b < len(toks) else len(toks)))
    return [(x, y) for x, y in lines if y >= x]


def _opened(reading: RowReading) -> bool:
    """A row whose verdict is only its first word so far ("Không" of "Không đạt")."""
    keys = re.sub(r"[^a-z ]", " ", fold_ocr(reading.status_text)).split()
    return bool(keys) and keys[-1] in OPENER_KEYS and normalise_status(reading.status_text) is None


def _verdict_tail(words: list[Token], closing: bool = False) -> tuple[list[Token], list[Token]]:
    """A line's words without the verdict words wrapped at its end, and those verdict words.

    ``closing``: the row above waits for its verdict's last words ("đạt" after "Không"), which
    may end a line that also carries the end of its name ("bình quân đạt").
    """
    end = len(words)
    while end > 0 and not re.search(r"[^\W\d_]", words[end - 1].text):
        end -= 1  # debris after the cell ("Không 0,")
    k = end
    while k > 0 and verdict_key(words[k - 1]) in _VERDICT_KEYS:
        k -= 1
    tail = _keys(words[k:end])
    closer = closing and tail in _CLOSER_KEYS
    if not tail or not (closer or tail[0] in OPENER_KEYS or tail[:2] == ["danh", "gia"] or len(tail) == len(words)):
        if closing:
            # the cell's last word between the name's words, where the line under it was joined on
            # ("xuất nhập khẩu bình đạt" + "quân")
            inside = [i for i in range(1, end) if verdict_key(words[i]) == "dat"]
            if inside:
                i = inside[-1]
                return words[:i] + words[i + 1 :], [words[i]]
        return words, []
    return words[:k], words[k:end]


_CLOSER_KEYS = (["dat"], ["danh", "gia"], ["hoan", "thanh"])


def _keys(words: list[Token]) -> list[str]:
    return [verdict_key(t) for t in words]


def verdict_key(token: Token) -> str:
    """A token's folded letters, as the verdict words are known by ("[Không" → khong)."""
    return re.sub(r"[^a-z]", "", token.key)


def _opens(words: list[Token]) -> bool:
    """The first word of a verdict alone ("Không" of "Không đạt", its rest wrapped elsewhere)."""
    return len(words) == 1 and verdict_key(words[0]) in OPENER_KEYS


_SPELLED = {key: word.lower() for key, word in VERDICT_WORDS.items()}


def _verdict_text(words: list[Token]) -> str:
    return " ".join(_SPELLED[k] for k in _keys(words))


def _is_debris(words: list[Token]) -> bool:
    """OCR's scraps of a cell's borders and marks: mostly one- and two-letter pieces."""
    letters = [re.sub(r"[\W\d_]", "", t.text) for t in words]
    short = sum(1 for w in letters if len(w) <= 2)
    return short * 3 >= 2 * len(words) and len(words) <= 8


def _extend(reading: RowReading, gap: _Gap) -> None:
    """The row above completed with its name's last words and its verdict's, wrapped below it;
    its source then runs to the last of them."""
    if gap.continuation:
        reading.name = f"{reading.name} {' '.join(t.text for t in gap.continuation)}"
        reading.end = max(reading.end, gap.continuation[-1].end)
    if gap.closer and not normalise_status(reading.status_text):
        reading.status_text = f"{reading.status_text} {gap.closer}".strip()
        reading.end = max(reading.end, gap.closer_end)


def _flat_row_blocks(toks: list[Token], wanted: int) -> list[tuple[int, int, int, int]]:
    """(row start, first figure, row end, figures) of each row, as token indices."""
    min_block = max(2, wanted - 2)
    rows: list[tuple[int, int, int, int]] = []
    row_start = 0
    i = 0
    since_row = 0
    while i < len(toks):
        # a block of figures starting here?
        j, items = i, 0
        while j < len(toks):
            n = figure_length(toks, j)
            if n == 0:
                break
            j += n
            items += 1
        if items < min_block or i == row_start:
            i = max(i + 1, j if items and i == row_start else i + 1)
            since_row += 1
            if since_row > _MAX_GAP_TOKENS:
                break
            continue
        block_end = j
        verdict = verdict_length(toks, block_end)
        if (
            verdict == 0
            and items > wanted
            and _STT_TOKEN.match(toks[block_end - 1].text)
            and block_end < len(toks)
        ):
            block_end -= 1  # the next row's number
            items -= 1
        row_end = block_end + verdict
        if verdict and row_end < len(toks) and toks[row_end].text.startswith("("):
            while row_end < len(toks) and not toks[row_end - 1].text.endswith(")"):
                row_end += 1
        rows.append((row_start, i, row_end, items))
        row_start = i = row_end
        since_row = 0
    return rows


def _calibrated(header: Header, block_sizes: list[int]) -> Header:
    """A header whose target column OCR destroyed ("Mue tiéu"), restored from the rows.

    When most rows carry exactly one figure more than the header has value columns and the
    header has no target column, the extra figure is the target, before the first year.
    """
    if not block_sizes or any(c.role == TARGET for c in header.columns):
        return header
    most = max(set(block_sizes), key=block_sizes.count)
    if most != len(header.value_columns) + 1 or block_sizes.count(most) * 2 < len(block_sizes):
        return header
    columns = list(header.columns)
    at = next((n for n, c in enumerate(columns) if c.role in VALUE_ROLES), len(columns))
    columns.insert(at, Column(TARGET, "(suy ra từ các dòng)"))
    return Header(tuple(columns))


def _row_name_start(toks: list[Token], row_start: int, figures_at: int, ctx: _Context) -> int:
    """Where a row's name begins, dropping a group heading that ran into it.

    Cut points are a list marker ("4", "II", "-", "a)") that follows a line break or a
    heading in capitals, and a line break after a heading line. The dropped part, when it
    names a composite ("Cơ cấu kinh tế"), becomes the parent of the rows that follow.
    """
    first = row_start
    for k in range(row_start + 1, figures_at):
        tok = toks[k]
        nxt = toks[k + 1] if k + 1 < figures_at else None
        before = toks[row_start:k]
        heading_before = len(before) >= 2 and all(_is_heading_word(t.text) for t in before[-2:])
        roman_before = bool(before) and all(_ROMAN.match(t.text) or _is_heading_word(t.text) for t in before)
        marker = bool(_STT_TOKEN.match(tok.text) or _MARK_TOKEN.match(tok.text))
        followed_by_word = nxt is not None and nxt.text[:1].isalpha() and nxt.text[:1].isupper()
        after_break = (
            tok.newline_before or heading_before or roman_before or bool(_MARK_TOKEN.match(tok.text))
        )
        if (marker and followed_by_word and after_break) or (tok.newline_before and heading_before):
            first = k
    if first > row_start:
        dropped = " ".join(t.text for t in toks[row_start:first] if not _STT_TOKEN.match(t.text))
        if dropped:
            ctx.parent = _heading_parent(dropped, None)
    return first


def _is_heading_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def extract_table_rows(text: str, document: str, tables: Iterable[TableSpan] = ()) -> list[Fact]:
    """Every evaluation-table row in ``text`` (the normalised text), structured tables first.

    ``tables`` are the document's structured tables with their spans in ``text``; the lines they
    cover are not read again as text. Tables without an evaluation header (the issuer/motto
    block at the top of a DOCX, lists of agencies) give nothing.
    """
    facts: list[Fact] = []
    covered: list[tuple[int, int]] = []
    ctx = _Context(document, text)
    for span in tables:
        found = _read_structured(span, text, ctx)
        if found or parse_header_cells(span.rows[:2]) is not None:
            covered.append((span.start, span.end))
        facts.extend(found)
    facts.extend(_read_text_tables(text, ctx, covered))
    from chitieu.extract.table_shape import find_headerless_tables

    # a structured table whose header says it is no evaluation table is not one under a guessed header
    read = [(span.start, span.end) for span in tables] + [(f.source.start, f.source.end) for f in facts]
    for table in find_headerless_tables(text, read):
        ctx.parent = None
        read_flat_region(text, table.start, table.end, table.header, ctx, facts, table.header_lines)
    facts.sort(key=lambda f: f.source.start)
    return facts


# --------------------------------------------------------------------------------------------
# From a read document
# --------------------------------------------------------------------------------------------


def text_span_of_raw(
    mapped: MappedText, start: int, end: int, monotonic: bool | None = None
) -> tuple[int, int]:
    """The span of the normalised text that stands for raw span ``[start, end)``.

    The inverse of ``mapped.origin`` (which maps normalised offsets to raw ones): the first
    normalised character from at or after ``start`` up to the first from at or after ``end``.
    ``monotonic`` says whether ``origin`` never decreases (footnotes moved out of a sentence
    break that); pass it when mapping many spans of one text, it is checked otherwise.
    """
    origin = mapped.origin
    n = len(mapped.text)
    if monotonic is None:
        monotonic = _is_monotonic(origin)
    if monotonic:
        a = bisect.bisect_left(origin, start, 0, n)
        b = bisect.bisect_left(origin, end, a, n)
        return a, b
    inside = [i for i in range(n) if start <= origin[i] < end]
    if not inside:
        a = next((i for i in range(n) if origin[i] >= start), n)
        return a, a
    return min(inside), max(inside) + 1


def _is_monotonic(origin: Sequence[int]) -> bool:
    return all(a <= b for a, b in itertools.pairwise(origin))


def extract_tables(doc: Document) -> list[Fact]:
    """The ``table_row`` facts of a read document (called by the router for every document)."""
    spans = []
    monotonic = _is_monotonic(doc.mapped.origin) if doc.raw.tables else True
    for table in doc.raw.tables:
        start, end = text_span_of_raw(doc.mapped, table.start, table.end, monotonic)
        if end > start:
            rows = [text_span_of_raw(doc.mapped, a, b, monotonic) for a, b in table.row_spans]
            spans.append(TableSpan([list(r) for r in table.rows], start, end, rows))
    return extract_table_rows(doc.text, doc.name, spans)
