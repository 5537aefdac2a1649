"""The sentences a report contains, written from the facts.

A planning officer writes "Sản lượng lương thực có hạt ước đạt 125.797 tấn, bằng 55,7% kế
hoạch, tăng 1.677 tấn so với cùng kỳ năm trước"; this module writes the same sentence from
the numbers, so the draft reads like the reports the province sends. Rules of the genre:
"ước đạt" for estimates, "bằng X% kế hoạch" below plan and "vượt Y% kế hoạch" above it
(118,3% of plan is "vượt 18,3%"), "điểm %" for changes of a percentage, "so với cùng kỳ năm
trước" for the same-period comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    """55,7 → `bằng 55,7% kế hoạch`; 100 → `bằng 100% kế hoạch`; 118,3 → `vượt 18,3% kế hoạch`.

    Never "đạt 100%": the clause follows "… đạt 2.600 tỷ đồng", and "đạt … đạt" reads doubled.
    """
    basis = plan_basis or "kế hoạch"
    if abs(plan_ratio - 100) < 0.05:
        return f"bằng 100% {basis}"
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


def with_period(label: str, period_label: str | None) -> str:
    """The sentence's subject: the indicator named for its period.

    "Số xã được công nhận đạt chuẩn nông thôn mới trong năm" + "9 tháng năm 2024" → "… đạt
    chuẩn nông thôn mới trong 9 tháng năm 2024" (never "trong năm 9 tháng năm 2024"), and
    + "năm 2024" → "… trong năm 2024" (never "trong năm năm 2024"); a name ending in another
    time word ("hằng năm") is preceded by its period: "Năm 2024, số lao động … hằng năm".
    """
    if not period_label:
        return label
    words = label.split()
    if len(words) > 2 and [w.lower() for w in words[-2:]] == ["trong", "năm"]:
        return " ".join(words[:-1]) + " " + period_label
    if len(words) > 1 and words[-1].lower() == "năm":
        # "… hằng năm": the period goes first, as "Năm 2024, số lao động …" does
        lead = label if label[1:2].isupper() else label[:1].lower() + label[1:]
        return f"{period_label[:1].upper()}{period_label[1:]}, {lead}"
    return f"{label} {period_label}"


def value_verb(label: str, direction: str = "up", estimate: bool = False) -> str:
    """The verb before a figure: "đạt" where more is better, "là" otherwise.

    A province writes "thu ngân sách ước đạt 1.692 tỷ đồng" but "tỷ lệ nợ xấu là 1,3%" and
    "làm 16 người chết": "đạt" (achieve) is for a result to be proud of. A name that already
    says "đạt" ("Số xã đạt chuẩn nông thôn mới") takes "là", so no sentence reads "đạt … đạt".
    """
    neutral = direction == "down" or "đạt" in label.lower().replace(",", " ").split()
    verb = "là" if neutral else "đạt"
    return f"ước {verb}" if estimate else verb


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
    bound: str = "",
    direction: str = "up",
) -> str:
    """One indicator's sentence, without the final full stop (callers join several).

    ``bound`` ("<", "≥", …) says the figure is itself a bound; the sentence writes it in words
    ("đạt dưới 15%"). A rate that is itself the share of plan ("giải ngân đạt 38,21% kế hoạch")
    does not repeat it ("…, bằng 38,2% kế hoạch").

    `indicator_sentence("Sản lượng lương thực có hạt", 125797, "tấn", estimate=True,
    plan_ratio=55.7, change={"value": 1677, "unit": "tấn", "direction": "up"})` →
    "Sản lượng lương thực có hạt ước đạt 125.797 tấn, bằng 55,7% kế hoạch, tăng 1.677 tấn so
    với cùng kỳ năm trước".
    """
    subject = with_period(label, period_label)
    if value is None:
        return f"{subject} chưa có số liệu"
    amount = format_quantity(value, unit, decimals)
    if bound:
        amount = _in_words(_with_unit(bound + format_number(value, decimals), unit or ""))
    parts = [f"{subject} {value_verb(label, direction, estimate)} {amount}"]
    if plan_ratio is not None and not (unit in _PERCENT_UNITS and abs(plan_ratio - value) < 0.05):
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


def unassessed_reason(rule: str) -> str:
    """Why a verdict could not be given, as its rule says it, in a few words.

    `thực hiện 84,5 (9 tháng năm 2024); không có mục tiêu năm 2024 để so sánh → Không đánh giá`
    → `không có mục tiêu năm 2024 để so sánh`. "" when the rule gives no short reason: a
    reader is then told only that the indicator is not judged.
    """
    if "→" not in rule:
        return ""
    reason = rule.rsplit("→", 1)[0].rsplit("; ", 1)[-1].rsplit(": ", 1)[-1].strip()
    if not reason or "(" in reason or ")" in reason or len(reason) > 90:
        return ""
    return reason[:1].lower() + reason[1:]


def _verdict_phrase(row: Row) -> str:
    """`vượt mục tiêu`, `không đánh giá (không có mục tiêu năm 2024 để so sánh)`, …"""
    phrase = _STATUS_PHRASES.get(row.status, row.status.lower())
    if row.status == "Không đánh giá":
        reason = unassessed_reason(row.rule)
        if reason:
            phrase += f" ({reason})"
    return phrase


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _target_phrase(row: Row) -> str:
    """`mục tiêu 2.600 tỷ đồng`; a target worked back from the report's % of plan says so."""
    words = target_words(row)
    if not words:
        return ""
    return f"mục tiêu {words}" + (f" (tính từ tỷ lệ % {row.plan_basis})" if row.target_derived else "")


