"""Vietnamese number display for reports: thousands dot, decimal comma (1.234,5).

`chitieu.extract.quantities.format_number` is the project-wide helper, but reports need more
(fixed decimals per row, Excel number formats, half-up rounding the way a statistician rounds),
so this module wraps Babel's `vi` locale directly. Babel rounds half-even; official tables round
half-up (5,385 → 5,39), hence the explicit Decimal quantisation before formatting.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

MAX_DECIMALS = 2
_UNITS_WITHOUT_SPACE = frozenset({"%", "‰"})


def round_half_up(value: float, decimals: int) -> Decimal:
    """The value rounded the way printed tables round it (half away from zero)."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def decimals_needed(values: Iterable[float | None], limit: int = MAX_DECIMALS) -> int:
    """How many decimals show every value as written (4.2 → 1, 8.24 → 2), capped at `limit`."""
    best = 0
    for value in values:
        if value is None:
            continue
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            best = max(best, min(-exponent, limit))
    return best


def format_number(value: float, decimals: int | None = None) -> str:
    """`125797` → `125.797`; `1234.5` → `1.234,5`; `decimals` fixes the decimals shown.

    Without `decimals`, the shortest form up to two decimals is used (5.0 → `5`).
    """
    if decimals is None:
        decimals = decimals_needed([value])
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale="vi")


def format_quantity(value: float, unit: str | None, decimals: int | None = None) -> str:
    """A number with its unit as a sentence writes it: `55,7%`, `125.797 tấn`, `0,4‰`."""
    text = format_number(value, decimals)
    if not unit:
        return text
    if unit in _UNITS_WITHOUT_SPACE or unit.startswith(("%/", "‰/")):
        return text + unit
    return f"{text} {unit}"


def excel_number_format(decimals: int) -> str:
    """The Excel format for `decimals`; Excel shows it with the reader's locale separators."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def roman(number: int) -> str:
    """Roman numeral for group headings and appendix numbers (1 → I, 4 → IV)."""
    if number <= 0:
        raise ValueError(f"no roman numeral for {number}")
    out = []
    for size, letters in _ROMAN:
        count, number = divmod(number, size)
        out.append(letters * count)
    return "".join(out)
