"""Periods named in Vietnamese planning text: "năm 2023", "9 tháng năm 2024", "quý III", …

Every extractor needs the same answer to "which stretch of time does this phrase mean", so the
grammar lives here, once. Matching runs on a *folded* copy of the text (lower case, diacritics
removed, đ → d) that has exactly the same length as the original, so offsets found on the
folded copy index the original text and a phrase typed without diacritics ("9 thang nam 2024",
common in OCR output) reads the same as the clean one.

Labels are canonical (not as written), so the same period gets the same label in every
document: "9 tháng đầu năm 2024" and "9 tháng năm 2024" both become "9 tháng năm 2024".

Conventions:

- ``N tháng (đầu) năm Y`` → 1 January … end of month N (cumulative); ``N tháng cuối năm Y`` →
  the last N months; ``12 tháng`` is the year.
- ``đến năm 2030`` → the year 2030 (a level to reach by the end of that year), label kept as
  "đến năm 2030" so it is distinguishable from an annual target.
- ``đến 15/9/2024`` (also "tính đến ngày …", "đến hết ngày …") → 1 January 2024 … 15 September
  2024; "đến hết tháng 9/2024" → the nine months.
- ``từ đầu năm đến nay`` → 1 January of the default year … ``as_of`` (or 31 December when no
  reference date is known).
- Bare phrases without a year ("quý III", "tháng 9", "Trong 9 tháng") resolve against
  ``default_year`` and are skipped when none is given.
- Full dates ("ngày 09 tháng 12 năm 2022", "06/01/2023", "trước ngày 15/11/2023") are *not*
  periods; they are consumed so that their "tháng 12 năm 2022" is not misread as a month. Price
  bases ("giá so sánh năm 2010") are not periods either.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from chitieu.extract.facts import Period

__all__ = ["find_periods", "fold", "parse_period", "quarter_period", "roman_to_int"]


# --------------------------------------------------------------------------- folding


def _build_fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for code in range(0x41, 0x2000):
        ch = chr(code)
        low = ch.lower()
        if len(low) != 1:
            continue
        base = unicodedata.normalize("NFD", low)[0]
        if base != ch:
            table[code] = ord(base)
    for ch in "đĐ":
        table[ord(ch)] = ord("d")
    for ch in "ƀɗ":  # letters OCR sometimes produces for đ
        table[ord(ch)] = ord("d")
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, keeping its length exactly.

    ``fold(s)[i]`` is the folded form of ``s[i]``, so a match on the folded text has the same
    offsets in ``s``. (Unlike NFD-based stripping, which changes the length.)
    """
    return text.translate(_FOLD_TABLE)


# --------------------------------------------------------------------------- numbers

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_to_int(roman: str) -> int | None:
    """``"XIV"`` → 14; None when ``roman`` is not a well-formed Roman numeral."""
    s = roman.strip().lower()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        if i + 1 < len(s) and _ROMAN[s[i + 1]] > v:
            total -= v
        else:
            total += v
    if _int_to_roman(total).lower() != s:
        return None
    return total


def _int_to_roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def quarter_period(quarter: int, year: int) -> Period:
    """Quarter ``quarter`` (1-4) of ``year``: "quý III năm 2024" = 1 July … 30 September."""
    first = 3 * (quarter - 1) + 1
    return Period(
        dt.date(year, first, 1), _month_end(year, first + 2), f"quý {_int_to_roman(quarter)} năm {year}"
    )


def _months(n: int, year: int, tail: bool = False) -> Period:
    if n >= 12:
        return Period.year(year)
    if tail:
        first = 13 - n
        return Period(dt.date(year, first, 1), dt.date(year, 12, 31), f"{n} tháng cuối năm {year}")
    label = f"6 tháng đầu năm {year}" if n == 6 else f"{n} tháng năm {year}"
    return Period(dt.date(year, 1, 1), _month_end(year, n), label)


def _term(kind: str, first: int, last: int) -> Period:
    return Period(dt.date(first, 1, 1), dt.date(last, 12, 31), f"{kind} {first}-{last}")


def _expand_last(first: int, last_text: str) -> int:
    last = int(last_text)
    if len(last_text) == 2:
        last += first // 100 * 100
        if last < first:
            last += 100
    return last


