"""The Roman numbers of a wrecked document's headings, read back from what OCR made of them.

OCR without Vietnamese writes the I of a Roman heading number as ``l``, ``L``, ``1``, ``|`` or
``!``, loses its dot or reads it as a comma ("ll. CAC CHI TIEU", "IL VE VAN HOA", "L VE KINH
TE", "111- MUC TIEU"). The sentence restorer has no context for a lone marker and reads it as
a syllable ("lủ", "Lễ"), and the document loses the sections its targets and results are
found by. A marker is read here by its shape and its place (:func:`wrecked_roman_marker`): one
with a letter standing in for I is Roman wherever it heads a title in capitals; one of digits
alone ("11-") only where the headings' sequence wants that Roman number next and the number as
written is not the next of the Arabic items under the last Roman heading ("2. VỀ XÃ HỘI" after
"I." and "1. VỀ KINH TẾ" stays Arabic).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from chitieu.text.lines import ROMAN_VALUES, RomanMarker, split_lines, wrecked_roman_marker
from chitieu.text.restore.restorer import Replacement

__all__ = ["heading_replacements"]

_ARABIC_ITEM = re.compile(r"(\d{1,2})\s*[.)\-]\s")
_ROMAN_HEADING = re.compile(r"([IVX]{1,4})\s*[.)\-]\s")
_KEPT_SEPARATORS = (".", ")", "-")


def heading_replacements(text: str, spans: Sequence[tuple[int, int]]) -> list[Replacement]:
    """The wrecked Roman heading numbers of ``text``'s lines inside ``spans`` (the wrecked passages),
    each as the Roman numeral it stands for ("ll" → "II"; "L" with its dot lost → "I.")."""
    found: list[Replacement] = []
    roman = 0  # the value of the last Roman heading
    arabic = 0  # the last Arabic item under it
    for line in split_lines(text):
        content = line.content.lstrip()
        start = line.end - len(content)
        marker = wrecked_roman_marker(content)
        if marker is not None and any(a < line.end and start < b for a, b in spans):
            marker = _in_sequence(marker, roman + 1)
            if not marker.digits_only or (marker.value == roman + 1 and int(marker.written) != arabic + 1):
                if marker.separator in _KEPT_SEPARATORS:
                    found.append(Replacement(start, start + marker.end, marker.roman))
                else:  # a dot lost or read as a comma or colon
                    found.append(Replacement(start, start + marker.separator_end, marker.roman + "."))
                roman, arabic = marker.value, 0
                continue
        genuine = _ROMAN_HEADING.match(content)
        if genuine is not None and genuine.group(1) in ROMAN_VALUES:
            roman, arabic = ROMAN_VALUES[genuine.group(1)], 0
        elif (item := _ARABIC_ITEM.match(content)) is not None:
            arabic = int(item.group(1))
    return found


def _in_sequence(marker: RomanMarker, expected: int) -> RomanMarker:
    """``marker`` read as the number the sequence expects where OCR added one stroke to it ("Il."
    for "I." as the first heading: a speck beside the I read as l)."""
    if marker.digits_only or marker.value == expected or not marker.roman.startswith("I" * 2):
        return marker
    fewer = marker.roman[1:]
    if ROMAN_VALUES.get(fewer) == expected:
        return replace(marker, roman=fewer)
    return marker
