"""Data entry pages and ``/api/entries``: a department's reporter enters or corrects the actual of
its indicators for a period; planners may enter any indicator. The rules (number and period
grammar, unit, range, optimistic locking, audit trail) live in ``chitieu.web.entries``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile as StarletteUpload

from chitieu.catalog import Catalog
from chitieu.store import models
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import DB_SESSION, flash, render
from chitieu.web.entries import (
    MAX_ATTACHMENT_BYTES,
    EntryConflict,
    EntryForbidden,
    EntryInput,
    EntryRefused,
    expected_unit,
    save_entry,
    validate,
)
from chitieu.web.evaluation_view import ref_of
from chitieu.web.evaluations import cache_of
from chitieu.web.export import csv_response
from chitieu.web.permissions import can_edit_indicator, can_enter_figures, can_view_indicator
from chitieu.web.routes.auth import safe_next
from chitieu.web.routes.indicators import entry_json, series_of

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Nhập số liệu"])

MAX_LISTED = 500


def editable_indicators(user: Principal, catalog: Catalog) -> list[tuple[str, str, str | None]]:
    """(code, name, unit) of every catalogue indicator the user may enter figures for."""
    out = [(ind.code, ind.name, ind.unit) for ind in catalog.all()
           if can_edit_indicator(user, ref_of(catalog, ind.code))]
    return sorted(out, key=lambda t: t[1].lower())


def visible_entries(session: Session, user: Principal, catalog: Catalog, indicator: str | None = None) -> list[models.Entry]:
    query = select(models.Entry).order_by(models.Entry.entered_at.desc(), models.Entry.id.desc())
    if indicator:
        query = query.where(models.Entry.indicator == indicator)
    rows = session.scalars(query.limit(MAX_LISTED * 4))
    return [e for e in rows if can_view_indicator(user, ref_of(catalog, e.indicator))][:MAX_LISTED]


def _form_context(request: Request, session: Session, user: Principal, values: dict[str, Any],
                  errors: dict[str, str] | None = None, conflict: str | None = None) -> dict[str, Any]:
    snap = cache_of(request).snapshot(session)
    code = values.get("indicator") or ""
    series = series_of(snap, code) if code else []
    periods = sorted({o.period_label for o in series if o.kind == "actual" and o.period_label},
                     key=lambda p: p)[-12:]
    entry = snap.catalog.get(code) if code else None
    return {
        "values": values,
        "errors": errors or {},
        "conflict": conflict,
        "indicators": editable_indicators(user, snap.catalog),
        "indicator_name": entry.name if entry else None,
        "expected_unit": expected_unit(snap.catalog, code, series) if entry else None,
        "period_suggestions": periods,
        "max_mb": MAX_ATTACHMENT_BYTES // (1024 * 1024),
    }


def _require_entry_right(user: Principal) -> None:
    if not can_enter_figures(user):
        raise Forbidden("Người xem không được nhập hoặc sửa số liệu.")


@pages.get("/entries")
def entries_page(request: Request, indicator: str | None = None, user: Principal = Depends(require_user),
                 session: Session = DB_SESSION) -> Response:
    snap = cache_of(request).snapshot(session)
    rows = visible_entries(session, user, snap.catalog, indicator)
    names = {e.indicator: (snap.catalog.get(e.indicator).name if snap.catalog.get(e.indicator) else e.indicator)  # type: ignore[union-attr]
             for e in rows}
    editable = {e.indicator for e in rows if can_edit_indicator(user, ref_of(snap.catalog, e.indicator))}
    return render(request, "entries.html", {"rows": rows, "names": names, "editable": editable,
                                            "can_enter": can_enter_figures(user)})


@pages.get("/entries/new")
def entry_form(request: Request, indicator: str = "", period: str = "", user: Principal = Depends(require_user),
               session: Session = DB_SESSION) -> Response:
    _require_entry_right(user)
    values: dict[str, Any] = {"indicator": indicator, "period": period, "value": "", "unit": "", "estimate": False,
                              "note": "", "version": 0, "back": f"/indicators/{quote(indicator, safe='')}" if indicator else "/entries"}
    if indicator:
        catalog = cache_of(request).snapshot(session).catalog
        if not can_edit_indicator(user, ref_of(catalog, indicator)):
            raise Forbidden("Bạn không có quyền nhập số liệu của chỉ tiêu này (chỉ tiêu của cơ quan khác).")
        if period:
            from chitieu.web.entries import find_entry, parse_entry_period

            try:
                existing = find_entry(session, catalog.resolve(indicator), parse_entry_period(period))
            except ValueError:
                existing = None
            if existing is not None:
                from chitieu.web.filters import number

                values.update(value=number(existing.value), unit=existing.unit or "", estimate=existing.estimate,
                              note=existing.note or "", version=existing.version, period=existing.period_label)
    return render(request, "entry_form.html", _form_context(request, session, user, values))


@pages.post("/entries")
async def entry_submit(request: Request, user: Principal = Depends(require_user),
                       session: Session = DB_SESSION) -> Response:
    _require_entry_right(user)
    form = await request.form()
    upload = form.get("attachment")
    data: bytes | None = None
    filename: str | None = None
    if isinstance(upload, StarletteUpload) and getattr(upload, "filename", None):
        data = await upload.read(MAX_ATTACHMENT_BYTES + 1)
        filename = upload.filename
    values: dict[str, Any] = {
        "indicator": str(form.get("indicator") or ""),
        "period": str(form.get("period") or ""),
        "value": str(form.get("value") or ""),
        "unit": str(form.get("unit") or ""),
        "estimate": form.get("estimate") == "1",
        "note": str(form.get("note") or ""),
        "confirm_unusual": form.get("confirm_unusual") == "1",
        "back": safe_next(str(form.get("back") or "/entries")),
    }
    try:
        values["version"] = int(str(form.get("version") or "0"))
    except ValueError:
        values["version"] = -1
    return _save_from_form(request, session, user, values, filename, data)


def _save_from_form(request: Request, session: Session, user: Principal, values: dict[str, Any],
                    filename: str | None, data: bytes | None) -> Response:
    cache = cache_of(request)
    snap = cache.snapshot(session)
    code = values["indicator"].strip()
    try:
        if code and snap.catalog.get(code) is not None and not can_edit_indicator(user, ref_of(snap.catalog, code)):
            raise EntryForbidden("Bạn không có quyền nhập số liệu của chỉ tiêu này (chỉ tiêu của cơ quan khác).")
        clean = validate(EntryInput(
            indicator=code, period=values["period"], value=values["value"], unit=values["unit"],
            estimate=values["estimate"], note=values["note"], version=values["version"],
            confirm_unusual=values["confirm_unusual"], attachment_name=filename, attachment=data,
        ), snap.catalog, series_of(snap, snap.catalog.resolve(code)) if snap.catalog.get(code) else [])
        entry, created = save_entry(session, user, snap.catalog, clean)
    except EntryForbidden as exc:
        raise Forbidden(str(exc)) from None
    except EntryRefused as exc:
        return render(request, "entry_form.html", _form_context(request, session, user, values, exc.errors),
                      status_code=400)
    except EntryConflict as conflict:
        values["version"] = conflict.current.version  # resubmitting now overrides knowingly
        return render(request, "entry_form.html",
                      _form_context(request, session, user, values, conflict=conflict.message), status_code=409)
    cache.invalidate()
    from chitieu.web.filters import number

    flash(request, f"Đã {'lưu' if created else 'sửa'} số liệu {entry.period_label}: {number(entry.value)}"
                   f"{(' ' + entry.unit) if entry.unit else ''}{' (ước tính)' if entry.estimate else ''}.", "success")
    return RedirectResponse(values["back"], status_code=303)


@pages.get("/entries/{entry_id}/attachment")
def entry_attachment(entry_id: int, request: Request, user: Principal = Depends(require_user),
                     session: Session = DB_SESSION) -> Response:
    entry = session.get(models.Entry, entry_id)
    catalog = cache_of(request).snapshot(session).catalog
    if entry is None or entry.attachment is None:
        raise HTTPException(404, "Không tìm thấy tệp đính kèm.")
    if not can_view_indicator(user, ref_of(catalog, entry.indicator)):
        raise Forbidden("Bạn không có quyền xem số liệu của chỉ tiêu này (chỉ tiêu của cơ quan khác).")
    name = entry.attachment_name or "tep-dinh-kem"
    # served as a download, never rendered: an attachment may hold anything
    return Response(entry.attachment, media_type="application/octet-stream",
                    headers={"content-disposition": content_disposition(name)})


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the real (Vietnamese) name as RFC 5987 ``filename*``."""
    from chitieu.text.fold import fold

    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in fold(filename)) or "tep"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


