"""Which evaluated rows are the plan's indicators, and which are phrases waiting for review.

A report the province signs, and the dashboard's main table, list the indicators of the plan:
those with a target for the period, and those the catalogue holds as indicators (shipped, or
confirmed by a planner). A figure whose wording matched nothing is registered as a new phrase
so that nothing is lost, but until a planner confirms it it is a fact of its document, not an
indicator: counting it would put "Cử" or "Tổng số" beside the province's targets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from chitieu.catalog.model import Catalog
from chitieu.evaluate.engine import Evaluation


@dataclass
class PlanScope:
    """The rows of the plan; the phrases left out that wait for a planner's review; and the
    figures set aside: dismissed by a planner, or whose words named nothing (facts of their
    documents, nothing left to review)."""

    rows: list[Evaluation] = field(default_factory=list)
    left_for_review: list[Evaluation] = field(default_factory=list)
    set_aside: list[Evaluation] = field(default_factory=list)


def has_target(ev: Evaluation) -> bool:
    """A target for the evaluated period (or, over a term, the document's own verdict on it)."""
    return ev.target is not None or bool(ev.official_status)


def in_plan(ev: Evaluation, catalog: Catalog) -> bool:
    """The catalogue's indicators, and phrases a plan states a target for.

    A plan only implied by a report's "bằng X% kế hoạch" does not make a phrase the plan's: the
    report's subject may be a fragment ("trồng mới") of an indicator named a sentence before.
    A planner's "not an indicator" wins even over a target.
    """
    found = catalog.get(ev.info.code)
    if found is not None and (found.confirmed or found.dismissed):
        return found.confirmed
    stated = ev.target is not None and not ev.target.derived
    return stated or bool(ev.official_status)


def plan_scope(evaluations: Iterable[Evaluation], catalog: Catalog) -> PlanScope:
    scope = PlanScope()
    for ev in evaluations:
        found = catalog.get(ev.info.code)
        if in_plan(ev, catalog):
            scope.rows.append(ev)
        elif found is not None and not found.dismissed:
            scope.left_for_review.append(ev)
        else:
            scope.set_aside.append(ev)
    return scope
