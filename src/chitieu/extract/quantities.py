"""Vietnamese quantity grammar: numbers, units, comparators, ranges, ratios and direction.

Every figure a province writes is read here, once, the same way for every extractor (targets,
actuals, tasks, tables). The grammar follows how the documents are actually written
(DOMAIN, "Reading the numbers"):

* decimal comma and thousands dot (``9.862`` = 9862, ``11.056,22``), a bare ``1,099`` is 1.099;
* units right after the number, scale word kept in the unit (``225 nghìn tấn`` → 225, ``nghìn tấn``);
* ranges (``15-18 tiêu chí``, ``6,5-7%/năm``, ``từ 9-10%``), ratios (``96/96 xã``);
* comparator words before (``khoảng``, ``trên``, ``dưới``, ``không quá`` …) or after
  (``trở lên``) the number, direction words (``tăng``, ``giảm còn``) and the kind of figure
  (a level, a change, an amount of reduction, a multiple, percentage points).

Just as important is what is *not* a quantity: years and periods, dates, document numbers
(``52/NQ-HĐND``, ``30/2020/NĐ-CP``), article and list markers, footnote marks, phone numbers,
ordinals. A wrong number in a judged target is worse than a missed one, so these are rejected
before anything else is looked at.

Patterns are compiled once at import; matching is anchored at each numeric run with
``pattern.match(text, pos, endpos)`` so the scan is linear in the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from babel.numbers import format_decimal

from chitieu.extract.units import (
    has_marks,
    marks_compatible,
    match_per,
    match_unit,
    strip_marks,
    tolerant_regex,
)

__all__ = [
    "BOUND_PHRASES",
    "Comparator",
    "Direction",
    "Quantity",
    "QuantityKind",
    "find_quantities",
    "format_number",
    "format_quantity",
    "parse_number",
]

Comparator = Literal["=", "~", ">", ">=", "<", "<=", "range"]
Direction = Literal["up", "down"]
QuantityKind = Literal["level", "change", "reduction_amount", "multiple", "points"]


@dataclass(frozen=True)
class Quantity:
    """One figure as written.

    ``start``/``end`` cover the whole expression (comparator and direction words, the number,
    the unit, ``/năm``, ``trở lên``); ``number_start``/``number_end`` cover only the numeric part
    (``9-10`` of a range, ``96/96`` of a ratio, with its sign). ``value`` is in the unit as
    written. ``modifiers`` lists the normalised words read before the number, nearest last.
    """

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    value_high: float | None
    comparator: Comparator
    unit: str | None
    per: str | None
    denominator: float | None
    direction: Direction | None
    kind: QuantityKind
    text: str
    modifiers: tuple[str, ...] = ()

    @property
    def full_unit(self) -> str | None:
        """The unit with its ``per`` part: ``%/năm``."""
        if self.unit is None:
            return self.per
        return self.unit + (self.per or "")


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_RUN_FULL = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_THOUSANDS_COMMA_EN = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_SIGNS = "-−–+"


def _run_value(run: str) -> float | None:
    """Value of a run of digits and separators, Vietnamese style; None when it is not a number."""
    dots = run.count(".")
    commas = run.count(",")
    if dots == 0 and commas == 0:
        return float(run)
    if dots and commas:
        if _THOUSANDS_DOT.fullmatch(run):
            return float(run.replace(".", "").replace(",", "."))
        if _THOUSANDS_COMMA_EN.fullmatch(run) and run.rfind(".") > run.rfind(","):
            return float(run.replace(",", ""))
        return None
    if dots:
        if _THOUSANDS_DOT.fullmatch(run):
            return float(run.replace(".", ""))
        if dots == 1:  # "1.5": a decimal point from a foreign template
            return float(run)
        return None
    if commas == 1:  # decimal comma, also a bare "1,099 triệu" = 1.099
        return float(run.replace(",", "."))
    if _THOUSANDS_COMMA_EN.fullmatch(run):
        return float(run.replace(",", ""))
    return None


def parse_number(s: str) -> float | None:
    """Parse a Vietnamese number: ``9.862`` → 9862, ``11.056,22`` → 11056.22, ``−3,42`` → -3.42.

    Never raises; returns None for anything that is not exactly one number.
    """
    if not isinstance(s, str):
        return None
    t = s.strip().replace("\u00a0", " ")
    sign = 1.0
    if t[:1] and t[0] in _SIGNS:
        sign = -1.0 if t[0] != "+" else 1.0
        t = t[1:].lstrip()
    if not t or not _RUN_FULL.fullmatch(t):
        return None
    value = _run_value(t)
    if value is None or math.isinf(value):
        return None
    return sign * value if value else 0.0


def format_number(value: float, decimals: int | None = None) -> str:
    """Vietnamese style (Babel ``vi``): 1234.5 → ``1.234,5``.

    ``decimals=None`` shows as many decimals as the value needs (up to 6), a given ``decimals``
    pads or rounds to exactly that many.
    """
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return str(value)
    pattern = "#,##0." + ("#" * 6 if decimals is None else "0" * decimals)
    if decimals == 0:
        pattern = "#,##0"
    text = format_decimal(value, format=pattern, locale="vi")
    if text.startswith("-") and parse_number(text) == 0:
        text = text[1:]
    return text


_CMP_WORDS = {"~": "khoảng", ">": "trên", ">=": "từ", "<": "dưới", "<=": "không quá"}
_GLUED_UNITS = {"%", "‰"}


def format_quantity(q: Quantity) -> str:
    """A quantity written back in Vietnamese: ``khoảng 9%``, ``từ 8% trở lên``, ``96/96 xã``."""
    parts: list[str] = []
    if q.direction is not None and q.kind in ("change", "multiple", "points"):
        parts.append("tăng" if q.direction == "up" else "giảm")
    if q.comparator in _CMP_WORDS:
        parts.append(_CMP_WORDS[q.comparator])
    number = format_number(q.value)
    if q.value_high is not None:
        number += "-" + format_number(q.value_high)
    if q.denominator is not None:
        number += "/" + format_number(q.denominator)
    if q.unit:
        number += q.unit if q.unit in _GLUED_UNITS else " " + q.unit
    if q.per:
        number += q.per
    parts.append(number)
    if q.comparator == ">=":
        parts.append("trở lên")
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# What is not a quantity
# --------------------------------------------------------------------------------------------

_RUN = re.compile(r"(?<![0-9])[0-9]+(?:[.,][0-9]+)*")
_NOT_WORD_CHAR = r"(?![^\W_\u00b2\u00b3\u00b9\u2070-\u209f])"

# 09/12/2022, 15-9-2024, 12.10.2023 (the same separator twice)
_DATE_AT = re.compile(
    r"(?P<d>[0-9]{1,2})[ \t]*(?P<sep>[/.\-])[ \t]*(?P<m>[0-9]{1,2})[ \t]*(?P=sep)[ \t]*[0-9]{2,4}(?![0-9])"
)
# 52/NQ-HĐND, 52 /NQ-HĐND, 30/2020/NĐ-CP, 10-NQ/TW: a slash or hyphen, then (year/)letters
_IDENT_AHEAD = re.compile(r"(?:[ \t]*/[ \t]*(?:[0-9]+[ \t]*/[ \t]*)*|-)[^\W\d_][^\s,;:()]*")
_PHONE_AT = re.compile(r"0[0-9]{2,3}(?:[ .\-]?[0-9]{2,4}){2,3}(?![0-9])")
_YEAR_RUN = re.compile(r"(?:19|20)[0-9]{2}")


class _WordsBefore:
    """Matches one of ``words`` ending right before a position (separated by spaces or ``:``).

    The window before the number is reversed and matched *at its start* with reversed patterns,
    so each check is one anchored match instead of a search over the window.
    """

    def __init__(self, words: list[str], separator: str = r"\s*[:.]?\s*", lenient: frozenset[str] = frozenset()) -> None:
        # ``lenient`` words match with wrong marks too ("trén" for "trên" in an OCR'd copy)
        self._lenient = lenient
        self._words: dict[int, list[tuple[str, re.Pattern[str]]]] = {}
        for w in words:
            key = len(w.replace(" ", ""))
            self._words.setdefault(key, []).append((w, re.compile(tolerant_regex(w), re.IGNORECASE)))
        alternation = "|".join(tolerant_regex(w[::-1]) for w in sorted(words, key=len, reverse=True))
        self._re = re.compile(separator + r"(?P<w>" + alternation + r")(?![^\W_])", re.IGNORECASE)

    def match(self, text: str, lo: int, end: int, window: int = 40) -> tuple[int, str] | None:
        """(start of the word, the word as listed) when a listed word ends before ``end``."""
        begin = max(lo, end - window)
        rev = text[begin:end][::-1]
        m = self._re.match(rev)
        if m is None:
            return None
        # the word must start the window or follow a non-word character in the full text
        word_start = end - m.end("w")
        if word_start > 0 and word_start == begin and (text[word_start - 1].isalnum()):
            return None
        found = re.sub(r"\s+", " ", m.group("w")[::-1])
        strict = has_marks(text, begin, end)
        for canonical, full in self._words.get(len(found.replace(" ", "")), ()):
            if full.fullmatch(found) and (canonical in self._lenient or marks_compatible(found, canonical, strict)):
                return word_start, canonical
        return None


# A number right after these is an identifier, an ordinal or a time, not a figure.
_ID_BEFORE = _WordsBefore(
    [
        "số", "số hiệu", "thứ", "điều", "khoản", "mục", "chương", "phần", "phụ lục",
        "tháng", "ngày", "quý", "tuần", "quốc lộ", "tỉnh lộ", "QL", "ĐT", "ĐH",
        "khóa", "khoá", "kỳ họp", "đợt", "lần", "trung ương", "hội nghị", "đại hội",
        "giai đoạn", "nhiệm kỳ", "thời kỳ", "niên khóa", "niên độ", "tổ", "phường", "km",
        "lô", "thửa", "tờ", "trang", "bảng", "biểu", "hình", "mẫu", "mức độ", "cấp độ", "lúc", "lớp",
        "chương trình", "nghị quyết", "nghị định", "quyết định", "chỉ thị", "thông tư",
        "kết luận", "công văn", "luật", "bão",
    ]
)  # fmt: skip
# "số 3" is an identifier, "tổng số 298 dự án" a count: these words block only a bare number
# "mục" also stands for an unmarked "mức" ("o muc 1,12%"), "bảng" for "bằng" ("bang 22,5% du toan"),
# "phường" for "phương" ("dia phuong: 2.786 ty dong")
_ID_UNLESS_UNIT = {"số", "số hiệu", "mục", "bảng", "phường"}
_YEAR_BEFORE = _WordsBefore(["năm", "vụ", "niên vụ"])
_DATE_WORDS_BEFORE = _WordsBefore(["ngày", "đến", "trước", "sau", "từ", "hạn", "kể từ"])
_PHONE_KEYS = _WordsBefore(
    ["điện thoại", "ĐT", "SĐT", "ĐTDĐ", "tel", "fax", "hotline", "đường dây nóng"],
    separator=r"[0-9 \t.\-()]*:?[ \t.]*",
)
# "9 tháng năm 2024", "6 tháng đầu năm": a period, not a figure
_MONTHS_PERIOD = re.compile(
    r"[ \t]+"
    + tolerant_regex("tháng")
    + r"[ \t]+(?:(?:"
    + tolerant_regex("đầu")
    + "|"
    + tolerant_regex("cuối")
    + r")[ \t]+)?"
    + tolerant_regex("năm"),
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Comparators, direction, continuation
# --------------------------------------------------------------------------------------------

# normalised modifier → (comparator or None, direction or None, is_level_marker)
_MODIFIERS: dict[str, tuple[str | None, str | None, bool]] = {
    "khoảng": ("~", None, False),
    "xấp xỉ": ("~", None, False),
    "gần": ("~", None, False),
    "chừng": ("~", None, False),
    "trên": (">", None, False),
    "hơn": (">", None, False),
    "cao hơn": (">", None, False),
    "lớn hơn": (">", None, False),
    "nhiều hơn": (">", None, False),
    "tối thiểu": (">=", None, False),
    "ít nhất": (">=", None, False),
    "không dưới": (">=", None, False),
    "không thấp hơn": (">=", None, False),
    "không ít hơn": (">=", None, False),
    "từ": (">=", None, False),
    "dưới": ("<", None, False),
    "thấp hơn": ("<", None, False),
    "nhỏ hơn": ("<", None, False),
    "ít hơn": ("<", None, False),
    "không quá": ("<=", None, False),
    "tối đa": ("<=", None, False),
    "không vượt quá": ("<=", None, False),
    "không cao hơn": ("<=", None, False),
    "không lớn hơn": ("<=", None, False),
    "đạt": ("=", None, False),
    "đạt được": ("=", None, False),
    "đạt mức": ("=", None, False),
    "là": ("=", None, False),
    "ở mức": ("=", None, False),
    "bằng": ("=", None, False),
    "tăng": (None, "up", False),
    "tăng thêm": (None, "up", False),
    "tăng lên": (None, "up", True),
    "lên": (None, "up", True),
    "nâng lên": (None, "up", True),
    "giảm": (None, "down", False),
    "giảm thêm": (None, "down", False),
    "kéo giảm": (None, "down", False),
    "giảm xuống": (None, "down", True),
    "giảm còn": (None, "down", True),
    "xuống": (None, "down", True),
    "còn": (None, "down", True),
    "xuống còn": (None, "down", True),
    "bình quân": (None, None, False),
    "trung bình": (None, None, False),
    "hằng năm": (None, None, False),
    "hàng năm": (None, None, False),
    "mỗi năm": (None, None, False),
    "gấp": (None, None, False),
    "vượt": (None, None, False),
}
# a colon may stand between the word and the figure ("đạt: 92%"), and so may a square bracket that
# OCR left of a letter ("trên] 92%": the "n" read as "r]"; no figure is ever bracketed that way)
# a bound word of four letters or more is itself even with wrong marks ("trén 90%", "duới 5%",
# "khoáng 9%"): no other word is so spelt before a figure, unlike "tư", "con", or "tầng" for "tăng"
_BOUND_WORDS = frozenset(
    word
    for word, (comparator, direction, _level) in _MODIFIERS.items()
    if comparator not in (None, "=") and direction is None and len(word.replace(" ", "")) >= 4
)
# the bounds written in two words or more ("tối thiểu", "không quá"): long enough to be known by
# their letters where OCR lost one of them (:mod:`chitieu.extract.scan_figures`)
BOUND_PHRASES: dict[str, str] = {
    word: comparator
    for word, (comparator, direction, _level) in _MODIFIERS.items()
    if comparator not in (None, "=") and direction is None and " " in word
}
_MODIFIERS_BEFORE = _WordsBefore(list(_MODIFIERS), separator=r"(?:[ \t]*[:\]][ \t]*|\s+)", lenient=_BOUND_WORDS)
_TAIL = re.compile(
    r"(?<![^\W_])(?P<w>"
    + "|".join(tolerant_regex(w) for w in sorted(_MODIFIERS, key=len, reverse=True))
    + r")(?:[ \t]*:[ \t]*|\s+)$",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"[ \t]+(?P<w>" + tolerant_regex("trở lên") + "|" + tolerant_regex("trở xuống") + r")" + _NOT_WORD_CHAR,
    re.IGNORECASE,
)
_RANGE_DASH = re.compile(r"[ \t]*[-–—][ \t]*(?=[0-9])")
_RANGE_WORD = re.compile(
    r"[ \t]+(?:" + tolerant_regex("đến") + "|" + tolerant_regex("tới") + r")[ \t]+(?=[0-9])", re.IGNORECASE
)
_RATIO = re.compile(r"[ \t]*/[ \t]*(?=[0-9])")
_REDUCTION = re.compile(
    r"(?<![^\W_])(?:"
    + "|".join(
        tolerant_regex(w) for w in ["mức giảm", "giảm tỷ lệ", "giảm tỷ suất", "tỷ lệ giảm", "tỷ suất giảm"]
    )
    + r")(?![^\W_])",
    re.IGNORECASE,
)
_LEVEL_MARK = re.compile(
    r"(?<![^\W_])(?:" + tolerant_regex("còn") + "|" + tolerant_regex("xuống") + r")(?![^\W_])", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r"[;\n]|\.\s")
# a bound written as a sign right before the figure ("<15%", "≥ 80%", a table's bound cell)
_BOUND_SIGN = re.compile(r"(?<![-=<>])(?P<sign><=|>=|[<>≤≥])[ \t]?$")  # not an arrow "->"
_SIGN_COMPARATORS = {"<": "<", "<=": "<=", "≤": "<=", ">": ">", ">=": ">=", "≥": ">="}

_LOOKBACK = 60
_REDUCTION_UNITS = {"%", "‰", "điểm %", None}


@dataclass
class _Chain:
    start: int
    words: list[str]  # nearest to the number last


def _modifier_chain(text: str, lo: int, num_start: int) -> _Chain:
    cur = num_start
    words: list[str] = []
    while len(words) < 5:
        found = _MODIFIERS_BEFORE.match(text, lo, cur, window=24)
        if found is None:
            break
        cur, word = found
        words.insert(0, word)
    return _Chain(cur, words)


def _is_year(run: str) -> bool:
    return bool(_YEAR_RUN.fullmatch(run))


def _is_list_marker(text: str, s: int, e: int, run: str) -> bool:
    """``(5)``, ``1.``, ``(1).``, ``2)``, ``1.2.`` at the head of a line or item."""
    if "," in run:
        return False
    nxt = text[e : e + 1]
    prev = text[s - 1 : s]
    if prev == "(" and nxt == ")" and "." not in run:
        return True
    if nxt not in (".", ")"):
        return False
    after = text[e + 1 : e + 2]
    if after.isdigit():
        return False
    line_start = text.rfind("\n", 0, s) + 1
    head = text[line_start:s]
    if head.strip(" \t*#(_") == "":
        return True
    # "…; 2) …" inside a line: a short integer closing a parenthesis without an opening one
    return nxt == ")" and "." not in run and len(run) <= 2 and prev in (" ", "\t")


def _skip_token(text: str, pos: int, hi: int) -> int:
    while pos < hi and not text[pos].isspace() and text[pos] not in ",;()":
        pos += 1
    return pos


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order, spans inside the range and not overlapping."""
    lo = max(0, start)
    hi = len(text) if end is None else max(lo, min(end, len(text)))
    out: list[Quantity] = []
    pos = lo
    while pos < hi:
        m = _RUN.search(text, pos, hi)
        if m is None:
            break
        quantity, resume = _read_quantity(text, m, lo, hi)
        if quantity is not None:
            out.append(quantity)
        pos = max(resume, m.end())
    return out


