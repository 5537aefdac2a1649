"""Table cells read by their place in the row, before sentences are restored.

A flattened table row ("Diện tích trồng chè mới Ha 2.400 818 606 410 555 330 2.719 vuer") has
no sentence around its last words for the language model to read them by: "vuer" after a row of
figures is the verdict column, and the verdict column holds one of a handful of phrases (Vượt,
Đạt, Không đạt, Không đánh giá, Chưa đạt, Hoàn thành). Read as prose it comes out "vụ", "bat"
comes out "bất". So the words after a row's figures, and the words a verdict cell wrapped onto
the lines just above and below its row ("Khéng" / "danh gid"), are read against that small
vocabulary by their letters alone, and these readings stand over the restorer's.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from chitieu.text.fold import fold_ocr
from chitieu.text.lines import is_flattened_row
from chitieu.text.restore.restorer import Replacement
from chitieu.text.syllables import has_diacritics

__all__ = ["verdict_replacements", "verdict_word"]

# the words of the verdict column, by their folded letters
VERDICT_WORDS = {
    "vuot": "Vượt",
    "dat": "Đạt",
    "khong": "Không",
    "chua": "Chưa",
    "danh": "đánh",
    "gia": "giá",
    "hoan": "Hoàn",
    "thanh": "thành",
}
_VERDICTS = (
    ("Vượt",),
    ("Đạt",),
    ("Không", "Đạt"),
    ("Chưa", "Đạt"),
    ("Hoàn", "thành"),
    ("Không", "Hoàn", "thành"),
    ("Không", "đánh", "giá"),
    ("Chưa", "đánh", "giá"),
)
# the parts a cell wraps into: its first word above the row, the rest below
_OPENERS = {("Không",), ("Chưa",)}
_CLOSERS = {("đánh", "giá"), ("Đạt",), ("Hoàn", "thành")}
_WORD = re.compile(r"[^\s|]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def verdict_word(token: str) -> str | None:
    """The verdict word a wrecked token stands for ("vuer" → Vượt, "[Khone" → Không), else None.

    A word of four letters and more may be one edit away from its bare letters, or two if it
    keeps its first two ("vuer" for "vuot"); "giá" may lose its last letter ("gid"); "đạt" must
    be read whole (OCR's P and B for Đ are already folded), as "dan", "da" are one edit from it.
    A token written with marks is a syllable already: it stands for a short verdict word only if
    its letters are the word's ("bất" restored from "bat" is Đạt; "dân" is not "đánh"), for a
    long one within an edit ("Khéng" is Không).
    """
    letters = _letters(token)
    if len(letters) < 2 or len(letters) < len(token) - 2:
        return None
    key = fold_ocr(letters)
    marked = has_diacritics(letters)  # a syllable written with marks is read by its letters only
    best = None
    for bare, word in VERDICT_WORDS.items():
        distance = Levenshtein.distance(key, bare)
        if distance == 0:
            return word
        if marked:
            near = distance == 1 and len(bare) >= 5
        else:
            near = (distance == 1 and (len(bare) >= 4 or (bare == "gia" and key[:2] == "gi"))) or (
                distance == 2 and len(bare) >= 4 and key[:2] == bare[:2] and len(key) >= 4
            )
        if near and (best is None or distance < best[0]):
            best = (distance, word)
    return best[1] if best else None


def _phrase(words: list[str]) -> tuple[str, ...] | None:
    read = tuple(verdict_word(w) for w in words)
    if not read or any(r is None for r in read):
        return None
    return read  # type: ignore[return-value]


def loose_verdict_word(token: str) -> str | None:
    """The verdict word a token in the verdict column is nearest to, when no other reading is left.

    Only for the words right after a row's figures, where nothing but a verdict is written: a
    token that keeps the letters OCR keeps of a verdict word (Không its "h…n", Vượt its V, Đạt
    its D, Chưa its "ch"), within half its letters of that word and nearer to it than to any
    other ("Nhony", "Khénly" → Không; "Veet", "Wirot" → Vượt). Two letters are too few to tell.
    """
    letters = _letters(token)
    letters = fold_ocr("V" + letters[1:] if letters[:1] in "Ww" else letters)  # OCR's W for a capital V
    if len(letters) < 3:
        return None
    scored = sorted(
        (Levenshtein.distance(letters, bare) / max(len(letters), len(bare)), bare)
        for bare, kept in _KEPT_LETTERS.items()
        if kept.search(letters)
    )
    if not scored or scored[0][0] > 0.5 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return VERDICT_WORDS[scored[0][1]]


# what OCR keeps of each one-word verdict, however it wrecks the rest
_KEPT_LETTERS = {"vuot": re.compile("^v"), "dat": re.compile("^d"), "khong": re.compile("h.*n"), "chua": re.compile("^ch")}


def verdict_replacements(text: str) -> list[Replacement]:
    """How the verdict column's words of ``text``'s flattened rows read, wherever they are wrecked.

    Figures that OCR glued to the unit before them ("%/nam7-7,5") are kept as written, so that
    the sentence restorer does not read their first digit as a letter.
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found: list[Replacement] = []
    rows = [is_flattened_row(text[start:end]) for start, end in lines]
    for n, (start, end) in enumerate(lines):
        line = text[start:end]
        if not rows[n]:
            if any(rows[max(0, n - 3) : n]) and n + 1 < len(lines) and not rows[n + 1]:
                # a row judged without figures, its verdict wrapped with its name ("Cơ cấu kinh tế
                # đến năm Khong" / "2025 dat")
                opener = _wrapped_part(text, start, end, above=True)
                closer = _wrapped_part(text, *lines[n + 1], above=False)
                if opener and closer:
                    found.extend(opener + closer)
            continue
        found.extend(_glued_figures(start, line))
        tail = _verdict_slot(line)
        phrase = _phrase([m.group() for m in tail])
        if phrase in _VERDICTS or phrase in _OPENERS:
            found.extend(_replace(start, tail, phrase))
        if phrase is not None and phrase not in _OPENERS:
            continue
        above = _wrapped_part(text, *lines[n - 1], above=True) if n > 0 else []
        below = _wrapped_part(text, *lines[n + 1], above=False) if n + 1 < len(lines) else []
        found.extend(above + below)
        if phrase is None and len(tail) == 1:
            # an unreadable word in the verdict column: the first word of a cell whose rest
            # wrapped below it ("cack" / "… đạt" is "Không đạt"), or a verdict badly written
            word = loose_verdict_word(tail[0].group())
            if below and word not in ("Không", "Chưa"):
                word = "Không"  # "Vượt" or "Đạt" never wraps: a cell over two lines opens with Không
            elif word in ("Không", "Chưa") and not below:
                word = None  # its closing word is nowhere to be read
            if word is not None:
                found.extend(_replace(start, tail, (word,)))
    unique = sorted(set(found))
    return [r for i, r in enumerate(unique) if i == 0 or r.start >= unique[i - 1].end]


# a figure: digits not inside a word ("Kh6ng" holds none)
_FIGURE = re.compile(r"(?<![^\W\d_])\d(?:[\d.,]*\d)?%?")
# a figure glued to the letters before it, with a separator that no letter-for-digit has ("nam7-7,5")
_GLUED_FIGURE = re.compile(r"(?<=[^\W\d_])\d+[-–.,]\d[\d.,]*(?:[-–]\d[\d.,]*)?")


def _glued_figures(offset: int, line: str) -> list[Replacement]:
    return [Replacement(offset + m.start(), offset + m.end(), m.group()) for m in _GLUED_FIGURE.finditer(line)]


def _verdict_slot(line: str) -> list[re.Match[str]]:
    """The words after a row's last figure, a word glued to it included ("5,46Khony"), without
    the specks after them ("Khong F", "Dat]" keeps its letters)."""
    ends = [m.end() for m in _FIGURE.finditer(line)]
    after = ends[-1] if ends else 0
    words = [m for m in _WORD.finditer(line, after) if not re.fullmatch(r"[\W\d_]+", m.group())]
    while words and len(_letters(words[-1].group())) < 2 and len(words) > 1:
        words.pop()
    return words


def _letters(word: str) -> str:
    return "".join(_LETTERS.findall(word))


def _wrapped_part(text: str, start: int, end: int, above: bool) -> list[Replacement]:
    """The part of a row's verdict cell wrapped onto the line above (an opener) or below."""
    line = text[start:end]
    if is_flattened_row(line):
        return []
    words = list(_WORD.finditer(line))
    while len(words) > 1 and len(_letters(words[-1].group())) < 2:
        words.pop()  # a speck after the cell ("đạt F")
    for size in (2, 1):
        tail = words[-size:]
        if len(tail) < size:
            continue
        phrase = _phrase([m.group() for m in tail])
        if phrase is not None and phrase in (_OPENERS if above else _CLOSERS):
            return _replace(start, tail, phrase, opening=above)
    return []


def _replace(
    offset: int, matches: list[re.Match[str]], phrase: tuple[str, ...], opening: bool = True
) -> list[Replacement]:
    """``opening``: the words begin the cell (a capital first); else they end it, in small letters."""
    written = [w.lower() for w in phrase] if not opening else [phrase[0], *(w.lower() for w in phrase[1:])]
    return [
        Replacement(offset + m.start(), offset + m.end(), word)
        for m, word in zip(matches, written, strict=True)
        if m.group().lower() != word.lower()  # a word already written right stays as written
    ]
