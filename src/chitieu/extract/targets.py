"""Targets of resolutions and plans, each tied to the exact span of text that states it.

A resolution lists its main targets ("Các chỉ tiêu chủ yếu") as numbered items (1)…(10), each
holding several indicators separated by ``;`` and ``,``. Two word orders occur, often in one item:

* indicator first: "Tỷ lệ che phủ rừng đạt 52,3%", "cơ cấu kinh tế: nông, lâm nghiệp 14%";
* figure first: "96,5% hộ dân được sử dụng điện lưới quốc gia", "82% hộ gia đình, 66% thôn, bản
  đạt tiêu chuẩn văn hóa" (the predicate at the end is shared by every figure before it).

Parts share their subject: after "Tỷ lệ trường chuẩn quốc gia: Mầm non 41%", "Tiểu học 43%" is the
same indicator for another level; after "diện tích cây chè 9.000 ha", "trồng mới 400 ha" is a part
of it. Plans also state targets inside their tasks ("tỷ lệ nợ xấu dưới 2%"); those are read with
stricter rules (an indicator noun must name them, and the sentence must not report a result).

Every fact's ``source`` is the exact slice of the normalised text from the indicator phrase to the
end of the figure, so a reader can always see what was read.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import Levenshtein

from chitieu.extract.facts import Fact, Period, Source
from chitieu.extract.plausibility import SHARE_WORDS, mark_decimal_doubt
from chitieu.extract.quantities import Quantity, find_quantities
from chitieu.extract.units import has_marks, match_per, strip_marks, tolerant_regex
from chitieu.text.footnotes import NOTES_HEADING

__all__ = ["extract_targets", "extract_targets_in_span", "find_target_sections", "period_of_text"]

try:  # the catalogue is optional: without it labels stay as written
    from chitieu.catalog.matcher import match_indicator as _match_indicator
    from chitieu.extract.naming import indicator_for_rate_unit, match_part
except ImportError:  # pragma: no cover - catalogue not installed
    _match_indicator = None  # type: ignore[assignment]


def _tol(words: Iterable[str]) -> str:
    """Each word as written or with every mark lost (a copy without diacritics), never with other marks.

    ("có" must not match "cơ" in "cơ quan"; "co" in a text without marks is still "có").
    """
    forms: set[str] = set()
    for w in words:
        forms.add(w)
        forms.add(strip_marks(w))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------

_SECTION_TITLES = ["chỉ tiêu chủ yếu", "chỉ tiêu chính", "chỉ tiêu cụ thể", "các chỉ tiêu", "mục tiêu cụ thể"]
_SECTION_HEAD = re.compile(
    r"^[ \t*_#]*(?P<marker>[IVXLC]+\.|[0-9]+(?:\.[0-9]+)*\.?|[a-zđ]\)|[A-Z]\.)?[ \t*_]*"
    r"(?:[^\n]{0,40}?)(?:"
    + _tol(_SECTION_TITLES)
    + r")"
    r"[^\n]{0,80}$",
    re.IGNORECASE | re.MULTILINE,
)
# a numbered short line, whose title may be one of the section titles that OCR damaged beyond what
# restoration could read back ("2. Mục tứa cụ thể" for "Mục tiêu cụ thể")
_NUMBERED_LINE = re.compile(
    r"^[ \t*_#]*(?P<marker>[IVXLC]+\.|[0-9]+(?:\.[0-9]+)*\.?|[a-zđ]\)|[A-Z]\.)[ \t*_]*(?P<title>[^\n]{6,100})$",
    re.IGNORECASE | re.MULTILINE,
)
_TITLE_WORDS = [strip_marks(title).split() for title in _SECTION_TITLES]
_DAMAGED_TITLE_SIMILARITY = 0.8  # of the folded title's first words to a section title (Levenshtein)
_LINE_MARKER = re.compile(
    r"^[ \t*_#]*(?P<marker>(?:Điều|Phần|Chương)\s+[0-9IVX]+|[IVXLC]+\.|[A-Z]\.|[0-9]+(?:\.[0-9]+)*\.(?![0-9])|"
    r"[a-zđ]\)|\([0-9]+\)\.?|[-+•])",
    re.MULTILINE,
)
_MAX_SECTION = 8000
# "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU …", "ĐÁNH GIÁ …": a heading over results (an evaluation table,
# an assessment), not over targets
_RESULT_HEAD = re.compile(
    r"(?<![^\W_])(?:"
    + _tol(["kết quả", "đánh giá", "tình hình thực hiện", "ước thực hiện"])
    + r")(?![^\W_])",
    re.IGNORECASE,
)


def _marker_rank(marker: str | None) -> int:
    """Outline depth of a line marker: Điều/Phần 0, I. 1, A. 1, 1. 2, a) 3, (1) 4, - 5."""
    if not marker:
        return 6
    if marker[0] in "ĐPC" and " " in marker:
        return 0
    if re.fullmatch(r"[IVXLC]+\.", marker) or re.fullmatch(r"[A-Z]\.", marker):
        return 1
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)*\.?", marker):
        return 2 + marker.rstrip(".").count(".")
    if marker.endswith(")") and not marker.startswith("("):
        return 3
    if marker.startswith("("):
        return 4
    return 5


def _plain_number(marker: str | None) -> int | None:
    """The number of a one-level "N." marker, else None."""
    m = re.fullmatch(r"([0-9]+)\.", marker or "")
    return int(m.group(1)) if m else None


# Items a numbered list may lack and still read as one list: an item OCR lost or garbled past
# reading, or a number the drafter skipped ("6." then "8."). A number met twice ("8." for "9.")
# continues it too; a smaller one, or one further on, is a sibling of the list's heading.
MAX_LOST_ITEMS = 2
# The capitals OCR reads for a digit at the head of a line, under heavy ink or low resolution
# ("B." for "8.").
_DIGIT_LOOKALIKES = {"B": 8, "S": 5, "G": 6, "Z": 2}


def _follows(number: int, last: int | None, sibling: int | None = None) -> bool:
    """Whether item ``number`` continues a list whose last item is ``last``: the next number; else
    the same again, or one after up to :data:`MAX_LOST_ITEMS` lost items, unless it is the number
    of the heading's next sibling (``sibling``: "3. Nhiệm vụ" after the items of "2. Các chỉ tiêu")."""
    if last is None:
        return False
    return number == last + 1 or (last <= number <= last + 1 + MAX_LOST_ITEMS and number != sibling)