# --------------------------------------------------------------------------- grammar

_Y = r"((?:19|20)\d{2})"
_SEP = r"\s*[-–—]\s*"
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _Y
_DATE_WORDS = r"(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+" + _Y
_QUARTER = r"(iv|iii|ii|i|[1-4])"
_AFTER_YEAR = r"(?:\s*(?:/|-|nam)\s*" + _Y + r")"


@dataclass(frozen=True)
class _Ctx:
    default_year: int | None
    as_of: dt.date | None


_Handler = Callable[[re.Match[str], _Ctx], Period | None]


def _h_not_period(_m: re.Match[str], _c: _Ctx) -> Period | None:
    return None


def _h_range_dates(m: re.Match[str], _c: _Ctx) -> Period | None:
    g = m.groups()
    a = _safe_date(int(g[2]), int(g[1]), int(g[0]))
    b = _safe_date(int(g[5]), int(g[4]), int(g[3]))
    if not a or not b or b < a:
        return None
    return Period(a, b, f"từ {a.day}/{a.month}/{a.year} đến {b.day}/{b.month}/{b.year}")


def _to_date_period(end: dt.date | None) -> Period | None:
    if end is None:
        return None
    if end.month == 12 and end.day == 31:
        return Period.year(end.year)
    if end == _month_end(end.year, end.month):
        return _months(end.month, end.year)
    return Period(dt.date(end.year, 1, 1), end, f"đến {end.day}/{end.month}/{end.year}")


def _h_until_date(m: re.Match[str], _c: _Ctx) -> Period | None:
    g = [x for x in m.groups() if x is not None]
    day, month, year = int(g[-3]), int(g[-2]), int(g[-1])
    return _to_date_period(_safe_date(year, month, day))


def _h_until_day_month(m: re.Match[str], c: _Ctx) -> Period | None:
    """Until a day of the document's own year: "đến 30/6", "tính đến hết ngày 20/11"."""
    if c.default_year is None:
        return None
    return _to_date_period(_safe_date(c.default_year, int(m.group(2)), int(m.group(1))))


def _h_until_month(m: re.Match[str], c: _Ctx) -> Period | None:
    month = int(m.group(1))
    year = int(m.group(2)) if m.group(2) else c.default_year
    if year is None or not 1 <= month <= 12:
        return None
    return _months(month, year)


def _h_since_start(m: re.Match[str], c: _Ctx) -> Period | None:
    year = int(m.group(1)) if m.group(1) else (c.as_of.year if c.as_of else c.default_year)
    if year is None:
        return None
    end = c.as_of if c.as_of and c.as_of.year == year else dt.date(year, 12, 31)
    return Period(dt.date(year, 1, 1), end, f"từ đầu năm {year} đến nay")


def _h_months(m: re.Match[str], c: _Ctx) -> Period | None:
    n = int(m.group(1))
    tail = (m.group(2) or "").strip() == "cuoi"
    year = int(m.group(3)) if m.group(3) else c.default_year
    if year is None or not 1 <= n <= 12:
        return None
    return _months(n, year, tail)


def _h_bare_months(m: re.Match[str], c: _Ctx) -> Period | None:
    if c.default_year is None:
        return None
    return _months(int(m.group(1)), c.default_year)


def _h_quarter(m: re.Match[str], c: _Ctx) -> Period | None:
    q_text = m.group(1)
    q = int(q_text) if q_text.isdigit() else roman_to_int(q_text)
    year = int(m.group(2)) if m.group(2) else c.default_year
    if q is None or not 1 <= q <= 4 or year is None:
        return None
    return quarter_period(q, year)


def _h_month(m: re.Match[str], c: _Ctx) -> Period | None:
    month = int(m.group(1))
    year = int(m.group(2)) if m.group(2) else c.default_year
    if year is None or not 1 <= month <= 12:
        return None
    return Period(dt.date(year, month, 1), _month_end(year, month), f"tháng {month} năm {year}")


