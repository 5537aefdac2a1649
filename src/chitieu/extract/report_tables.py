"""Results stated as a table of a progress report: one ``actual`` per row.

A monthly, quarterly or 9-month report often gives its main indicators as a table::

    TT | Chỉ tiêu | ĐVT | Kế hoạch 2024 | Ước thực hiện 9 tháng | % so KH | % so cùng kỳ
    1  | Tổng sản lượng lương thực có hạt | tấn | 210.000 | 118.450 | 56,4 | 101,8

Which tables are read here, and which by :mod:`chitieu.extract.tables`: a table whose value
columns are *a part of a year or one report period* ("Ước thực hiện 9 tháng", "Thực hiện 6
tháng đầu năm 2024", "Tháng 10") next to a plan column or a "% so KH" / "% so cùng kỳ"
column is a report's table of results, read here; a table of *whole years* with a target and
verdict columns (the term or annual evaluation table) belongs to the table extractor, which
leaves part-year columns alone. Tables reach both as "cell | cell" lines of the normalised
text (DOCX and PDF tables are rendered so, Markdown and plain-text tables are written so).

A row's fact: value and unit as written, ``estimate`` from the column heading ("Ước …"),
``plan_ratio`` from the "% so KH" column (basis from its heading, "kế hoạch" by default),
``same_period_ratio`` from the "% so cùng kỳ" column, and ``plan_value`` (the plan the row
states); period from the value column's heading, else the document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.catalog import match_indicator
from chitieu.extract.facts import Fact, Period, Source
from chitieu.extract.periods import find_periods, fold
from chitieu.extract.quantities import parse_number
from chitieu.extract.units import normalize_unit
from chitieu.text.lines import is_page_furniture

__all__ = ["ReportTableHeader", "parse_report_header", "read_report_tables"]

_W = r"(?<![a-z0-9])"
_E = r"(?![a-z0-9])"
_NAME = re.compile(r"^(?:ten\s+)?(?:chi\s+tieu|noi\s+dung|cac\s+chi\s+tieu)" + _E)
_UNIT = re.compile(r"^(?:dvt|don\s+vi\s+tinh|don\s+vi|dv\s+tinh)" + _E)
_SAME_PERIOD = re.compile(_W + r"cung\s+ky" + _E)
_PLAN_WORD = re.compile(_W + r"(?P<b>ke\s+hoach|kh|du\s+toan|chi\s+tieu|nghi\s+quyet|nq)" + _E)
_PERCENT = re.compile(r"%|" + _W + r"(?:so\s+sanh|ty\s+le|phan\s+tram)" + _E)
_ACTUAL = re.compile(_W + r"(?:uoc\s+thuc\s+hien|thuc\s+hien|uoc\s+th|uoc\s+tinh|uoc|th|ket\s+qua)" + _E)
_ESTIMATE = re.compile(_W + r"(?:uoc|du\s+kien|uoc\s+tinh)" + _E)
_PART_YEAR = re.compile(
    _W
    + r"(?P<n>[0-9]{1,2})\s+thang(?:\s+(?:dau\s+nam|dau|nam))?"
    + _E
    + r"|"
    + _W
    + r"(?:quy|thang)\s+[0-9ivx]+"
    + _E
)
_BASIS = {"ke hoach": "kế hoạch", "kh": "kế hoạch", "du toan": "dự toán", "nq": "nghị quyết"}
_MATCH_THRESHOLD = 0.75


@dataclass(frozen=True)
class ReportTableHeader:
    """Which cell of a row holds what (indices into the row's cells)."""

    name: int
    value: int
    unit: int | None = None
    plan: int | None = None
    plan_ratio: int | None = None
    same_period: int | None = None
    estimate: bool = False
    period_text: str = ""
    basis: str = "kế hoạch"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse_report_header(cells: list[str], default_year: int | None = None) -> ReportTableHeader | None:
    """The columns of a report's results table, or None when the cells are no such header.

    It needs an indicator column and one column of results for a report period ("Ước thực
    hiện 9 tháng", "Thực hiện tháng 10"), plus a plan, "% so KH" or "% so cùng kỳ" column. A
    results column of an earlier year ("Thực hiện 9 tháng 2023") is a comparison, not the
    result; the last column for the report's year is.
    """
    name = unit = plan = ratio = same = None
    actuals: list[tuple[int, str]] = []
    basis = "kế hoạch"
    for i, cell in enumerate(cells):
        key = " ".join(fold(cell).replace("(", " ").replace(")", " ").split())
        if not key:
            continue
        if name is None and _NAME.match(key):
            name = i
        elif unit is None and _UNIT.match(key):
            unit = i
        elif _PERCENT.search(key) and _SAME_PERIOD.search(key):
            same = i
        elif _PERCENT.search(key) and (found := _PLAN_WORD.search(key)):
            ratio = i
            basis = _BASIS.get(" ".join(found.group("b").split()), basis)
        elif _ACTUAL.search(key) and not _SAME_PERIOD.search(key):
            years = [int(y) for y in re.findall(r"(?:19|20)[0-9]{2}", key)]
            if default_year is not None and years and years[-1] != default_year:
                continue
            if _PART_YEAR.search(key) or years:
                actuals.append((i, cell))
        elif _PLAN_WORD.search(key) and plan is None:
            plan = i
    if name is None or not actuals or (plan is None and ratio is None and same is None):
        return None
    value, heading = actuals[-1]
    return ReportTableHeader(
        name=name,
        value=value,
        unit=unit,
        plan=plan,
        plan_ratio=ratio,
        same_period=same,
        estimate=bool(_ESTIMATE.search(fold(heading))),
        period_text=heading,
        basis=basis,
    )


def _period_of(header: ReportTableHeader, default_year: int | None, fallback: Period | None) -> Period | None:
    text = header.period_text
    if default_year is not None and not re.search(r"(?:19|20)[0-9]{2}", text):
        text = f"{text} năm {default_year}"
    found = find_periods(text, default_year)
    return found[-1][2] if found else fallback


def _number(cell: str) -> float | None:
    cell = cell.strip()
    if not re.fullmatch(r"[<>≤≥~]?\s*-?[0-9][0-9.,]*", cell):
        return None
    return parse_number(re.sub(r"^[<>≤≥~]\s*", "", cell))


def read_report_tables(
    text: str,
    document: str,
    period: Period | None,
    default_year: int | None,
    start: int = 0,
    end: int | None = None,
) -> list[Fact]:
    """One ``actual`` per row of every report results table in ``text[start:end]``."""
    end = len(text) if end is None else end
    facts: list[Fact] = []
    header: ReportTableHeader | None = None
    table_period: Period | None = None
    width = 0  # the header's cells
    paused = False  # page furniture since the last row
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        if "|" not in line:
            # a table continued over pages reads on past the page number, as one with its columns
            if is_page_furniture(line):
                paused = True
            else:
                header = None
        else:
            cells = _cells(line)
            found = parse_report_header(cells, default_year)
            if paused and len(cells) != width:
                header = None
            paused = False
            if found is not None:
                header, table_period, width = found, _period_of(found, default_year, period), len(cells)
            elif header is not None:
                fact = _row_fact(cells, header, table_period, document, pos, line)
                if fact is not None:
                    facts.append(fact)
        pos = line_end + 1
    return facts


def _row_fact(
    cells: list[str], header: ReportTableHeader, period: Period | None, document: str, pos: int, line: str
) -> Fact | None:
    def cell(i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    name = re.sub(r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|[a-zđ]\)|[-+•*])\s+", "", cell(header.name)).strip()
    value = _number(cell(header.value))
    if not name or value is None:
        return None
    written_unit = cell(header.unit)
    unit = (normalize_unit(written_unit) or written_unit or None) if written_unit else None
    extra: dict[str, object] = {"estimate": header.estimate, "phrase": name, "table": True}
    ratio = _number(cell(header.plan_ratio))
    if ratio is not None and not (unit == "%" and abs(ratio - value) < 1e-9 and header.plan is None):
        extra["plan_ratio"] = ratio
        extra["plan_basis"] = header.basis
        text = cell(header.plan_ratio)
        extra["plan_ratio_decimals"] = len(text.rsplit(",", 1)[1]) if "," in text else 0
    same = _number(cell(header.same_period))
    if same is not None:
        extra["same_period_ratio"] = same
    plan = _number(cell(header.plan))
    if plan is not None:
        extra["plan_value"] = plan
    match = match_indicator(name, unit, threshold=_MATCH_THRESHOLD)
    label, code, confidence = (match.name, match.code, 0.9) if match else (name, None, 0.75)
    start = pos + (len(line) - len(line.lstrip()))
    stop = pos + len(line.rstrip())
    return Fact(
        kind="actual",
        label=label,
        indicator=code,
        value=value,
        comparator="=",
        unit=unit,
        period=period,
        source=Source(document, start, stop, line[start - pos : stop - pos]),
        confidence=confidence,
        extra=extra,
    )