def target_words(row: Row) -> str:
    """The target as a sentence says it: "khoảng 12.500 tỷ đồng", "dưới 15%", "từ 8% trở lên".

    The appendix cell writes "Khoảng 12.500", "< 15", "≥ 8"; inside a clause the comparator is a
    lower-case word and the unit follows the number.
    """
    target = row.target_display()
    if not target:
        return ""
    target = target[:1].lower() + target[1:]
    if target.startswith("≥"):
        return f"từ {_with_unit(target[1:].strip(), row.unit)} trở lên"
    return _in_words(_with_unit(target, row.unit))


def row_narrative(row: Row, report: Report) -> str:
    """The row's sentence from its numbers: the aggregate for a term, the latest value otherwise."""
    if row.narrative:
        return row.narrative
    decimals = report.decimals_of(row)
    status = _verdict_phrase(row)
    if row.in_year is not None:
        return _sentence(in_year_sentence(row, report, decimals))
    target = _target_phrase(row)
    if row.parts:
        return composite_sentence(row.label, report.period_label, row.parts, row.status)
    if report.kind == "term" and (row.aggregate is not None or row.aggregate_text):
        present = [c for c in report.aggregate_columns() if row.values.get(c.key) is not None]
        estimate = any(row.is_estimate(c) for c in present)
        if row.aggregate is not None:
            how = f" ({_formula_over(row, report, present)})" if row.aggregate_formula else ""
            amount = format_quantity(row.aggregate, row.unit, decimals) + how
        else:
            amount = _in_words(_with_unit(row.aggregate_text or "", row.unit))
        verb = value_verb(row.label, row.direction, estimate)
        text = f"{with_period(row.label, report.period_label)} {verb} {amount}"
    elif report.kind == "term" and judged_every_year(row) and (years := yearly_figures(row, report)):
        text = f"{row.label} qua các năm: {years}"
        target += " hằng năm" if target else ""
    elif row.status == "Chưa có số liệu" and not any(row.values.get(c.key) is not None for c in report.value_columns()):
        # "Mức giảm tỷ lệ hộ nghèo: mục tiêu 4%, chưa có số liệu năm 2024 để đánh giá"
        missing = f"chưa có số liệu {report.period_label} để đánh giá"
        return _sentence(f"{row.label}: {target}, {missing}" if target else f"{row.label} {missing}")
    else:
        text = _latest_value_sentence(row, report, decimals)
    tail = f"; {target}, {status}" if target else f"; {status}"
    if row.official_status and row.official_status != row.status:
        tail += f" (văn bản nguồn đánh giá: {row.official_status.lower()})"
    return _sentence(text + tail)


