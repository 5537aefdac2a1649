"""Figures an OCR'd text may write otherwise than the page: a thousands dot read as a comma, a
bound the OCR cannot write read as "=". Flagged or read by what OCR can write, never silently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.evaluate.rules import KHONG_DANH_GIA, Target, actual_of, judge
from chitieu.evaluate.series import Observation
from chitieu.extract.facts import DECIMAL_DOUBT, Fact
from chitieu.extract.plausibility import DOUBTED_CONFIDENCE
from chitieu.extract.quantities import format_number
from chitieu.extract.scan_figures import (
    BOUND_AS_WRITTEN,
    SIGN_AS_WRITTEN,
    bound_for_equals,
    mark_scan_figures,
    thousands_read_as_comma,
    written_bound,
)
from chitieu.extract.targets import extract_targets
from chitieu.ingest.base import RawDocument
from chitieu.pipeline import described, extract_facts, read_document
from chitieu.text.normalize import normalize


@pytest.mark.parametrize(
    ("numeral", "reading"),
    [
        ("4,250", 4250.0),
        ("36,000", 36000.0),
        ("125,500", 125500.0),
        ("4,25", None),  # two decimals: a decimal as written
        ("4,2", None),
        ("0,596", None),  # no thousands group starts with 0
        ("1.234,567", None),  # a dot already groups the thousands: the comma is decimal
        ("4,250,000", None),  # English grouping, not OCR's slip
        ("12,3456", None),
        ("1234,500", None),  # four digits before the comma: not a thousands group
        ("4.250", None),
        ("68", None),
    ],
)
def test_a_comma_before_three_digits_may_be_a_thousands_dot(numeral: str, reading: float | None) -> None:
    assert thousands_read_as_comma(numeral) == reading


@given(st.integers(min_value=1000, max_value=999_999))
def test_any_thousands_figure_written_with_a_comma_reads_back(value: int) -> None:
    dotted = format_number(value)  # "4.250"
    assert thousands_read_as_comma(dotted.replace(".", ",")) == value


@pytest.mark.parametrize(
    ("text", "direction", "bound"),
    [
        ("Tỷ lệ lao động qua đào tạo % = 68", "up", ">="),
        ("Tỷ lệ hộ nghèo % = 5", "down", "<="),
        ("Tỷ lệ hộ nghèo % =5", "down", "<="),
        ("Chỉ số % = 68", None, "="),  # the direction unknown: no bound is made up
        ("Tỷ lệ lao động qua đào tạo % >= 68", "up", None),  # a bound written out: the grammar's
        ("Tỷ lệ lao động qua đào tạo % <= 68", "up", None),
        ("Hệ số == 68", "up", None),
        ("Tỷ lệ lao động qua đào tạo % 68", "up", None),
        ("Tỷ lệ lao động = khoảng 68", "up", None),  # "=" far from the figure
    ],
)
def test_a_lone_equals_before_a_figure_is_the_bound_its_direction_makes(
    text: str, direction: str | None, bound: str | None
) -> None:
    assert bound_for_equals(text, text.rindex("68") if "68" in text else text.rindex("5"), direction) == bound


@pytest.mark.parametrize(
    ("before", "bound"),
    [
        ("phan dau dat ti thiéu ", ("ti thiéu", "tối thiểu", ">=")),  # an o lost
        ("dat tdi thieu: ", ("tdi thieu", "tối thiểu", ">=")),  # an o read as d
        ("ty 1é that nghiép khéng qua ", ("khéng qua", "không quá", "<=")),
        ("chi phi khéng vuot qua ", ("khéng vuot qua", "không vượt quá", "<=")),
        ("dat it nhat ", ("it nhat", "ít nhất", ">=")),
        ("dat khong co ", None),
        ("dat ", None),  # one word: "tren", "duoi" are the grammar's, marks and all
        ("nam 2025 ", None),
        ("", None),
    ],
)
def test_a_bound_of_two_words_is_known_by_its_letters_when_ocr_lost_one(
    before: str, bound: tuple[str, str, str] | None
) -> None:
    assert written_bound(before) == bound


# A resolution's table as OCR without Vietnamese leaves it (our own words): a thousands dot read
# as a comma (row 2), "≥" and "≤" written "=" (rows 3 and 4), a plain row (5).
WRECKED = """HOI DONG NHAN DAN TINH LAM VIEN
Sé: 12/NQ-HDND
Lam Vién, ngay 08 thang 12 nam 2025

