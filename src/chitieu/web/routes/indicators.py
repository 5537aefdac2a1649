"""Indicators: the list, and one page per indicator — its series over the years (chart of target
against actual), every figure with its document and sentence, the rule behind each verdict,
conflicts and consistency findings, hand entries, the audit trail, and for planners the
catalogue maintenance forms (confirm, rename, add a wording, set the reporting agency, merge).

Permission: ``can_view_indicator`` on the agency the effective catalogue gives the indicator;
a reporter asking for another department's indicator gets 403 and nothing of its figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from chitieu.catalog import GROUPS, Catalog
from chitieu.catalog import Indicator as CatalogIndicator
from chitieu.catalog.model import AGGREGATIONS, DIRECTIONS
from chitieu.errors import ChitieuError
from chitieu.evaluate.engine import Evaluation, evaluate_term_from, evaluate_year_from
from chitieu.evaluate.series import Observation, best
from chitieu.store import models
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import DB_SESSION, flash, render
from chitieu.web.evaluation_view import eval_row, evaluation_json, ref_of, target_text
from chitieu.web.evaluations import EvaluationCache, Snapshot, cache_of, default_choice
from chitieu.web.export import csv_response
from chitieu.web.ownership import IndicatorRef, indicator_refs
from chitieu.web.permissions import (
    can_edit_indicator,
    can_maintain_catalogue,
    can_view_indicator,
    sees_everything,
)
from chitieu.web.schemas import FactOut, IndicatorDetailOut, IndicatorGroupOut
from chitieu.web.series_chart import Point, series_svg

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Chỉ tiêu"])

MAX_UNRECOGNISED = 300
FORBIDDEN_MESSAGE = "Bạn không có quyền xem chỉ tiêu này (chỉ tiêu của cơ quan khác)."
DIRECTION_LABELS = {"up": "càng cao càng tốt", "down": "càng thấp càng tốt"}
AGGREGATION_LABELS = {
    "cagr": "bình quân tăng trưởng (trung bình nhân)",
    "mean": "trung bình cộng các năm",
    "sum": "cộng dồn các năm",
    "last": "giá trị năm cuối",
}
ACTION_LABELS = {
    "entry.create": "Nhập số liệu",
    "entry.update": "Sửa số liệu",
    "catalog.register": "Tự động thêm vào danh mục",
    "catalog.confirm": "Xác nhận chỉ tiêu",
    "catalog.rename": "Đổi tên",
    "catalog.alias": "Thêm cách gọi khác",
    "catalog.merge": "Gộp chỉ tiêu",
    "catalog.dismiss": "Bỏ qua (không phải chỉ tiêu)",
    "catalog.agency": "Đổi cơ quan báo cáo",
}


# --- the list of indicators with figures ----------------------------------------------------

@dataclass
class IndicatorGroup:
    code: str | None
    label: str
    agency: str | None
    unit: str | None
    facts: int
    targets: int
    actuals: int
    latest_period: str | None
    first_fact_id: int | None = None
    first_document_id: int | None = None

    def to_out(self) -> IndicatorGroupOut:
        return IndicatorGroupOut(code=self.code, label=self.label, agency=self.agency, unit=self.unit,
                                 facts=self.facts, targets=self.targets, actuals=self.actuals,
                                 latest_period=self.latest_period)


def _counts() -> tuple[Any, ...]:
    f = models.Fact
    return (
        func.count(f.id),
        func.sum(case((f.kind == "target", 1), else_=0)),
        func.sum(case((f.kind == "actual", 1), else_=0)),
        func.max(f.period_label),
        func.max(f.unit),
        func.min(f.id),
    )


def indicator_groups(session: Session, user: Principal) -> tuple[list[IndicatorGroup], list[IndicatorGroup]]:
    """(recognised indicators, unrecognised labels) the user may see, each with fact counts.

    Indicators with only hand-entered figures are listed too.
    """
    f = models.Fact
    coded = session.execute(
        select(f.indicator, func.max(f.label), *_counts()).where(f.indicator.is_not(None)).group_by(f.indicator)
    ).all()
    entered = dict(session.execute(
        select(models.Entry.indicator, func.count(models.Entry.id)).group_by(models.Entry.indicator)
    ).all())
    refs = indicator_refs(session, [row[0] for row in coded] + list(entered))
    recognised = []
    seen = set()
    for code, label, n, targets, actuals, period, unit, _first in coded:
        ref = refs[code]
        seen.add(code)
        if can_view_indicator(user, ref):
            extra = int(entered.get(code, 0))
            recognised.append(IndicatorGroup(code, ref.name or label, ref.agency, ref.unit or unit,
                                             int(n) + extra, int(targets or 0), int(actuals or 0) + extra, period))
    for code, n in entered.items():
        ref = refs[code]
        if code not in seen and can_view_indicator(user, ref):
            recognised.append(IndicatorGroup(code, ref.name or code, ref.agency, ref.unit, int(n), 0, int(n), None))
    recognised.sort(key=lambda g: g.label.lower())
    unrecognised: list[IndicatorGroup] = []
    if sees_everything(user):  # no agency known: reporters cannot own these
        rows = session.execute(
            select(f.label, *_counts()).where(f.indicator.is_(None)).group_by(f.label)
            .order_by(f.label).limit(MAX_UNRECOGNISED)
        ).all()
        firsts = {r[-1] for r in rows}
        doc_of = dict(session.execute(select(f.id, f.document_id).where(f.id.in_(firsts))).all()) if firsts else {}
        for label, n, targets, actuals, period, unit, first in rows:
            unrecognised.append(IndicatorGroup(None, label, None, unit, int(n), int(targets or 0), int(actuals or 0),
                                               period, first, doc_of.get(first)))
    return recognised, unrecognised


# --- one indicator --------------------------------------------------------------------------

def require_indicator(user: Principal, catalog: Catalog, code: str, known: bool) -> IndicatorRef:
    """The indicator's ownership, or 403 (another department's) / 404 (no such indicator)."""
    ref = ref_of(catalog, code)
    if not can_view_indicator(user, ref):
        raise Forbidden(FORBIDDEN_MESSAGE)
    if not known and catalog.get(code) is None:
        raise HTTPException(404, "Không tìm thấy chỉ tiêu này.")
    return ref


def series_of(snap: Snapshot, code: str) -> list[Observation]:
    return [o for o in snap.observations if o.indicator == code]


def yearly_verdicts(cache: EvaluationCache, series: list[Observation]) -> tuple[list[Evaluation], list[Evaluation]]:
    """This indicator judged for every year and every term its figures cover (its own series only)."""
    years = sorted({o.period_end.year for o in series if o.period_start.year == o.period_end.year})
    per_year = [ev for y in years for ev in evaluate_year_from(series, y, cache.policy)]
    terms = sorted({(o.period_start.year, o.period_end.year) for o in series
                    if o.kind == "target" and 1 <= o.period_end.year - o.period_start.year <= 10})
    per_term = [ev for first, last in terms for ev in evaluate_term_from(series, first, last, cache.policy)]
    return per_year, per_term


def chart_points(series: list[Observation], unit: str | None) -> list[Point]:
    """Per year: the best full-year target, and the best full-year actual (else the latest in-year one)."""
    points = []
    for year in sorted({o.period_end.year for o in series if o.period_start.year == o.period_end.year}):
        in_year = [o for o in series if o.period_start.year == year and o.period_end.year == year and o.value is not None]
        target = best(o for o in in_year if o.kind == "target" and o.full_year)
        full = [o for o in in_year if o.kind == "actual" and o.full_year]
        partial = [o for o in in_year if o.kind == "actual"]
        actual = best(full)
        if actual is None and partial:
            latest = max(o.period_end for o in partial)
            actual = best(o for o in partial if o.period_end == latest)
        points.append(Point(
            year=year,
            actual=actual.value if actual else None,
            estimate=bool(actual and actual.estimate),
            actual_label="" if actual is None or actual.full_year else actual.period_label,
            target=target.value if target else None,
            target_high=target.value_high if target else None,
            target_text=target_text(target, unit),
        ))
    return points


def _facts(session: Session, code: str) -> list[tuple[models.Fact, str]]:
    rows = session.execute(
        select(models.Fact, models.Document.name).join(models.Document, models.Fact.document_id == models.Document.id)
        .where(models.Fact.indicator == code)
        .order_by(models.Fact.period_start.is_(None), models.Fact.period_start, models.Fact.period_end, models.Fact.id)
    )
    return [(fact, name) for fact, name in rows]


def _entries(session: Session, code: str) -> list[models.Entry]:
    return list(session.scalars(
        select(models.Entry).where(models.Entry.indicator == code)
        .order_by(models.Entry.period_start.desc(), models.Entry.period_end.desc())
    ))


def audit_trail(session: Session, code: str, entry_ids: list[int], limit: int = 100) -> list[models.AuditLog]:
    """Changes to the indicator's catalogue entry and to its hand-entered figures, newest first."""
    a = models.AuditLog
    condition: ColumnElement[bool] = (a.entity == "indicator") & (a.entity_id == code)
    if entry_ids:
        condition = or_(condition, (a.entity == "entry") & a.entity_id.in_([str(i) for i in entry_ids]))
    return list(session.scalars(select(a).where(condition).order_by(a.id.desc()).limit(limit)))


