"""The province's bodies as users keep them: the shipped list plus the ``agencies`` table.

Extraction normalises agency names against the shipped list (``catalog/data/agencies.json``);
a province renames, merges and abbreviates its bodies (the 2025 reorganisation did a lot of
that), so users add names and aliases here. Storing a plan maps its tasks' agencies through
these, and adding an alias re-maps the tasks already stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.errors import ChitieuError
from chitieu.extract.agencies import agencies as shipped_agencies
from chitieu.store import models
from chitieu.text.fold import fold


class AgencyError(ChitieuError):
    pass


@dataclass(frozen=True)
class AgencyEntry:
    name: str
    short: str | None
    aliases: tuple[str, ...]
    source: str  # "danh mục" (shipped) | "người dùng" (the agencies table)


def key(name: str) -> str:
    return re.sub(r"\s+", " ", fold(name)).strip(" ,;.:-")


def user_index(session: Session) -> dict[str, str]:
    """Folded name, short name or alias → the canonical name users gave the body."""
    index: dict[str, str] = {}
    for row in session.scalars(select(models.Agency)):
        for written in (row.name, row.short_name, *(row.aliases or [])):
            if isinstance(written, str) and written.strip():
                index[key(written)] = row.name
    return index


def canonical_names(names: list[str], index: dict[str, str]) -> list[str]:
    """``names`` mapped through the users' aliases, order kept, duplicates dropped."""
    out: list[str] = []
    for name in names:
        mapped = index.get(key(name), name)
        if mapped not in out:
            out.append(mapped)
    return out


def list_agencies(session: Session) -> list[AgencyEntry]:
    rows = {row.name: row for row in session.scalars(select(models.Agency))}
    entries = [
        AgencyEntry(a.name, a.short, a.aliases, "danh mục") for a in shipped_agencies() if a.name not in rows
    ]
    entries += [
        AgencyEntry(
            r.name, r.short_name, tuple(a for a in r.aliases or [] if isinstance(a, str)), "người dùng"
        )
        for r in rows.values()
    ]
    return sorted(entries, key=lambda e: key(e.name))


def add_agency(session: Session, name: str, short: str | None = None, aliases: tuple[str, ...] = ()) -> int:
    """Add (or extend) a body; returns how many stored tasks now name it differently."""
    name = " ".join(name.split())
    if not re.search(r"[^\W\d_]", name):
        raise AgencyError("tên cơ quan không hợp lệ")
    taken = {k: v for k, v in user_index(session).items() if v != name}
    for alias in aliases:
        if key(alias) in taken:
            raise AgencyError(f"cách gọi {alias!r} đã thuộc về {taken[key(alias)]}")
    row = session.scalar(select(models.Agency).where(models.Agency.name == name))
    if row is None:
        shipped = next((a for a in shipped_agencies() if a.name == name), None)
        row = models.Agency(
            name=name,
            short_name=short or (shipped.short if shipped else None),
            aliases=list(shipped.aliases) if shipped else [],
        )
        session.add(row)
    elif short:
        row.short_name = short
    known = {key(a) for a in row.aliases or []}
    row.aliases = [*(row.aliases or []), *(a for a in aliases if a.strip() and key(a) not in known)]
    session.flush()
    return apply_to_tasks(session)


def apply_to_tasks(session: Session) -> int:
    """Re-map the lead and support agencies of every stored task; returns the tasks changed."""
    index = user_index(session)
    changed = 0
    for task in session.scalars(select(models.Task)):
        lead = canonical_names(list(task.lead or []), index)
        support = canonical_names(list(task.support or []), index)
        if lead != list(task.lead or []) or support != list(task.support or []):
            task.lead, task.support = lead, support
            changed += 1
    session.flush()
    return changed
