"""The sentences a report contains, written from the facts.

A planning officer writes "Sản lượng lương thực có hạt ước đạt 125.797 tấn, bằng 55,7% kế
hoạch, tăng 1.677 tấn so với cùng kỳ năm trước"; this module writes the same sentence from
the numbers, so the draft reads like the reports the province sends. Rules of the genre:
"ước đạt" for estimates, "bằng X% kế hoạch" below plan and "vượt Y% kế hoạch" above it
(118,3% of plan is "vượt 18,3%"), "điểm %" for changes of a percentage, "so với cùng kỳ năm
trước" for the same-period comparison.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chitieu.report.formulas import FORMULA_NAMES
from chitieu.report.model import Column, Outlook, Report, Row, SummarySection
from chitieu.report.numbers import format_number, format_quantity

_PERCENT_UNITS = ("%", "‰")
PLAN_RATIO_KEYS = ("plan_ratio", "ratio")  # "ratio" columns whose values are "% of plan"


def _is_plan_ratio(column: Column) -> bool:
    """Whether a ratio column holds the percentage of plan (bằng X% kế hoạch)."""
    return column.key in PLAN_RATIO_KEYS or "kế hoạch" in column.header.lower()


def plan_ratio_phrase(plan_ratio: float, plan_basis: str = "kế hoạch") -> str:
    """55,7 → `bằng 55,7% kế hoạch`; 100 → `đạt 100% kế hoạch`; 118,3 → `vượt 18,3% kế hoạch`."""
    basis = plan_basis or "kế hoạch"
    if abs(plan_ratio - 100) < 0.05:
        return f"đạt 100% {basis}"
    if plan_ratio > 100:
        return f"vượt {format_number(plan_ratio - 100, 1 if (plan_ratio - 100) % 1 else 0)}% {basis}"
    return f"bằng {format_number(plan_ratio, 1 if plan_ratio % 1 else 0)}% {basis}"


def change_phrase(change: Mapping[str, Any], decimals: int | None = None) -> str:
    """{"value": 1677, "unit": "tấn", "direction": "up"} → `tăng 1.677 tấn so với cùng kỳ năm trước`."""
    value = float(change.get("value") or 0)
    basis = change.get("basis") or "cùng kỳ năm trước"
    if value == 0:
        return f"bằng {basis}"
    direction = change.get("direction") or ("down" if value < 0 else "up")
    verb = "giảm" if direction == "down" else "tăng"
    unit = change.get("unit") or ""
    amount = format_quantity(abs(value), unit, decimals)
    return f"{verb} {amount} so với {basis}"


def indicator_sentence(
    label: str,
    value: float | None,
    unit: str | None,
    *,
    estimate: bool = False,
    plan_ratio: float | None = None,
    plan_basis: str = "kế hoạch",
    change: Mapping[str, Any] | None = None,
    period_label: str | None = None,
    decimals: int | None = None,
) -> str:
    """One indicator's sentence, without the final full stop (callers join several).

    `indicator_sentence("Sản lượng lương thực có hạt", 125797, "tấn", estimate=True,
    plan_ratio=55.7, change={"value": 1677, "unit": "tấn", "direction": "up"})` →
    "Sản lượng lương thực có hạt ước đạt 125.797 tấn, bằng 55,7% kế hoạch, tăng 1.677 tấn so
    với cùng kỳ năm trước".
    """
    subject = f"{label} {period_label}" if period_label else label
    if value is None:
        return f"{subject} chưa có số liệu"
    parts = [f"{subject} {'ước đạt' if estimate else 'đạt'} {format_quantity(value, unit, decimals)}"]
    if plan_ratio is not None:
        parts.append(plan_ratio_phrase(plan_ratio, plan_basis))
    if change is not None and change.get("value") is not None:
        parts.append(change_phrase(change, None))
    return ", ".join(parts)


_STATUS_PHRASES = {
    "Vượt": "vượt mục tiêu",
    "Đạt": "đạt mục tiêu",
    "Không đạt": "không đạt mục tiêu",
    "Không đánh giá": "không đánh giá",
    "Chưa có số liệu": "chưa có số liệu để đánh giá",
}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _target_phrase(row: Row) -> str:
    target = row.target_display()
    if not target:
        return ""
    unit = row.unit
    if unit in _PERCENT_UNITS or unit.startswith(("%/", "‰/")):
        return f"mục tiêu {target}{unit}"
    return f"mục tiêu {target} {unit}".rstrip()


def row_narrative(row: Row, report: Report) -> str:
    """The row's sentence from its numbers: the aggregate for a term, the latest value otherwise."""
    if row.narrative:
        return row.narrative
    decimals = report.decimals_of(row)
    status = _STATUS_PHRASES.get(row.status, row.status.lower())
    if report.kind == "term" and (row.aggregate is not None or row.aggregate_text):
        estimate = any(row.is_estimate(c) for c in report.aggregate_columns())
        if row.aggregate is not None:
            how = f" ({FORMULA_NAMES[row.aggregate_formula]})" if row.aggregate_formula else ""
            amount = format_quantity(row.aggregate, row.unit, decimals) + how
        else:
            amount = f"{row.aggregate_text} {row.unit}".strip()
        text = f"{row.label} {report.period_label} {'ước đạt' if estimate else 'đạt'} {amount}"
    else:
        text = _latest_value_sentence(row, report, decimals)
    target = _target_phrase(row)
    tail = f"; {target}, {status}" if target else f"; {status}"
    if row.official_status and row.official_status != row.status:
        tail += f" (văn bản nguồn đánh giá: {row.official_status})"
    return _sentence(text + tail)


