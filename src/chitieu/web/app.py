"""The web application: ``create_app(db_url)`` builds a FastAPI app on one database.

Server-rendered Jinja2 pages (Vietnamese) under ``/``, the same data as JSON under ``/api/``
(OpenAPI at ``/openapi.json``, interactive docs at ``/docs``). Each area of the product is one
module of ``chitieu.web.routes`` with a ``pages`` router and an ``api`` router; a new area is a
new module added to ``ROUTE_MODULES``. Permissions are decided in ``chitieu.web.permissions``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import platformdirs
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm import sessionmaker
from starlette.middleware.sessions import SessionMiddleware

from chitieu.errors import ChitieuError
from chitieu.store.db import get_engine, resolve_url
from chitieu.web.auth import Forbidden, LoginRequired
from chitieu.web.config import WebSettings
from chitieu.web.deps import STATIC_DIR, TEMPLATES_DIR, render
from chitieu.web.jobs import IngestQueue
from chitieu.web.security import BodySizeLimit, SecurityHeaders, csrf_protect, csrf_token, load_secret_key

log = logging.getLogger(__name__)

ROUTE_MODULES = ("auth", "dashboard", "indicators", "review", "entries", "documents", "tasks", "search", "reports",
                 "users", "api_data")

# Navigation of the base layout: (path, label, permission name in chitieu.web.permissions or None)
NAVIGATION: tuple[tuple[str, str, str | None], ...] = (
    ("/", "Tổng quan", None),
    ("/indicators", "Chỉ tiêu", None),
    ("/review", "Rà soát", "can_maintain_catalogue"),
    ("/entries", "Nhập số liệu", "can_enter_figures"),
    ("/documents", "Tài liệu", "can_view_documents"),
    ("/tasks", "Nhiệm vụ", None),
    ("/search", "Tìm kiếm", None),
    ("/reports", "Báo cáo", "can_view_reports"),
    ("/users", "Người dùng", "can_manage_users"),
)


def _default_upload_limit() -> int:
    from chitieu.ingest.limits import max_file_bytes

    return max_file_bytes()


def create_app(
    db_url: str | None = None,
    *,
    secret_key: str | None = None,
    data_dir: Path | None = None,
    max_upload_bytes: int | None = None,
    https_only_cookies: bool = False,
) -> FastAPI:
    """A ready application on ``db_url`` (default: ``CHITIEU_DB`` or the user's SQLite file).

    The schema is migrated at once, so a wrong or unreachable database fails here with a
    one-line ``ChitieuError`` rather than on the first request.
    """
    url = resolve_url(db_url)
    data_dir = data_dir or Path(platformdirs.user_data_dir("chitieu", appauthor=False))
    try:
        engine = get_engine(url)
    except OperationalError as exc:
        raise ChitieuError(f"không kết nối được cơ sở dữ liệu {engine_label(url)}: {str(exc.orig).strip().splitlines()[0]}") from None
    settings = WebSettings(
        db_url=url,
        secret_key=secret_key or load_secret_key(data_dir),
        data_dir=data_dir,
        max_upload_bytes=max_upload_bytes or _default_upload_limit(),
        https_only_cookies=https_only_cookies,
    )
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    queue = IngestQueue(factory, workers=settings.ingest_workers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        queue.shutdown()

    app = FastAPI(
        title="chitieu",
        summary="Chỉ tiêu, kết quả và nhiệm vụ phát triển kinh tế - xã hội của tỉnh",
        version=_version(),
        dependencies=[Depends(csrf_protect)],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = factory
    app.state.ingest = queue
    app.state.templates = _templates()

    for name in ROUTE_MODULES:
        module = __import__(f"chitieu.web.routes.{name}", fromlist=["pages", "api"])
        app.include_router(module.api, prefix="/api")
        app.include_router(module.pages)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    _install_error_handlers(app)
    # Outermost last: size limit → security headers → session
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="chitieu_session",
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=settings.https_only_cookies,
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit, limit=settings.max_upload_bytes + 256 * 1024)
    return app


def engine_label(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(địa chỉ không hợp lệ)"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("chitieu")
    except Exception:
        return "0"


def _templates() -> Jinja2Templates:
    from chitieu.web import filters, permissions

    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.globals.update(
        csrf_token=csrf_token,
        navigation=NAVIGATION,
        perm=permissions,
        today=dt.date.today,
    )
    env.filters.update(filters.FILTERS)
    return templates


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "").split(",")[0]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": "Cần đăng nhập."}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, exc.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "Yêu cầu không hợp lệ."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "Không tìm thấy trang hoặc dữ liệu này."
        elif exc.status_code == 405:
            detail = "Phương thức không được hỗ trợ."
        return _error(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = sorted({".".join(str(p) for p in err.get("loc", ())[1:]) for err in exc.errors()} - {""})
        message = "Dữ liệu gửi lên không hợp lệ" + (f" (trường: {', '.join(fields)})." if fields else ".")
        return _error(request, 422, message)

    @app.exception_handler(ChitieuError)
    async def user_error(request: Request, exc: ChitieuError) -> Response:
        return _error(request, 400, str(exc).splitlines()[0] if str(exc) else "Yêu cầu không hợp lệ.")

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, exc: Exception) -> Response:
        # An id or figure beyond the database's integer range (SQLite raises OverflowError,
        # PostgreSQL a DataError): the user's input, not a server fault.
        log.warning("value out of range on %s %s: %s", request.method, request.url.path, exc)
        return _error(request, 400, "Giá trị số gửi lên quá lớn hoặc không hợp lệ.")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(request, 500, "Đã có lỗi trong máy chủ; thao tác chưa được thực hiện. Hãy thử lại sau.")


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    if status >= 500:  # outside the session middleware: a page without the signed-in layout
        from markupsafe import escape

        return HTMLResponse(
            f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi máy chủ</title>'
            f'<link rel="stylesheet" href="/static/app.css"><main class="narrow"><h1>Lỗi máy chủ</h1>'
            f'<p>{escape(message)}</p><p><a href="/">Về trang tổng quan</a></p></main></html>',
            status_code=status,
        )
    titles = {400: "Yêu cầu không hợp lệ", 401: "Cần đăng nhập", 403: "Không có quyền truy cập",
              404: "Không tìm thấy", 409: "Xung đột dữ liệu", 413: "Tệp quá lớn", 422: "Dữ liệu không hợp lệ"}
    context: dict[str, Any] = {"status": status, "title": titles.get(status, "Đã có lỗi"), "message": message}
    response = render(request, "error.html", context, status_code=status)
    if headers:
        response.headers.update(headers)
    return response
