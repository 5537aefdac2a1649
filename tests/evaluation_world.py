"""A small province for the evaluation pages' tests, on top of ``web_helpers.seed``.

Besides the seed (NS.THU of Sở Tài chính with a 2026 target of 2.600 tỷ đồng; YT.BACSY of Sở Y
tế with a target of 13,5 and an estimate of 13,1; an unrecognised forest-cover target; three
tasks, one of Sở Y tế overdue) it stores:
- a 2025 report: NS.THU actual 2.480 tỷ đồng (official), YT.BACSY 13,0;
- a 2025 resolution: NS.THU target 2.400;
- a share indicator TL.CHEPHU (Tỷ lệ che phủ rừng, %, Sở Tài chính) with target 53 for 2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI

from chitieu.extract.facts import Fact, Period, Source
from chitieu.pipeline import read_document
from chitieu.store import models
from chitieu.store.db import session_scope
from chitieu.store.documents import store_document
from web_helpers import FINANCE, Seeded, make_app, seed

FactSpec = tuple[str, str, str, float, str, Period, bool]  # needle, kind, code, value, unit, period, estimate


def store_facts(db_url: str, tmp_path: Path, name: str, text: str, facts: list[FactSpec]) -> int:
    """Store ``text`` through the real pipeline with the given facts (any period) attached."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    out = []
    for needle, kind, code, value, unit, period, estimate in facts:
        start = doc.text.index(needle)
        fact = Fact(kind=kind, label=needle, indicator=code, value=value, unit=unit,  # type: ignore[arg-type]
                    comparator="=", period=period, source=Source(name, start, start + len(needle), needle))
        if kind == "actual":
            fact.extra["estimate"] = estimate
        out.append(fact)
    doc.facts = out
    with session_scope(db_url) as session:
        return store_document(session, doc, uploaded_by="planner").document_id


@dataclass
class World:
    app: FastAPI
    url: str
    seeded: Seeded
    report_2025: int
    plan_2025: int


def build_world(db_url: str, tmp_path: Path) -> World:
    app = make_app(db_url, tmp_path)
    seeded = seed(db_url, tmp_path)
    with session_scope(db_url) as session:
        session.add(models.Indicator(code="TL.CHEPHU", name="Tỷ lệ che phủ rừng", unit="%", agency=FINANCE,
                                     group="môi trường", aliases=[]))
    plan = store_facts(db_url, tmp_path, "nq-2025.txt",
                       "NGHỊ QUYẾT\nNăm 2025 thu ngân sách đạt 2.400 tỷ đồng.\nTỷ lệ che phủ năm 2026 đạt 53%.\n",
                       [("thu ngân sách đạt 2.400 tỷ đồng", "target", "NS.THU", 2400, "tỷ đồng", Period.year(2025), False),
                        ("Tỷ lệ che phủ năm 2026 đạt 53%", "target", "TL.CHEPHU", 53, "%", Period.year(2026), False)])
    report = store_facts(db_url, tmp_path, "bc-2025.txt",
                         "BÁO CÁO\nThu ngân sách năm 2025 đạt 2.480 tỷ đồng.\nSố bác sỹ năm 2025 đạt 13,0 bác sỹ/1 vạn dân.\n",
                         [("Thu ngân sách năm 2025 đạt 2.480 tỷ đồng", "actual", "NS.THU", 2480, "tỷ đồng",
                           Period.year(2025), False),
                          ("Số bác sỹ năm 2025 đạt 13,0 bác sỹ/1 vạn dân", "actual", "YT.BACSY", 13.0,
                           "bác sỹ/1 vạn dân", Period.year(2025), False)])
    return World(app, db_url, seeded, report, plan)


def nine_months(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 9, 30), f"9 tháng năm {year}")
