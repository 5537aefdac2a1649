"""User accounts and roles: who may sign in to the web application and what they may do.

Passwords are hashed with Argon2id (argon2-cffi); a hash is never compared by hand. The four
roles follow how a province works: the administrator manages accounts, the planning officer
works on every indicator, document and task, a department's reporter only on its own agency's
indicators and tasks, and a viewer reads. What each role may do is decided in one place,
``chitieu.web.permissions``.
"""

from __future__ import annotations

import re
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.errors import ChitieuError
from chitieu.store import models

ADMIN: Final = "admin"
PLANNER: Final = "planner"
REPORTER: Final = "reporter"
VIEWER: Final = "viewer"
ROLES: Final = (ADMIN, PLANNER, REPORTER, VIEWER)
ROLE_LABELS: Final = {
    ADMIN: "Quản trị viên",
    PLANNER: "Cán bộ kế hoạch",
    REPORTER: "Cán bộ báo cáo của sở, ngành",
    VIEWER: "Người xem",
}
MIN_PASSWORD_LENGTH: Final = 8
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,100}$")
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("chitieu-dummy-password")


class UserError(ChitieuError):
    """A user account request that cannot be honoured (bad name, role, password, duplicate)."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")


def validate_role(role: str, agency: str | None) -> None:
    if role not in ROLES:
        raise UserError(f"vai trò không hợp lệ: {role!r} (chọn một trong: {', '.join(ROLES)}).")
    if role == REPORTER and not (agency and agency.strip()):
        raise UserError("cán bộ báo cáo phải thuộc một cơ quan (--agency \"Sở …\").")


def find_user(session: Session, username: str) -> models.User | None:
    return session.scalar(select(models.User).where(models.User.username == username))


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    agency: str | None = None,
    full_name: str | None = None,
) -> models.User:
    """Add an account; raises ``UserError`` with a Vietnamese reason when the request is invalid."""
    username = username.strip()
    if not _USERNAME.match(username):
        raise UserError("tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và . _ @ - (2–100 ký tự).")
    validate_role(role, agency)
    validate_password(password)
    if find_user(session, username) is not None:
        raise UserError(f"tên đăng nhập {username!r} đã tồn tại.")
    user = models.User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        agency=agency.strip() if agency and agency.strip() else None,
        full_name=full_name.strip() if full_name and full_name.strip() else None,
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> models.User | None:
    """The active user with this name and password, else ``None`` (same cost either way)."""
    user = find_user(session, username.strip())
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def set_password(session: Session, user: models.User, password: str) -> None:
    validate_password(password)
    user.password_hash = hash_password(password)
    session.flush()


def list_users(session: Session) -> list[models.User]:
    return list(session.scalars(select(models.User).order_by(models.User.username)))
