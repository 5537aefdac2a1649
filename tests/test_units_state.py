"""A figure's unit decides whether it can be a value of the indicator its words name.

"5.500.000 cây Quế" names the cinnamon area but counts trees: it is no value of the area, it is
not offered as a new phrase, and the report says it was set aside. A count behind a rate
("412/455 đơn thư …, đạt 90,5%") states the rate by its share.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.catalog.matcher import match_indicator, unit_clash
from chitieu.catalog.units import MEASURES, can_state, unit_family
from chitieu.evaluate.consistency import check_units
from chitieu.evaluate.series import Observation
from chitieu.extract.facts import Fact, Period, Source
from chitieu.extract.naming import mark_unit_clashes


@pytest.mark.parametrize(
    ("indicator_unit", "unit", "counts", "expected"),
    [
        ("ha", "ha", None, True),
        ("ha", "nghìn ha", None, True),
        ("ha", "cây", None, False),  # trees are no area
        ("ha", "triệu cây", None, False),
        ("ha", "tấn", None, False),
        ("tấn", "nghìn tấn", None, True),
        ("tỷ đồng", "triệu đồng", None, True),
        ("tỷ đồng", "triệu USD", None, False),
        ("tỷ đồng", "dự án", None, False),
        ("triệu đồng", "triệu đồng/người", None, True),  # an income per head, stated either way
        ("%", "%", None, True),
        ("%", "%/năm", None, True),  # a yearly rate is still a rate
        ("%", "điểm %", None, True),
        ("%", "hồ sơ", None, False),  # a count of dossiers is no share of them
        ("%", "đối tượng", None, False),
        ("%", "xã", "xã", True),  # "96/96 xã" states the share of communes
        ("xã", "%", "xã", True),
        ("%", "bản", "hộ", False),  # villages are no share of households
        ("người", "lao động", None, True),
        ("người", "học sinh", None, True),  # an unknown word may name what is counted
        ("người", "hộ", None, False),  # households are not people
        ("người", "tỷ đồng", None, False),
        ("người", "%", None, True),  # a growth rate of a count
        ("điểm", "hạng", None, False),  # a rank is not the index's score
        ("ha", None, None, True),  # nothing to compare
        (None, "cây", None, True),
        ("tỷ đồng", "triệu", None, True),  # a scale word alone names nothing
        ("bác sỹ/vạn dân", "bác sĩ/10.000 dân", None, True),
    ],
)
def test_can_state(indicator_unit: str | None, unit: str | None, counts: str | None, expected: bool) -> None:
    assert can_state(indicator_unit, unit, counts) is expected


UNITS = st.sampled_from(["ha", "tấn", "tỷ đồng", "%", "người", "xã", "cây", "hồ sơ", "lượt", "điểm", "hạng", "m³"])


@given(UNITS)
def test_a_unit_states_its_own_indicator(unit: str) -> None:
    assert can_state(unit, unit)


@given(UNITS, UNITS)
def test_a_measure_refuses_every_unit_of_another_family(indicator_unit: str, unit: str) -> None:
    if unit_family(indicator_unit) in MEASURES and unit_family(unit) != unit_family(indicator_unit):
        assert not can_state(indicator_unit, unit)


def test_the_matcher_never_links_a_figure_its_unit_cannot_state() -> None:
    assert match_indicator("số cây Quế", "ha") is not None
    assert match_indicator("số cây Quế", "cây") is None
    match = match_indicator("Tổng sản lượng lương thực có hạt", "nghìn tấn")
    assert match is not None and match.code == "grain_output"
    in_hectares = match_indicator("Tổng sản lượng lương thực có hạt", "ha")
    assert in_hectares is None or in_hectares.code != "grain_output"


@pytest.mark.parametrize(
    ("phrase", "unit", "named"),
    [
        ("số cây Quế", "cây", "cinnamon_area"),
        ("Diện tích cây quế", "cây", "cinnamon_area"),
        ("số cây Quế", "ha", None),  # fits
        ("Diện tích cây quế", None, None),
        ("Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa", "bản", None),  # a count behind a rate
        ("Chỉ số PAPI", "hạng", None),  # a rank: a figure of its own
        ("Cử", "cây", None),  # words that name nothing
    ],
)
def test_unit_clash(phrase: str, unit: str | None, named: str | None) -> None:
    found = unit_clash(phrase, unit)
    assert (found.code if found else None) == named


def _fact(label: str, unit: str | None, indicator: str | None = None, kind: str = "actual") -> Fact:
    return Fact(kind=kind, label=label, source=Source("bc.txt", 0, 10, "5.500.000 cây Quế"), value=5_500_000,  # type: ignore[arg-type]
                unit=unit, indicator=indicator, period=Period(dt.date(2024, 1, 1), dt.date(2024, 9, 30), "9 tháng năm 2024"))


def test_an_unlinked_figure_notes_the_measure_its_words_name() -> None:
    trees, linked, task = _fact("số cây Quế", "cây"), _fact("Diện tích cây quế", "ha", "cinnamon_area"), _fact("số cây Quế", "cây", kind="task")
    mark_unit_clashes([trees, linked, task])
    assert trees.extra["unit_clash"] == {"indicator": "cinnamon_area", "name": "Diện tích cây quế", "unit": "ha"}
    assert "unit_clash" not in linked.extra and "unit_clash" not in task.extra


def test_the_finding_names_the_figure_its_period_and_why() -> None:
    clash = {"indicator": "cinnamon_area", "name": "Diện tích cây quế", "unit": "ha"}
    obs = Observation(indicator="label:so cay que", label="số cây Quế", kind="actual", value=5_500_000,
                      period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 9, 30),
                      period_label="9 tháng năm 2024", unit="cây", document="bc.txt", src_text=": 5.500.000 cây Quế",
                      data={"unit_clash": clash})
    plain = Observation(indicator="cinnamon_area", label="Diện tích cây quế", kind="actual", value=1850,
                        period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 9, 30),
                        period_label="9 tháng năm 2024", unit="ha")
    [finding] = check_units([obs, plain])
    assert finding.check == "unit" and finding.indicator == "label:so cay que"
    assert finding.message == (
        "Diện tích cây quế: bc.txt ghi «5.500.000 cây Quế» (9 tháng năm 2024); đơn vị «cây» không phải đơn vị "
        "của chỉ tiêu (ha), số liệu này không dùng để đánh giá chỉ tiêu"
    )


REPORT = """UỶ BAN NHÂN DÂN TỈNH SƠN HÀ

