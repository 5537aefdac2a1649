"""Figures that cannot be what their words say: a lost decimal comma.

OCR often drops a decimal comma ("10,32" read "1032", "90,2" read "902"), and what is left is
still a valid number: only what the figure measures shows it is wrong. Two signs say so:

* the unit: a share (``tỷ lệ``, ``tỷ trọng``, ``cơ cấu``) cannot pass 100% (1000‰);
* the neighbouring years: a figure written without decimals, ten times or more the middle
  figure of its row, that a comma put back brings among them (rates of 8-37 and ``1032``).

Such a figure is never corrected silently, nor kept silently: it stays as written, flagged with
the readings a comma put back would give (the one its neighbours make likely first), its
confidence lowered, and no verdict is drawn from it until someone checks the page
(:func:`chitieu.evaluate.rules.actual_of`). An OCR'd text's comma before three digits, maybe a
thousands dot, is doubted the same way (:mod:`chitieu.extract.scan_figures`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.extract.facts import DECIMAL_DOUBT, Fact
from chitieu.extract.quantities import format_number
from chitieu.extract.units import tolerant_regex

__all__ = ["DOUBTED_CONFIDENCE", "SHARE_WORDS", "DecimalDoubt", "comma_readings", "is_share_label", "lost_decimal_comma", "mark_decimal_doubt"]

DOUBTED_CONFIDENCE = 0.4  # a doubted figure's confidence is multiplied by this
_MAX_DECIMALS = 2  # official figures carry at most two decimals: a comma is put back at most so far
# a comma lost one digit from the end makes a figure ten times its row's middle figure (and
# five times its largest): that far out, and brought among them by a comma, it is doubted
_NEIGHBOUR_FACTOR = 10.0
_NEIGHBOUR_SPAN = 3.0  # a reading is among its neighbours within this factor of their range

# words that name a share of a whole, in any marks OCR left them
SHARE_WORDS = "(?:" + "|".join(tolerant_regex(w) for w in ["tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng", "cơ cấu"]) + ")"
_SHARE = re.compile(r"^\s*" + SHARE_WORDS, re.IGNORECASE)
_CAPS = {"%": 100.0, "‰": 1000.0}


@dataclass(frozen=True)
class DecimalDoubt:
    """A figure whose decimal comma seems lost (or, in an OCR'd text, a thousands dot read as
    one), and how it would read with the separator put right."""

    written: float
    unit: str | None
    readings: tuple[float, ...]  # likeliest first
    # "share": a share above the whole; "neighbours": out of its row; "thousands": a comma an
    # OCR'd text has before three digits, maybe a thousands dot (:mod:`chitieu.extract.scan_figures`)
    reason: str
    as_written: str | None = None  # the figure as the text writes it, where its value's form differs

    def note(self) -> str:
        """What a planning officer reads beside the figure (Vietnamese)."""

        def shown(value: float | str) -> str:
            unit = self.unit or ""
            figure = value if isinstance(value, str) else format_number(value)
            return f"{figure}{'' if unit[:1] in ('%', '‰') else ' '}{unit}".strip()

        readings = " hoặc ".join(shown(r) for r in self.readings)
        if self.reason == "thousands":
            written = shown(self.as_written or self.written)
            return (
                f"«{written}»: bản OCR có thể đã đọc dấu chấm phân cách hàng nghìn thành dấu phẩy "
                f"({readings}?); cần đối chiếu bản gốc"
            )
        if self.reason == "share":
            base = (self.unit or "%")[:1]
            why = f"một tỷ lệ không thể quá {format_number(_CAPS.get(base, 100.0))}{base}"
        else:
            why = "gấp khoảng mười lần trở lên các số liệu cùng dòng"
        return f"«{shown(self.written)}»: {why}, có thể đã mất dấu phẩy thập phân ({readings}?); cần đối chiếu bản gốc"

    def to_json(self) -> dict[str, object]:
        return {"written": self.written, "readings": list(self.readings), "reason": self.reason, "note": self.note()}


def is_share_label(label: str) -> bool:
    """Does ``label`` name a share of a whole ("Tỷ lệ hộ nghèo", "Cơ cấu kinh tế: dịch vụ")?"""
    return bool(_SHARE.match(label))


def comma_readings(value: float) -> list[float]:
    """``value`` with a decimal comma put back one or two digits from its end."""
    return [round(value / 10**k, k) for k in range(1, _MAX_DECIMALS + 1) if value >= 10**k]


def lost_decimal_comma(
    value: float | None, unit: str | None, *, share: bool, neighbours: Sequence[float | None] = ()
) -> DecimalDoubt | None:
    """The doubt on a figure written without decimals that its unit or its row rules out, else None.

    ``share``: the figure is a share of a whole (its words say so). ``neighbours``: the other
    figures of the same row (the indicator's other years), None where a cell is empty.
    """
    if value is None or value != int(value) or value < 10:
        return None
    base = (unit or "").split("/", 1)[0]
    cap = _CAPS.get(base)
    others = [abs(n) for n in neighbours if n is not None and n > 0]
    if share and cap is not None and value > cap:
        readings = [r for r in comma_readings(value) if r <= cap]
        if readings:
            return DecimalDoubt(value, unit, tuple(_likeliest_first(readings, others)), "share")
    if (
        len(others) >= 2
        and value >= _NEIGHBOUR_FACTOR * _middle(others)
        and value >= _NEIGHBOUR_FACTOR / 2 * max(others)
    ):
        low, high = min(others) / _NEIGHBOUR_SPAN, max(others) * _NEIGHBOUR_SPAN
        readings = [r for r in comma_readings(value) if low <= r <= high]
        if readings:
            return DecimalDoubt(value, unit, tuple(_likeliest_first(readings, others)), "neighbours")
    return None


def _likeliest_first(readings: list[float], others: list[float]) -> list[float]:
    """Readings nearest the neighbours' middle first (in ratio); as found where none are known."""
    if not others:
        return readings
    middle = _middle(others)
    return sorted(readings, key=lambda r: abs(math.log(r / middle)))


def _middle(values: list[float]) -> float:
    """The middle value (the upper of the two middle ones for an even count)."""
    return sorted(values)[len(values) // 2]


def mark_decimal_doubt(fact: Fact, neighbours: Sequence[float | None] = ()) -> DecimalDoubt | None:
    """Flag ``fact`` (``extra["decimal_doubt"]``) and lower its confidence if its figure lost its comma.

    A change ("tăng 150%") is no share and is left alone; a fact flagged already is not flagged twice.
    """
    if DECIMAL_DOUBT in fact.extra or fact.extra.get("quantity_kind") in ("change", "reduction_amount"):
        return None
    share = is_share_label(fact.label) or is_share_label(str(fact.extra.get("label_as_written", "")))
    doubt = lost_decimal_comma(fact.value, fact.unit, share=share, neighbours=neighbours)
    if doubt is not None:
        fact.extra[DECIMAL_DOUBT] = doubt.to_json()
        fact.confidence = round(fact.confidence * DOUBTED_CONFIDENCE, 3)
    return doubt
