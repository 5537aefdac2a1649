"""Figures of an OCR'd text that the OCR may have written otherwise than the page prints them.

Read on a document whose text came through OCR: a scan chitieu read itself, or a text layer that
OCR without Vietnamese wrecked and chitieu restored. OCR's habits with figures leave something
that still looks valid and says something else; only what OCR can and cannot write tells how to
read it:

* **A thousands dot read as a comma.** ``4.250 tỷ đồng`` comes out ``4,250``: a valid decimal, a
  thousandth of the figure. Scanned text keeps the dot almost always, and official figures carry
  at most two decimals, so a figure written with one comma before exactly three digits is
  doubted, like a lost decimal comma (:mod:`chitieu.extract.plausibility`): kept as written,
  flagged with the reading a dot gives, its confidence lowered, and no verdict drawn from it
  until someone checks the page. (A planner may still write ``1,099 triệu lượt``; the flag asks,
  it does not change the figure.)
* **A bound the OCR cannot write.** Tesseract's English model, which made the archives' text
  layers, has no ``≥`` or ``≤``: it writes ``>``, ``<`` or ``=`` in their place. No target is
  written ``= 68``, so a figure right after a lone ``=`` is read as a bound, the one the
  indicator's direction makes it (``≥`` where higher is better, ``≤`` where lower is); where the
  direction is unknown it stays ``=``. Either way ``extra["sign_as_written"]`` says what the text
  has and why, and the fact's confidence drops.

* **A bound that lost a letter.** Where the restored reading has no bound before a figure but
  the page's own words are, but for one letter, a bound of two words or more (``ti thiéu 78``
  for ``tối thiểu 78``, which the restorer misread ``từ thiếu``), the figure takes that bound, and
  ``extra["bound_as_written"]`` says which words made it.
* **Digits read anew.** Where restoration read a figure's digits otherwise than the text has them
  (a ``%`` OCR wrote as ``96``: ``3,596`` read ``3,5%``, :mod:`chitieu.text.restore.percent`),
  ``extra["figure_as_written"]`` gives both, so that the reader who compares the figure with its
  citation sees why they differ.

Everything here works on the text the facts were read from (the restored reading of a wrecked
text), before their offsets move to the document's own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from chitieu.extract.facts import DECIMAL_DOUBT, Fact
from chitieu.extract.plausibility import DOUBTED_CONFIDENCE, DecimalDoubt
from chitieu.extract.quantities import BOUND_PHRASES, Quantity, find_quantities
from chitieu.text.fold import fold

__all__ = [
    "BOUND_AS_WRITTEN",
    "FIGURE_AS_WRITTEN",
    "SIGN_AS_WRITTEN",
    "SIGN_DOUBT",
    "bound_for_equals",
    "mark_scan_figures",
    "thousands_read_as_comma",
]

SIGN_AS_WRITTEN = "sign_as_written"  # the ``extra`` entry of a bound read from OCR's "="
BOUND_AS_WRITTEN = "bound_as_written"  # the ``extra`` entry of a bound read from the page's own words
FIGURE_AS_WRITTEN = "figure_as_written"  # the ``extra`` entry of a figure whose digits were read anew
SIGN_DOUBT = 0.8  # a bound read from "=", or from the page's words, is this much less certain
# how close (rapidfuzz ratio, 0-100, letters without marks) the page's words must come to a bound
# of two words or more: one letter of "toi thieu" lost (94) or changed (89), not "khong co" (80)
WRITTEN_BOUND_SCORE = 88.0
_BOUNDS_FOLDED = {fold(phrase).lower(): (phrase, comparator) for phrase, comparator in BOUND_PHRASES.items()}
_WORDS_BEFORE = re.compile(r"((?:[^\W\d_]+[ \t]+){1,2}[^\W\d_]+)[ \t:]*$")  # the last 2-3 words before a figure
# one comma before exactly three digits, nothing else: "4,250" (not "4,25", "0,596", "1.234,567", "4,250,000")
_COMMA_THOUSANDS = re.compile(r"(?<![\d.,])([1-9]\d{0,2}),(\d{3})(?![\d.,])")
# a lone "=" right before the figure (not "<=", ">=", "==", "≠")
_EQUALS_BEFORE = re.compile(r"(?<![<>=!≤≥])=[ \t]*$")
_BOUNDS = {"up": ">=", "down": "<="}
_DIGITS = re.compile(r"\D")  # all but the digits: a separator read anew ("2:100" → "2.100") is no new figure


def thousands_read_as_comma(numeral: str) -> float | None:
    """The figure ``numeral`` writes if its one comma is a thousands dot (``4,250`` → 4250), else None."""
    found = _COMMA_THOUSANDS.fullmatch(numeral.strip())
    return float(found.group(1) + found.group(2)) if found else None


def bound_for_equals(text: str, number_start: int, direction: str | None) -> str | None:
    """The comparator a lone ``=`` right before ``text[number_start:]`` stands for, if one does.

    ``">="``/``"<="`` by the indicator's ``direction`` ("up": higher is better), ``"="`` where the
    direction is unknown; None when no lone ``=`` is there.
    """
    if not _EQUALS_BEFORE.search(text, max(0, number_start - 4), number_start):
        return None
    return _BOUNDS.get(direction or "", "=")


def mark_scan_figures(facts: Iterable[Fact], text: str, written: Callable[[int, int], str] | None = None) -> None:
    """Flag or read anew each target's and result's figure that OCR may have written otherwise.

    ``text`` is what the facts were read from: their sources are spans of it. ``written`` gives
    the document's own text under a span of ``text`` where ``text`` is a restored reading.
    """
    for fact in facts:
        if fact.kind not in ("target", "actual") or fact.value is None:
            continue
        quantity = _quantity_of(fact, text)
        if quantity is None:
            continue
        if written is not None:
            _note_figure_as_written(fact, text, quantity, written)
            if fact.comparator == "=" and SIGN_AS_WRITTEN not in fact.extra and BOUND_AS_WRITTEN not in fact.extra:
                before = written(max(fact.source.start, quantity.number_start - 40), quantity.number_start)
                _read_written_bound(fact, quantity, before)
        _doubt_thousands(fact, text[quantity.number_start : quantity.number_end])
        if fact.comparator == "=" and SIGN_AS_WRITTEN not in fact.extra:
            _read_equals_as_bound(fact, text, quantity.number_start)


def _quantity_of(fact: Fact, text: str) -> Quantity | None:
    """The quantity of ``fact``'s source that holds its figure (the first with its value; a
    decrease, stored negative, written without its sign)."""
    for quantity in find_quantities(text, fact.source.start, fact.source.end):
        if fact.value is not None and abs(quantity.value) == abs(fact.value) and quantity.value_high == fact.value_high:
            return quantity
    return None


def _note_figure_as_written(fact: Fact, text: str, quantity: Quantity, written: Callable[[int, int], str]) -> None:
    end = quantity.number_end + (text[quantity.number_end : quantity.number_end + 1] in ("%", "‰"))
    read = text[quantity.number_start : end]
    as_written = written(quantity.number_start, end).strip()
    if _DIGITS.sub("", as_written) != _DIGITS.sub("", read):
        note = f"bản OCR ghi «{as_written}», đọc là «{read}»; cần đối chiếu bản gốc"
        fact.extra[FIGURE_AS_WRITTEN] = {"written": as_written, "read": read, "note": note}


def written_bound(before: str) -> tuple[str, str, str] | None:
    """The bound of two words or more that the words ending ``before`` (the page's text right
    before a figure) spell but for a letter OCR lost or changed: (those words, the bound's words,
    its comparator); else None."""
    found = _WORDS_BEFORE.search(before)
    if found is None:
        return None
    from rapidfuzz import fuzz, process

    words = found.group(1).split()
    best: tuple[float, str, str, str] | None = None
    for count in range(2, len(words) + 1):
        written = " ".join(words[-count:])
        match = process.extractOne(
            fold(written).lower(), list(_BOUNDS_FOLDED), scorer=fuzz.ratio, score_cutoff=WRITTEN_BOUND_SCORE
        )
        if match is not None and len(match[0].split()) == count and (best is None or match[1] > best[0]):
            best = (match[1], written, *_BOUNDS_FOLDED[match[0]])
    return None if best is None else best[1:]


def _read_written_bound(fact: Fact, quantity: Quantity, before: str) -> None:
    bound = written_bound(before)
    if bound is None or bound[1] in quantity.modifiers:
        return
    words, phrase, comparator = bound
    fact.comparator = comparator  # type: ignore[assignment]
    note = f"bản OCR ghi «{words}» trước số liệu, đọc là «{phrase}»; cần đối chiếu bản gốc"
    fact.extra[BOUND_AS_WRITTEN] = {"written": words, "read": phrase, "note": note}
    fact.confidence = round(fact.confidence * SIGN_DOUBT, 3)


def _doubt_thousands(fact: Fact, numeral: str) -> None:
    if DECIMAL_DOUBT in fact.extra or fact.value_high is not None:
        return
    reading = thousands_read_as_comma(numeral.lstrip("-−–+"))
    if reading is None or fact.value is None:
        return
    written = numeral.lstrip("-−–+")
    doubt = DecimalDoubt(fact.value, fact.unit, (reading if fact.value >= 0 else -reading,), "thousands", written)
    fact.extra[DECIMAL_DOUBT] = doubt.to_json()
    fact.confidence = round(fact.confidence * DOUBTED_CONFIDENCE, 3)


def _read_equals_as_bound(fact: Fact, text: str, number_start: int) -> None:
    direction = _direction(fact.indicator)
    bound = bound_for_equals(text, number_start, direction)
    if bound is None:
        return
    if bound == "=":
        note = "dấu «=» trước số liệu có thể là «≥» hoặc «≤» mà bản OCR không viết được; cần đối chiếu bản gốc"
    else:
        sign = "≥" if bound == ">=" else "≤"
        note = (
            f"bản OCR ghi «=» trước số liệu; OCR không viết được dấu «≥», «≤» nên đọc là «{sign}» "
            f"theo chiều đánh giá của chỉ tiêu; cần đối chiếu bản gốc"
        )
        fact.comparator = bound  # type: ignore[assignment]
    fact.extra[SIGN_AS_WRITTEN] = {"written": "=", "read": bound, "note": note}
    fact.confidence = round(fact.confidence * SIGN_DOUBT, 3)


def _direction(code: str | None) -> str | None:
    if not code:
        return None
    from chitieu.catalog import shipped_catalog

    indicator = shipped_catalog().get(code)
    return indicator.direction if indicator is not None else None
