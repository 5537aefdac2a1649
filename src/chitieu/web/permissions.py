"""Who may see and change what: the single place where roles become decisions.

Every page and every API endpoint asks these functions (never the role string directly), so a
rule changes in one place and the tests of this module cover the whole application.

Roles (``chitieu.users``):
* admin    — everything, including user accounts;
* planner  — every indicator, document and task; no user accounts;
* reporter — only its own agency's indicators and tasks (``Indicator.agency``; a task's lead
  agencies to change it, lead or supporting agencies to see it); reads documents;
* viewer   — reads everything, changes nothing.

Agency names are compared folded (``chitieu.text.fold``: case and diacritics ignored, spaces
collapsed) and through the aliases of the ``agencies`` table, because documents write the same
department several ways ("Sở Tài chính", "Sở tài chính", "STC").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from chitieu.text.fold import fold
from chitieu.users import ADMIN, PLANNER, REPORTER, VIEWER


def agency_key(name: str | None) -> str:
    """The comparison key of an agency name: folded, single-spaced."""
    return " ".join(fold(name or "").split())


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the permission rules see it (no database object, no password)."""

    id: int
    username: str
    role: str
    agency: str | None = None
    full_name: str | None = None
    # keys of every name the user's agency goes by (its name, short name, aliases)
    agency_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def belongs_to(self, agency: str | None) -> bool:
        key = agency_key(agency)
        return bool(key) and key in self.agency_keys


class HasAgency(Protocol):
    @property
    def agency(self) -> str | None: ...


class HasLeadAndSupport(Protocol):
    @property
    def lead(self) -> list[Any]: ...

    @property
    def support(self) -> list[Any]: ...


def _any_belongs(user: Principal, names: Iterable[Any]) -> bool:
    return any(isinstance(n, str) and user.belongs_to(n) for n in names)


def sees_everything(user: Principal) -> bool:
    return user.role in {ADMIN, PLANNER, VIEWER}


# --- indicators and their figures ---------------------------------------------------------

def can_view_indicator(user: Principal, indicator: HasAgency | None) -> bool:
    """Reporters see only indicators their agency reports; an indicator with no agency is not theirs."""
    if sees_everything(user):
        return True
    return user.role == REPORTER and indicator is not None and user.belongs_to(indicator.agency)


def can_edit_indicator(user: Principal, indicator: HasAgency | None) -> bool:
    """Enter or correct figures of an indicator."""
    if user.role in {ADMIN, PLANNER}:
        return True
    return user.role == REPORTER and indicator is not None and user.belongs_to(indicator.agency)


def can_enter_figures(user: Principal) -> bool:
    """Enter actuals at all (which indicators: ``can_edit_indicator``)."""
    return user.role in {ADMIN, PLANNER, REPORTER}


def can_maintain_catalogue(user: Principal) -> bool:
    """Confirm, rename, merge indicators of the catalogue."""
    return user.role in {ADMIN, PLANNER}


# --- documents ----------------------------------------------------------------------------

def can_view_documents(user: Principal) -> bool:
    """Documents are the province's issued papers: every signed-in role may read them."""
    return user.role in {ADMIN, PLANNER, REPORTER, VIEWER}


def can_upload_document(user: Principal) -> bool:
    return user.role in {ADMIN, PLANNER}


def can_delete_document(user: Principal) -> bool:
    return user.role in {ADMIN, PLANNER}


# --- tasks --------------------------------------------------------------------------------

def can_view_task(user: Principal, task: HasLeadAndSupport) -> bool:
    if sees_everything(user):
        return True
    return user.role == REPORTER and (_any_belongs(user, task.lead) or _any_belongs(user, task.support))


def can_edit_task(user: Principal, task: HasLeadAndSupport) -> bool:
    """Update a task's progress: planners, or a reporter of an agency that leads it."""
    if user.role in {ADMIN, PLANNER}:
        return True
    return user.role == REPORTER and _any_belongs(user, task.lead)


# --- reports and accounts -----------------------------------------------------------------

def can_view_reports(user: Principal) -> bool:
    return user.role in {ADMIN, PLANNER, VIEWER}


def can_manage_users(user: Principal) -> bool:
    return user.role == ADMIN
