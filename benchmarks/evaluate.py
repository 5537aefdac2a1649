"""Evaluation time for a synthetic province, in memory and through SQLite, and for 34 provinces.

A province here has ``--indicators`` indicators (400) over ``--years`` years (25, ending in 2025):
every year a resolution with one target per indicator, twelve monthly reports with the
cumulative actual since January (the December one an estimate), and the official full-year
figure a year later; 2025 stops in September, so the in-year forecast is exercised. A congress
resolution adds one term target per indicator for 2021-2025. That is 14 observations per
indicator and year, 140 000 for the default province. Indicators mix catalogue codes (growth
rates that compound, flows that add up or average, levels, lower-is-better rates) with codes
the catalogue does not know.

    .venv/bin/python benchmarks/evaluate.py [--indicators 400] [--years 25] [--provinces 34]
                                            [--sqlite-provinces 1]

Prints the time of ``evaluate_year_from`` (2025 in-year and 2024 full year) and
``evaluate_term_from`` (2021-2025) on observations built in memory; the time to store one
province in SQLite and to evaluate it from there (``evaluate_year`` / ``evaluate_term``,
which include loading the observations); and the total for ``--provinces`` provinces evaluated
one after another (each province is its own series; generating them is not timed).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import gc
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from chitieu.evaluate.engine import evaluate_term, evaluate_term_from, evaluate_year, evaluate_year_from
from chitieu.evaluate.series import Observation
from chitieu.store import models
from chitieu.store.db import get_engine, session_scope

LAST_YEAR = 2025
IN_YEAR_MONTHS = 9  # 2025 is known up to September
TERM = (2021, 2025)

# (code, label, unit, kind) — kind decides how the synthetic figures move
CATALOGUE_SAMPLE = [
    ("grdp_growth", "Tốc độ tăng trưởng GRDP", "%", "growth"),
    ("tea_new_planting", "Diện tích chè trồng mới", "ha", "flow"),
    ("jobs_created", "Số lao động được giải quyết việc làm mới", "lao động", "flow"),
    ("forest_cover", "Tỷ lệ che phủ rừng", "%", "level"),
    ("poverty_rate", "Tỷ lệ hộ nghèo", "%", "falling"),
    ("grain_output", "Tổng sản lượng lương thực có hạt", "nghìn tấn", "flow"),
    ("budget_revenue", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "flow"),
    ("tourist_arrivals", "Tổng lượt khách du lịch", "lượt", "flow"),
    ("national_standard_schools", "Tỷ lệ trường đạt chuẩn quốc gia", "%", "level"),
    ("malnutrition_stunting", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%", "falling"),
]


def indicators(n: int) -> list[tuple[str, str, str, str]]:
    out = list(CATALOGUE_SAMPLE[:n])
    kinds = ("growth", "flow", "level", "falling")
    units = {"growth": "%", "flow": "tấn", "level": "%", "falling": "%"}
    for i in range(len(out), n):
        kind = kinds[i % 4]
        word = {"growth": "Tốc độ tăng", "flow": "Sản lượng", "level": "Tỷ lệ", "falling": "Tỷ lệ tai nạn"}[
            kind
        ]
        out.append((f"bench_{i:04d}", f"{word} thử nghiệm số {i}", units[kind], kind))
    return out


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def figures(kind: str, year: int, rng: random.Random) -> tuple[float, float]:
    """(target, full-year actual) for one indicator and year."""
    if kind == "growth":
        return 7.0, round(rng.uniform(3, 10), 2)
    if kind == "flow":
        base = 1000 + 40 * (year - 2000)
        return float(base), round(base * rng.uniform(0.85, 1.15), 1)
    if kind == "level":
        return 50.0 + (year - 2000) * 0.5, round(48 + (year - 2000) * 0.5 + rng.uniform(0, 4), 1)
    return max(1.0, 30.0 - (year - 2000)), round(max(0.5, 31 - (year - 2000) + rng.uniform(-2, 2)), 1)


Record = dict[str, Any]  # one fact: the columns of models.Fact, plus "document" (a key)


def province_records(n_indicators: int, years: int, seed: int = 1) -> Iterator[Record]:
    """Every target and actual of one synthetic province, as fact records."""
    rng = random.Random(seed)
    first = LAST_YEAR - years + 1
    for code, label, unit, kind in indicators(n_indicators):
        common = {"indicator": code, "label": label, "unit": unit}
        for year in range(first, LAST_YEAR + 1):
            target, final = figures(kind, year, rng)
            yield {**common, "document": f"nq-{year}", "kind": "target", "value": target, "comparator": ">=",
                   "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31), "period": f"năm {year}",
                   "estimate": False, "data": {}}  # fmt: skip
            months = IN_YEAR_MONTHS if year == LAST_YEAR else 12
            for month in range(1, months + 1):
                share = month / 12 if kind == "flow" else 1.0
                value = round(final * share * rng.uniform(0.95, 1.05), 2)
                yield {**common, "document": f"bc-{year}-{month:02d}", "kind": "actual", "value": value,
                       "comparator": "=", "start": dt.date(year, 1, 1), "end": month_end(year, month),
                       "period": f"{month} tháng năm {year}" if month < 12 else f"năm {year}",
                       "estimate": True, "data": {"plan_ratio": round(value / target * 100, 1)}}  # fmt: skip
            if year < LAST_YEAR:
                yield {**common, "document": f"bc-{year + 1}-01", "kind": "actual", "value": final, "comparator": "=",
                       "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31), "period": f"năm {year}",
                       "estimate": False, "data": {}}  # fmt: skip
        term_target = {"growth": 7.0, "flow": 5500.0, "level": 62.0, "falling": 8.0}[kind]
        yield {**common, "document": "dh-2020", "kind": "target", "value": term_target,
               "comparator": "<=" if kind == "falling" else ">=", "start": dt.date(TERM[0], 1, 1),
               "end": dt.date(TERM[1], 12, 31), "period": f"giai đoạn {TERM[0]}-{TERM[1]}", "estimate": False,
               "data": {}}  # fmt: skip


def document_order(name: str) -> tuple[dt.date, int]:
    parts = name.split("-")
    year = int(parts[1]) if parts[1].isdigit() else 2020
    month = int(parts[2]) if len(parts) > 2 else 1
    return dt.date(year, month, 1), 0


def observations(records: Iterator[Record]) -> list[Observation]:
    """The observations ``load_observations`` would build from the same facts."""
    out = []
    doc_ids: dict[str, int] = {}
    for n, r in enumerate(records):
        doc_id = doc_ids.setdefault(r["document"], len(doc_ids) + 1)
        out.append(
            Observation(
                indicator=r["indicator"],
                label=r["label"],
                kind=r["kind"],
                value=r["value"],
                period_start=r["start"],
                period_end=r["end"],
                period_label=r["period"],
                comparator=r["comparator"],
                unit=r["unit"],
                estimate=r["estimate"],
                document=r["document"] + ".txt",
                document_id=doc_id,
                fact_id=n + 1,
                src_start=0,
                src_end=10,
                src_text="…",
                order=(document_order(r["document"])[0], doc_id, n),
                data=r["data"],
            )
        )
    return out


def store(url: str, records: Iterator[Record]) -> int:
    """Store the records as documents and facts (bulk inserts, one transaction)."""
    get_engine(url)
    count = 0
    with session_scope(url) as session:
        doc_ids: dict[str, int] = {}
        batch: list[dict[str, Any]] = []
        for r in records:
            name = r["document"]
            if name not in doc_ids:
                issued, _ = document_order(name)
                doc = models.Document(content_hash=name.ljust(64, "0"), name=f"{name}.txt", format="txt",
                                      text="…", issued_on=issued, quality=1.0)  # fmt: skip
                session.add(doc)
                session.flush()
                doc_ids[name] = doc.id
            batch.append({
                "document_id": doc_ids[name], "kind": r["kind"], "indicator": r["indicator"], "label": r["label"],
                "value": r["value"], "comparator": r["comparator"], "unit": r["unit"], "period_start": r["start"],
                "period_end": r["end"], "period_label": r["period"], "estimate": r["estimate"], "derived": False,
                "confidence": 1.0, "src_start": 0, "src_end": 10, "src_text": "…", "data": r["data"],
            })  # fmt: skip
            if len(batch) >= 20000:
                session.execute(insert(models.Fact), batch)
                count += len(batch)
                batch = []
        if batch:
            session.execute(insert(models.Fact), batch)
            count += len(batch)
    return count


def timed(label: str, func: Callable[[], list[Any]], verbose: bool = True) -> float:
    gc.collect()
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    if verbose:
        print(f"  {label:<46s} {elapsed:8.2f} s  ({len(result)} evaluations)")
    return elapsed


def evaluate_all(obs: list[Observation], verbose: bool) -> float:
    """Seconds to evaluate the in-year 2025, the full year 2024 and the term 2021-2025."""
    runs: list[tuple[str, Callable[[], list[Any]]]] = [
        (f"evaluate_year_from {LAST_YEAR} (9 months, forecasts)", lambda: evaluate_year_from(obs, LAST_YEAR)),
        (f"evaluate_year_from {LAST_YEAR - 1} (full year)", lambda: evaluate_year_from(obs, LAST_YEAR - 1)),
        (f"evaluate_term_from {TERM[0]}-{TERM[1]}", lambda: evaluate_term_from(obs, *TERM)),
    ]
    return sum(timed(label, func, verbose) for label, func in runs)


def evaluate_stored(session: Session) -> float:
    """The same three evaluations from the database, loading the observations each time."""
    runs: list[tuple[str, Callable[[], list[Any]]]] = [
        (f"evaluate_year {LAST_YEAR}", lambda: evaluate_year(session, LAST_YEAR)),
        (f"evaluate_year {LAST_YEAR - 1}", lambda: evaluate_year(session, LAST_YEAR - 1)),
        (f"evaluate_term {TERM[0]}-{TERM[1]}", lambda: evaluate_term(session, *TERM)),
    ]
    return sum(timed(label, func, True) for label, func in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=400)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--sqlite-provinces", type=int, default=1)
    args = parser.parse_args()

    start = time.perf_counter()
    obs = observations(province_records(args.indicators, args.years))
    built = time.perf_counter() - start
    print(f"one province: {args.indicators} indicators × {args.years} years, {len(obs)} observations "
          f"(built in memory in {built:.2f} s)")  # fmt: skip
    print("in memory:")
    first_total = evaluate_all(obs, verbose=True)
    del obs

    print("through SQLite (load_observations included):")
    sqlite_total = 0.0
    for p in range(args.sqlite_provinces):
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'province.sqlite3'}"
            start = time.perf_counter()
            facts = store(url, province_records(args.indicators, args.years, seed=p + 1))
            print(f"  store {facts} facts{'':<29s} {time.perf_counter() - start:8.2f} s")
            with session_scope(url) as session:
                sqlite_total += evaluate_stored(session)
            get_engine.cache_clear()

    print(
        f"{args.provinces} provinces, in memory, one after another (year {LAST_YEAR}, {LAST_YEAR - 1} and term each):"
    )
    total = 0.0
    for p in range(args.provinces):
        obs = observations(province_records(args.indicators, args.years, seed=p + 1))
        gc.collect()
        total += evaluate_all(obs, verbose=False)
        del obs
    print(f"  total {total:.2f} s, {total / args.provinces:.2f} s per province "
          f"(first province alone: {first_total:.2f} s)")  # fmt: skip
    if args.sqlite_provinces:
        per = sqlite_total / args.sqlite_provinces
        print(
            f"  through SQLite: {per:.2f} s per province → about {per * args.provinces:.1f} s for {args.provinces}"
        )


if __name__ == "__main__":
    main()
