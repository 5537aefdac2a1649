"""The outline of a document: its numbered headings and items, with offsets.

Vietnamese administrative documents nest their parts with a small set of markers:
``Phần thứ II`` / ``Chương I`` / ``Điều 1.`` / ``A.`` / ``I.`` / ``1.`` / ``1.1.`` / ``a)`` /
``(1)`` / ``-`` / ``+``. Which marker sits under which varies from document to document, so the
tree is built from the order markers appear in, not from a fixed hierarchy: a marker kind that
is already open closes everything below it and becomes its sibling; a new kind opens one level
deeper (the higher structural kinds — Phần, Chương, Điều, A., I. — first close deeper open
kinds, so "Phần thứ II" after "II. 3. a)" is a top-level part). A marker restarts under each
new parent.

A line-initial marker is only a heading when the line really starts a paragraph: in
hard-wrapped text (PDF exports) "2025. Tiếp tục" or "12. …" can begin a wrapped line, so a
candidate is accepted when the previous line ended a sentence (or was short, i.e. not wrapped)
or when the marker is the next one expected in its sequence. ``I.`` is read as Roman one unless
the capital-letter sequence expects the letter I (after ``H.``); ``C.``/``D.``/``L.``/``M.`` the
other way round. The outline stops at ``Nơi nhận:`` (the recipient list is made of dashes).

Paths (``Heading.path``) are dotted components from the root: ``A``/``B`` letters, ``I``/``II``
Roman numerals as written, ``1`` numbers (leading zeros dropped), ``a``/``đ`` letters, ``(1)``
for parenthesised numbers, ``1)`` for a number with a closing parenthesis, ``Đ1`` for
"Điều 1", ``P2`` for "Phần thứ II"/"Phần 2", ``C1`` for "Chương I". A decimal heading
``1.1.`` under ``1.`` contributes its last part (``B.I.1.1``). Dash and plus items have no label
of their own, so they are numbered among their siblings: ``-1``, ``-2`` … and ``+1`` …, e.g.
``B.I.5.b.-2``. A path that would repeat (a marker duplicated by mistake) gets ``~2``, ``~3``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from chitieu.extract.periods import fold, roman_to_int

__all__ = ["LEVEL_RANK", "Heading", "parse_outline"]


@dataclass
class Heading:
    marker: str  # "B", "I", "1", "a", "(1)", "Điều 1", "-", "+" …
    level: str  # "phan", "chuong", "dieu", "letter_upper", "roman", "arabic", "decimal", "letter_lower", "paren_number", "arabic_paren", "dash", "plus"
    path: str  # dotted id of this item in the tree, e.g. "B.I.1.a"
    title: str
    start: int  # offset of the heading's marker in the normalised text
    end: int  # end of the heading's own line
    body_end: int  # end of the heading's section (before the next sibling or ancestor)
    parent: str | None = None  # path of the enclosing heading
    depth: int = 0  # 0 for top-level headings

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


LEVEL_RANK = {
    "phan": 0,
    "chuong": 1,
    "dieu": 2,
    "letter_upper": 3,
    "roman": 4,
    "arabic": 5,
    "decimal": 6,
    "letter_lower": 7,
    "paren_number": 8,
    "arabic_paren": 9,
    "dash": 10,
    "plus": 11,
}
_STRUCTURAL = {"phan", "chuong", "dieu", "letter_upper", "roman"}
_BULLETS = {"dash", "plus"}

# Vietnamese alphabet order used for a), b) … (no f, j, w, z); đ comes after d
_VN_LOWER = "abcdđeghiklmnopqrstuvxy"
_PHAN_WORDS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7}

_MD_LEAD = re.compile(r"^[ \t]*(?:[*_#>]+[ \t]*)*")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "phan",
        re.compile(r"(?:PHẦN|Phần)\s+(?:(?:THỨ|thứ|Thứ)\s+)?([IVXLC]+|\d{1,2}|[A-ZĐa-zđÀ-ỹ]+)\b\s*[.:]?"),
    ),
    # OCR without marks: "Phan II", "PHAN THU HAI:"; strict, since "Phan dau thu …" is a sentence
    # and "Phan Nam" a signer's name (a numeral word only after "thu")
    (
        "phan",
        re.compile(
            r"(?:PHAN|Phan)\s+(?:(?:THU|[Tt]hu) )?"
            r"([IVXLC]+|\d{1,2}|(?<=[Hh][Uu] )(?:NHAT|[Nn]hat|HAI|[Hh]ai|BA|[Bb]a|TU|[Tt]u|NAM|[Nn]am))"
            r"(?:\s*[.:]?\s*$|\s*[.:]\s+(?=[A-Z]))"
        ),
    ),
    ("chuong", re.compile(r"(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d{1,2})\s*(?:[.:]|$|(?=\s+[A-ZĐ]))")),
    ("dieu", re.compile(r"(?:ĐIỀU|Điều)\s+(\d{1,3})\s*(?:[.:]|$)")),
    ("decimal", re.compile(r"(\d{1,2}(?:\.\d{1,2})+)\.?(?=\s+\S)")),
    ("paren_number", re.compile(r"\((\d{1,2})\)\s*\.?")),
    ("arabic", re.compile(r"(\d{1,2})\s*\.(?=\s+\D)")),
    ("arabic_paren", re.compile(r"(\d{1,2})\)(?=\s+\S)")),
    ("roman", re.compile(r"([IVXLC]{1,6})\s*(?:[./)]|-(?=\s))(?=\s+\S)")),
    ("letter_upper", re.compile(r"([A-ZĐ])\s*[./)](?=\s+\S)")),
    ("letter_lower", re.compile(r"([a-zđ])\s*[).](?=\s+\S)")),
    ("dash", re.compile(r"[-–—•](?=\s*\S)")),
    ("plus", re.compile(r"\+(?=\s*\S)")),
]
_END_OF_BODY = re.compile(r"^\s*\**\s*(noi nhan|tm\.|t/m|kt\.|tl\.)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;:…](?=\s|$|\*)")
_WRAP_WIDTH = 55  # a line at least this long that ends mid-sentence was hard-wrapped


@dataclass
class _Open:
    heading: Heading
    value: int | None
    bullets: int = 0  # dash/plus children counted so far


def _value(level: str, marker: str) -> int | None:
    if level in {"arabic", "paren_number", "arabic_paren", "dieu"}:
        return int(marker)
    if level == "decimal":
        return int(marker.split(".")[-1])
    if level in {"roman", "chuong"}:
        return roman_to_int(marker) if not marker.isdigit() else int(marker)
    if level == "phan":
        if marker.isdigit():
            return int(marker)
        return roman_to_int(marker) or _PHAN_WORDS.get(fold(marker))
    if level == "letter_lower":
        return _VN_LOWER.index(marker) + 1 if marker in _VN_LOWER else ord(marker) - 96
    if level == "letter_upper":
        low = marker.lower()
        return _VN_LOWER.index(low) + 1 if low in _VN_LOWER else ord(low) - 96
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _strip_md(s: str) -> str:
    return re.sub(r"[*_]{1,3}", "", s).strip()


def _closes_sentence(line: str) -> bool:
    s = _strip_md(line).rstrip()
    if not s:
        return True
    return s.endswith((".", ":", ";", "!", "?", "…", ")")) or len(s) < _WRAP_WIDTH


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Open] = []
        self.top_bullets = 0
        self.headings: list[Heading] = []
        self.seen: dict[str, int] = {}

    # -- sequence knowledge -------------------------------------------------------------
    def _open_value(self, level: str) -> int | None:
        for o in self.stack:
            if o.heading.level == level:
                return o.value
        return None

    def _has_open(self, level: str) -> bool:
        return any(o.heading.level == level for o in self.stack)

    def expects(self, level: str, value: int | None) -> bool:
        """Whether ``value`` is the next (or next-but-one) marker of kind ``level``."""
        if level in _BULLETS:
            return bool(self.stack) and self.stack[-1].heading.level == level
        if value is None:
            return False
        if self._has_open(level):
            prev = self._open_value(level)
            return prev is not None and prev < value <= prev + 2
        return value in (1, 2)

    def resolve_capital(self, letter: str) -> str:
        """Read "I." as Roman one unless the letter sequence is at H; "C." a letter unless Roman fits exactly."""
        roman_value = roman_to_int(letter)
        if roman_value is None:
            return "letter_upper"
        letter_prev = self._open_value("letter_upper")
        letter_next = letter_prev is not None and _value("letter_upper", letter) == letter_prev + 1
        roman_prev = self._open_value("roman")
        roman_next = roman_prev is not None and roman_value == roman_prev + 1
        if letter in "IVX":
            return "letter_upper" if letter_next and not roman_next else "roman"
        return "roman" if roman_next and not letter_next else "letter_upper"

    # -- tree -----------------------------------------------------------------------------
    def add(self, level: str, marker: str, start: int, end: int, title: str) -> None:
        value = _value(level, marker)
        idx = next((i for i, o in enumerate(self.stack) if o.heading.level == level), None)
        if idx is not None:
            del self.stack[idx:]
        else:
            if level in _STRUCTURAL:
                while self.stack and LEVEL_RANK[self.stack[-1].heading.level] > LEVEL_RANK[level]:
                    self.stack.pop()
            elif level not in _BULLETS:
                while self.stack and self.stack[-1].heading.level in _BULLETS:
                    self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        component = self._component(level, marker, parent)
        path = f"{parent.heading.path}.{component}" if parent else component
        if path in self.seen:
            self.seen[path] += 1
            path = f"{path}~{self.seen[path]}"
        else:
            self.seen[path] = 1
        shown = {
            "dash": "-",
            "plus": "+",
            "dieu": f"Điều {marker}",
            "phan": f"Phần {marker}",
            "chuong": f"Chương {marker}",
        }
        heading = Heading(
            marker=shown.get(level, marker),
            level=level,
            path=path,
            title=title,
            start=start,
            end=end,
            body_end=end,
            parent=parent.heading.path if parent else None,
            depth=len(self.stack),
        )
        self.headings.append(heading)
        self.stack.append(_Open(heading, value))

    def _component(self, level: str, marker: str, parent: _Open | None) -> str:
        if level in _BULLETS:
            sign = "-" if level == "dash" else "+"
            if parent is None:
                self.top_bullets += 1
                return f"{sign}{self.top_bullets}"
            count = sum(1 for h in self.headings if h.parent == parent.heading.path and h.level == level)
            return f"{sign}{count + 1}"
        if level == "dieu":
            return f"Đ{int(marker)}"
        if level == "phan":
            v = _value(level, marker)
            return f"P{v}" if v else f"P{marker}"
        if level == "chuong":
            v = _value(level, marker)
            return f"C{v}" if v else f"C{marker}"
        if level in {"arabic", "paren_number", "arabic_paren"}:
            n = str(int(marker))
            return {"arabic": n, "paren_number": f"({n})", "arabic_paren": f"{n})"}[level]
        if level == "decimal":
            head, _, last = marker.rpartition(".")
            if parent and parent.heading.level in {"arabic", "decimal"} and parent.heading.marker == head:
                return str(int(last))
            return marker.replace(".", "-")
        return marker


def _title_after(text: str, lines: list[tuple[int, int]], li: int, col: int) -> str:
    """The heading's title: its first sentence, following hard-wrapped lines if needed."""
    parts: list[str] = []
    j = li
    start, end = lines[li][0] + col, lines[li][1]
    while True:
        chunk = text[start:end]
        m = _SENTENCE_END.search(chunk)
        if m:
            parts.append(chunk[: m.start()])
            break
        parts.append(chunk)
        line_text = text[lines[j][0] : lines[j][1]]
        if len(_strip_md(line_text)) < _WRAP_WIDTH or sum(len(p) for p in parts) > 300:
            break
        j += 1
        while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
            j += 1
        if j >= len(lines):
            break
        nxt = text[lines[j][0] : lines[j][1]]
        first = _strip_md(nxt)[:1]
        if _END_OF_BODY.match(fold(nxt)) or _candidate(nxt) is not None or first.isupper():
            break  # a capital after a line break starts a new paragraph, not a wrapped title
        start, end = lines[j][0], lines[j][1]
    joined = ""
    for part in parts:
        part = part.strip()
        glue = "" if joined.endswith("-") and joined[-2:-1].isdigit() else " "
        joined = f"{joined}{glue}{part}" if joined else part
    title = _strip_md(re.sub(r"\s+", " ", joined))
    title = title.strip(" :.-–")
    if len(title) > 300:
        title = title[:300].rsplit(" ", 1)[0] + "…"
    return title


