"""The official header block fits its columns in any serif font: the right-hand lines never wrap.

`layout_header` is pure: it is tested here with metrics of any width (a font a quarter wider than
Times New Roman, one twice as wide) and with the real fonts fontconfig finds on this machine.
The printed check is in `test_report_pdf_header.py`.
"""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.report.fonts import ReportFont, report_font
from chitieu.report.header_layout import (
    COLUMN_GAP_MM,
    CONTENT_WIDTH_MM,
    DECREE_SIZES,
    DEFAULT_RIGHT_SHARE,
    ISSUER_MIN_SHARE,
    MOTTO,
    NATIONAL_NAME,
    HeaderLayout,
    Measure,
    layout_header,
)

DATE_LINE = "Lai Châu, ngày 08 tháng 09 năm 2025"
PT_TO_MM = 25.4 / 72


def even_font(em_share: float, bold_extra: float = 0.08) -> Measure:
    """Every character `em_share` of the size wide (bold a little wider): a font of any width."""

    def measure(text: str, size_pt: float, bold: bool, italic: bool) -> float:
        share = em_share + (bold_extra if bold else 0.0)
        return len(text) * share * size_pt * PT_TO_MM

    return measure


def right_lines_fit(measure: Measure, layout: HeaderLayout, date_line: str = DATE_LINE) -> bool:
    widths = (
        measure(NATIONAL_NAME, layout.national_pt, True, False),
        measure(MOTTO, layout.motto_pt, True, False),
        measure(date_line, layout.date_pt, False, True),
    )
    return max(widths) + COLUMN_GAP_MM <= layout.right_mm + 1e-9


@pytest.mark.parametrize(
    ("em_share", "sizes"),
    [
        (0.50, DECREE_SIZES[0]),  # narrow as Times New Roman: the decree's largest sizes
        (0.64, DECREE_SIZES[1]),  # a wider serif steps down half a point
        (0.67, DECREE_SIZES[2]),  # wider still: the decree's smallest sizes
    ],
)
def test_sizes_step_down_within_the_decree_as_the_font_widens(em_share: float, sizes: tuple[float, ...]) -> None:
    measure = even_font(em_share)
    layout = layout_header(measure, DATE_LINE)
    assert (layout.national_pt, layout.motto_pt, layout.date_pt) == sizes
    assert right_lines_fit(measure, layout)


def test_a_narrow_font_keeps_the_usual_split_of_the_page() -> None:
    layout = layout_header(even_font(0.40), DATE_LINE)
    assert layout.right_mm == pytest.approx(CONTENT_WIDTH_MM * DEFAULT_RIGHT_SHARE)
    assert layout.issuer_mm + layout.right_mm == pytest.approx(CONTENT_WIDTH_MM)


def test_a_font_too_wide_for_the_decree_sizes_shrinks_only_as_far_as_it_must() -> None:
    measure = even_font(1.0)
    layout = layout_header(measure, DATE_LINE)
    assert layout.national_pt < DECREE_SIZES[-1][0]
    assert right_lines_fit(measure, layout)
    assert layout.issuer_mm == pytest.approx(CONTENT_WIDTH_MM * ISSUER_MIN_SHARE)
    slightly_larger = HeaderLayout(layout.issuer_mm, layout.right_mm, layout.national_pt + 0.1,
                                   layout.motto_pt + 0.1, layout.date_pt + 0.1, layout.motto_rule_mm)
    assert not right_lines_fit(measure, slightly_larger)


def test_a_long_place_name_widens_the_date_column_not_the_national_name() -> None:
    place = "Thành phố Hồ Chí Minh, ngày 08 tháng 09 năm 2025"
    measure = even_font(0.5)
    layout = layout_header(measure, place)
    assert right_lines_fit(measure, layout, place)
    assert layout.national_pt <= DECREE_SIZES[0][0]


def test_the_rule_under_the_motto_is_as_long_as_the_motto() -> None:
    measure = even_font(0.5)
    layout = layout_header(measure, DATE_LINE)
    assert layout.motto_rule_mm == pytest.approx(measure(MOTTO, layout.motto_pt, True, False))


@given(
    em_share=st.floats(min_value=0.3, max_value=1.5),
    bold_extra=st.floats(min_value=0.0, max_value=0.2),
    place=st.text(alphabet="abcdeghiklmnopqrstuvxyÂÊÔƠƯĐàáảãạ ", min_size=1, max_size=40),
)
def test_the_right_lines_always_fit_and_the_issuer_keeps_its_share(em_share: float, bold_extra: float, place: str) -> None:
    date_line = f"{place}, ngày 08 tháng 09 năm 2025"
    measure = even_font(em_share, bold_extra)
    layout = layout_header(measure, date_line)
    assert right_lines_fit(measure, layout, date_line)
    assert layout.issuer_mm >= CONTENT_WIDTH_MM * ISSUER_MIN_SHARE - 1e-6
    assert layout.national_pt <= DECREE_SIZES[0][0] and layout.motto_pt <= DECREE_SIZES[0][1]
    assert layout.national_pt > 0


def installed_serif_families() -> list[str]:
    """Families with Vietnamese glyphs whose name says serif, as fontconfig lists them."""
    try:
        out = subprocess.run(["fc-list", ":lang=vi", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    names = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return sorted(n for n in names if ("Serif" in n and "Sans" not in n) or "Times" in n)


def real_font(family: str) -> ReportFont:
    font = report_font(family)
    if font is None:
        pytest.skip("fontconfig (fc-match) is not installed")
    return font


def test_times_new_roman_resolves_to_a_font_with_its_metrics() -> None:
    """`make setup` installs Liberation Serif, which fontconfig gives for Times New Roman."""
    font = real_font("Times New Roman")
    assert font.family in {"Times New Roman", "Liberation Serif", "Tinos"}, font.family
    layout = layout_header(font.width_mm, DATE_LINE)
    assert (layout.national_pt, layout.motto_pt, layout.date_pt) == DECREE_SIZES[0]


@pytest.mark.parametrize("family", installed_serif_families() or ["Times New Roman"])
def test_every_installed_serif_font_fits_the_header(family: str) -> None:
    font = real_font(family)
    layout = layout_header(font.width_mm, DATE_LINE)
    assert right_lines_fit(font.width_mm, layout)
    assert layout.national_pt >= DECREE_SIZES[-1][0] - 2  # real serifs stay near the decree's sizes


def test_real_widths_grow_with_size_and_weight() -> None:
    font = real_font("DejaVu Serif")
    regular = font.width_mm(NATIONAL_NAME, 13)
    assert font.width_mm(NATIONAL_NAME, 26) == pytest.approx(2 * regular)
    assert font.width_mm(NATIONAL_NAME, 13, bold=True) > regular
    assert 60 < regular < 140  # mm: a 13 pt line of 34 characters
