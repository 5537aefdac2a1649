"""A ``%`` OCR read as ``96`` under heavy ink, read back only where the figure's shape allows
no other reading (``chitieu.text.restore.percent``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.extract.quantities import format_number
from chitieu.extract.scan_figures import FIGURE_AS_WRITTEN
from chitieu.pipeline import extract_facts, read_document
from chitieu.text.restore.percent import percent_read_as_digits, percent_replacements
from chitieu.text.restore.reading import restorations
from chitieu.text.restore.restorer import apply_replacements


@pytest.mark.parametrize(
    ("figure", "after", "read"),
    [
        ("3,596", ";", "3,5%"),
        ("6,1296", "/nam", "6,12%"),
        ("0,596", " tong du no", "0,5%"),
        ("7-896", "/nam)", "7-8%"),
        ("3-496", "/nam.", "3-4%"),
        ("6,5-796", "", "6,5-7%"),
        ("8–8,596", "", "8–8,5%"),
        ("1,096", " trieu luot", None),  # 1.096 million: a scale word keeps three decimals
        ("2,396", " ty dong", None),
        ("4,196", " nghìn tấn", None),
        ("9796", ";", None),  # a whole number: 97% or 9,796 people, the shape cannot tell
        ("1996", "", None),
        ("8-596", "", None),  # the high end below the low: no range of ours
        ("3,5", "", None),
        ("3,5%", "", None),
        ("12,34596", "", None),  # three decimals before the 96: not a figure with a sign
    ],
)
def test_a_percent_read_as_96_is_read_back_where_nothing_else_fits(figure: str, after: str, read: str | None) -> None:
    assert percent_read_as_digits(figure, after) == read


@given(st.integers(min_value=1, max_value=99_99), st.sampled_from([";", "/năm", ",", ")", "", " so với cùng kỳ"]))
def test_any_share_of_one_or_two_decimals_comes_back_whole(hundredths: int, after: str) -> None:
    value = hundredths / 100
    written = format_number(value, 2 if hundredths % 10 else 1)  # "3,5", "6,12"
    if "," not in written:
        return
    assert percent_read_as_digits(written + "96", after) == written + "%"


def test_only_the_wrecked_passages_are_read() -> None:
    text = "đạt 3,596 tấn. Tang 3,596; giam 7-896/nam"
    assert percent_replacements(text, [(text.index("Tang"), len(text))]) == [
        (text.index("3,596;"), text.index("3,596;") + 5, "3,5%"),
        (text.index("7-896"), text.index("7-896") + 5, "7-8%"),
    ]


def test_a_date_a_ratio_or_a_grouped_figure_is_no_percent() -> None:
    text = "ngay 28/11/2096, da giai quyét 396/498 don, dat 1.234,596 va 3,45796 ha"
    assert percent_replacements(text, [(0, len(text))]) == []


WRECKED = """TINH UY LAM VIEN
BAO CAO CHINH TRI
cua Ban Chap hanh Pang bo tinh trinh Pai hoi dai biéu Pang bo tinh lan thir XV

Phan thir nhat
KET QUA THUC HIEN NGHI QUYET DAI HOI PANG BO TINH NHIEM KY 2020-2025
Tang truong kinh té binh quan 5 nam udc dat 6,1296/nam, chua dat muc tiéu Nghi quyét dé ra (7-896/nam). Ty 1é hé nghéo giam binh quan 3,196/nam, con 9,8% vao cudi nam 2025.
"""


def test_a_wrecked_reports_rates_read_with_their_sign_and_say_how_the_page_wrote_them(tmp_path: Path) -> None:
    path = tmp_path / "bao_cao.txt"
    path.write_text(WRECKED, encoding="utf-8")
    doc = read_document(path)
    assert "6,12%/năm" in doc.reading and "(7-8%/năm)" in doc.reading and "3,1%/năm" in doc.reading
    facts = {f.indicator: f for f in extract_facts(doc) if f.kind == "actual"}
    growth, poverty = facts["grdp_growth"], facts["poverty_rate"]
    assert (growth.value, growth.unit) == (6.12, "%/năm")
    assert growth.source.text.endswith("6,1296/nam")  # cited as the page's text has it
    assert growth.extra[FIGURE_AS_WRITTEN] == {
        "written": "6,1296",
        "read": "6,12%",
        "note": "bản OCR ghi «6,1296», đọc là «6,12%»; cần đối chiếu bản gốc",
    }
    assert abs(poverty.value or 0) == 3.1 and poverty.extra[FIGURE_AS_WRITTEN]["written"] == "3,196"
    assert not any(FIGURE_AS_WRITTEN in f.extra for f in facts.values() if f.value == 9.8)


def test_a_clean_text_keeps_its_figures() -> None:
    text = "Tổng lượt khách đạt 1,096 triệu lượt; năm 1996 có 2.196 hộ. Tăng 3,596 so với kế hoạch."
    assert restorations(text) == [] and apply_replacements(text, []).text == text