def _read_quantity(text: str, m: re.Match[str], lo: int, hi: int) -> tuple[Quantity | None, int]:
    """Read the quantity whose first numeric run is ``m``; return it (or None) and where to resume."""
    s, e = m.span()
    run = m.group()
    prev = text[s - 1] if s > 0 else "\n"
    prev2 = text[s - 2] if s > 1 else "\n"

    # 1. glued to something on the left: footnote marks ("đồng26"), codes ("UV2", "Covid-19")
    if prev.isalpha() or prev in "/\\_%‰&#@" or (prev in ".," and prev2.isdigit()):
        return None, _skip_token(text, e, hi)
    negative = False
    num_start = s
    if prev in "-−–":
        if prev2.isalnum():
            return None, _skip_token(text, e, hi)
        if s - 1 >= lo and prev2 in " \t\n(|;:=[":
            negative = True
            num_start = s - 1

    value = _run_value(run)
    if value is None:
        return None, e

    # 2. dates, document numbers, phone numbers
    date = _DATE_AT.match(text, s, hi)
    if date is not None and 1 <= int(date.group("m")) <= 12 and 1 <= int(date.group("d")) <= 31:
        return None, date.end()
    per_direct = match_per(text, e, hi)
    if per_direct is None:
        ident = _IDENT_AHEAD.match(text, e, hi)
        if ident is not None and (ident.group(0).lstrip(" \t")[:1] in "/" or not match_unit(text, e + 1, hi)):
            return None, _skip_token(text, ident.end(), hi)
    if run.startswith("0"):
        phone = _PHONE_AT.match(text, s, hi)
        if phone is not None and sum(ch.isdigit() for ch in phone.group(0)) >= 9:
            return None, phone.end()
    if _PHONE_KEYS.match(text, 0, num_start):
        return None, _skip_token(text, e, hi)

    # 3. identifiers, ordinals, times and list markers
    id_word = _ID_BEFORE.match(text, 0, num_start)
    if id_word is not None and (id_word[1] not in _ID_UNLESS_UNIT or not match_unit(text, e, hi)):
        return None, e
    if _MONTHS_PERIOD.match(text, e, hi):
        return None, e
    if _is_list_marker(text, s, e, run):
        return None, e + 1

    chain = _modifier_chain(text, lo, num_start)
    has_from = "từ" in chain.words
    sign = _BOUND_SIGN.search(text, max(lo, num_start - 3), num_start)  # "<15%", "≥ 80%"

    # 4. what follows the first number: ratio, unit, range
    unit_match = None
    denominator: float | None = None
    value_high: float | None = None
    num_end = e
    cursor = e
    ratio = _RATIO.match(text, e, hi) if not negative else None
    if ratio is not None:
        dm = _RUN.match(text, ratio.end(), hi)
        den = _run_value(dm.group()) if dm else None
        if dm is not None and den is not None and den > 0:
            after_ratio = match_unit(text, dm.end(), hi)
            date_like = value.is_integer() and den.is_integer() and 1 <= value <= 31 and 1 <= den <= 12
            if date_like and (after_ratio is None or _DATE_WORDS_BEFORE.match(text, 0, num_start)):
                return None, dm.end()
            if after_ratio is None and (value == 1 and den >= 100):  # map scale "tỷ lệ 1/2000"
                return None, dm.end()
            if after_ratio is None and value > den:
                return None, dm.end()
            denominator = den
            num_end = cursor = dm.end()
            unit_match = after_ratio
            if unit_match is not None:
                cursor = unit_match.end
    if denominator is None:
        unit_match = match_unit(text, e, hi)
        if unit_match is not None:
            cursor = unit_match.end
        elif e < hi and text[e].isalpha():
            # glued to a word that is no unit ("8h30", "30a", "4D"): an identifier
            return None, _skip_token(text, e, hi)
        rng = _RANGE_DASH.match(text, cursor, hi)
        if rng is None and has_from:
            rng = _RANGE_WORD.match(text, cursor, hi)
        if rng is not None:
            hm = _RUN.match(text, rng.end(), hi)
            high = _run_value(hm.group()) if hm else None
            if hm is not None and high is not None:
                second_unit = match_unit(text, hm.end(), hi)
                if _is_year(run) and _is_year(hm.group()) and unit_match is None and second_unit is None:
                    return None, hm.end()  # a period "2021-2025"
                same_unit = unit_match is None or second_unit is None or second_unit.unit == unit_match.unit
                if high > value and same_unit and not negative and not _DATE_AT.match(text, hm.start(), hi):
                    value_high = high
                    num_end = hm.end()
                    cursor = hm.end()
                    if second_unit is not None:
                        unit_match = second_unit
                        cursor = second_unit.end

    unit = unit_match.unit if unit_match is not None else None

    # 5. years and other bare numbers that are no figure
    if unit is None and value_high is None and denominator is None and _is_year(run) and not negative:
        return None, e
    if unit is None and _YEAR_BEFORE.match(text, 0, num_start) and (_is_year(run) or len(run) <= 2):
        return None, e

    # 6. what follows the unit: per, trở lên / trở xuống
    per_match = match_per(text, cursor, hi)
    per = None
    if per_match is not None:
        per = per_match.per
        cursor = per_match.end
    tail_cmp: str | None = None
    tail = _TAIL.match(text, cursor, hi)
    if tail is not None:
        tail_cmp = "<=" if "xu" in strip_marks(tail.group("w")) else ">="  # OCR "trở 1ên"
        cursor = tail.end()

    # 7. comparator, direction, kind
    comparator: str = "="
    direction: str | None = None
    level_marker = False
    for word in chain.words:
        cmp, dirn, level = _MODIFIERS[word]
        if cmp is not None and (cmp != "=" or comparator == "="):
            comparator = cmp
        if dirn is not None:
            direction = dirn
        level_marker = level_marker or level
    if sign is not None:
        comparator = _SIGN_COMPARATORS[sign.group("sign")]
    if tail_cmp is not None:
        comparator = tail_cmp
    if value_high is not None:
        comparator = "range"

    kind: str = "level"
    if unit == "điểm %":
        kind = "points"
    elif unit == "lần" and (direction is not None or "gấp" in chain.words or "vượt" in chain.words):
        kind = "multiple"
    elif unit in _REDUCTION_UNITS and not level_marker and _in_reduction_clause(text, lo, chain.start):
        kind = "reduction_amount"
        direction = "down"
    elif direction is not None and not level_marker:
        kind = "change"

    signed = -value if negative else value
    q_start = min(chain.start, num_start, sign.start() if sign is not None else num_start)
    return (
        Quantity(
            start=q_start,
            end=cursor,
            number_start=num_start,
            number_end=num_end,
            value=signed,
            value_high=value_high,
            comparator=comparator,  # type: ignore[arg-type]
            unit=unit,
            per=per,
            denominator=denominator,
            direction=direction,  # type: ignore[arg-type]
            kind=kind,  # type: ignore[arg-type]
            text=text[q_start:cursor],
            modifiers=tuple(chain.words),
        ),
        cursor,
    )


def _in_reduction_clause(text: str, lo: int, pos: int) -> bool:
    """Is the figure at ``pos`` an amount of reduction ("mức giảm tỷ lệ hộ nghèo 3,6%")?

    True when its clause (since the last ``;``, line break or sentence end) names a reduction and
    no ``còn``/``xuống`` turns the figure into the level to reach.
    """
    begin = max(lo, pos - 200)
    clause_start = begin
    for brk in _CLAUSE_BREAK.finditer(text, begin, pos):
        clause_start = brk.end()
    last_end = -1
    for red in _REDUCTION.finditer(text, clause_start, pos):
        last_end = red.end()
    if last_end < 0:
        return False
    return _LEVEL_MARK.search(text, last_end, pos) is None
