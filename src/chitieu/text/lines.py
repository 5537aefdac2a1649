"""Lines of a text with their offsets, and the shapes of line that structure a document.

Re-flow, page furniture and footnotes all reason about lines: where a numbered item or a
heading starts, whether a line ends a sentence, whether the next one continues it. The
patterns live here so that the three steps agree on what a heading or a list item is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chitieu.text.fold import fold

__all__ = [
    "OCR_ROMAN",
    "ROMAN_VALUES",
    "Line",
    "RomanMarker",
    "ends_sentence",
    "is_all_caps_heading",
    "is_flattened_row",
    "is_page_furniture",
    "is_page_number",
    "is_structural_start",
    "is_table_row",
    "split_lines",
    "starts_lowercase",
    "wrecked_roman_marker",
]


@dataclass(frozen=True)
class Line:
    """One line of a text: ``text[start:end]`` is its content, without the newline."""

    index: int
    start: int
    end: int
    content: str

    @property
    def stripped(self) -> str:
        return self.content.strip()

    @property
    def blank(self) -> bool:
        return not self.content.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-space character (``end`` for a blank line)."""
        return self.start + (len(self.content) - len(self.content.lstrip()))

    @property
    def content_end(self) -> int:
        return self.start + len(self.content.rstrip())


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, content in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(content), content))
        pos += len(content) + 1
    return lines


_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
# The reflow asks what a line is several times (as itself, as the line above, as the one below):
# the answers for a document's worth of lines are memoised.
_LINE_MEMO = 8192

# A line starting like one of these begins a new unit and is never glued to the line above.
_STRUCTURAL = re.compile(
    r"""^(?:
        (?:[A-ZĐ]|(?=[IVX])"""
    + _ROMAN
    + r""")[.)]\s                                  # A.  B.  I.  II.  IV)
      | \d{1,3}(?:\.\d{1,2})*[.)](?:\s|$)               # 1.  1.2.  3)
      | \d{1,2}(?:\.\d{1,2})+\s                         # 1.2 Heading
      | [a-zđ][.)]\s                                    # a)  đ)  b.
      | \(\s?(?:\d{1,3}|[a-zđ]|"""
    + _ROMAN.replace("(?:", "(?:(?=[IVX])", 1)
    + r""")\s?\)\.?                                     # (1)  (a)  (1).
      | [-+•–—*●○▪■◦·►✓]\s                              # bullets
      | \[\d{1,3}\]\s                                   # [3] a footnote in the notes section
      | (?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+(?:\d|[IVXLC]+\b|thứ|THỨ)
      | (?:Phụ\ lục|PHỤ\ LỤC)\b
      | (?:Căn\ cứ|Xét\ (?:Tờ\ trình|đề\ nghị|báo\ cáo)|Theo\ đề\ nghị|Nơi\ nhận|Chú\ thích\s*:|Số\s*:|Kính\ gửi)
      | (?:TM|KT|Q|TL|TUQ|TTND)\.[ ]
      | S?TT\s+[A-ZĐ]                                  # STT Chỉ tiêu … : a table's header
      | [A-ZĐ][^\W\d_]+(?:\ [^\W\d_]+){0,4},\ ngày\b       # Lai Châu, ngày 09 tháng 12 năm 2022
    )""",
    re.X,
)
_TABLE_ROW = re.compile(r"\s\|\s|^\|.*\|$|(?:\|[^|]*){3}")
_LETTER = re.compile(r"[^\W\d_]")
_TERMINAL = re.compile(r"""[.!?;:…](?:[)\]"'”’»*]*)$""")
_OPENERS = "\"'“‘([«"


@lru_cache(maxsize=_LINE_MEMO)
def is_structural_start(line: str) -> bool:
    """A numbered/lettered item, bullet, heading word, table row, date line or the like."""
    s = line.lstrip()
    return bool(_STRUCTURAL.match(s)) or is_table_row(s) or wrecked_roman_marker(s) is not None


# A Roman heading number as OCR without Vietnamese writes it: its I as l, L, 1, | or ! ("ll. CAC
# CHI TIEU", "IL VE VAN HOA", "111- MUC TIEU", "Iv. TO CHUC"), its separator kept, lost or
# misread, before a title in capitals.
_ROMAN_STAND_INS = str.maketrans({"l": "I", "L": "I", "1": "I", "|": "I", "!": "I", "i": "I", "v": "V", "x": "X"})
# a Roman number's letters and what OCR writes for them
OCR_ROMAN = r"[IVXlL1|!ivx]"
_WRECKED_ROMAN = re.compile(rf"({OCR_ROMAN}{{1,4}})(\s*[.)\-:,]|)\s+(?=\S)")
_TITLE_CAPITALS = 0.75  # the share of a heading title's letters OCR leaves in capitals, at least
_TITLE_LETTERS = 4


