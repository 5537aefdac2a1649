"""Charts render Vietnamese labels with real glyphs and export as PNG and SVG."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from PIL import Image

from chitieu.report.charts import (
    chart_rows,
    export_charts,
    indicator_chart,
    render,
    report_charts,
    status_chart,
)
from chitieu.report.sample import report_from_term_table


def _render_strictly(figure: object, fmt: str) -> bytes:
    """Render with every warning an error: a missing Vietnamese glyph warns and would fail here."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return render(figure, fmt)  # type: ignore[arg-type]


def test_status_chart_has_vietnamese_labels_and_is_a_png() -> None:
    report = report_from_term_table()
    figure = status_chart(report)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == ["I. Kinh tế", "II. Văn hóa - xã hội", "III. Môi trường"]
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert legend == ["Vượt", "Đạt", "Không đạt"]
    data = _render_strictly(figure, "png")
    assert data.startswith(b"\x89PNG")


def test_indicator_chart_marks_estimates_and_the_target_band() -> None:
    report = report_from_term_table()
    grdp = report.groups[0].rows[0]
    figure = indicator_chart(grdp, report)
    axes = figure.axes[0]
    bars = [p for p in axes.patches if p.get_width() == pytest.approx(0.6)]
    assert len(bars) == 5
    assert [bool(b.get_hatch()) for b in bars] == [False, False, False, False, True]  # Ước 2025
    assert [t.get_text() for t in axes.get_xticklabels()] == ["Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024", "Ước 2025"]
    assert "Mục tiêu: 9-10" in [t.get_text() for t in axes.get_legend().get_texts()]
    assert "-3,42" in [t.get_text() for t in axes.texts]
    svg = _render_strictly(figure, "svg")
    assert b"<svg" in svg and b"<path" in svg


def test_charts_are_named_by_place_or_code() -> None:
    report = report_from_term_table()
    assert [r.label for r in chart_rows(report)] == ["Tốc độ tăng trưởng kinh tế (GRDP) bình quân",
                                                     "Diện tích trồng chè mới cả giai đoạn"]
    assert [name for name, _, _ in report_charts(report)] == ["trang-thai", "chi-tieu-I-1", "chi-tieu-I-3"]


def test_export_writes_png_and_svg(tmp_path: Path) -> None:
    written = export_charts(report_from_term_table(), tmp_path)
    assert sorted(p.suffix for p in written) == [".png"] * 3 + [".svg"] * 3
    with Image.open(tmp_path / "trang-thai.png") as image:
        assert image.width >= 900
