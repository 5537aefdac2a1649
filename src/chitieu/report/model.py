"""The report as plain data: what every writer (XLSX, DOCX, HTML, PDF, CSV) renders.

The evaluation engine builds a `Report` from the store; the writers never touch the database.
Everything here is a plain dataclass so a builder, a test or the web application can construct
one literally. Numbers stay numbers (floats in the unit as written); formatting is the writers'
job, so the XLSX keeps real numeric cells and the DOCX shows 1.234,5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from chitieu.evaluate.rules import expected_text
from chitieu.report.numbers import decimals_needed, format_number

ReportKind = Literal["year", "term", "period"]
ColumnKind = Literal["target", "value", "ratio", "aggregate", "status", "official", "note"]
Comparator = Literal["=", "~", ">", ">=", "<", "<=", "range"]
AggregateFormula = Literal["cagr", "mean", "sum", "last"]
Status = Literal["Vượt", "Đạt", "Không đạt", "Không đánh giá", "Chưa có số liệu"]
Outlook = Literal["ahead", "on_track", "at_risk"]
TaskStatus = Literal[
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang thực hiện trong hạn",
    "Quá hạn chưa hoàn thành",
]

STATUSES: tuple[Status, ...] = ("Vượt", "Đạt", "Không đạt", "Không đánh giá", "Chưa có số liệu")
TASK_STATUSES: tuple[TaskStatus, ...] = (
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang thực hiện trong hạn",
    "Quá hạn chưa hoàn thành",
)


@dataclass(frozen=True)
class Column:
    """One configurable column of the appendix table (STT, Chỉ tiêu, Đơn vị tính are always there).

    `kind`:
      - "target": the row's target (shown as `Row.target_text`, numeric when it is a plain number);
      - "value": a year or in-year period; `Row.values[key]`; `estimate` marks the whole column
        as an estimate (header "Ước 2025", italic cells); `in_aggregate` says whether the term
        aggregate is computed over it;
      - "ratio": a computed percentage kept in `Row.values[key]`; a key "plan_ratio" or "ratio"
        (or a header naming "kế hoạch") marks the percentage of plan that the narrative states as
        "bằng 55,7% kế hoạch"; ratios never set the row's decimals;
      - "aggregate": `Row.aggregate`, written as a formula of the value columns in XLSX;
      - "status": `Row.status` (the product's verdict by its rules); "official": the source
        document's own verdict (`Row.official_status`), shown beside it; "note": `Row.note`.
    """

    key: str
    header: str
    kind: ColumnKind
    estimate: bool = False
    in_aggregate: bool = True


@dataclass(frozen=True)
class Target:
    value: float | None = None
    value_high: float | None = None
    comparator: Comparator | None = None


@dataclass(frozen=True)
class SourceRef:
    """Where a figure came from: the document's name and the exact text span."""

    document: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class InYear:
    """A running year's figures for one row: the period so far and the estimate for the whole year.

    `period_label` names the part of the year (`9 tháng năm 2024`); it is None when the only
    figure is the document's own year estimate. `projected` says the year figure is the
    product's projection (its `method` named) rather than the document's "ước cả năm".
    """

    period_label: str | None
    period_value: float | None
    year_value: float | None
    method: str
    projected: bool
    period_estimate: bool = False
    period_ratio: float | None = None
    year_ratio: float | None = None
    period_bound: str = ""  # "<" when the period figure is a bound ("dưới 15")
    level: bool = False  # a projected rate or stock: the figure so far stands for the year


@dataclass
class Row:
    stt: str
    label: str
    unit: str = ""
    indicator_code: str | None = None
    target_text: str = ""
    target: Target | None = None
    values: dict[str, float | None] = field(default_factory=dict)
    estimates: set[str] = field(default_factory=set)
    # Text shown instead of the number when a source cell is a bound ("<15", ">80").
    value_texts: dict[str, str] = field(default_factory=dict)
    aggregate: float | None = None
    aggregate_formula: AggregateFormula | None = None
    aggregate_text: str | None = None
    status: Status = "Chưa có số liệu"
    official_status: Status | None = None  # the source document's own verdict, when it had one
    disagreement: str = ""  # why `official_status` differs from `status`, by the rule
    # a composite's parts (name, verdict): "Cơ cấu kinh tế" is met only when its shares are
    parts: list[tuple[str, Status]] = field(default_factory=list)
    outlook: Outlook | None = None  # in-year forecast; derived from status when None
    provisional: bool = False  # `status` is the verdict a year estimate would get: "Dự kiến vượt"
    in_year: InYear | None = None
    rule: str = ""
    note: str = ""
    sources: list[SourceRef] = field(default_factory=list)
    narrative: str = ""
    decimals: int | None = None  # decimals shown; inferred from the numbers when None
    direction: str = "up"  # "down" when lower is better (poverty rate, road deaths)
    plan_basis: str = "kế hoạch"  # what the % of plan is measured against ("dự toán HĐND tỉnh giao")
    target_derived: bool = False  # the target is worked back from a stated % of plan

    def shown_decimals(self) -> int:
        """Decimals every number of the row is shown with (one format per row, as tables do)."""
        if self.decimals is not None:
            return self.decimals
        numbers: list[float | None] = [*self.values.values(), self.aggregate]
        if self.target is not None:
            numbers += [self.target.value, self.target.value_high]
        return decimals_needed(numbers)

    @property
    def status_text(self) -> str:
        """The verdict as printed: "Dự kiến vượt" while it rests on an estimate of the year."""
        return expected_text(self.status) if self.provisional else self.status

    def is_estimate(self, column: Column) -> bool:
        return column.estimate or column.key in self.estimates

    def target_display(self) -> str:
        if self.target_text:
            return self.target_text
        return describe_target(self.target)  # a target is shown as the resolution wrote it


@dataclass
class Group:
    roman: str
    name: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class SummarySection:
    """One paragraph block of the summary: "ahead", "on_track", "at_risk", "not_assessed"."""

    key: str
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class Finding:
    """A consistency finding (sums that do not add up, a document verdict the rule disagrees with)."""

    text: str
    indicator_code: str | None = None
    document: str | None = None
    severity: Literal["info", "warning", "error"] = "warning"


@dataclass
class TaskRow:
    id: str
    title: str
    agency: str
    deadline: dt.date | None = None
    status: TaskStatus = "Đang thực hiện trong hạn"
    note: str = ""
    completed_on: dt.date | None = None


@dataclass
class Signature:
    """Signature block, e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name."""

    on_behalf: str = "TM. ỦY BAN NHÂN DÂN"
    acting: str = "KT. CHỦ TỊCH"
    position: str = "PHÓ CHỦ TỊCH"
    name: str = ""

    def lines(self) -> list[str]:
        return [line for line in (self.on_behalf, self.acting, self.position) if line]


@dataclass
class Report:
    kind: ReportKind
    title: str
    period_label: str
    columns: list[Column]
    groups: list[Group]
    issuer: str = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    parent_issuer: str = ""  # the body above the issuer, when the header names it
    issuer_name: str = ""  # the issuer as a sentence writes it; derived from `issuer` when empty
    number: str = "    /BC-UBND"
    place: str = "Lai Châu"
    date: dt.date | None = None
    summary_line: str = ""  # trích yếu under "BÁO CÁO"; the title when empty
    appendix_title: str = ""  # the appendix table's title; derived from the title when empty
    intro: list[str] = field(default_factory=list)  # opening paragraphs of the body
    summary: list[SummarySection] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    recipients: list[str] = field(default_factory=list)
    chart_indicators: list[str] = field(default_factory=list)  # indicator codes or "I.1" places
    # phrases found in the documents that are not (yet) the plan's indicators: counted for the
    # person who runs the report, never printed in it
    left_for_review: int = 0

    @property
    def rows(self) -> Iterator[Row]:
        for group in self.groups:
            yield from group.rows

    def groups_without_figures(self) -> list[str]:
        """The groups of the report whose indicators all wait for a figure, as a sentence names them.

        A reader of a partly empty report learns what is missing ("môi trường") rather than
        concluding nothing happened there. A group the plan has no indicator in is not listed:
        it is not missing, it is not the plan's.
        """
        return [
            group.name[:1].lower() + group.name[1:]
            for group in self.groups
            if group.rows and all(row.status == "Chưa có số liệu" for row in group.rows)
        ]

    def decimals_of(self, row: Row) -> int:
        """Decimals a row's measured numbers are shown with: its own, else those its values need.

        Ratio columns (percentages computed from the values) do not count: 124.120 tấn stays
        "124.120" even when its ratio to plan is 55,7%.
        """
        if row.decimals is not None:
            return row.decimals
        keys = [c.key for c in self.columns if c.kind == "value"]
        numbers: list[float | None] = [*(row.values.get(k) for k in keys), row.aggregate]
        if row.target is not None:
            numbers += [row.target.value, row.target.value_high]
        return decimals_needed(numbers)

    def value_columns(self) -> list[Column]:
        return [column for column in self.columns if column.kind == "value"]

    def aggregate_columns(self) -> list[Column]:
        return [c for c in self.columns if c.kind == "value" and c.in_aggregate]

    def date_line(self) -> str:
        """`Lai Châu, ngày 05 tháng 12 năm 2024` (day and month below 10 with a leading zero)."""
        if self.date is None:
            return f"{self.place}, ngày      tháng      năm"
        return f"{self.place}, ngày {self.date.day:02d} tháng {self.date.month:02d} năm {self.date.year}"

    def reference_line(self) -> str:
        """`(Kèm theo Báo cáo số 05/BC-UBND ngày 05/12/2024 của Ủy ban nhân dân tỉnh Lai Châu)`."""
        when = f" ngày {self.date:%d/%m/%Y}" if self.date else " ngày      /     /"
        issuer = self.issuer_in_sentence()
        by = f" của {issuer}" if issuer else ""
        return f"(Kèm theo Báo cáo số {self.number.strip()}{when}{by})"

    def issuer_in_sentence(self) -> str:
        """`ỦY BAN NHÂN DÂN TỈNH LAI CHÂU` → `Ủy ban nhân dân tỉnh Lai Châu` (place names capitalised)."""
        if self.issuer_name:
            return self.issuer_name
        words = self.issuer.strip().lower().split()
        out: list[str] = []
        place = False
        for word in words:
            out.append(word.capitalize() if place or not out else word)
            place = place or word in _PLACE_LEVELS
        return " ".join(out)

    def appendix_heading(self) -> str:
        return (self.appendix_title or self.title).upper()

    def find_row(self, key: str) -> Row | None:
        for row in self.rows:
            if key in (row.stt, row.indicator_code):
                return row
        return None


_PLACE_LEVELS = frozenset({"tỉnh", "huyện", "xã", "phường", "thị", "trấn", "phố"})

_COMPARATOR_WORDS = {"~": "Khoảng ", ">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "=": ""}


def describe_target(target: Target | None, decimals: int | None = None) -> str:
    """The target as an appendix cell writes it: `9-10`, `> 90`, `Khoảng 5`, `2.400`."""
    if target is None or target.value is None:
        return ""
    low = format_number(target.value, decimals)
    if target.value_high is not None:
        return f"{low}-{format_number(target.value_high, decimals)}"
    return _COMPARATOR_WORDS.get(target.comparator or "=", "") + low
