"""Task rows derived from a plan's task facts.

A task row is what reporters update (completed_on, progress_note), so storing the same plan
again must not duplicate or overwrite that progress: rows are keyed by (document, code) and an
existing row only has its extracted fields refreshed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.extract.facts import Fact
from chitieu.store import models


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def store_tasks(session: Session, document: models.Document, facts: list[Fact]) -> list[models.Task]:
    """Insert or refresh one ``Task`` row per ``task`` fact of ``document``; returns the rows.

    The document must already be in the session (it may not have an id yet: the rows are
    attached through the relationship and flushed together).
    """
    existing: dict[str, models.Task] = {}
    if document.id is not None:
        rows = session.scalars(select(models.Task).where(models.Task.document_id == document.id))
        existing = {row.code: row for row in rows}
    for attached in document.tasks:
        existing.setdefault(attached.code, attached)
    from chitieu.store.agencies import canonical_names, user_index

    index = user_index(session)
    out: list[models.Task] = []
    for fact in facts:
        if fact.kind != "task":
            continue
        code = str(fact.extra.get("id") or "")
        if not code:
            continue
        fields = {
            "parent_code": fact.extra.get("parent"),
            "title": str(fact.extra.get("title") or fact.label),
            "lead": canonical_names(list(fact.extra.get("lead") or []), index),
            "support": canonical_names(list(fact.extra.get("support") or []), index),
            "deadline": _as_date(fact.extra.get("deadline")),
            "reporting": [dict(r) for r in fact.extra.get("reporting") or []],
            "src_start": fact.source.start,
            "src_end": fact.source.end,
        }
        row = existing.get(code)
        if row is None:
            new_row = models.Task(code=code, **fields)
            document.tasks.append(new_row)
            existing[code] = new_row
            out.append(new_row)
            continue
        for key, value in fields.items():
            setattr(row, key, value)
        out.append(row)
    session.flush()
    return out
