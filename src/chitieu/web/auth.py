"""Signing in and out, and who the current request belongs to.

The session cookie holds the user id and a fingerprint of the password hash: changing a
password or deactivating an account ends every session of that user at its next request.
Pages answer an anonymous visitor with a redirect to the login page; ``/api/`` answers 401.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict, deque
from threading import Lock

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.store import models
from chitieu.web.deps import DB_SESSION
from chitieu.web.permissions import Principal, agency_key
from chitieu.web.security import rotate_csrf_token

SESSION_USER = "uid"
SESSION_FINGERPRINT = "pwf"


class LoginRequired(Exception):
    """Raised by ``require_user`` for an anonymous request; handled in ``app.py``."""


class Forbidden(Exception):
    """The signed-in user may not see or do this; handled in ``app.py`` (403)."""

    def __init__(self, message: str = "Bạn không có quyền xem hoặc thực hiện thao tác này.") -> None:
        super().__init__(message)
        self.message = message


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:20]


def agency_keys(session: Session, agency: str | None) -> frozenset[str]:
    """Every key under which ``agency`` appears: its own name plus the ``agencies`` table's names."""
    key = agency_key(agency)
    if not key:
        return frozenset()
    keys = {key}
    for row in session.scalars(select(models.Agency)):
        names = [row.name, row.short_name or "", *[a for a in row.aliases or [] if isinstance(a, str)]]
        row_keys = {agency_key(n) for n in names if n}
        if key in row_keys:
            keys |= row_keys
    return frozenset(keys)


def principal_for(session: Session, user: models.User) -> Principal:
    return Principal(
        id=user.id,
        username=user.username,
        role=user.role,
        agency=user.agency,
        full_name=user.full_name,
        agency_keys=agency_keys(session, user.agency),
    )


def log_in(request: Request, user: models.User) -> None:
    request.session.clear()
    request.session[SESSION_USER] = user.id
    request.session[SESSION_FINGERPRINT] = password_fingerprint(user.password_hash)
    rotate_csrf_token(request)


def log_out(request: Request) -> None:
    request.session.clear()
    rotate_csrf_token(request)


def optional_user(request: Request, session: Session = DB_SESSION) -> Principal | None:
    """The signed-in user, or ``None``; also stored on ``request.state.user`` for templates."""
    cached = getattr(request.state, "user", None)
    if cached is not None:
        return cached
    uid = request.session.get(SESSION_USER)
    principal: Principal | None = None
    if isinstance(uid, int):
        user = session.get(models.User, uid)
        if (user is not None and user.active
                and request.session.get(SESSION_FINGERPRINT) == password_fingerprint(user.password_hash)):
            principal = principal_for(session, user)
        else:
            request.session.pop(SESSION_USER, None)
    request.state.user = principal
    return principal


def require_user(user: Principal | None = Depends(optional_user)) -> Principal:
    if user is None:
        raise LoginRequired()
    return user


class LoginThrottle:
    """At most ``attempts`` failed logins per user name within ``window_s``; then wait."""

    def __init__(self, attempts: int = 5, window_s: float = 300.0) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and now - failures[0] > self.window_s:
            failures.popleft()
        return failures

    def blocked(self, username: str) -> bool:
        with self._lock:
            return len(self._recent(username.strip().lower(), time.monotonic())) >= self.attempts

    def failed(self, username: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(username.strip().lower(), now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username.strip().lower(), None)
