"""The evaluation as pages see it: the period a user chose, and a cache of its results.

Evaluating a province (hundreds of indicators, decades of figures) reads every stored figure
and judges every series; doing that on each page view would make the dashboard the slowest page
of the product. Results are therefore cached per (state of the database, period). The state is
a fingerprint read in one cheap query — counts and highest ids of documents, facts and entries,
the sum of entry versions, the last audit-log id and the catalogue rows — so any write, through
this application, the command line or another server process, changes it and the next view
evaluates afresh. Writes made here also call :meth:`EvaluationCache.invalidate` directly.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chitieu.catalog import Catalog, load_catalog
from chitieu.errors import ChitieuError
from chitieu.evaluate.engine import Evaluation, evaluate_term_from, evaluate_year_from
from chitieu.evaluate.policy import Policy, load_policy
from chitieu.evaluate.series import Observation, load_observations
from chitieu.store import models


class BadPeriodChoice(ChitieuError):
    """A year, term or in-year period in a URL that cannot be read."""


@dataclass(frozen=True)
class PeriodChoice:
    """What a page evaluates: a year, a term (first–last) or an in-year period of a year."""

    kind: str  # "year" | "term" | "period"
    first: int
    last: int
    months: int | None = None  # for "period": 3, 6, 9 … months, or a quarter as 3 months
    quarter: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "term":
            return f"giai đoạn {self.first}-{self.last}"
        if self.kind == "period":
            if self.quarter:
                return f"quý {['I', 'II', 'III', 'IV'][self.quarter - 1]} năm {self.last}"
            if self.months == 6:
                return f"6 tháng đầu năm {self.last}"
            return f"{self.months} tháng năm {self.last}"
        return f"năm {self.last}"

    @property
    def query(self) -> str:
        """The URL query that selects this period again (``year=2024``, ``term=2021-2025``)."""
        if self.kind == "term":
            return f"term={self.first}-{self.last}"
        if self.kind == "period":
            return f"period={self.code}"
        return f"year={self.last}"

    @property
    def code(self) -> str:
        if self.kind == "term":
            return f"{self.first}-{self.last}"
        if self.kind == "period":
            return f"{self.last}-Q{self.quarter}" if self.quarter else f"{self.last}-{self.months}M"
        return str(self.last)

    @property
    def evaluation_key(self) -> tuple[str, int, int]:
        """In-year periods are judged by the year's evaluation (the latest figure against the plan)."""
        return ("term", self.first, self.last) if self.kind == "term" else ("year", self.last, self.last)


