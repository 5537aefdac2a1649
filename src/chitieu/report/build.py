"""From the store to a ``Report``: the evaluation of a year, a term or an in-year period.

The writers never touch the database; this module is the one bridge. It runs the evaluation
engine, keeps the plan's indicators (phrases still waiting for a planner's review are counted,
not printed), groups them the way the province's appendix does (kinh tế; văn hóa - xã hội;
môi trường; …, with Roman numerals), and carries every verdict's rule and sources along.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.catalog import load_catalog
from chitieu.catalog.model import group_rank
from chitieu.errors import ChitieuError
from chitieu.evaluate.engine import Evaluation, evaluate_term, evaluate_year
from chitieu.evaluate.policy import Policy, load_policy
from chitieu.evaluate.rules import BOUND_SIGNS
from chitieu.evaluate.scope import PlanScope, plan_scope
from chitieu.evaluate.series import Observation
from chitieu.report.model import Column, Finding, Group, InYear, Report, Row, SourceRef, Target, TaskRow
from chitieu.report.numbers import decimals_needed, format_number, roman
from chitieu.report.tasks import classify_task
from chitieu.store import models


def _source(obs: Observation | None) -> list[SourceRef]:
    if obs is None:
        return []
    return [SourceRef(obs.document or "nhập tay", obs.src_text, obs.src_start, obs.src_end)]


def _row_base(stt: str, ev: Evaluation) -> Row:
    target = ev.target
    row = Row(
        stt=stt,
        label=ev.info.name,
        unit=ev.unit or "",
        indicator_code=ev.info.code,
        target=Target(target.value, target.value_high, target.comparator) if target else None,  # type: ignore[arg-type]
        status=ev.status,  # type: ignore[arg-type]
        rule=ev.rule,
        sources=[*_source(target), *_source(ev.actual), *_source(ev.year_estimate.source if ev.year_estimate else None)],
        official_status=ev.official_status,  # type: ignore[arg-type]
        direction=ev.info.direction,
        plan_basis=_stated_basis(ev.actual),
        target_derived=target is not None and target.derived,
    )
    if row.target_derived:
        row.note = f"mục tiêu tính từ tỷ lệ % {row.plan_basis}"
    row.parts = [(part.info.name, part.status) for part in ev.parts]  # type: ignore[misc]
    if ev.conflicts:
        row.note = "; ".join(filter(None, [row.note, *(c.describe() for c in ev.conflicts)]))
    if ev.disagreement:
        row.disagreement = ev.disagreement
        row.note = "; ".join(filter(None, [row.note, ev.disagreement]))
    return row


def verdict_columns(evaluations: list[Evaluation]) -> list[Column]:
    """The rule's verdict; beside it the source document's own wherever a stored table printed one."""
    if any(ev.official_status for ev in evaluations):
        return [
            Column("status", "Đánh giá theo quy tắc", "status"),
            Column("official", "Đánh giá của văn bản nguồn", "official"),
        ]
    return [Column("status", "Đánh giá", "status")]


def _stated_basis(actual: Observation | None) -> str:
    """What the document's own % of plan is measured against ("dự toán HĐND tỉnh giao").

    A ratio the product computes is against the plan's target, so it says "kế hoạch".
    """
    if actual is None or not isinstance(actual.data.get("plan_ratio"), int | float):
        return "kế hoạch"
    return str(actual.data.get("plan_basis") or "kế hoạch")


def _grouped(evaluations: list[Evaluation], make_row: object) -> list[Group]:
    by_group: dict[str, list[Evaluation]] = {}
    for ev in evaluations:
        by_group.setdefault(ev.info.group, []).append(ev)
    groups = []
    counter = 0
    for index, name in enumerate(sorted(by_group, key=group_rank), start=1):
        group = Group(roman(index), name[:1].upper() + name[1:])
        for ev in sorted(by_group[name], key=plan_position):
            counter += 1
            row = make_row(str(counter), ev)  # type: ignore[operator]
            row.note = row.note[:1].upper() + row.note[1:]  # a table cell starts with a capital
            group.rows.append(row)
        groups.append(group)
    return groups


def plan_position(ev: Evaluation) -> tuple[object, ...]:
    """Rows in the order the plan states them: by the target's document and place in it.

    The province's appendix lists its targets in the resolution's order, so a report read beside
    it finds each row where it looks; a composite comes just before its parts ("Cơ cấu kinh tế",
    then its four shares); rows without a target of the period follow, by name.
    """
    if ev.parts:
        first = min((plan_position(part) for part in ev.parts), default=(1, ev.info.name))
        return (*first[:-1], -1) if first[0] == 0 else first
    target = ev.target
    if target is None:
        return (1, ev.info.name)
    return (0, target.order, target.src_start or 0, 0)


def _unit_set_aside(ev: Evaluation) -> bool:
    return any(f.check == "unit" for f in ev.findings)


def _findings(evaluations: Iterable[Evaluation]) -> list[Finding]:
    out = []
    said: set[str] = set()  # a finding shared by two rows (one indicator read on two lines) is said once
    for ev in evaluations:
        for f in ev.findings:
            if f.message in said:
                continue
            said.add(f.message)
            out.append(Finding(f.message, ev.info.code, (f.evidence[0].get("document") if f.evidence else None)))
        for c in ev.conflicts:
            out.append(Finding(f"{ev.info.name}: {c.describe()}", ev.info.code))
    return out


def _of_the_plan(session: Session, evaluations: list[Evaluation]) -> PlanScope:
    return plan_scope(evaluations, load_catalog(session))


class NothingToReport(ChitieuError):
    """No indicator of the plan for the period: nothing a province could sign."""


def require_indicators(report: Report, where: str, how_to_load: str = "lệnh: chitieu ingest TỆP") -> Report:
    """``report`` when it lists at least one indicator; else a one-line reason and what to do.

    ``where`` names the store as its reader knows it ("cơ sở dữ liệu sqlite:///…"),
    ``how_to_load`` the way to add documents there (a command, or a page of the web app).
    """
    if any(group.rows for group in report.groups):
        return report
    reason = f"chưa có chỉ tiêu nào cho {report.period_label} trong {where}"
    if report.left_for_review:
        raise NothingToReport(
            f"{reason}; {report.left_for_review} cụm từ có số liệu {report.period_label} chờ rà soát "
            "(trang “Rà soát số liệu” hoặc lệnh: chitieu catalog list --unconfirmed)"
        )
    raise NothingToReport(f"{reason}; hãy nạp nghị quyết, kế hoạch hoặc báo cáo trước ({how_to_load})")


def build_year_report(session: Session, year: int, policy: Policy | None = None, issuer: str | None = None) -> Report:
    scope = _of_the_plan(session, evaluate_year(session, year, policy or load_policy()))
    evaluations = scope.rows
    columns = year_columns(evaluations, year)
    in_year = any(c.key == "period" for c in columns)
    common = _common_period(evaluations)

    def make_row(stt: str, ev: Evaluation) -> Row:
        row = _row_base(stt, ev)
        if in_year:
            _fill_in_year(row, ev, common)
        elif ev.actual is not None:
            _fill_value(row, "actual", ev.actual)
            row.values["ratio"] = None if ev.plan_ratio is None else round(ev.plan_ratio, 1)
        return row

    return _report(
        session, "year", f"Kết quả thực hiện các chỉ tiêu phát triển kinh tế - xã hội năm {year}",
        f"năm {year}", columns, _grouped(evaluations, make_row), scope, issuer,
    )


def year_columns(evaluations: list[Evaluation], year: int) -> list[Column]:
    """The appendix columns of a year: the plain "Thực hiện năm N" once every figure is the year's.

    While the year runs (some figure covers only part of it, or is an estimate of the whole
    year), the table reads as the province's November appendix: the plan, the figure so far with
    its % of plan, the estimate for the whole year with its % of plan, and the expected verdict.
    A column's header names its period; a row whose period differs says so in its note.
    """
    running = [ev for ev in evaluations if ev.provisional or _partial(ev)]
    if not running:
        return [
            Column("target", f"Kế hoạch năm {year}", "target"),
            Column("actual", f"Thực hiện năm {year}", "value"),
            Column("ratio", "% so với kế hoạch", "ratio"),
            *verdict_columns(evaluations),
            Column("note", "Ghi chú", "note"),
        ]
    common = _common_period(evaluations)
    final = any(ev.actual is not None and not ev.provisional and not _partial(ev) for ev in evaluations)
    year_header = f"Thực hiện, ước thực hiện năm {year}" if final else f"Ước thực hiện năm {year}"
    return [
        Column("target", f"Kế hoạch năm {year}", "target"),
        Column("period", f"Thực hiện {common}" if common else "Thực hiện đến kỳ báo cáo", "value", in_aggregate=False),
        Column("plan_ratio", "% so với kế hoạch (kỳ báo cáo)", "ratio"),
        Column("actual", year_header, "value", estimate=not final),
        Column("year_ratio", f"% ước cả năm so với kế hoạch năm {year}" if not final else "% cả năm so với kế hoạch", "ratio"),
        *verdict_columns(evaluations),
        Column("note", "Ghi chú", "note"),
    ]


def _partial(ev: Evaluation) -> bool:
    return ev.actual is not None and not ev.actual.full_year


def _common_period(evaluations: list[Evaluation]) -> str | None:
    """The period every figure-so-far shares ("9 tháng năm 2024"), when they share one."""
    labels = {ev.actual.period_label for ev in evaluations if ev.actual is not None and _partial(ev)}
    return labels.pop() if len(labels) == 1 else None


def _fill_value(row: Row, key: str, obs: Observation) -> None:
    row.values[key] = obs.value
    if obs.estimate:
        row.estimates.add(key)
    if obs.comparator in BOUND_SIGNS and obs.value is not None:
        row.value_texts[key] = BOUND_SIGNS[obs.comparator] + format_number(obs.value)


def _fill_in_year(row: Row, ev: Evaluation, common: str | None) -> None:
    """A row of the running year: the figure so far, the year's estimate and how it was made."""
    actual = ev.actual
    if actual is None:
        return
    ratio = None if ev.plan_ratio is None else round(ev.plan_ratio, 1)
    partial = _partial(ev)
    if partial:
        _fill_value(row, "period", actual)
        row.values["plan_ratio"] = ratio
        if actual.period_label != common:
            row.note = "; ".join(filter(None, [f"số liệu {actual.period_label}", row.note]))
    estimate = ev.year_estimate
    if estimate is None:
        if not partial:  # the year's official figure: final
            _fill_value(row, "actual", actual)
            row.values["year_ratio"] = ratio
            return
        # a figure so far with no plan to judge it against: its period is still named
        row.in_year = InYear(
            actual.period_label, actual.value, None, "", False, actual.estimate, ratio,
            period_bound=BOUND_SIGNS.get(actual.comparator, ""),
        )
        return
    row.provisional = ev.provisional
    decimals = decimals_needed([actual.value, ev.target.value if ev.target else None])
    value = None if estimate.value is None else round(estimate.value, decimals)
    row.values["actual"] = value
    row.estimates.add("actual")
    if estimate.comparator in BOUND_SIGNS and value is not None:
        row.value_texts["actual"] = BOUND_SIGNS[estimate.comparator] + format_number(value)
    row.values["year_ratio"] = None if estimate.plan_ratio is None else round(estimate.plan_ratio, 1)
    how = f"dự báo cả năm {estimate.method}" if estimate.projected else estimate.method
    row.note = "; ".join(filter(None, [row.note, how]))
    row.in_year = InYear(
        period_label=actual.period_label if partial else None,
        period_value=actual.value if partial else None,
        year_value=value,
        method=estimate.method,
        projected=estimate.projected,
        period_estimate=actual.estimate,
        period_ratio=ratio if partial else None,
        year_ratio=row.values["year_ratio"],
        period_bound=BOUND_SIGNS.get(actual.comparator, "") if partial else "",
        level=estimate.level,
    )