def indicator_context(request: Request, session: Session, user: Principal, code: str) -> dict[str, Any]:
    cache = cache_of(request)
    snap = cache.snapshot(session)
    series = series_of(snap, code)
    facts = _facts(session, code)
    entries = _entries(session, code)
    ref = require_indicator(user, snap.catalog, code, known=bool(series or facts or entries))
    entry: CatalogIndicator | None = snap.catalog.get(code)
    name = ref.name or (series[0].label if series else facts[0][0].label if facts else code)
    unit = ref.unit or next((o.unit for o in series if o.unit), None)
    per_year, per_term = yearly_verdicts(cache, series)
    # consistency findings and cross-document conflicts from the full evaluation of the current year
    _snap, current = cache.evaluate(session, default_choice(snap))
    full = next((ev for ev in current if ev.info.code == code), None)
    findings = list(full.findings) if full else []
    conflicts = [c for ev in per_year + per_term for c in ev.conflicts]
    return {
        "code": code,
        "ref": ref,
        "entry": entry,
        "label": name,
        "unit": unit,
        "chart": series_svg(chart_points(series, unit), unit, f"{name}: mục tiêu và thực hiện qua các năm"),
        "years": [eval_row(ev, snap.catalog) for ev in reversed(per_year)],
        "terms": [eval_row(ev, snap.catalog) for ev in reversed(per_term)],
        "facts": facts,
        "entries": entries,
        "findings": findings,
        "conflicts": [c.describe() for c in conflicts],
        "audit": audit_trail(session, code, [e.id for e in entries]),
        "action_labels": ACTION_LABELS,
        "can_edit": can_edit_indicator(user, ref),
        "can_maintain": can_maintain_catalogue(user),
        "groups": GROUPS,
        "directions": DIRECTIONS,
        "direction_labels": DIRECTION_LABELS,
        "aggregations": AGGREGATIONS,
        "aggregation_labels": AGGREGATION_LABELS,
        "today": dt.date.today(),
        "snapshot": snap,
        "per_year": per_year,
    }


