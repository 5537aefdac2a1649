"""Column widths and type sizes of the official header block, from the widths of its lines.

The header (Nghị định 30/2020, mẫu 1.1) sets the issuing body top left and, top right, the
national name "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12–13 pt, bold), the motto "Độc lập - Tự do -
Hạnh phúc" (13–14 pt, bold) and, one row down, the place and date line (13–14 pt, italic). None
of the right-hand lines may wrap: "… VIỆT / NAM" is not a letterhead. In Times New Roman the
usual split (38 % | 62 % of the 162,5 mm between the margins) holds them; in a wider serif such as
DejaVu Serif the national name alone needs 112 mm. So the right column is made as wide as its
widest line needs, the issuer keeps at least `ISSUER_MIN_SHARE` of the width (its lines may wrap,
as they do in real letterheads), and the type steps down within the decree's sizes, then below
them only as far as the line needs, when even that is too wide.

Pure: `layout_header` takes a `measure(text, size_pt, bold, italic) -> mm` function, so it is
tested with any metrics; `report.fonts` measures the real font.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CONTENT_WIDTH_MM = 210 - 30 - 17.5  # A4 portrait less the left and right margins of _style.css
DEFAULT_RIGHT_SHARE = 0.62
ISSUER_MIN_SHARE = 0.30
COLUMN_GAP_MM = 4.0  # white space kept between the two columns
# (national name, motto, date line) sizes in pt, from the decree's largest to its smallest
DECREE_SIZES = ((13.0, 14.0, 14.0), (12.5, 13.5, 13.5), (12.0, 13.0, 13.0))

Measure = Callable[[str, float, bool, bool], float]


@dataclass(frozen=True)
class HeaderLayout:
    issuer_mm: float
    right_mm: float
    national_pt: float
    motto_pt: float
    date_pt: float
    motto_rule_mm: float  # the rule under the motto is as long as the motto


DEFAULT_LAYOUT = HeaderLayout(
    issuer_mm=CONTENT_WIDTH_MM * (1 - DEFAULT_RIGHT_SHARE),
    right_mm=CONTENT_WIDTH_MM * DEFAULT_RIGHT_SHARE,
    national_pt=DECREE_SIZES[0][0], motto_pt=DECREE_SIZES[0][1], date_pt=DECREE_SIZES[0][2],
    motto_rule_mm=CONTENT_WIDTH_MM * DEFAULT_RIGHT_SHARE * 0.62,  # the old fixed rule, unmeasured
)


def layout_header(measure: Measure, date_line: str, width_mm: float = CONTENT_WIDTH_MM) -> HeaderLayout:
    """The widest decree sizes whose right-hand lines fit beside the issuer's least width."""
    room = width_mm * (1 - ISSUER_MIN_SHARE)
    for sizes in DECREE_SIZES:
        needed = _right_width(measure, date_line, sizes)
        if needed <= room:
            return _layout(measure, sizes, needed, width_mm)
    smallest = DECREE_SIZES[-1]
    scale = (room - COLUMN_GAP_MM) / (_right_width(measure, date_line, smallest) - COLUMN_GAP_MM)
    sizes = (smallest[0] * scale, smallest[1] * scale, smallest[2] * scale)
    return _layout(measure, sizes, room, width_mm)


def _right_width(measure: Measure, date_line: str, sizes: tuple[float, float, float]) -> float:
    national, motto, date = sizes
    widest = max(
        measure(NATIONAL_NAME, national, True, False),
        measure(MOTTO, motto, True, False),
        measure(date_line, date, False, True),
    )
    return widest + COLUMN_GAP_MM


def _layout(measure: Measure, sizes: tuple[float, float, float], needed: float, width_mm: float) -> HeaderLayout:
    right = max(needed, width_mm * DEFAULT_RIGHT_SHARE)
    national, motto, date = (math.floor(size * 100) / 100 for size in sizes)  # never rounded up past the fit
    return HeaderLayout(
        issuer_mm=width_mm - right,
        right_mm=right,
        national_pt=national,
        motto_pt=motto,
        date_pt=date,
        motto_rule_mm=measure(MOTTO, motto, True, False),
    )

