"""Numbers, sentences, summaries and task states read the way a provincial report writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.report import Finding, Target
from chitieu.report.model import describe_target
from chitieu.report.narrative import (
    change_phrase,
    consistency_items,
    indicator_sentence,
    missing_groups_sentence,
    overview_sentence,
    plan_ratio_phrase,
    row_narrative,
    summarise,
)
from chitieu.report.numbers import decimals_needed, format_number, format_quantity, roman
from chitieu.report.sample import parse_vn_number, report_from_term_table
from chitieu.report.tasks import classify_task, task_summary_sentence


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (125797, None, "125.797"),
        (1234.5, None, "1.234,5"),
        (11056.22, None, "11.056,22"),
        (5.3905, 2, "5,39"),
        (5.385, 2, "5,39"),  # half-up, as printed tables round
        (-3.42, None, "-3,42"),
        (8.0, 2, "8,00"),
        (2400, None, "2.400"),
        (0.4, None, "0,4"),
        (-0.001, 1, "0,0"),  # never "-0,0"
        (1_099_000, None, "1.099.000"),
    ],
)
def test_format_number_uses_vietnamese_separators(value: float, decimals: int | None, expected: str) -> None:
    assert format_number(value, decimals) == expected


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_numbers_read_back_to_the_same_value(value: object) -> None:
    number = float(value)  # type: ignore[arg-type]
    assert parse_vn_number(format_number(number, 2)) == pytest.approx(round(number, 2), abs=1e-9)


@pytest.mark.parametrize(("values", "expected"), [([4.2, 8.24], 2), ([818, 606], 0), ([45.1, None], 1), ([1 / 3], 2)])
def test_decimals_needed(values: list[float | None], expected: int) -> None:
    assert decimals_needed(values) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [(55.7, "%", "55,7%"), (0.4, "‰", "0,4‰"),
                                                         (5.39, "%/năm", "5,39%/năm"), (125797, "tấn", "125.797 tấn")])
def test_quantities_attach_units_as_sentences_do(value: float, unit: str, expected: str) -> None:
    assert format_quantity(value, unit) == expected


@pytest.mark.parametrize(("number", "numeral"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman_numerals(number: int, numeral: str) -> None:
    assert roman(number) == numeral


@pytest.mark.parametrize(
    ("target", "text"),
    [(Target(9, 10, "range"), "9-10"), (Target(90, None, ">"), "> 90"), (Target(2400, None, "="), "2.400"),
     (Target(5, None, "~"), "Khoảng 5"), (Target(15, None, "<"), "< 15"), (None, "")],
)
def test_targets_are_described_as_tables_write_them(target: Target | None, text: str) -> None:
    assert describe_target(target) == text


def test_the_reference_sentence() -> None:
    sentence = indicator_sentence(
        "Sản lượng lương thực có hạt", 125797, "tấn", estimate=True, plan_ratio=55.7, plan_basis="kế hoạch",
        change={"value": 1677, "unit": "tấn", "direction": "up", "basis": "cùng kỳ năm trước"},
    )
    assert sentence == ("Sản lượng lương thực có hạt ước đạt 125.797 tấn, bằng 55,7% kế hoạch, "
                        "tăng 1.677 tấn so với cùng kỳ năm trước")


@pytest.mark.parametrize(
    ("ratio", "basis", "phrase"),
    [(55.7, "kế hoạch", "bằng 55,7% kế hoạch"), (118.3, "kế hoạch", "vượt 18,3% kế hoạch"),
     (100.0, "kế hoạch", "bằng 100% kế hoạch"), (80, "dự toán Trung ương giao", "bằng 80% dự toán Trung ương giao"),
     (190, "kế hoạch", "vượt 90% kế hoạch")],
)
def test_plan_ratio_phrases(ratio: float, basis: str, phrase: str) -> None:
    assert plan_ratio_phrase(ratio, basis) == phrase


@pytest.mark.parametrize(
    ("change", "phrase"),
    [({"value": 0.67, "unit": "điểm %", "direction": "up"}, "tăng 0,67 điểm % so với cùng kỳ năm trước"),
     ({"value": 1.5, "unit": "lần", "direction": "up"}, "tăng 1,5 lần so với cùng kỳ năm trước"),
     ({"value": 3.2, "unit": "%", "direction": "down"}, "giảm 3,2% so với cùng kỳ năm trước"),
     ({"value": 0, "unit": "tấn"}, "bằng cùng kỳ năm trước")],
)
def test_change_phrases(change: dict[str, object], phrase: str) -> None:
    assert change_phrase(change) == phrase


def test_actual_without_estimate_or_ratio() -> None:
    assert indicator_sentence("Tỷ lệ che phủ rừng", 52.0, "%", period_label="năm 2024") == \
        "Tỷ lệ che phủ rừng năm 2024 đạt 52%"
    assert indicator_sentence("Thu ngân sách", None, "tỷ đồng") == "Thu ngân sách chưa có số liệu"


def test_term_row_sentence_names_the_rule_the_target_and_the_verdict() -> None:
    report = report_from_term_table()
    grdp = report.groups[0].rows[0]
    assert row_narrative(grdp, report) == (
        "Tốc độ tăng trưởng kinh tế (GRDP) bình quân nhiệm kỳ 2020-2025 ước đạt 5,39%/năm "
        "(bình quân tăng trưởng kép); mục tiêu 9-10%/năm, không đạt mục tiêu."
    )
    tea = report.groups[0].rows[2]
    assert row_narrative(tea, report) == (
        "Diện tích trồng chè mới cả giai đoạn nhiệm kỳ 2020-2025 ước đạt 2.719 ha (tổng các năm); "
        "mục tiêu 2.400 ha, vượt mục tiêu."
    )


def test_year_row_sentence_compares_with_the_previous_column() -> None:
    from chitieu.report import Column, Group, Report, Row

    report = Report(
        kind="year", title="Báo cáo năm 2024", period_label="năm 2024",
        columns=[Column("plan", "Kế hoạch năm 2024", "target"), Column("2023", "Thực hiện năm 2023", "value"),
                 Column("2024", "Ước thực hiện năm 2024", "value", estimate=True),
                 Column("status", "Đánh giá", "status")],
        groups=[Group("I", "Kinh tế", [Row("1", "Sản lượng lương thực có hạt", "tấn", target=Target(226000),
                                           values={"2023": 124120, "2024": 125797}, status="Không đạt")])],
    )
    row = report.groups[0].rows[0]
    assert row_narrative(row, report) == (
        "Sản lượng lương thực có hạt năm 2024 ước đạt 125.797 tấn, bằng 55,7% kế hoạch, "
        "tăng 1.677 tấn so với năm 2023; mục tiêu 226.000 tấn, không đạt mục tiêu."
    )


def test_summary_sorts_rows_into_ahead_on_track_at_risk() -> None:
    report = report_from_term_table()
    sections = {s.key: s for s in summarise(report)}
    assert set(sections) == {"ahead", "on_track", "at_risk"}
    assert len(sections["ahead"].items) == 5 and len(sections["on_track"].items) == 4
    assert sections["at_risk"].items == ["Tốc độ tăng trưởng kinh tế (GRDP) bình quân (5,39%/năm; mục tiêu 9-10%/năm)"]
    assert overview_sentence(report) == "Trong tổng số 10 chỉ tiêu: 5 chỉ tiêu vượt, 4 chỉ tiêu đạt, 1 chỉ tiêu không đạt."


def test_a_partly_empty_report_names_the_groups_without_figures() -> None:
    report = report_from_term_table()
    assert missing_groups_sentence(report) == ""
    first, second = report.groups[0], report.groups[1]
    for row in second.rows:
        row.status = "Chưa có số liệu"
    assert report.groups_without_figures() == [second.name[:1].lower() + second.name[1:]]
    assert missing_groups_sentence(report) == f" Chưa có số liệu {report.period_label} của nhóm chỉ tiêu {second.name.lower()}."
    for row in first.rows:
        row.status = "Chưa có số liệu"
    both = missing_groups_sentence(report)
    assert both.startswith(f" Chưa có số liệu {report.period_label} của các nhóm chỉ tiêu: {first.name.lower()}; ")
    # one row with a figure is enough: the group is not missing
    second.rows[0].status = "Không đánh giá"
    assert report.groups_without_figures() == [first.name.lower()]


def test_consistency_items_include_findings_and_disagreeing_verdicts() -> None:
    report = report_from_term_table()
    report.findings = [Finding("Cơ cấu kinh tế năm 2024 cộng lại bằng 99,2%, không phải 100%")]
    row = report.groups[1].rows[2]
    row.official_status, row.status, row.rule = "Đạt", "Vượt", "mục tiêu trên 95%: 95,4 > 95"
    items = consistency_items(report)
    assert items[0] == "Cơ cấu kinh tế năm 2024 cộng lại bằng 99,2%, không phải 100%."
    assert items[1] == ("Tỷ lệ dân số tham gia bảo hiểm y tế: văn bản nguồn đánh giá «Đạt», theo quy tắc "
                        "đánh giá là «Vượt» (mục tiêu trên 95%: 95,4 > 95).")


@pytest.mark.parametrize(
    ("deadline", "completed", "as_of", "status"),
    [
        (dt.date(2024, 11, 15), dt.date(2024, 11, 10), dt.date(2024, 12, 31), "Hoàn thành đúng hạn"),
        (dt.date(2024, 11, 15), dt.date(2024, 11, 20), dt.date(2024, 12, 31), "Hoàn thành quá hạn"),
        (dt.date(2024, 11, 15), None, dt.date(2024, 11, 15), "Đang thực hiện trong hạn"),
        (dt.date(2024, 11, 15), None, dt.date(2024, 11, 16), "Quá hạn chưa hoàn thành"),
        (None, None, dt.date(2030, 1, 1), "Đang thực hiện trong hạn"),
        (dt.date(2024, 11, 15), dt.date(2025, 1, 5), dt.date(2024, 12, 31), "Quá hạn chưa hoàn thành"),
    ],
)
def test_task_states_follow_decision_42(deadline: dt.date | None, completed: dt.date | None, as_of: dt.date,
                                        status: str) -> None:
    assert classify_task(deadline, completed, as_of) == status


@pytest.mark.parametrize(
    ("statuses", "sentence"),
    [
        (["Hoàn thành đúng hạn", "Quá hạn chưa hoàn thành"],
         "Tổng số 2 nhiệm vụ: đã hoàn thành đúng hạn 1 nhiệm vụ; quá hạn chưa hoàn thành 1 nhiệm vụ."),
        (["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn"],
         "Tổng số 3 nhiệm vụ: đã hoàn thành 2 nhiệm vụ (đúng hạn 1, quá hạn 1); đang thực hiện trong hạn 1 nhiệm vụ."),
        (["Hoàn thành quá hạn"], "Tổng số 1 nhiệm vụ: đã hoàn thành quá hạn 1 nhiệm vụ."),
        (["Đang thực hiện trong hạn"] * 3 + ["Quá hạn chưa hoàn thành"],
         "Tổng số 4 nhiệm vụ: chưa có nhiệm vụ nào hoàn thành; đang thực hiện trong hạn 3 nhiệm vụ; "
         "quá hạn chưa hoàn thành 1 nhiệm vụ."),
    ],
)
def test_task_summary_sentence_names_only_what_is_there(statuses: list[str], sentence: str) -> None:
    from chitieu.report import TaskRow

    tasks = [TaskRow(str(i), "a", "Sở Y tế", status=s) for i, s in enumerate(statuses)]  # type: ignore[arg-type]
    assert task_summary_sentence(tasks) == sentence
    assert " 0 " not in sentence
