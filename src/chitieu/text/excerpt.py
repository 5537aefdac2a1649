"""The sentence a span sits in, cut to a length a page can show, with the span itself kept whole.

A reviewer judging "Cử 27 bác sĩ" needs the sentence around it, not the six words the
extractor kept: "Cử 27 bác sĩ đi đào tạo chuyên khoa I tại …" says what the figure counts. The
sentence runs from the last sentence end (".", "!", "?" followed by a capital or a digit, or a
line break; not the dot of a list marker "I." or "2.1.") before the span to the next one after it; when it is longer than ``limit``, each
side is shortened at a word and marked "…".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…]\s+")
_LIST_MARKER = re.compile(r"\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])")  # "I." "2.1." "a." at a line's head
ELLIPSIS = "…"


@dataclass(frozen=True)
class Excerpt:
    before: str
    span: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.span + self.after


def _starts_sentence(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos].isupper() or text[pos].isdigit() or text[pos] in "(\"“-–•")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    first = line_start
    for m in _SENTENCE_END.finditer(text, line_start, start):
        if _starts_sentence(text, m.end()) and not _LIST_MARKER.fullmatch(text, line_start, m.start()):
            first = m.end()
    last = line_end
    for m in _SENTENCE_END.finditer(text, end, line_end):
        if _starts_sentence(text, m.end()):
            last = m.start() + 1
            break
    return first, last


def _keep_tail(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    cut = text[len(text) - size:]
    space = cut.find(" ")
    return ELLIPSIS + (cut[space + 1:] if 0 <= space < len(cut) - 1 else cut)


def _keep_head(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    cut = text[:size]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut) + ELLIPSIS


def sentence_excerpt(text: str, start: int, end: int, limit: int = 320) -> Excerpt:
    """The sentence around ``text[start:end]``, at most about ``limit`` characters beside the span."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    start, end = min(start, end), max(start, end)
    first, last = _sentence_bounds(text, start, end)
    before, span, after = text[first:start], text[start:end], text[end:last]
    room = max(0, limit - len(span))
    if len(before) + len(after) > room:
        half = room // 2
        before_room = max(half, room - len(after))
        before = _keep_tail(before, min(before_room, len(before)))
        after = _keep_head(after, max(0, room - len(before)))
    return Excerpt(before.lstrip(), span, after.rstrip())