def _lookalike_number(text: str, line_start: int, marker: str, last: int | None) -> int | None:
    """The item number a capital's marker stands for where OCR read a digit as that capital
    ("B. Giải quyết việc làm cho 22.000 lao động" after item 7): its digit continues the list,
    its line states a figure, and no line before it is marked with the letter before it (a
    genuine "B." section follows an "A." one)."""
    digit = _DIGIT_LOOKALIKES.get(marker[:1]) if re.fullmatch(r"[A-Z]\.", marker) else None
    if digit is None or not _follows(digit, last):
        return None
    line_end = text.find("\n", line_start)
    if not re.search(r"[0-9]", text[line_start + len(marker) : line_end if line_end >= 0 else len(text)]):
        return None
    before = re.escape(chr(ord(marker[0]) - 1))
    if re.search(rf"(?m)^[ \t*_#]*{before}\.\s", text[:line_start]):
        return None
    return digit


def _section_heads(text: str, end: int) -> list[tuple[str, str | None, int]]:
    """(line, list marker, where the line ends) of every heading of a target list before ``end``:
    those that name one, and numbered lines whose first words are one's title damaged by OCR."""
    heads = {m.start(): (m.group(0), m.group("marker"), m.end()) for m in _SECTION_HEAD.finditer(text, 0, end)}
    for m in _NUMBERED_LINE.finditer(text, 0, end):
        if m.start() in heads:
            continue
        words = strip_marks(m.group("title")).split()
        if any(
            len(words) <= len(title) + 6
            and Levenshtein.normalized_similarity(" ".join(words[: len(title)]), " ".join(title))
            >= _DAMAGED_TITLE_SIMILARITY
            for title in _TITLE_WORDS
        ):
            heads[m.start()] = (m.group(0), m.group("marker"), m.end())
    return [heads[start] for start in sorted(heads)]


def find_target_sections(text: str) -> list[tuple[int, int]]:
    """Spans of the "chỉ tiêu chủ yếu" lists: from the heading's next line to the next heading
    at the heading's level or above (the innermost such heading when they nest), and never into
    the footnotes gathered at the end (a note tells of the sentence its mark sits in)."""
    sections: list[tuple[int, int]] = []
    notes = text.rfind("\n" + NOTES_HEADING + "\n") + 1 or len(text)
    for line, marker, head_end in _section_heads(text, notes):
        if len(line.strip()) > 120 or line.count(";") or re.search(r"[0-9],[0-9]|%", line):
            continue  # a sentence mentioning targets, not a heading
        if _RESULT_HEAD.search(line):
            continue
        rank = _marker_rank(marker)
        head_number = int(marker.rstrip(".")) if marker and marker.rstrip(".").isdigit() else None
        body_start = head_end + 1
        end = min(notes, body_start + _MAX_SECTION)
        item_rank: int | None = None
        inner_last: int | None = None  # last number of a list numbered again from 1 at the head's depth
        last_number: int | None = None  # last number of any "N." item of the section
        for lm in _LINE_MARKER.finditer(text, body_start, end):
            r = _marker_rank(lm.group("marker"))
            number = _plain_number(lm.group("marker"))
            if number is None:  # "B." for "8.": an item of the list, at its depth
                number = _lookalike_number(text, lm.start("marker"), lm.group("marker"), last_number)
                r = r if number is None else _marker_rank("1.")
            if number is not None and r == _marker_rank("1."):
                last_number = number
            if (
                number is not None
                and r == rank
                and (number == 1 or _follows(number, inner_last, None if head_number is None else head_number + 1))
            ):
                # "2. Các chỉ tiêu chủ yếu / a) Chỉ tiêu kinh tế: / 1. … 2. … 13.": items, not siblings
                inner_last = number
                if item_rank is None:
                    item_rank = r + 1
                continue
            if item_rank is None:
                item_rank = r
                if r <= rank and rank != 6:
                    end = lm.start()
                    break
                continue
            if r <= min(rank, item_rank - 1) or (rank == 6 and r < item_rank):
                end = lm.start()
                break
        if body_start < end:
            sections.append((body_start, end))
    # keep the innermost of nested sections
    inner: list[tuple[int, int]] = []
    for s, e in sections:
        if any(s < s2 < e for s2, _ in sections if (s2, _) != (s, e)):
            continue
        inner.append((s, e))
    return inner


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------

_YEAR = r"((?:19|20)[0-9]{2})"
# "năm" as OCR without a Vietnamese model leaves it: "nam", "nim", "nãm"
_NAM = r"(?:" + tolerant_regex("năm") + r"|n[iîì]m)"


def ocr_words(words: Iterable[str]) -> str:
    """Alternation of ``words`` tolerant of lost or wrong marks and OCR letters (đ read as P/B)."""
    return "|".join(tolerant_regex(w).replace(tolerant_regex("năm"), _NAM) for w in words)


_PERIOD_TERM = re.compile(
    r"(?<![^\W_])("
    + ocr_words(["giai đoạn", "nhiệm kỳ", "thời kỳ"])
    + r")\s+"
    + _YEAR
    + r"\s*[-–]\s*"
    + _YEAR,
    re.IGNORECASE,
)
_PERIOD_BY = re.compile(
    r"(?<![^\W_])(?:" + ocr_words(["đến năm", "vào năm", "tới năm", "đến hết năm"]) + r")\s+" + _YEAR,
    re.IGNORECASE,
)
_PERIOD_YEAR = re.compile(r"(?<![^\W_])" + _NAM + r"\s+" + _YEAR, re.IGNORECASE)
# "so với năm 2020", "gấp 2 lần năm 2020": a base year, not the target's period
_BASE_BEFORE = re.compile(r"(?:" + ocr_words(["so với", "lần", "so"]) + r")\s*$", re.IGNORECASE)


def _term(word: str, first: int, last: int) -> Period:
    """A term labelled with the document's own word for it: "nhiệm kỳ 2025-2030", "giai đoạn 2026-2030"."""
    kind = {"n": "nhiệm kỳ", "t": "thời kỳ"}.get(strip_marks(word).lower()[:1], "giai đoạn")
    return Period(dt.date(first, 1, 1), dt.date(last, 12, 31), f"{kind} {first}-{last}")


