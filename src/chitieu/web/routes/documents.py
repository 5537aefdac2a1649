"""Documents: the list, the upload (ingested in the background, progress polled), and the viewer
that shows the normalised text with every stored fact highlighted where it was read."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chitieu.store import models
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import DB_SESSION, render, settings
from chitieu.web.export import csv_response
from chitieu.web.highlight import Span, highlighted_html
from chitieu.web.jobs import IngestJob, IngestQueue
from chitieu.web.ownership import indicator_refs
from chitieu.web.permissions import can_upload_document, can_view_documents, can_view_indicator
from chitieu.web.schemas import DocumentDetailOut, DocumentOut, FactOut, JobOut
from chitieu.web.uploads import ACCEPT_ATTRIBUTE, UploadRefused, save_upload

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Tài liệu"])


def _queue(request: Request) -> IngestQueue:
    return request.app.state.ingest


def _require_documents(user: Principal) -> None:
    if not can_view_documents(user):
        raise Forbidden()


def document_rows(session: Session) -> list[tuple[models.Document, int]]:
    counts = dict(session.execute(
        select(models.Fact.document_id, func.count()).group_by(models.Fact.document_id)
    ).all())
    docs = session.scalars(select(models.Document).order_by(models.Document.created_at.desc(), models.Document.id.desc()))
    return [(doc, int(counts.get(doc.id, 0))) for doc in docs]


def _document_out(doc: models.Document, facts: int) -> DocumentOut:
    return DocumentOut.model_validate({**{c: getattr(doc, c) for c in DocumentOut.model_fields if c != "facts"},
                                       "facts": facts})


def _get_document(session: Session, doc_id: int) -> models.Document:
    doc = session.get(models.Document, doc_id)
    if doc is None:
        raise HTTPException(404, "Không tìm thấy tài liệu này.")
    return doc


def _accept_upload(request: Request, user: Principal, file: UploadFile) -> IngestJob:
    if not can_upload_document(user):
        raise Forbidden("Bạn không có quyền tải tài liệu lên.")
    path = save_upload(file.file, file.filename, settings(request).max_upload_bytes)
    return _queue(request).submit(path, uploaded_by=user.username, user_id=user.id)


def _visible_job(request: Request, user: Principal, job_id: str) -> IngestJob:
    job = _queue(request).get(job_id)
    if job is None or (job.user_id != user.id and user.role != "admin"):
        raise HTTPException(404, "Không tìm thấy lượt tải lên này (có thể máy chủ đã khởi động lại).")
    return job


# --- pages --------------------------------------------------------------------------------

@pages.get("/documents")
def documents_page(request: Request, user: Principal = Depends(require_user),
                   session: Session = DB_SESSION) -> Response:
    _require_documents(user)
    jobs = [j for j in _queue(request).recent() if j.user_id == user.id]
    return render(request, "documents.html", {"rows": document_rows(session), "jobs": jobs,
                                              "can_upload": can_upload_document(user)})


@pages.get("/documents/upload")
def upload_page(request: Request, user: Principal = Depends(require_user)) -> Response:
    if not can_upload_document(user):
        raise Forbidden("Bạn không có quyền tải tài liệu lên.")
    return render(request, "upload.html", {"error": None, "accept": ACCEPT_ATTRIBUTE,
                                           "limit": settings(request).max_upload_bytes})


@pages.post("/documents/upload")
def upload_submit(request: Request, file: UploadFile = File(...), user: Principal = Depends(require_user)) -> Response:
    try:
        job = _accept_upload(request, user, file)
    except UploadRefused as exc:
        return render(request, "upload.html", {"error": str(exc), "accept": ACCEPT_ATTRIBUTE,
                                               "limit": settings(request).max_upload_bytes}, status_code=400)
    return RedirectResponse(f"/documents/jobs/{job.id}", status_code=303)


@pages.get("/documents/jobs/{job_id}")
def job_page(job_id: str, request: Request, user: Principal = Depends(require_user)) -> Response:
    return render(request, "job.html", {"job": _visible_job(request, user, job_id)})


@pages.get("/documents/{doc_id}")
def document_page(doc_id: int, request: Request, user: Principal = Depends(require_user),
                  session: Session = DB_SESSION) -> Response:
    _require_documents(user)
    doc = _get_document(session, doc_id)
    facts = list(session.scalars(
        select(models.Fact).where(models.Fact.document_id == doc_id).order_by(models.Fact.src_start, models.Fact.id)
    ))
    refs = indicator_refs(session, [f.indicator for f in facts])
    linkable = {code for code, ref in refs.items() if can_view_indicator(user, ref)}
    restored = [(int(s), int(e), str(t)) for s, e, t in (doc.meta or {}).get("restored") or []]
    html = highlighted_html(doc.text, [Span(f.id, f.src_start, f.src_end, f.kind) for f in facts], restored)
    return render(request, "document.html", {"doc": doc, "facts": facts, "text_html": html, "linkable": linkable,
                                             "can_reextract": can_upload_document(user), "restored": len(restored),
                                             "text_layer": (doc.meta or {}).get("text_layer")})


@pages.post("/documents/{doc_id}/reextract")
def reextract_page(doc_id: int, request: Request, user: Principal = Depends(require_user),
                   session: Session = DB_SESSION) -> Response:
    """Read the stored text again with today's extractors and catalogue (facts replaced, tasks kept)."""
    if not can_upload_document(user):
        raise Forbidden("Bạn không có quyền trích xuất lại tài liệu.")
    from chitieu.store.reextract import reextract_document
    from chitieu.web.deps import flash

    _get_document(session, doc_id)
    done = reextract_document(session, doc_id)
    session.add(models.AuditLog(username=user.username, action="document.reextract", entity="document",
                                entity_id=str(doc_id), before={"facts": done.before}, after={"facts": done.after}))
    flash(request, f"Đã trích xuất lại: {done.before} → {done.after} dữ kiện.")
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


