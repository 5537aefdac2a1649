"""User accounts (administrators only): list, create, change role/agency, lock, reset password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from chitieu.store import models
from chitieu.users import ROLE_LABELS, ROLES, UserError, create_user, list_users, set_password, validate_role
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import DB_SESSION, flash, render
from chitieu.web.export import csv_response
from chitieu.web.permissions import can_manage_users
from chitieu.web.schemas import UserIn, UserOut, UserPatch

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Người dùng"])


def require_admin(user: Principal = Depends(require_user)) -> Principal:
    if not can_manage_users(user):
        raise Forbidden("Chỉ quản trị viên được quản lý tài khoản.")
    return user


def _audit(session: Session, actor: Principal, action: str, user: models.User, before: dict[str, Any] | None) -> None:
    session.add(models.AuditLog(
        username=actor.username, action=action, entity="user", entity_id=str(user.id), before=before,
        after={"username": user.username, "role": user.role, "agency": user.agency, "active": user.active},
    ))


def change_user(session: Session, actor: Principal, user_id: int, patch: UserPatch) -> models.User:
    user = session.get(models.User, user_id)
    if user is None:
        raise HTTPException(404, "Không tìm thấy tài khoản này.")
    before = {"role": user.role, "agency": user.agency, "active": user.active}
    role = patch.role if patch.role is not None else user.role
    agency = (patch.agency.strip() or None) if patch.agency is not None else user.agency
    validate_role(role, agency)
    if user.id == actor.id and (role != "admin" or patch.active is False):
        raise UserError("Không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của chính mình.")
    user.role, user.agency = role, agency
    if patch.full_name is not None:
        user.full_name = patch.full_name.strip() or None
    if patch.active is not None:
        user.active = patch.active
    if patch.password:
        set_password(session, user, patch.password)
    session.flush()
    _audit(session, actor, "update", user, before)
    return user


@pages.get("/users")
def users_page(request: Request, admin: Principal = Depends(require_admin),
               session: Session = DB_SESSION) -> Response:
    return render(request, "users.html", {"users": list_users(session), "roles": ROLES, "role_labels": ROLE_LABELS})


@pages.post("/users")
def users_create(request: Request, username: str = Form(""), password: str = Form(""), role: str = Form("viewer"),
                 agency: str = Form(""), full_name: str = Form(""), admin: Principal = Depends(require_admin),
                 session: Session = DB_SESSION) -> Response:
    try:
        user = create_user(session, username, password, role, agency or None, full_name or None)
        _audit(session, admin, "create", user, None)
        flash(request, f"Đã tạo tài khoản {user.username}.", "success")
    except UserError as exc:
        flash(request, f"Không tạo được tài khoản: {exc}", "error")
    return RedirectResponse("/users", status_code=303)


@pages.post("/users/{user_id}")
def users_update(user_id: int, request: Request, role: str = Form(...), agency: str = Form(""),
                 active: str | None = Form(None), password: str = Form(""), admin: Principal = Depends(require_admin),
                 session: Session = DB_SESSION) -> Response:
    try:
        user = change_user(session, admin, user_id, UserPatch(role=role, agency=agency, active=bool(active),
                                                                  password=password or None))
        flash(request, f"Đã cập nhật tài khoản {user.username}.", "success")
    except UserError as exc:
        session.rollback()
        flash(request, f"Không cập nhật được: {exc}", "error")
    return RedirectResponse("/users", status_code=303)


@api.get("/users", response_model=list[UserOut], summary="Danh sách tài khoản (quản trị viên)",
         responses={200: {"content": {"text/csv": {}}}})
def api_users(format: str = "json", admin: Principal = Depends(require_admin),
              session: Session = DB_SESSION) -> Response | list[UserOut]:
    rows = [UserOut.model_validate(u) for u in list_users(session)]
    if format == "csv":
        return csv_response([r.model_dump() for r in rows], "nguoi-dung.csv")
    return rows


@api.post("/users", response_model=UserOut, status_code=201, summary="Tạo tài khoản (quản trị viên)")
def api_create_user(body: UserIn, admin: Principal = Depends(require_admin),
                    session: Session = DB_SESSION) -> UserOut:
    user = create_user(session, body.username, body.password, body.role, body.agency, body.full_name)
    _audit(session, admin, "create", user, None)
    return UserOut.model_validate(user)


@api.patch("/users/{user_id}", response_model=UserOut, summary="Sửa vai trò, cơ quan, trạng thái, mật khẩu")
def api_update_user(user_id: int, body: UserPatch, admin: Principal = Depends(require_admin),
                    session: Session = DB_SESSION) -> UserOut:
    return UserOut.model_validate(change_user(session, admin, user_id, body))