def _formula_over(row: Row, report: Report, present: list[Column]) -> str:
    """ "bình quân các năm", or the years it stands on when some are missing ("bình quân các năm 2021-2024")."""
    name = FORMULA_NAMES[row.aggregate_formula or ""]
    every = report.aggregate_columns()
    if len(present) == len(every) or not present:
        return name
    keys = [c.key for c in present]
    if row.aggregate_formula == "last":
        def year(column: Column) -> str:
            return f"năm {column.key}" if column.key.isdigit() else period_of(column.header)

        return f"giá trị {year(present[-1])}, chưa có số liệu {year(every[-1])}"
    contiguous = all(k.isdigit() for k in keys) and [int(k) for k in keys] == list(range(int(keys[0]), int(keys[-1]) + 1))
    years = f"{keys[0]}-{keys[-1]}" if contiguous and len(keys) > 1 else ", ".join(keys)
    return f"{name} {years}"


def composite_sentence(label: str, period_label: str, parts: Sequence[tuple[str, str]], status: str) -> str:
    """ "Cơ cấu kinh tế giai đoạn 2021-2025: tỷ trọng công nghiệp và xây dựng vượt mục tiêu; …;
    chỉ tiêu tổng hợp chỉ đạt khi mọi thành phần đạt, không đạt mục tiêu." """
    by_status: dict[str, list[str]] = {}
    for name, part_status in parts:
        by_status.setdefault(part_status, []).append(name[:1].lower() + name[1:])
    said = "; ".join(
        f"{', '.join(names)} {_STATUS_PHRASES.get(part_status, part_status.lower())}"
        for part_status, names in by_status.items()
    )
    verdict = _STATUS_PHRASES.get(status, status.lower())
    return _sentence(f"{with_period(label, period_label)}: {said}; chỉ tiêu tổng hợp chỉ đạt khi mọi thành phần đạt, {verdict}")


def judged_every_year(row: Row) -> bool:
    """A target stated for every year ("hằng năm"), judged year by year: no term aggregate stands for it."""
    return row.aggregate is None and not row.aggregate_text and "hằng năm" in row.rule


def yearly_figures(row: Row, report: Report) -> str:
    """ "năm 2021: 92,62%; …; ước 2025: trên 90%" — each year's figure as the table writes it."""
    decimals = report.decimals_of(row)
    parts = []
    for column in report.value_columns():
        text = row.value_texts.get(column.key)
        value = row.values.get(column.key)
        if text:
            shown = _in_words(_with_unit(text, row.unit))
        elif value is not None:
            shown = format_quantity(value, row.unit, decimals)
        else:
            continue
        when = period_of(column.header)
        if column.key.isdigit():
            when = f"{'ước' if row.is_estimate(column) else 'năm'} {column.key}"
        parts.append(f"{when}: {shown}")
    return "; ".join(parts)