# --- API ----------------------------------------------------------------------------------

class EntryIn(BaseModel):
    indicator: str = Field(description="Mã chỉ tiêu trong danh mục.")
    period: str = Field(description='Kỳ số liệu: "năm 2024", "9 tháng năm 2024", "quý III năm 2024".')
    value: str | float = Field(description='Giá trị; chuỗi kiểu Việt Nam được chấp nhận: "1.234,5".')
    unit: str = ""
    estimate: bool = False
    note: str = Field("", max_length=8000)
    version: int = Field(0, description="Phiên bản đang sửa (0: số liệu mới); sai phiên bản → 409.")
    confirm_unusual: bool = False


@api.get("/entries", response_model=None, summary="Số liệu nhập tay (lọc theo chỉ tiêu)", responses={200: {"content": {"text/csv": {}}}})
def api_entries(request: Request, indicator: str | None = None, format: str = "json",
                user: Principal = Depends(require_user), session: Session = DB_SESSION) -> Response | list[dict[str, Any]]:
    catalog = cache_of(request).snapshot(session).catalog
    rows = [entry_json(e) for e in visible_entries(session, user, catalog, indicator)]
    if format == "csv":
        flat = [{**{k: v for k, v in r.items() if k != "period"}, "period": r["period"]["label"],
                 "period_start": r["period"]["start"], "period_end": r["period"]["end"]} for r in rows]
        return csv_response(flat, "so-lieu-nhap-tay.csv")
    return rows


