"""Secrets, CSRF protection, request-size limits and security headers.

* The session cookie is signed (Starlette ``SessionMiddleware``, itsdangerous) with a secret
  that survives restarts: ``CHITIEU_SECRET_KEY`` or a random key written once to
  ``<data dir>/web-secret-key`` (mode 0600).
* CSRF: every session carries a random token; every state-changing request (POST, PUT, PATCH,
  DELETE) must echo it, as the ``csrf_token`` form field or the ``X-CSRF-Token`` header
  (``static/app.js`` adds the header to ``fetch`` calls). The check is one dependency applied
  to the whole application, so no route can forget it.
* Bodies larger than the upload limit are refused before they are parsed.
* Pages are sent with a Content-Security-Policy that forbids inline and foreign scripts: even a
  document that smuggled markup past escaping could not run code.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECRET_ENV = "CHITIEU_SECRET_KEY"
SECRET_FILE = "web-secret-key"
CSRF_SESSION_KEY = "csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

CSRF_MESSAGE = "Yêu cầu không hợp lệ hoặc phiên làm việc đã hết hạn (mã CSRF sai). Hãy tải lại trang rồi thử lại."


def load_secret_key(data_dir: Path) -> str:
    """The signing secret: from the environment, else persisted in the data directory."""
    from_env = os.environ.get(SECRET_ENV, "").strip()
    if from_env:
        return from_env
    path = data_dir / SECRET_FILE
    try:
        existing = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        existing = ""
    if existing:
        return existing
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key


def csrf_token(request: Request) -> str:
    """This session's CSRF token, created on first use."""
    token = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_SESSION_KEY] = token
    return token


def rotate_csrf_token(request: Request) -> str:
    token = secrets.token_urlsafe(32)
    request.session[CSRF_SESSION_KEY] = token
    return token


async def csrf_protect(request: Request) -> None:
    """Refuse a state-changing request that does not carry this session's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get(CSRF_SESSION_KEY)
    supplied: Any = request.headers.get(CSRF_HEADER)
    if not supplied:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            supplied = form.get(CSRF_FIELD)
    if not (isinstance(expected, str) and expected and isinstance(supplied, str)
            and hmac.compare_digest(expected.encode(), supplied.encode())):
        raise HTTPException(status_code=403, detail=CSRF_MESSAGE)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        mb = f"{limit / (1024 * 1024):.1f}".replace(".", ",")
        super().__init__(status_code=413, detail=f"Tệp hoặc dữ liệu gửi lên quá lớn (tối đa {mb} MB).")


class BodySizeLimit:
    """Refuse request bodies above ``limit`` bytes: by Content-Length up front, else while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await self._refuse(scope, send)
                    return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, limited_receive, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        import json

        detail = BodyTooLarge(self.limit).detail
        if scope.get("path", "").startswith("/api/"):
            body = json.dumps({"detail": detail}, ensure_ascii=False).encode()
            ctype = b"application/json"
        else:
            from markupsafe import escape

            body = (
                "<!doctype html><html lang=vi><meta charset=utf-8><title>Tệp quá lớn</title>"
                f"<p>{escape(detail)}</p><p><a href=\"/documents\">Quay lại danh sách tài liệu</a></p></html>"
            ).encode()
            ctype = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's interactive docs pages load Swagger UI / ReDoc from their CDN with inline script.
_DOCS_PATHS = ("/docs", "/redoc")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = scope.get("path", "").startswith(_DOCS_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"same-origin"))
                headers.append((b"x-frame-options", b"DENY"))
                if not is_docs:
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
