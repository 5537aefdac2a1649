"""The report's sentences read like a planning officer's own.

No doubled words ("trong năm năm 2024", "chưa có số liệu … chưa có số liệu"), no "đạt" for a
figure nobody is proud of (road deaths, bad debt) nor after a name that already says "đạt",
comparator and verdict words in lower case inside a sentence, a bound kept as a bound, a rate
that is itself the share of plan not repeated, the basis of a stated % kept ("dự toán HĐND tỉnh
giao"), a target worked back from a % of plan said to be so, and every figure without a verdict
told why.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.report import write_report
from chitieu.report.cli import build
from chitieu.report.model import Column, Finding, Group, Report, Row, Target
from chitieu.report.narrative import (
    consistency_items,
    indicator_sentence,
    row_narrative,
    summarise,
    unassessed_reason,
    value_verb,
    with_period,
)
from web_helpers import store_extracted


@pytest.mark.parametrize(
    ("label", "period", "subject"),
    [
        ("Số xã được công nhận đạt chuẩn nông thôn mới trong năm", "9 tháng năm 2024",
         "Số xã được công nhận đạt chuẩn nông thôn mới trong 9 tháng năm 2024"),
        ("Số xã được công nhận đạt chuẩn nông thôn mới trong năm", "năm 2024",
         "Số xã được công nhận đạt chuẩn nông thôn mới trong năm 2024"),
        ("Số doanh nghiệp thành lập mới", "6 tháng năm 2025", "Số doanh nghiệp thành lập mới 6 tháng năm 2025"),
        ("Số lao động được tạo việc làm hằng năm", None, "Số lao động được tạo việc làm hằng năm"),
        ("Tỷ lệ giải ngân vốn đầu tư công", "đến 15/9/2024", "Tỷ lệ giải ngân vốn đầu tư công đến 15/9/2024"),
        ("Số lao động được tạo việc làm hằng năm", "năm 2024", "Năm 2024, số lao động được tạo việc làm hằng năm"),
        ("GRDP bình quân năm", "9 tháng năm 2024", "9 tháng năm 2024, GRDP bình quân năm"),
    ],
)
def test_the_subject_names_its_period_once(label: str, period: str | None, subject: str) -> None:
    assert with_period(label, period) == subject


@pytest.mark.parametrize(
    ("label", "direction", "estimate", "verb"),
    [
        ("Thu ngân sách nhà nước trên địa bàn", "up", True, "ước đạt"),
        ("Sản lượng chè búp tươi", "up", False, "đạt"),
        ("Tỷ lệ nợ xấu", "down", True, "ước là"),
        ("Số người chết do tai nạn giao thông", "down", False, "là"),
        ("Số xã đạt chuẩn nông thôn mới", "up", False, "là"),
        ("Tỷ lệ trường mầm non đạt chuẩn quốc gia", "up", True, "ước là"),
        ("Số xã đạt, vượt chuẩn", "up", False, "là"),
        ("Số người được đạt giải", "up", False, "là"),
        ("Tỷ lệ hộ được cấp điện đạt tiêu chuẩn", "down", False, "là"),
        ("Số đạtx mới", "up", False, "đạt"),  # only the whole word counts
    ],
)
def test_the_verb_suits_the_figure(label: str, direction: str, estimate: bool, verb: str) -> None:
    assert value_verb(label, direction, estimate) == verb


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("thực hiện 84,5 (9 tháng năm 2024); không có mục tiêu năm 2024 để so sánh → Không đánh giá",
         "không có mục tiêu năm 2024 để so sánh"),
        ("bình quân 5 năm; không có mục tiêu nhiệm kỳ → Không đánh giá", "không có mục tiêu nhiệm kỳ"),
        ("mục tiêu: xây dựng; thực hiện 3: chỉ tiêu không có giá trị định lượng → Không đánh giá",
         "chỉ tiêu không có giá trị định lượng"),
        ("tăng trưởng kép; thiếu giá trị năm cuối 2025 → Không đánh giá", "thiếu giá trị năm cuối 2025"),
        ("chỉ tiêu tổng hợp, đạt khi mọi thành phần đạt (a: Đạt; b: Chưa có số liệu) → Không đánh giá", ""),
        ("Phạm vi chỉ tiêu thay đổi sau sắp xếp → Không đánh giá", "phạm vi chỉ tiêu thay đổi sau sắp xếp"),
        ("", ""),
        ("mục tiêu 5; thực hiện 6 → Vượt", "thực hiện 6"),
    ],
)
def test_the_reason_for_no_verdict_is_read_from_its_rule(rule: str, reason: str) -> None:
    assert unassessed_reason(rule) == reason


@pytest.mark.parametrize(
    ("kwargs", "sentence"),
    [
        # a rate that is itself the share of plan says it once
        ({"label": "Tỷ lệ giải ngân vốn đầu tư công", "value": 38.21, "unit": "%", "plan_ratio": 38.2,
          "period_label": "đến 15/9/2024"},
         "Tỷ lệ giải ngân vốn đầu tư công đến 15/9/2024 đạt 38,21%"),
        # a stated % keeps the basis the document named
        ({"label": "Tổng chi ngân sách địa phương", "value": 7184.63, "unit": "tỷ đồng", "plan_ratio": 66,
          "plan_basis": "dự toán HĐND tỉnh giao", "period_label": "9 tháng năm 2024", "bound": ">"},
         "Tổng chi ngân sách địa phương 9 tháng năm 2024 đạt trên 7.184,63 tỷ đồng, bằng 66% dự toán HĐND tỉnh giao"),
        ({"label": "Tỷ lệ nợ xấu", "value": 1.3, "unit": "%", "estimate": True, "direction": "down",
          "period_label": "9 tháng năm 2024"},
         "Tỷ lệ nợ xấu 9 tháng năm 2024 ước là 1,3%"),
        ({"label": "Tỷ lệ hộ nghèo", "value": 15, "unit": "%", "bound": "<", "direction": "down",
          "period_label": "năm 2024"},
         "Tỷ lệ hộ nghèo năm 2024 là dưới 15%"),
        ({"label": "Số xã đạt chuẩn nông thôn mới", "value": 40, "unit": "xã", "period_label": "9 tháng năm 2024"},
         "Số xã đạt chuẩn nông thôn mới 9 tháng năm 2024 là 40 xã"),
    ],
)
def test_sentences_as_the_province_writes_them(kwargs: dict, sentence: str) -> None:
    assert indicator_sentence(**kwargs) == sentence


_WORDS = st.sampled_from(
    ["Số", "xã", "đạt", "chuẩn", "trong", "năm", "tỷ", "lệ", "hộ", "được", "công", "nhận", "mới", "thu", "ngân", "sách"]
)
_PERIODS = st.sampled_from(["9 tháng năm 2024", "năm 2024", "6 tháng năm 2023", "quý I năm 2025", None])


def _doubled(sentence: str) -> list[str]:
    words = sentence.lower().replace(", ", " ").split()
    return [a for a, b in pairwise(words) if a == b]


@given(
    st.lists(_WORDS, min_size=2, max_size=8).map(" ".join).map(lambda s: s[:1].upper() + s[1:]),
    _PERIODS,
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
    st.booleans(),
    st.sampled_from(["up", "down"]),
)
def test_no_sentence_doubles_a_word_it_added(
    label: str, period: str | None, value: float, estimate: bool, direction: str
) -> None:
    sentence = indicator_sentence(label, value, "xã", estimate=estimate, period_label=period, direction=direction)
    assert len(_doubled(sentence)) <= len(_doubled(label))  # the words it adds never repeat a neighbour
    assert "trong năm " + (period or "#") not in sentence
    said = label.lower().replace(",", " ").split().count("đạt")
    assert sentence.lower().split().count("đạt") == said + (0 if said or direction == "down" else 1)


def _row(**kwargs: object) -> Row:
    return Row(stt="1", label=str(kwargs.pop("label", "Mức giảm tỷ lệ hộ nghèo")), **kwargs)  # type: ignore[arg-type]


def _year_report(*rows: Row) -> Report:
    columns = [Column("target", "Kế hoạch năm 2024", "target"), Column("actual", "Thực hiện năm 2024", "value"),
               Column("status", "Đánh giá", "status")]
    return Report("year", "Báo cáo", "năm 2024", columns, [Group("I", "Văn hóa - xã hội", list(rows))])


def test_a_target_without_figure_says_so_once() -> None:
    row = _row(unit="%", target=Target(4, None, "="), status="Chưa có số liệu")
    assert row_narrative(row, _year_report(row)) == (
        "Mức giảm tỷ lệ hộ nghèo: mục tiêu 4%, chưa có số liệu năm 2024 để đánh giá."
    )


def test_a_figure_without_target_says_why_it_is_not_judged() -> None:
    rule = "thực hiện 555 (năm 2024); không có mục tiêu năm 2024 để so sánh → Không đánh giá"
    row = _row(label="Diện tích chè trồng mới", unit="ha", values={"actual": 555}, status="Không đánh giá", rule=rule)
    assert row_narrative(row, _year_report(row)) == (
        "Diện tích chè trồng mới năm 2024 đạt 555 ha; không đánh giá (không có mục tiêu năm 2024 để so sánh)."
    )


def test_rows_without_verdict_are_listed_under_their_reason() -> None:
    no_target = "thực hiện 1 (năm 2024); không có mục tiêu năm 2024 để so sánh → Không đánh giá"
    rows = [_row(label=f"Chỉ tiêu {i}", values={"actual": 1.0}, status="Không đánh giá", rule=no_target)
            for i in range(3)]
    [section] = summarise(_year_report(*rows))
    assert section.title == "Các chỉ tiêu chưa đánh giá được do không có mục tiêu năm 2024 để so sánh"
    assert section.items == ["Chỉ tiêu 0", "Chỉ tiêu 1", "Chỉ tiêu 2"]
    missing = _row(target=Target(4, None, "="), status="Chưa có số liệu")
    [section] = summarise(_year_report(*rows, missing))
    assert section.title == "Các chỉ tiêu chưa đánh giá được"
    assert section.items[-1] == "Mức giảm tỷ lệ hộ nghèo (chưa có số liệu năm 2024)"
    assert section.items[0] == "Chỉ tiêu 0 (không có mục tiêu năm 2024 để so sánh)"


# A November store in our own words: a resolution with three targets, and a nine-month report
# whose figures are written as provinces write them.
RESOLUTION = """HỘI ĐỒNG NHÂN DÂN TỈNH SƠN HÀ
NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2024
Điều 1. Các chỉ tiêu chủ yếu năm 2024
1. Số xã được công nhận đạt chuẩn nông thôn mới trong năm: 6 xã.
2. Tỷ lệ hộ nghèo giảm còn dưới 15%.
3. Thu ngân sách nhà nước trên địa bàn đạt 2.600 tỷ đồng.
"""

NINE_MONTHS = """ỦY BAN NHÂN DÂN TỈNH SƠN HÀ
BÁO CÁO
Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 9 tháng năm 2024
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Trong 9 tháng, có thêm 3 xã được công nhận đạt chuẩn nông thôn mới, bằng 50% kế hoạch, nâng tổng \
số xã đạt chuẩn nông thôn mới lên 41 xã.
2. Tổng chi ngân sách địa phương 9 tháng năm 2024 đạt hơn 6.210,5 tỷ đồng, bằng 64% dự toán HĐND tỉnh giao.
3. Thu ngân sách nhà nước trên địa bàn 9 tháng ước đạt 1.950 tỷ đồng, bằng 75% kế hoạch.
4. Tỷ lệ giải ngân vốn đầu tư công đến 30/9/2024 đạt 41,35% kế hoạch.
Tai nạn giao thông xảy ra 40 vụ, làm 14 người chết.
"""


@pytest.fixture(scope="module")
def november_narrative(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("language")
    url = f"sqlite:///{tmp / 'tinh.db'}"
    store_extracted(url, tmp, "nq-2024.txt", RESOLUTION)
    store_extracted(url, tmp, "bc-9-thang-2024.txt", NINE_MONTHS)
    out = tmp / "bao-cao.html"
    write_report(build(url, 2024, None, None), "html", out)
    html = re.sub(r"<style.*?</style>", "", out.read_text("utf-8"), flags=re.S)
    body = html.split("Nơi nhận")[0]  # the narrative, not the appendix table nor the sources
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "\n", body))


def test_the_november_narrative_reads_as_the_province_writes(november_narrative: str) -> None:
    text = november_narrative
    assert "trong năm 9 tháng" not in text and "trong năm năm" not in text
    assert "Số xã được công nhận đạt chuẩn nông thôn mới trong 9 tháng năm 2024 là 3 xã" in text
    assert "Số xã đạt chuẩn nông thôn mới 9 tháng năm 2024 là 41 xã" in text
    assert "bằng 64% dự toán HĐND tỉnh giao" in text and "(tính từ tỷ lệ % dự toán HĐND tỉnh giao)" in text
    assert "đạt trên 6.210,5 tỷ đồng" in text  # the bound stays a bound
    assert "Tỷ lệ giải ngân vốn đầu tư công 9 tháng năm 2024 đạt 41,35%;" in text  # no "bằng 41,4% kế hoạch"
    assert "đạt 2.600 tỷ đồng, bằng 100% kế hoạch" in text
    assert "Tỷ lệ hộ nghèo: mục tiêu dưới 15%, chưa có số liệu năm 2024 để đánh giá" in text
    assert "ước đạt 1.950 tỷ đồng" in text
    assert "không đánh giá (không có mục tiêu năm 2024 để so sánh)" in text
    assert "chưa có số liệu; " not in text and " 0 nhiệm vụ" not in text
    for word in ("Vượt", "Đạt", "Không đạt", "Không đánh giá", "Khoảng", "Dưới", "Trên"):
        assert not re.search(rf"[a-zà-ỹ0-9,;] {word}\b", text), word  # lower case inside a sentence
    doubled = re.findall(r"\b(\w+) \1\b", text)
    assert not doubled, doubled


def _term_report(*rows: Row) -> Report:
    columns = [Column("target", "Mục tiêu", "target"), Column("2025", "Ước 2025", "value", estimate=True),
               Column("term", "Ước cả nhiệm kỳ", "aggregate"), Column("status", "Đánh giá", "status")]
    return Report("term", "Báo cáo", "giai đoạn 2021-2025", columns, [Group("I", "Văn hóa - xã hội", list(rows))])


def test_a_terms_bound_figure_is_written_in_words() -> None:
    row = _row(label="Tỷ lệ hộ nghèo", unit="%", target=Target(15, None, "<"), values={"2025": 15.0},
               value_texts={"2025": "<15"}, aggregate_text="<15", status="Đạt", direction="down",
               estimates={"2025"})
    report = _term_report(row)
    assert row_narrative(row, report) == (
        "Tỷ lệ hộ nghèo giai đoạn 2021-2025 ước là dưới 15%; mục tiêu dưới 15%, đạt mục tiêu."
    )
    [section] = summarise(report)
    assert section.items == ["Tỷ lệ hộ nghèo (dưới 15%; mục tiêu dưới 15%)"]


def test_a_documents_verdict_the_rule_disagrees_with_is_said_once_and_in_lower_case() -> None:
    row = _row(label="Tỷ lệ trường đạt chuẩn quốc gia", indicator_code="schools", unit="%",
               target=Target(60, None, "="), aggregate=60.5, aggregate_formula="last", status="Vượt",
               official_status="Đạt")
    report = _term_report(row)
    assert row_narrative(row, report).endswith("vượt mục tiêu (văn bản nguồn đánh giá: đạt).")
    assert len(consistency_items(report)) == 1
    report.findings = [Finding('Tỷ lệ trường đạt chuẩn quốc gia: văn bản đánh giá "Đạt", theo quy tắc là "Vượt"',
                               "schools")]
    assert consistency_items(report) == [report.findings[0].text + "."]
