"""Tables of the store that have no page of their own, as JSON or CSV: ``/api/facts?document=…``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.store import models
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import DB_SESSION
from chitieu.web.export import csv_response
from chitieu.web.permissions import can_view_documents
from chitieu.web.schemas import FactOut

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Tài liệu"])

MAX_FACTS = 20000


@api.get("/facts", response_model=list[FactOut], summary="Dữ kiện (lọc theo tài liệu, chỉ tiêu, loại)",
         responses={200: {"content": {"text/csv": {}}}})
def api_facts(document: int | None = None, indicator: str | None = None, kind: str | None = None,
              format: str = "json", user: Principal = Depends(require_user),
              session: Session = DB_SESSION) -> Response | list[FactOut]:
    if not can_view_documents(user):
        raise Forbidden()
    query = select(models.Fact).order_by(models.Fact.document_id, models.Fact.src_start, models.Fact.id)
    if document is not None:
        if session.get(models.Document, document) is None:
            raise HTTPException(404, "Không tìm thấy tài liệu này.")
        query = query.where(models.Fact.document_id == document)
    if indicator:
        from chitieu.web.ownership import indicator_ref
        from chitieu.web.permissions import can_view_indicator

        if not can_view_indicator(user, indicator_ref(session, indicator)):
            raise Forbidden("Bạn không có quyền xem chỉ tiêu này (chỉ tiêu của cơ quan khác).")
        query = query.where(models.Fact.indicator == indicator)
    if kind:
        query = query.where(models.Fact.kind == kind)
    facts = [FactOut.model_validate(f) for f in session.scalars(query.limit(MAX_FACTS))]
    if format == "csv":
        return csv_response([f.model_dump(exclude={"data"}) for f in facts],
                            f"du-kien{'-' + str(document) if document is not None else ''}.csv")
    return facts