def build_term_report(
    session: Session, first: int, last: int, policy: Policy | None = None, issuer: str | None = None
) -> Report:
    scope = _of_the_plan(session, evaluate_term(session, first, last, policy or load_policy()))
    evaluations = scope.rows
    estimate_years = {y for ev in evaluations for y, o in ev.annual.items() if o.estimate}
    years = [
        Column(str(y), f"Ước {y}" if y in estimate_years else f"Năm {y}", "value", estimate=y in estimate_years)
        for y in range(first, last + 1)
    ]
    columns = [
        Column("target", "Mục tiêu", "target"),
        *years,
        Column("term", "Ước cả nhiệm kỳ" if estimate_years else "Cả nhiệm kỳ", "aggregate"),
        *verdict_columns(evaluations),
        Column("note", "Ghi chú", "note"),
    ]

    def make_row(stt: str, ev: Evaluation) -> Row:
        row = _row_base(stt, ev)
        for year, obs in ev.annual.items():
            row.values[str(year)] = obs.value
            if obs.estimate:
                row.estimates.add(str(year))
            if obs.comparator in BOUND_SIGNS and obs.value is not None:
                row.value_texts[str(year)] = BOUND_SIGNS[obs.comparator] + format_number(obs.value)
        if ev.aggregate is not None:
            row.aggregate = ev.aggregate.value
            row.aggregate_formula = ev.aggregate.rule  # type: ignore[assignment]
            if ev.actual is not None and ev.actual.comparator in BOUND_SIGNS and ev.aggregate.value is not None:
                # the term's figure is itself a bound: the last year's ("<15"), or an average over one
                row.aggregate = None
                row.aggregate_text = BOUND_SIGNS[ev.actual.comparator] + format_number(ev.aggregate.value)
        return row

    return _report(
        session, "term", f"Kết quả thực hiện các chỉ tiêu giai đoạn {first}-{last}",
        f"giai đoạn {first}-{last}", columns, _grouped(evaluations, make_row), scope, issuer,
    )


