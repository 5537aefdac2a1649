"""A page OCR'd again takes from its text layer the lines our reading garbled, and the letters it lost.

Tesseract's Vietnamese model reads a scan far better than the old OCR without Vietnamese that
wrote an archive's text layer (:mod:`chitieu.ingest.reocr`), but under heavy strokes — a bold
title, a heading in thick ink — it can lose a whole line to marks (``BÁOCÁO ` ' -`` for
``BÁO CÁO CHÍNH TRỊ``) that the English layer read letter for letter (``BAo CAO CHINH TRI``).
Losing the title loses the document's type, and with it every fact. So each line of our reading
is paired with the layer's line read from the same place (:func:`pair_lines`: the two readings'
lines aligned in order on their letters without marks), and a line whose words are mostly not
words (:func:`judge_line`) takes the layer's line as restoration reads it back
(:mod:`chitieu.text.restore`).

A line that reads as Vietnamese is never replaced. What the layer gives it is only what ours
lost: a first letter cut at the margin, a space between two words, two strokes read as one
letter (:func:`with_cut_words_mended`), digits read as letters (``G4`` → ``64``:
:func:`with_figures_read`) and a figure's mark (``8-99/năm`` → ``8-9%/năm``, ``720`` → ``7,20``:
:func:`with_marks_kept`), since an OCR loses a thin mark under ink but does not invent one.
Where the two readings differ otherwise (other marks on a word, other digits), either may be
the wrong one, and ours stays. Table cells read by their grid keep our reading but for a
figure's digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import NamedTuple

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import cdist

from chitieu.ingest.base import CELL_SEPARATOR, Table
from chitieu.ingest.ocr import OcrPage
from chitieu.text.fold import fold
from chitieu.text.syllables import is_vietnamese_syllable

# A line is garbled when at least this many of its tokens are not words ...
MIN_JUNK = 2
# ... and it takes the layer's line only when that one has at least this many more words.
MORE_WORDS = 2
# Two lines are the same line read twice when their letters without marks are this alike (0-1).
SAME_LINE = 0.35
# Unpaired lines between two pairs are paired by their place when each reading has as many, up to this.
MAX_GAP = 3
# A word cut at the margin takes its letter back only when the whole word is this many times as frequent.
LIKELIER = 10
# Capitals this short pass as an acronym (GRDP, HĐND, UBND) in either reading.
ACRONYM_LENGTH = 5

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCTUATION = ".,;:()[]!?…\"'“”‘’"
# what printed text puts between words; a token of other marks alone (` ˆ © ¡ _) is OCR noise
_PUNCTUATION = frozenset(".,;:()[]!?…%/-–—+*<>=")
_FIGURE = re.compile(r"[0-9][0-9.,:/%\-–]*(?:/[^\W\d_]+)?")
_LETTERS_ONLY = re.compile(r"[^\W\d_]+")
# a code of digits, capitals and joining marks: a road (QL4D), a formula (CO2), a number (38/NQ-HĐND)
_CODE = re.compile(r"[0-9A-ZĐa-zđ]*[0-9][0-9A-ZĐa-zđ/.\-–]*")
_ACRONYM_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
# a figure as printed: digits, separators between them, a range, a closing percent
_NUMBER = re.compile(r"(?<![\w.,])[0-9]+(?:[.,\-–][0-9]+)*%?")


Frequency = Callable[[str], float]


class LineWords(NamedTuple):
    """How a line reads: its tokens that are words or figures, and those that are neither."""

    readable: int
    junk: int


class LineEdit(NamedTuple):
    """Our reading's line ``[start, end)`` written ``text``: mended from the layer's line, or replaced by it."""

    start: int
    end: int
    text: str


def judge_line(line: str) -> LineWords:
    """Count ``line``'s readable tokens (Vietnamese syllables, acronyms, figures) and its junk
    (glued words, letters in no syllable, marks that are no punctuation)."""
    readable = junk = 0
    for token in _TOKEN.findall(line):
        core = token.strip(_EDGE_PUNCTUATION)
        if not any(ch.isalnum() for ch in token):
            junk += not set(token) <= _PUNCTUATION
        elif any(ch.isdigit() for ch in core):
            if _FIGURE.fullmatch(core):
                readable += 1
            else:  # a code ("4D", "QL4", "CO2") says nothing; digits among marks ("p===c.1") are junk
                junk += _CODE.fullmatch(core) is None
        elif _LETTERS_ONLY.fullmatch(core) and (
            is_vietnamese_syllable(core.lower()) or (len(core) <= ACRONYM_LENGTH and set(core) <= _ACRONYM_LETTERS)
        ):
            readable += 1
        else:
            junk += 1
    return LineWords(readable, junk)


def _letters(line: str) -> str:
    return "".join(ch for ch in fold(line) if ch.isalnum())


def pair_lines(ours: Sequence[str], layer: Sequence[str]) -> list[tuple[int, int]]:
    """The lines of two readings of one page that are the same printed line, as index pairs in order.

    An alignment in the manner of Needleman–Wunsch: the pairs are the order-keeping matching
    with the greatest total likeness of the lines' letters (without marks, case or spaces), a
    pair counting only when alike by :data:`SAME_LINE` at least. Between two pairs, lines as
    many in each reading are paired by their place (a heading one reading garbled past
    likeness); a line either reading split, merged or lost stays unpaired.
    """
    if not ours or not layer:
        return []
    keys_ours, keys_layer = [_letters(line) for line in ours], [_letters(line) for line in layer]
    likeness = cdist(keys_ours, keys_layer, scorer=ratio, processor=None)
    rows, columns = len(ours), len(layer)
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, columns + 1):
            alike = likeness[i - 1][j - 1] / 100 if keys_ours[i - 1] and keys_layer[j - 1] else 0.0
            paired = best[i - 1][j - 1] + alike if alike >= SAME_LINE else 0.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    pairs = []
    i, j = rows, columns
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return _with_gaps_paired(pairs[::-1], ours, layer)


def _with_gaps_paired(
    pairs: list[tuple[int, int]], ours: Sequence[str], layer: Sequence[str]
) -> list[tuple[int, int]]:
    """``pairs`` with the unpaired lines between two pairs paired in order where each reading
    has as many of them: the same place on the page, read too differently to look alike. Blank
    lines are no printed line: a reading may put them anywhere, and they are left out."""
    filled: list[tuple[int, int]] = []
    previous = (-1, -1)
    for pair in [*pairs, (len(ours), len(layer))]:
        mine = [i for i in range(previous[0] + 1, pair[0]) if ours[i].strip()]
        theirs = [j for j in range(previous[1] + 1, pair[1]) if layer[j].strip()]
        if 0 < len(mine) <= MAX_GAP and len(mine) == len(theirs):
            filled.extend(zip(mine, theirs, strict=True))
        if pair != (len(ours), len(layer)):
            filled.append(pair)
        previous = pair
    return filled


def line_edits(ours: str, layer: str, frequency: Frequency, cells: Sequence[tuple[int, int]] = ()) -> list[LineEdit]:
    """The lines of ``ours`` to mend from their pair in ``layer`` (already restored): replaced where
    ours is garbled and the layer's reads more words with less junk, else a word cut, a figure's
    digits or a mark lost put back. ``frequency``: a syllable's unigram probability; ``cells``:
    spans of ``ours`` read cell by cell (tables), where only a figure's digits are put back, in
    as many characters."""
    starts = [0]
    lines = ours.split("\n")
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    layer_lines = layer.split("\n")
    edits = []
    for i, j in pair_lines(lines, layer_lines):
        start, end = starts[i], starts[i] + len(lines[i])
        if any(a < end and start < b for a, b in cells):
            if (figures := with_figures_read(lines[i], layer_lines[j])) != lines[i]:
                edits.append(LineEdit(start, end, figures))
            continue
        mine, theirs = judge_line(lines[i]), judge_line(layer_lines[j])
        garbled = mine.junk >= MIN_JUNK or (mine.junk and not mine.readable)
        if garbled and theirs.readable >= mine.readable + MORE_WORDS and theirs.junk < mine.junk:
            edits.append(LineEdit(start, end, with_our_words(lines[i], layer_lines[j])))
            continue
        mended = with_cut_words_mended(with_figures_read(lines[i], layer_lines[j]), layer_lines[j], frequency)
        mended = with_marks_kept(mended, layer_lines[j])
        if mended != lines[i]:
            edits.append(LineEdit(start, end, mended))
    return edits


def with_cut_words_mended(ours: str, layer: str, frequency: Frequency) -> str:
    """``ours`` with what Tesseract ``vie`` cut or merged, and the layer did not, put right.

    * The first letter of a line lost at the margin (``riệu USD`` for ``triệu USD``): our first
      word is the layer's with its first letter gone, and takes that letter back where the whole
      word is far the more frequent (:data:`LIKELIER`; ``frequency``: a syllable's unigram
      probability): ``ăn`` stays ``ăn`` beside a layer's ``Năn``, ``ước`` beside ``nước``.
    * Two words read as one (``QUÝ INĂM 2024``): a token of ours that is no word, whose letters
      are those of two or more of the layer's words in a row, is cut where the layer spaces them.
    * Two strokes read as one letter: ``H`` for ``II`` (``HP`` for ``IIP``, ``IH`` for ``III``),
      where the layer has the strokes.

    Our own letters and marks are kept; the layer gives only the letter, strokes or spaces ours lost.
    """
    tokens = list(_TOKEN.finditer(ours))
    theirs = layer.split()
    if not tokens or not theirs:
        return ours
    blocks = SequenceMatcher(a=[fold(t.group()) for t in tokens], b=[fold(w) for w in theirs], autojunk=False)
    edits: list[tuple[int, int, str]] = []
    for kind, i1, i2, j1, j2 in blocks.get_opcodes():
        if kind != "replace" or i2 - i1 != 1:
            continue
        token = tokens[i1]
        written = token.group()
        mended: str | None
        if j2 - j1 == 1 and _strokes_merged(written, theirs[j1]):
            mended = theirs[j1]
        elif i1 == 0 and j2 - j1 == 1:
            mended = _first_letter_back(written, theirs[j1], frequency)
        elif j2 - j1 >= 2:
            mended = _cut_as(written, theirs[j1:j2])
        else:
            continue
        if mended is not None:
            edits.append((token.start(), token.end(), mended))
    for start, end, written in reversed(edits):
        ours = ours[:start] + written + ours[end:]
    return ours


def _strokes_merged(ours: str, layer: str) -> bool:
    if "H" not in ours or ours == layer:
        return False
    pattern = "".join("(?:H|II)" if ch == "H" else re.escape(ch) for ch in ours)
    return re.fullmatch(pattern, layer) is not None


def _first_letter_back(ours: str, layer: str, frequency: Frequency) -> str | None:
    lost = layer[:1]
    if not lost.isalpha() or fold(layer) != fold(lost + ours):
        return None
    whole, cut = (lost + ours).strip(_EDGE_PUNCTUATION).lower(), ours.strip(_EDGE_PUNCTUATION).lower()
    if not is_vietnamese_syllable(whole) or frequency(whole) < LIKELIER * frequency(cut):
        return None
    return lost + ours


def _cut_as(ours: str, words: Sequence[str]) -> str | None:
    if judge_line(ours).junk == 0 or fold(ours) != fold("".join(words)):
        return None
    pieces, position = [], 0
    for word in words:
        pieces.append(ours[position : position + len(word)])
        position += len(word)
    cut = " ".join(pieces)
    return cut if judge_line(cut).junk == 0 else None


def with_our_words(ours: str, layer: str) -> str:
    """The layer's line, with our words wherever both readings read the same letters.

    Restoration may choose other marks for a word than the page printed (a place name ``NAM
    LÂM`` restored as ``NĂM LÀM``); where our reading has the same word under the same letters,
    its marks are the ones Tesseract saw, so only the words ours garbled come from the layer.
    """
    mine, theirs = ours.split(), layer.split()
    blocks = SequenceMatcher(a=[fold(w) for w in mine], b=[fold(w) for w in theirs], autojunk=False)
    words: list[str] = []
    for kind, i1, i2, j1, j2 in blocks.get_opcodes():
        words.extend(mine[i1:i2] if kind == "equal" else theirs[j1:j2])
    return " ".join(words)


def with_figures_read(ours: str, layer: str) -> str:
    """``ours`` with each token it read as letters among digits (``G4``, ``1O``) written as the
    layer's figure of as many characters (``64``, ``10``), where the two differ only in letters
    of ours that are digits in the layer's: the layer saw digits there, and no OCR reads a
    printed letter as a digit in a token that is a figure."""
    tokens = [token for token in _TOKEN.finditer(ours) if token.group() != CELL_SEPARATOR.strip()]
    theirs = layer.split()
    blocks = SequenceMatcher(a=[fold(t.group()) for t in tokens], b=[fold(w) for w in theirs], autojunk=False)
    for kind, i1, i2, j1, j2 in reversed(blocks.get_opcodes()):
        if kind != "replace" or i2 - i1 != j2 - j1:
            continue
        for token, other in reversed(list(zip(tokens[i1:i2], theirs[j1:j2], strict=True))):
            if (read := _digits_for_letters(token.group(), other)) is not None:
                ours = ours[: token.start()] + read + ours[token.end() :]
    return ours


def _digits_for_letters(ours: str, layer: str) -> str | None:
    """``ours`` with the letters it read where the layer's figure has digits (``6,B5%`` beside
    ``6,85,`` → ``6,85%``): the two figures, without the punctuation about them and a ``%`` only
    ours kept, are as long and differ only there. Else ``None``."""
    mine, theirs = _figure_core(ours), _figure_core(layer)
    if len(mine) != len(theirs) or not _NUMBER.fullmatch(theirs):
        return None
    if not any(ch.isdigit() for ch in mine) or not any(ch.isalpha() for ch in mine):
        return None
    if not all(a == b or (a.isalpha() and b.isdigit()) for a, b in zip(mine, theirs, strict=True)):
        return None
    at = ours.index(mine)
    return ours[:at] + theirs + ours[at + len(mine) :]


def _figure_core(token: str) -> str:
    core = token.strip(_EDGE_PUNCTUATION)
    return core[:-1] if core.endswith("%") else core


def with_marks_kept(ours: str, layer: str) -> str:
    """``ours`` with each figure whose ``%`` or separator only the layer kept written as the layer has it.

    Heavy ink fills a thin mark: our reading wrote ``8-99/năm`` and ``720`` where the layer
    (restored) read ``8-9%/năm`` and ``7,20``. An OCR does not invent a ``%`` or a comma between
    digits it read, so where the two readings of a figure have the same digits, or ours has one
    or two more digits in the place of the layer's ``%``, the figure with the mark is the
    printed one. Figures are paired in order, and only when both lines have as many.
    """
    figures, theirs = list(_NUMBER.finditer(ours)), _NUMBER.findall(layer)
    if not figures or len(figures) != len(theirs):
        return ours
    pieces, position = [], 0
    for found, other in zip(figures, theirs, strict=True):
        if _lost_a_mark(found.group(), other):
            pieces.append(ours[position : found.start()] + other)
            position = found.end()
    return "".join(pieces) + ours[position:] if pieces else ours


def _lost_a_mark(ours: str, layer: str) -> bool:
    digits, their_digits = re.sub(r"\D", "", ours), re.sub(r"\D", "", layer)
    if layer.endswith("%") and not ours.endswith("%"):
        return digits.startswith(their_digits) and 1 <= len(digits) - len(their_digits) <= 2
    return digits == their_digits and len(layer) > len(ours) and ours.endswith("%") == layer.endswith("%")


def with_edits(text: str, tables: Sequence[Table], edits: Sequence[LineEdit]) -> tuple[str, list[Table]]:
    """``text`` with ``edits`` made (in order; inside a table, of as many characters), and its
    tables moved to match, with the cells of the rows edited read again from their lines."""
    pieces, position, shifts = [], 0, []
    for start, end, written in edits:
        pieces.append(text[position:start] + written)
        shifts.append((end, len(written) - (end - start)))
        position = end
    pieces.append(text[position:])
    mended = "".join(pieces)
    moved = [table.moved(sum(by for end, by in shifts if end <= table.start)) for table in tables]
    return mended, [_cells_read_again(table, mended) for table in moved]


def _cells_read_again(table: Table, text: str) -> Table:
    """``table`` with each row's cells as its line in ``text`` now has them (a row whose line no
    longer splits into as many cells keeps its own)."""
    rows = []
    for row, (start, end) in zip(table.rows, table.row_spans, strict=False):
        cells = text[start:end].split(CELL_SEPARATOR)
        rows.append(cells if len(cells) == len(row) else row)
    return replace(table, rows=rows + table.rows[len(rows) :])


def mend_page(page: OcrPage, layer: str) -> tuple[OcrPage, int]:
    """``page`` with each line it garbled, and what it lost of the others, taken from the text
    ``layer`` read from the same page, restored; and how many lines were mended."""
    from chitieu.text.restore.model import shipped_restorer
    from chitieu.text.restore.reading import restorations
    from chitieu.text.restore.restorer import apply_replacements

    restorer = shipped_restorer()
    restored = apply_replacements(layer, restorations(layer, restorer)).text
    cells = [(table.start, table.end) for table in page.tables]
    edits = line_edits(page.text, restored, restorer.language.unigram, cells)
    if not edits:
        return page, 0
    text, tables = with_edits(page.text, page.tables, edits)
    return replace(page, text=text, tables=tables), len(edits)
