"""Separating footnotes from the sentences they interrupt, and linking them to their marks.

Reports put details in footnotes. A PDF or DOCX export writes each footnote where the page
ended — often in the middle of a sentence that continues after it — with its number at the
start of the line ("¹ Do có …", "1 Kế hoạch …"), and the mark glued to the word it qualifies
("lao động¹", "pháp luật1.", "giai đoạn 2022-20253."). This step lifts footnote lines out of
the body (so re-flow can rejoin the sentence), writes them at the end under "Chú thích:" as
"[n] text", and keeps the mark in place, as superscript digits.

It is conservative: a line starting with a plain number is a footnote only when the number is
the next one in sequence and a glued mark with that number occurs earlier, outside other
footnotes; "1. …" list items never are. A line starting with a superscript number always is.
A footnote cut by a page break continues in the line just before the next page's footnotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chitieu.text.lines import Line, ends_sentence, is_structural_start, split_lines, starts_lowercase
from chitieu.text.offsets import MappedText, TextBuilder
from chitieu.text.reflow import Layout, glued_hyphen

__all__ = ["NOTES_HEADING", "NoteSpan", "SeparatedFootnotes", "separate_footnotes", "superscript"]

NOTES_HEADING = "Chú thích:"

_TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

_SUP_ENTRY = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*(?=\S)")
_PLAIN_ENTRY = re.compile(r"^([1-9]\d{0,2})\s+(?=\S)")
_NOTES_ENTRY = re.compile(r"^\[(\d{1,3})\]\s+(?=\S)")
_SUP_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_PLAIN_MARK = re.compile(r"(?<!\d)(\d{1,2})(?=[\s.,;:)\]”\"’…]|$)", re.M)
_YEAR_GLUED_MARK = re.compile(
    r"(?:(?<=\d{4}[-–])|(?<=năm ))(?:19|20)\d\d(\d{1,2})(?=[\s.,;:)\]”\"’…]|$)", re.M
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
# words a superscript or digit legitimately follows: m², km², CO2, PM2 …
_UNIT_WORDS = frozenset({"m", "km", "cm", "mm", "dm", "hm", "CO", "SO", "NO", "PM", "H", "N", "O"})


def superscript(number: str) -> str:
    return number.translate(_TO_SUPERSCRIPT)


@dataclass
class _Note:
    number: int
    entry_line: int
    mark_span: tuple[int, int]  # the number (and the space after it) at the start of the entry
    pieces: list[tuple[int, int]]  # spans of the footnote's text, one per line
    lines: list[int]
    ref: tuple[int, int] | None = None
    ref_plain: bool = False  # the reference mark is plain digits, to be written as superscript
    out_ref: tuple[int, int] | None = None  # the reference mark's span in the output
    extra_text: str | None = None  # a footnote the loader found outside the text

    def text(self, source: str) -> str:
        return " ".join(source[a:b] for a, b in self.pieces) if self.extra_text is None else self.extra_text


@dataclass(frozen=True)
class NoteSpan:
    """A footnote in the step's output: its number, text span and reference-mark span."""

    number: int
    start: int
    end: int
    ref_start: int | None
    ref_end: int | None


@dataclass
class SeparatedFootnotes:
    mapped: MappedText  # body with footnote lines emptied, then the notes section
    notes: list[NoteSpan] = field(default_factory=list)


@dataclass(frozen=True)
class _Mark:
    number: int
    start: int
    end: int
    line: int
    plain: bool