@pages.get("/indicators")
def indicators_page(request: Request, user: Principal = Depends(require_user),
                    session: Session = DB_SESSION) -> Response:
    recognised, unrecognised = indicator_groups(session, user)
    return render(request, "indicators.html", {"recognised": recognised, "unrecognised": unrecognised})


@pages.get("/indicators/{code}")
def indicator_page(code: str, request: Request, user: Principal = Depends(require_user),
                   session: Session = DB_SESSION) -> Response:
    return render(request, "indicator.html", indicator_context(request, session, user, code))


# --- catalogue maintenance (planners, administrators) ---------------------------------------

def require_maintainer(user: Principal) -> None:
    """Catalogue changes (here and on the review page) are for planners and administrators."""
    if not can_maintain_catalogue(user):
        raise Forbidden("Chỉ cán bộ kế hoạch và quản trị viên được sửa danh mục chỉ tiêu.")


def _after_change(request: Request, code: str, message: str | None, error: str | None) -> Response:
    cache_of(request).invalidate()
    if error:
        flash(request, error, "error")
    elif message:
        flash(request, message, "success")
    return RedirectResponse(f"/indicators/{code}#catalogue", status_code=303)


def set_agency(session: Session, catalog: Catalog, code: str, agency: str, username: str) -> None:
    """Name the department that reports ``code`` (it decides which reporters see and enter it)."""
    found = catalog.get(code)
    if found is None:
        raise ChitieuError(f"không có chỉ tiêu mã {code!r} trong danh mục")
    agency = " ".join(agency.split())[:200] or None  # type: ignore[assignment]
    row = session.get(models.Indicator, found.code)
    if row is None:
        row = models.Indicator(code=found.code, name=found.name, aliases=[], confirmed=found.confirmed)
        session.add(row)
    before = {"agency": found.agency}
    row.agency = agency
    session.flush()
    session.add(models.AuditLog(username=username, action="catalog.agency", entity="indicator", entity_id=found.code,
                                before=before, after={"agency": agency}))


