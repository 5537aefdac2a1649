"""Routes a document to the extractors that fit its type. (stub: being built)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chitieu.extract.facts import Fact

if TYPE_CHECKING:
    from chitieu.pipeline import Document


def extract_all(doc: Document) -> list[Fact]:
    facts: list[Fact] = []
    facts.extend(_targets(doc))
    facts.extend(_tasks(doc))
    facts.extend(_tables(doc))
    return facts


def _tables(doc: Document) -> list[Fact]:
    """Rows of term or annual evaluation tables, in any document type (appendices of reports too)."""
    from chitieu.extract.tables import extract_tables

    return extract_tables(doc)


def _targets(doc: Document) -> list[Fact]:
    """Targets of resolutions and plans: the "chỉ tiêu chủ yếu" lists and targets stated in the text."""
    from chitieu.extract.targets import extract_targets

    meta = doc.metadata
    if meta.doc_type not in {"Nghị quyết", "Kế hoạch", "Chương trình", "Chương trình hành động"}:
        return []
    # a plan's targets inside its tasks are read by the task extractor, linked to their task
    return extract_targets(doc.text, doc.name, meta.period, prose=meta.doc_type == "Nghị quyết")


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