@dataclass(frozen=True)
class RomanMarker:
    """A heading's Roman number at the start of a line, as written and as read."""

    end: int  # where the marker (without its separator) ends in the line
    separator_end: int  # where its separator ends ("end" where OCR lost it)
    separator: str  # ".", ")", "-" … as written, "" where OCR lost it
    written: str  # the marker as written: "ll", "11"
    roman: str  # the numeral read: "II"

    @property
    def digits_only(self) -> bool:
        """Written with digits alone ("11-"): Roman only where the sequence of headings says so."""
        return self.written.isdigit()

    @property
    def value(self) -> int:
        return ROMAN_VALUES[self.roman]


ROMAN_VALUES = {
    numeral: value
    for value, numeral in enumerate(
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"], start=1
    )
}


def wrecked_roman_marker(line: str) -> RomanMarker | None:
    """The Roman heading number OCR damaged at the start of ``line`` ("ll. CAC CHI TIEU"), else None.

    Only a marker written otherwise than a Roman numeral and its usual "." or ")" counts, and only
    before a title mostly in capitals: "1. Mục tiêu" is an item and "I. MỤC TIÊU" needs no reading.
    A marker of digits alone ("11-", "111-") is returned with ``digits_only``: whether it is
    Roman or Arabic only its place in the sequence of headings tells.
    """
    m = _WRECKED_ROMAN.match(line)
    if m is None:
        return None
    written, separator = m.group(1), m.group(2).strip()
    roman = written.translate(_ROMAN_STAND_INS)
    if roman not in ROMAN_VALUES or (written == roman and separator in (".", ")")):
        return None
    if written.isdigit() and separator not in ("-", "."):
        return None
    letters = _LETTER.findall(line[m.end() :])
    if len(letters) < _TITLE_LETTERS or sum(ch.isupper() for ch in letters) < _TITLE_CAPITALS * len(letters):
        return None
    return RomanMarker(m.end(1), m.end(2), separator, written, roman)


@lru_cache(maxsize=_LINE_MEMO)
def is_table_row(line: str) -> bool:
    """A row of a table: cells between bars, or a row whose columns were flattened into a line."""
    s = line.strip()
    return bool(_TABLE_ROW.search(s)) or is_flattened_row(s)


# A flattened row: four figures or more in a row (bars and "-" for empty cells among them),
# then at most four words (the verdict, "Không đánh giá") to the end of the line. OCR writes a
# cell's rule as a bar or a bracket, "]/" or ")", and leaves specks after a figure ("11,4.)").
_CELL = r"(?:[<>≤≥]\s?)?[-−–]?\d+(?:[.,]\d+)*(?:%|‰)?|[-–]"
_RULE = r"[.,:;]?[\s|\[\](){}!/]+"
_FLATTENED_ROW = re.compile(rf"(?:^|[\s|\[\](])(?:{_CELL})(?:{_RULE}(?:{_CELL})){{3,}}[\s|]*(?:[^\s|\d][^\s|]*[\s|]*){{0,4}}$")


def is_flattened_row(line: str) -> bool:
    """A table row flattened into a line by a text layer ("… % 97 95,8 96,2 96,5 96,8 97,1 Đạt").

    Such a row ends its line: the next row, or a name wrapped under it, is never its sentence.
    """
    return bool(_FLATTENED_ROW.search(line))


# A page number on its own line: "7", "- 7 -", "Trang 7", "7/12"
BARE_NUMBER = re.compile(r"^\d{1,3}$")
DASHED_NUMBER = re.compile(r"^[-–—]\s*\d{1,3}\s*[-–—]$")
PAGE_WORD = re.compile(r"^(?:Trang|trang|TRANG|Page|page)\s+\d{1,3}(?:\s*(?:/|trên|of)\s*\d{1,3})?$")
PAGE_OF = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")
# "(tiếp theo)", "(Tiếp theo Phụ lục số 01)", "Bảng tiếp trang trước", folded
_CONTINUED = re.compile(r"\btiep\s+(?:theo|trang)\b")


def is_page_number(line: str) -> bool:
    """Whether the line has the shape of a page number (whether it is one depends on its place)."""
    s = line.strip()
    return any(p.match(s) for p in (BARE_NUMBER, DASHED_NUMBER, PAGE_WORD, PAGE_OF))


def is_page_furniture(line: str) -> bool:
    """A line a page break brings into the middle of a table: nothing, a page number, a "(tiếp
    theo)" line, or specks a scan left (no letter, no digit)."""
    s = line.strip()
    if not any(ch.isalnum() for ch in s) or is_page_number(s):
        return True
    return len(s) <= 120 and bool(_CONTINUED.search(fold(s)))


def is_all_caps_heading(line: str) -> bool:
    """A line written in capitals ("B. NỘI DUNG", "CHỦ TỊCH"): a heading or a signature."""
    letters = _LETTER.findall(line)
    if len(letters) < 3:
        return False
    return all(ch.isupper() for ch in letters)


def ends_sentence(line: str) -> bool:
    """Whether the line ends with sentence (or clause) punctuation, quotes and brackets aside."""
    return bool(_TERMINAL.search(line.rstrip()))


def starts_lowercase(line: str) -> bool:
    """Whether the first letter (after an opening quote or bracket) is lower case."""
    s = line.lstrip().lstrip(_OPENERS)
    return bool(s) and s[0].isalpha() and s[0].islower()
