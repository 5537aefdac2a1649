"""Users' changes to the catalogue, kept in the ``indicators`` table and laid over the shipped data.

A row whose code is shipped overrides that indicator: a non-null field replaces the shipped
value, its aliases are added to the shipped ones, ``merged_into`` redirects it. A row with a
new code is an indicator a document named and the catalogue did not know: it is registered
automatically (``new:<slug>``, unconfirmed) so that its figures are kept and linked, and a
user later confirms it, renames it, or merges it into the indicator it really is. Every
change is written to the audit log.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from chitieu.catalog.matcher import clean_phrase, phrase_key
from chitieu.catalog.model import (
    AGGREGATIONS,
    DIRECTIONS,
    GROUPS,
    NEW_PREFIX,
    Catalog,
    CatalogError,
    Indicator,
    UnknownIndicator,
    shipped_admin_units,
    shipped_catalog,
    updated,
)
from chitieu.catalog.phrase_names import phrase_name
from chitieu.store import models
from chitieu.text.fold import fold

__all__ = [
    "add_alias",
    "confirm",
    "dismiss",
    "load_catalog",
    "merge",
    "register_unmatched",
    "rename",
    "slug_for",
]

_CODE_LENGTH = 80


def load_catalog(session: Session | None = None) -> Catalog:
    """The effective catalogue: the shipped data, plus the database's changes when ``session`` is given.

    Without a session (or with no changes stored) this is the shipped catalogue, built once.
    """
    if session is None:
        return shipped_catalog()
    rows = list(session.scalars(select(models.Indicator)))
    if not rows:
        return shipped_catalog()
    base = shipped_catalog()
    indicators = dict(base.indicators)
    for row in rows:
        shipped = base.indicators.get(row.code)
        indicators[row.code] = _overlay(shipped, row) if shipped else _user_indicator(row)
    return Catalog(indicators, shipped_admin_units())


def _overlay(shipped: Indicator, row: models.Indicator) -> Indicator:
    extra = tuple(a for a in (row.aliases or []) if a not in shipped.aliases and a != shipped.name)
    return updated(
        shipped,
        name=row.name or shipped.name,
        group=row.group or shipped.group,
        unit=row.unit or shipped.unit,
        direction=row.direction or shipped.direction,
        aggregation=row.aggregation or shipped.aggregation,
        parent=row.parent or shipped.parent,
        agency=row.agency or shipped.agency,
        aliases=shipped.aliases + extra,
        merged_into=row.merged_into,
    )


def _user_indicator(row: models.Indicator) -> Indicator:
    return Indicator(
        code=row.code,
        name=row.name,
        group=row.group,
        unit=row.unit,
        direction=row.direction,
        aggregation=row.aggregation,
        aliases=tuple(row.aliases or ()),
        parent=row.parent,
        agency=row.agency,
        confirmed=bool(row.confirmed),
        shipped=False,
        merged_into=row.merged_into,
        dismissed=bool(row.dismissed),
    )


def slug_for(phrase: str) -> str:
    """``new:`` + an ASCII slug of the phrase ("Tỷ lệ hộ dùng internet" → "new:ty_le_ho_dung_internet")."""
    slug = re.sub(r"[^a-z0-9]+", "_", fold(phrase)).strip("_") or "chi_tieu"
    return NEW_PREFIX + slug[: _CODE_LENGTH - len(NEW_PREFIX)].rstrip("_")


def _audit(session: Session, action: str, code: str, before: dict[str, Any] | None, after: dict[str, Any] | None, username: str | None) -> None:
    session.add(models.AuditLog(username=username, action=action, entity="indicator", entity_id=code, before=before, after=after))


def _row_snapshot(row: models.Indicator) -> dict[str, Any]:
    return {
        "name": row.name,
        "group": row.group,
        "unit": row.unit,
        "direction": row.direction,
        "aggregation": row.aggregation,
        "aliases": list(row.aliases or []),
        "confirmed": row.confirmed,
        "dismissed": bool(row.dismissed),
        "merged_into": row.merged_into,
    }


def _existing(session: Session, code: str) -> Indicator:
    found = load_catalog(session).indicators.get(code)
    if found is None:
        raise UnknownIndicator(f"không có chỉ tiêu mã {code!r} trong danh mục")
    return found


def _row_for(session: Session, code: str) -> models.Indicator:
    """The database row of ``code``, created for a shipped indicator that has none yet."""
    row = session.get(models.Indicator, code)
    if row is not None:
        return row
    indicator = _existing(session, code)
    row = models.Indicator(code=code, name=indicator.name, aliases=[], confirmed=True)
    session.add(row)
    return row


def register_unmatched(session: Session, phrase: str, unit: str | None = None, username: str | None = None) -> str:
    """Keep a phrase that matched no indicator as a new, unconfirmed one; return the code to use.

    It is registered under the noun phrase a planner would write (:func:`phrase_name`: "Cử" with
    a figure in "bác sỹ" is "Số bác sỹ được cử"); words that name nothing ("Do", "Tổng số") are
    refused, and the figure stays a fact of its document without a phrase.

    The same wording (after folding) always gives the same code, so the figures of an unknown
    indicator still link across documents. When that code was since merged into another
    indicator, the indicator it was merged into is returned.
    """
    cleaned = " ".join(clean_phrase(phrase).split())
    if not re.search(r"[^\W\d_]", cleaned):
        raise CatalogError("không thể đăng ký chỉ tiêu không có tên (chỉ có số hoặc ký hiệu)")
    name = phrase_name(cleaned, unit)
    if name is None:
        raise CatalogError(f"cụm từ “{cleaned}” không gọi tên một chỉ tiêu (động từ, liên từ hoặc từ đơn lẻ)")
    code = slug_for(name)
    row = session.get(models.Indicator, code)
    if row is None:
        row = models.Indicator(code=code, name=name, unit=unit, aliases=[], confirmed=False)
        session.add(row)
        session.flush()
        _audit(session, "catalog.register", code, None, _row_snapshot(row), username)
        return code
    if name != row.name and name not in (row.aliases or []):
        row.aliases = [*(row.aliases or []), name]
    if row.unit is None and unit:
        row.unit = unit
    session.flush()
    return load_catalog(session).resolve(code)


def _check_choice(value: str | None, allowed: tuple[str, ...], what: str) -> None:
    if value is not None and value not in allowed:
        raise CatalogError(f"{what} không hợp lệ: {value!r} (chọn một trong: {', '.join(allowed)})")


def confirm(
    session: Session,
    code: str,
    *,
    group: str | None = None,
    direction: str | None = None,
    aggregation: str | None = None,
    unit: str | None = None,
    username: str | None = None,
) -> Indicator:
    """Mark an indicator as checked by a user, optionally setting what evaluation needs of it."""
    _check_choice(group, GROUPS, "nhóm chỉ tiêu")
    _check_choice(direction, DIRECTIONS, "chiều đánh giá")
    _check_choice(aggregation, AGGREGATIONS, "cách tổng hợp")
    _existing(session, code)
    row = _row_for(session, code)
    before = _row_snapshot(row)
    row.confirmed, row.dismissed = True, False
    for field_name, value in (("group", group), ("direction", direction), ("aggregation", aggregation), ("unit", unit)):
        if value is not None:
            setattr(row, field_name, value)
    session.flush()
    _audit(session, "catalog.confirm", code, before, _row_snapshot(row), username)
    return load_catalog(session)[code]


def dismiss(session: Session, code: str, username: str | None = None) -> Indicator:
    """Record that a phrase registered from a document is not an indicator of the plan.

    Its figures stay facts of their documents (searchable, shown in place); it leaves the review
    list, the reports and the dashboard. The same wording found again keeps the answer, and
    confirming it later undoes it. The catalogue's own indicators cannot be dismissed.
    """
    current = _existing(session, code)
    if current.shipped:
        raise CatalogError(f"chỉ tiêu {code} thuộc danh mục, không thể bỏ qua (chỉ bỏ qua được cụm từ chưa xác nhận)")
    row = _row_for(session, code)
    before = _row_snapshot(row)
    row.dismissed, row.confirmed = True, False
    session.flush()
    _audit(session, "catalog.dismiss", code, before, _row_snapshot(row), username)
    return load_catalog(session)[code]


def rename(session: Session, code: str, name: str, username: str | None = None) -> Indicator:
    """Give an indicator a new name; the old name stays an alias so documents still match it."""
    name = " ".join(name.split())
    if not name:
        raise CatalogError("tên chỉ tiêu không được để trống")
    current = _existing(session, code)
    row = _row_for(session, code)
    before = _row_snapshot(row)
    if name != current.name:
        aliases = list(row.aliases or [])
        if current.name not in aliases:
            aliases.append(current.name)
        row.aliases = [a for a in aliases if a != name]
        row.name = name
    session.flush()
    _audit(session, "catalog.rename", code, before, _row_snapshot(row), username)
    return load_catalog(session)[code]


def add_alias(session: Session, code: str, alias: str, username: str | None = None) -> Indicator:
    """Teach the catalogue another wording of an indicator."""
    alias = " ".join(alias.split())
    if not phrase_key(alias):
        raise CatalogError("cách gọi khác không được để trống")
    current = _existing(session, code)
    row = _row_for(session, code)
    before = _row_snapshot(row)
    if alias != current.name and alias not in current.aliases:
        row.aliases = [*(row.aliases or []), alias]
    session.flush()
    _audit(session, "catalog.alias", code, before, _row_snapshot(row), username)
    return load_catalog(session)[code]


def merge(session: Session, code: str, into: str, username: str | None = None) -> int:
    """Merge ``code`` into ``into``: its wordings, figures and entries move; returns facts moved.

    The merged code keeps redirecting (``Catalog.get`` follows it), so anything that still
    names it finds the indicator it became.
    """
    catalog = load_catalog(session)
    source = _existing(session, code)
    if into not in catalog.indicators:
        raise UnknownIndicator(f"không có chỉ tiêu mã {into!r} trong danh mục")
    target_code = catalog.resolve(into)
    if target_code == code or catalog.resolve(code) == target_code:
        raise CatalogError(f"không thể gộp chỉ tiêu {code} vào chính nó")
    source_row = _row_for(session, code)
    before = _row_snapshot(source_row)
    source_row.merged_into = target_code
    target_row = _row_for(session, target_code)
    target = catalog.indicators[target_code]
    aliases = list(target_row.aliases or [])
    for phrase in source.phrases:
        if phrase != target.name and phrase not in target.aliases and phrase not in aliases:
            aliases.append(phrase)
    target_row.aliases = aliases
    # codes merged earlier into ``code`` now point straight at the target
    session.execute(
        update(models.Indicator).where(models.Indicator.merged_into == code).values(merged_into=target_code)
    )
    moved = session.execute(update(models.Fact).where(models.Fact.indicator == code).values(indicator=target_code))
    session.execute(update(models.Entry).where(models.Entry.indicator == code).values(indicator=target_code))
    session.flush()
    _audit(session, "catalog.merge", code, before, _row_snapshot(source_row), username)
    return int(getattr(moved, "rowcount", 0) or 0)
