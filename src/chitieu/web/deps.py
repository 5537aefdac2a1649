"""Request-scoped dependencies shared by every route: the database session and page rendering.

Routes get a SQLAlchemy session with ``session: Session = DB_SESSION``: one transaction per request,
committed when the route returns normally, rolled back on any error. The function scope commits before
the response leaves, so the page a redirect leads to always sees what the request wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker

from chitieu.store.db import transaction
from chitieu.web.config import WebSettings

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def session_factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.session_factory


def settings(request: Request) -> WebSettings:
    return request.app.state.settings


def db_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed before the response is sent, rolled back on error."""
    with transaction(session_factory(request)()) as session:
        yield session


# the one way routes ask for a session: function scope, so the commit precedes the response
DB_SESSION = Depends(db_session, scope="function")


def templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a page template; ``user`` (or ``None``) and ``csrf_token`` are always available."""
    ctx: dict[str, Any] = {"user": getattr(request.state, "user", None), "flashes": pop_flashes(request)}
    ctx.update(context or {})
    return templates(request).TemplateResponse(request, name, ctx, status_code=status_code)


FLASH_KEY = "flash"


def flash(request: Request, message: str, kind: str = "info") -> None:
    """A one-time message shown on the next page (``kind``: info, success, error)."""
    messages = list(request.session.get(FLASH_KEY, []))
    messages.append({"message": message, "kind": kind})
    request.session[FLASH_KEY] = messages[-5:]


def pop_flashes(request: Request) -> list[dict[str, str]]:
    if "session" not in request.scope:
        return []
    messages = request.session.pop(FLASH_KEY, [])
    return messages if isinstance(messages, list) else []