def _report(
    session: Session,
    kind: str,
    title: str,
    period_label: str,
    columns: list[Column],
    groups: list[Group],
    scope: PlanScope,
    issuer: str | None,
) -> Report:
    report = Report(
        kind=kind,  # type: ignore[arg-type]
        title=title,
        period_label=period_label,
        columns=columns,
        groups=groups,
        date=dt.date.today(),
        # a figure set aside because its unit cannot state the measure its words name
        findings=_findings(scope.rows) + _findings(ev for ev in scope.set_aside if _unit_set_aside(ev)),
        tasks=load_task_rows(session),
        left_for_review=len(scope.left_for_review),
    )
    doc_issuer = issuer or _province_issuer(session)
    if doc_issuer:
        report.issuer = doc_issuer
        report.place = _place_of(doc_issuer) or report.place
    report.recipients = ["Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh",
                         "Các sở, ban, ngành tỉnh", "Lưu: VT, TH"]
    return report


def _province_issuer(session: Session) -> str | None:
    """The province's People's Committee, named as in the stored documents."""
    for issuer in session.scalars(select(models.Document.issuer).where(models.Document.issuer.is_not(None))):
        province = province_of(issuer or "")
        if province:
            return f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}"
    return None


def province_of(issuer: str) -> str | None:
    """ "Lai Châu" from "UBND tỉnh Lai Châu", "Tỉnh ủy Lai Châu" (the Party committee) or "HĐND tỉnh …"."""
    match = re.search(r"tỉnh\s+(?:(?:ủy|uỷ)\s+)?(.+)$", unicodedata.normalize("NFC", issuer), re.IGNORECASE)
    return match.group(1).strip() if match else None


def _place_of(issuer: str) -> str | None:
    match = re.search(r"TỈNH\s+(.+)$", issuer)
    return match.group(1).title() if match else None


def load_task_rows(session: Session, as_of: dt.date | None = None) -> list[TaskRow]:
    as_of = as_of or dt.date.today()
    rows = []
    for task in session.scalars(select(models.Task).order_by(models.Task.document_id, models.Task.id)):
        agency = ", ".join(task.lead or []) or "Chưa xác định"
        rows.append(
            TaskRow(
                id=task.code,
                title=task.title,
                agency=agency,
                deadline=task.deadline,
                status=classify_task(task.deadline, task.completed_on, as_of),
                note=task.progress_note or "",
                completed_on=task.completed_on,
            )
        )
    return rows
