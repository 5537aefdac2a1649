"""The report as a standalone HTML document, from Jinja2 templates the web application reuses.

Templates live in `chitieu/report/templates/report/`; `document.html` is the whole standalone
page and includes the partials (`_header.html`, `_body.html`, `_closing.html`, `_table.html`,
`_tasks.html`, `_sources.html`) that the web application can include in its own pages after
calling `register_filters(env)` and passing `report_context(report)`. The same HTML feeds the
PDF writer, so its stylesheet carries the print rules (A4, margins, landscape appendix).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from chitieu.report.charts import chart_rows, indicator_chart, render, status_chart
from chitieu.report.docx import recipient_lines
from chitieu.report.fonts import ReportFont, css_stack, report_font
from chitieu.report.header_layout import DEFAULT_LAYOUT, MOTTO, NATIONAL_NAME, HeaderLayout, layout_header
from chitieu.report.model import STATUSES, TASK_STATUSES, Report
from chitieu.report.narrative import (
    consistency_items,
    missing_groups_sentence,
    overview_sentence,
    row_narrative,
    summarise,
)
from chitieu.report.numbers import format_number, format_quantity, roman
from chitieu.report.tasks import agencies_with_tasks, task_counts_by_agency, task_summary_sentence
from chitieu.report.view import headers, table_view

TEMPLATE_DIR = Path(__file__).parent / "templates"


def register_filters(environment: Environment) -> Environment:
    """Add the report filters (`vn_number`, `vn_quantity`, `vn_date`) to any Jinja2 environment."""
    environment.filters["vn_number"] = format_number
    environment.filters["vn_quantity"] = format_quantity
    environment.filters["vn_date"] = lambda d: f"{d:%d/%m/%Y}" if d else ""
    return environment


def template_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return register_filters(environment)


def _data_uri(data: bytes, fmt: str) -> str:
    mime = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def header_for(report: Report, font: ReportFont | None) -> HeaderLayout:
    """The header block laid out for the font the page is set in (the default one when unknown)."""
    return layout_header(font.width_mm, report.date_line()) if font else DEFAULT_LAYOUT


def report_context(report: Report, chart_format: str = "svg", charts: bool = True) -> dict[str, Any]:
    """Everything the templates need, computed once (narratives, cells, summaries, charts)."""
    font = report_font()
    charted = chart_rows(report) if charts else []
    row_charts = {id(row): _data_uri(render(indicator_chart(row, report), chart_format), chart_format)
                  for row in charted}
    has_rows = any(group.rows for group in report.groups)
    return {
        "report": report,
        "font_stack": css_stack(font),
        "letterhead": header_for(report, font),
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "headers": headers(report),
        "column_kinds": [c.kind for c in report.columns],
        "groups": table_view(report),
        "sections": [
            {"name": group.name,
             "paragraphs": [{"text": row_narrative(row, report), "chart": row_charts.get(id(row)), "label": row.label}
                       for row in group.rows]}
            for group in report.groups
        ],
        "status_chart": _data_uri(render(status_chart(report), chart_format), chart_format)
        if charts and has_rows else None,
        "overview": overview_sentence(report) + missing_groups_sentence(report),
        "summary": summarise(report),
        "findings": consistency_items(report),
        "task_groups": agencies_with_tasks(report.tasks),
        "task_counts": task_counts_by_agency(report.tasks),
        "task_statuses": TASK_STATUSES,
        "task_sentence": task_summary_sentence(report.tasks) if report.tasks else "",
        "statuses": STATUSES,
        "recipients": recipient_lines(report.recipients),
        "estimate_headers": [c.header for c in report.columns if c.estimate],
        "appendix_label": "Phụ lục I" if report.tasks else "Phụ lục",
        "roman": roman,
    }


def render_html(report: Report, chart_format: str = "svg", charts: bool = True) -> str:
    template = template_environment().get_template("report/document.html")
    return template.render(**report_context(report, chart_format, charts))


def write_html(report: Report, path: Path) -> Path:
    path = Path(path)
    path.write_text(render_html(report), encoding="utf-8")
    return path