_TERM_KIND = {
    "giai doan": "giai đoạn",
    "nhiem ky": "nhiệm kỳ",
    "thoi ky": "thời kỳ",
    "ky": "giai đoạn",
    "5 nam": "giai đoạn",
    "05 nam": "giai đoạn",
    "nam": "giai đoạn",
}


def _h_term(m: re.Match[str], _c: _Ctx) -> Period | None:
    word = re.sub(r"\s+", " ", m.group(1)).strip()
    word = re.sub(r"^ke hoach ", "", word)
    first = int(m.group(2))
    last = _expand_last(first, m.group(3))
    if not first < last <= first + 30 or (word == "nam" and last - first < 2):
        return None  # "vụ đông xuân năm 2023-2024" is a season, not a plan term
    return _term(_TERM_KIND.get(word, "giai đoạn"), first, last)


def _h_school_year(m: re.Match[str], _c: _Ctx) -> Period | None:
    first = int(m.group(1))
    last = _expand_last(first, m.group(2))
    if last != first + 1:
        return None
    return Period(dt.date(first, 9, 1), dt.date(last, 5, 31), f"năm học {first}-{last}")


def _h_year_range(m: re.Match[str], _c: _Ctx) -> Period | None:
    first, last = int(m.group(1)), int(m.group(2))
    if not first < last <= first + 30:
        return None
    return _term("giai đoạn", first, last)


def _h_by_year(m: re.Match[str], _c: _Ctx) -> Period | None:
    year = int(m.group(1))
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"đến năm {year}")


def _h_year(m: re.Match[str], _c: _Ctx) -> Period | None:
    return Period.year(int(m.group(1)))


def _h_this_year(_m: re.Match[str], c: _Ctx) -> Period | None:
    return Period.year(c.default_year) if c.default_year else None


_B = r"(?<![0-9a-z])"  # left word boundary on folded text
_E = r"(?![0-9a-z])"  # right word boundary

# Order does not matter for correctness (overlaps are resolved by earliest start, then longest
# match) but patterns that only *consume* text come first for readability.
_GRAMMAR: list[tuple[re.Pattern[str], _Handler]] = [
    # price bases and full dates are not periods
    (re.compile(_B + r"gia\s+(?:so\s+sanh|hien\s+hanh|co\s+dinh)\s+(?:nam\s+)?" + _Y + _E), _h_not_period),
    (re.compile(_B + r"(?:ngay\s+)?" + _DATE_WORDS + _E), _h_not_period),
    (re.compile(_B + r"ngay[\s._…]*thang\s+(?:\d{1,2}|[\s._…]*)\s*nam\s+" + _Y + _E), _h_not_period),
    (re.compile(_B + _DATE + _E), _h_not_period),
    (re.compile(_B + r"ngay\s+\d{1,2}\s*/\s*\d{1,2}" + _E + r"(?!\s*/)"), _h_not_period),
    # explicit ranges and "up to a date"
    (
        re.compile(_B + r"tu\s+(?:ngay\s+)?" + _DATE + r"\s+den\s+(?:het\s+)?(?:ngay\s+)?" + _DATE + _E),
        _h_range_dates,
    ),
    (
        re.compile(
            _B + r"(?:tinh\s+)?den\s+(?:het\s+)?(?:ngay\s+)?(?:" + _DATE + r"|" + _DATE_WORDS + r")" + _E
        ),
        _h_until_date,
    ),
    (
        re.compile(
            _B
            + r"(?:tinh\s+)?den\s+(?:het\s+)?(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})"
            + _E
            + r"(?!\s*[/.-]\s*\d)"
        ),
        _h_until_day_month,
    ),
    (re.compile(_B + r"(?:tinh\s+)?den\s+het\s+thang\s+(\d{1,2})" + _AFTER_YEAR + r"?" + _E), _h_until_month),
    (
        re.compile(_B + r"tu\s+(?:nam\s+)?" + _Y + r"\s+(?:den|toi)\s+(?:het\s+)?(?:nam\s+)?(\d{4})" + _E),
        _h_year_range,
    ),
    (re.compile(_B + r"tu\s+dau\s+nam(?:\s+" + _Y + r")?\s+(?:den|toi)\s+nay" + _E), _h_since_start),
    # months, quarters
    (
        re.compile(_B + r"(\d{1,2})\s+thang\s+(dau\s+|cuoi\s+)?nam(?:\s+" + _Y + r")?" + _E),
        _h_months,
    ),
    (
        re.compile(
            r"(?<!sau\s)(?<!moi\s)(?<!hon\s)(?<!tren\s)(?<!duoi\s)(?<!vong\s)"
            + _B
            + r"(3|6|9)\s+thang"
            + _E
            + r"(?!\s+(?:tuoi|qua|toi|nua|lien|mot|\d))"
        ),
        _h_bare_months,
    ),
    (re.compile(_B + r"quy\s+" + _QUARTER + _E + _AFTER_YEAR + r"?" + _E), _h_quarter),
    (re.compile(_B + r"thang\s+(\d{1,2})" + _E + _AFTER_YEAR + r"?" + _E + r"(?!\s*/)"), _h_month),
    # terms and horizons
    (re.compile(_B + r"nam\s+hoc\s+" + _Y + _SEP + r"(\d{4}|\d{2})" + _E), _h_school_year),
    (
        re.compile(
            _B
            + r"(giai\s+doan|nhiem\s+ky|thoi\s+ky|(?:ke\s+hoach\s+)?0?5\s+nam|ky|nam)\s+"
            + _Y
            + _SEP
            + r"(\d{4}|\d{2})"
            + _E
        ),
        _h_term,
    ),
    (re.compile(_B + r"(?:den|toi)\s+(?:nam\s+)?" + _Y + _E + r"(?!\s*[/-]\s*\d)"), _h_by_year),
    (re.compile(_B + r"nam\s+" + _Y + _E + r"(?!\s*[/-]\s*\d)"), _h_year),
    (re.compile(_B + r"nam\s+nay" + _E), _h_this_year),
]

