"""Login and logout pages, and ``/api/me``."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from chitieu.users import authenticate
from chitieu.web.auth import LoginThrottle, Principal, log_in, log_out, optional_user, require_user
from chitieu.web.deps import DB_SESSION, render
from chitieu.web.schemas import LoginIn, UserOut

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Tài khoản"])


def throttle_of(request: Request) -> LoginThrottle:
    """The application's login throttle (one per application, created on first use)."""
    state = request.app.state
    if not hasattr(state, "login_throttle"):
        state.login_throttle = LoginThrottle()
    return state.login_throttle


def safe_next(target: str | None) -> str:
    """Only a local path may follow a login (no open redirect to another site)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@pages.get("/login")
def login_page(request: Request, next: str = "/", user: Principal | None = Depends(optional_user)) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", {"next": safe_next(next), "error": None, "username": ""})


@pages.post("/login")
def login_submit(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
    session: Session = DB_SESSION,
) -> Response:
    error = None
    throttle = throttle_of(request)
    if throttle.blocked(username):
        error = "Đăng nhập sai quá nhiều lần. Hãy chờ vài phút rồi thử lại."
    else:
        user = authenticate(session, username, password)
        if user is None:
            throttle.failed(username)
            error = "Tên đăng nhập hoặc mật khẩu không đúng."
        else:
            throttle.succeeded(username)
            log_in(request, user)
            return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", {"next": safe_next(next), "error": error, "username": username}, status_code=400)


@pages.post("/logout")
def logout(request: Request) -> Response:
    log_out(request)
    return RedirectResponse("/login", status_code=303)


@api.get("/me", response_model=UserOut, summary="Người dùng đang đăng nhập")
def me(user: Principal = Depends(require_user)) -> UserOut:
    return UserOut(id=user.id, username=user.username, full_name=user.full_name, role=user.role, agency=user.agency)


@api.get("/csrf-token", summary="Mã CSRF của phiên (gửi lại trong tiêu đề X-CSRF-Token)")
def api_csrf_token(request: Request) -> dict[str, str]:
    from chitieu.web.security import csrf_token

    return {"csrf_token": csrf_token(request)}


@api.post("/session", response_model=UserOut, summary="Đăng nhập (đặt cookie phiên)")
def api_login(request: Request, body: LoginIn, session: Session = DB_SESSION) -> UserOut:
    from fastapi import HTTPException

    throttle = throttle_of(request)
    if throttle.blocked(body.username):
        raise HTTPException(429, "Đăng nhập sai quá nhiều lần. Hãy chờ vài phút rồi thử lại.")
    user = authenticate(session, body.username, body.password)
    if user is None:
        throttle.failed(body.username)
        raise HTTPException(401, "Tên đăng nhập hoặc mật khẩu không đúng.")
    throttle.succeeded(body.username)
    log_in(request, user)
    return UserOut.model_validate(user)


@api.delete("/session", status_code=204, summary="Đăng xuất")
def api_logout(request: Request) -> Response:
    log_out(request)
    return Response(status_code=204)
