"""A percent sign OCR read as the digits ``96``, put back where no other reading of the figure fits.

Under heavy ink the ring and the stroke of a ``%`` close into a ``9`` and a ``6``: OCR without
Vietnamese writes ``3,5%`` as ``3,596``, ``6,12%/năm`` as ``6,1296/năm`` and a range ``7-8%`` as
``7-896``. What is left still looks like a figure, and a wrong one: a share of 3.596, a growth
range from 7 to 896. Two shapes are read back, inside the wrecked passages only:

* a decimal whose digits after the comma, the ``96`` taken off, are one or two: official figures
  carry at most two decimals, and the third and fourth of a figure written without any unit are
  the sign. A figure a scale word follows (``1,096 triệu`` is 1.096 million) stays as written;
* a range whose high end, the ``96`` taken off, is above its low end and at most two digits:
  ``7-896`` as written runs from 7 to 896, which no range of a plan does.

A whole number ending in 96 (``9796`` for 97%, but also ``1996``, ``2196 người``) is left as
written: nothing in its shape tells the sign from a figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chitieu.text.fold import fold

__all__ = ["percent_read_as_digits", "percent_replacements"]

_DECIMAL = r"\d{1,3},\d{1,2}"
_LOW = r"\d{1,2}(?:,\d{1,2})?"
# a figure ending in the 96 OCR wrote for a %: a decimal, or a range's high end
_FIGURE_96 = re.compile(
    rf"(?<![\d.,:/\-–])(?:(?P<decimal>{_DECIMAL})|(?P<low>{_LOW})(?P<dash>[-–])(?P<high>{_LOW}))96(?![\d.,%‰])"
)
# words after which a figure of three decimals is a count in that scale ("1,096 triệu")
_SCALE_WORDS = frozenset({"trieu", "ty", "ti", "nghin", "ngan", "van", "tram", "chuc"})
_NEXT_WORD = re.compile(r"[ \t]*([^\W\d_]+)")


def percent_read_as_digits(figure: str, after: str = "") -> str | None:
    """``figure`` with the ``96`` OCR wrote for its ``%`` read back (``3,596`` → ``3,5%``), else None.

    ``after``: the text that follows the figure (a scale word there keeps it as written).
    """
    found = _FIGURE_96.fullmatch(figure)
    if found is None:
        return None
    word = _NEXT_WORD.match(after)
    if word is not None and fold(word.group(1)).lower() in _SCALE_WORDS:
        return None
    if found.group("decimal"):
        return found.group("decimal") + "%"
    low, high = _value(found.group("low")), _value(found.group("high"))
    if high <= low:
        return None
    return f"{found.group('low')}{found.group('dash')}{found.group('high')}%"


def percent_replacements(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Each figure inside ``spans`` (the wrecked passages) whose ``%`` OCR read as ``96``: (start, end, text)."""
    found = []
    for start, end in spans:
        for match in _FIGURE_96.finditer(text, start, end):
            read = percent_read_as_digits(match.group(), text[match.end() : match.end() + 24])
            if read is not None:
                found.append((match.start(), match.end(), read))
    return found


def _value(figure: str) -> float:
    return float(figure.replace(",", "."))
