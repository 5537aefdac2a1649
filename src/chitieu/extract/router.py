"""Routes a document to the extractors that fit its type.

Resolutions, plans and programmes are read for targets throughout; any other document (a
report's "phương hướng, nhiệm vụ năm sau", a text with no header at all) only in its
"chỉ tiêu chủ yếu" sections, each dated by the nearest heading above it that names a period.
A figure read as a target or as a table row is never read again as a result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chitieu.extract.facts import Fact, Period
from chitieu.extract.naming import mark_unit_clashes
from chitieu.extract.plausibility import mark_decimal_doubt

if TYPE_CHECKING:
    from chitieu.pipeline import Document


def extract_all(doc: Document) -> list[Fact]:
    facts: list[Fact] = []
    tables = _tables(doc)
    targets = _targets(doc)
    facts.extend(targets)
    # the rows the table extractor read are its own: no actual is read from them again
    actuals = _actuals(doc, [(f.source.start, f.source.end) for f in tables])
    taken = [(f.source.start, f.source.end) for f in targets if not f.extra.get("derived")]
    facts.extend(f for f in actuals if not _overlaps(f, taken))
    # a figure of a target list read again inside a task (a list whose section heading OCR
    # damaged reads as a numbered task too) stays the list's target
    facts.extend(f for f in _tasks(doc) if f.kind != "target" or not any(_same_figure(f, t) for t in targets))
    facts.extend(tables)
    mark_unit_clashes(facts)
    # every figure of every extractor (report tables, footnotes, plans implied by ratios) is
    # checked once here; a target list marks its own as it reads them, and is not marked twice
    for fact in facts:
        if fact.kind in ("target", "actual"):
            mark_decimal_doubt(fact)
    return facts


def _same_figure(fact: Fact, other: Fact) -> bool:
    """Two readings of one figure: the same value where their spans overlap."""
    return fact.value == other.value and _overlaps(fact, [(other.source.start, other.source.end)])


def _overlaps(fact: Fact, spans: list[tuple[int, int]]) -> bool:
    return any(fact.source.start < end and start < fact.source.end for start, end in spans)


def _tables(doc: Document) -> list[Fact]:
    """Rows of term or annual evaluation tables, in any document type (appendices of reports too)."""
    from chitieu.extract.tables import extract_tables

    return extract_tables(doc)


def _targets(doc: Document) -> list[Fact]:
    """Targets of resolutions and plans: the "chỉ tiêu chủ yếu" lists and targets stated in the text."""
    from chitieu.extract.targets import extract_targets

    meta = doc.metadata
    if meta.doc_type in {
        "Nghị quyết",
        "Kế hoạch",
        "Chương trình",
        "Chương trình hành động",
        "Báo cáo chính trị",  # a Party Congress report: its "chỉ tiêu chủ yếu" for the next term
        "Đề án",
    }:
        # a plan's targets inside its tasks are read by the task extractor, linked to their task
        return extract_targets(doc.text, doc.name, meta.period, prose=meta.doc_type == "Nghị quyết")
    return _target_sections(doc)


def _target_sections(doc: Document) -> list[Fact]:
    """The "chỉ tiêu chủ yếu" lists of a report or an untyped text, each with its own period."""
    from chitieu.extract.targets import extract_targets, find_target_sections, period_of_text

    facts: list[Fact] = []
    for start, end in find_target_sections(doc.text):
        period = None
        for heading in reversed([h for h in doc.outline if h.start < start]):
            period = period_of_text(doc.text[heading.start : heading.end])
            if period is not None:
                break
        facts.extend(extract_targets(doc.text, doc.name, period, spans=[(start, end)], prose=False))
    return facts


def _actuals(doc: Document, table_rows: list[tuple[int, int]] | None = None) -> list[Fact]:
    """Results stated in reports, and in the assessment sections of resolutions and plans.

    Each result with a plan ratio also yields the plan it implies, as a derived target.
    Sections headed "Mục tiêu" / "Chỉ tiêu" / "Nhiệm vụ" and target wordings ("phấn đấu đạt")
    never yield results; outside reports only result wordings ("ước đạt", "đã đạt") do.
    """
    from chitieu.extract.actuals import extract_actuals
    from chitieu.extract.implied import derive_implied_targets

    meta = doc.metadata
    period = _reviewed_term(doc) if meta.doc_type == "Báo cáo chính trị" else meta.period
    actuals = extract_actuals(
        doc.text,
        doc.name,
        period,
        doc.footnotes,
        outline=doc.outline,
        doc_type=meta.doc_type,
        default_year=period.end.year if period else meta.issued_year,
        table_rows=table_rows,
    )
    return [*actuals, *derive_implied_targets(actuals)]


def _reviewed_term(doc: Document) -> Period | None:
    """The term whose results a political report states: the one before the term it plans.

    Its opening names both ("kiểm điểm … nhiệm kỳ 2020-2025, xác định … nhiệm kỳ 2025-2030"):
    the first period there that ends by the planned term's first year; else the planned term.
    """
    from chitieu.extract.periods import find_periods

    planned = doc.metadata.period
    if planned is None:
        return None
    for _start, _end, period in find_periods(doc.text[:_OPENING]):
        if period.start < planned.start and period.end.year <= planned.start.year:
            return period
    return planned


_OPENING = 3000  # characters of a document's opening that name its periods


def _tasks(doc: Document) -> list[Fact]:
    """Tasks of a plan; task progress stated in a report."""
    from chitieu.extract.tasks import extract_task_progress, extract_tasks, looks_like_plan

    meta = doc.metadata
    out: list[Fact] = []
    if meta.doc_type in {"Kế hoạch", "Chương trình", "Chương trình hành động"} or looks_like_plan(
        doc.outline
    ):
        out.extend(extract_tasks(doc.text, doc.outline, doc.name, meta))
    if meta.doc_type == "Báo cáo" or meta.doc_type is None:
        out.extend(extract_task_progress(doc.text, doc.name, meta.period))
    return out