def _latest_value_sentence(row: Row, report: Report, decimals: int) -> str:
    present = [c for c in report.value_columns() if row.values.get(c.key) is not None]
    if not present:
        return f"{row.label} chưa có số liệu"
    current = present[-1]
    value = row.values[current.key]
    assert value is not None
    change: dict[str, Any] | None = None
    if len(present) > 1:
        previous = row.values[present[-2].key]
        assert previous is not None
        percent = row.unit in _PERCENT_UNITS
        change = {
            "value": round(abs(value - previous), 6),
            "unit": "điểm %" if percent else row.unit,
            "direction": "up" if value >= previous else "down",
            "basis": period_of(present[-2].header),
        }
    ratio = None
    ratio_column = next((c for c in report.columns if c.kind == "ratio" and _is_plan_ratio(c)), None)
    if ratio_column is not None:
        ratio = row.values.get(ratio_column.key)
    elif (
        row.target is not None
        and row.target.value
        and row.target.value_high is None
        and row.target.comparator in (None, "=", "~")
        and row.unit not in _PERCENT_UNITS
    ):
        ratio = value / row.target.value * 100
    return indicator_sentence(
        row.label,
        value,
        row.unit,
        estimate=row.is_estimate(current),
        plan_ratio=ratio,
        change=change,
        period_label=period_of(current.header) if report.kind != "term" else None,
        decimals=decimals,
    )


_HEADER_PREFIXES = ("ước thực hiện", "thực hiện", "ước tính", "ước", "kết quả")


def period_of(header: str) -> str:
    """The period a column header names: `Ước thực hiện năm 2024` → `năm 2024`."""
    text = header.strip().lower()
    for prefix in _HEADER_PREFIXES:
        if text.startswith(prefix + " "):
            return text[len(prefix):].strip()
    return text


def outlook_of(row: Row) -> Outlook | None:
    """Ahead / on track / at risk: the engine's forecast when given, else the verdict's meaning."""
    if row.outlook is not None:
        return row.outlook
    return {"Vượt": "ahead", "Đạt": "on_track", "Không đạt": "at_risk"}.get(row.status)  # type: ignore[return-value]


_TITLES = {
    "term": {
        "ahead": "Các chỉ tiêu vượt mục tiêu",
        "on_track": "Các chỉ tiêu đạt mục tiêu",
        "at_risk": "Các chỉ tiêu không đạt mục tiêu",
        "not_assessed": "Các chỉ tiêu chưa đánh giá được",
    },
    "other": {
        "ahead": "Các chỉ tiêu vượt kế hoạch",
        "on_track": "Các chỉ tiêu đạt kế hoạch, đúng tiến độ",
        "at_risk": "Các chỉ tiêu có nguy cơ không đạt kế hoạch",
        "not_assessed": "Các chỉ tiêu chưa đánh giá được",
    },
}


def summarise(report: Report) -> list[SummarySection]:
    """The summary: what is ahead of plan, on track, at risk, and what cannot be judged."""
    if report.summary:
        return report.summary
    titles = _TITLES["term" if report.kind == "term" else "other"]
    sections = {key: SummarySection(key, title) for key, title in titles.items()}
    for row in report.rows:
        key = outlook_of(row) or "not_assessed"
        detail = row.status if key == "not_assessed" else _short_value(row, report)
        sections[key].items.append(f"{row.label}{f' ({detail})' if detail else ''}")
    return [section for section in sections.values() if section.items]


def _short_value(row: Row, report: Report) -> str:
    decimals = report.decimals_of(row)
    if report.kind == "term" and row.aggregate is not None:
        value: float | None = row.aggregate
    else:
        present = [row.values[c.key] for c in report.value_columns() if row.values.get(c.key) is not None]
        value = present[-1] if present else None
    if value is None:
        return ""
    target = row.target_display()
    shown = format_quantity(value, row.unit, decimals)
    return f"{shown}/mục tiêu {target}" if target else shown


def overview_sentence(report: Report) -> str:
    """`Trong tổng số 10 chỉ tiêu: 3 chỉ tiêu vượt, 4 chỉ tiêu đạt, 2 chỉ tiêu không đạt, …`."""
    rows = list(report.rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    words = {"Vượt": "vượt", "Đạt": "đạt", "Không đạt": "không đạt", "Không đánh giá": "không đánh giá",
             "Chưa có số liệu": "chưa có số liệu"}
    parts = [f"{counts[s]} chỉ tiêu {w}" for s, w in words.items() if counts.get(s)]
    return f"Trong tổng số {len(rows)} chỉ tiêu: " + ", ".join(parts) + "."


def consistency_items(report: Report) -> list[str]:
    """The findings, plus every row whose source document's verdict differs from the rule's."""
    items = [_sentence(finding.text) for finding in report.findings]
    for row in report.rows:
        if row.official_status and row.official_status != row.status:
            items.append(
                f"{row.label}: văn bản nguồn đánh giá «{row.official_status}», "
                f"theo quy tắc đánh giá là «{row.status}»"
                + (f" ({row.rule})" if row.rule else "")
                + "."
            )
    return items