@api.post("/entries", summary="Nhập hoặc sửa số liệu thực hiện của một kỳ (cần tiêu đề X-CSRF-Token)",
          responses={201: {"description": "Đã tạo"}, 200: {"description": "Đã sửa"},
                     400: {"description": "Số liệu không hợp lệ (errors theo từng trường)"},
                     403: {"description": "Không có quyền"}, 409: {"description": "Số liệu đã bị người khác sửa"}})
def api_entry_save(body: EntryIn, request: Request, user: Principal = Depends(require_user),
                   session: Session = DB_SESSION) -> Response:
    _require_entry_right(user)
    cache = cache_of(request)
    snap = cache.snapshot(session)
    code = body.indicator.strip()
    if snap.catalog.get(code) is not None and not can_edit_indicator(user, ref_of(snap.catalog, code)):
        raise Forbidden("Bạn không có quyền nhập số liệu của chỉ tiêu này (chỉ tiêu của cơ quan khác).")
    value = body.value if isinstance(body.value, str) else repr(body.value).replace(".", ",")
    try:
        clean = validate(EntryInput(indicator=code, period=body.period, value=value, unit=body.unit,
                                    estimate=body.estimate, note=body.note, version=body.version,
                                    confirm_unusual=body.confirm_unusual),
                         snap.catalog, series_of(snap, snap.catalog.resolve(code)) if snap.catalog.get(code) else [])
        entry, created = save_entry(session, user, snap.catalog, clean)
    except EntryForbidden as exc:
        raise Forbidden(str(exc)) from None
    except EntryRefused as exc:
        return JSONResponse({"detail": str(exc), "errors": exc.errors}, status_code=400)
    except EntryConflict as conflict:
        return JSONResponse({"detail": conflict.message, "current": entry_json(conflict.current)}, status_code=409)
    cache.invalidate()
    return JSONResponse(entry_json(entry), status_code=201 if created else 200)
