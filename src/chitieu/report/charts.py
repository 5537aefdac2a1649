"""Charts for reports: an indicator's target against its yearly values, and verdicts per group.

Drawn on bare `Figure` objects with an explicit Agg canvas (no pyplot, no global backend switch), so the web application can call
this from many threads. DejaVu Sans carries every Vietnamese glyph; axis numbers use the
Vietnamese separators like the tables. Estimates are hatched so a reader sees which bars may
still change.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from chitieu.evaluate.rules import expected_text
from chitieu.report.model import STATUSES, Report, Row
from chitieu.report.numbers import format_number

STYLE: Any = {  # rc keys are typed as literals; a plain mapping is clearer here

    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "chitieu",
}
STATUS_COLOURS = {
    "Vượt": "#1a7f37",
    "Đạt": "#4c9f70",
    "Không đạt": "#c0392b",
    "Không đánh giá": "#9e9e9e",
    "Chưa có số liệu": "#d9d9d9",
}
ACTUAL = "#2f5d8a"
TARGET = "#c0392b"


def _vn_axis(decimals: int | None = None) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: format_number(value, decimals))


def indicator_chart(row: Row, report: Report) -> Figure:
    """Bars of the row's values per year/period (estimates hatched) and the target as a line or band."""
    columns = [c for c in report.value_columns() if row.values.get(c.key) is not None]
    with rc_context(STYLE):
        figure = Figure(figsize=(6.4, 3.2), dpi=150)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        decimals = report.decimals_of(row)
        for index, column in enumerate(columns):
            value = row.values[column.key] or 0.0
            estimate = row.is_estimate(column)
            axes.bar(
                index, value, width=0.6, color="white" if estimate else ACTUAL, edgecolor=ACTUAL,
                hatch="///" if estimate else None, linewidth=1,
            )
            axes.annotate(format_number(value, decimals), (index, value), ha="center",
                          va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
        axes.set_xticks(range(len(columns)), [c.header for c in columns])
        handles = [Patch(facecolor=ACTUAL, label="Thực hiện"),
                   Patch(facecolor="white", edgecolor=ACTUAL, hatch="///", label="Ước thực hiện")]
        target = row.target
        if target is not None and target.value is not None:
            label = f"Mục tiêu: {row.target_display()}"
            if target.value_high is not None:
                axes.axhspan(target.value, target.value_high, color=TARGET, alpha=0.15)
                handles.append(Patch(facecolor=TARGET, alpha=0.15, label=label))
            else:
                axes.axhline(target.value, color=TARGET, linestyle="--", linewidth=1.2)
                handles.append(Patch(facecolor=TARGET, label=label))
        if row.aggregate is not None and report.kind == "term":
            axes.axhline(row.aggregate, color="#555555", linestyle=":", linewidth=1)
            handles.append(Patch(facecolor="#555555", label=f"Cả kỳ: {format_number(row.aggregate, decimals)}"))
        axes.axhline(0, color="black", linewidth=0.6)
        axes.yaxis.set_major_formatter(_vn_axis())
        axes.set_ylabel(row.unit)
        axes.set_title(row.label, fontsize=10, loc="left", wrap=True)
        axes.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        figure.tight_layout()
    return figure


def status_chart(report: Report) -> Figure:
    """One horizontal bar per group, split by verdict (Vượt, Đạt, Không đạt, …) with counts."""
    groups = [g for g in report.groups if g.rows]
    with rc_context(STYLE):
        figure = Figure(figsize=(7.0, 0.55 * max(len(groups), 1) + 1.3), dpi=150)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        names = [f"{g.roman}. {g.name}" for g in groups]
        lefts = [0] * len(groups)
        # a verdict on an estimate of the running year is its own, hatched bar: "Dự kiến vượt"
        for status, expected in [(status, expected) for status in STATUSES for expected in (False, True)]:
            counts = [sum(1 for r in g.rows if r.status == status and (r.status_text != r.status) == expected)
                      for g in groups]
            if not any(counts):
                continue
            label = expected_text(status) if expected else status
            bars = axes.barh(names, counts, left=lefts, color=STATUS_COLOURS[status], label=label,
                             hatch="///" if expected else None, alpha=0.7 if expected else 1.0)
            axes.bar_label(bars, labels=[str(c) if c else "" for c in counts], label_type="center",
                           fontsize=8, color="white" if status in ("Vượt", "Không đạt") else "black")
            lefts = [a + b for a, b in zip(lefts, counts, strict=True)]
        axes.invert_yaxis()
        axes.set_xlabel("Số chỉ tiêu")
        axes.xaxis.set_major_formatter(_vn_axis(0))
        axes.set_title("Kết quả đánh giá chỉ tiêu theo lĩnh vực", fontsize=10, loc="left")
        axes.legend(fontsize=7, ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.25), frameon=False)
        figure.tight_layout()
    return figure


def render(figure: Figure, fmt: str = "png") -> bytes:
    """The figure as PNG or SVG bytes (fonts drawn as paths in SVG, so any viewer shows them)."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported chart format {fmt!r}")
    buffer = io.BytesIO()
    with rc_context(STYLE):
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def chart_rows(report: Report) -> list[Row]:
    """The rows the report asks to chart, in report order.

    A row is named by its indicator code or by its place in the table, "I.1" (group numeral and
    STT), since STT alone repeats across groups.
    """
    wanted = set(report.chart_indicators)
    return [
        row
        for group in report.groups
        for row in group.rows
        if f"{group.roman}.{row.stt}" in wanted or (row.indicator_code or "") in wanted
    ]


def report_charts(report: Report, fmt: str = "png") -> list[tuple[str, str, bytes]]:
    """(name, caption, bytes) of every chart a report embeds: the status chart, then each chosen row."""
    charts: list[tuple[str, str, bytes]] = []
    if any(group.rows for group in report.groups):
        charts.append(("trang-thai", "Kết quả đánh giá chỉ tiêu theo lĩnh vực", render(status_chart(report), fmt)))
    wanted = {id(row) for row in chart_rows(report)}
    for group in report.groups:
        for row in group.rows:
            if id(row) in wanted:
                key = row.indicator_code or f"{group.roman}-{row.stt}"  # STT alone repeats across groups
                name = "chi-tieu-" + "".join(c if c.isalnum() else "-" for c in key)
                charts.append((name, row.label, render(indicator_chart(row, report), fmt)))
    return charts


def export_charts(report: Report, folder: Path, formats: Iterable[str] = ("png", "svg")) -> list[Path]:
    """Write every chart of the report into `folder` in each format; returns the written paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        for name, _caption, data in report_charts(report, fmt):
            path = folder / f"{name}.{fmt}"
            path.write_bytes(data)
            written.append(path)
    return written