_WHOLE_YEAR = re.compile(
    r"^\s*(?:(?:uoc|u|dk|du\s+kien|kh|ke\s+hoach|th|thuc\s+hien|uoc\s+th|uoc\s+thuc\s+hien|nam)\s*)?"
    + _Y
    + r"\s*$"
)
_WHOLE_TERM = re.compile(r"^\s*" + _Y + _SEP + r"(\d{4}|\d{2})\s*$")


def find_periods(
    text: str, default_year: int | None = None, as_of: dt.date | None = None
) -> list[tuple[int, int, Period]]:
    """Every period phrase in ``text`` as ``(start, end, Period)``, in text order.

    Overlapping candidates are resolved by earliest start, then longest match, so "9 tháng
    năm 2024" is one period, not "năm 2024" as well; dates are consumed without being returned.
    """
    folded = fold(text)
    ctx = _Ctx(default_year, as_of)
    candidates: list[tuple[int, int, int, re.Match[str], _Handler]] = []
    for order, (pattern, handler) in enumerate(_GRAMMAR):
        for m in pattern.finditer(folded):
            candidates.append((m.start(), -(m.end() - m.start()), order, m, handler))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    out: list[tuple[int, int, Period]] = []
    taken_until = -1
    for start, neg_len, _order, m, handler in candidates:
        if start < taken_until:
            continue
        period = handler(m, ctx)
        if period is None and handler is not _h_not_period:
            continue  # an unresolved bare phrase does not block a shorter reading
        taken_until = start - neg_len
        if period is not None:
            out.append((start, m.end(), period))
    return out


def parse_period(text: str, default_year: int | None = None, as_of: dt.date | None = None) -> Period | None:
    """The period a short phrase names ("9 tháng năm 2024", "Quý II/2023", "2021-2025"), or None.

    Also reads the bare headers of evaluation tables: "2021", "Ước 2025", "KH 2024" → that
    year; "2021-2025" → the term. For running text use :func:`find_periods`.
    """
    folded = fold(text)
    m = _WHOLE_YEAR.match(folded)
    if m:
        return Period.year(int(m.group(1)))
    m = _WHOLE_TERM.match(folded)
    if m:
        first = int(m.group(1))
        last = _expand_last(first, m.group(2))
        if first < last <= first + 30:
            return _term("giai đoạn", first, last)
    found = find_periods(text, default_year, as_of)
    return found[0][2] if found else None