def in_year_sentence(row: Row, report: Report, decimals: int) -> str:
    """A running year's sentence, as the November report writes it.

    "Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2024 ước đạt 1.980 tỷ đồng, bằng 76,2% kế
    hoạch; ước thực hiện cả năm đạt 2.650 tỷ đồng, vượt 1,9% kế hoạch; mục tiêu 2.600 tỷ đồng,
    dự kiến vượt mục tiêu" — the figure so far names its period, the year's figure is an
    estimate ("ước") or a projection whose method is named ("dự báo cả năm … (theo …)"), and
    the verdict is expected ("dự kiến").
    """
    figures = row.in_year
    assert figures is not None
    if "actual" in row.value_texts:
        year_text = _in_words(_with_unit(row.value_texts["actual"], row.unit))
    elif figures.year_value is not None:
        year_text = format_quantity(figures.year_value, row.unit, decimals)
    else:
        year_text = ""
    parts = []
    if figures.period_label is not None and figures.period_value is not None:
        so_far = indicator_sentence(
            row.label,
            figures.period_value,
            row.unit,
            estimate=figures.period_estimate,
            plan_ratio=figures.period_ratio,
            period_label=figures.period_label,
            decimals=decimals,
            bound=figures.period_bound,
            direction=row.direction,
            plan_basis=row.plan_basis,
        )
        parts.append(so_far)
        # a rate or a stock: the figure so far is already the year's estimate, nothing to repeat
        if year_text and not figures.level:
            verb = value_verb(row.label, row.direction)
            how = "dự báo cả năm" if figures.projected else "ước thực hiện cả năm"
            parts.append(f"{how} {verb} {year_text}")
    elif year_text:
        parts.append(f"{with_period(row.label, report.period_label)} {value_verb(row.label, row.direction, True)} {year_text}")
    if len(parts) > 1 or not figures.period_label:
        if figures.year_ratio is not None:
            # the year's % is against the target: the document's basis only when the target is that basis
            basis = row.plan_basis if row.target_derived else "kế hoạch"
            parts[-1] += ", " + plan_ratio_phrase(figures.year_ratio, basis)
        if figures.projected:
            parts[-1] += f" ({figures.method})"
    target = _target_phrase(row)
    if row.provisional and row.status in _EXPECTED_KEYS:
        verdict = "dự kiến " + _STATUS_PHRASES[row.status]
        if figures.level:
            verdict += " (chỉ tiêu mức: lấy số hiện tại làm ước cả năm)"
    else:
        verdict = _verdict_phrase(row)
    parts.append(f"{target}, {verdict}" if target else verdict)
    return "; ".join(parts)


_BOUND_WORDS = {"<": "dưới ", "≤": "không quá ", ">": "trên ", "≥": "từ "}


def _in_words(text: str) -> str:
    """A bound cell in a sentence: `<15%` → `dưới 15%` (the table keeps `<15`)."""
    word = _BOUND_WORDS.get(text[:1])
    return word + text[1:].lstrip() if word else text


def _with_unit(text: str, unit: str) -> str:
    """`<15` and `%` → `<15%`; `<15` and `ha` → `<15 ha`."""
    if not unit:
        return text
    return f"{text}{unit}" if unit in _PERCENT_UNITS or unit.startswith(("%/", "‰/")) else f"{text} {unit}"


def _latest_value_sentence(row: Row, report: Report, decimals: int) -> str:
    present = [c for c in report.value_columns() if row.values.get(c.key) is not None]
    if not present:
        return f"{row.label} chưa có số liệu"
    current = present[-1]
    value = row.values[current.key]
    assert value is not None
    bound = row.value_texts.get(current.key, "")[:1]  # "<" when the cell is a bound ("<15")
    change: dict[str, Any] | None = None
    if len(present) > 1 and not bound and present[-2].key not in row.value_texts:
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
        plan_basis=row.plan_basis,
        change=change,
        period_label=period_of(current.header) if report.kind != "term" else None,
        decimals=decimals,
        bound=bound,
        direction=row.direction,
    )


_HEADER_PREFIXES = ("thực hiện, ước thực hiện", "ước thực hiện", "thực hiện", "ước tính", "ước", "kết quả")


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


_EXPECTED_TITLES = {
    "expected_ahead": "Các chỉ tiêu dự kiến vượt kế hoạch cả năm",
    "expected_on_track": "Các chỉ tiêu dự kiến đạt kế hoạch cả năm",
    "expected_at_risk": "Các chỉ tiêu dự kiến không đạt kế hoạch cả năm",
    "not_assessed": "Các chỉ tiêu chưa đánh giá được",
}
_TITLES = {
    "term": {
        "ahead": "Các chỉ tiêu vượt mục tiêu",
        "on_track": "Các chỉ tiêu đạt mục tiêu",
        "at_risk": "Các chỉ tiêu không đạt mục tiêu",
        "not_assessed": "Các chỉ tiêu chưa đánh giá được",
    },
    "year": {
        "ahead": "Các chỉ tiêu vượt kế hoạch",
        "on_track": "Các chỉ tiêu đạt kế hoạch",
        "at_risk": "Các chỉ tiêu không đạt kế hoạch",
        **_EXPECTED_TITLES,
    },
    "period": {
        "ahead": "Các chỉ tiêu vượt kế hoạch",
        "on_track": "Các chỉ tiêu đạt kế hoạch, đúng tiến độ",
        "at_risk": "Các chỉ tiêu có nguy cơ không đạt kế hoạch",
        **_EXPECTED_TITLES,
    },
}
_EXPECTED_KEYS = {"Vượt": "expected_ahead", "Đạt": "expected_on_track", "Không đạt": "expected_at_risk"}


