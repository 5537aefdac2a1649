"""Indicator pages — a PLACEHOLDER until the evaluation engine's pages replace it.

For now: the stored facts grouped by indicator (recognised codes first, then labels the
catalogue did not recognise), and one page per indicator listing every figure with a link to
its sentence in the document viewer. The permission checks (``can_view_indicator`` on the
agency from ``chitieu.web.ownership``) are the ones the real pages must keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from chitieu.store import models
from chitieu.web.auth import Forbidden, Principal, require_user
from chitieu.web.deps import db_session, render
from chitieu.web.ownership import IndicatorRef, indicator_ref, indicator_refs
from chitieu.web.permissions import can_view_indicator, sees_everything
from chitieu.web.schemas import FactOut, IndicatorDetailOut, IndicatorGroupOut

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["Chỉ tiêu"])

MAX_UNRECOGNISED = 300


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
    """(recognised indicators, unrecognised labels) the user may see, each with fact counts."""
    f = models.Fact
    coded = session.execute(
        select(f.indicator, func.max(f.label), *_counts()).where(f.indicator.is_not(None)).group_by(f.indicator)
    ).all()
    refs = indicator_refs(session, [row[0] for row in coded])
    recognised = []
    for code, label, n, targets, actuals, period, unit, _first in coded:
        ref = refs[code]
        if can_view_indicator(user, ref):
            recognised.append(IndicatorGroup(code, ref.name or label, ref.agency, ref.unit or unit,
                                             int(n), int(targets or 0), int(actuals or 0), period))
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


def indicator_facts(session: Session, user: Principal, code: str) -> tuple[IndicatorRef, list[models.Fact]]:
    ref = indicator_ref(session, code)
    if not can_view_indicator(user, ref):
        raise Forbidden("Bạn không có quyền xem chỉ tiêu này (chỉ tiêu của cơ quan khác).")
    facts = list(session.scalars(
        select(models.Fact).where(models.Fact.indicator == code)
        .order_by(models.Fact.period_start.is_(None), models.Fact.period_start, models.Fact.id)
    ))
    return ref, facts


@pages.get("/indicators")
def indicators_page(request: Request, user: Principal = Depends(require_user),
                    session: Session = Depends(db_session)) -> Response:
    recognised, unrecognised = indicator_groups(session, user)
    return render(request, "indicators.html", {"recognised": recognised, "unrecognised": unrecognised})


@pages.get("/indicators/{code}")
def indicator_page(code: str, request: Request, user: Principal = Depends(require_user),
                   session: Session = Depends(db_session)) -> Response:
    ref, facts = indicator_facts(session, user, code)
    names = dict(session.execute(select(models.Document.id, models.Document.name)
                                 .where(models.Document.id.in_({x.document_id for x in facts}))).all()) if facts else {}
    return render(request, "indicator.html", {"ref": ref, "facts": facts, "doc_names": names,
                                              "label": ref.name or (facts[0].label if facts else code)})


@api.get("/indicators", response_model=list[IndicatorGroupOut], summary="Các chỉ tiêu có số liệu (tạm thời)")
def api_indicators(user: Principal = Depends(require_user), session: Session = Depends(db_session)) -> list[IndicatorGroupOut]:
    recognised, unrecognised = indicator_groups(session, user)
    return [g.to_out() for g in recognised + unrecognised]


@api.get("/indicators/{code}", response_model=IndicatorDetailOut, summary="Mọi số liệu của một chỉ tiêu")
def api_indicator(code: str, user: Principal = Depends(require_user),
                  session: Session = Depends(db_session)) -> IndicatorDetailOut:
    ref, facts = indicator_facts(session, user, code)
    return IndicatorDetailOut(
        code=code, label=ref.name or (facts[0].label if facts else code), agency=ref.agency, unit=ref.unit,
        facts=len(facts), targets=sum(f.kind == "target" for f in facts), actuals=sum(f.kind == "actual" for f in facts),
        latest_period=max((f.period_label for f in facts if f.period_label), default=None),
        fact_list=[FactOut.model_validate(f) for f in facts],
    )
