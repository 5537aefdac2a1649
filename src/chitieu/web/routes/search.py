"""Search page and ``/api/search``: accent-insensitive full text (``chitieu.web.search``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from chitieu.web.auth import Principal, require_user
from chitieu.web.deps import DB_SESSION, render
from chitieu.web.permissions import can_view_documents, can_view_indicator
from chitieu.web.schemas import SearchOut
from chitieu.web.search import SearchResults, search

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Tìm kiếm"])
MAX_QUERY = 200


def visible_results(session: Session, user: Principal, q: str) -> SearchResults:
    results = search(session, q[:MAX_QUERY])
    if not can_view_documents(user):
        results.documents = []
    results.indicators = [hit for hit in results.indicators if can_view_indicator(user, hit)]
    return results


@pages.get("/search")
def search_page(request: Request, q: str = "", user: Principal = Depends(require_user),
                session: Session = DB_SESSION) -> Response:
    results = visible_results(session, user, q) if q.strip() else None
    return render(request, "search.html", {"q": q, "results": results})


@api.get("/search", response_model=SearchOut, summary="Tìm toàn văn trong tài liệu và chỉ tiêu (không phân biệt dấu)")
def api_search(q: str, user: Principal = Depends(require_user), session: Session = DB_SESSION) -> SearchOut:
    return SearchOut.model_validate(visible_results(session, user, q), from_attributes=True)
