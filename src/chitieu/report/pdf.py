"""The report as PDF, printed by WeasyPrint from the same HTML as the web page.

The stylesheet's @page rules give A4 portrait with the decree's margins, page numbers centred
at the top from page 2, and a landscape named page for the appendices. Charts are embedded as
PNG here (raster images print the same in every PDF viewer). Fonts: Times New Roman when
installed, else the metric-compatible Liberation Serif, else DejaVu Serif — all carry the
Vietnamese glyphs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from chitieu.report.html import TEMPLATE_DIR, render_html
from chitieu.report.model import Report


def write_pdf(report: Report, path: Path) -> Path:
    from weasyprint import HTML  # imported here: loading Pango costs time every other format can skip

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_html(report, chart_format="png")
    path = Path(path)
    HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf(str(path))
    return path
