"""An indicator's series as an inline SVG: actual per year as bars, the target as a line.

Drawn as markup rather than an image so it is crisp at any zoom, readable by screen readers
(``<title>`` on every mark), styled by the page's stylesheet, and allowed by the page's
Content-Security-Policy (presentation attributes and classes only: no inline ``style``).
Estimates are hatched, as in the printed reports, because a later report may still change them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from chitieu.web.filters import number


@dataclass(frozen=True)
class Point:
    year: int
    actual: float | None = None
    estimate: bool = False
    actual_label: str = ""  # "9 tháng năm 2024" when the year's figure is not the full year's
    target: float | None = None
    target_high: float | None = None
    target_text: str = ""


WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 16, 30, 58


def nice_step(span: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10ⁿ) giving about ``ticks`` intervals over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _attr(value: float) -> str:
    return f"{value:.1f}"


def series_svg(points: Sequence[Point], unit: str | None, title: str) -> Markup:
    """The chart, or an empty string when there is nothing to draw."""
    points = [p for p in points if p.actual is not None or p.target is not None]
    if not points:
        return Markup("")
    values = [v for p in points for v in (p.actual, p.target, p.target_high) if v is not None]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    if high == low:
        high = low + 1
    step = nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    slot = plot_w / len(points)
    bar_w = min(46.0, slot * 0.55)
    out: list[str] = [
        f'<svg class="series-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#2f5d8a" stroke-width="2.2"/>'
        "</pattern></defs>",
    ]
    tick = low
    while tick <= high + step / 2:
        ty = y(tick)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_attr(ty)}" y2="{_attr(ty)}"/>')
        out.append(f'<text class="axis" x="{LEFT - 6}" y="{_attr(ty + 4)}" text-anchor="end">{escape(number(round(tick, 6)))}</text>')
        tick += step
    if unit:
        out.append(f'<text class="axis unit" x="4" y="12" text-anchor="start">{escape(unit)}</text>')
    zero = y(0.0)
    line: list[tuple[float, float, Point]] = []
    for index, p in enumerate(points):
        cx = LEFT + slot * (index + 0.5)
        if p.actual is not None:
            top, bottom = sorted((y(p.actual), zero))
            fill = "url(#hatch)" if p.estimate else "#2f5d8a"
            label = f"{p.actual_label or f'năm {p.year}'}: {number(p.actual)}{(' ' + unit) if unit else ''}"
            label += " (ước tính)" if p.estimate else ""
            out.append(
                f'<rect class="bar{" estimate" if p.estimate else ""}" x="{_attr(cx - bar_w / 2)}" y="{_attr(top)}" '
                f'width="{_attr(bar_w)}" height="{_attr(max(bottom - top, 0.8))}" fill="{fill}" stroke="#2f5d8a">'
                f"<title>{escape(label)}</title></rect>"
            )
            out.append(f'<text class="value" x="{_attr(cx)}" y="{_attr(top - 4)}" text-anchor="middle">'
                       f'{escape(number(p.actual))}</text>')
        if p.target is not None:
            if p.target_high is not None:
                y1, y2 = sorted((y(p.target_high), y(p.target)))
                out.append(f'<rect class="target-band" x="{_attr(cx - slot * 0.4)}" y="{_attr(y1)}" width="{_attr(slot * 0.8)}" '
                           f'height="{_attr(max(y2 - y1, 1))}" fill="#c0392b" fill-opacity="0.18">'
                           f"<title>{escape(f'Mục tiêu năm {p.year}: {p.target_text}')}</title></rect>")
            line.append((cx, y(p.target), p))
        year_label = str(p.year) + ("*" if p.actual_label and p.actual is not None else "")
        out.append(f'<text class="axis year" x="{_attr(cx)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{year_label}</text>')
    if len(line) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{_attr(x)},{_attr(yv)}" for i, (x, yv, _p) in enumerate(line))
        out.append(f'<path class="target-line" d="{path}" fill="none" stroke="#c0392b" stroke-width="2" stroke-dasharray="6 4"/>')
    for x, yv, p in line:
        out.append(f'<circle class="target-dot" cx="{_attr(x)}" cy="{_attr(yv)}" r="4.5" fill="#c0392b">'
                   f"<title>{escape(f'Mục tiêu năm {p.year}: {p.target_text}')}</title></circle>")
    legend_y = HEIGHT - 14
    out.append(
        f'<g class="legend"><rect x="{LEFT}" y="{legend_y - 10}" width="14" height="10" fill="#2f5d8a"/>'
        f'<text x="{LEFT + 20}" y="{legend_y}">Thực hiện</text>'
        f'<rect x="{LEFT + 100}" y="{legend_y - 10}" width="14" height="10" fill="url(#hatch)" stroke="#2f5d8a"/>'
        f'<text x="{LEFT + 120}" y="{legend_y}">Ước tính</text>'
        f'<line x1="{LEFT + 195}" x2="{LEFT + 221}" y1="{legend_y - 5}" y2="{legend_y - 5}" stroke="#c0392b" '
        f'stroke-width="2" stroke-dasharray="6 4"/><circle cx="{LEFT + 208}" cy="{legend_y - 5}" r="4" fill="#c0392b"/>'
        f'<text x="{LEFT + 228}" y="{legend_y}">Mục tiêu</text>'
        f'<text x="{LEFT + 305}" y="{legend_y}">* số liệu chưa đủ cả năm</text></g>'
    )
    out.append("</svg>")
    return Markup("".join(out))