def summary_key(row: Row) -> str:
    """The summary section of a row: a final verdict's, an expected one's, or not assessed."""
    if row.provisional:
        return _EXPECTED_KEYS.get(row.status, "not_assessed")
    return outlook_of(row) or "not_assessed"


def summarise(report: Report) -> list[SummarySection]:
    """The summary: what is ahead of plan, on track, at risk, and what cannot be judged.

    While the year runs, verdicts on an estimate of the year stand in sections of their own
    ("dự kiến vượt kế hoạch cả năm"), apart from those on the year's official figure.
    """
    if report.summary:
        return report.summary
    titles = _TITLES[report.kind]
    sections = {key: SummarySection(key, title) for key, title in titles.items()}
    unjudged: dict[str, list[Row]] = {}
    for row in report.rows:
        key = summary_key(row)
        if key == "not_assessed":
            unjudged.setdefault(_why_unjudged(row, report), []).append(row)
            continue
        detail = _short_value(row, report)
        sections[key].items.append(f"{row.label}{f' ({detail})' if detail else ''}")
    judged = [section for key, section in sections.items() if section.items and key != "not_assessed"]
    return judged + _unjudged_sections(unjudged, titles["not_assessed"])


def _why_unjudged(row: Row, report: Report) -> str:
    if row.status == "Chưa có số liệu":
        return f"chưa có số liệu {report.period_label}"
    return unassessed_reason(row.rule)


def _unjudged_sections(by_reason: dict[str, list[Row]], title: str) -> list[SummarySection]:
    """Indicators without a verdict, listed under their reason ("… do không có mục tiêu năm 2024
    để so sánh"), so the reader learns why without the reason repeated on every line."""
    if not by_reason:
        return []
    if len(by_reason) == 1:
        reason, rows = next(iter(by_reason.items()))
        heading = f"{title} do {reason}" if reason else title
        return [SummarySection("not_assessed", heading, [row.label for row in rows])]
    items = [f"{row.label} ({reason})" if reason else row.label for reason, rows in by_reason.items() for row in rows]
    return [SummarySection("not_assessed", title, items)]


def _short_value(row: Row, report: Report) -> str:
    if row.parts:
        reached = sum(status in ("Vượt", "Đạt") for _name, status in row.parts)
        return f"{reached}/{len(row.parts)} thành phần đạt mục tiêu"
    decimals = report.decimals_of(row)
    words = target_words(row)
    plan = f"; {'mục tiêu' if report.kind == 'term' else 'kế hoạch'} {words}" if words else ""
    if row.in_year is not None and row.provisional:
        figures = row.in_year
        if figures.year_value is None:
            return ""
        shown = row.value_texts.get("actual") or format_number(figures.year_value, decimals)
        shown = _in_words(_with_unit(shown, row.unit))
        if figures.level and figures.period_label:
            return f"{figures.period_label}: {shown}{plan}"  # a level: the figure so far is the estimate
        how = "dự báo cả năm" if figures.projected else "ước cả năm"
        return f"{how} {shown}{plan}"
    if report.kind == "term" and row.aggregate is None and row.aggregate_text:
        return _in_words(_with_unit(row.aggregate_text, row.unit)) + plan  # the term's figure is a bound
    if report.kind == "term" and judged_every_year(row):
        return yearly_figures(row, report) + (f"{plan} hằng năm" if plan else "")
    if report.kind == "term" and row.aggregate is not None:
        value: float | None = row.aggregate
    else:
        present = [c for c in report.value_columns() if row.values.get(c.key) is not None]
        if present and present[-1].key in row.value_texts:
            return _in_words(_with_unit(row.value_texts[present[-1].key], row.unit)) + plan
        value = row.values[present[-1].key] if present else None
    if value is None:
        return ""
    return format_quantity(value, row.unit, decimals) + plan