@pages.post("/indicators/{code}/catalog")
def catalogue_change(
    code: str,
    request: Request,
    action: str = Form(...),
    name: str = Form(""),
    alias: str = Form(""),
    into: str = Form(""),
    agency: str = Form(""),
    group: str = Form(""),
    direction: str = Form(""),
    aggregation: str = Form(""),
    unit: str = Form(""),
    user: Principal = Depends(require_user),
    session: Session = DB_SESSION,
) -> Response:
    from chitieu.catalog import store

    require_maintainer(user)
    catalog = cache_of(request).snapshot(session).catalog
    if catalog.get(code) is None:
        raise HTTPException(404, "Không tìm thấy chỉ tiêu này trong danh mục.")
    try:
        if action == "confirm":
            store.confirm(session, code, group=group or None, direction=direction or None,
                          aggregation=aggregation or None, unit=unit.strip() or None, username=user.username)
            message = "Đã xác nhận chỉ tiêu."
        elif action == "rename":
            store.rename(session, code, name, username=user.username)
            message = "Đã đổi tên chỉ tiêu; tên cũ được giữ làm cách gọi khác."
        elif action == "alias":
            store.add_alias(session, code, alias, username=user.username)
            message = "Đã thêm cách gọi khác."
        elif action == "agency":
            set_agency(session, catalog, code, agency, user.username)
            message = "Đã đổi cơ quan báo cáo."
        elif action == "merge":
            moved = store.merge(session, code, into.strip(), username=user.username)
            cache_of(request).invalidate()
            flash(request, f"Đã gộp chỉ tiêu {code} vào {into.strip()} ({moved} số liệu được chuyển).", "success")
            return RedirectResponse(f"/indicators/{catalog.resolve(into.strip()) if into.strip() in catalog else code}",
                                    status_code=303)
        else:
            raise HTTPException(400, "Thao tác không hợp lệ.")
    except ChitieuError as exc:
        session.rollback()
        text = str(exc)
        return _after_change(request, code, None, f"Không thực hiện được: {text[:1].lower() + text[1:]}")
    return _after_change(request, code, message, None)


# --- API --------------------------------------------------------------------------------------

@api.get("/indicators", response_model=list[IndicatorGroupOut], summary="Các chỉ tiêu có số liệu",
         responses={200: {"content": {"text/csv": {}}}})
def api_indicators(format: str = "json", user: Principal = Depends(require_user),
                   session: Session = DB_SESSION) -> Response | list[IndicatorGroupOut]:
    recognised, unrecognised = indicator_groups(session, user)
    rows = [g.to_out() for g in recognised + unrecognised]
    if format == "csv":
        return csv_response([r.model_dump() for r in rows], "chi-tieu.csv")
    return rows


class IndicatorFullOut(IndicatorDetailOut):
    group: str | None = None
    direction: str | None = None
    aggregation: str | None = None
    aliases: list[str] = []
    confirmed: bool = True
    merged_into: str | None = None
    entries: list[dict[str, Any]] = []
    evaluations: list[dict[str, Any]] = []


@api.get("/indicators/{code}", response_model=IndicatorFullOut,
         summary="Một chỉ tiêu: danh mục, mọi số liệu, số liệu nhập tay và đánh giá từng năm, nhiệm kỳ")
def api_indicator(code: str, request: Request, user: Principal = Depends(require_user),
                  session: Session = DB_SESSION) -> IndicatorFullOut:
    ctx = indicator_context(request, session, user, code)
    facts = [f for f, _name in ctx["facts"]]
    entry: CatalogIndicator | None = ctx["entry"]
    catalog = ctx["snapshot"].catalog
    return IndicatorFullOut(
        code=code, label=ctx["label"], agency=ctx["ref"].agency, unit=ctx["unit"],
        facts=len(facts), targets=sum(f.kind == "target" for f in facts), actuals=sum(f.kind == "actual" for f in facts),
        latest_period=max((f.period_label for f in facts if f.period_label), default=None),
        fact_list=[FactOut.model_validate(f) for f in facts],
        group=entry.group if entry else None, direction=entry.direction if entry else None,
        aggregation=entry.aggregation if entry else None, aliases=list(entry.aliases) if entry else [],
        confirmed=entry.confirmed if entry else False, merged_into=entry.merged_into if entry else None,
        entries=[entry_json(e) for e in ctx["entries"]],
        evaluations=[evaluation_json(ev, catalog) for ev in ctx["per_year"]],
    )


def entry_json(e: models.Entry) -> dict[str, Any]:
    return {
        "id": e.id, "indicator": e.indicator, "period": {"start": e.period_start.isoformat(),
                                                         "end": e.period_end.isoformat(), "label": e.period_label},
        "value": e.value, "unit": e.unit, "estimate": e.estimate, "note": e.note,
        "attachment": e.attachment_name, "entered_by": e.entered_by,
        "entered_at": e.entered_at.isoformat() if e.entered_at else None, "version": e.version,
    }
