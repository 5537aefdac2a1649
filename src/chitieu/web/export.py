"""CSV export of any table the API lists (``?format=csv``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.responses import Response

# A cell starting with one of these is a formula to a spreadsheet (CSV injection); such cells are
# prefixed with an apostrophe, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = "; ".join(map(str, value))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_response(rows: Sequence[Mapping[str, Any]], filename: str) -> Response:
    """Rows as a UTF-8 CSV with BOM (so spreadsheet programs read Vietnamese text correctly)."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})
