"""Tasks of implementation plans, agencies, deadlines, reporting duties, and task progress."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from chitieu.extract.agencies import normalize_agency, split_agencies
from chitieu.extract.facts import Fact, Period
from chitieu.extract.metadata import extract_metadata
from chitieu.extract.outline import parse_outline
from chitieu.extract.router import extract_all
from chitieu.extract.tasks import extract_task_progress, extract_tasks, looks_like_plan, parse_deadline
from chitieu.pipeline import read_document
from chitieu.store import models
from chitieu.store.db import get_engine
from chitieu.store.tasks import store_tasks
from corpus import clean

D = dt.date

# A plan in another province's wording (our own text).
PLAN = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH ĐIỆN BIÊN | Độc lập - Tự do - Hạnh phúc
Số: 215/KH-UBND | Điện Biên, ngày 20 tháng 01 năm 2024

KẾ HOẠCH
Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024

I. MỤC ĐÍCH, YÊU CẦU
1. Cụ thể hóa các chỉ tiêu năm 2024.
II. NHIỆM VỤ, GIẢI PHÁP
1. Về tài chính, ngân hàng
a) Ngân hàng Nhà nước chi nhánh tỉnh chủ trì, phối hợp với các tổ chức tín dụng và Sở Tài chính kiểm soát tỷ lệ nợ xấu dưới 2%. Thời gian hoàn thành: Quý II/2024.
b) Giao Cục Thuế tỉnh chủ trì triển khai các giải pháp chống thất thu, hoàn thành trước ngày 30/6/2024.
2. Về hạ tầng
a) Sở Giao thông vận tải thực hiện rà soát quy hoạch giao thông trong tháng 9/2024 (Sở Xây dựng, UBND các huyện, thành phố phối hợp).
b) Thường xuyên kiểm tra chất lượng công trình. Cơ quan chủ trì: Sở Xây dựng; cơ quan phối hợp: Trung tâm Kiểm định chất lượng tỉnh.
III. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành tỉnh, UBND các huyện, thành phố:
a) Báo cáo kết quả thực hiện hằng quý gửi Sở Kế hoạch và Đầu tư trước ngày 20 của tháng cuối quý.
b) Tổng kết tình hình thực hiện, gửi Sở KH&ĐT trước ngày 10/12/2024.
2. Sở Kế hoạch và Đầu tư tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def _plan_tasks() -> dict[str, Fact]:
    meta = extract_metadata(PLAN)
    facts = extract_tasks(PLAN, parse_outline(PLAN), "ke-hoach-215.txt", meta)
    return {f.extra["id"]: f for f in facts if f.kind == "task"}


def test_every_numbered_and_lettered_item_of_the_task_parts_is_a_task() -> None:
    tasks = _plan_tasks()
    assert list(tasks) == [
        "II",
        "II.1",
        "II.1.a",
        "II.1.b",
        "II.2",
        "II.2.a",
        "II.2.b",
        "III",
        "III.1",
        "III.1.a",
        "III.1.b",
        "III.2",
    ]  # "I. MỤC ĐÍCH, YÊU CẦU" states purposes, not tasks
    assert tasks["II.1.a"].extra["parent"] == "II.1"
    assert tasks["II"].extra["parent"] is None


def test_lead_and_support_from_chu_tri_and_phoi_hop() -> None:
    t = _plan_tasks()["II.1.a"].extra
    assert t["lead"] == ["Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh Lai Châu"]
    assert "Sở Tài chính" in t["support"]


@pytest.mark.parametrize(
    ("task_id", "lead", "support"),
    [
        ("II.1.b", ["Cục Thuế tỉnh"], []),  # "Giao … chủ trì"
        ("II.2.a", ["Sở Giao thông vận tải"], ["Sở Xây dựng", "Ủy ban nhân dân các huyện, thành phố"]),
        ("II.2.b", ["Sở Xây dựng"], ["Trung tâm Kiểm định chất lượng tỉnh"]),  # unknown body kept as written
        (
            "III.1.a",
            ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thành phố"],
            [],
        ),  # addressed by III.1
        ("III.2", ["Sở Kế hoạch và Đầu tư"], []),
    ],
)
def test_lead_in_other_wordings(task_id: str, lead: list[str], support: list[str]) -> None:
    t = _plan_tasks()[task_id].extra
    assert t["lead"] == lead
    assert t["support"] == support


@pytest.mark.parametrize(
    ("task_id", "deadline", "flags"),
    [
        ("II.1.a", D(2024, 6, 30), []),  # Quý II/2024 → end of quarter
        ("II.1.b", D(2024, 6, 30), []),
        ("II.2.a", D(2024, 9, 30), []),  # trong tháng 9/2024
        ("II.2.b", None, ["thường xuyên"]),
        ("III.1.b", D(2024, 12, 10), []),
    ],
)
def test_deadlines(task_id: str, deadline: dt.date | None, flags: list[str]) -> None:
    t = _plan_tasks()[task_id].extra
    assert t["deadline"] == deadline
    assert t["flags"] == flags


def test_reporting_duties_name_recipient_frequency_and_deadline() -> None:
    tasks = _plan_tasks()
    quarterly = tasks["III.1.a"].extra["reporting"]
    assert len(quarterly) == 1
    assert quarterly[0]["to"] == ["Sở Kế hoạch và Đầu tư"]
    assert "quarterly" in quarterly[0]["frequency"]
    final = tasks["III.2"].extra["reporting"]
    assert final[0]["deadline"] == "2024-12-20"
    assert final[0]["to"] == ["Ủy ban nhân dân tỉnh"]
    assert PLAN[final[0]["start"] : final[0]["end"]].startswith("Sở Kế hoạch và Đầu tư tổng hợp")


def test_a_task_cites_its_own_text() -> None:
    t = _plan_tasks()["II.1.b"]
    assert PLAN[t.source.start : t.source.end] == t.source.text
    assert t.source.text.startswith("b) Giao Cục Thuế tỉnh")
    assert t.period == Period.year(2024)
    assert t.to_json()["deadline"] == "2024-06-30"


@pytest.mark.parametrize(
    ("text", "deadline", "flags"),
    [
        ("hoàn thành trước ngày 15/11/2023", D(2023, 11, 15), ()),
        ("gửi trước ngày 15 tháng 11 năm 2023", D(2023, 11, 15), ()),
        ("chậm nhất ngày 05/3", D(2023, 3, 5), ()),  # the plan's year
        ("hoàn thành trong tháng 6/2023", D(2023, 6, 30), ()),
        ("Thời gian: Quý II/2023", D(2023, 6, 30), ()),
        ("trong quý IV", D(2023, 12, 31), ()),
        ("Thời gian hoàn thành: năm 2024", D(2024, 12, 31), ()),
        ("Trong năm 2023, hoàn thành đưa vào sử dụng 3 công trình", D(2023, 12, 31), ()),
        ("Thực hiện thường xuyên", None, ("thường xuyên",)),
        ("báo cáo định kỳ hằng tháng", None, ("hằng tháng",)),
        ("Tiếp tục triển khai trong năm 2023", None, ()),  # the plan's year is not a deadline
        ("Quý II năm 2023 đã tổ chức hội nghị", D(2023, 6, 30), ()),
        ("", None, ()),
    ],
)
def test_parse_deadline(text: str, deadline: dt.date | None, flags: tuple[str, ...]) -> None:
    parsed = parse_deadline(text, default_year=2023)
    assert parsed.date == deadline
    assert parsed.flags == flags


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư"),
        ("Sở Kế hoach và Đâu tư", "Sở Kế hoạch và Đầu tư"),  # a diacritic lost
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("UBND huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố"),
        ("Kho bạc Nhà nước tỉnh", "Kho bạc Nhà nước tỉnh"),
        ("Trung tâm Khuyến nông tỉnh", "Trung tâm Khuyến nông tỉnh"),  # unknown: as written
    ],
)
def test_agencies_are_normalised(written: str, canonical: str) -> None:
    assert normalize_agency(written) == canonical


def test_a_list_of_bodies_splits_without_breaking_names_that_contain_va() -> None:
    assert split_agencies("Sở Tài nguyên và Môi trường, Sở Văn hóa, Thể thao và Du lịch và Công an tỉnh") == [
        "Sở Tài nguyên và Môi trường",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Công an tỉnh",
    ]


REPORT = """\
Thực hiện Nghị quyết số 02/NQ-CP, UBND tỉnh đã ban hành Kế hoạch số 120/KH-UBND ngày 15/01/2024, trong đó cụ thể hóa thành 48 nhiệm vụ; đến nay đã hoàn thành 20 nhiệm vụ, 28 nhiệm vụ đang triển khai.
Về các Chương trình mục tiêu quốc gia, đã hoàn thành 5/7 nhiệm vụ theo Chương trình số 12/CTr-UBND.
Trong kỳ có 3/4 nhiệm vụ đã hoàn thành.
Giải ngân đạt 3/4 kế hoạch vốn.
"""


def test_task_progress_in_reports() -> None:
    period = Period(D(2024, 1, 1), D(2024, 6, 30), "6 tháng đầu năm 2024")
    facts = extract_task_progress(REPORT, "bao-cao.txt", period)
    got = [(f.value, f.extra["total"], f.extra["plan"], f.extra["in_progress"]) for f in facts]
    assert got == [
        (20.0, 48, "Kế hoạch 120/KH-UBND", 28),
        (5.0, 7, "Chương trình 12/CTr-UBND", None),
        (3.0, 4, None, None),
    ]
    first = facts[0]
    assert first.kind == "actual"
    assert first.extra["progress_of"] == "tasks"
    assert first.period == period
    assert first.label == "Số nhiệm vụ đã hoàn thành (Kế hoạch 120/KH-UBND)"
    assert REPORT[first.source.start : first.source.end] == first.source.text
    assert "48 nhiệm vụ" in first.source.text and "20 nhiệm vụ" in first.source.text


def test_tasks_are_stored_once_and_keep_their_progress(tmp_db_url: str) -> None:
    from sqlalchemy.orm import Session

    facts = list(_plan_tasks().values())
    engine = get_engine(tmp_db_url)
    with Session(engine) as session:
        doc = models.Document(content_hash="x" * 64, name="ke-hoach-215.txt", format="txt", text=PLAN)
        session.add(doc)
        rows = store_tasks(session, doc, facts)
        assert len(rows) == len(facts)
        rows[2].progress_note = "Đang thực hiện"
        session.commit()
        store_tasks(session, doc, facts)  # the same plan again
        session.commit()
        stored = session.scalars(select(models.Task).where(models.Task.document_id == doc.id)).all()
        assert len(stored) == len(facts)
        by_code = {t.code: t for t in stored}
        assert by_code["II.1.a"].deadline == D(2024, 6, 30)
        assert by_code["II.1.a"].parent_code == "II.1"
        assert by_code["II.1.a"].lead == ["Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh Lai Châu"]
        assert by_code[rows[2].code].progress_note == "Đang thực hiện"
        assert by_code["III.2"].reporting[0]["deadline"] == "2024-12-20"


# The real plan and report, through the real pipeline.


def _doc(prefix: str):  # type: ignore[no-untyped-def]
    return read_document(clean(prefix))


def test_corpus_001_task_tree() -> None:
    doc = _doc("001")
    assert looks_like_plan(doc.outline)
    tasks = [f for f in extract_all(doc) if f.kind == "task"]
    ids = [t.extra["id"] for t in tasks]
    # counted by hand in part B: I, II; 11 numbered items under I and 2 under II; 31 lettered
    # items under I (1: a-đ, 3: b only, 4: a-b, 5: a-d, 6: a-e, 7: a-c, 8: a-g without f, 9: a-b,
    # 10: a-b) and 4 under II.1
    assert len(ids) == 2 + 13 + 35
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"B\.(I|II)(\.\d{1,2}(\.[a-zđ])?)?", i) for i in ids), ids
    assert not any(i.startswith("A") for i in ids)  # "A. MỤC ĐÍCH, YÊU CẦU" is not tasks
    for t in tasks:
        assert doc.text[t.source.start : t.source.end] == t.source.text
    by_id = {t.extra["id"]: t.extra for t in tasks}
    deadlines = {r["deadline"] for t in by_id.values() for r in t["reporting"]}
    assert {"2023-11-15", "2023-11-20"} <= deadlines
    assert by_id["B.II.1.d"]["deadline"] == D(2023, 11, 15)
    assert by_id["B.II.1.a"]["lead"][0] == "Các sở, ban, ngành tỉnh"
    assert "Sở Kế hoạch và Đầu tư" in by_id["B.II.1.c"]["reporting"][0]["to"]
    assert set(by_id["B.II.1.c"]["reporting"][0]["frequency"]) >= {"monthly", "quarterly"}
    assert by_id["B.II.2"]["lead"] == ["Sở Thông tin và Truyền thông", "Các cơ quan báo chí"]


def test_corpus_004_task_progress() -> None:
    doc = _doc("004")
    progress = [f for f in extract_all(doc) if f.extra.get("progress_of") == "tasks"]
    got = {(f.value, f.extra["total"]) for f in progress}
    assert got == {(32.0, 65), (6.0, 8)}
    first = next(f for f in progress if f.extra["total"] == 65)
    assert first.extra["plan"] == "Kế hoạch 287/KH-UBND"
    assert first.period is not None and first.period.label == "9 tháng năm 2024"