def _line_of(lines: list[Line], offset: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _candidate_marks(text: str, lines: list[Line]) -> list[_Mark]:
    """Every superscript number and every digit glued after a word or closing punctuation."""
    marks: list[_Mark] = []
    for m in _SUP_RUN.finditer(text):
        start = m.start()
        unit = _WORD_BEFORE.search(text, max(0, start - 4), start)
        if unit and unit.group(1) in _UNIT_WORDS:
            continue
        line = _line_of(lines, start)
        if start == lines[line].content_start:
            continue  # the start of a footnote entry, not a reference
        marks.append(_Mark(int(m.group().translate(_FROM_SUPERSCRIPT)), start, m.end(), line, plain=False))
    for m in _PLAIN_MARK.finditer(text):
        start = m.start()
        if start == 0:
            continue
        before = text[start - 1]
        if before.isalpha():
            preceding = _WORD_BEFORE.search(text, max(0, start - 30), start)
            word = preceding.group(1) if preceding else before
            if word in _UNIT_WORDS or (len(word) <= 2 and word[0].isupper()) or word.isupper():
                continue
        elif before in ')]”"’%':
            pass
        elif before in ".,;:":
            if start < 2 or text[start - 2].isdigit() or text[start - 2].isspace():
                continue
        else:
            continue
        marks.append(_Mark(int(m.group(1)), start, m.end(), _line_of(lines, start), plain=True))
    for m in _YEAR_GLUED_MARK.finditer(text):
        marks.append(_Mark(int(m.group(1)), m.start(1), m.end(1), _line_of(lines, m.start(1)), plain=True))
    marks.sort(key=lambda mark: mark.start)
    return marks


def _find_ref(
    marks: list[_Mark], number: int, lo: int, hi: int, excluded: set[int], plain: bool | None
) -> _Mark | None:
    """The last mark with ``number`` in ``[lo, hi)`` outside footnote lines."""
    found: _Mark | None = None
    for mark in marks:
        if mark.start >= hi:
            break
        if mark.start < lo or mark.number != number or mark.line in excluded:
            continue
        if plain is not None and mark.plain != plain:
            continue
        found = mark
    return found


def _notes_section(lines: list[Line]) -> int | None:
    """Index of a trailing "Chú thích:" line followed only by "[n] …" lines (our own output)."""
    for line in reversed(lines):
        if line.blank or _NOTES_ENTRY.match(line.stripped):
            continue
        if line.stripped == NOTES_HEADING:
            return line.index
        return None
    return None


def separate_footnotes(
    text: str, layout: Layout, extra: list[tuple[str, str]] | None = None
) -> SeparatedFootnotes:
    """Lift footnotes out of ``text``; ``extra`` are (mark, text) footnotes a loader found apart."""
    lines = split_lines(text)
    marks = _candidate_marks(text, lines)
    notes: list[_Note] = []
    footnote_lines: set[int] = set()

    section = _notes_section(lines)
    if section is not None:
        footnote_lines.add(section)
        for line in lines[section + 1 :]:
            m = _NOTES_ENTRY.match(line.stripped)
            if m is None:
                continue
            body_start = line.content_start + m.end()
            notes.append(
                _Note(
                    int(m.group(1)),
                    line.index,
                    (line.content_start, body_start),
                    [(body_start, line.content_end)],
                    [line.index],
                )
            )
            footnote_lines.add(line.index)
        # our own notes section: the marks are the superscripts of the body, in order
        last = 0
        for note in notes:
            found = _find_ref(marks, note.number, last, lines[section].start, footnote_lines, False)
            if found is not None:
                note.ref = (found.start, found.end)
                last = found.end
    body_lines = lines if section is None else lines[:section]

    expected = 1
    last_ref_end = 0
    i = 0
    while i < len(body_lines):
        line = body_lines[i]
        i += 1
        if line.blank or line.index in footnote_lines:
            continue
        s = line.stripped
        sup = _SUP_ENTRY.match(s)
        plain = None if sup else _PLAIN_ENTRY.match(s)
        if sup is None and plain is None:
            continue
        entry = sup or plain
        assert entry is not None
        number = int(entry.group(1).translate(_FROM_SUPERSCRIPT))
        if plain is not None and number not in (expected, 1):
            continue
        ref = _find_ref(marks, number, last_ref_end, line.start, footnote_lines, None if sup else True)
        if plain is not None and ref is None:
            continue
        body_start = line.content_start + entry.end()
        note = _Note(
            number,
            line.index,
            (line.content_start, body_start),
            [(body_start, line.content_end)],
            [line.index],
        )
        if ref is not None:
            note.ref = (ref.start, ref.end)
            note.ref_plain = ref.plain
            last_ref_end = ref.end
        footnote_lines.add(line.index)
        notes.append(note)
        expected = number + 1
        # a footnote wrapped over several lines: PDF exports only, recognisable by their line
        # spacing or by footnote lines longer than body lines (a smaller font)
        width = layout.wrap_width
        if width is not None and (layout.spaced or len(s) > 1.1 * width):
            while i < len(body_lines):
                nxt = body_lines[i]
                if nxt.blank:
                    i += 1
                    continue
                ns = nxt.stripped
                if (
                    ends_sentence(note.text(text))
                    or nxt.content[:1].isspace()
                    or is_structural_start(ns)
                    or _SUP_ENTRY.match(ns)
                    or _entry_number(ns) == expected
                    or _SUP_RUN.search(ns)
                ):
                    break
                note.pieces.append((nxt.content_start, nxt.content_end))
                note.lines.append(nxt.index)
                footnote_lines.add(nxt.index)
                i += 1

    _attach_page_continuations(text, lines, notes, footnote_lines, marks)
    notes_in_text = {note.number for note in notes}
    for mark, note_text in extra or []:
        digits = mark.strip().translate(_FROM_SUPERSCRIPT)
        if not digits.isdigit() or int(digits) in notes_in_text or not note_text.strip():
            continue
        number = int(digits)
        ref = _find_ref(marks, number, 0, len(text), footnote_lines, False)
        note = _Note(
            number, len(lines), (len(text), len(text)), [], [], extra_text=" ".join(note_text.split())
        )
        if ref is not None:
            note.ref = (ref.start, ref.end)
        notes.append(note)
    return _build(text, lines, notes, footnote_lines)


def _entry_number(line: str) -> int | None:
    m = _SUP_ENTRY.match(line) or _PLAIN_ENTRY.match(line)
    return int(m.group(1).translate(_FROM_SUPERSCRIPT)) if m else None


def _attach_page_continuations(
    text: str, lines: list[Line], notes: list[_Note], footnote_lines: set[int], marks: list[_Mark]
) -> None:
    """A footnote cut by a page break goes on just before the next page's footnotes.

    The line before a run of footnote entries, when it starts in lower case, carries no mark
    and the last footnote before it is unfinished, is that footnote's continuation (and not
    the continuation of the body paragraph, which resumes after the footnotes).
    """
    mark_lines = {mark.line for mark in marks if not mark.plain}
    by_line = sorted(notes, key=lambda note: note.entry_line)
    for note in by_line:
        j = note.entry_line - 1
        while j >= 0 and lines[j].blank:
            j -= 1
        if j < 0 or j in footnote_lines:
            continue
        candidate = lines[j]
        s = candidate.stripped
        if not starts_lowercase(s) or is_structural_start(s) or j in mark_lines or _SUP_RUN.search(s):
            continue
        earlier = [n for n in by_line if n.lines and max(n.lines) < j and n.extra_text is None]
        if not earlier:
            continue
        cut = earlier[-1]
        if ends_sentence(cut.text(text)):
            continue
        cut.pieces.append((candidate.content_start, candidate.content_end))
        cut.lines.append(j)
        footnote_lines.add(j)


def _build(text: str, lines: list[Line], notes: list[_Note], footnote_lines: set[int]) -> SeparatedFootnotes:
    out = TextBuilder(text)
    refs = {note.ref[0]: note for note in notes if note.ref is not None}
    pos = 0
    # body: footnote lines emptied, reference marks kept (plain digits become superscript)
    events: list[tuple[int, int, str]] = [
        (lines[i].start, lines[i].end, "drop") for i in sorted(footnote_lines)
    ]
    events += [(start, note.ref[1], "ref") for start, note in refs.items() if note.ref is not None]
    for start, end, kind in sorted(events):
        if start < pos:
            continue
        out.copy(pos, start)
        if kind == "drop":
            out.insert("", start, end)
        else:
            note = refs[start]
            out_start = len(out)
            if note.ref_plain:
                out.insert(superscript(text[start:end]), start, end)
            else:
                out.copy(start, end)
            note.out_ref = (out_start, len(out))
        pos = end
    out.copy(pos, len(text))
    spans: list[NoteSpan] = []
    if notes:
        out.insert("\n\n" + NOTES_HEADING, len(text))
        for note in sorted(notes, key=lambda n: (n.entry_line, n.number)):
            out.insert("\n", note.mark_span[0])
            out.insert(f"[{note.number}] ", note.mark_span[0], note.mark_span[1])
            start = len(out)
            if note.extra_text is not None:
                out.insert(note.extra_text, len(text))
            else:
                for k, (a, b) in enumerate(note.pieces):
                    if k:
                        prev = note.pieces[k - 1]
                        joint = "" if glued_hyphen(text[prev[0] : prev[1]], text[a:b]) else " "
                        out.insert(joint, prev[1], a)
                    out.copy(a, b)
            ref = note.out_ref
            spans.append(
                NoteSpan(note.number, start, len(out), ref[0] if ref else None, ref[1] if ref else None)
            )
    return SeparatedFootnotes(out.build(), spans)