def _candidate(line: str) -> tuple[str, str, int, int] | None:
    """(level, marker, marker column, column after marker) when ``line`` starts with a marker."""
    lead = _MD_LEAD.match(line)
    col = lead.end() if lead else 0
    rest = line[col:]
    if not rest or rest.count("|") >= 2:
        return None
    for level, pattern in _PATTERNS:
        m = pattern.match(rest)
        if not m:
            continue
        marker = m.group(1) if m.groups() else rest[0]
        after = col + m.end()
        # skip closing emphasis right after the marker ("**1.** Mục tiêu")
        while after < len(line) and line[after] in "*_ \t":
            after += 1
        if after >= len(line) and level in _BULLETS:
            return None  # (a numbered marker alone on its line takes its title from the next line)
        return level, marker, col, after
    return None


def parse_outline(text: str) -> list[Heading]:
    """Every heading and item of ``text`` in document order (see the module doc for paths)."""
    lines = _lines(text)
    builder = _Builder(text)
    prev_line = ""
    region_end = len(text)
    for li, (ls, le) in enumerate(lines):
        line = text[ls:le]
        if not line.strip():
            continue
        if _END_OF_BODY.match(fold(line)) and li > 0:
            region_end = ls
            break
        cand = _candidate(line)
        if cand is not None:
            level, marker, col, after = cand
            if level in {"roman", "letter_upper"} and len(marker) == 1 and roman_to_int(marker) is not None:
                level = builder.resolve_capital(marker)
            value = _value(level, marker)
            ok = _closes_sentence(prev_line) or builder.expects(level, value)
            if level == "roman" and roman_to_int(marker) is None:
                ok = False
            if level in {"dieu", "phan", "chuong"}:
                ok = value is not None  # written out in words, never a wrapped fragment
            if ok:
                if after >= le - ls:  # marker alone on its line: title from the next line
                    nxt = li + 1
                    while nxt < len(lines) and not text[lines[nxt][0] : lines[nxt][1]].strip():
                        nxt += 1
                    title = _strip_md(text[lines[nxt][0] : lines[nxt][1]]) if nxt < len(lines) else ""
                else:
                    title = _title_after(text, lines, li, after)
                builder.add(level, marker, ls + col, le, title)
        prev_line = line
    _set_body_ends(text, builder.headings, region_end)
    return builder.headings


def _set_body_ends(text: str, headings: list[Heading], region_end: int) -> None:
    for i, h in enumerate(headings):
        end = region_end
        for later in headings[i + 1 :]:
            if later.depth <= h.depth:
                end = later.start
                break
        while end > h.end and text[end - 1].isspace():
            end -= 1
        h.body_end = max(end, h.end)
        # the heading's own line ends before trailing blanks
        while h.end > h.start and text[h.end - 1].isspace():
            h.end -= 1