BÁO CÁO
Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 9 tháng năm 2024

1. Lâm nghiệp
Trong 9 tháng năm 2024, diện tích cây quế ước đạt 5.500.000 cây; diện tích cây chè ước đạt 9.800 ha.
Đã giải quyết 412/455 đơn thư thuộc thẩm quyền, đạt 90,5%.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from chitieu.pipeline import extract_facts, read_document
    from chitieu.store.db import session_scope
    from chitieu.store.documents import store_document

    folder: Path = tmp_path_factory.mktemp("units")
    source = folder / "bao-cao-9-thang.txt"
    source.write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    doc = read_document(source)
    extract_facts(doc)
    with session_scope(url) as session:
        store_document(session, doc)
    return url


def test_a_report_sets_the_figure_aside_and_says_so(store: str) -> None:
    from sqlalchemy import select

    from chitieu.report.build import build_year_report
    from chitieu.report.narrative import consistency_items
    from chitieu.store import models
    from chitieu.store.db import session_scope

    with session_scope(store) as session:
        report = build_year_report(session, 2024)
        facts = {f.value: f for f in session.query(models.Fact)}
        codes = set(session.scalars(select(models.Indicator.code)))
    labels = {row.label for row in report.rows}
    assert "Diện tích cây chè" in labels and "Diện tích cây quế" not in labels
    assert "Tỷ lệ giải quyết đơn khiếu nại, tố cáo thuộc thẩm quyền" in labels
    trees = facts[5_500_000]
    assert trees.indicator is None and trees.data["unit_clash"]["indicator"] == "cinnamon_area"
    assert facts[90.5].unit == "%" and facts[90.5].data["count"]["total"] == 455
    assert not any(code.startswith("new:") and "que" in code for code in codes)
    [item] = [i for i in consistency_items(report) if "cây quế" in i]
    assert "«5.500.000 cây»" in item or "5.500.000 cây" in item
    assert "9 tháng năm 2024" in item and "không dùng để đánh giá" in item