# --- API ----------------------------------------------------------------------------------

@api.get("/documents", response_model=list[DocumentOut], summary="Các tài liệu đã lưu",
         responses={200: {"content": {"text/csv": {}}}})
def api_documents(format: str = "json", user: Principal = Depends(require_user),
                  session: Session = DB_SESSION) -> Response | list[DocumentOut]:
    _require_documents(user)
    rows = [_document_out(doc, n) for doc, n in document_rows(session)]
    if format == "csv":
        return csv_response([r.model_dump() for r in rows], "tai-lieu.csv")
    return rows


@api.post("/documents", status_code=202, response_model=JobOut, summary="Tải lên một tài liệu (xử lý nền)",
          responses={400: {"description": "Tệp bị từ chối"}, 413: {"description": "Tệp quá lớn"}})
def api_upload(request: Request, file: UploadFile = File(...), user: Principal = Depends(require_user)) -> Response:
    try:
        job = _accept_upload(request, user, file)
    except UploadRefused as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return JSONResponse(job.to_json(), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@api.get("/jobs/{job_id}", response_model=JobOut, summary="Tiến độ xử lý một tài liệu đã tải lên")
def api_job(job_id: str, request: Request, user: Principal = Depends(require_user)) -> JobOut:
    return JobOut.model_validate(_visible_job(request, user, job_id).to_json())


@api.get("/documents/{doc_id}", response_model=DocumentDetailOut, summary="Một tài liệu: văn bản và dữ kiện")
def api_document(doc_id: int, user: Principal = Depends(require_user),
                 session: Session = DB_SESSION) -> DocumentDetailOut:
    _require_documents(user)
    doc = _get_document(session, doc_id)
    facts = list(session.scalars(select(models.Fact).where(models.Fact.document_id == doc_id).order_by(models.Fact.src_start)))
    base = _document_out(doc, len(facts)).model_dump()
    return DocumentDetailOut(**base, text=doc.text, fact_list=[FactOut.model_validate(f) for f in facts])


@api.get("/documents/{doc_id}/facts", response_model=list[FactOut], summary="Dữ kiện của một tài liệu",
         responses={200: {"content": {"text/csv": {}}}})
def api_document_facts(doc_id: int, format: str = "json", user: Principal = Depends(require_user),
                       session: Session = DB_SESSION) -> Response | list[FactOut]:
    _require_documents(user)
    _get_document(session, doc_id)
    facts = [FactOut.model_validate(f) for f in session.scalars(
        select(models.Fact).where(models.Fact.document_id == doc_id).order_by(models.Fact.src_start))]
    if format == "csv":
        return csv_response([f.model_dump(exclude={"data"}) for f in facts], f"du-kien-{doc_id}.csv")
    return facts


@api.get("/facts/{fact_id}", response_model=FactOut, summary="Một dữ kiện và vị trí của nó trong tài liệu")
def api_fact(fact_id: int, user: Principal = Depends(require_user), session: Session = DB_SESSION) -> FactOut:
    _require_documents(user)
    fact = session.get(models.Fact, fact_id)
    if fact is None:
        raise HTTPException(404, "Không tìm thấy dữ kiện này.")
    return FactOut.model_validate(fact)
