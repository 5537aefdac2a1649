"""The appendix table as CSV: UTF-8 with a BOM so Excel opens the Vietnamese text correctly.

Numbers are written plainly (dot decimal, no thousands separator) so any program reads them
back exactly; bound cells ("<15") and text stay as written. Group rows carry their Roman
numeral and name, as in the printed table, so the file reads the same way.
"""

from __future__ import annotations

import csv
from pathlib import Path

from chitieu.report.model import Report
from chitieu.report.view import cell_view, headers


def _plain(value: float) -> str:
    text = repr(round(float(value), 6))
    return text[:-2] if text.endswith(".0") else text


def table_rows(report: Report) -> list[list[str]]:
    """Header, then for each group its heading row and its indicator rows."""
    out = [[*headers(report), "Mã chỉ tiêu", "Số ước"]]
    for group in report.groups:
        out.append([group.roman, group.name, *([""] * (len(out[0]) - 2))])
        for row in group.rows:
            cells = []
            estimates = []
            for column in report.columns:
                view = cell_view(report, row, column)
                cells.append(_plain(view.value) if view.value is not None else view.text)
                if view.estimate and view.text:
                    estimates.append(column.header)
            out.append([row.stt, row.label, row.unit, *cells, row.indicator_code or "", "; ".join(estimates)])
    return out


def write_csv(report: Report, path: Path) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table_rows(report))
    return path