_YEAR = re.compile(r"\s*(\d{4})\s*")
_TERM = re.compile(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*")
_IN_YEAR = re.compile(r"\s*(\d{4})\s*-\s*(?:(\d{1,2})\s*[Mm]|[Qq]([1-4]))\s*")
MIN_YEAR, MAX_YEAR = 1990, 2100


def _year(text: str) -> int:
    value = int(text)
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise BadPeriodChoice(f"Năm {value} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")
    return value


def parse_choice(year: str | None = None, term: str | None = None, period: str | None = None) -> PeriodChoice | None:
    """The period named by a page's query (at most one of ``year``, ``term``, ``period``); None if none.

    ``term``: "2021-2025"; ``period``: "2024-9M" (nine months), "2024-6M", "2024-Q3".
    """
    given = [(k, v.strip()) for k, v in (("year", year), ("term", term), ("period", period)) if v and v.strip()]
    if not given:
        return None
    if len(given) > 1:
        raise BadPeriodChoice("Chỉ chọn một trong: năm, nhiệm kỳ hoặc kỳ trong năm.")
    kind, text = given[0]
    if kind == "year":
        m = _YEAR.fullmatch(text)
        if not m:
            raise BadPeriodChoice(f"Năm không hợp lệ: «{text}» (ví dụ đúng: 2024).")
        y = _year(m.group(1))
        return PeriodChoice("year", y, y)
    if kind == "term":
        m = _TERM.fullmatch(text)
        if not m:
            raise BadPeriodChoice(f"Nhiệm kỳ không hợp lệ: «{text}» (ví dụ đúng: 2021-2025).")
        first, last = _year(m.group(1)), _year(m.group(2))
        if not first < last <= first + 10:
            raise BadPeriodChoice(f"Nhiệm kỳ không hợp lệ: «{text}» (năm đầu phải trước năm cuối, tối đa 10 năm).")
        return PeriodChoice("term", first, last)
    m = _IN_YEAR.fullmatch(text)
    if not m:
        raise BadPeriodChoice(f"Kỳ không hợp lệ: «{text}» (ví dụ đúng: 2024-9M, 2024-6M, 2024-Q3).")
    y = _year(m.group(1))
    if m.group(3):
        return PeriodChoice("period", y, y, months=3, quarter=int(m.group(3)))
    months = int(m.group(2))
    if not 1 <= months <= 12:
        raise BadPeriodChoice(f"Số tháng không hợp lệ: {months} (từ 1 đến 12).")
    return PeriodChoice("period", y, y, months=months)


@dataclass
class Snapshot:
    """Everything evaluated from one state of the database."""

    fingerprint: tuple[Any, ...]
    observations: list[Observation]
    catalog: Catalog
    years: list[int]  # years with any target or actual, newest first
    terms: list[tuple[int, int]]  # terms with a stated target, newest first
    actual_years: frozenset[int] = frozenset()  # years with at least one actual
    judged_years: frozenset[int] = frozenset()  # years where some indicator has a target and an actual
    evaluations: dict[tuple[str, int, int], list[Evaluation]] = field(default_factory=dict)
    rows: dict[tuple[str, int, int], list[Any]] = field(default_factory=dict)  # EvalRow per evaluation
    lock: threading.Lock = field(default_factory=threading.Lock)


def db_fingerprint(session: Session) -> tuple[Any, ...]:
    """A value that changes whenever anything evaluation depends on is written (one query)."""
    f, d, e, a, i = models.Fact, models.Document, models.Entry, models.AuditLog, models.Indicator
    row = session.execute(select(
        select(func.count(f.id)).scalar_subquery(),
        select(func.max(f.id)).scalar_subquery(),
        select(func.count(d.id)).scalar_subquery(),
        select(func.max(d.id)).scalar_subquery(),
        select(func.count(e.id)).scalar_subquery(),
        select(func.max(e.id)).scalar_subquery(),
        select(func.coalesce(func.sum(e.version), 0)).scalar_subquery(),
        select(func.max(a.id)).scalar_subquery(),
        select(func.count(i.code)).scalar_subquery(),
        select(func.max(i.updated_at)).scalar_subquery(),
    )).one()
    return tuple(row)


def _years_and_terms(observations: list[Observation]) -> tuple[list[int], list[tuple[int, int]]]:
    years: set[int] = set()
    terms: set[tuple[int, int]] = set()
    for obs in observations:
        if obs.period_start.year == obs.period_end.year:
            years.add(obs.period_end.year)
        elif obs.kind == "target" and 1 <= obs.period_end.year - obs.period_start.year <= 10:
            terms.add((obs.period_start.year, obs.period_end.year))
    return sorted(years, reverse=True), sorted(terms, key=lambda t: (t[1], t[0]), reverse=True)


def _judged_years(observations: list[Observation]) -> frozenset[int]:
    """Years in which at least one indicator has both an in-year target and an in-year actual."""
    targets: set[tuple[str, int]] = set()
    actuals: set[tuple[str, int]] = set()
    for obs in observations:
        if obs.period_start.year != obs.period_end.year:
            continue
        if obs.kind == "target":
            targets.add((obs.indicator, obs.period_end.year))
        elif obs.kind == "actual" and obs.value is not None:
            actuals.add((obs.indicator, obs.period_end.year))
    return frozenset(year for _code, year in targets & actuals)


class EvaluationCache:
    """Evaluations per (database state, period), for every request of one application."""

    def __init__(self, policy: Policy | None = None, keep: int = 4) -> None:
        self.policy = policy or load_policy()
        self.keep = keep
        self._snapshots: OrderedDict[tuple[Any, ...], Snapshot] = OrderedDict()
        self._lock = threading.Lock()
        self.evaluations_computed = 0

    def invalidate(self) -> None:
        with self._lock:
            self._snapshots.clear()

    def snapshot(self, session: Session) -> Snapshot:
        fingerprint = db_fingerprint(session)
        with self._lock:
            found = self._snapshots.get(fingerprint)
            if found is not None:
                self._snapshots.move_to_end(fingerprint)
                return found
        observations = load_observations(session)
        years, terms = _years_and_terms(observations)
        actual_years = frozenset(o.period_end.year for o in observations if o.kind == "actual")
        snap = Snapshot(fingerprint, observations, load_catalog(session), years, terms, actual_years,
                        _judged_years(observations))
        with self._lock:
            snap = self._snapshots.setdefault(fingerprint, snap)
            while len(self._snapshots) > self.keep:
                self._snapshots.popitem(last=False)
        return snap

    def evaluate(self, session: Session, choice: PeriodChoice) -> tuple[Snapshot, list[Evaluation]]:
        snap = self.snapshot(session)
        key = choice.evaluation_key
        with snap.lock:  # one thread evaluates; the others wait for its result
            found = snap.evaluations.get(key)
            if found is None:
                if key[0] == "term":
                    found = evaluate_term_from(snap.observations, key[1], key[2], self.policy)
                else:
                    found = evaluate_year_from(snap.observations, key[1], self.policy)
                snap.evaluations[key] = found
                self.evaluations_computed += 1
        return snap, found

    def evaluate_rows(self, session: Session, choice: PeriodChoice) -> tuple[Snapshot, list[Evaluation], list[Any]]:
        """The evaluations with their page rows (``evaluation_view.EvalRow``), formatted once per state."""
        from chitieu.web.evaluation_view import eval_row

        snap, evaluations = self.evaluate(session, choice)
        key = choice.evaluation_key
        with snap.lock:
            rows = snap.rows.get(key)
            if rows is None:
                rows = [eval_row(ev, snap.catalog) for ev in evaluations]
                snap.rows[key] = rows
        return snap, evaluations, rows


_CREATE_LOCK = threading.Lock()


def cache_of(request: Request) -> EvaluationCache:
    """The application's cache, created on first use."""
    state = request.app.state
    cache = getattr(state, "evaluation_cache", None)
    if cache is None:
        with _CREATE_LOCK:
            cache = getattr(state, "evaluation_cache", None)
            if cache is None:
                cache = EvaluationCache()
                state.evaluation_cache = cache
    return cache


def default_choice(snap: Snapshot, today: dt.date | None = None) -> PeriodChoice:
    """The year a visitor most likely wants: the latest year where a target meets a result (not
    in the future), else the latest year with results, else the latest year with targets up to
    next year. A term table's estimate column ("Ước 2025") gives results without targets: that
    year has nothing to judge and is a poor first page."""
    today = today or dt.date.today()
    judged = [y for y in snap.years if y in snap.judged_years and y <= today.year]
    if judged:
        return PeriodChoice("year", judged[0], judged[0])
    with_results = [y for y in snap.years if y in snap.actual_years and y <= today.year]
    if with_results:
        return PeriodChoice("year", with_results[0], with_results[0])
    usable = [y for y in snap.years if y <= today.year + 1]
    year = usable[0] if usable else (snap.years[-1] if snap.years else today.year)
    return PeriodChoice("year", year, year)
