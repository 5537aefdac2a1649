"""Digits OCR glued to the word before them: a footnote marker, or a number whose space it lost.

A report's footnote marker is printed raised after a word ("kế hoạch¹", "420 ha²"). OCR
without Vietnamese writes it as a plain digit glued to the word ("hoach2", "ha2"), and the
sentence restorer, reading the whole token as one wrecked syllable, makes a wrong word of it
("ha2" read "hộ": 420 households for 420 hectares). The digits are cut off the word here: the
restorer reads the word alone, and the digits are written back as the page printed them.

* After a word a number follows in official writing (``Điều2``, ``năm2024``, ``Khoản3``) the
  digits are that number, its space lost: written back after a space; but a single digit OCR
  writes for a letter may be one there too ("to1" for "tội") and stays.
* Otherwise one or two digits, the last of which OCR never writes for a letter (2, 3, 7, 8, 9:
  a 1 may be an l, a 4 an a, a 6 or a 0 an o, a 5 an s), after a word of two letters or more
  with a vowel and not in capitals (``CO2`` is a formula), are a footnote marker: written back
  raised.

Any other digit stays in its token, a letter the restorer reads ("vo1" for "với", "co6" for "có").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chitieu.text.fold import fold
from chitieu.text.restore.lexicon import STAND_INS
from chitieu.text.restore.scoring import STAND_IN_CHARS

__all__ = ["glued_digits", "glued_replacements"]

# The digits OCR writes for a letter (a 1 for an l, a 4 for an a, a 6 or a 0 for an o, a 5 for an
# s), and the others: OCR never writes those for a letter, a glued one is a footnote marker.
_STAND_IN_DIGITS = "".join(sorted(c for c in STAND_INS if c.isdigit()))
MARKER_DIGITS = "".join(c for c in "0123456789" if c not in _STAND_IN_DIGITS)
_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Words a number follows (a space OCR lost, not a footnote), as bare letters.
_NUMBERED = frozenset(
    {"dieu", "khoan", "diem", "muc", "phan", "chuong", "lan", "nam", "thang", "ngay", "quy", "so", "thu", "tiet"}
    | {"bieu", "luc"}
)
_VOWEL = re.compile("[aeiouy]")
# Letters, then digits that end the token (not a figure's first group: "dat2.500" is no marker).
_IN_WORD = rf"[\w{re.escape(STAND_IN_CHARS)}]"
_GLUED = re.compile(rf"(?<!{_IN_WORD})([^\W\d_]{{2,}})(\d{{1,4}})(?!{_IN_WORD}|[.,:/]\d)")


def glued_digits(word: str) -> tuple[int, str] | None:
    """Where digits glued to ``word`` begin and how they are written back ("ha2" → (2, "²"),
    "Diéu2" → (4, " 2")); None when they are none, or letters the restorer reads ("vo1")."""
    found = _GLUED.fullmatch(word)
    if found is None:
        return None
    letters, digits = found.groups()
    bare = fold(letters).lower()
    if bare in _NUMBERED:
        # a single digit OCR writes for a letter may be one there too ("to1" for "tội")
        return None if len(digits) == 1 and digits in _STAND_IN_DIGITS else (len(letters), " " + digits)
    if len(digits) <= 2 and digits[-1] in MARKER_DIGITS and _VOWEL.search(bare) and not letters.isupper():
        return len(letters), digits.translate(_RAISED)
    return None


def glued_replacements(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The glued digits inside ``spans`` (the wrecked passages), as they are written back: (start, end, text)."""
    found = []
    for start, end in spans:
        for match in _GLUED.finditer(text, start, end):
            glued = glued_digits(match.group())
            if glued is not None:
                found.append((match.start() + glued[0], match.end(), glued[1]))
    return found