def _periods_in(text: str) -> list[tuple[int, Period]]:
    """Period phrases of ``text`` (not base years, not inside parentheses) as (start, period)."""
    found: list[tuple[int, Period]] = []
    taken: list[tuple[int, int]] = []
    for pattern, make in (
        (_PERIOD_TERM, lambda m: _term(m.group(1), int(m.group(2)), int(m.group(3)))),
        (
            _PERIOD_BY,
            lambda m: Period(
                dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(1)), 12, 31), f"đến năm {m.group(1)}"
            ),
        ),
        (_PERIOD_YEAR, lambda m: Period.year(int(m.group(1)))),
    ):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if _BASE_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            if text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
                continue  # "(theo chuẩn nghèo giai đoạn 2022-2025)": a note, not the period
            taken.append(m.span())
            found.append((m.start(), make(m)))
    found.sort(key=lambda sp: sp[0])
    return found


def period_of_text(text: str, default: Period | None = None) -> Period | None:
    """The period a phrase sets: "bình quân giai đoạn 2021-2025" → the term, "đến năm 2030" →
    2030, "năm 2023" → that year; ``default`` when it names none."""
    found = _periods_in(text)
    if not found:
        return default
    # a term wins over a year inside it ("bình quân giai đoạn 2026-2030 … năm 2030")
    kinds = [p for _s, p in found if not p.label.startswith("năm ")] or [p for _s, p in found]
    return _anchored(kinds[0], default)


def _anchored(period: Period, default: Period | None) -> Period:
    """ "đến năm 2030" runs from the start of the document's period (the term) to 2030."""
    if period.label.startswith("đến năm"):
        year = period.end.year
        start = default.start if default and default.start.year <= year else dt.date(year, 1, 1)
        return Period(start, period.end, period.label)
    return period


def _document_period(text: str) -> Period | None:
    """The plan year of a resolution or plan: the first "năm YYYY" of its title or target heading."""
    for head in _SECTION_HEAD.finditer(text):
        found = period_of_text(head.group(0))
        if found:
            return found
    # title lines (before "Căn cứ"): "KẾ HOẠCH … NĂM 2018"
    cut = re.search(tolerant_regex("Căn cứ"), text, re.IGNORECASE)
    title = _DATE_PHRASE.sub(" ", text[: cut.start() if cut else 1500])
    return period_of_text(title)


