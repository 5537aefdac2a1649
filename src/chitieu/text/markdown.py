"""Removing Markdown syntax from DOCX-to-Markdown exports, keeping the words and the map.

Converters (pandoc and the like) write bold and italic runs as ``**…**`` / ``*…*``, escape
punctuation (``\\-``, ``1\\.``), prefix headings with ``#`` and wrap tables in pipes. None of it
is content, and a stray ``**`` inside "**Tốc độ tăng GRDP**: 9%" would get between a label and
its number. A ``*`` that is not an emphasis delimiter (a footnote mark "ước tính*", a product
"2*3", a bullet "* ") is left alone: emphasis must open before a non-space that is not a
closing bracket and close after a non-space, and never inside a word or number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

from chitieu.text.offsets import MappedText, TextBuilder

__all__ = ["looks_like_markdown", "strip_markdown"]

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# one paragraph at most: emphasis never crosses a blank line
_NO_BLANK = r"(?:(?!\n[ \t]*\n)[^\\]|\\.)"

# name → pattern; the text kept is the group named ``<name>_t`` (none: the match is dropped)
_SYNTAX: dict[str, str] = {
    "hard_break": r"\\(?=\n)",
    "fn_def": r"^\[\^(?P<fn_def_n>\d{1,3})\]:[ \t]*",
    "fn_ref": r"\[\^(?P<fn_ref_n>\d{1,3})\](?!:)",
    "sup": r"\^(?P<sup_n>\d{1,3})\^|<sup>(?P<sup_m>\d{1,3})</sup>",
    "code": r"(?<!`)`(?P<code_t>[^`\n]+)`(?!`)",
    "table_sep": r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$",
    "rule": r"^[ ]{0,3}(?:[=]{3,}|[-]{3,}|[*]{3,}|[_]{3,})[ \t]*$",
    "heading": r"^[ ]{0,3}#{1,6}[ \t]+(?P<heading_t>.*?)(?:[ \t]+#+)?[ \t]*$",
    "quote": r"^[ ]{0,3}>[ ]?",
    "table_edge": r"^[ \t]*\|[ \t]*(?=.*\|)|(?<=\S)[ \t]*\|[ \t]*$",
    "link": r"!?\[(?P<link_t>[^\]\n]+)\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\)",
    "autolink": r"<(?P<autolink_t>(?:https?|ftp)://[^>\s]+|[^@>\s]+@[^>\s]+)>",
    "strong": rf"(?s:(?<![\\*])\*\*(?=[^\s*)\]}}.,;:])(?P<strong_t>(?:(?!\*\*){_NO_BLANK})+?)(?<=[^\s*(\[\\])\*\*(?!\*))",
    "strong_u": rf"(?s:(?<![\w\\_])__(?=[^\s_])(?P<strong_u_t>(?:(?!__){_NO_BLANK})+?)(?<=[^\s_])__(?![\w_]))",
    "em": rf"(?s:(?<![\w\\*])\*(?=[^\s*)\]}}.,;:])(?P<em_t>(?:(?!\*){_NO_BLANK})+?)(?<=[^\s*(\[\\])\*(?![\w*]))",
    "em_u": rf"(?s:(?<![\w\\_])_(?=[^\s_])(?P<em_u_t>(?:(?!_){_NO_BLANK})+?)(?<=[^\s_])_(?![\w_]))",
}
_PATTERNS = [(name, re.compile(f"(?P<{name}>{pattern})", re.M)) for name, pattern in _SYNTAX.items()]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'^=])")

_MARKDOWN_HINTS = re.compile(
    r"\*\*[^\s*][^*\n]*\*\*|(?<![\w*])\*[^\s*][^*\n]*[^\s*(]\*(?![\w*])|^#{1,6} \S|\\[-.*_#()\[\]]|^\s*\|.*\|\s*$|\[\^\d+\]",
    re.M,
)


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` carries enough Markdown syntax to be treated as Markdown."""
    return sum(1 for _ in islice(_MARKDOWN_HINTS.finditer(text), 3)) >= 3


def _rewrite(
    text: str, pattern: re.Pattern[str], rewrite: Callable[[re.Match[str], TextBuilder], None]
) -> MappedText | None:
    """Apply ``rewrite`` to every match of ``pattern``; ``None`` when nothing matched."""
    out = TextBuilder(text)
    pos = 0
    matched = False
    for m in pattern.finditer(text):
        matched = True
        out.copy(pos, m.start())
        rewrite(m, out)
        pos = m.end()
    if not matched:
        return None
    out.copy(pos, len(text))
    return out.build()


def _syntax(m: re.Match[str], out: TextBuilder) -> None:
    """Drop one piece of syntax, keeping its text (or writing a footnote mark as superscript)."""
    for name in m.re.groupindex:
        if name not in _SYNTAX or m.start(name) < 0:
            continue
        kept = f"{name}_t"
        if kept in m.re.groupindex and m.start(kept) >= 0:
            out.insert("", m.start(name), m.start(kept))
            out.copy(m.start(kept), m.end(kept))
            out.insert("", m.end(kept), m.end(name))
        elif name in ("fn_ref", "sup", "fn_def"):
            digits = next(g for g in (m.group(f"{name}_n"), m.groupdict().get(f"{name}_m")) if g)
            mark = digits.translate(_SUPERSCRIPT) + (" " if name == "fn_def" else "")
            out.insert(mark, m.start(name), m.end(name))
        else:
            out.insert("", m.start(name), m.end(name))
        return


def _escape(m: re.Match[str], out: TextBuilder) -> None:
    out.insert("", m.start(), m.start(1))
    out.copy(m.start(1), m.end(1))


def _one_round(text: str) -> tuple[MappedText | None, bool]:
    """Remove every construct found in ``text`` that does not overlap an earlier one.

    Also says whether some construct was left for another round (it overlapped one removed).
    """
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for priority, (_, pattern) in enumerate(_PATTERNS):
        found.extend((m.start(), priority, m.end(), m) for m in pattern.finditer(text) if m.end() > m.start())
    if not found:
        return None, False
    found.sort(key=lambda item: (item[0], item[1]))
    out = TextBuilder(text)
    pos = 0
    deferred = False
    for start, _, end, m in found:
        if start < pos:
            deferred = True  # overlaps (or nests in) one already removed: the next round sees it
            continue
        out.copy(pos, start)
        _syntax(m, out)
        pos = end
    out.copy(pos, len(text))
    return out.build(), deferred


def strip_markdown(text: str) -> MappedText:
    """``text`` without Markdown syntax, mapped to ``text``.

    Each round removes every construct it finds; one nested in another (bold inside a
    heading) goes in the next round. Escapes are resolved last but respected throughout: an
    escaped ``\\*`` is a literal star, so emphasis refuses a delimiter after a backslash.
    """
    mapped = MappedText.identity(text)
    for _ in range(4):
        step, deferred = _one_round(mapped.text)
        if step is not None:
            mapped = mapped.compose(step)
        if not deferred:
            break
    step = _rewrite(mapped.text, _ESCAPE, _escape)
    if step is not None:
        mapped = mapped.compose(step)
    return mapped