NGHI QUYET
Vé ké hoach phat trién kinh té - x4 hoi nam 2026

Piéu 1. Théng qua cac chi tiéu chu yéu vé phat trién kinh té - xa hoi nam 2026 cua tinh tai Biéu kém theo Nghi quyét nay.

Biéu
CAC CHi TIEU CHU YEU KE HOACH NAM 2026
STT Chi tiéu Don vi Ké hoach 2026
1 Téc dé tang trudng GRDP % 8
2 Thu ngan sach nha nuéc trén dia ban Ty dong 6,300
3 Ty 1é lao dong qua dao tao % = 72
4 Ty 1é hé nghéo % = 5
5 Téng von dau tu phat trién toan xa hoi Ty dong 41.500
"""
# The same resolution's targets written as a list, one bound's "o" lost ("tối thiểu").
WRECKED_LIST = """HOI DONG NHAN DAN TINH LAM VIEN
NGHI QUYET
Vé ké hoach phat trién kinh té - x4 hoi nam 2026

Piéu 1. Cac chi tiéu chu yéu nam 2026
- Téc dé tang trudng GRDP dat 8%;
- GRDP binh quan dau ngudi phan dau dat ti thiéu 95 triéu dong;
- Ty 1é hé nghéo giam con dudi 5%.
"""


@pytest.fixture(scope="module")
def wrecked_targets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Fact]:
    path = tmp_path_factory.mktemp("scan") / "nghi_quyet.txt"
    path.write_text(WRECKED, encoding="utf-8")
    doc = read_document(path)
    assert doc.restored is not None  # read through its restored reading
    return {str(f.indicator): f for f in extract_facts(doc) if f.kind == "target"}


def test_a_wrecked_tables_comma_thousands_is_kept_as_written_and_flagged(wrecked_targets: dict[str, Fact]) -> None:
    revenue = wrecked_targets["budget_revenue"]
    assert revenue.value == 6.3 and revenue.unit == "tỷ đồng"  # as written: never silently changed
    doubt = revenue.extra[DECIMAL_DOUBT]
    assert doubt["reason"] == "thousands" and doubt["readings"] == [6300.0]
    assert doubt["note"].startswith("«6,300 tỷ đồng»") and "6.300 tỷ đồng?" in doubt["note"]
    assert revenue.confidence <= DOUBTED_CONFIDENCE
    assert revenue.source.text.endswith("6,300")  # cited in the document's own text
    assert DECIMAL_DOUBT not in wrecked_targets["total_social_investment"].extra  # 41.500 kept its dot


def test_a_wrecked_tables_equals_is_read_as_the_bound_the_indicator_points_to(
    wrecked_targets: dict[str, Fact],
) -> None:
    labour, poverty = wrecked_targets["trained_labour_rate"], wrecked_targets["poverty_rate"]
    assert (labour.value, labour.comparator) == (72, ">=")
    assert (poverty.value, poverty.comparator) == (5, "<=")
    for fact, sign in ((labour, "≥"), (poverty, "≤")):
        said = fact.extra[SIGN_AS_WRITTEN]
        assert said["written"] == "=" and f"«{sign}»" in said["note"]
        assert fact.confidence < wrecked_targets["grdp_growth"].confidence
    assert SIGN_AS_WRITTEN not in wrecked_targets["grdp_growth"].extra


def test_a_bound_the_restorer_misread_is_read_from_the_pages_own_words(tmp_path: Path) -> None:
    path = tmp_path / "nghi_quyet.txt"
    path.write_text(WRECKED_LIST, encoding="utf-8")
    targets = {str(f.indicator): f for f in extract_facts(read_document(path)) if f.kind == "target"}
    income = targets["grdp_per_capita"]
    assert (income.value, income.unit, income.comparator) == (95, "triệu đồng", ">=")
    assert income.extra[BOUND_AS_WRITTEN] == {
        "written": "ti thiéu",
        "read": "tối thiểu",
        "note": "bản OCR ghi «ti thiéu» trước số liệu, đọc là «tối thiểu»; cần đối chiếu bản gốc",
    }
    assert BOUND_AS_WRITTEN not in targets["grdp_growth"].extra
    assert (targets["poverty_rate"].comparator, BOUND_AS_WRITTEN in targets["poverty_rate"].extra) == ("<", False)


def test_no_verdict_is_drawn_from_a_figure_whose_thousands_dot_is_in_doubt(wrecked_targets: dict[str, Fact]) -> None:
    revenue = wrecked_targets["budget_revenue"]
    obs = Observation(
        indicator="budget_revenue", label=revenue.label, kind="target", value=revenue.value,
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31), period_label="năm 2026",
        unit="tỷ đồng", document="nghi_quyet.txt", src_text=revenue.source.text, data=revenue.extra,
    )  # fmt: skip
    verdict = judge(Target(5000, None, "=", "tỷ đồng"), actual_of(obs), "up")
    assert verdict.status == KHONG_DANH_GIA and "dấu chấm phân cách hàng nghìn" in verdict.rule


CLEAN = "Các chỉ tiêu chủ yếu năm 2026\n1. Thu ngân sách nhà nước trên địa bàn đạt 4,250 tỷ đồng.\n2. Tỷ lệ lao động qua đào tạo = 68%.\n"


def test_a_text_no_ocr_made_is_read_as_its_author_wrote_it(tmp_path: Path) -> None:
    path = tmp_path / "nghi_quyet.txt"
    path.write_text(CLEAN, encoding="utf-8")
    doc = read_document(path)
    facts = [f for f in extract_facts(doc) if f.kind == "target"]
    assert doc.restored is None and not doc.raw.ocr
    assert [(f.value, f.comparator) for f in facts] == [(4.25, "="), (68, "=")]
    assert not any(DECIMAL_DOUBT in f.extra or SIGN_AS_WRITTEN in f.extra for f in facts)


def test_a_text_chitieu_ocrd_itself_is_read_for_what_ocr_cannot_write(tmp_path: Path) -> None:
    """A scan read with Tesseract (``RawDocument.ocr``) has the same habits, restored or not."""
    raw = RawDocument(path=tmp_path / "scan.png", format="image", text=CLEAN, ocr=True)
    normalised = normalize(raw)
    doc = described(raw, normalised.mapped, normalised.footnotes, "0" * 64, [])
    revenue, labour = (f for f in extract_facts(doc) if f.kind == "target")
    assert revenue.extra[DECIMAL_DOUBT]["readings"] == [4250.0]
    assert (labour.comparator, labour.extra[SIGN_AS_WRITTEN]["read"]) == (">=", ">=")


def test_a_flagged_figure_is_not_flagged_again() -> None:
    [revenue] = extract_targets("Các chỉ tiêu chủ yếu năm 2026\n1. Thu ngân sách đạt 4,250 tỷ đồng.\n", "x.txt")
    text = "Các chỉ tiêu chủ yếu năm 2026\n1. Thu ngân sách đạt 4,250 tỷ đồng.\n"
    mark_scan_figures([revenue], text)
    once = (dict(revenue.extra[DECIMAL_DOUBT]), revenue.confidence)
    mark_scan_figures([revenue], text)
    assert (revenue.extra[DECIMAL_DOUBT], revenue.confidence) == once
