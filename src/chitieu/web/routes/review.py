"""Review of the phrases that matched no indicator (``/review``).

A figure whose wording the catalogue did not know is kept as a new phrase, unconfirmed, so that
nothing a document says is lost; the reports and the dashboard leave it out until a planner
answers. This page lists every phrase still waiting, with how many figures it holds and the
sentences they came from, and lets a planner answer for many at once: confirm them as
indicators of the plan, merge them into the indicator they really are, or dismiss them (their
figures stay facts of their documents). One batch is one transaction: a refused phrase leaves
the whole batch undone, and the page says why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chitieu.catalog import Catalog
from chitieu.catalog.model import NEW_PREFIX
from chitieu.errors import ChitieuError
from chitieu.evaluate.rules import BOUND_SIGNS
from chitieu.store import models
from chitieu.text.excerpt import Excerpt, sentence_excerpt
from chitieu.web.auth import Principal, require_user
from chitieu.web.deps import DB_SESSION, flash, render
from chitieu.web.evaluation_view import quantity
from chitieu.web.evaluations import cache_of
from chitieu.web.routes.indicators import require_maintainer

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Chỉ tiêu"])

MAX_PHRASES = 500
FIGURES_SHOWN = 3
SENTENCE_CHARS = 320
ReviewAction = Literal["confirm", "merge", "dismiss"]
ACTION_LABELS: dict[str, str] = {
    "confirm": "Xác nhận là chỉ tiêu của kế hoạch",
    "merge": "Gộp vào chỉ tiêu đã có",
    "dismiss": "Bỏ qua (không phải chỉ tiêu)",
}


@dataclass(frozen=True)
class ReviewFigure:
    fact_id: int
    document_id: int
    document: str
    kind: str
    figure: str
    period: str | None
    excerpt: Excerpt

    @property
    def sentence(self) -> str:
        return self.excerpt.text


@dataclass
class ReviewPhrase:
    code: str
    name: str
    unit: str | None
    figures: int
    shown: list[ReviewFigure] = field(default_factory=list)


@dataclass
class ReviewList:
    phrases: list[ReviewPhrase]
    phrase_count: int
    figure_count: int


def _waiting() -> tuple[object, ...]:
    """Phrases registered from documents (``new:`` codes) that no planner has answered yet."""
    ind = models.Indicator
    return (ind.code.startswith(NEW_PREFIX), ind.confirmed.is_(False), ind.dismissed.is_(False),
            ind.merged_into.is_(None))


def pending_review(session: Session, limit: int = MAX_PHRASES) -> ReviewList:
    """The phrases waiting for a planner, those with the most figures first."""
    f, ind = models.Fact, models.Indicator
    counts = session.execute(
        select(ind.code, ind.name, ind.unit, func.count(f.id))
        .join(f, f.indicator == ind.code).where(*_waiting())  # type: ignore[arg-type]
        .group_by(ind.code, ind.name, ind.unit)
        .order_by(func.count(f.id).desc(), ind.name)
    ).all()
    phrases = [ReviewPhrase(code, name, unit, int(n)) for code, name, unit, n in counts[:limit]]
    by_code = {p.code: p for p in phrases}
    if by_code:
        rows = session.execute(
            select(f.id, f.indicator, f.document_id, f.kind, f.value, f.unit, f.comparator, f.period_label,
                   f.src_start, f.src_end, f.src_text)
            .where(f.indicator.in_(by_code)).order_by(f.id)
        ).all()
        shown_rows: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            if len(shown_rows[row.indicator]) < FIGURES_SHOWN:
                shown_rows[row.indicator].append(row)
        doc_ids = {row.document_id for picked in shown_rows.values() for row in picked}
        documents = {doc_id: (name, text) for doc_id, name, text in session.execute(
            select(models.Document.id, models.Document.name, models.Document.text)
            .where(models.Document.id.in_(doc_ids)))}
        for code, picked in shown_rows.items():
            by_code[code].shown = [_figure(row, *documents[row.document_id]) for row in picked]
    return ReviewList(phrases, len(counts), sum(int(row[3]) for row in counts))


def _figure(row: Any, document: str, text: str | None) -> ReviewFigure:
    """A figure with the sentence it came from (its own span when the text no longer holds it)."""
    if text and text[row.src_start:row.src_end] == row.src_text:
        excerpt = sentence_excerpt(text, row.src_start, row.src_end, SENTENCE_CHARS)
    else:
        excerpt = Excerpt("", row.src_text or "", "")
    figure = BOUND_SIGNS.get(row.comparator or "", "") + quantity(row.value, row.unit)
    return ReviewFigure(row.id, row.document_id, document, row.kind, figure, row.period_label, excerpt)


def merge_target(into: str) -> str:
    """The code a planner typed or picked ("grdp_growth — Tốc độ tăng trưởng GRDP" gives the code)."""
    code = into.split(" — ")[0].strip()
    if not code:
        raise ChitieuError("chưa chọn chỉ tiêu để gộp vào")
    return code


def apply_review(session: Session, catalog: Catalog, codes: list[str], action: str, into: str,
                 username: str) -> str:
    """Answer for every phrase in ``codes``; the sentence that tells the planner what was done."""
    from chitieu.catalog import store

    codes = list(dict.fromkeys(c for c in codes if c))
    if not codes:
        raise ChitieuError("chưa chọn cụm từ nào")
    waiting = set(session.scalars(select(models.Indicator.code).where(*_waiting())))  # type: ignore[arg-type]
    unknown = [c for c in codes if c not in waiting]
    if unknown:
        raise ChitieuError(f"cụm từ {unknown[0]} không còn chờ rà soát (đã được xử lý hoặc không tồn tại)")
    if action == "confirm":
        for code in codes:
            store.confirm(session, code, username=username)
        return f"Đã xác nhận {len(codes)} chỉ tiêu; từ nay chúng có trong báo cáo và bảng tổng quan."
    if action == "merge":
        target = merge_target(into)
        moved = sum(store.merge(session, code, target, username=username) for code in codes)
        name = catalog[target].name
        return f"Đã gộp {len(codes)} cụm từ vào chỉ tiêu “{name}” ({moved} số liệu được chuyển)."
    if action == "dismiss":
        for code in codes:
            store.dismiss(session, code, username=username)
        return (f"Đã bỏ qua {len(codes)} cụm từ: không tính là chỉ tiêu; số liệu vẫn giữ trong tài liệu "
                "và tìm kiếm được.")
    raise ChitieuError("thao tác không hợp lệ")


@pages.get("/review")
def review_page(request: Request, user: Principal = Depends(require_user),
                session: Session = DB_SESSION) -> Response:
    require_maintainer(user)
    catalog = cache_of(request).snapshot(session).catalog
    choices = sorted((ind for ind in catalog.all() if ind.confirmed and not ind.dismissed),
                     key=lambda ind: ind.name.lower())
    return render(request, "review.html", {
        "review": pending_review(session), "choices": choices, "actions": ACTION_LABELS,
        "max_phrases": MAX_PHRASES,
    })


@pages.post("/review")
def review_form(request: Request, codes: list[str] = Form(default_factory=list), action: str = Form(""),
                into: str = Form(""), user: Principal = Depends(require_user),
                session: Session = DB_SESSION) -> Response:
    require_maintainer(user)
    catalog = cache_of(request).snapshot(session).catalog
    try:
        message = apply_review(session, catalog, codes, action, into, user.username)
    except ChitieuError as exc:
        session.rollback()
        text = str(exc)
        flash(request, f"Không thực hiện được: {text[:1].lower() + text[1:]}", "error")
    else:
        cache_of(request).invalidate()
        flash(request, message, "success")
    return RedirectResponse("/review", status_code=303)


class ReviewFigureOut(BaseModel):
    fact_id: int
    document_id: int
    document: str
    kind: str
    figure: str
    period: str | None = None
    sentence: str


class ReviewPhraseOut(BaseModel):
    code: str
    name: str
    unit: str | None = None
    figures: int
    shown: list[ReviewFigureOut]


class ReviewOut(BaseModel):
    phrase_count: int
    figure_count: int
    phrases: list[ReviewPhraseOut]


class ReviewIn(BaseModel):
    codes: list[str] = Field(min_length=1, max_length=MAX_PHRASES)
    action: ReviewAction
    into: str = ""


@api.get("/review", response_model=ReviewOut, summary="Cụm từ có số liệu chưa gắn chỉ tiêu, chờ rà soát")
def api_review(user: Principal = Depends(require_user),
               session: Session = DB_SESSION) -> ReviewOut:
    require_maintainer(user)
    found = pending_review(session)
    return ReviewOut(phrase_count=found.phrase_count, figure_count=found.figure_count,
                     phrases=[ReviewPhraseOut.model_validate(p, from_attributes=True) for p in found.phrases])


@api.post("/review", summary="Xác nhận, gộp hoặc bỏ qua nhiều cụm từ một lần")
def api_review_apply(body: ReviewIn, request: Request, user: Principal = Depends(require_user),
                     session: Session = DB_SESSION) -> dict[str, str]:
    require_maintainer(user)
    catalog = cache_of(request).snapshot(session).catalog
    try:
        message = apply_review(session, catalog, body.codes, body.action, body.into, user.username)
    except ChitieuError as exc:
        session.rollback()
        raise HTTPException(400, str(exc)) from exc
    cache_of(request).invalidate()
    return {"message": message}
