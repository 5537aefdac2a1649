"""Character-level clean-up: NFC, line endings, odd white space, invisible characters.

Vietnamese arrives composed (NFC) or decomposed (NFD: "ệ" as "e" + U+0323 + U+0302); Word and
PDF exports add no-break spaces, tabs, soft hyphens, zero-width spaces and Windows line endings.
Everything later (matching, numbers, re-flow) assumes one spelling of each letter and plain
spaces, so this step runs first. It keeps an exact map: a composed "ệ" stands for all three
code points it came from, a space for the whole run of white space it replaced.
"""

from __future__ import annotations

import re
import unicodedata

from chitieu.text.offsets import MappedText, TextBuilder

__all__ = ["clean_characters"]

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_HSPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_NEWLINE_CHARS = "\r\n\f\v\x85\u2028\u2029"

_TOKEN = re.compile(
    r"(?P<nl>\r\n|[\r\f\v\x85\u2028\u2029])"
    rf"|(?P<ws>[ ]*[{_HSPACE[1:]}][{_HSPACE}]*|[ ]{{2,}}|[ ]+(?=[{_NEWLINE_CHARS}]|\Z))"
    r"|(?P<zw>[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]+)"
    rf"|(?P<cl>[^\n{_HSPACE}]?[{_COMBINING}]+)"
)


def clean_characters(text: str) -> MappedText:
    """NFC text with ``\\n`` line ends, single spaces, no trailing spaces, no invisible marks.

    Leading white space of a line is kept as one space: PDF exports mark the first line of a
    page that way, and the footnote step uses it.
    """
    out = TextBuilder(text)
    pos = 0
    n = len(text)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        out.copy(pos, start)
        kind = m.lastgroup
        if kind == "nl":
            out.insert("\n", start, end)
        elif kind == "ws":
            following = text[end] if end < n else "\n"
            if following in _NEWLINE_CHARS:
                out.insert("", start, end)  # trailing white space goes
            elif end - start == 1 and text[start] == " ":
                out.copy(start, end)
            else:  # the space stands for the first character of the run: the map stays exact
                out.insert(" ", start, start + 1)
                out.insert("", start + 1, end)
        elif kind == "zw":
            out.insert("", start, end)
        else:
            cluster = m.group()
            composed = unicodedata.normalize("NFC", cluster)
            if composed == cluster:
                out.copy(start, end)
            else:
                out.insert(composed, start, end)
        pos = end
    out.copy(pos, n)
    mapped = out.build()
    if not unicodedata.is_normalized("NFC", mapped.text):
        mapped = mapped.compose(_nfc_singletons(mapped.text))
    return mapped


def _nfc_singletons(text: str) -> MappedText:
    """Characters NFC replaces on their own (U+0341 → U+0301, Ω → Ω), one at a time."""
    out = TextBuilder(text)
    pos = 0
    for i, ch in enumerate(text):
        composed = unicodedata.normalize("NFC", ch)
        if composed != ch:
            out.copy(pos, i)
            out.insert(composed, i, i + 1)
            pos = i + 1
    out.copy(pos, len(text))
    return out.build()