_STATUS_WORDS = {"Vượt": "vượt", "Đạt": "đạt", "Không đạt": "không đạt", "Không đánh giá": "không đánh giá",
                 "Chưa có số liệu": "chưa có số liệu"}


def _counted(rows: list[Row]) -> list[str]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return [f"{counts[s]} chỉ tiêu {w}" for s, w in _STATUS_WORDS.items() if counts.get(s)]


def overview_sentence(report: Report) -> str:
    """`Trong tổng số 10 chỉ tiêu: 3 chỉ tiêu vượt, 4 chỉ tiêu đạt, 2 chỉ tiêu không đạt, …`.

    While the year runs, verdicts on the year's official figures and those expected from an
    estimate of the year are counted apart: "… ; theo ước thực hiện cả năm, dự kiến 9 chỉ
    tiêu vượt, …".
    """
    return _counts_sentence(report)


def missing_groups_sentence(report: Report) -> str:
    """` Chưa có số liệu năm 2024 của nhóm chỉ tiêu môi trường.` ("" when every group has figures)."""
    missing = report.groups_without_figures()
    if not missing:
        return ""
    if len(missing) == 1:
        return f" Chưa có số liệu {report.period_label} của nhóm chỉ tiêu {missing[0]}."
    return f" Chưa có số liệu {report.period_label} của các nhóm chỉ tiêu: {'; '.join(missing)}."


def _counts_sentence(report: Report) -> str:
    rows = list(report.rows)
    expected = [r for r in rows if r.provisional and r.status in _EXPECTED_KEYS]
    if not expected:
        return f"Trong tổng số {len(rows)} chỉ tiêu: " + ", ".join(_counted(rows)) + "."
    final = [r for r in rows if not r.provisional and r.status in _EXPECTED_KEYS]
    unjudged = [r for r in rows if r.status not in _EXPECTED_KEYS]
    parts = []
    if final:
        parts.append("theo số liệu cả năm, " + ", ".join(_counted(final)))
    parts.append(f"theo {_year_figures_word(expected)} cả năm, dự kiến " + ", ".join(_counted(expected)))
    if unjudged:
        parts.append(", ".join(_counted(unjudged)))
    return f"Trong tổng số {len(rows)} chỉ tiêu: " + "; ".join(parts) + "."


def _year_figures_word(rows: list[Row]) -> str:
    """"ước thực hiện" for the documents' own estimates, "dự báo" for the product's projections."""
    projected = {row.in_year is not None and row.in_year.projected for row in rows}
    if projected == {True}:
        return "dự báo"
    return "ước thực hiện" if projected == {False} else "ước thực hiện, dự báo"


def consistency_items(report: Report) -> list[str]:
    """The findings, plus every row whose source document's verdict differs from the rule's."""
    # a row that explains its document's verdict says it once, in its own words
    explained = {row.indicator_code for row in report.rows if row.disagreement}
    items = [
        _sentence(finding.text)
        for finding in report.findings
        if not (finding.indicator_code in explained and "theo quy tắc" in finding.text)
    ]
    # the evaluation's own finding on a document's verdict is not said twice
    verdicts_found = {f.indicator_code for f in report.findings if "theo quy tắc" in f.text}
    for row in report.rows:
        if row.disagreement:
            items.append(f"{row.label}: {row.disagreement[:1].lower()}{row.disagreement[1:]}")
        elif row.official_status and row.official_status != row.status and row.indicator_code not in verdicts_found:
            items.append(
                f"{row.label}: văn bản nguồn đánh giá «{row.official_status}», "
                f"theo quy tắc đánh giá là «{row.status}»"
                + (f" ({row.rule})" if row.rule else "")
                + "."
            )
    return items