_DATE_PHRASE = re.compile(
    r"(?:"
    + _tol(["ngày"])
    + r")\s+[0-9]{1,2}\s+(?:"
    + _tol(["tháng"])
    + r")\s+[0-9]{1,2}\s+(?:"
    + _tol(["năm"])
    + r")\s+[0-9]{4}",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------

# Nouns that open an indicator's name: a phrase starting with one names an indicator by itself.
_HEAD_WORDS = [
    "tỷ lệ", "tỉ lệ", "tỷ suất", "tốc độ", "tổng", "số", "diện tích", "sản lượng", "giá trị", "thu",
    "chi", "GRDP", "GDP", "kim ngạch", "mức giảm", "giảm", "tăng", "cơ cấu", "năng suất", "thu nhập",
    "vốn", "doanh thu", "dân số", "mật độ", "độ che phủ", "giải quyết việc làm", "giải quyết",
    "đào tạo", "chỉ số", "huy động", "tuổi thọ", "quy mô", "tạo việc làm", "xuất khẩu", "nhập khẩu",
    "lượt khách", "khách du lịch", "số lượng", "trọng lượng", "bình quân", "thu hút", "tuyển sinh",
    "cây", "đàn", "sản xuất", "mức", "chỉ tiêu",
]  # fmt: skip
_HEAD_RE = re.compile(r"^(?:" + _tol(_HEAD_WORDS) + r")(?![^\W_])", re.IGNORECASE)
# "Đến năm 2030, …", "Hằng năm có …", "Trong giai đoạn 2026-2030, …": when, not what
_WHEN = (
    r"(?:(?:"
    + ocr_words(["đến", "vào", "trong", "tới", "đến hết"])
    + r")\s+)?(?:"
    + _NAM
    + r"\s+"
    + _YEAR
    + r"|(?:"
    + ocr_words(["giai đoạn", "nhiệm kỳ", "thời kỳ"])
    + r")\s+"
    + _YEAR
    + r"\s*[-–]\s*"
    + _YEAR
    + r"|"
    + ocr_words(["hằng năm", "hàng năm", "mỗi năm", "từng năm", "trong nhiệm kỳ", "cả nhiệm kỳ"])
    + r")(?![^\W_])"
)
_LEAD_CONNECTORS = re.compile(
    r"^(?:\([0-9]+\)\.?|[0-9]+\.(?=\s)|[\s,;:.()\-–+*•|]|"
    + _WHEN
    + r"|(?:"
    + _tol(
        [
            "trong đó",
            "riêng",
            "và",
            "phấn đấu",
            "đạt",
            "toàn tỉnh",
            "tiếp tục",
            "cụ thể",
            "gồm",
            "bao gồm",
            "có",
        ]
    )
    # "…, nâng tổng số xã đạt chuẩn lên 55 xã": the total is the indicator, "nâng" its verb
    + r")(?![^\W_])|(?:"
    + _tol(["nâng"])
    + r")\s+(?=(?:"
    + _tol(["tổng"])
    + r")(?![^\W_])))+",
    re.IGNORECASE,
)
_TRAIL_CONNECTORS = re.compile(
    r"(?:[\s,;:(\-–|]|(?<![^\W_])"
    + _WHEN
    + r"|(?<![^\W_])(?:"
    + _tol(
        [
            "đạt",
            "là",
            "phấn đấu",
            "phấn đấu đạt",
            "ước",
            "trong đó",
            "khoảng",
            "ở mức",
            "với",
            "có",
            "đến",
            "cho",
        ]
    )
    + r")(?![^\W_]))+$",
    re.IGNORECASE,
)
# "…, trong đó các huyện nghèo giảm 5%": a part of the indicator just stated
_SUBPART_BEFORE = re.compile(r"(?:" + _tol(["trong đó", "riêng"]) + r")[\s:,]*$", re.IGNORECASE)
_PREDICATE = re.compile(
    r"(?<![^\W_])(?:" + _tol(["đạt", "được", "có", "sử dụng", "hoàn thành"]) + r")(?![^\W_])", re.IGNORECASE
)
_HARD_BREAK = re.compile(r";|\.(?=\s)|\n")
_ACTUAL_MARKERS = re.compile(
    r"(?<![^\W_])(?:"
    + _tol(
        ["ước đạt", "ước thực hiện", "ước tính", "dự ước", "đã đạt", "đã", "so với cùng kỳ", "thực hiện được"]
    )
    + r")(?![^\W_])",
    re.IGNORECASE,
)
_EXCLUDED_UNITS = {"năm", "tháng", "ngày", "giờ", "tuổi", "kV", "lần", "điểm %", None}
_COUNT_UNITS = {
    "xã",
    "hộ",
    "người",
    "lao động",
    "huyện",
    "thôn",
    "bản",
    "trường",
    "doanh nghiệp",
    "hợp tác xã",
}
_COMPOUND_UNIT = re.compile(r"/")
# a label that is only a verb: the figure comes first and the indicator follows it
_VERB_LABELS = {
    strip_marks(w): w for w in ["hoàn thành", "thêm", "tăng thêm", "có thêm", "duy trì", "trồng mới", "trồng"]
}
_AREA_UNITS = {"ha", "nghìn ha", "km²", "m²"}
_MAX_LABEL_WORDS = 14


def _clean(label: str) -> str:
    label = _LEAD_CONNECTORS.sub("", label)
    label = _TRAIL_CONNECTORS.sub("", label)
    label = re.sub(r"\s+", " ", label).strip(" ,;:.()*_")
    return label


def _has_head(label: str) -> bool:
    return bool(_HEAD_RE.match(label))


def _capitalise(label: str) -> str:
    return label[:1].upper() + label[1:] if label else label


@dataclass
class _Draft:
    """A target being read: its quantity, its label and the span that states it."""

    q: Quantity
    label: str = ""
    label_start: int = -1
    label_end: int = -1
    subject: str | None = None  # the shared subject when the label is a part ("Mầm non")
    part: str | None = None
    leading: bool = False  # figure first: "96,5% hộ dân …"
    absorbed: bool = False  # a qualifier of the previous figure ("07 xã đạt 15-18 tiêu chí")
    verb: str | None = None  # "hoàn thành 100% chỉ tiêu tuyển quân": the verb before the figure
    verb_start: int = -1
    parent: _Draft | None = None  # the draft whose subject a part shares
    period: Period | None = None  # resolved when the fact is made; parts inherit it
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def start(self) -> int:
        start = min(self.q.start, self.label_start) if self.label_start >= 0 else self.q.start
        return min(start, self.verb_start) if self.verb_start >= 0 else start

    @property
    def end(self) -> int:
        return max(self.q.end, self.label_end)


def _last_break(chunk: str) -> re.Match[str] | None:
    last = None
    for last in _HARD_BREAK.finditer(chunk):  # noqa: B007 - the last one is wanted
        pass
    return last


def _split_between(text: str, a: int, b: int) -> tuple[int, int]:
    """Split the text between two figures into (end of the first's trailing label, start of the
    second's leading label): at the last hard break, else at the last comma."""
    chunk = text[a:b]
    hard = _last_break(chunk)
    if hard is not None:
        return a + hard.start(), a + hard.end()
    comma = chunk.rfind(",")
    if comma >= 0:
        return a + comma, a + comma + 1
    return a, a


_LIST_JOIN = re.compile(r"(?:,|(?<![^\W_])(?:" + _tol(["và"]) + r"))[ \t]*$", re.IGNORECASE)


def _joined_to_list(text: str, a: int, b: int) -> int | None:
    """Where the words between two figures end, when the second figure is joined to the first by a
    comma or "và" with no hard break between them: a list of figures each first in its clause."""
    chunk = text[a:b]
    if _HARD_BREAK.search(chunk):
        return None
    join = _LIST_JOIN.search(chunk)
    return a + join.start() if join else None


def _span_of(text: str, start: int, end: int, strip_lead: bool = True) -> tuple[str, int, int]:
    """The cleaned label inside ``text[start:end]`` and its exact span."""
    raw = text[start:end]
    open_paren = raw.rfind("(")
    if open_paren >= 0 and ")" not in raw[open_paren:]:
        start, raw = start + open_paren + 1, raw[open_paren + 1 :]
    lead = _LEAD_CONNECTORS.match(raw) if strip_lead else re.match(r"[\s,;:.()\-–+*•]*", raw)
    s = start + (lead.end() if lead else 0)
    trail = _TRAIL_CONNECTORS.search(text[s:end])
    e = s + trail.start() if trail else end
    while s < e and text[s] in " ,;:.()*_":
        s += 1
    while e > s and text[e - 1] in " ,;:.(*_":
        e -= 1
    return re.sub(r"\s+", " ", text[s:e]), s, e


def _rate_after_words(text: str, q: Quantity, end: int) -> Quantity:
    """ "16 tiêu chí nông thôn mới/xã": the denominator after the counted thing's words.

    Taken only when the unit it makes names a catalogue indicator ("tiêu chí/xã"), so that
    "/năm" after an ordinary phrase does not turn a count into a rate.
    """
    if q.per is not None or q.unit is None or q.unit in ("%", "‰") or _match_indicator is None:
        return q
    words = _WORDS_BEFORE_PER.match(text, q.end, end)
    if words is None:
        return q
    per = match_per(text, words.end(), end)
    if per is None or indicator_for_rate_unit(q.unit + per.per) is None:
        return q
    return replace(q, per=per.per, end=per.end)


_WORDS_BEFORE_PER = re.compile(r"[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,4}(?=[ \t]*/)")


# "cả 3 tiêu chí", "cả hai cấp": a count after "cả" (all of) says the scope of the name
_ALL_OF_BEFORE = re.compile(r"(?<![^\W_])(?:" + _tol(["cả"]) + r")[ \t]+$", re.IGNORECASE)


def _all_of_before(text: str, start: int, end: int) -> bool:
    """ "cả" (all of) right before a count; "ca" only where the text lost its marks ("Mắc ca 750 ha")."""
    found = _ALL_OF_BEFORE.search(text[start:end])
    if found is None:
        return False
    return found.group(0).strip().lower() == "cả" or not has_marks(text, max(0, start - 40), end)


_LIFE_SPAN = re.compile(r"(?<![^\W_])(?:" + _tol(["tuổi thọ"]) + r")(?![^\W_])", re.IGNORECASE)


def _is_life_span(text: str, start: int, q: Quantity) -> bool:
    """ "tuổi thọ bình quân đạt 70 tuổi": an age is a figure only where its clause names a life span
    (elsewhere "trẻ em dưới 5 tuổi" says whom a rate counts)."""
    if q.unit != "tuổi":
        return False
    before = text[start : q.start]
    hard = _last_break(before)
    return bool(_LIFE_SPAN.search(before, hard.end() if hard else 0))


def _read_item(text: str, start: int, end: int, prose: bool) -> list[_Draft]:
    quantities = [
        _rate_after_words(text, q, end)
        for q in find_quantities(text, start, end)
        if (q.unit not in _EXCLUDED_UNITS or q.per or _is_life_span(text, start, q))
        and not (q.unit not in ("%", "‰") and _all_of_before(text, max(start, q.start - 12), q.start))
    ]
    drafts = [_Draft(q) for q in quantities]
    prev_end = start
    for i, d in enumerate(drafts):
        split_end, split_start = _split_between(text, prev_end, d.q.start) if i else (start, start)
        if i and drafts[i - 1].leading and (join := _joined_to_list(text, prev_end, d.q.start)) is not None:
            # "78% thôn, bản, khu phố và 98% cơ quan …": the words between name the first figure
            split_end, split_start = join, d.q.start
        if i == 0:
            # the first figure's label starts after the last hard break before it
            hard = _last_break(text[start : d.q.start])
            split_start = start + (hard.end() if hard else 0)
        else:
            prev = drafts[i - 1]
            if prev.leading and split_end > prev.q.end:
                label, ls, le = _span_of(text, prev.q.end, split_end, strip_lead=False)
                if label:
                    prev.label, prev.label_start, prev.label_end = label, ls, le
            between = text[prev.q.end : d.q.start]
            if prev.leading and not re.search(r"[,;.]", between) and prev.q.unit in _COUNT_UNITS:
                d.absorbed = True
        label, ls, le = _span_of(text, split_start, d.q.start)
        words = label.split()
        if len(words) > _MAX_LABEL_WORDS and "," in text[ls : d.q.start]:
            cut = text.rfind(",", ls, d.q.start)
            tail = _span_of(text, cut + 1, d.q.start)
            # "Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn an toàn về an ninh, trật tự": one name
            if _has_head(tail[0]) or not _has_head(label):
                label, ls, le = tail
        if label.lower() in {"tỷ lệ", "tỉ lệ"}:
            d.extra["prefix"] = "Tỷ lệ"
            label = ""
        elif (verb := _verb_label(text, label, ls)) is not None and re.match(
            r"[ \t]+[^\W\d_]", text[d.q.end : d.q.end + 3]
        ):
            # the indicator follows the figure ("hoàn thành 100% chỉ tiêu tuyển quân", "Xây dựng
            # nông thôn mới: có thêm 06 xã đạt chuẩn …"); with nothing after it the verb names a
            # part ("diện tích chè 9.862 ha, trồng mới 395 ha")
            d.verb, d.verb_start = verb
            label = ""
        if label:
            d.label, d.label_start, d.label_end = label, ls, le
        else:
            d.leading = True
        prev_end = d.q.end
    _drop_digits_read_for_a_word(text, start, drafts)
    if drafts and drafts[-1].leading:
        last = drafts[-1]
        chunk = text[last.q.end : end]
        hard = _HARD_BREAK.search(chunk)
        stop = last.q.end + (hard.start() if hard else len(chunk))
        label, ls, le = _span_of(text, last.q.end, stop, strip_lead=False)
        if label:
            last.label, last.label_start, last.label_end = label, ls, le
    _absorb_qualifiers(text, drafts)
    _share_predicates(text, drafts)
    _share_subjects(text, drafts, prose)
    return [d for d in drafts if not d.absorbed]


_MARKER_ONLY = re.compile(r"\s*(?:\(?[0-9]+[.)]\s*)?")


def _drop_digits_read_for_a_word(text: str, start: int, drafts: list[_Draft]) -> None:
    """An item opened by a figure, then in the same clause a verb's figure of the same measure
    ("11. 86 giường bệnh trên 1 vạn dân đạt 32 giường"): no item states one measure twice in a
    clause, so the first is digits OCR read for the item's first word ("Số"), and the words after
    it name the verb's figure."""
    if len(drafts) < 2:
        return
    first, second = drafts[0], drafts[1]
    if not (
        first.leading
        and not second.label
        and second.q.modifiers
        and not re.search(r"[,;.:]", text[first.q.end : second.q.start])
        and first.q.unit
        and second.q.unit
        and first.q.unit.split("/")[0] == second.q.unit.split("/")[0]
        and _MARKER_ONLY.fullmatch(text, start, first.q.start)
    ):
        return
    label, ls, le = _span_of(text, first.q.number_end, second.q.start)
    if label:
        first.absorbed, second.absorbed = True, False  # the second is no qualifier of the first
        second.label, second.label_start, second.label_end, second.leading = label, ls, le, False


_HAVE_BEFORE = re.compile(r"(?<![^\W_])(?:" + _tol(["có"]) + r")\s+$", re.IGNORECASE)


def _verb_label(text: str, label: str, start: int) -> tuple[str, int] | None:
    """(verb, where it starts) when ``label`` is only a verb, or ends with one after "," or ":".

    The span takes a "có" before "thêm" ("Có thêm 06 xã …"), which the label's cleaning drops.
    """
    cut = max(label.rfind(","), label.rfind(":"))
    tail = label[cut + 1 :].strip() if cut >= 0 else label
    verb = _VERB_LABELS.get(strip_marks(_clean(tail)))
    if verb is None:
        return None
    at = start + cut + 1 if cut >= 0 else start
    at = text.find(tail, at) if tail else at
    have = _HAVE_BEFORE.search(text, max(0, at - 4), at)
    return verb, have.start() if have else at


def _absorb_qualifiers(text: str, drafts: list[_Draft]) -> None:
    """ "07 xã đạt từ 15-18 tiêu chí": the range qualifies the count, it is no target of its own."""
    for i, d in enumerate(drafts):
        if d.absorbed and i:
            owner = drafts[i - 1]
            while owner.absorbed and drafts.index(owner) > 0:
                owner = drafts[drafts.index(owner) - 1]
            label, ls, le = _span_of(text, owner.q.end, d.end, strip_lead=False)
            owner.label, owner.label_start, owner.label_end = label, ls, le


def _share_predicates(text: str, drafts: list[_Draft]) -> None:
    """ "86% hộ gia đình, 74% thôn, bản đạt tiêu chuẩn văn hóa": the predicate belongs to both."""
    run: list[_Draft] = []
    for d in [*drafts, None]:
        if (
            d is not None
            and d.leading
            and d.label
            and (not run or not _HARD_BREAK.search(text[run[-1].end : d.start]))
        ):
            run.append(d)
            continue
        if len(run) > 1:
            last = run[-1]
            pred = _PREDICATE.search(last.label)
            if pred:
                predicate = last.label[pred.start() :]
                for r in run[:-1]:
                    if not _PREDICATE.search(r.label):
                        r.label = f"{r.label} {predicate}"
        run = [d] if d is not None and d.leading and d.label else []


def _share_subjects(text: str, drafts: list[_Draft], prose: bool) -> None:
    """Parts take the subject of the indicator they belong to (see the module docstring)."""
    previous: _Draft | None = None
    for d in drafts:
        if d.absorbed:
            continue
        if d.leading:
            if d.extra.get("prefix"):
                d.label = f"{d.extra['prefix']} {d.label}".strip()
            previous = d
            continue
        raw = text[d.label_start : d.label_end] if d.label_start >= 0 else d.label
        before = text[max(0, d.label_start - 12) : d.label_start] if d.label_start >= 0 else ""
        is_subpart = bool(_SUBPART_BEFORE.search(before))
        if ":" in raw:
            subject, _, part = d.label.partition(":")
            subject, part = subject.strip(), part.strip()
            if subject and part and _has_head(subject):
                d.subject, d.part = subject, part
                d.parent = None
                previous = d
                continue
            if subject and part and not _has_head(subject) and previous is not None:
                d.label = part if _has_head(part) else d.label
        if previous is not None and not prose and not _has_head(d.label):
            parent = previous.subject or previous.label
            if parent:
                d.subject, d.part, d.parent = parent, d.label, previous
                d.label = f"{parent}: {d.label}"
        elif previous is not None and is_subpart and not _has_head(d.label):
            parent = previous.subject or previous.label
            d.subject, d.part, d.parent = parent, d.label, previous
            d.label = f"{parent}: {d.label}"
        if d.subject is None:
            previous = d
        if d.subject and ":" not in d.label:
            d.label = f"{d.subject}: {d.part}"


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


def _label_for(d: _Draft) -> str:
    label = d.label
    q = d.q
    if not label:
        if q.full_unit and _COMPOUND_UNIT.search(q.full_unit):
            label = f"Số {q.full_unit}" + (" bình quân" if "bình quân" in q.modifiers else "")
        else:
            return ""
    if d.leading and d.label:
        first = strip_marks(label.split(" ", 1)[0])
        if d.verb and q.unit in {"%", "‰"}:
            label = f"Tỷ lệ {d.verb} {label}"  # "hoàn thành 100% chỉ tiêu tuyển quân"
        elif d.verb and q.unit in _AREA_UNITS:
            label = f"Diện tích {d.verb} {label}"  # "trồng mới 1.200 ha rừng tập trung"
        elif d.verb:
            label = f"{label} tăng thêm" if "thêm" in d.verb else f"{label} {d.verb}"
            first = strip_marks(label.split(" ", 1)[0])
        if d.verb and (q.unit in {"%", "‰"} or q.unit in _AREA_UNITS):
            pass
        elif q.unit in _COUNT_UNITS and q.denominator is None and first != strip_marks(q.unit or ""):
            label = f"Số {q.unit} {label}"
        elif q.unit in _COUNT_UNITS and q.denominator is None:
            label = f"Số {label}"
        elif q.unit in {"%", "‰"} and not _has_head(label) and not d.extra.get("prefix"):
            label = f"Tỷ lệ {label}"
    if (
        q.kind == "change"
        and not d.subject
        and not re.search(tolerant_regex("tăng") + "|" + tolerant_regex("giảm"), label, re.I)
    ):
        label = ("Tốc độ tăng " if q.direction == "up" else "Mức giảm ") + label[:1].lower() + label[1:]
    elif q.kind == "change" and q.direction == "down" and d.leading:
        label = "Giảm " + label
    return _capitalise(label)


def _catalogue(label: str, unit: str | None, d: _Draft) -> tuple[str | None, str, float]:
    """(code, name, confidence) from the catalogue, or (None, label, base confidence)."""
    if _match_indicator is None:
        return None, label, 0.8
    try:
        match = match_part(d.subject, d.part, label, unit) if d.subject and d.part else None
        if match is None:
            match = _match_indicator(label, unit)
        # "bình quân đạt 16 tiêu chí nông thôn mới/xã": the rate unit names the indicator
        by_unit = indicator_for_rate_unit(unit)
    except Exception:  # the catalogue must never stop extraction
        match, by_unit = None, None
    if by_unit is not None and (match is None or match.code != by_unit.code):
        return by_unit.code, by_unit.name, 0.8
    if match is None:
        return None, label, 0.7
    return match.code, match.name, min(1.0, 0.5 + 0.5 * match.score)


_SHARE_LABEL = re.compile(SHARE_WORDS, re.IGNORECASE)


EVERY_YEAR = re.compile(
    r"(?<![^\W_])(?:" + ocr_words(["hằng năm", "hàng năm", "mỗi năm", "từng năm"]) + r")(?![^\W_])",
    re.IGNORECASE,
)
_AVERAGE_BEFORE = re.compile(r"(?:" + ocr_words(["bình quân", "trung bình"]) + r")\s*$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"\.(?=\s)|\n")
_ITEM_LEAD_END = re.compile(r"[,:;]|[0-9]")
_AFTER_WINDOW = 30
# what opens an item before its words: its marker, blanks, "phấn đấu"
_ITEM_HEAD = re.compile(
    r"(?:\([0-9]+\)\.?|[0-9]+\.(?=\s)|[\s*_•+\-–|]|(?:" + ocr_words(["phấn đấu", "trong"]) + r")\s)*",
    re.IGNORECASE,
)


def _clause_bounds(text: str, d: _Draft, scope_start: int) -> tuple[int, int]:
    """The clause of a figure: from the last hard break before it (not before its item) to the next."""
    clause_start = scope_start
    for brk in _HARD_BREAK.finditer(text, scope_start, d.start):
        clause_start = brk.end()
    nxt = _HARD_BREAK.search(text, d.end)
    return clause_start, nxt.start() if nxt else len(text)


def _fact_period(
    text: str, d: _Draft, scope_start: int, clause_end: int, default: Period | None
) -> Period | None:
    """The period a target is set for, nearest first: named inside its own span ("bình quân giai
    đoạn 2026-2030 đạt …"), right after its figure ("… đạt 70% vào năm 2030"), by the subject it
    is a part of ("Cơ cấu kinh tế đến năm 2030: …; dịch vụ 40%"), or at the head of its item
    ("Đến năm 2030, 100% xã …; …"); else the document's (a term for a Party Congress).

    A period elsewhere before the figure qualifies something else ("các xã đạt chuẩn theo kế
    hoạch đến năm 2025, trong đó phấn đấu 07 xã …" sets a target for the plan year).
    """
    own = _periods_in(text[d.start : d.end])
    if own:
        terms = [p for _s, p in own if not p.label.startswith("năm ")]
        return _anchored((terms or [p for _s, p in own])[0], default)
    after_end = min(clause_end, d.end + _AFTER_WINDOW)
    after = text[d.end : after_end].split("(", 1)[0]
    found = _periods_in(after)
    if found:
        return _anchored(found[0][1], default)
    if d.parent is not None and d.parent.period is not None:
        return d.parent.period
    if d.subject:
        found = _periods_in(d.subject)
        if found:
            return _anchored(found[0][1], default)
    head = _ITEM_HEAD.match(text, scope_start, d.start)
    if head is not None:
        found = _periods_in(text[head.end() : d.start])
        if found and found[0][0] == 0:
            return _anchored(found[0][1], default)
    return default


def _is_every_year(text: str, scope_start: int, clause_start: int, clause_end: int) -> bool:
    """ "hằng năm", "mỗi năm" in the figure's clause or in the lead of its item ("Hằng năm, …");
    not "bình quân hằng năm" (an average over the term)."""
    lead = _ITEM_LEAD_END.search(text, scope_start, clause_end)
    spans = [(clause_start, clause_end), (scope_start, lead.start() if lead else scope_start)]
    for s, e in spans:
        for m in EVERY_YEAR.finditer(text, s, e):
            if not _AVERAGE_BEFORE.search(text[max(s, m.start() - 14) : m.start()]):
                return True
    return False


def _to_fact(
    text: str, d: _Draft, document: str, period: Period | None, prose: bool, item_start: int = 0
) -> Fact | None:
    label = _label_for(d)
    if not label:
        return None
    q = d.q
    unit = q.full_unit
    kind: str = q.kind
    direction = q.direction
    if kind == "change" and direction == "down" and q.unit in {"%", "‰"} and _SHARE_LABEL.search(label):
        # "tỷ lệ hộ nghèo giảm bình quân 3-4%/năm": an amount of reduction, the more the better
        kind, direction = "reduction_amount", "up"
        if not re.match(tolerant_regex("mức giảm"), label, re.IGNORECASE):
            label = "Mức giảm " + label[:1].lower() + label[1:]
    elif kind == "reduction_amount":
        direction = "up"
    code, name, confidence = _catalogue(label, unit, d)
    if prose:
        confidence *= 0.85
    start, end = d.start, d.end
    if code is not None and not has_marks(text, start, end) and has_marks(name, 0, len(name)):
        confidence *= 0.95  # the name was restored from a text that lost its marks
    scope_start = item_start
    if prose:
        for brk in _SENTENCE_BREAK.finditer(text, item_start, start):
            scope_start = brk.end()
    clause_start, clause_end = _clause_bounds(text, d, scope_start)
    fact_period = d.period = _fact_period(text, d, scope_start, clause_end, period)
    extra: dict[str, object] = {
        "label_as_written": label,
        "quantity_kind": kind,
        "section": "text" if prose else "list",
    }
    if _is_every_year(text, scope_start, clause_start, clause_end):
        extra["every_year"] = True  # judged year by year (the evaluation engine reads it)
    if direction:
        extra["direction"] = direction
    if q.denominator is not None:
        extra["denominator"] = q.denominator
    fact = Fact(
        kind="target",
        label=name,
        indicator=code,
        value=q.value,
        value_high=q.value_high,
        comparator=q.comparator,
        unit=unit,
        period=fact_period,
        confidence=confidence,
        source=Source(document, start, end, text[start:end]),
        extra=extra,
    )
    mark_decimal_doubt(fact)  # "Tỷ lệ hộ nghèo 1032%": kept as written, flagged
    return fact


_ITEM_START = re.compile(
    r"(?m)^[ \t*_]*(?:\([0-9]+\)\.?|[0-9]+\.(?![0-9])|[-+•])"
    # items that OCR or a text export joined into one line: "… trong nhiệm kỳ. (16) Tỷ lệ …"
    r"|(?<=[.;:|] )(?:\([0-9]{1,2}\)|[0-9]{1,2}\.(?= [^\W\d_]))"
)


_CAPITAL_MARKER = re.compile(r"(?m)^[ \t*_]*(?P<marker>[A-Z]\.)(?= )")


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a list section: one per "(N)", "N." or "-" line (or the whole span), and one per
    line whose number OCR read as a capital ("B." for "8.": :func:`_lookalike_number`)."""
    numbered = {m.start(): _plain_number(m.group().strip(" \t*_")) for m in _ITEM_START.finditer(text, start, end)}
    for m in _CAPITAL_MARKER.finditer(text, start, end):
        last = next((n for s, n in sorted(numbered.items(), reverse=True) if s < m.start() and n is not None), None)
        if (number := _lookalike_number(text, m.start("marker"), m.group("marker"), last)) is not None:
            numbered[m.start()] = number
    starts = sorted(numbered)
    if not starts or starts[0] > start:
        starts.insert(0, start)
    return [(s, starts[i + 1] if i + 1 < len(starts) else end) for i, s in enumerate(starts)]


def extract_targets_in_span(
    text: str, start: int, end: int, document_name: str, period: Period | None, *, prose: bool = True
) -> list[Fact]:
    """Targets stated inside ``text[start:end]`` (a task of a plan, a paragraph).

    ``prose`` (the default) applies the stricter rules for running text: an indicator noun must
    name the figure and the sentence must not report a result.
    """
    facts: list[Fact] = []
    for s, e in _items(text, start, end) if not prose else [(start, end)]:
        accepted_end = -1
        for d in _read_item(text, s, e, prose):
            # "(cây Quế 1.850 ha, Sơn tra 310 ha)": a figure in the same run as an accepted one
            in_run = (
                accepted_end >= 0 and re.fullmatch(r"[\s,]*", text[accepted_end : d.label_start]) is not None
            )
            if prose and not in_run and not _prose_target(text, d, period):
                continue
            fact = _to_fact(text, d, document_name, period, prose, s)
            if (
                prose
                and fact is not None
                and fact.period is not None
                and period is not None
                and fact.period.end < period.start
            ):
                continue  # "Năm 2024, … thu ngân sách đạt 2.860 tỷ đồng": a result of a past year
            accepted_end = d.end
            if fact is not None:
                facts.append(fact)
    return facts


_BARE_HEADS = {"tong so", "so", "tong", "so luong", "tong so luong"}
_STRONG_HEAD = re.compile(
    r"(?<![^\W_])(?:"
    + _tol(
        [
            "tỷ lệ",
            "tỉ lệ",
            "tỷ suất",
            "tốc độ",
            "tổng",
            "số",
            "diện tích",
            "sản lượng",
            "giá trị",
            "kim ngạch",
            "GRDP",
            "mức giảm",
            "thu ngân sách",
        ]
    )
    + r")(?![^\W_])",
    re.IGNORECASE,
)
# "Số giường bệnh trên 1 vạn dân", "bác sỹ/10.000 dân": a rate's denominator, the one figure an
# indicator's name may hold
_PER_POPULATION = re.compile(
    r"(?:/|(?<![^\W_])" + _tol(["trên"]) + r")\s*(?:1|10|100)(?:[.,]000)*\s*(?:(?:"
    + _tol(["vạn", "nghìn", "ngàn"])
    + r")\s+)?(?:"
    + _tol(["dân", "người", "trẻ"])
    + r")(?![^\W_])",
    re.IGNORECASE,
)
_BASE_YEAR = re.compile(r"(?:" + _tol(["so với năm", "so với", "năm"]) + r")\s+$", re.IGNORECASE)


def _prose_target(text: str, d: _Draft, period: Period | None) -> bool:
    if d.label and not d.leading and not _has_head(d.label):
        # "đảm bảo tỷ lệ nợ xấu …": the indicator starts at its head noun
        head = _STRONG_HEAD.search(d.label)
        if head is not None:
            d.label_start = text.find(d.label[head.start() :], d.label_start)
            d.label = d.label[head.start() :]
    if not (d.label and (_has_head(d.label) or d.extra.get("prefix"))):
        return False
    if re.search(r"[0-9]", _PER_POPULATION.sub("", d.label)):  # "bão số 3 làm …": an identifier, not an indicator
        return False
    if strip_marks(d.label) in _BARE_HEADS:  # "Tổng số 3.834 suất": names nothing
        return False
    clause_start = d.start
    for brk in _HARD_BREAK.finditer(text, max(0, d.start - 200), d.start):
        clause_start = brk.end()
    clause_end_m = _HARD_BREAK.search(text, d.end)
    clause = text[clause_start : clause_end_m.start() if clause_end_m else len(text)]
    if _ACTUAL_MARKERS.search(clause):
        return False
    if period is not None:
        for ym in re.finditer(r"(?:19|20)[0-9]{2}", clause):
            y = int(ym.group())
            if y < period.start.year and not re.search(
                r"(?:" + _tol(["so với"]) + r")\s+(?:\S+\s+)?$", clause[: ym.start()], re.I
            ):
                return False
    return True


def extract_targets(
    text: str,
    document_name: str,
    period: Period | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
    *,
    prose: bool = True,
) -> list[Fact]:
    """Every target of a resolution or plan, with its source span in ``text``.

    ``spans`` are the target lists (default: the "chỉ tiêu chủ yếu" sections found in ``text``);
    targets stated in the rest of the text are read with the prose rules and kept when they do
    not repeat a listed target (``prose=False`` skips them, e.g. for a plan whose task extractor
    reads them with their task). ``period`` defaults to the plan year named by the document.
    """
    if period is None:
        period = _document_period(text)
    sections = list(spans) if spans is not None else find_target_sections(text)
    from chitieu.extract.plan_tables import table_targets  # it reads its cells with this module's words

    facts, table_rows = table_targets(text, document_name, period)
    for s, e in sections:
        # "Các chỉ tiêu chủ yếu đến năm 2030": the list's heading names its period
        heading = text[text.rfind("\n", 0, max(0, s - 1)) + 1 : s]
        facts.extend(
            f
            for f in extract_targets_in_span(text, s, e, document_name, period_of_text(heading, period), prose=False)
            if not _on_rows(f, table_rows)
        )
    listed = {_identity(f) for f in facts}
    cursor = _body_start(text)
    gaps: list[tuple[int, int]] = []
    for s, e in sorted(sections):
        if cursor < s:
            gaps.append((cursor, s))
        cursor = max(cursor, e)
    gaps.append((cursor, len(text)))
    for s, e in gaps if prose else []:
        for fact in extract_targets_in_span(text, s, e, document_name, period, prose=True):
            if _identity(fact) not in listed and not _on_rows(fact, table_rows):
                facts.append(fact)
    facts.sort(key=lambda f: f.source.start)
    return facts


def _identity(fact: Fact) -> tuple[object, ...]:
    """What makes two statements of a target the same target (a task repeating a listed one)."""
    name = fact.indicator or strip_marks(str(fact.extra.get("label_as_written", fact.label)))
    return (fact.value, fact.value_high, fact.unit, name)


def _on_rows(fact: Fact, rows: list[tuple[int, int]]) -> bool:
    """Is the fact read from a table row (whose columns only the table readers understand)?"""
    i = bisect.bisect_right(rows, (fact.source.start, sys.maxsize)) - 1
    return i >= 0 and rows[i][0] <= fact.source.start < rows[i][1]


_BODY = re.compile(r"(?im)^[ \t*_]*(?:" + _tol(["quyết nghị", "điều 1"]) + r")")


def _body_start(text: str) -> int:
    """Prose targets are read after the preamble ("Căn cứ …", "Xét …")."""
    m = _BODY.search(text)
    return m.end() if m else 0
